import assert from 'node:assert/strict';
import { MAX_MESSAGE_LENGTH, parseIntent, type Intent } from '../../src/bot/intents';

const done = (ref: number, comment: string | null = null): Intent => ({
  kind: 'setStatus',
  ref,
  status: 'Genomförd',
  comment,
});
const inProgress = (ref: number, comment: string | null = null): Intent => ({
  kind: 'setStatus',
  ref,
  status: 'Pågår',
  comment,
});
const newDate = (ref: number, date: string, reason: string | null = null): Intent => ({
  kind: 'newDate',
  ref,
  date,
  reason,
});
const show = (ref: number): Intent => ({ kind: 'show', ref });
const unknown = (mentionedRef: number | null = null): Intent => ({ kind: 'unknown', mentionedRef });
const badDate = (ref: number | null, detail: string): Intent => ({
  kind: 'invalid',
  problem: 'badDate',
  ref,
  detail,
});
const badRef = (detail: string): Intent => ({ kind: 'invalid', problem: 'badReference', ref: null, detail });

/** [what the user typed, what it means]; grouped as docs/commands.md and docs/reliability.md list them. */
const CASES: ReadonlyArray<readonly [string, Intent]> = [
  // help
  ['hjälp', { kind: 'help' }],
  ['help', { kind: 'help' }],
  ['Hjälp!', { kind: 'help' }],
  ['?', { kind: 'help' }],
  ['vad kan du', { kind: 'help' }],
  ['Vad kan du göra?', { kind: 'help' }],
  ['what can you do?', { kind: 'help' }],
  ['hej', { kind: 'help' }],

  // my actions
  ['mina åtgärder', { kind: 'myActions' }],
  ['my actions', { kind: 'myActions' }],
  ['mina', { kind: 'myActions' }],
  ['visa mina åtgärder', { kind: 'myActions' }],
  ['MINA ÅTGÄRDER', { kind: 'myActions' }],
  ['Kan du visa mina öppna åtgärder?', { kind: 'myActions' }],
  ['show my open actions please', { kind: 'myActions' }],
  ['mina a\u030atga\u0308rder', { kind: 'myActions' }],

  // overdue
  ['försenade', { kind: 'overdue' }],
  ['overdue', { kind: 'overdue' }],
  ['vad är försenat', { kind: 'overdue' }],
  ['försenade åtgärder', { kind: 'overdue' }],
  ['Vad är försenat?', { kind: 'overdue' }],
  ['mina försenade åtgärder', { kind: 'overdue' }],
  ['what is overdue?', { kind: 'overdue' }],

  // summary and digest
  ['sammanställning', { kind: 'summary' }],
  ['summary', { kind: 'summary' }],
  ['Sammanställning för styrelsen', { kind: 'summary' }],
  ['digest här', { kind: 'digestHere' }],
  ['digest here', { kind: 'digestHere' }],
  ['Digest här tack', { kind: 'digestHere' }],

  // done, in the contract's forms and free phrasing
  ['A-17 klar', done(17)],
  ['A-17 done', done(17)],
  ['A-17 klar protokollet är skickat', done(17, 'protokollet är skickat')],
  ['A-17 done sent the minutes', done(17, 'sent the minutes')],
  ['A-17 klart', done(17)],
  ['A-17 färdig', done(17)],
  ['A-17 genomförd: rutinen antagen', done(17, 'rutinen antagen')],
  ['A-17 finished', done(17)],
  ['A-17 completed - policy adopted', done(17, 'policy adopted')],
  ['A-17 är klar nu', done(17)],
  ['klar med A-17: protokollet är skickat', done(17, 'protokollet är skickat')],
  ['Jag är klar med a17', done(17)],
  ['Är klar med A-17', done(17)],
  ['Kan du markera A-17 som klar?', done(17)],

  // references: any case, with or without the dash, typographic dashes
  ['a17 klar', done(17)],
  ['A17 klar', done(17)],
  ['a-17 KLAR', done(17)],
  ['A–17 klar', done(17)],
  ['A - 17 klar', done(17)],
  ['A-017 klar', done(17)],
  ['A-99999999 klar', done(99_999_999)],

  // in progress
  ['A-17 pågår', inProgress(17)],
  ['A-17 in progress', inProgress(17)],
  ['A-17 pågår upphandlingen har startat', inProgress(17, 'upphandlingen har startat')],
  ['A-17 in progress, waiting for the vendor', inProgress(17, 'waiting for the vendor')],
  ['A-17 påbörjad', inProgress(17)],
  ['A-17 startad', inProgress(17)],
  ['A-17 started', inProgress(17)],
  ['Arbetet med A-17 pågår', inProgress(17)],
  ['A-17 In  Progress', inProgress(17)],

  // comments keep the user's own text
  ["A-17 klar: Anna's rutin är 'godkänd'", done(17, "Anna's rutin är 'godkänd'")],
  ["A-17 done O'Brien signed", done(17, "O'Brien signed")],
  ['A-17 klar [Godkänt](https://evil.example)', done(17, '[Godkänt](https://evil.example)')],
  ['A-17 klar ${owner}', done(17, '${owner}')],
  ['A-17 klar, Protokoll Från KS', done(17, 'Protokoll Från KS')],
  ['A-17 klar\nrad två', done(17, 'rad två')],

  // new date
  ['A-17 nytt datum 2026-03-31', newDate(17, '2026-03-31')],
  ['A-17 new date 2026-03-31', newDate(17, '2026-03-31')],
  ['A-17 nytt datum 2026-03-31 Ny leverantör', newDate(17, '2026-03-31', 'Ny leverantör')],
  ['A-17 new date 2026-03-31 supplier went bankrupt', newDate(17, '2026-03-31', 'supplier went bankrupt')],
  ['flytta A-17 till 2026-03-31', newDate(17, '2026-03-31')],
  ['A-17 nytt slutdatum 2026-03-31: sjukskrivning', newDate(17, '2026-03-31', 'sjukskrivning')],
  [
    'Flytta A-17 till den 2026-03-31 eftersom nämnden inte hann',
    newDate(17, '2026-03-31', 'eftersom nämnden inte hann'),
  ],
  ['move a17 to 2026-03-31', newDate(17, '2026-03-31')],
  ['A-17 nytt datum 2024-02-29', newDate(17, '2024-02-29')],
  ['flytta till 2026-03-31 för A-17', newDate(17, '2026-03-31')],
  ['A-17 klar, vi fick flytta mötet', done(17, 'vi fick flytta mötet')],

  // dates that are not dates: named back, never guessed
  ['A-17 nytt datum 2023-02-30', badDate(17, '2023-02-30')],
  ['A-17 nytt datum 31/4', badDate(17, '31/4')],
  ['A-17 nytt datum igår', badDate(17, 'igår')],
  ['A-17 nytt datum nästa fredag eftersom semestern', badDate(17, 'nästa fredag')],
  ['flytta A-17 till i morgon', badDate(17, 'i morgon')],
  ['A-17 new date next Friday', badDate(17, 'next Friday')],
  ['A-17 nytt datum 2026-3-31', badDate(17, '2026-3-31')],
  ['A-17 nytt datum 2025-02-29', badDate(17, '2025-02-29')],
  ['A-17 nytt datum', { kind: 'invalid', problem: 'missingDate', ref: 17, detail: '' }],
  ['A-17 new date:', { kind: 'invalid', problem: 'missingDate', ref: 17, detail: '' }],
  // an exact Swedish day, month and year is a date; without the year, or a day the calendar lacks, it is named back whole
  ['A-17 nytt datum 30 september 2026', newDate(17, '2026-09-30')],
  ['A-17 nytt datum den 30 september 2026 budgeten', newDate(17, '2026-09-30', 'budgeten')],
  ['flytta A-17 till 1 maj 2027', newDate(17, '2027-05-01')],
  [
    'pausa A-17 till 15 augusti 2026 semester',
    { kind: 'snooze', ref: 17, until: '2026-08-15', reason: 'semester' },
  ],
  ['A-17 nytt datum 30 september budgeten', badDate(17, '30 september')],
  ['A-17 nytt datum 31 februari 2026 x', badDate(17, '31 februari 2026')],
  ['A-17 nytt datum 2 veckor', badDate(17, '2 veckor')],

  // show
  ['visa A-17', show(17)],
  ['show A-17', show(17)],
  ['A-17', show(17)],
  ['a17', show(17)],
  ['A-17?', show(17)],
  ['Status för A-17', show(17)],
  ['Visa a-17 tack', show(17)],
  ['är A-17 klar?', show(17)],
  ['Is A-17 done?', show(17)],
  ['Är A-17 klar', show(17)],

  // negations and hedges are never a report
  ['A-17 är inte klar', unknown(17)],
  ['A-17 inte klar än', unknown(17)],
  ['A-17 ej klar', unknown(17)],
  ['A-17 not done', unknown(17)],
  ["A-17 isn't done yet", unknown(17)],
  ['A-17 isnt finished', unknown(17)],
  ['A-17 pågår inte', unknown(17)],
  ['Arbetet med A-17 har inte påbörjats', unknown(17)],
  ['A-17 blir klar i maj', unknown(17)],
  ['A-17 ska vara klar 2026-05-01', unknown(17)],
  ['A-17 är nästan klar', unknown(17)],
  ['A-17 will be done next week', unknown(17)],
  ['A-17 klar snart', unknown(17)],
  ['Jag tror att A-17 är klar', unknown(17)],
  ['Inte klar med A-17: väntar på nämnden', unknown(17)],
  ['inventeringen är inte klar', unknown()],
  ['Jag har inte hunnit förut men nu är A-17 klar', done(17)],

  // status without reference
  ['inventeringen är klar', { kind: 'statusWithoutRef', status: 'Genomförd', text: 'inventeringen är' }],
  ['utbildningen har påbörjats', { kind: 'statusWithoutRef', status: 'Pågår', text: 'utbildningen har' }],
  [
    'The staff training is done',
    { kind: 'statusWithoutRef', status: 'Genomförd', text: 'The staff training is' },
  ],
  [
    'Rutinen för egenkontroll är klar!',
    { kind: 'statusWithoutRef', status: 'Genomförd', text: 'Rutinen för egenkontroll är' },
  ],
  ['klar', unknown()],
  ['Klart!', unknown()],
  ['jag är klar', unknown()],
  ['pågår', unknown()],
  ['är inventeringen klar?', unknown()],

  // references that cannot exist
  ['A-0 klar', badRef('A-0')],
  ['visa A-123456789', badRef('A-123456789')],
  ['A-00', badRef('A-00')],

  // several actions in one message change none
  ['A-17 och A-18 är klara', { kind: 'severalActions', refs: [17, 18] }],
  ['A-17, A-18 klar', { kind: 'severalActions', refs: [17, 18] }],
  ['visa A-2 A-3', { kind: 'severalActions', refs: [2, 3] }],
  ['A-1 och A-2 klara', { kind: 'severalActions', refs: [1, 2] }],

  // thanks, and a role command without its verb
  ['tack', { kind: 'thanks' }],
  ['Tack så mycket!', { kind: 'thanks' }],
  ['tackar', { kind: 'thanks' }],
  ['thanks', { kind: 'thanks' }],
  ['Thank you 🙂', { kind: 'thanks' }],
  ['tack för hjälpen med A-17', unknown(17)],
  ['hjalp', { kind: 'help' }],
  ['visa A 1', show(1)],
  ['A 1', show(1)],
  ['show a 12?', show(12)],
  ['A-17 nytt datum 2026-03-31 a 2 week delay', newDate(17, '2026-03-31', 'a 2 week delay')],
  ['klar a 2', unknown()],
  ['roll', { kind: 'invalid', problem: 'missingRoleVerb', ref: null, detail: '' }],
  ['role', { kind: 'invalid', problem: 'missingRoleVerb', ref: null, detail: '' }],
  ['roll visa', { kind: 'invalid', problem: 'missingRoleVerb', ref: null, detail: '' }],
  ['Rollen som samordnare', unknown()],
  ['A-17 klar, samma som a17', done(17, 'samma som a17')],

  // references are not found inside words, addresses or ids
  ['data17 klar', unknown()],
  ['skicka till a17@kommun.se', unknown()],
  ['A4-papper är slut', unknown()],

  // invisible characters, emoji, right-to-left override, mentions and HTML (reliability.md items 10, 11)
  ['A\u200B-17 klar', done(17)],
  ['\u202EA-17\u202C klar', done(17)],
  ['\u2066A-17\u2069 klar', done(17)],
  ['A-17\uFEFF klar', done(17)],
  ['\u200Dmina åtgärder\u200D', { kind: 'myActions' }],
  ['✅ A-17 klar 🎉', done(17)],
  ['A-17 klar 👍🏽 protokollet skickat', done(17, '👍🏽 protokollet skickat')],
  ['👩‍💻 A-17 pågår 👨‍👩‍👧', inProgress(17)],
  ['🇸🇪 hjälp', { kind: 'help' }],
  ['<at>Revisionsbot</at> A-17 klar', done(17)],
  ['<at>Revisionsbot</at>&nbsp;mina åtgärder', { kind: 'myActions' }],
  ['<at>Hjälp-boten</at> försenade', { kind: 'overdue' }],
  ['<p>A-17 <b>klar</b> protokollet &amp; bilagor</p>', done(17, 'protokollet & bilagor')],
  ['<at>Bot</at> digest här', { kind: 'digestHere' }],
  ['A-17 klar &lt;b&gt;viktigt&lt;/b&gt;', done(17, '<b>viktigt</b>')],
  ['A-17 klar Anna&#39;s rutin', done(17, "Anna's rutin")],

  // roles
  [
    'roll lägg till Anna.Andersson@kommun.se samordnare Sociala omsorgsnämnden',
    {
      kind: 'role',
      verb: 'add',
      principal: 'anna.andersson@kommun.se',
      role: 'coordinator',
      committee: 'Sociala omsorgsnämnden',
    },
  ],
  [
    'roll ta bort anna@kommun.se ordförande',
    { kind: 'role', verb: 'remove', principal: 'anna@kommun.se', role: 'chair', committee: null },
  ],
  [
    'roll lägg till 3FA85F64-5717-4562-B3FC-2C963F66AFA6 admin',
    {
      kind: 'role',
      verb: 'add',
      principal: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      role: 'admin',
      committee: null,
    },
  ],
  [
    'role add bo@kommun.se coordinator --committee Kultur- och fritidsnämnden',
    {
      kind: 'role',
      verb: 'add',
      principal: 'bo@kommun.se',
      role: 'coordinator',
      committee: 'Kultur- och fritidsnämnden',
    },
  ],
  [
    'role remove bo@kommun.se chair',
    { kind: 'role', verb: 'remove', principal: 'bo@kommun.se', role: 'chair', committee: null },
  ],
  // A leading "för" is left to the handler, which resolves it against the tenant's committees: a committee's own
  // name may start with "Nämnd", "För" or "I".
  [
    'roll lägg till bo@kommun.se coordinator för Socialnämnden',
    {
      kind: 'role',
      verb: 'add',
      principal: 'bo@kommun.se',
      role: 'coordinator',
      committee: 'för Socialnämnden',
    },
  ],
  [
    'roll lägg till bo@kommun.se samordnare Nämnd för teknik',
    {
      kind: 'role',
      verb: 'add',
      principal: 'bo@kommun.se',
      role: 'coordinator',
      committee: 'Nämnd för teknik',
    },
  ],
  [
    'roll lägg till bo@kommun.se revisor',
    { kind: 'role', verb: 'add', principal: 'bo@kommun.se', role: 'auditor', committee: null },
  ],
  [
    '<at>Bot</at> roll lägg till <a href="mailto:bo@kommun.se">bo@kommun.se</a> admin',
    { kind: 'role', verb: 'add', principal: 'bo@kommun.se', role: 'admin', committee: null },
  ],
  [
    'roll lägg till bo@kommun.se admin.',
    { kind: 'role', verb: 'add', principal: 'bo@kommun.se', role: 'admin', committee: null },
  ],
  ['roll lägg till bo@kommun.se kung', { kind: 'invalid', problem: 'badRole', ref: null, detail: 'kung' }],
  ['role add bo@kommun.se', { kind: 'invalid', problem: 'badRole', ref: null, detail: '' }],
  ['roll lägg till samordnare', { kind: 'invalid', problem: 'missingPrincipal', ref: null, detail: '' }],
  ['role add', { kind: 'invalid', problem: 'missingPrincipal', ref: null, detail: '' }],
  [
    'roll lägg till kalle admin',
    { kind: 'invalid', problem: 'missingPrincipal', ref: null, detail: 'kalle' },
  ],
  ['vilken roll har jag?', unknown()],

  // snooze
  ['pausa A-17 till 2026-08-15', { kind: 'snooze', ref: 17, until: '2026-08-15', reason: null }],
  [
    'pausa A-17 till 2026-08-15 semester',
    { kind: 'snooze', ref: 17, until: '2026-08-15', reason: 'semester' },
  ],
  [
    'snooze A-17 until 2026-08-15 parental leave',
    { kind: 'snooze', ref: 17, until: '2026-08-15', reason: 'parental leave' },
  ],
  [
    'pausa A-17 till nästa vecka',
    { kind: 'invalid', problem: 'badSnoozeDate', ref: 17, detail: 'nästa vecka' },
  ],
  ['snooze a17', { kind: 'invalid', problem: 'missingSnoozeDate', ref: 17, detail: '' }],

  // things we cannot place
  ['', unknown()],
  ['   ', unknown()],
  ['🎉', unknown()],
  ['Hur mår du idag?', unknown()],
  ['Hej A-17', unknown(17)],
  ['A-17 är försenad', unknown(17)],
  ['<at>Revisionsbot</at>', unknown()],
];

describe('parseIntent', () => {
  it('has a hand-written expectation for at least 80 messages', () => {
    assert.ok(CASES.length >= 80, `only ${CASES.length} cases`);
  });

  for (const [text, expected] of CASES) {
    it(`reads ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parseIntent(text), expected);
    });
  }

  it('reads composed and decomposed å ä ö alike', () => {
    const composed = 'A-17 klar för nämndens årsmöte';
    const decomposed = composed.normalize('NFD');
    assert.notEqual(composed, decomposed);
    assert.deepEqual(parseIntent(decomposed), parseIntent(composed));
    assert.deepEqual(parseIntent('A-17 pa\u030aga\u030ar'), inProgress(17));
  });

  it('refuses a 100,000-character message as too long without reading it', () => {
    const text = `A-17 klar ${'x'.repeat(100_000)}`;
    assert.deepEqual(parseIntent(text), {
      kind: 'invalid',
      problem: 'tooLong',
      ref: null,
      detail: String(text.length),
    });
  });

  it(`reads a message of exactly ${MAX_MESSAGE_LENGTH} characters`, () => {
    const prefix = 'A-17 klar ';
    const text = prefix + 'y'.repeat(MAX_MESSAGE_LENGTH - prefix.length);
    assert.equal(text.length, MAX_MESSAGE_LENGTH);
    assert.deepEqual(parseIntent(text), done(17, 'y'.repeat(MAX_MESSAGE_LENGTH - prefix.length)));
  });

  it('answers hostile text of the maximum length (many "<a", "A-", dates) with an intent', () => {
    for (const unit of ['<a', 'A-', 'a-1 ', '2023-', '&#', ' inte', '\u202E']) {
      const text = unit.repeat(Math.floor(MAX_MESSAGE_LENGTH / unit.length));
      assert.ok(text.length <= MAX_MESSAGE_LENGTH);
      assert.equal(typeof parseIntent(text).kind, 'string');
    }
  });

  it('clips an offending detail so that an error never echoes a paragraph', () => {
    const intent = parseIntent(`A-17 nytt datum ${'1'.repeat(500)}`);
    assert.equal(intent.kind, 'invalid');
    assert.ok(intent.kind === 'invalid' && [...intent.detail].length <= 40);
  });
});
