/**
 * What the tab shows, built (pure) from the same reading and the same code as the board report: `buildBoardReport`
 * over the actions the person may see, so every count on the page is one the report would print for them.
 */
import {
  inScope,
  mayHaveBoardReport,
  mayViewRecommendation,
  overdueScope,
  type ActionScope,
  type Principal,
} from '../domain/access';
import { committeeKey, distinctCommittees } from '../domain/committees';
import { liveEvidence } from '../domain/evidence';
import { formatRecommendationRef } from '../domain/refs';
import type {
  Action,
  Audit,
  CivilDate,
  HistoryEvent,
  TrackedRecommendation,
  VerdictEvent,
} from '../domain/types';
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
  TabEvidence,
  TabRecommendation,
  TabVerdict,
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
  /** Every verdict on the tenant's recommendations, for their full history. Default: none (none shown). */
  verdicts?: readonly VerdictEvent[];
  /** The actions' `evidence` and `evidenceRemoved` events, for their live evidence. Default: none. */
  evidence?: readonly HistoryEvent[];
  /** What to call those who recorded verdicts (a name or e-mail), by the `by` stored. Default: the `by` itself. */
  people?: ReadonlyMap<string, string>;
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

/** May the person download the board report: as `rapport` allows in chat (the chair and admins). */
export function mayDownloadReport(principal: Principal): boolean {
  return mayHaveBoardReport(principal);
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
  const { report, actions } = scopedReport(input, scope, options);
  const section = shownAudits(report, scope, options).find((audit) => audit.id === auditId);
  if (!section) return null;
  const everything = scope.kind === 'all' && !options.committees?.length;
  const relevant = relevantCommittees(scope, options);
  const tracked = new Map(
    (input.recommendations ?? [])
      .filter((rec) => rec.auditId === auditId)
      .map((rec) => [rec.recommendationId, rec]),
  );
  const shownActions = actions.filter((action) => action.auditId === auditId);
  const evidence = evidenceByRef(input.evidence ?? [], new Set(shownActions.map((action) => action.ref)));
  const verdicts = verdictsByRef(input.verdicts ?? [], input.people ?? new Map<string, string>());
  return {
    audit: auditHeader(section),
    recommendations: section.recommendations
      .filter((rec) => everything || rec.actions.length > 0 || relevant(rec.committees))
      .map((rec) => {
        const own = tracked.get(rec.id);
        // Verdicts and evidence as chat shows them with `visa R-n`: to whoever may see the recommendation.
        const visible = mayViewRecommendation(
          principal,
          shownActions.filter((action) => action.recommendationId === rec.id),
        );
        return recommendation(rec, own, {
          verdicts: visible && own ? verdicts.get(own.ref) : undefined,
          evidence: visible ? evidence : new Map<number, TabEvidence[]>(),
        });
      }),
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

/** What the person may see of a recommendation's follow-up: its verdicts, oldest first, and its actions' evidence. */
interface FollowUpShown {
  verdicts: TabVerdict[] | undefined;
  evidence: ReadonlyMap<number, TabEvidence[]>;
}

function recommendation(
  section: RecommendationSection,
  tracked: TrackedRecommendation | undefined,
  shown: FollowUpShown,
): TabRecommendation {
  const result: TabRecommendation = {
    id: section.id,
    text: section.text,
    committees: section.committees,
    counts: counts(section.counts),
    actions: section.actions.map((line) => {
      const items = shown.evidence.get(line.ref);
      return items?.length ? { ...action(line), evidence: items } : action(line);
    }),
  };
  if (tracked) {
    result.ref = formatRecommendationRef(tracked.ref);
    if (shown.verdicts?.length) result.verdicts = shown.verdicts;
  }
  return result;
}

/** Each recommendation's verdicts by reference, in the order they were given (day, then order of recording). */
function verdictsByRef(
  events: readonly VerdictEvent[],
  people: ReadonlyMap<string, string>,
): Map<number, TabVerdict[]> {
  const byRef = new Map<number, TabVerdict[]>();
  const sorted = [...events].sort((a, b) => a.ref - b.ref || a.date.localeCompare(b.date) || a.seq - b.seq);
  for (const event of sorted) {
    const list = byRef.get(event.ref) ?? [];
    list.push({
      verdict: event.verdict,
      date: event.date,
      by: people.get(event.by) ?? event.by,
      comment: event.comment,
    });
    byRef.set(event.ref, list);
  }
  return byRef;
}

/** The live evidence of the actions `refs`, oldest first: links with their address, files by name only. */
function evidenceByRef(
  events: readonly HistoryEvent[],
  refs: ReadonlySet<number>,
): Map<number, TabEvidence[]> {
  const grouped = new Map<number, HistoryEvent[]>();
  for (const event of events) {
    if (!refs.has(event.ref)) continue;
    grouped.set(event.ref, [...(grouped.get(event.ref) ?? []), event]);
  }
  const result = new Map<number, TabEvidence[]>();
  for (const [ref, history] of grouped) {
    const items = liveEvidence(history).map(({ evidence }): TabEvidence =>
      evidence.kind === 'link'
        ? { description: evidence.description, url: evidence.url, name: null }
        : { description: evidence.description, url: null, name: evidence.name },
    );
    if (items.length > 0) result.set(ref, items);
  }
  return result;
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
