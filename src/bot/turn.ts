import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { civilDateAt } from '../domain/dates';
import type { Audit, CivilDate } from '../domain/types';
import { NotFoundError } from '../storage';
import type { AdaptiveCard } from '../teams/cards/render';
import type { BotDeps } from './deps';
import type { Caller } from './identity';
import { messages } from './messages';
import { pagesOf } from '../teams/paging';
import { deliverReply, type ReplyDeps, type ReplyOutcome } from './replyDelivery';

/** Everything a handler needs for one turn. */
export interface Turn {
  readonly context: TurnContext;
  readonly caller: Caller;
  readonly deps: BotDeps;
  /** Today in the municipality's time zone. */
  readonly today: CivilDate;
  readonly say: ReturnType<typeof messages>;
}

/** A handler's answer: text, cards, or both. */
export interface Reply {
  text?: string;
  cards?: AdaptiveCard[];
}

/** Builds the turn for a resolved caller. */
export function makeTurn(context: TurnContext, caller: Caller, deps: BotDeps): Turn {
  return {
    context,
    caller,
    deps,
    today: civilDateAt(deps.now(), deps.timeZone),
    say: messages(caller.locale),
  };
}

/** Where a reply goes and what delivering it needs: a {@link Turn}, or a context and the deps before any caller. */
export type ReplyTarget = Pick<Turn, 'context'> & { readonly deps: ReplyDeps };

/**
 * Sends a reply: as one message when it fits Teams' size limit, else as several in order (see paging.ts); cards go
 * as Adaptive Card attachments. Each message is delivered by {@link deliverReply}: retried within the turn while
 * Teams refuses it for now, given up (logged, and the conversation marked inactive when it is gone) when it
 * cannot be delivered. A reply given up is no error of the turn: what the turn saved stays saved, and the user
 * must not be told otherwise. The pages after one given up are not sent.
 */
export async function sendReply(target: ReplyTarget, reply: Reply): Promise<ReplyOutcome> {
  for (const page of pagesOf(reply)) {
    const activity: Partial<Activity> = { type: 'message' };
    if (page.text) {
      activity.text = page.text;
      activity.textFormat = 'markdown';
    }
    if (page.cards?.length) activity.attachments = page.cards.map((card) => CardFactory.adaptiveCard(card));
    const outcome = await deliverReply(target.context, activity, target.deps);
    if (!outcome.delivered) return outcome;
  }
  return { delivered: true };
}

/** Reads an audit for a card; a missing one (deleted by hand) shows as an empty title rather than failing. */
export async function findAudit(turn: Turn, auditId: string): Promise<Audit | null> {
  try {
    return await turn.deps.audits.getAudit(turn.caller.tenantId, auditId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
