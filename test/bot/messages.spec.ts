import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors';
import type { DomainProblem, DomainProblemKind } from '../../src/domain/problems';
import type { InvalidProblem } from '../../src/bot/intents';
import type { Locale } from '../../src/texts/locale';
import { messages, type Messages } from '../../src/bot/messages';

const LOCALES: readonly Locale[] = ['sv', 'en'];
const PROBLEMS: readonly InvalidProblem[] = [
  'badDate',
  'missingDate',
  'badSnoozeDate',
  'missingSnoozeDate',
  'missingRoleVerb',
  'badReference',
  'badRole',
  'missingPrincipal',
  'tooLong',
];
/** One problem of every kind, with typical values; the type makes a new kind fail to compile until it is here. */
const RULE_PROBLEMS: { [K in DomainProblemKind]: Extract<DomainProblem, { kind: K }> } = {
  notADate: { kind: 'notADate', text: '31/4' },
  dateNotInCalendar: { kind: 'dateNotInCalendar', date: '2023-02-30' },
  notACalendarDate: { kind: 'notACalendarDate', date: '2023-02-30' },
  unknownTimeZone: { kind: 'unknownTimeZone', timeZone: 'Mars/Olympus' },
  invalidLocalTime: {
    kind: 'invalidLocalTime',
    date: '2026-03-29',
    time: '25:00',
    timeZone: 'Europe/Stockholm',
  },
  noWorkingDay: { kind: 'noWorkingDay', date: '2026-03-31' },
  notAReference: { kind: 'notAReference', text: 'B-17' },
  notARecommendationReference: { kind: 'notARecommendationReference', text: 'A-3' },
  sameStatus: { kind: 'sameStatus', ref: 'A-17', status: 'Genomförd' },
  cancelNeedsReason: { kind: 'cancelNeedsReason', ref: 'A-17' },
  reopenNeedsReason: { kind: 'reopenNeedsReason', ref: 'A-17', status: 'Avbruten' },
  closedNoNewDate: { kind: 'closedNoNewDate', ref: 'A-17', status: 'Genomförd' },
  sameDeadline: { kind: 'sameDeadline', ref: 'A-17', date: '2026-03-31' },
  deadlineInPast: { kind: 'deadlineInPast', ref: 'A-17', date: '2020-01-01', today: '2026-03-02' },
  emptyActionText: { kind: 'emptyActionText' },
  actionTextTooLong: { kind: 'actionTextTooLong', length: 4_100, max: 4_000 },
  commentTooLong: { kind: 'commentTooLong', length: 2_100, max: 2_000 },
  emptyNote: { kind: 'emptyNote', ref: 'A-17' },
  evidenceNotAUrl: { kind: 'evidenceNotAUrl', given: 'Minutes' },
  evidenceNotHttps: { kind: 'evidenceNotHttps', scheme: 'javascript:' },
  evidenceWithCredentials: { kind: 'evidenceWithCredentials' },
  evidenceUrlTooLong: { kind: 'evidenceUrlTooLong', length: 2_100, max: 2_000 },
  evidenceBadFile: { kind: 'evidenceBadFile', field: 'name' },
  tooMuchEvidence: { kind: 'tooMuchEvidence', ref: 'A-17', max: 20 },
  unknownEvidence: { kind: 'unknownEvidence', ref: 'A-17', item: 4 },
  recommendationRefTaken: { kind: 'recommendationRefTaken', ref: 'R-7', text: 'Introduce routines' },
  evidenceAlreadyAttached: {
    kind: 'evidenceAlreadyAttached',
    ref: 'A-17',
    names: ['https://kommun.se/x.pdf', 'minutes.pdf'],
  },
  tooMuchEvidenceAtOnce: { kind: 'tooMuchEvidenceAtOnce', ref: 'A-17', max: 20, live: 19, adding: 2 },
  unknownVerdict: {
    kind: 'unknownVerdict',
    given: 'Finished',
    verdicts: ['Åtgärdad', 'Delvis åtgärdad', 'Ej åtgärdad', 'Inte längre aktuell'],
  },
  snoozeNotAfterToday: { kind: 'snoozeNotAfterToday', ref: 'A-17', today: '2026-03-20' },
  snoozeTooLong: { kind: 'snoozeTooLong', ref: 'A-17', until: '2027-06-01', days: 438 },
  reasonTooLong: { kind: 'reasonTooLong', length: 2_100, max: 2_000 },
  closedNoSnooze: { kind: 'closedNoSnooze', ref: 'A-17', status: 'Avbruten' },
  invalidPolicy: {
    kind: 'invalidPolicy',
    issues: [
      { field: 'sendTime', message: 'ska vara HH:MM' },
      { field: '', message: 'okänd nyckel' },
    ],
  },
  storedPolicyInvalid: {
    kind: 'storedPolicyInvalid',
    problem: { kind: 'invalidPolicy', issues: [{ field: 'summerBreak.from', message: 'ska vara MM-DD' }] },
  },
  storedPolicyNotObject: { kind: 'storedPolicyNotObject' },
  settingNotJson: { kind: 'settingNotJson', key: 'digestChannel' },
  settingWithoutJson: { kind: 'settingWithoutJson', key: 'digestChannel' },
  unknownRole: { kind: 'unknownRole', given: '"boss"', roles: ['admin', 'chair', 'coordinator'] },
  coordinatorNeedsCommittee: { kind: 'coordinatorNeedsCommittee' },
  roleHasNoCommittee: { kind: 'roleHasNoCommittee', role: 'chair' },
  roleNotHeld: { kind: 'roleNotHeld', principal: 'dora.dahl@kommun.se', role: 'admin', committee: null },
  badPrincipal: { kind: 'badPrincipal', given: '""' },
  principalTooLong: { kind: 'principalTooLong', length: 400, max: 254 },
  committeeTooLong: { kind: 'committeeTooLong', length: 400, max: 200 },
  unknownCommittee: {
    kind: 'unknownCommittee',
    given: 'Technical Board',
    known: Array.from({ length: 10 }, (_, i) => `Committee ${i + 1}`),
  },
  noConversationId: { kind: 'noConversationId' },
  foreignConversation: { kind: 'foreignConversation', conversationId: '19:abc' },
  unknownConversationType: {
    kind: 'unknownConversationType',
    given: '"meeting"',
    types: ['personal', 'groupChat', 'channel'],
  },
  badServiceUrl: { kind: 'badServiceUrl', given: '"ftp://x"' },
  badCardData: { kind: 'badCardData', field: 'version' },
};

/** Words that only Swedish has: none may show in an English text (å, ä and ö are checked apart). */
const SWEDISH_WORDS = [
  'och',
  'är',
  'inte',
  'har',
  'redan',
  'datum',
  'ange',
  'varför',
  'kalendern',
  'skriv',
  'till',
  'exempel',
  'kör',
  'ogiltig',
  'måste',
  'saknar',
  'finns',
  'gäller',
  'nämnd',
  'ska',
  'okänd',
  'policyn',
  'den',
  'tecken',
];

/** Every text of a locale, each message function called with typical arguments (several calls for some). */
function allTexts(say: Messages, statusLabel: string): Record<string, string[]> {
  const calls: Record<keyof Messages, string[]> = {
    help: [say.help()],
    unknown: [say.unknown(null), say.unknown('A-17')],
    invalid: PROBLEMS.flatMap((problem) => [
      say.invalid(problem, ''),
      say.invalid(problem, '31/4'),
      say.invalid(problem, '31/4', 'A-17'),
    ]),
    noActions: [say.noActions()],
    saved: [say.saved('A-17', statusLabel)],
    dateChanged: [say.dateChanged('A-17', '2026-03-31')],
    notFound: [say.notFound('A-17')],
    gone: [say.gone()],
    severalActions: [say.severalActions(['A-1', 'A-2'])],
    thanks: [say.thanks()],
    notAllowed: [say.notAllowed('A-17')],
    staleCard: [say.staleCard('A-17')],
    conflict: [say.conflict('A-17')],
    confirmMatch: [say.confirmMatch('A-17', 'Rutin för egenkontroll', statusLabel)],
    noMatch: [say.noMatch()],
    nothingChanged: [say.nothingChanged()],
    unknownButton: [say.unknownButton()],
    shown: [say.shown('A-17')],
    ruleBroken: Object.values(RULE_PROBLEMS).map((problem) => say.ruleBroken(problem)),
    storageDown: [say.storageDown()],
    storageTimeout: [say.storageTimeout()],
    unexpected: [say.unexpected()],
    alreadyHandled: [say.alreadyHandled()],
    tenantNotAllowed: [say.tenantNotAllowed()],
    unknownUser: [say.unknownUser()],
    welcomePersonal: [say.welcomePersonal()],
    welcomeTeam: [say.welcomeTeam()],
    digestChannelSet: [say.digestChannelSet()],
    digestOnlyInChannel: [say.digestOnlyInChannel()],
    roleAdded: [
      say.roleAdded('a@b.se', 'coordinator', 'Socialnämnden'),
      say.roleAdded('a@b.se', 'admin', null),
    ],
    roleRemoved: [say.roleRemoved('a@b.se', 'chair', null)],
    onlyAdmin: [say.onlyAdmin()],
    readOnly: [say.readOnly()],
    snoozed: [say.snoozed('A-17', '2026-08-15')],
    trimmed: [say.trimmed(25, 130)],
    importNotAllowed: [say.importNotAllowed()],
    importOtherCommittee: [say.importOtherCommittee('Socialnämnden', 'Tekniska nämnden')],
    importBadFile: [say.importBadFile('svar.pdf')],
    importDownloadFailed: [say.importDownloadFailed('svar.docx')],
    importTooLarge: [say.importTooLarge('svar.docx', 5)],
    importAddressRefused: (['scheme', 'credentials', 'ipLiteral', 'host', 'internalAddress'] as const).map(
      (reason) => say.importAddressRefused('svar.docx', 'evil.example', reason),
    ),
    importTooComplex: [say.importTooComplex('svar.docx')],
    importNoDraft: [say.importNoDraft('svar.txt: hittade inga åtgärder i dokumentet')],
    importDraftTooLarge: [say.importDraftTooLarge()],
    importInvalid: [say.importInvalid('utkast: audits[0].reportDate: förväntade ett datum ÅÅÅÅ-MM-DD')],
    importCancelled: [say.importCancelled()],
  };
  return calls;
}

/** Problems whose Swedish command-line sentence names a flag or an English role word: chat words them itself. */
const CHAT_WORDED: ReadonlySet<DomainProblemKind> = new Set([
  'coordinatorNeedsCommittee',
  'roleHasNoCommittee',
  'roleNotHeld',
]);

const SWEDISH_STATUS = ['Planerad', 'Pågår', 'Genomförd', 'Försenad', 'Avbruten'];
const ENGLISH_STATUS = ['Planned', 'In progress', 'Done', 'Overdue', 'Cancelled'];

function containsWord(text: string, word: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

describe('messages', () => {
  it('has the same functions in both locales', () => {
    assert.deepEqual(Object.keys(messages('sv')).sort(), Object.keys(messages('en')).sort());
  });

  for (const locale of LOCALES) {
    const statusLabel = locale === 'sv' ? 'Genomförd' : 'Done';

    it(`${locale}: every function returns non-empty text`, () => {
      const texts = allTexts(messages(locale), statusLabel);
      assert.deepEqual(Object.keys(texts).sort(), Object.keys(messages(locale)).sort());
      for (const [name, outputs] of Object.entries(texts)) {
        for (const text of outputs) {
          assert.equal(typeof text, 'string', name);
          assert.ok(text.trim().length > 0, `${locale}.${name} is empty`);
          assert.ok(!text.includes('undefined') && !text.includes('null'), `${locale}.${name}: ${text}`);
          assert.ok(!text.includes('${'), `${locale}.${name} has an unfilled placeholder: ${text}`);
        }
      }
    });

    it(`${locale}: uses only its own language's status words`, () => {
      const foreign = locale === 'sv' ? ENGLISH_STATUS : SWEDISH_STATUS;
      for (const [name, outputs] of Object.entries(allTexts(messages(locale), statusLabel))) {
        for (const text of outputs) {
          for (const word of foreign) {
            assert.ok(!containsWord(text, word), `${locale}.${name} says "${word}": ${text}`);
          }
        }
      }
    });

    it(`${locale}: names the reference and the date as given`, () => {
      const say = messages(locale);
      assert.ok(say.saved('A-17', statusLabel).includes('A-17'));
      assert.ok(say.saved('A-17', statusLabel).includes(statusLabel));
      assert.ok(say.dateChanged('A-17', '2026-03-31').includes('2026-03-31'));
      assert.ok(say.unknown('A-17').includes('A-17'));
      assert.ok(say.invalid('badDate', '2023-02-30').includes('2023-02-30'));
      assert.ok(say.snoozed('A-17', '2026-08-15').includes('2026-08-15'));
      assert.ok(say.trimmed(25, 130).includes('25') && say.trimmed(25, 130).includes('130'));
    });
  }

  describe('broken rules (ruleBroken), every kind of problem', () => {
    for (const problem of Object.values(RULE_PROBLEMS)) {
      if (CHAT_WORDED.has(problem.kind)) {
        it(`${problem.kind}: Swedish is chat's own sentence, not the command line's`, () => {
          const text = messages('sv').ruleBroken(problem);
          assert.notEqual(text, new DomainError(problem).message);
          assert.doesNotMatch(text, /--|\b(?:admin|chair|coordinator|auditor)\b/, text);
        });
      } else {
        it(`${problem.kind}: Swedish is the domain error's own message, word for word`, () => {
          assert.equal(messages('sv').ruleBroken(problem), new DomainError(problem).message);
        });
      }

      it(`${problem.kind}: English is a full English sentence, without Swedish`, () => {
        const text = messages('en').ruleBroken(problem);
        assert.match(text, /^["`]?[A-Z0-9]/, `starts a sentence: ${text}`);
        assert.match(text, /[.`]$|: \S+$/, `ends a sentence: ${text}`);
        assert.doesNotMatch(text, /[åäöÅÄÖ]/, `no Swedish letters: ${text}`);
        for (const word of SWEDISH_WORDS) {
          assert.ok(!containsWord(text, word), `says the Swedish "${word}": ${text}`);
        }
        assert.notEqual(text, messages('sv').ruleBroken(problem));
      });
    }

    it('names the values in both languages', () => {
      for (const locale of LOCALES) {
        const say = messages(locale);
        assert.ok(say.ruleBroken(RULE_PROBLEMS.dateNotInCalendar).includes('2023-02-30'));
        assert.ok(say.ruleBroken(RULE_PROBLEMS.notAReference).includes('"B-17"'));
        assert.ok(say.ruleBroken(RULE_PROBLEMS.sameDeadline).includes('A-17'));
        assert.ok(say.ruleBroken(RULE_PROBLEMS.snoozeTooLong).includes('438'));
        const unknown = say.ruleBroken(RULE_PROBLEMS.unknownCommittee);
        assert.ok(unknown.includes('"Technical Board"') && unknown.includes('Committee 8'), unknown);
        assert.ok(!unknown.includes('Committee 9'), `lists at most eight: ${unknown}`);
        assert.match(unknown, locale === 'sv' ? /och 2 till\.$/ : /and 2 more\.$/);
        const none = say.ruleBroken({ kind: 'unknownCommittee', given: 'X', known: [] });
        assert.match(none, locale === 'sv' ? /importera granskningen först/ : /import the audit first/);
      }
      assert.equal(
        messages('en').ruleBroken(RULE_PROBLEMS.sameStatus),
        'A-17 is already Done; nothing was changed.',
      );
      assert.equal(
        messages('en').ruleBroken(RULE_PROBLEMS.reopenNeedsReason),
        'A-17 is cancelled; please give a reason for reopening it.',
      );
    });

    it('keeps the Swedish sentences of today', () => {
      const sv = messages('sv');
      assert.equal(sv.ruleBroken(RULE_PROBLEMS.dateNotInCalendar), '2023-02-30 finns inte i kalendern.');
      assert.equal(sv.ruleBroken(RULE_PROBLEMS.cancelNeedsReason), 'Ange varför A-17 avbryts.');
      assert.equal(
        sv.ruleBroken(RULE_PROBLEMS.reopenNeedsReason),
        'A-17 är avbruten; ange varför den öppnas igen.',
      );
      assert.equal(
        sv.ruleBroken(RULE_PROBLEMS.invalidPolicy),
        'Påminnelsepolicyn är ogiltig: sendTime: ska vara HH:MM; policyn: okänd nyckel.',
      );
    });
  });

  it('says the contract sentences word for word', () => {
    const sv = messages('sv');
    assert.equal(sv.staleCard('A-17'), 'Någon ändrade A-17 medan kortet var öppet; här är det aktuella.');
    assert.equal(
      sv.storageDown(),
      'Jag kommer inte åt lagringen just nu. Försök igen om en stund; inget har sparats.',
    );
  });

  it('words the role rules for chat, where the committee is the words after the role', () => {
    const cases: readonly [Locale, DomainProblem, string][] = [
      [
        'sv',
        RULE_PROBLEMS.coordinatorNeedsCommittee,
        'En samordnare måste ha en nämnd: skriv nämnden efter rollen, till exempel `roll lägg till anna.andersson@kommun.se samordnare Sociala omsorgsnämnden`.',
      ],
      [
        'sv',
        RULE_PROBLEMS.roleHasNoCommittee,
        'Rollen ordförande gäller hela organisationen och har ingen nämnd: skriv ingenting efter rollen.',
      ],
      [
        'sv',
        { ...RULE_PROBLEMS.roleNotHeld, role: 'auditor' },
        'dora.dahl@kommun.se har inte rollen revisor; inget har ändrats.',
      ],
      [
        'en',
        RULE_PROBLEMS.roleNotHeld,
        'Nothing was changed: dora.dahl@kommun.se does not have the role admin.',
      ],
    ];
    for (const [locale, problem, expected] of cases)
      assert.equal(messages(locale).ruleBroken(problem), expected);
    // The command line keeps its own words: its flag, its role names.
    assert.match(new DomainError(RULE_PROBLEMS.roleHasNoCommittee).message, /ta bort --committee/);
    assert.equal(
      new DomainError(RULE_PROBLEMS.roleNotHeld).message,
      'dora.dahl@kommun.se har inte rollen admin; inget har ändrats.',
    );
  });

  it('gives the missing-date hint of the command that was written, with its reference', () => {
    assert.equal(
      messages('sv').invalid('missingSnoozeDate', '', 'A-2'),
      'Det saknas ett datum. Skriv till exempel `pausa A-2 till 2026-08-15 motivering`.',
    );
    assert.equal(
      messages('en').invalid('missingSnoozeDate', '', 'A-2'),
      'The date is missing. Write for example `snooze A-2 until 2026-08-15 reason`.',
    );
    assert.match(
      messages('sv').invalid('badSnoozeDate', 'nästa fredag', 'A-2'),
      /`pausa A-2 till 2026-08-15/,
    );
  });

  it("gives role names in the reader's language", () => {
    assert.ok(
      messages('sv')
        .roleAdded('a@b.se', 'coordinator', 'Socialnämnden')
        .includes('samordnare för Socialnämnden'),
    );
    assert.ok(
      messages('en')
        .roleAdded('a@b.se', 'coordinator', 'Social Services')
        .includes('coordinator for Social Services'),
    );
  });
});
