import { isClosed } from './actions';
import { latestVerdict } from './verdicts';
import type { Action, TrackedRecommendation, VerdictEvent } from './types';

/** Why a recommendation waits for the auditors. */
export type ReviewReason =
  /** Every action is closed and no verdict has been given since. */
  | 'ready'
  /** A verdict was given, and an action changed after it. */
  | 'changedSinceVerdict';

/** A recommendation the auditors should judge (again), with what is known of it. */
export interface ReviewItem {
  recommendation: TrackedRecommendation;
  reason: ReviewReason;
  /** Its actions, by reference. */
  actions: Action[];
  /** When one of its actions last changed (ISO instant), or null when none has since it was registered. */
  lastChange: string | null;
  latestVerdict: VerdictEvent | null;
}

/**
 * When an action last changed: its `updatedAt` once anything has happened to it after it was registered (a
 * status, a new date, a note, evidence), else null. Registering is no news for the auditors, and an import
 * that carries an old follow-up over would otherwise make every imported action newer than its verdicts.
 */
export function lastChangeOf(action: Pick<Action, 'version' | 'updatedAt'>): string | null {
  return action.version > 1 ? action.updatedAt : null;
}

/**
 * The recommendations to review (pure), by reference: those whose actions are all closed (Genomförd or Avbruten)
 * and that have no verdict, and those whose latest verdict is older than the last change of one of their actions.
 * A recommendation without actions is never ready: there is nothing of the committee's to judge.
 * @example toReview(recommendations, actions, verdicts).map((item) => item.recommendation.ref)
 */
export function toReview(
  recommendations: readonly TrackedRecommendation[],
  actions: readonly Action[],
  verdicts: readonly VerdictEvent[],
): ReviewItem[] {
  const actionsOf = new Map<string, Action[]>();
  for (const action of actions) {
    const key = recommendationKey(action.auditId, action.recommendationId);
    actionsOf.set(key, [...(actionsOf.get(key) ?? []), action]);
  }
  const verdictsOf = new Map<number, VerdictEvent[]>();
  for (const event of verdicts) verdictsOf.set(event.ref, [...(verdictsOf.get(event.ref) ?? []), event]);

  const items: ReviewItem[] = [];
  for (const recommendation of recommendations) {
    const own = [
      ...(actionsOf.get(recommendationKey(recommendation.auditId, recommendation.recommendationId)) ?? []),
    ];
    own.sort((a, b) => a.ref - b.ref);
    const latest = latestVerdict(verdictsOf.get(recommendation.ref) ?? []);
    const lastChange = own.reduce<string | null>((last, action) => {
      const change = lastChangeOf(action);
      return change !== null && (last === null || change > last) ? change : last;
    }, null);
    let reason: ReviewReason | null = null;
    if (latest !== null) {
      if (lastChange !== null && Date.parse(latest.at) < Date.parse(lastChange))
        reason = 'changedSinceVerdict';
    } else if (own.length > 0 && own.every((action) => isClosed(action.status))) {
      reason = 'ready';
    }
    if (reason !== null)
      items.push({ recommendation, reason, actions: own, lastChange, latestVerdict: latest });
  }
  return items.sort((a, b) => a.recommendation.ref - b.recommendation.ref);
}

function recommendationKey(auditId: string, recommendationId: string): string {
  return `${auditId}\n${recommendationId}`;
}
