import { displayStatus } from '../domain/actions';
import { liveEvidence } from '../domain/evidence';
import { formatRecommendationRef, formatRef } from '../domain/refs';
import type {
  Action,
  Audit,
  CivilDate,
  DisplayStatus,
  Evidence,
  HistoryEvent,
  TrackedRecommendation,
  VerdictEvent,
} from '../domain/types';
import { latestVerdict, verdictLabel } from '../domain/verdicts';
import { en as catalogueEn, sv as catalogueSv } from '../texts';
import { dateOfInstant, formatDate } from './format';

/** The languages of the review pack: Swedish by default, English on request. */
export type PackLanguage = 'sv' | 'en';

/** Everything the pack is built from: one audit and what belongs to it. */
export interface ReviewPackInput {
  audit: Audit;
  /** The audit's recommendations with their references. */
  recommendations: readonly TrackedRecommendation[];
  /** The audit's actions. */
  actions: readonly Action[];
  /** The history of those actions (any order; others are ignored). */
  history: readonly HistoryEvent[];
  /** The verdicts of those recommendations (any order). */
  verdicts: readonly VerdictEvent[];
}

/** Options for {@link buildReviewPack}. */
export interface ReviewPackOptions {
  /** Default: 'sv'. */
  language?: PackLanguage;
  /** The municipality's time zone, to date history instants. Default: Europe/Stockholm. */
  timeZone?: string;
}

/** A moved deadline as the pack shows it. */
export interface PackDeadlineChange {
  changedOn: CivilDate | null;
  from: CivilDate | null;
  to: CivilDate | null;
  reason: string | null;
}

/** A progress note, or the comment given with a status change. */
export interface PackNote {
  date: CivilDate | null;
  text: string;
}

/** An item of evidence as the pack shows it. `url` is always an https address, else the item has none. */
export interface PackEvidence {
  /** The file name, or the link itself. */
  label: string;
  url: string | null;
  description: string | null;
  addedOn: CivilDate | null;
}

/** One of the committee's actions for a recommendation. */
export interface PackAction {
  reference: string;
  text: string;
  committee: string;
  owner: string | null;
  originalDue: { date: CivilDate | null; phrase: string };
  currentDue: { date: CivilDate | null; phrase: string };
  changes: PackDeadlineChange[];
  status: DisplayStatus;
  /** The status in the pack's language. */
  statusLabel: string;
  notes: PackNote[];
  evidence: PackEvidence[];
}

/** One verdict of the auditors as the pack shows it. */
export interface PackVerdict {
  date: CivilDate;
  /** In the pack's language. */
  verdict: string;
  by: string;
  comment: string | null;
}

/** A recommendation with the committee's actions, the evidence and the auditors' verdicts. */
export interface PackRecommendation {
  /** `R-3`. */
  reference: string;
  /** The id within the audit (`R1`). */
  id: string;
  text: string;
  committees: string[];
  actions: PackAction[];
  /** Oldest first. */
  verdicts: PackVerdict[];
  /** The latest verdict with its date, in the pack's language, or null. */
  latest: PackVerdict | null;
  /** The actions' status in one phrase, e.g. "2 av 3 genomförda, 1 försenad". */
  statusSummary: string;
}

/** The follow-up review pack of one audit: what the auditors read and paste into their report. */
export interface ReviewPack {
  language: PackLanguage;
  title: string;
  asOf: CivilDate;
  audit: Pick<Audit, 'id' | 'title' | 'auditor' | 'reportDate' | 'diaryNumber' | 'committees'>;
  recommendations: PackRecommendation[];
}

/** The words of the pack in each language. */
export const PACK_TEXTS = {
  sv: {
    title: 'Underlag för uppföljande granskning',
    asOf: 'Per',
    auditor: 'Revisor',
    reportDate: 'Rapportdatum',
    diaryNumber: 'Dnr',
    committees: 'Nämnder',
    recommendation: 'Rekommendation',
    actions: 'Nämndens åtgärder',
    noActions: 'Ingen åtgärd är registrerad.',
    owner: 'Ansvarig',
    noOwner: 'ingen ansvarig med e-post',
    originalDue: 'Ursprungligt slutdatum',
    currentDue: 'Aktuellt slutdatum',
    changes: 'Ändrade slutdatum',
    noReason: 'inget skäl angivet',
    status: 'Status',
    notes: 'Kommentarer',
    evidence: 'Underlag',
    noEvidence: 'Inget underlag.',
    verdicts: 'Revisorernas bedömningar',
    noVerdicts: 'Ingen bedömning ännu.',
    verdict: 'Revisorernas bedömning',
    closing: 'Sammanställning',
    by: 'av',
    date: 'Datum',
    comment: 'Kommentar',
    reference: 'Ref',
    action: 'Åtgärd',
    committee: 'Nämnd',
    missingDate: 'datum saknas',
    done: (done: number, total: number) => `${done} av ${total} genomförda`,
    overdue: (n: number) => `${n} försenad${n === 1 ? '' : 'e'}`,
    cancelled: (n: number) => `${n} avbruten${n === 1 ? '' : 'a'}`,
    statuses: catalogueSv.status,
  },
  en: {
    title: 'Follow-up review pack',
    asOf: 'As of',
    auditor: 'Auditor',
    reportDate: 'Report date',
    diaryNumber: 'Diary no.',
    committees: 'Committees',
    recommendation: 'Recommendation',
    actions: "The committee's actions",
    noActions: 'No action is registered.',
    owner: 'Owner',
    noOwner: 'no owner with e-mail',
    originalDue: 'Original deadline',
    currentDue: 'Current deadline',
    changes: 'Moved deadlines',
    noReason: 'no reason given',
    status: 'Status',
    notes: 'Notes',
    evidence: 'Evidence',
    noEvidence: 'No evidence.',
    verdicts: "The auditors' verdicts",
    noVerdicts: 'No verdict yet.',
    verdict: "The auditors' verdict",
    closing: 'Summary',
    by: 'by',
    date: 'Date',
    comment: 'Comment',
    reference: 'Ref',
    action: 'Action',
    committee: 'Committee',
    missingDate: 'no date',
    done: (done: number, total: number) => `${done} of ${total} done`,
    overdue: (n: number) => `${n} overdue`,
    cancelled: (n: number) => `${n} cancelled`,
    statuses: catalogueEn.status,
  },
} as const;

/** The words of {@link PACK_TEXTS} in one language. */
export type PackTexts = (typeof PACK_TEXTS)[PackLanguage];

/**
 * Builds the follow-up review pack of one audit as of `asOf` (pure): per recommendation, in document order, the
 * committee's actions (owner, original phrase and date, moved deadlines with reasons, status, notes, evidence) and
 * the auditors' verdicts; every format renders this and nothing else, so they cannot disagree.
 * @example buildReviewPack(input, '2026-03-31', { language: 'sv' })
 */
export function buildReviewPack(
  input: ReviewPackInput,
  asOf: CivilDate,
  options: ReviewPackOptions = {},
): ReviewPack {
  const language = options.language ?? 'sv';
  const timeZone = options.timeZone ?? 'Europe/Stockholm';
  const texts = PACK_TEXTS[language];
  const day = (instant: string): CivilDate | null => dateOfInstant(instant, timeZone);
  const historyOf = new Map<number, HistoryEvent[]>();
  for (const event of input.history) historyOf.set(event.ref, [...(historyOf.get(event.ref) ?? []), event]);
  const tracked = new Map(input.recommendations.map((rec) => [rec.recommendationId, rec]));

  const recommendations = input.audit.recommendations.map((rec): PackRecommendation => {
    const ref = tracked.get(rec.id)?.ref ?? null;
    const own = input.actions.filter((a) => a.recommendationId === rec.id).sort((a, b) => a.ref - b.ref);
    const actions = own.map((action): PackAction => {
      const history = [...(historyOf.get(action.ref) ?? [])].sort((a, b) => a.seq - b.seq);
      const status = displayStatus(action, asOf);
      return {
        reference: formatRef(action.ref),
        text: action.text,
        committee: action.committee,
        owner: action.ownerEmail,
        originalDue: { ...action.originalDeadline },
        currentDue: { ...action.deadline },
        changes: history
          .filter((e) => e.kind === 'deadline')
          .map((e) => ({ changedOn: day(e.at), from: e.from, to: e.to, reason: e.comment })),
        status,
        statusLabel: texts.statuses[status],
        notes: history
          .filter((e) => (e.kind === 'note' || e.kind === 'status') && e.comment !== null)
          .map((e) => ({ date: day(e.at), text: e.comment ?? '' })),
        evidence: liveEvidence(history).map((item) => ({
          ...describeEvidence(item.evidence),
          addedOn: day(item.at),
        })),
      };
    });
    const events = input.verdicts
      .filter((v) => v.ref === ref)
      .sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq);
    const toVerdict = (v: VerdictEvent): PackVerdict => ({
      date: v.date,
      verdict: verdictLabel(v.verdict, language),
      by: v.by,
      comment: v.comment,
    });
    const latest = latestVerdict(events);
    return {
      reference: ref === null ? rec.id : formatRecommendationRef(ref),
      id: rec.id,
      text: rec.text,
      committees: [...rec.committees],
      actions,
      verdicts: events.map(toVerdict),
      latest: latest === null ? null : toVerdict(latest),
      statusSummary: summarizeStatus(own, asOf, texts),
    };
  });
  return {
    language,
    title: texts.title,
    asOf,
    audit: {
      id: input.audit.id,
      title: input.audit.title,
      auditor: input.audit.auditor,
      reportDate: input.audit.reportDate,
      diaryNumber: input.audit.diaryNumber,
      committees: [...input.audit.committees],
    },
    recommendations,
  };
}

/** A deadline for reading: "2021-11-30 (under hösten 2021)", or the words for a missing date. */
export function describePackDue(due: { date: CivilDate | null; phrase: string }, texts: PackTexts): string {
  if (due.date === null) return due.phrase ? `${texts.missingDate} (${due.phrase})` : texts.missingDate;
  return due.phrase && due.phrase !== due.date ? `${due.date} (${due.phrase})` : due.date;
}

/** A moved deadline in a line: "2026-01-15: 2025-12-31 → 2026-03-31 (skäl)". */
export function describePackChange(change: PackDeadlineChange, texts: PackTexts): string {
  return `${formatDate(change.changedOn)}: ${formatDate(change.from)} → ${formatDate(change.to)} (${change.reason ?? texts.noReason})`;
}

/** A verdict in a line: "Delvis åtgärdad (2024-03-01)". */
export function describePackVerdict(verdict: PackVerdict | null): string {
  return verdict === null ? '–' : `${verdict.verdict} (${verdict.date})`;
}

/** The actions of a recommendation in a line for the closing table: "A-1 Rutin tas fram; A-2 Utbildning". */
export function describePackActions(rec: PackRecommendation, texts: PackTexts): string {
  return rec.actions.length === 0
    ? texts.noActions
    : rec.actions.map((action) => `${action.reference} ${action.text}`).join('; ');
}

function describeEvidence(evidence: Evidence): Omit<PackEvidence, 'addedOn'> {
  // Stored links were checked when attached; checked again here since the page makes them clickable.
  const safe = (url: string): string | null => (/^https:\/\//i.test(url) ? url : null);
  return evidence.kind === 'link'
    ? { label: evidence.url, url: safe(evidence.url), description: evidence.description }
    : { label: evidence.name, url: safe(evidence.contentUrl), description: evidence.description };
}

function summarizeStatus(actions: readonly Action[], asOf: CivilDate, texts: PackTexts): string {
  if (actions.length === 0) return '–';
  const statuses = actions.map((action) => displayStatus(action, asOf));
  const cancelled = statuses.filter((s) => s === 'Avbruten').length;
  const done = statuses.filter((s) => s === 'Genomförd').length;
  const overdue = statuses.filter((s) => s === 'Försenad').length;
  const parts = [texts.done(done, actions.length - cancelled)];
  if (overdue > 0) parts.push(texts.overdue(overdue));
  if (cancelled > 0) parts.push(texts.cancelled(cancelled));
  return parts.join(', ');
}
