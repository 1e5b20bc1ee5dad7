/*
 * The auditors' follow-up as services over storage: the functions the chat and card handlers call to add notes and
 * evidence to actions, record verdicts on recommendations, show a recommendation and list what waits for review.
 * Each write reads what it changes, lets the domain decide, and writes with the ETag it read, the change and its
 * history event in one transaction. Who may do what is the caller's rule (access rules are decided elsewhere): every
 * write takes it as `allow`, asked about what was read from storage, never about ids from a card.
 */
import { addNote as noteOn, type ActionChange, type ChangeContext } from '../domain/actions';
import {
  attachEvidenceItems as attachItems,
  liveEvidence,
  removeEvidence as removeFrom,
  type EvidenceItem,
} from '../domain/evidence';
import { toReview, type ReviewItem } from '../domain/recommendations';
import type {
  Action,
  Audit,
  CivilDate,
  Evidence,
  HistoryEvent,
  TrackedRecommendation,
  Verdict,
  VerdictEvent,
} from '../domain/types';
import { recordVerdict as judge } from '../domain/verdicts';
import type { ActionRepository, StoredAction } from './actionRepository';
import type { AuditRepository } from './auditRepository';
import { ConflictError } from './errors';

/** What the follow-up services need from storage. */
export interface FollowUpDeps {
  audits: AuditRepository;
  actions: ActionRepository;
}

/**
 * How a write ended, with the thing as it is now: `saved`; `stale` when the card was rendered from another version
 * (nothing written); `conflict` when someone wrote between read and write (nothing written); `notAllowed` when
 * `allow` said no (nothing written).
 */
export type WriteOutcome<T> =
  { kind: 'saved'; current: T } | { kind: 'stale' | 'conflict' | 'notAllowed'; current: T };

/** A write to an action: the reference, and the version a card was rendered from (null: typed in chat). */
export interface ActionTarget {
  ref: number;
  expectedVersion: number | null;
}

/**
 * Adds a progress note to an action (`A-17 kommentar <text>`); the status stays as it is.
 * @throws NotFoundError for an unknown reference; DomainError for an empty or too long note.
 */
export async function addNote(
  deps: FollowUpDeps,
  tenantId: string,
  target: ActionTarget & { text: string },
  context: ChangeContext,
  allow: (action: Action) => boolean,
): Promise<WriteOutcome<Action>> {
  return changeAction(deps, tenantId, target, allow, (stored) => noteOn(stored.action, target.text, context));
}

/**
 * Attaches evidence (a checked https link or a Teams file reference, see domain/evidence) to an action; several
 * items (the files of one message) in one change, all or nothing.
 * @throws NotFoundError for an unknown reference; DomainError when an item is already attached or the action would
 * have more evidence than it may.
 */
export async function attachEvidence(
  deps: FollowUpDeps,
  tenantId: string,
  target: ActionTarget & { evidence: Evidence | readonly Evidence[] },
  context: ChangeContext,
  allow: (action: Action) => boolean,
): Promise<WriteOutcome<Action>> {
  const items: readonly Evidence[] = 'kind' in target.evidence ? [target.evidence] : target.evidence;
  return changeAction(deps, tenantId, target, allow, (stored, history) =>
    attachItems(stored.action, history, items, context),
  );
}

/**
 * Takes back an item of evidence (its number is the seq of the event that attached it); the history keeps both.
 * @throws NotFoundError for an unknown reference; DomainError when the action has no such live item.
 */
export async function removeEvidence(
  deps: FollowUpDeps,
  tenantId: string,
  target: ActionTarget & { item: number; reason?: string | null },
  context: ChangeContext,
  allow: (action: Action) => boolean,
): Promise<WriteOutcome<Action>> {
  return changeAction(deps, tenantId, target, allow, (stored, history) =>
    removeFrom(stored.action, history, target.item, target.reason ?? null, context),
  );
}

/** The evidence still attached to an action, oldest first. */
export async function listEvidence(
  deps: FollowUpDeps,
  tenantId: string,
  ref: number,
): Promise<EvidenceItem[]> {
  return liveEvidence(await deps.actions.listHistory(tenantId, ref));
}

/** A verdict to record on R-`ref`, with the version the card was rendered from (null: typed in chat). */
export interface VerdictRequest {
  ref: number;
  verdict: Verdict;
  comment: string | null;
  /** The day of the judgement: today in the municipality's calendar. */
  date: CivilDate;
  expectedVersion: number | null;
}

/**
 * Records the auditors' verdict on a recommendation, appended to its history with its version one further, in
 * one transaction with the ETag read. Never touches an action.
 * @throws NotFoundError for an unknown reference; DomainError for a too long comment.
 */
export async function recordVerdict(
  deps: FollowUpDeps,
  tenantId: string,
  request: VerdictRequest,
  context: ChangeContext,
  allow: (recommendation: TrackedRecommendation) => boolean,
): Promise<WriteOutcome<TrackedRecommendation>> {
  const repository = deps.audits.recommendations;
  const stored = await repository.getRecommendation(tenantId, request.ref);
  const current = stored.recommendation;
  if (!allow(current)) return { kind: 'notAllowed', current };
  if (request.expectedVersion !== null && request.expectedVersion !== current.version) {
    return { kind: 'stale', current };
  }
  const change = judge(
    current,
    { verdict: request.verdict, date: request.date, comment: request.comment },
    context,
  );
  try {
    const saved = await repository.saveVerdicts(tenantId, change.recommendation, [change.event], stored.etag);
    return { kind: 'saved', current: saved.recommendation };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return {
      kind: 'conflict',
      current: (await repository.getRecommendation(tenantId, request.ref)).recommendation,
    };
  }
}

/** An action of a recommendation as `visa R-3` shows it: the action, its history and its live evidence. */
export interface RecommendationAction {
  action: Action;
  history: HistoryEvent[];
  evidence: EvidenceItem[];
}

/** Everything `visa R-3` shows: the recommendation, its audit, its actions with evidence, and its verdicts. */
export interface RecommendationView {
  recommendation: TrackedRecommendation;
  audit: Audit;
  actions: RecommendationAction[];
  /** Oldest recorded first. */
  verdicts: VerdictEvent[];
}

/**
 * Reads one recommendation by its reference with all that belongs to it. The caller decides whether the asker may
 * see it (by the recommendation's committees) before showing anything.
 * @throws NotFoundError for an unknown reference.
 */
export async function getRecommendationByRef(
  deps: FollowUpDeps,
  tenantId: string,
  ref: number,
): Promise<RecommendationView> {
  const { recommendation } = await deps.audits.recommendations.getRecommendation(tenantId, ref);
  const [audit, actions, verdicts] = await Promise.all([
    deps.audits.getAudit(tenantId, recommendation.auditId),
    deps.actions.listActions(tenantId, { auditId: recommendation.auditId }),
    deps.audits.recommendations.listVerdicts(tenantId, { ref }),
  ]);
  const own = actions.filter((action) => action.recommendationId === recommendation.recommendationId);
  const withHistory = await Promise.all(
    own.map(async (action) => {
      const history = await deps.actions.listHistory(tenantId, action.ref);
      return { action, history, evidence: liveEvidence(history) };
    }),
  );
  return { recommendation, audit, actions: withHistory, verdicts };
}

/** Options for {@link listToReview}. */
export interface ListToReviewOptions {
  /** Only recommendations addressed to one of these committees (a coordinator's). Default: all. */
  committees?: readonly string[];
}

/**
 * The recommendations waiting for the auditors' verdict (`att granska`), by reference: see the domain's
 * {@link toReview} for the rule.
 */
export async function listToReview(
  deps: FollowUpDeps,
  tenantId: string,
  options: ListToReviewOptions = {},
): Promise<ReviewItem[]> {
  const [recommendations, actions, verdicts] = await Promise.all([
    deps.audits.recommendations.listRecommendations(tenantId),
    deps.actions.listActions(tenantId),
    deps.audits.recommendations.listVerdicts(tenantId),
  ]);
  const wanted = options.committees;
  const chosen =
    wanted === undefined
      ? recommendations
      : recommendations.filter((rec) => rec.committees.some((committee) => wanted.includes(committee)));
  return toReview(chosen, actions, verdicts);
}

async function changeAction(
  deps: FollowUpDeps,
  tenantId: string,
  target: ActionTarget,
  allow: (action: Action) => boolean,
  change: (stored: StoredAction, history: HistoryEvent[]) => ActionChange | readonly ActionChange[],
): Promise<WriteOutcome<Action>> {
  const stored = await deps.actions.getAction(tenantId, target.ref);
  const current = stored.action;
  if (!allow(current)) return { kind: 'notAllowed', current };
  if (target.expectedVersion !== null && target.expectedVersion !== current.version) {
    return { kind: 'stale', current };
  }
  const history = await deps.actions.listHistory(tenantId, target.ref);
  // Read after the action: a history behind it means a change came in between, which the ETag would refuse anyway.
  if (history.at(-1)?.seq !== current.version) {
    return { kind: 'conflict', current: (await deps.actions.getAction(tenantId, target.ref)).action };
  }
  const domainChange = change(stored, history);
  try {
    const saved = await deps.actions.updateAction(tenantId, domainChange, stored.etag);
    return { kind: 'saved', current: saved.action };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return { kind: 'conflict', current: (await deps.actions.getAction(tenantId, target.ref)).action };
  }
}
