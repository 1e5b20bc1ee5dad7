/**
 * `R-3 delvis åtgärdad [kommentar]` and the verdict buttons on a recommendation card: the auditors' verdict. Only an
 * auditor records one; anyone else who may see the recommendation gets a clear refusal and nothing is stored, and
 * someone who may not see it hears that there is no such recommendation. A button pressed on a card rendered from
 * an older version stores nothing and shows the current card.
 */
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../../domain/actions';
import { mayRecordVerdict } from '../../domain/access';
import { DomainError } from '../../domain/errors';
import { formatRecommendationRef, parseRecommendationRef } from '../../domain/refs';
import { VERDICTS, type Verdict } from '../../domain/types';
import { recordVerdict } from '../../storage/followUp';
import type { AdaptiveCard } from '../../teams/cards/render';
import { texts } from '../../texts';
import type { Reply, Turn } from '../turn';
import type { CardAnswer } from './cardActions';
import { findVisibleRecommendation, recommendationCardFor } from './showRecommendation';

/** Records a verdict for the caller; the answer is the recommendation's card as it is now, or a refusal. */
export async function judgeRecommendation(
  turn: Turn,
  ref: number,
  verdict: Verdict,
  comment: string | null,
  expectedVersion: number | null,
): Promise<AdaptiveCard | string> {
  const { caller, deps } = turn;
  const words = texts(caller.locale).followUp;
  const shownRef = formatRecommendationRef(ref);
  const before = await findVisibleRecommendation(turn, ref);
  if (before === null) return words.recommendationNotFound(shownRef);
  if (!mayRecordVerdict(caller)) return words.onlyAuditors();
  const outcome = await recordVerdict(
    deps,
    caller.tenantId,
    { ref, verdict, comment, date: turn.today, expectedVersion },
    { by: caller.aadObjectId, now: deps.now() },
    () => mayRecordVerdict(caller),
  );
  if (outcome.kind === 'notAllowed') return words.onlyAuditors();
  const now = await findVisibleRecommendation(turn, ref);
  if (now === null) return words.recommendationNotFound(shownRef);
  const note =
    outcome.kind === 'saved'
      ? words.verdictSaved(shownRef, texts(caller.locale).verdicts[verdict])
      : outcome.kind === 'stale'
        ? words.verdictStale(shownRef)
        : words.verdictConflict(shownRef);
  deps.log.info({ ref, kind: outcome.kind }, 'Bedömning');
  return recommendationCardFor(turn, now, note);
}

/** The chat command: `R-3 åtgärdad [kommentar]`. */
export async function verdictReply(
  turn: Turn,
  ref: number,
  verdict: Verdict,
  comment: string | null,
): Promise<Reply> {
  const answer = await judgeRecommendation(turn, ref, verdict, comment, null);
  return typeof answer === 'string' ? { text: answer } : { cards: [answer] };
}

/*
 * Card data is user input: checked against a strict schema before use; the reference is parsed like typed text; who
 * is asking comes from the activity, never from here.
 */
const verdictData = z.object({
  ref: z.string().max(20),
  version: z.number().int().min(0).max(1_000_000),
  verdict: z.enum(VERDICTS),
  comment: z.string().max(MAX_COMMENT_LENGTH).optional(),
});

/** A verdict button on a recommendation card: the card is updated in place. */
export async function onRecordVerdict(turn: Turn, data: unknown): Promise<CardAnswer> {
  const parsed = verdictData.safeParse(data);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'data';
    throw new DomainError({ kind: 'badCardData', field });
  }
  const input = parsed.data;
  return judgeRecommendation(
    turn,
    parseRecommendationRef(input.ref),
    input.verdict,
    input.comment?.trim() || null,
    input.version,
  );
}
