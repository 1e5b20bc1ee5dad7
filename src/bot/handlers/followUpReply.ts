/** The answer to a note or evidence typed in chat: the action's card as it is now, with a line saying what happened. */
import type { Action } from '../../domain/types';
import type { WriteOutcome } from '../../storage/followUp';
import { findAudit, type Reply, type Turn } from '../turn';
import { outcomeCard } from './changeAction';

/** The card of the action after a follow-up write; `summary` is the line shown when it was saved. */
export async function followUpReply(
  turn: Turn,
  outcome: WriteOutcome<Action>,
  summary: string,
): Promise<Reply> {
  const action = outcome.current;
  const audit = await findAudit(turn, action);
  const card =
    outcome.kind === 'saved'
      ? outcomeCard(turn, { kind: 'saved', action, audit, summary })
      : outcomeCard(turn, { kind: outcome.kind, action, audit });
  return { cards: [card] };
}
