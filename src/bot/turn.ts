import { civilDateAt } from '../domain/dates';
import type { Action, Audit, CivilDate } from '../domain/types';
import type { IncomingActivity, SentAttachment } from '../teams/activity';
import type { AdaptiveCard } from '../teams/cards/render';
import type { FileCard, ReplyOutcome } from '../teams/replies';
import type { BotDeps } from './deps';
import type { Caller } from './identity';
import { messages } from './messages';

export type { FileCard, SentAttachment };

/** Everything a handler needs for one turn; no framework type: the Teams layer (src/teams/) fills it. */
export interface Turn {
  /** The incoming activity: its ids, conversation and scope, channel and team, attachments. */
  readonly activity: IncomingActivity;
  readonly caller: Caller;
  readonly deps: BotDeps;
  /** Today in the municipality's time zone. */
  readonly today: CivilDate;
  readonly say: ReturnType<typeof messages>;
  /**
   * Sends a reply into the turn's conversation (paged when too big for one message). A reply Teams would not take
   * is logged and reported in the outcome, never thrown: what the turn saved stays saved, and the user must not be
   * told otherwise.
   */
  send(reply: Reply): Promise<ReplyOutcome>;
}

/** A handler's answer: text, cards, or both; and Teams file cards (consent, file info). */
export interface Reply {
  text?: string;
  cards?: AdaptiveCard[];
  files?: FileCard[];
}

/** Builds the turn for a resolved caller. */
export function makeTurn(
  activity: IncomingActivity,
  caller: Caller,
  deps: BotDeps,
  send: (reply: Reply) => Promise<ReplyOutcome>,
): Turn {
  return {
    activity,
    caller,
    deps,
    today: civilDateAt(deps.now(), deps.timeZone),
    say: messages(caller.locale),
    send,
  };
}

/**
 * The audit an action card names, from the process's audit cache (see AuditCards); a missing one (deleted by hand)
 * shows as an empty title rather than failing.
 */
export async function findAudit(
  turn: Turn,
  action: Pick<Action, 'auditId' | 'recommendationId'>,
): Promise<Audit | null> {
  return turn.deps.auditCards.find(turn.caller.tenantId, action);
}
