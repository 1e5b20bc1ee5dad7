import { formatRef } from '../../domain/refs';
import { confirmCard } from '../../teams/cards/cards';
import { escapeMarkdown } from '../../teams/markdown';
import { parseIntent, type Intent } from '../intents';
import { statusLabel } from '../../texts/locale';
import type { Reply, Turn } from '../turn';
import { changeRole, setDigestChannel } from './admin';
import { changeAction, outcomeAnswer, type ChangeOutcome } from './changeAction';
import { myActions, overdue, summary } from './lists';
import { matchActions } from './matchAction';
import { showAction } from './show';
import { snooze } from './snooze';

/** Answers one chat message: parses what the user wants and runs the handler for it. */
export async function answerMessage(turn: Turn, text: string): Promise<Reply> {
  return answerIntent(turn, parseIntent(text));
}

async function answerIntent(turn: Turn, intent: Intent): Promise<Reply> {
  const { say } = turn;
  switch (intent.kind) {
    case 'help':
      return { text: say.help() };
    case 'myActions':
      return myActions(turn);
    case 'overdue':
      return overdue(turn);
    case 'summary':
      return summary(turn);
    case 'show':
      return showAction(turn, intent.ref, { withHistory: true });
    case 'setStatus':
      return changeReply(
        turn,
        await changeAction(
          turn,
          intent.ref,
          { kind: 'status', to: intent.status, comment: intent.comment },
          null,
        ),
      );
    case 'newDate':
      return changeReply(
        turn,
        await changeAction(
          turn,
          intent.ref,
          { kind: 'deadline', date: intent.date, reason: intent.reason },
          null,
        ),
      );
    case 'statusWithoutRef':
      return confirmFreeText(turn, intent.text, intent.status);
    case 'digestHere':
      return setDigestChannel(turn);
    case 'role':
      return changeRole(turn, intent);
    case 'snooze':
      return snooze(turn, intent.ref, intent.until, intent.reason);
    case 'invalid':
      return {
        text: say.invalid(
          intent.problem,
          escapeMarkdown(intent.detail),
          intent.ref === null ? null : formatRef(intent.ref),
        ),
      };
    case 'unknown':
      return { text: say.unknown(intent.mentionedRef === null ? null : formatRef(intent.mentionedRef)) };
  }
}

/** A change typed in chat is answered like a card press: the updated card, or only a refusal. */
function changeReply(turn: Turn, outcome: ChangeOutcome): Reply {
  const answer = outcomeAnswer(turn, outcome);
  return typeof answer === 'string' ? { text: answer } : { cards: [answer] };
}

/**
 * "inventeringen är klar": finds the sender's own open action the sentence speaks of and asks before changing
 * anything (a Ja/Nej card carrying the version it was rendered from).
 */
async function confirmFreeText(turn: Turn, text: string, status: 'Genomförd' | 'Pågår'): Promise<Reply> {
  const { caller, deps, say } = turn;
  if (!caller.email) return { text: say.noMatch() };
  const own = await deps.actions.listOpenActions(caller.tenantId, { ownerEmail: caller.email });
  const matches = matchActions(text, own);
  if (matches.length === 0) return { text: say.noMatch() };
  return {
    cards: matches.map((action) =>
      confirmCard(
        {
          ref: formatRef(action.ref),
          version: action.version,
          text: action.text,
          status,
          comment: null,
          question: say.confirmMatch(formatRef(action.ref), action.text, statusLabel(status, caller.locale)),
        },
        caller.locale,
      ),
    ),
  };
}
