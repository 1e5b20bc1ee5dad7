import assert from 'node:assert/strict';
import type { DomainErrorCode } from '../../src/domain/errors';
import type { InvalidProblem } from '../../src/bot/intents';
import type { Locale } from '../../src/bot/locale';
import { messages, type Messages } from '../../src/bot/messages';

const LOCALES: readonly Locale[] = ['sv', 'en'];
const PROBLEMS: readonly InvalidProblem[] = [
  'badDate',
  'missingDate',
  'badReference',
  'badRole',
  'missingPrincipal',
  'tooLong',
];
const RULE_CODES: readonly DomainErrorCode[] = [
  'InvalidDate',
  'InvalidReference',
  'UnknownReference',
  'InvalidStatusChange',
  'ReasonRequired',
  'InvalidValue',
  'NotAllowed',
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
    notFoundMessage: [say.notFoundMessage('X')],
    notAllowed: [say.notAllowed('A-17')],
    staleCard: [say.staleCard('A-17')],
    conflict: [say.conflict('A-17')],
    confirmMatch: [say.confirmMatch('A-17', 'Rutin för egenkontroll', statusLabel)],
    noMatch: [say.noMatch()],
    nothingChanged: [say.nothingChanged()],
    unknownButton: [say.unknownButton()],
    shown: [say.shown('A-17')],
    ruleBroken: RULE_CODES.map((code) => say.ruleBroken(code, 'X')),
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
    snoozeUnavailable: [say.snoozeUnavailable()],
    trimmed: [say.trimmed(25, 130)],
    importNotAllowed: [say.importNotAllowed()],
    importBadFile: [say.importBadFile('svar.pdf')],
    importDownloadFailed: [say.importDownloadFailed('svar.docx')],
    importTooLarge: [say.importTooLarge('svar.docx', 5)],
    importNoDraft: [say.importNoDraft('svar.txt: hittade inga åtgärder i dokumentet')],
    importDraftTooLarge: [say.importDraftTooLarge()],
    importInvalid: [say.importInvalid('utkast: audits[0].reportDate: förväntade ett datum ÅÅÅÅ-MM-DD')],
    importCancelled: [say.importCancelled()],
  };
  return calls;
}

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

  it('says the contract sentences word for word', () => {
    const sv = messages('sv');
    assert.equal(sv.staleCard('A-17'), 'Någon ändrade A-17 medan kortet var öppet; här är det aktuella.');
    assert.equal(
      sv.storageDown(),
      'Jag kommer inte åt lagringen just nu. Försök igen om en stund; inget har sparats.',
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
