/**
 * What a failed send to the Bot Connector means, for the two ways the bot sends (reliability.md, items 24-27). Both
 * send through the one `BotConnector` (connector.ts), which makes every request once; the retries are decided here.
 *
 * In-turn replies ({@link replyRetryWait}, used by replies.ts) have no row to record them on and must end within
 * Teams' 15 s:
 * - 429, 412, 502, 503, 504 (refused, known not delivered): sent again, at most {@link REPLY_ATTEMPTS} times in all,
 *   after the `Retry-After` the connector asks for or else after an exponential backoff with jitter; never when the
 *   wait would end after the turn's deadline, since Teams sends the activity again after 15 s and the user would
 *   then get everything twice.
 * - 500 and no answer at all (the send may have arrived): sent again once, no more. For an interactive reply a
 *   duplicate is the lesser harm: the reply is how the user learns that their change was saved, and without it they
 *   type it again or believe it was lost; a second copy of the same confirmation costs them a glance.
 * - 403, 404, 413 and every other 4xx: final; not sent again.
 *
 * Proactive sends ({@link proactiveDecision}, used by the scheduler's outbox) are recorded on an outbox row, so they
 * may wait for a later pass, and must never be sent twice: a 500 is left for a person to check.
 *
 * For both, a final 403 or 404 means the conversation is gone for the bot (blocked, removed from the roster): its
 * reference is marked inactive, and the next activity from the conversation marks it active again.
 */
import { isConversationGone, type ConnectorFailure } from './connector';

/** Most sends of one in-turn reply (the first and the retries). */
export const REPLY_ATTEMPTS = 3;

/** The first backoff's ceiling of an in-turn reply; it doubles with each attempt. */
const REPLY_BACKOFF_BASE_MS = 500;

/**
 * How long to wait before sending an in-turn reply again, or null when not to: the attempts are used up, the failure
 * is final (401 included: within a turn the same cached token would go again), a second unknown outcome (one resend
 * of a reply that may have arrived is the most), or a wait that would end after the turn's deadline (`msLeft`).
 */
export function replyRetryWait(
  failure: ConnectorFailure,
  attempt: number,
  unknownOutcomes: number,
  msLeft: number,
  random: () => number = Math.random,
): number | null {
  if (attempt >= REPLY_ATTEMPTS || failure.kind === 'final' || failure.status === 401) return null;
  if (failure.kind === 'unknown' && unknownOutcomes > 1) return null;
  // Equal jitter: between half and all of the exponential ceiling, so that a retry never comes at once.
  const ceiling = REPLY_BACKOFF_BASE_MS * 2 ** (attempt - 1);
  const waitMs = failure.retryAfterMs ?? Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return waitMs <= msLeft ? waitMs : null;
}

/** What the outbox does with a proactive message after a failed send. */
export type ProactiveDecision =
  /** Never deliverable: dead-letter it; `conversationGone` says to mark the conversation inactive too. */
  | { outcome: 'deadLetter'; conversationGone: boolean }
  /** It may have arrived: leave it for a person rather than risk sending it twice. */
  | { outcome: 'check' }
  /** Refused for now: send again after `waitMs`; `throttled` (429) says to hold the whole conversation back. */
  | { outcome: 'later'; waitMs: number; throttled: boolean };

/**
 * What a failed proactive send means for its outbox row: the connector's `Retry-After` is honoured, else the
 * outbox's own backoff for this attempt (`backoff`, asked only then: it draws a random jitter) is waited.
 */
export function proactiveDecision(failure: ConnectorFailure, backoff: () => number): ProactiveDecision {
  if (failure.kind === 'final')
    return { outcome: 'deadLetter', conversationGone: isConversationGone(failure) };
  if (failure.kind === 'unknown') return { outcome: 'check' };
  return { outcome: 'later', waitMs: failure.retryAfterMs ?? backoff(), throttled: failure.status === 429 };
}
