/**
 * `visa R-3`: the recommendation card, for whoever may see any of its actions and for the chair, admins and
 * auditors; anyone else hears that there is no such recommendation, exactly as for one that does not exist.
 */
import { formatInstant } from '../../domain/dates';
import { mayRecordVerdict, mayViewRecommendation } from '../../domain/access';
import { displayStatus } from '../../domain/actions';
import { formatRecommendationRef, formatRef } from '../../domain/refs';
import { NotFoundError } from '../../storage';
import { getRecommendationByRef, type RecommendationView } from '../../storage/followUp';
import { recommendationCard } from '../../teams/cards/recommendation';
import type { AdaptiveCard } from '../../teams/cards/render';
import { texts } from '../../texts';
import type { Reply, Turn } from '../turn';

/** Answers `visa R-3`. */
export async function showRecommendation(turn: Turn, ref: number): Promise<Reply> {
  const view = await findVisibleRecommendation(turn, ref);
  if (view === null) {
    return { text: texts(turn.caller.locale).followUp.recommendationNotFound(formatRecommendationRef(ref)) };
  }
  return { cards: [recommendationCardFor(turn, view, null)] };
}

/** The recommendation behind a reference, for a caller who may see it; null otherwise and when there is none. */
export async function findVisibleRecommendation(turn: Turn, ref: number): Promise<RecommendationView | null> {
  const { caller, deps } = turn;
  try {
    const view = await getRecommendationByRef(deps, caller.tenantId, ref);
    return mayViewRecommendation(
      caller,
      view.actions.map((item) => item.action),
    )
      ? view
      : null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** The card of a recommendation as it is now, with a line saying what happened (or none). */
export function recommendationCardFor(
  turn: Turn,
  view: RecommendationView,
  note: string | null,
): AdaptiveCard {
  const { caller, deps } = turn;
  const { recommendation, audit } = view;
  const day = (at: string): string => formatInstant(at, deps.timeZone, { time: false });
  const latest = recommendation.latestVerdict;
  return recommendationCard(
    {
      ref: formatRecommendationRef(recommendation.ref),
      version: recommendation.version,
      text: recommendation.text,
      audit: audit.diaryNumber ? `${audit.title} (${audit.diaryNumber})` : audit.title,
      committees: recommendation.committees,
      latestVerdict:
        latest && recommendation.latestVerdictDate
          ? { verdict: latest, date: recommendation.latestVerdictDate }
          : null,
      actions: view.actions
        .slice()
        .sort((a, b) => a.action.ref - b.action.ref)
        .map(({ action, history, evidence }) => ({
          ref: formatRef(action.ref),
          text: action.text,
          status: displayStatus(action, turn.today),
          due: action.deadline.date ?? action.deadline.phrase ?? '–',
          evidence: evidence.map((item) => ({
            what: item.evidence.kind === 'link' ? item.evidence.url : item.evidence.name,
            description: item.evidence.description,
          })),
          notes: history
            .filter((event) => event.kind === 'note' && event.comment !== null)
            .map((event) => ({ date: day(event.at), text: event.comment ?? '' })),
        })),
      verdicts: view.verdicts.map((event) => ({
        date: event.date,
        verdict: event.verdict,
        comment: event.comment,
      })),
      canJudge: mayRecordVerdict(caller),
      note,
    },
    caller.locale,
  );
}
