/**
 * What the tab shows, built (pure) from the same reading and the same code as the board report: `buildBoardReport`
 * over the actions the person may see, so every count on the page is one the report would print for them.
 */
import { inScope, overdueScope, summaryScope, type ActionScope, type Principal } from '../domain/access';
import { committeeKey, distinctCommittees } from '../domain/committees';
import { formatRecommendationRef } from '../domain/refs';
import type { Action, Audit, CivilDate, HistoryEvent, TrackedRecommendation } from '../domain/types';
import {
  buildBoardReport,
  type ActionLine,
  type AuditSection,
  type BoardReport,
  type RecommendationSection,
  type SummaryRow,
} from '../reports';
import type {
  TabAction,
  TabAuditDetail,
  TabAuditHeader,
  TabCounts,
  TabDashboard,
  TabRecommendation,
} from './apiTypes';
import { trendByMonth } from './trend';

/** What the tab's views are computed from: one tenant's audits, actions and status and deadline history. */
export interface DashboardInput {
  audits: readonly Audit[];
  actions: readonly Action[];
  /** Status and deadline events (others are ignored). */
  history: readonly HistoryEvent[];
  /** The recommendations' references and latest verdicts. Default: none (the views then show neither). */
  recommendations?: readonly TrackedRecommendation[];
}

/** The day and place the views are for, and what the caller asked to narrow them to. */
export interface DashboardOptions {
  asOf: CivilDate;
  timeZone: string;
  /** Only these committees (a channel tab's choice); null or empty: every committee the person may see. */
  committees?: readonly string[] | null;
}

/**
 * The actions a person sees in the tab: exactly those chat lets them see (`mayViewAction`), which is the scope
 * chat lists overdue actions in — every one for admins, the chair and auditors; a coordinator's committees' and
 * their own; an official's own; a guest's none.
 */
export function dashboardScope(principal: Principal): ActionScope {
  return overdueScope(principal);
}

/** May the person download the board report: as `sammanställning` allows (chair, admin, auditor, coordinator). */
export function mayDownloadReport(principal: Principal): boolean {
  return summaryScope(principal).kind !== 'none';
}

/** The board report over what the person may see (and chose to see): the numbers of every view. */
export function scopedReport(
  input: DashboardInput,
  scope: ActionScope,
  options: DashboardOptions,
): { report: BoardReport; actions: Action[] } {
  const chosen = committeeFilter(options.committees);
  const actions = input.actions.filter((action) => inScope(scope, action) && chosen(action.committee));
  const report = buildBoardReport(input.audits, actions, input.history, options.asOf, {
    timeZone: options.timeZone,
  });
  return { report, actions };
}

/** The overview: committees' counts, overdue actions, audits and the trend. */
export function buildDashboard(
  input: DashboardInput,
  principal: Principal,
  options: DashboardOptions,
): Omit<TabDashboard, 'viewer' | 'botAppId'> {
  const scope = dashboardScope(principal);
  const { report, actions } = scopedReport(input, scope, options);
  const shown = shownAudits(report, scope, options);
  return {
    asOf: report.asOf,
    selectedCommittees: options.committees?.length ? [...options.committees] : null,
    committees: report.summary.rows.map(counts),
    totals: counts(report.summary.totals),
    overdue: report.overdue.map((line) => ({
      ref: line.ref,
      reference: line.reference,
      text: line.text,
      committee: line.committee,
      owner: line.owner,
      auditId: line.auditId,
      auditTitle: line.auditTitle,
      due: line.currentDue.date ?? '',
      daysOverdue: line.daysOverdue ?? 0,
    })),
    audits: shown.map(auditHeader),
    trend: trendByMonth(actions, input.history, options.asOf, options.timeZone),
  };
}

/** One audit with its recommendations and the actions the person may see; null when they may see none of it. */
export function buildAuditDetail(
  input: DashboardInput,
  principal: Principal,
  auditId: string,
  options: DashboardOptions,
): TabAuditDetail | null {
  const scope = dashboardScope(principal);
  const { report } = scopedReport(input, scope, options);
  const section = shownAudits(report, scope, options).find((audit) => audit.id === auditId);
  if (!section) return null;
  const everything = scope.kind === 'all' && !options.committees?.length;
  const relevant = relevantCommittees(scope, options);
  const tracked = new Map(
    (input.recommendations ?? [])
      .filter((rec) => rec.auditId === auditId)
      .map((rec) => [rec.recommendationId, rec]),
  );
  return {
    audit: auditHeader(section),
    recommendations: section.recommendations
      .filter((rec) => everything || rec.actions.length > 0 || relevant(rec.committees))
      .map((rec) => recommendation(rec, tracked.get(rec.id))),
  };
}

/** The committees a person may pick for a channel tab: those of the actions they may see and that they coordinate. */
export function committeeChoices(input: DashboardInput, principal: Principal): string[] {
  const scope = dashboardScope(principal);
  if (scope.kind === 'none') return [];
  const names =
    scope.kind === 'all'
      ? [...input.audits.flatMap((audit) => audit.committees), ...input.actions.map((a) => a.committee)]
      : [
          ...(scope.kind === 'committees' ? scope.committees : []),
          ...input.actions.filter((action) => inScope(scope, action)).map((action) => action.committee),
        ];
  const swedish = new Intl.Collator('sv');
  return distinctCommittees(names).sort((a, b) => swedish.compare(a, b));
}

/**
 * The audits a person is shown: every one for those who see everything (unless a channel tab narrows the
 * committees); otherwise those with an action they may see or addressed to a committee that concerns them.
 */
function shownAudits(report: BoardReport, scope: ActionScope, options: DashboardOptions): AuditSection[] {
  const everything = scope.kind === 'all' && !options.committees?.length;
  if (everything) return report.audits;
  const relevant = relevantCommittees(scope, options);
  return report.audits.filter((audit) => audit.counts.total > 0 || relevant(audit.committees));
}

/** Whether a list of committees names one the person coordinates or chose (none for officials). */
function relevantCommittees(
  scope: ActionScope,
  options: DashboardOptions,
): (committees: readonly string[]) => boolean {
  const chosen = options.committees?.length ? options.committees : null;
  const theirs = scope.kind === 'committees' ? scope.committees : scope.kind === 'all' ? chosen : null;
  if (!theirs) return () => false;
  const keys = new Set(
    theirs
      .filter((name) => !chosen || chosen.some((c) => committeeKey(c) === committeeKey(name)))
      .map(committeeKey),
  );
  return (committees) => committees.some((name) => keys.has(committeeKey(name)));
}

function committeeFilter(committees: readonly string[] | null | undefined): (committee: string) => boolean {
  if (!committees?.length) return () => true;
  const keys = new Set(committees.map(committeeKey));
  return (committee) => keys.has(committeeKey(committee));
}

function auditHeader(section: AuditSection): TabAuditHeader {
  return {
    id: section.id,
    title: section.title,
    auditor: section.auditor,
    reportDate: section.reportDate,
    diaryNumber: section.diaryNumber,
    committees: section.committees,
    counts: counts(section.counts),
    recommendationCount: section.recommendations.length,
  };
}

function recommendation(section: RecommendationSection, tracked?: TrackedRecommendation): TabRecommendation {
  const shown: TabRecommendation = {
    id: section.id,
    text: section.text,
    committees: section.committees,
    counts: counts(section.counts),
    actions: section.actions.map(action),
  };
  if (tracked) {
    shown.ref = formatRecommendationRef(tracked.ref);
    // The latest verdict and its day; the comment stays with the verdict history (`visa R-n` in chat).
    if (tracked.latestVerdict !== null && tracked.latestVerdictDate !== null) {
      shown.verdicts = [{ verdict: tracked.latestVerdict, date: tracked.latestVerdictDate, comment: null }];
    }
  }
  return shown;
}

function action(line: ActionLine): TabAction {
  return {
    ref: line.ref,
    reference: line.reference,
    text: line.text,
    committee: line.committee,
    owner: line.owner,
    status: line.status,
    due: line.currentDue.date,
    duePhrase: line.currentDue.phrase,
    daysOverdue: line.daysOverdue,
  };
}

function counts(row: SummaryRow): TabCounts {
  return { ...row };
}
