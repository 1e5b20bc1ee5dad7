import { daysBetween } from '../domain/dates';
import { displayStatus, isClosed } from '../domain/actions';
import { formatRef } from '../domain/refs';
import type {
  Action,
  Audit,
  CivilDate,
  CommitteeDate,
  Deadline,
  DisplayStatus,
  HistoryEvent,
  TrackedRecommendation,
  Verdict,
} from '../domain/types';
import { VERDICTS } from '../domain/types';
import { BOARD_TEXTS, type ReportLanguage } from './boardTexts';
import { dateOfInstant } from './format';
import { countActions, summarize, type Summary, type SummaryRow } from './summary';

/** Swedish alphabetical order (å, ä, ö last); one collator, since `localeCompare(x, 'sv')` builds one per call. */
const SWEDISH = new Intl.Collator('sv');

/** The report's title, as the board knows the paper. */
export const BOARD_REPORT_TITLE = BOARD_TEXTS.sv.title;

/** An action owner the bot could not reach (their personal chat with the bot no longer accepts messages). */
export interface UnreachableOwner {
  /** The owner's e-mail, as actions name them; compared in lower case. */
  email: string;
  /** Why, in the words the caller has (e.g. the Bot Connector's error code). Default: null. */
  reason?: string | null;
  /** ISO instant since when. Default: null (unknown). */
  since?: string | null;
}

/** Options for {@link buildBoardReport}. */
export interface BoardReportOptions {
  /** Owners who could not be reached. Default: none. */
  unreachableOwners?: readonly UnreachableOwner[];
  /** The municipality's time zone, to date the history's instants. Default: Europe/Stockholm. */
  timeZone?: string;
  /** Title of the paper. Default: {@link BOARD_REPORT_TITLE}, or its English words for English. */
  title?: string;
  /** The language every format is written in. Default: 'sv'. */
  language?: ReportLanguage;
  /**
   * Who wrote the notes, for reading: a name or e-mail by the Entra object id that history records. Default: none
   * (the recorded id is shown as it is).
   */
  people?: ReadonlyMap<string, string>;
  /**
   * The recommendations with their latest verdicts. When any has a verdict, the report counts verdicts per
   * committee and per audit; otherwise it has no verdict parts at all. Default: none.
   */
  recommendations?: readonly TrackedRecommendation[];
}

/** How many recommendations have each latest verdict, and how many none yet. */
export interface VerdictCounts {
  label: string;
  byVerdict: Record<Verdict, number>;
  /** Recommendations without a verdict. */
  none: number;
  total: number;
}

/** One move of a deadline, as the history recorded it. */
export interface DeadlineChangeLine {
  /** The day the change was made (municipality's calendar); null when the history's time cannot be read. */
  changedOn: CivilDate | null;
  from: CivilDate | null;
  to: CivilDate | null;
  /** The reason given (motivering); null when none was recorded. */
  reason: string | null;
  /** Who made it: an Entra object id, `cli`, `import:<file>`. */
  by: string;
}

/** The latest progress note of an action: what was written, by whom and on which day. */
export interface NoteLine {
  /** The day it was written (municipality's calendar); null when the history's time cannot be read. */
  writtenOn: CivilDate | null;
  /** Who wrote it: their name or e-mail when known (see `people`), else the id history recorded. */
  by: string;
  text: string;
}

/** One action as every format of the report shows it. */
export interface ActionLine {
  ref: number;
  /** `A-17`. */
  reference: string;
  auditId: string;
  auditTitle: string;
  recommendationId: string;
  recommendationText: string;
  committee: string;
  text: string;
  /** The owner's e-mail, or null when only a role was named. */
  owner: string | null;
  originalDue: Deadline;
  currentDue: Deadline;
  /** As of the report's date: Försenad when past due and unfinished. */
  status: DisplayStatus;
  /** Whole days past the current due date when Försenad; otherwise null. */
  daysOverdue: number | null;
  /** How many times the deadline was moved (the action's own counter, which history cannot lose). */
  deadlineChangeCount: number;
  /** The moves found in the history, oldest first, with their reasons. */
  deadlineChanges: DeadlineChangeLine[];
  cancelReason: string | null;
  /** The latest progress note (history kind `note`), or null when none was written. */
  latestNote: NoteLine | null;
}

/** A recommendation with its actions and their counts. */
export interface RecommendationSection {
  id: string;
  text: string;
  committees: string[];
  counts: SummaryRow;
  actions: ActionLine[];
}

/** An audit with its recommendations. */
export interface AuditSection {
  id: string;
  title: string;
  auditor: string;
  reportDate: CivilDate | null;
  diaryNumber: string | null;
  committees: string[];
  responseDue: CommitteeDate[];
  counts: SummaryRow;
  recommendations: RecommendationSection[];
  /** The auditors' latest verdicts on its recommendations; null when the report has no verdicts. */
  verdicts: VerdictCounts | null;
}

/** A committee with its actions; `counts` is the committee's row of the summary itself. */
export interface CommitteeSection {
  committee: string;
  counts: SummaryRow;
  actions: ActionLine[];
}

/** An unreachable owner with the open actions that wait on them. */
export interface UnreachableOwnerLine {
  email: string;
  reason: string | null;
  since: CivilDate | null;
  openActions: ActionLine[];
}

/** Numbers beyond the status counts (those are in `summary.totals`). */
export interface KeyFigures {
  audits: number;
  recommendations: number;
  /** Recommendations no action answers: the gaps auditors look for first. */
  recommendationsWithoutActions: number;
  /** Actions whose deadline was moved at least once. */
  rescheduledActions: number;
  /** All moves of all deadlines. */
  deadlineChanges: number;
  unreachableOwners: number;
  /** Open actions with no owner's e-mail: nobody gets their reminders. */
  openWithoutOwner: number;
  /** Open actions whose deadline phrase gave no date ("på sikt"): they can never become overdue until one is set. */
  openWithoutDueDate: number;
}

/** Återrapportering av revisionsgranskningar as of one day: everything each format prints, computed once. */
export interface BoardReport {
  /** The language every format is written in. */
  language: ReportLanguage;
  title: string;
  asOf: CivilDate;
  /** Counts per committee and in total, from {@link summarize}: the same numbers as the chat summary card. */
  summary: Summary;
  keyFigures: KeyFigures;
  /** Audits by report date, then title. */
  audits: AuditSection[];
  /** Committees in the summary's order. */
  committees: CommitteeSection[];
  /** Every action, in audit, recommendation and reference order. */
  actions: ActionLine[];
  /** The overdue actions, longest overdue first. */
  overdue: ActionLine[];
  /** The actions with a progress note, latest note first. */
  noted: ActionLine[];
  /** Actions whose deadline was moved, most moves first. */
  rescheduled: ActionLine[];
  /** Unreachable owners who have open actions, by e-mail. */
  unreachableOwners: UnreachableOwnerLine[];
  /** Open actions with no owner's e-mail. */
  openWithoutOwner: ActionLine[];
  /**
   * The auditors' latest verdicts per committee a recommendation is addressed to (one recommendation counts for
   * each of its committees), by committee name; null when no recommendation has a verdict.
   */
  verdictsByCommittee: VerdictCounts[] | null;
}

/**
 * Builds the board's report as of `asOf` (pure). `history` may hold any events; the `deadline` ones give the
 * reasons for moved deadlines and the `note` ones each action's latest note, so a caller may pass only those. Statuses and deadlines are the actions' current
 * ones, judged as of `asOf` (what is overdue that day, and by how many days).
 * @example buildBoardReport(audits, actions, history, '2026-03-31', { unreachableOwners })
 */
export function buildBoardReport(
  audits: readonly Audit[],
  actions: readonly Action[],
  history: readonly HistoryEvent[],
  asOf: CivilDate,
  options: BoardReportOptions = {},
): BoardReport {
  const timeZone = options.timeZone ?? 'Europe/Stockholm';
  const language = options.language ?? 'sv';
  const daysOverdue = overdueDays(asOf);
  const changes = deadlineChangesByRef(history, timeZone);
  const notes = latestNotesByRef(history, timeZone, options.people ?? new Map());
  const sortedAudits = [...audits].sort(
    (a, b) => a.reportDate.localeCompare(b.reportDate) || SWEDISH.compare(a.title, b.title),
  );
  const auditById = new Map(sortedAudits.map((audit) => [audit.id, audit]));

  // Actions of an audit that is not stored (or a recommendation it lacks) still count: they are shown under a
  // placeholder rather than silently left out of the board's numbers.
  const actionsByAudit = groupBy(actions, (action) => action.auditId);
  const orphanAudits: Audit[] = [...actionsByAudit.keys()]
    .filter((id) => !auditById.has(id))
    .sort()
    .map((id) => placeholderAudit(id, BOARD_TEXTS[language].unknownAudit(id)));

  const tracked = options.recommendations ?? [];
  const withVerdicts = tracked.some((rec) => rec.latestVerdict !== null);
  const trackedByAudit = groupBy(tracked, (rec) => rec.auditId);

  const auditSections: AuditSection[] = [];
  const allLines: ActionLine[] = [];
  for (const audit of [...sortedAudits, ...orphanAudits]) {
    const own = actionsByAudit.get(audit.id) ?? [];
    const byRecommendation = groupBy(own, (action) => action.recommendationId);
    const known = new Set(audit.recommendations.map((rec) => rec.id));
    const recommendations = [
      ...audit.recommendations,
      ...[...byRecommendation.keys()]
        .filter((id) => !known.has(id))
        .sort()
        .map((id) => ({ id, text: BOARD_TEXTS[language].missingRecommendation(id), committees: [] })),
    ];
    const sections: RecommendationSection[] = recommendations.map((rec) => {
      const recActions = [...(byRecommendation.get(rec.id) ?? [])].sort((a, b) => a.ref - b.ref);
      const lines = recActions.map((action) =>
        toLine(
          action,
          audit,
          rec.text,
          daysOverdue,
          changes.get(action.ref) ?? [],
          notes.get(action.ref) ?? null,
        ),
      );
      allLines.push(...lines);
      return {
        id: rec.id,
        text: rec.text,
        committees: [...rec.committees],
        counts: countActions(recActions, asOf, rec.id),
        actions: lines,
      };
    });
    auditSections.push({
      id: audit.id,
      title: audit.title,
      auditor: audit.auditor,
      reportDate: audit.reportDate || null,
      diaryNumber: audit.diaryNumber,
      committees: [...audit.committees],
      responseDue: audit.responseDue.map((due) => ({ ...due })),
      counts: countActions(own, asOf, audit.title),
      recommendations: sections,
      verdicts: withVerdicts ? countVerdicts(audit.title, trackedByAudit.get(audit.id) ?? []) : null,
    });
  }

  // Counted from the actions themselves, in the order given: the one source every format and the chat card share.
  const summary = summarize(actions, asOf);
  const linesByCommittee = groupBy(allLines, (line) => line.committee);
  const committees = summary.rows.map((row) => ({
    committee: row.committee,
    counts: row,
    actions: linesByCommittee.get(row.committee) ?? [],
  }));

  const open = allLines.filter(isOpen);
  const overdue = allLines
    .filter((line) => line.daysOverdue !== null)
    .sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || a.ref - b.ref);
  const noted = allLines
    .filter((line) => line.latestNote !== null)
    .sort(
      (a, b) => (b.latestNote?.writtenOn ?? '').localeCompare(a.latestNote?.writtenOn ?? '') || a.ref - b.ref,
    );
  const rescheduled = allLines
    .filter((line) => line.deadlineChangeCount > 0)
    .sort((a, b) => b.deadlineChangeCount - a.deadlineChangeCount || a.ref - b.ref);
  const unreachableOwners = unreachableLines(options.unreachableOwners ?? [], open, timeZone);
  const openWithoutOwner = open.filter((line) => line.owner === null);

  return {
    language,
    title: options.title ?? BOARD_TEXTS[language].title,
    asOf,
    summary,
    keyFigures: {
      audits: sortedAudits.length,
      // Placeholders for missing audits or recommendations are not counted as such.
      recommendations: sortedAudits.reduce((sum, audit) => sum + audit.recommendations.length, 0),
      recommendationsWithoutActions: auditSections.reduce(
        (sum, audit) => sum + audit.recommendations.filter((rec) => rec.actions.length === 0).length,
        0,
      ),
      rescheduledActions: rescheduled.length,
      deadlineChanges: rescheduled.reduce((sum, line) => sum + line.deadlineChangeCount, 0),
      unreachableOwners: unreachableOwners.length,
      openWithoutOwner: openWithoutOwner.length,
      openWithoutDueDate: open.filter((line) => line.currentDue.date === null).length,
    },
    audits: auditSections,
    committees,
    actions: allLines,
    overdue,
    noted,
    rescheduled,
    unreachableOwners,
    openWithoutOwner,
    verdictsByCommittee: withVerdicts ? verdictsPerCommittee(tracked) : null,
  };
}

/** Counts the latest verdicts of some recommendations under one label. */
export function countVerdicts(
  label: string,
  recommendations: readonly TrackedRecommendation[],
): VerdictCounts {
  const byVerdict = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  let none = 0;
  for (const rec of recommendations) {
    if (rec.latestVerdict === null) none += 1;
    else byVerdict[rec.latestVerdict] += 1;
  }
  return { label, byVerdict, none, total: recommendations.length };
}

function verdictsPerCommittee(recommendations: readonly TrackedRecommendation[]): VerdictCounts[] {
  const byCommittee = new Map<string, TrackedRecommendation[]>();
  for (const rec of recommendations) {
    for (const committee of new Set(rec.committees)) {
      byCommittee.set(committee, [...(byCommittee.get(committee) ?? []), rec]);
    }
  }
  return [...byCommittee.entries()]
    .sort(([a], [b]) => SWEDISH.compare(a, b))
    .map(([committee, recs]) => countVerdicts(committee, recs));
}

/** True when the line's action is still to be done (Försenad included). */
export function isOpen(line: Pick<ActionLine, 'status'>): boolean {
  return line.status === 'Försenad' || !isClosed(line.status);
}

function toLine(
  action: Action,
  audit: Audit,
  recommendationText: string,
  daysOverdue: (action: Action) => number | null,
  changes: DeadlineChangeLine[],
  latestNote: NoteLine | null,
): ActionLine {
  const days = daysOverdue(action);
  return {
    ref: action.ref,
    reference: formatRef(action.ref),
    auditId: audit.id,
    auditTitle: audit.title,
    recommendationId: action.recommendationId,
    recommendationText,
    committee: action.committee,
    text: action.text,
    owner: action.ownerEmail,
    originalDue: { ...action.originalDeadline },
    currentDue: { ...action.deadline },
    status: days === null ? action.status : 'Försenad',
    daysOverdue: days,
    deadlineChangeCount: action.deadlineChanges,
    deadlineChanges: changes,
    cancelReason: action.cancelReason,
    latestNote,
  };
}

/**
 * Days past due as of `asOf` for an overdue action, else null; the same rule as {@link displayStatus}. Many actions
 * share a due date, so each date's count is worked out once.
 */
function overdueDays(asOf: CivilDate): (action: Action) => number | null {
  const cache = new Map<CivilDate, number>();
  return (action) => {
    const due = action.deadline.date;
    if (due === null || displayStatus(action, asOf) !== 'Försenad') return null;
    let days = cache.get(due);
    if (days === undefined) {
      days = daysBetween(due, asOf);
      cache.set(due, days);
    }
    return days;
  };
}

function deadlineChangesByRef(
  history: readonly HistoryEvent[],
  timeZone: string,
): Map<number, DeadlineChangeLine[]> {
  const events = history.filter((event) => event.kind === 'deadline');
  events.sort((a, b) => a.ref - b.ref || a.seq - b.seq);
  const byRef = new Map<number, DeadlineChangeLine[]>();
  for (const event of events) {
    const list = byRef.get(event.ref) ?? [];
    list.push({
      changedOn: dateOfInstant(event.at, timeZone),
      from: event.from,
      to: event.to,
      reason: event.comment,
      by: event.by,
    });
    byRef.set(event.ref, list);
  }
  return byRef;
}

/** Each action's latest `note` event (the highest seq), dated in the municipality's calendar. */
function latestNotesByRef(
  history: readonly HistoryEvent[],
  timeZone: string,
  people: ReadonlyMap<string, string>,
): Map<number, NoteLine> {
  const latest = new Map<number, HistoryEvent>();
  for (const event of history) {
    if (event.kind !== 'note' || event.comment === null) continue;
    const known = latest.get(event.ref);
    if (known === undefined || event.seq > known.seq) latest.set(event.ref, event);
  }
  const notes = new Map<number, NoteLine>();
  for (const [ref, event] of latest) {
    notes.set(ref, {
      writtenOn: dateOfInstant(event.at, timeZone),
      by: people.get(event.by) ?? event.by,
      text: event.comment ?? '',
    });
  }
  return notes;
}

function unreachableLines(
  owners: readonly UnreachableOwner[],
  open: readonly ActionLine[],
  timeZone: string,
): UnreachableOwnerLine[] {
  const openByOwner = groupBy(
    open.filter((line) => line.owner !== null),
    (line) => (line.owner ?? '').toLowerCase(),
  );
  const seen = new Set<string>();
  const lines: UnreachableOwnerLine[] = [];
  for (const owner of owners) {
    const email = owner.email.trim().toLowerCase();
    const openActions = openByOwner.get(email) ?? [];
    // An owner with nothing open needs no reminder, so not reaching them is no news for the board.
    if (seen.has(email) || openActions.length === 0) continue;
    seen.add(email);
    lines.push({
      email,
      reason: owner.reason ?? null,
      since: owner.since ? dateOfInstant(owner.since, timeZone) : null,
      openActions,
    });
  }
  return lines.sort((a, b) => SWEDISH.compare(a.email, b.email));
}

function placeholderAudit(id: string, title: string): Audit {
  return {
    id,
    title,
    auditor: '',
    reportDate: '',
    diaryNumber: null,
    committees: [],
    responseDue: [],
    boardFeedback: [],
    recommendations: [],
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
