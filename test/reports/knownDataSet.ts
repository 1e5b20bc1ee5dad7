import {
  changeDeadline,
  changeStatus,
  createAction,
  type ActionChange,
  type NewAction,
} from '../../src/domain/actions';
import type { Action, Audit, HistoryEvent } from '../../src/domain/types';
import type { UnreachableOwner } from '../../src/reports/boardReport';

/**
 * A small data set written by hand, with its numbers worked out by hand in the comments (and in the specs): three
 * audits, eleven actions in every status, three overdue, three moved deadlines with and without reasons, one
 * unreachable owner, user text that must be escaped. The report is taken as of {@link AS_OF}.
 */
export const AS_OF = '2026-03-31';

/** User text that HTML, Markdown and CSV must all carry safely. */
export const NASTY_TEXT = `Ta fram rutin för "barnchecklista"; <script>alert('x')</script> & mer`;
export const NASTY_TITLE = 'Uppföljning av IT-säkerhet & <b>basskydd</b>';

export const AUDITS: Audit[] = [
  // Listed out of order on purpose: the report sorts audits by report date.
  {
    id: 'aud-3',
    title: NASTY_TITLE,
    auditor: 'PwC',
    reportDate: '2025-09-01',
    diaryNumber: 'KS 2025-123',
    committees: ['Kommunstyrelsen'],
    responseDue: [{ committee: 'Kommunstyrelsen', due: '2025-11-30' }],
    boardFeedback: [],
    recommendations: [{ id: 'R1', text: 'Inför tvåfaktorsinloggning', committees: ['Kommunstyrelsen'] }],
  },
  {
    id: 'aud-1',
    title: 'Granskning av barnkonventionen',
    auditor: 'Stadsrevisionen',
    reportDate: '2021-12-01',
    diaryNumber: 'SON 2022-00030',
    committees: ['Socialnämnden'],
    responseDue: [{ committee: 'Socialnämnden', due: '2022-05-31' }],
    boardFeedback: [],
    recommendations: [
      { id: 'R1', text: 'Säkerställ att barnkonsekvensanalyser görs', committees: ['Socialnämnden'] },
      { id: 'R2', text: 'Följ upp "barnets bästa" <i>årligen</i>', committees: ['Socialnämnden'] },
    ],
  },
  {
    id: 'aud-2',
    title: 'Granskning av intern kontroll',
    auditor: 'EY',
    reportDate: '2025-06-15',
    diaryNumber: null,
    committees: ['Grundskolenämnden', 'Socialnämnden'],
    responseDue: [],
    boardFeedback: [],
    recommendations: [
      { id: 'R1', text: 'Dokumentera kontrollerna', committees: ['Grundskolenämnden', 'Socialnämnden'] },
      // No action answers R2: one recommendation without actions.
      { id: 'R2', text: 'Utbilda rektorerna', committees: ['Grundskolenämnden'] },
    ],
  },
];

const SN = 'Socialnämnden';
const GN = 'Grundskolenämnden';
const KS = 'Kommunstyrelsen';

interface Script {
  input: Omit<NewAction, 'ref'>;
  steps?: ((action: Action) => ActionChange)[];
}

const at = (iso: string) => ({ by: 'user-1', now: new Date(iso) });
const created = at('2025-06-01T08:00:00Z');

const done = (when: string) => (action: Action) => changeStatus(action, { to: 'Genomförd' }, at(when));
const started = (when: string) => (action: Action) => changeStatus(action, { to: 'Pågår' }, at(when));
const moved = (date: string, reason: string | null, when: string) => (action: Action) =>
  changeDeadline(action, { date, reason }, at(when));

const SCRIPTS: Script[] = [
  // A-1 Socialnämnden: Genomförd.
  {
    input: action(
      'aud-1',
      'R1',
      SN,
      'Rutin för barnkonsekvensanalys',
      'anna.andersson@kommun.se',
      '2022-12-31',
      'innan årets slut',
    ),
    steps: [done('2022-11-01T10:00:00Z')],
  },
  // A-2 Socialnämnden: Pågår, moved twice (2025-06-30 -> 2025-12-31 -> 2026-02-28): Försenad 31 days.
  {
    input: action(
      'aud-1',
      'R1',
      SN,
      'Utbildning för handläggare',
      'bo.berg@kommun.se',
      '2025-06-30',
      'senast i juni 2025',
    ),
    steps: [
      started('2025-06-02T08:00:00Z'),
      moved('2025-12-31', 'Personalbrist under sommaren', '2025-06-20T10:00:00Z'),
      moved('2026-02-28', 'Väntar på nytt verksamhetssystem', '2025-12-15T10:00:00Z'),
    ],
  },
  // A-3 Socialnämnden: Planerad, no date ("på sikt"), no owner; text to escape.
  { input: { ...action('aud-1', 'R2', SN, NASTY_TEXT, null, null, 'på sikt') } },
  // A-4 Grundskolenämnden: Planerad, due after the report date.
  {
    input: action(
      'aud-2',
      'R1',
      GN,
      'Kontrollplan för skolorna',
      'cecilia.ceder@kommun.se',
      '2026-06-30',
      '2026-06-30',
    ),
  },
  // A-5 Grundskolenämnden: Planerad, due 2026-01-15: Försenad 75 days (16 + 28 + 31).
  {
    input: action(
      'aud-2',
      'R1',
      GN,
      'Rapportera kontrollerna',
      'cecilia.ceder@kommun.se',
      '2026-01-15',
      '2026-01-15',
    ),
  },
  // A-6 Socialnämnden: Avbruten (past due, yet not overdue: cancelled).
  {
    input: action('aud-2', 'R1', SN, 'Egen kontrollplan', 'bo.berg@kommun.se', '2025-12-31', 'under 2025'),
    steps: [
      (a) => changeStatus(a, { to: 'Avbruten', comment: 'Ersätts av A-2' }, at('2025-09-01T08:00:00Z')),
    ],
  },
  // A-7 Grundskolenämnden: moved once with a reason, then Genomförd.
  {
    input: action(
      'aud-2',
      'R1',
      GN,
      'Mall för dokumentation',
      'david.dahl@kommun.se',
      '2025-10-31',
      'under oktober',
    ),
    steps: [moved('2025-11-30', 'Ny rektor', '2025-10-20T09:00:00Z'), done('2025-11-25T09:00:00Z')],
  },
  // A-8 Kommunstyrelsen: Pågår, due on the report date itself: not yet overdue.
  {
    input: action(
      'aud-3',
      'R1',
      KS,
      'Upphandla inloggningstjänst',
      'eva.ek@kommun.se',
      '2026-03-31',
      'senast i mars 2026',
    ),
    steps: [started('2025-10-01T08:00:00Z')],
  },
  // A-9 Kommunstyrelsen: Pågår, moved once without a reason late in the evening (Stockholm: the next day):
  // 2026-01-31 -> 2026-03-30, Försenad 1 day.
  {
    input: action(
      'aud-3',
      'R1',
      KS,
      'Inför inloggningen',
      'eva.ek@kommun.se',
      '2026-01-31',
      'i januari 2026',
    ),
    steps: [started('2025-10-01T08:00:00Z'), moved('2026-03-30', null, '2026-01-31T23:30:00Z')],
  },
  // Kommunstyrelsen: Genomförd.
  {
    input: action(
      'aud-3',
      'R1',
      KS,
      'Informera personalen',
      'frida.fors@kommun.se',
      '2026-03-01',
      '2026-03-01',
    ),
    steps: [done('2026-02-20T08:00:00Z')],
  },
  {
    input: action(
      'aud-3',
      'R1',
      KS,
      'Stäng gamla konton',
      'frida.fors@kommun.se',
      '2026-02-01',
      '2026-02-01',
    ),
    steps: [done('2026-01-20T08:00:00Z')],
  },
];

function action(
  auditId: string,
  recommendationId: string,
  committee: string,
  text: string,
  ownerEmail: string | null,
  date: string | null,
  phrase: string,
): Omit<NewAction, 'ref'> {
  return { auditId, recommendationId, committee, text, ownerEmail, deadline: { date, phrase } };
}

/** The actions A-1 .. A-11 and their whole history, made by the domain's own functions. */
export function knownActions(): { actions: Action[]; history: HistoryEvent[] } {
  const actions: Action[] = [];
  const history: HistoryEvent[] = [];
  SCRIPTS.forEach((script, index) => {
    let { action, event } = createAction({ ...script.input, ref: index + 1 }, created);
    history.push(event);
    for (const step of script.steps ?? []) {
      ({ action, event } = step(action));
      history.push(event);
    }
    actions.push(action);
  });
  return { actions, history };
}

/** bo.berg has an open action; frida.fors has only finished ones and so is not news for the board. */
export const UNREACHABLE: UnreachableOwner[] = [
  { email: 'frida.fors@kommun.se', reason: 'BotNotInConversationRoster', since: '2026-03-01T08:00:00Z' },
  { email: 'Bo.Berg@kommun.se', reason: 'ConversationBlockedByUser', since: '2026-03-09T23:30:00Z' },
];
