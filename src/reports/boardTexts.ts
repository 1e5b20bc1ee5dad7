import { en as catalogueEn, sv as catalogueSv } from '../texts';
import { formatNumber, formatPercent } from './format';
import { wholePercent } from '../domain/percent';

/** The languages of the board report: Swedish by default, English on request (as the review pack). */
export type ReportLanguage = 'sv' | 'en';

const sv = {
  title: 'Återrapportering av revisionsgranskningar',
  /** "Per 2026-03-31": the day the report describes. */
  asOf: 'Per',
  statusReportAsOf: 'Lägesrapport per',
  contents: 'Innehåll',
  page: (page: string, pages: string) => `"Sida " ${page} " av " ${pages}`,
  sections: {
    summary: 'Sammanfattning',
    status: 'Status per nämnd',
    overdue: 'Försenade åtgärder',
    rescheduled: 'Ändrade slutdatum',
    notes: 'Senaste kommentarer',
    unreachable: 'Ansvariga som inte kunnat nås',
    verdicts: 'Revisorernas bedömningar',
    perAudit: 'Per granskning',
    perCommittee: 'Per nämnd',
    statusPerAudit: 'Status per granskning',
    keyFigures: 'Nyckeltal',
  },
  columns: {
    audit: 'Granskning',
    recommendation: 'Rekommendation',
    recommendationShort: 'Rek.',
    committee: 'Nämnd',
    committees: 'Nämnder',
    reference: 'Ref',
    action: 'Åtgärd',
    owner: 'Ansvarig',
    originalDueDate: 'Ursprungligt slutdatum',
    originalPhrase: 'Ursprunglig formulering',
    currentDueDate: 'Aktuellt slutdatum',
    status: 'Status',
    daysOverdue: 'Dagar försenad',
    changeCount: 'Antal datumändringar',
    changesWithReasons: 'Datumändringar med skäl',
    latestNote: 'Senaste kommentar',
    noteBy: 'Kommentar av',
    noteDate: 'Kommentar datum',
    due: 'Slutdatum',
    overdue: 'Försenad',
    original: 'Ursprungligt',
    current: 'Aktuellt',
    count: 'Antal',
    changesAndReasons: 'Ändringar och skäl',
    date: 'Datum',
    by: 'Av',
    note: 'Kommentar',
    email: 'E-post',
    since: 'Sedan',
    reason: 'Orsak',
    openActions: 'Öppna åtgärder',
    total: 'Totalt',
    shareDone: 'Andel genomförda',
    noVerdict: 'Ingen bedömning',
    recommendations: 'Rekommendationer',
  },
  empty: {
    overdue: 'Inga åtgärder är försenade.',
    rescheduled: 'Inga slutdatum har ändrats.',
    notes: 'Ingen åtgärd har någon kommentar.',
    unreachable: 'Alla ansvariga med öppna åtgärder har kunnat nås.',
    actions: 'Inga åtgärder.',
  },
  figures: {
    audits: 'Granskningar',
    recommendations: 'Rekommendationer',
    recommendationsWithout: (n: string) => `, varav ${n} utan åtgärd`,
    recommendationsWithoutActions: 'Rekommendationer utan åtgärd',
    actions: 'Åtgärder',
    done: 'Genomförda',
    doneOfNotCancelled: (done: string, share: string) => `${done} (${share} av de ej avbrutna)`,
    shareDone: 'Andel genomförda (av ej avbrutna)',
    overdue: 'Försenade',
    rescheduled: 'Åtgärder med ändrat slutdatum',
    rescheduledWithTotal: (actions: string, changes: string) =>
      `${actions} (sammanlagt ${changes} ändringar)`,
    deadlineChanges: 'Datumändringar',
    unreachable: 'Ansvariga som inte kunnat nås',
    withoutOwner: 'Öppna åtgärder utan ansvarig med e-post',
    withoutDueDate: 'Öppna åtgärder utan slutdatum',
  },
  audit: {
    auditor: 'Revisor',
    reportDate: 'Rapportdatum',
    diaryNumber: 'Dnr',
    committees: 'Nämnder',
    responseDue: 'Svar senast',
  },
  readingNote:
    'Försenad betyder att slutdatumet har passerat utan att åtgärden är genomförd eller avbruten. ' +
    'Andel genomförda räknas på de åtgärder som inte är avbrutna.',
  verdictNote:
    'Revisorernas senaste bedömning per rekommendation. En rekommendation till flera nämnder räknas hos var och en.',
  noReason: 'inget skäl angivet',
  missingDate: 'datum saknas',
  /** A whole number as Swedish writes it: "20 000". */
  number: (n: number) => formatNumber(n),
  /** A share 0..1 in whole percent: "45 %". */
  percent: (share: number) => formatPercent(share),
  days: (n: number) => `${formatNumber(n)} ${n === 1 ? 'dag' : 'dagar'}`,
  withoutOwner: (count: number, refs: string) =>
    `${formatNumber(count)} ${count === 1 ? 'öppen åtgärd saknar' : 'öppna åtgärder saknar'} ` +
    `ansvarig med e-post och får inga påminnelser: ${refs}.`,
  withoutActions: (count: number, ids: string) =>
    `${count === 1 ? 'Rekommendation' : 'Rekommendationer'} utan registrerad åtgärd: ${ids}.`,
  chartShareDone: 'andel genomförda',
  unknownAudit: (id: string) => `Okänd granskning (${id})`,
  missingRecommendation: (id: string) => `(rekommendation ${id} saknas i granskningen)`,
  /** The status words users see everywhere (the chat's catalogue). */
  statuses: catalogueSv.status,
  sheets: { summary: 'Sammanfattning', actions: 'Åtgärder' },
};

/** Every text of the board report; English must have each one, or the build fails. */
export type BoardTexts = typeof sv;

const en: BoardTexts = {
  title: 'Follow-up of audit reports',
  asOf: 'As of',
  statusReportAsOf: 'Status report as of',
  contents: 'Contents',
  page: (page, pages) => `"Page " ${page} " of " ${pages}`,
  sections: {
    summary: 'Summary',
    status: 'Status per committee',
    overdue: 'Overdue actions',
    rescheduled: 'Moved deadlines',
    notes: 'Latest notes',
    unreachable: 'Owners who could not be reached',
    verdicts: "The auditors' verdicts",
    perAudit: 'Per audit',
    perCommittee: 'Per committee',
    statusPerAudit: 'Status per audit',
    keyFigures: 'Key figures',
  },
  columns: {
    audit: 'Audit',
    recommendation: 'Recommendation',
    recommendationShort: 'Rec.',
    committee: 'Committee',
    committees: 'Committees',
    reference: 'Ref',
    action: 'Action',
    owner: 'Owner',
    originalDueDate: 'Original deadline',
    originalPhrase: 'Original wording',
    currentDueDate: 'Current deadline',
    status: 'Status',
    daysOverdue: 'Days overdue',
    changeCount: 'Deadline changes',
    changesWithReasons: 'Deadline changes with reasons',
    latestNote: 'Latest note',
    noteBy: 'Note by',
    noteDate: 'Note date',
    due: 'Deadline',
    overdue: 'Overdue',
    original: 'Original',
    current: 'Current',
    count: 'Count',
    changesAndReasons: 'Changes and reasons',
    date: 'Date',
    by: 'By',
    note: 'Note',
    email: 'E-mail',
    since: 'Since',
    reason: 'Reason',
    openActions: 'Open actions',
    total: 'Total',
    shareDone: 'Share done',
    noVerdict: 'No verdict',
    recommendations: 'Recommendations',
  },
  empty: {
    overdue: 'No action is overdue.',
    rescheduled: 'No deadline has been moved.',
    notes: 'No action has a note.',
    unreachable: 'Every owner with open actions could be reached.',
    actions: 'No actions.',
  },
  figures: {
    audits: 'Audits',
    recommendations: 'Recommendations',
    recommendationsWithout: (n) => `, of which ${n} without an action`,
    recommendationsWithoutActions: 'Recommendations without an action',
    actions: 'Actions',
    done: 'Done',
    doneOfNotCancelled: (done, share) => `${done} (${share} of those not cancelled)`,
    shareDone: 'Share done (of those not cancelled)',
    overdue: 'Overdue',
    rescheduled: 'Actions with a moved deadline',
    rescheduledWithTotal: (actions, changes) => `${actions} (${changes} changes in all)`,
    deadlineChanges: 'Deadline changes',
    unreachable: 'Owners who could not be reached',
    withoutOwner: 'Open actions without an owner with e-mail',
    withoutDueDate: 'Open actions without a deadline',
  },
  audit: {
    auditor: 'Auditor',
    reportDate: 'Report date',
    diaryNumber: 'Diary no.',
    committees: 'Committees',
    responseDue: 'Response due',
  },
  readingNote:
    'Overdue means that the deadline has passed and the action is neither done nor cancelled. ' +
    'The share done is counted on the actions that are not cancelled.',
  verdictNote:
    "The auditors' latest verdict per recommendation. A recommendation to several committees counts for each of them.",
  noReason: 'no reason given',
  missingDate: 'no date',
  number: (n) => formatNumber(n, ','),
  percent: (share) => `${formatNumber(wholePercent(share), ',')}%`,
  days: (n) => `${formatNumber(n, ',')} ${n === 1 ? 'day' : 'days'}`,
  withoutOwner: (count, refs) =>
    `${formatNumber(count, ',')} open ${count === 1 ? 'action has' : 'actions have'} no owner with e-mail ` +
    `and ${count === 1 ? 'gets' : 'get'} no reminders: ${refs}.`,
  withoutActions: (count, ids) =>
    `${count === 1 ? 'Recommendation' : 'Recommendations'} without a registered action: ${ids}.`,
  chartShareDone: 'share done',
  unknownAudit: (id) => `Unknown audit (${id})`,
  missingRecommendation: (id) => `(recommendation ${id} is missing from the audit)`,
  statuses: catalogueEn.status,
  sheets: { summary: 'Summary', actions: 'Actions' },
};

/** The words of the board report in each language. */
export const BOARD_TEXTS: Readonly<Record<ReportLanguage, BoardTexts>> = { sv, en };

/** True when `value` names a language of the report. */
export function isReportLanguage(value: string): value is ReportLanguage {
  return value === 'sv' || value === 'en';
}
