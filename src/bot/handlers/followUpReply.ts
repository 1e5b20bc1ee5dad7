/** The answer to a note or evidence, typed in chat or given on a card: the action's card as it is now, with a line. */
import type { Action } from '../../domain/types';
import type { WriteOutcome } from '../../storage/followUp';
import type { ActionCardInputs } from '../../teams/cards';
import type { AdaptiveCard } from '../../teams/cards/render';
import { findAudit, type Reply, type Turn } from '../turn';
import { outcomeCard } from './changeAction';

/**
 * The card of the action after a follow-up write; `summary` is the line shown when it was saved, `typed` what a
 * stale card's fields held (put back on the new card).
 */
export async function followUpCard(
  turn: Turn,
  outcome: WriteOutcome<Action>,
  summary: string,
  typed: ActionCardInputs = {},
): Promise<AdaptiveCard> {
  const action = outcome.current;
  const audit = await findAudit(turn, action);
  return outcome.kind === 'saved'
    ? outcomeCard(turn, { kind: 'saved', action, audit, summary })
    : outcomeCard(turn, { kind: outcome.kind, action, audit }, typed);
}

/** {@link followUpCard} as a chat reply. */
export async function followUpReply(
  turn: Turn,
  outcome: WriteOutcome<Action>,
  summary: string,
): Promise<Reply> {
  return { cards: [await followUpCard(turn, outcome, summary)] };
}
