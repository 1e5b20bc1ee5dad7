/** `att granska` / `to review`: the recommendations waiting for the auditors' verdict, for auditors, the chair and admins. */
import { mayListToReview } from '../../domain/access';
import { formatRecommendationRef } from '../../domain/refs';
import { listToReview } from '../../storage/followUp';
import { escapeMarkdown } from '../../teams/markdown';
import { clip } from '../../domain/text';
import { texts } from '../../texts';
import type { Reply, Turn } from '../turn';

/** Most recommendations the answer lists; the rest are counted. */
export const MAX_TO_REVIEW_LINES = 30;

/** Answers `att granska`. */
export async function toReview(turn: Turn): Promise<Reply> {
  const { caller, deps } = turn;
  const catalogue = texts(caller.locale);
  const words = catalogue.followUp;
  if (!mayListToReview(caller)) return { text: words.onlyReviewers() };
  const items = await listToReview(deps, caller.tenantId);
  if (items.length === 0) return { text: words.toReviewNone() };
  const lines = items.slice(0, MAX_TO_REVIEW_LINES).map(({ recommendation, reason, latestVerdict }) => {
    const why =
      reason === 'changedSinceVerdict' && latestVerdict
        ? words.toReviewChanged(catalogue.verdicts[latestVerdict.verdict], latestVerdict.date)
        : words.toReviewReady();
    const committees = escapeMarkdown(recommendation.committees.join(', '));
    return `- ${formatRecommendationRef(recommendation.ref)}: ${escapeMarkdown(clip(recommendation.text, 200))} (${committees}): ${why}`;
  });
  const more = items.length - lines.length;
  const first = items[0];
  return {
    text: [
      words.toReviewHeading(items.length),
      ...lines,
      ...(more > 0 ? [words.toReviewMore(more)] : []),
      '',
      first ? words.toReviewHint(formatRecommendationRef(first.recommendation.ref)) : '',
    ].join('\n'),
  };
}
