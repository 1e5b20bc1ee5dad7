/**
 * Delivers the bot's replies inside a turn, through the same {@link BotConnector} as proactive sends, with the
 * in-turn policy of sendPolicy.ts: retried within the turn's time while Teams refuses for now, a 500 resent at most
 * once, and given up (logged, the conversation marked inactive when it is gone) when it cannot be delivered.
 *
 * A reply that could not be delivered is logged (ids, status and code; never the text) and reported to the caller as
 * an outcome, not thrown: the turn's work is done and stored, and an error would make the turn's error handling
 * tell the user that something went wrong (through the same failing connector), which reads as "nothing was saved".
 *
 * Replies do not go through botbuilder's `TurnContext.sendActivity`: its connector client retries inside its HTTP
 * pipeline (429 with any `Retry-After`, every 5xx including a 500 after the message was accepted), and that policy
 * cannot be changed from outside.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ConversationReference } from '../domain/conversationReference';
import { StorageError, type ConversationRepository } from '../storage';
import type { AdaptiveCard } from './cards/render';
import {
  describeFailure,
  isConversationGone,
  type BotConnector,
  type ConnectorFailure,
  type OutgoingActivity,
} from './connector';
import { pagesOf } from './paging';
import { replyRetryWait } from './sendPolicy';

/**
 * No retry of a reply may start later than this after the turn started: Teams redelivers at 15 s, and the last
 * attempt and the saving of turn state need the rest.
 */
export const REPLY_DEADLINE_MS = 12_000;

/** The least time a send is given, even late in a turn: a healthy connector answers well within it. */
const MIN_SEND_MS = 2_000;

/** The content type of an Adaptive Card attachment. */
export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** What became of a reply: delivered, or the connector's last answer when it was given up. */
export type ReplyOutcome = { delivered: true } | { delivered: false; failure: ConnectorFailure };

/** A reply: text, Adaptive Cards, or both; and Teams file cards (a consent card, a file's info card). */
export interface Reply {
  text?: string;
  cards?: readonly AdaptiveCard[];
  /** Sent as they are, in a message of their own after the rest. */
  files?: readonly FileCard[];
}

/** A Teams file card attachment: `application/vnd.microsoft.teams.card.file.consent` or `.file.info`. */
export interface FileCard {
  contentType: string;
  name: string;
  contentUrl?: string;
  content: Record<string, unknown>;
}

/** What delivering replies needs besides the connector. */
export interface ReplyDeps {
  readonly log: Logger;
  readonly conversations: Pick<ConversationRepository, 'markInactive'>;
  readonly now: () => Date;
}

/** Where the replies of a turn go: the incoming activity's conversation, as a reply to the activity itself. */
export interface ReplyAddress {
  readonly reference: Partial<ConversationReference>;
  /** The tenant, to mark a gone conversation inactive in; null when the activity named none. */
  readonly tenantId: string | null;
}

/**
 * The replies of one turn. Made at the start of the turn: the turn's deadline counts from then. Noting whether it
 * has answered lets the turn's error handling stay silent once the user got an answer.
 */
export class TurnReplies {
  private attempted = false;
  private readonly deadline: number;

  constructor(
    private readonly connector: BotConnector,
    private readonly address: ReplyAddress,
    private readonly deps: ReplyDeps,
    startedAt: number = performance.now(),
  ) {
    this.deadline = startedAt + REPLY_DEADLINE_MS;
  }

  /** True once a message was sent (or tried) in this turn. */
  get answered(): boolean {
    return this.attempted;
  }

  /**
   * Sends a reply: as one message when it fits Teams' size limit, else as several in order (see paging.ts); cards
   * go as Adaptive Card attachments. The pages after one given up are not sent.
   */
  async send(reply: Reply): Promise<ReplyOutcome> {
    for (const page of pagesOf(reply)) {
      const activity: OutgoingActivity = { type: 'message' };
      if (page.text) {
        activity['text'] = page.text;
        activity['textFormat'] = 'markdown';
      }
      if (page.cards?.length) {
        activity['attachments'] = page.cards.map((card) => ({
          contentType: ADAPTIVE_CARD_TYPE,
          content: card,
        }));
      }
      const outcome = await this.deliver(activity);
      if (!outcome.delivered) return outcome;
    }
    if (reply.files?.length) return this.deliver({ type: 'message', attachments: [...reply.files] });
    return { delivered: true };
  }

  /**
   * Sends one activity, addressed as botbuilder addresses a reply (from the bot to the user, `replyToId` the
   * incoming activity), retrying what the connector refused for now within the turn's time.
   */
  async deliver(activity: OutgoingActivity): Promise<ReplyOutcome> {
    this.attempted = true;
    const { reference } = this.address;
    const conversationId = reference.conversation?.id ?? '';
    const serviceUrl = reference.serviceUrl ?? '';
    const replyToId = reference.activityId ?? null;
    const addressed: OutgoingActivity = {
      ...activity,
      channelId: reference.channelId,
      locale: activity['locale'] ?? reference.locale,
      serviceUrl,
      conversation: reference.conversation,
      from: reference.bot,
      recipient: reference.user,
      ...(replyToId ? { replyToId } : {}),
    };
    let unknownOutcomes = 0;
    for (let attempt = 1; ; attempt++) {
      // A connector that does not answer must not hold the turn past Teams' 15 s: it is cut off, an unknown outcome.
      const options = { timeoutMs: Math.max(MIN_SEND_MS, Math.ceil(this.deadline - performance.now())) };
      const result = replyToId
        ? await this.connector.replyToActivity(serviceUrl, conversationId, replyToId, addressed, options)
        : await this.connector.sendActivity(serviceUrl, conversationId, addressed, options);
      if (result.ok) return { delivered: true };
      const { failure } = result;
      if (failure.kind === 'unknown') unknownOutcomes += 1;
      const waitMs = replyRetryWait(failure, attempt, unknownOutcomes, this.deadline - performance.now());
      if (waitMs === null) {
        await this.giveUp(conversationId, failure, attempt);
        return { delivered: false, failure };
      }
      this.deps.log.info(
        { conversationId, code: describeFailure(failure), attempt, waitMs },
        'Svaret nekades av Teams; skickar igen',
      );
      await sleep(waitMs);
    }
  }

  /** Logs a reply given up and, when the conversation is gone for the bot (403, 404), marks its reference inactive. */
  private async giveUp(conversationId: string, failure: ConnectorFailure, attempts: number): Promise<void> {
    const { tenantId } = this.address;
    const { log, conversations, now } = this.deps;
    const code = describeFailure(failure);
    log.warn({ tenant: tenantId, conversationId, code, attempts }, 'Svaret kunde inte levereras');
    if (!tenantId || !conversationId || !isConversationGone(failure)) return;
    try {
      await conversations.markInactive(tenantId, conversationId, code, undefined, { now: now() });
    } catch (error) {
      // Not stored (never was, or deleted) or storage down: the turn cannot do more, and must not answer through the
      // connector that just refused it. The scheduler marks it on its next failed send.
      if (!(error instanceof StorageError)) throw error;
      log.warn({ conversationId, err: error.code }, 'Konversationen kunde inte markeras inaktiv');
    }
  }
}
