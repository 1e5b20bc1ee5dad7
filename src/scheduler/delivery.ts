/**
 * Delivers outbox messages: finds where to reach the recipient, paces the request under Teams' limits, sends it once,
 * and records the outcome on the outbox row, retrying what Teams says is transient.
 *
 * The order of writes is what makes a crash safe (reliability item 28):
 *   1. the row is `pending` (created before anything is sent);
 *   2. it is moved to `sending` (with its ETag: of two instances only one gets here) just before the request;
 *   3. the request is made;
 *   4. the outcome is recorded: `sent` with the activity id, `pending` again when Teams refused it for now,
 *      `deadLetter` when it never can be delivered, `check` when nobody can tell whether it arrived.
 * A process that dies before 2 leaves a `pending` row, which the next pass sends. One that dies between 2 and 4 leaves
 * a `sending` row; the Bot Connector offers no way to ask whether that message arrived (Teams does not let bots read
 * a conversation's messages back, and ignores an id the sender proposes), so the next pass marks it `check` for a
 * person rather than risk sending it twice.
 */
import type { ConversationReference } from '../domain/conversationReference';
import {
  ConflictError,
  StorageError,
  type OutboxChange,
  type OutboxMessage,
  type OutboxState,
} from '../storage';
import { describeFailure, type OutgoingActivity } from '../teams/connector';
import { proactiveDecision } from '../teams/sendPolicy';
import type { GraphReach } from './graphReach';
import type { SchedulerRuntime } from './runtime';
import { serviceUrlProblem } from '../teams/serviceUrl';

/** What became of one message in a pass: its state afterwards, or `skipped` when another instance had it. */
export type DeliveryState = Exclude<OutboxState, 'sending'> | 'skipped';

/** One message's outcome, for the pass report and the CLI. */
export interface DeliveryOutcome {
  key: string;
  kind: OutboxMessage['kind'];
  subject: string;
  stage: string;
  recipient: string;
  state: DeliveryState;
  conversationId: string | null;
  activityId: string | null;
  reason: string | null;
  code: string | null;
  attempts: number;
}

/** What to send for a message, or why it is no longer owed. */
export type Rendered = { activity: OutgoingActivity } | { cancel: string };

/** Builds the activity of a message when it is delivered (so a resend shows the action as it is now). */
export type Renderer = (message: OutboxMessage) => Promise<Rendered>;

/**
 * What to send for several messages to one person: one activity for those still owed, and the ones no longer owed
 * with why. `activity` is null only when every message is cancelled.
 */
export interface BatchRendered {
  activity: OutgoingActivity | null;
  cancel: ReadonlyMap<string, string>;
}

/** Builds the one activity of a batch from the rows still owed (called again when rows drop out). */
export type BatchRenderer = (messages: readonly OutboxMessage[]) => Promise<BatchRendered>;

/** Where a recipient is reached: a conversation the bot may post to, with the ETag to mark it inactive with. */
interface Target {
  conversationId: string;
  serviceUrl: string;
  etag: string;
}

/** A recipient who cannot be reached now (`retry`: try later) or at all (`final`). */
interface Unreachable {
  kind: 'retry' | 'final';
  reason: string;
  code: string;
  /**
   * For `retry`: write the reason on the rows, and try again no sooner than this (ms; null: the next pass). Unset:
   * the rows are left as they are.
   */
  recordRetry?: { afterMs: number | null };
}

type TargetResult = { ok: true; target: Target } | { ok: false; unreachable: Unreachable };

/** Most team channels asked for a member before concluding the person is in none of the bot's teams. */
const MAX_TEAMS_TO_ASK = 25;

/**
 * Delivers the messages of one pass for one tenant. Lookups are cached for the pass: an owner with ten reminders is
 * looked up once, and once their chat answered 403 the other nine are dead-lettered without asking Teams again.
 */
export class Courier {
  private readonly targets = new Map<string, Promise<TargetResult>>();

  /**
   * @param channels serviceUrls of channels the bot may have no stored reference for (the digest channel, chosen in
   * a thread whose reference is stored under the thread's id), by conversation id.
   */
  constructor(
    private readonly runtime: SchedulerRuntime,
    private readonly tenantId: string,
    private readonly signal: AbortSignal,
    private readonly channels: ReadonlyMap<string, string> = new Map(),
  ) {}

  /**
   * Delivers one message that is `pending` (or moves it to a final state). Storage errors are the caller's; a message
   * another instance moved first comes back `skipped`.
   */
  async deliver(message: OutboxMessage, render: Renderer): Promise<DeliveryOutcome> {
    const [outcome] = await this.deliverBatch([message], message.recipient, async ([row]) => {
      const rendered = await render(row as OutboxMessage);
      return 'cancel' in rendered
        ? { activity: null, cancel: new Map([[message.key, rendered.cancel]]) }
        : { activity: rendered.activity, cancel: new Map() };
    });
    return outcome as DeliveryOutcome;
  }

  /**
   * Delivers several `pending` messages to one person as one activity: the rows are moved together (one Table
   * transaction per step), so they never disagree about whether the activity went out, and each row keeps being the
   * idempotency record of its own item. A row another instance moved first makes the whole batch `skipped` (its rows
   * stay as they are for whoever holds them). `recipient` is how to reach the person (rows may name them by e-mail or
   * by object id). Returns one outcome per given message, in the given order.
   */
  async deliverBatch(
    messages: readonly OutboxMessage[],
    recipient: string,
    render: BatchRenderer,
  ): Promise<DeliveryOutcome[]> {
    const { deps } = this.runtime;
    const { tuning, outbox, clock } = deps;
    const outcomes = new Map<string, DeliveryOutcome>();
    let live = messages.filter((message) => {
      if (message.state === 'pending') return true;
      outcomes.set(message.key, toOutcome(message, 'skipped'));
      return false;
    });
    const settle = (rows: readonly OutboxMessage[]) => {
      for (const row of rows) outcomes.set(row.key, toOutcome(row));
    };
    const moveLive = async (to: OutboxState, change: OutboxChange) => {
      live = await outbox.moveMessages(this.tenantId, live, to, change);
      return live;
    };
    try {
      let activity: OutgoingActivity | null = null;
      for (let attemptInPass = 1; live.length > 0; attemptInPass++) {
        const spent = live.filter((message) => message.attempts >= tuning.maxAttempts);
        for (const message of spent) {
          const dead = await outbox.moveMessage(this.tenantId, message, 'deadLetter', {
            now: clock.now(),
            reason: `Gav upp efter ${message.attempts} försök: ${message.reason ?? 'okänt fel'}`,
            code: message.code,
          });
          settle([dead]);
        }
        if (spent.length > 0) {
          live = live.filter((message) => !spent.includes(message));
          // The activity listed the rows given up on: render what is left anew.
          activity = null;
          if (live.length === 0) break;
        }
        if (activity === null) {
          const rendered = await render(live);
          for (const message of live) {
            const reason = rendered.cancel.get(message.key);
            if (reason === undefined) continue;
            settle([
              await outbox.moveMessage(this.tenantId, message, 'cancelled', { now: clock.now(), reason }),
            ]);
          }
          live = live.filter((message) => !rendered.cancel.has(message.key));
          if (live.length === 0) break;
          if (rendered.activity === null)
            throw new TypeError('A batch with rows still owed rendered no activity.');
          activity = rendered.activity;
        }
        const resolved = await this.resolveTarget(recipient);
        if (!resolved.ok) {
          const { unreachable } = resolved;
          if (unreachable.kind === 'final') {
            await moveLive('deadLetter', {
              now: clock.now(),
              reason: unreachable.reason,
              code: unreachable.code,
            });
          } else if (unreachable.recordRetry) {
            const { afterMs } = unreachable.recordRetry;
            await moveLive('pending', {
              now: clock.now(),
              reason: unreachable.reason,
              code: unreachable.code,
              ...(afterMs === null ? {} : { nextAttemptAt: new Date(clock.now().getTime() + afterMs) }),
            });
          }
          // A lookup that failed for now (throttled, connector down) leaves the rows pending for the next pass.
          break;
        }
        const { target } = resolved;
        const permit = await this.runtime.pacerFor(this.tenantId).acquire(target.conversationId, this.signal);
        await moveLive('sending', { now: clock.now(), conversationId: target.conversationId });
        await tuning.hooks?.beforeSend?.(live[0] as OutboxMessage);
        // Recording the rows took time; the pacer counts the request when it really goes out, as Teams does.
        permit.restamp();
        const result = await deps.connector.sendActivity(target.serviceUrl, target.conversationId, {
          ...activity,
          conversation: { id: target.conversationId, tenantId: this.tenantId },
        });
        await tuning.hooks?.afterSend?.(live[0] as OutboxMessage);
        if (result.ok) {
          live = await this.recordSent(live, result.value.id, target.conversationId);
          break;
        }
        const { failure } = result;
        const code = describeFailure(failure);
        const decision = proactiveDecision(failure, () => this.backoff(attemptInPass));
        if (decision.outcome === 'deadLetter') {
          if (decision.conversationGone) await this.markGone(recipient, target, code);
          await moveLive('deadLetter', { now: clock.now(), reason: failure.message, code });
          break;
        }
        if (decision.outcome === 'check') {
          await moveLive('check', {
            now: clock.now(),
            reason: `Oklart om meddelandet kom fram: ${failure.message}`,
            code,
          });
          break;
        }
        const { waitMs } = decision;
        const retryAt = new Date(clock.now().getTime() + waitMs);
        if (decision.throttled) this.runtime.pacerFor(this.tenantId).block(target.conversationId, retryAt);
        await moveLive('pending', {
          now: clock.now(),
          reason: failure.message,
          code,
          nextAttemptAt: retryAt,
        });
        if (attemptInPass >= tuning.attemptsPerPass || waitMs > tuning.maxWaitInPassMs) break;
        await clock.sleepUntil(retryAt, this.signal);
      }
      settle(live);
    } catch (error) {
      // Another instance moved a row first: it is delivering them; this pass has nothing more to do with them.
      if (error instanceof ConflictError) {
        for (const message of live) outcomes.set(message.key, toOutcome(message, 'skipped'));
      } else if (this.signal.aborted && live.every((message) => message.state !== 'sending')) {
        // Stopped while waiting (shutdown, lease lost): the rows were recorded before every wait, the next pass has them.
        settle(live);
      } else throw error;
    }
    return messages.map((message) => outcomes.get(message.key) ?? toOutcome(message, 'skipped'));
  }

  /**
   * Records delivered messages. Should another instance have taken a row for stale meanwhile (this send took longer
   * than `staleSendingMs`) and marked it `check`, the answer in hand settles it: it was sent.
   */
  private async recordSent(
    messages: readonly OutboxMessage[],
    activityId: string,
    conversationId: string,
  ): Promise<OutboxMessage[]> {
    const { outbox, clock, log } = this.runtime.deps;
    const change = { now: clock.now(), activityId, conversationId };
    try {
      return await outbox.moveMessages(this.tenantId, messages, 'sent', change);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const recorded: OutboxMessage[] = [];
      for (const message of messages) {
        const now = await outbox.getMessage(this.tenantId, message.key);
        if (now.state !== 'check' && now.state !== 'sending') throw error;
        if (now.state === 'check') {
          log.info(
            { subject: message.subject, stage: message.stage },
            'Meddelandet markerades för kontroll under sändningen; registreras som skickat',
          );
        }
        recorded.push(await outbox.moveMessage(this.tenantId, now, 'sent', change));
      }
      return recorded;
    }
  }

  /** Exponential backoff with full jitter: up to base * 2^(attempt-1), capped. */
  private backoff(attempt: number): number {
    const { backoffBaseMs, backoffMaxMs, random } = this.runtime.deps.tuning;
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (attempt - 1));
    return Math.max(1, Math.round(random() * ceiling));
  }

  private resolveTarget(recipient: string): Promise<TargetResult> {
    let result = this.targets.get(recipient);
    if (!result) {
      result = this.lookUp(recipient);
      this.targets.set(recipient, result);
      // A lookup that failed for now is asked again by the next message to the same person.
      result.then(
        (value) => {
          if (!value.ok && value.unreachable.kind === 'retry') this.targets.delete(recipient);
        },
        () => this.targets.delete(recipient),
      );
    }
    return result;
  }

  private async lookUp(recipient: string): Promise<TargetResult> {
    const { conversations, users } = this.runtime.deps;
    if (recipient.startsWith('conversation:')) {
      const conversationId = recipient.slice('conversation:'.length);
      const stored = await conversations
        .getConversation(this.tenantId, conversationId)
        .catch((error: unknown) => {
          if (error instanceof StorageError && error.code === 'NotFound') return null;
          throw error;
        });
      if (!stored) {
        const serviceUrl = this.channels.get(conversationId);
        if (serviceUrl) return this.checked(conversationId, serviceUrl, '*');
        return unreachable('final', 'Boten känner inte till kanalen.', 'UnknownConversation');
      }
      if (!stored.active) {
        return unreachable(
          'final',
          `Boten kan inte längre skriva i kanalen (${stored.inactiveReason ?? 'okänt'}).`,
          'Inactive',
        );
      }
      return this.checked(stored.conversationId, stored.serviceUrl, stored.etag);
    }
    let aadObjectId = recipient;
    if (recipient.includes('@')) {
      const user = await users.findUserByEmail(this.tenantId, recipient);
      if (!user) {
        const graph = this.runtime.deps.graphReach;
        if (graph?.serves(this.tenantId)) return this.reachThroughGraph(graph, recipient);
        return unreachable(
          'final',
          `Boten har inte träffat ${recipient} i Teams (personen finns inte i något team där boten är installerad).`,
          'UnknownUser',
        );
      }
      aadObjectId = user.aadObjectId;
    }
    return this.lookUpPerson(aadObjectId);
  }

  /**
   * An owner no Teams user the bot met has the e-mail of: installs the app for them through Graph and, once the bot
   * has linked them, reaches them like everyone else. What Graph refuses for good dead-letters the rows (the unreachable
   * list shows why); what may work later leaves them pending, with the reason written on them.
   */
  private async reachThroughGraph(graph: GraphReach, email: string): Promise<TargetResult> {
    const result = await graph.reach(this.tenantId, email, this.signal);
    switch (result.kind) {
      case 'linked':
        return this.lookUpPerson(result.aadObjectId);
      case 'installedBefore': {
        // Installed earlier, but the install never reached the bot: the person may still be found in a team.
        const found = await this.lookUpPerson(result.aadObjectId);
        if (found.ok || found.unreachable.code !== 'NoConversation') return found;
        return later(
          'Appen är redan installerad för personen (Microsoft Graph svarade 409), men boten har inte fått ' +
            'installationen och hittar hen inte i något team; försöker igen i nästa körning.',
          'GraphAlreadyInstalled',
          null,
        );
      }
      case 'later':
        return later(result.reason, result.code, result.retryAfterMs);
      case 'refused':
        return unreachable('final', result.reason, result.code);
    }
  }

  /** Reaches a person by Entra object id: their personal chat, else one opened through a team they share. */
  private async lookUpPerson(aadObjectId: string): Promise<TargetResult> {
    const { conversations } = this.runtime.deps;
    const personal = await conversations.findPersonalConversation(this.tenantId, aadObjectId);
    if (personal) {
      if (!personal.active) {
        return unreachable(
          'final',
          `Boten kan inte längre skriva till personen (${personal.inactiveReason ?? 'okänt'}).`,
          'Inactive',
        );
      }
      return this.checked(personal.conversationId, personal.serviceUrl, personal.etag);
    }
    return this.openPersonalChat(aadObjectId);
  }

  /**
   * Opens a 1:1 chat with someone the bot knows from a team roster but has never talked to: finds them in one of
   * the tenant's team channels (the member API takes the Entra object id), then asks the connector for a personal
   * conversation and stores its reference like any other.
   */
  private async openPersonalChat(aadObjectId: string): Promise<TargetResult> {
    const { conversations, connector, clock, serviceUrls } = this.runtime.deps;
    const pacer = this.runtime.pacerFor(this.tenantId);
    const channels = await conversations.listConversations(this.tenantId, {
      type: 'channel',
      activeOnly: true,
    });
    for (const channel of channels.slice(0, MAX_TEAMS_TO_ASK)) {
      if (serviceUrlProblem(channel.serviceUrl, serviceUrls) !== null) continue;
      await pacer.acquire(null, this.signal);
      const member = await connector.getMember(channel.serviceUrl, channel.conversationId, aadObjectId);
      if (!member.ok) {
        if (member.failure.status === 404 || member.failure.kind === 'final') continue;
        return unreachable('retry', member.failure.message, describeFailure(member.failure));
      }
      const bot = channel.reference.bot;
      await pacer.acquire(null, this.signal);
      const created = await connector.createConversation(channel.serviceUrl, {
        isGroup: false,
        bot,
        members: [{ id: member.value.id }],
        channelData: { tenant: { id: this.tenantId } },
        tenantId: this.tenantId,
      });
      if (!created.ok) {
        // Teams answers a repeated 1:1 create with the same chat, so a create whose outcome is unknown is safe to
        // repeat later; only a refusal for good ends here.
        const kind = created.failure.kind === 'final' ? 'final' : 'retry';
        return unreachable(
          kind,
          `Kunde inte öppna en chatt: ${created.failure.message}`,
          describeFailure(created.failure),
        );
      }
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: channel.serviceUrl,
        conversation: {
          id: created.value.id,
          conversationType: 'personal',
          tenantId: this.tenantId,
          isGroup: false,
          name: '',
        },
        user: { id: member.value.id, name: member.value.name ?? '', aadObjectId },
        ...(bot ? { bot } : {}),
      };
      const stored = await conversations.upsertConversation(this.tenantId, reference, {
        userAadObjectId: aadObjectId,
        now: clock.now(),
      });
      return this.checked(stored.conversationId, stored.serviceUrl, stored.etag);
    }
    return unreachable(
      'final',
      'Boten har ingen chatt med personen och hittar hen inte i något team där boten är installerad.',
      'NoConversation',
    );
  }

  private checked(conversationId: string, serviceUrl: string, etag: string): TargetResult {
    const problem = serviceUrlProblem(serviceUrl, this.runtime.deps.serviceUrls);
    if (problem !== null) {
      this.runtime.deps.log.warn(
        { conversationId, problem },
        'serviceUrl utanför tillåtna adresser; skickar inte',
      );
      return unreachable('final', `Skickar inte: ${problem}.`, 'ServiceUrlRefused');
    }
    return { ok: true, target: { conversationId, serviceUrl, etag } };
  }

  /** Marks the conversation inactive (unless the user came back meanwhile) and remembers it for this pass. */
  private async markGone(recipient: string, target: Target, code: string): Promise<void> {
    const { conversations, clock, log } = this.runtime.deps;
    try {
      await conversations.markInactive(this.tenantId, target.conversationId, code, target.etag, {
        now: clock.now(),
      });
    } catch (error) {
      // A refresh since we read it means the user wrote to the bot: the conversation works again, keep it active.
      if (!(error instanceof ConflictError) && !(error instanceof StorageError && error.code === 'NotFound'))
        throw error;
      log.info(
        { conversationId: target.conversationId },
        'Konversationen har uppdaterats; markeras inte inaktiv',
      );
    }
    this.targets.set(
      recipient,
      Promise.resolve(
        unreachable('final', `Boten kan inte längre skriva till mottagaren (${code}).`, 'Inactive'),
      ),
    );
  }
}

/**
 * Runs `work` on every item with at most `concurrency` at once, and stops taking new items once `signal` aborts or a
 * `work` fails; the first failure is rethrown after the items under way have finished.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal.aborted && !failed) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  );
  const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}

function unreachable(kind: Unreachable['kind'], reason: string, code: string): TargetResult {
  return { ok: false, unreachable: { kind, reason, code } };
}

/** Not reachable in this pass, for a reason worth writing on the rows; tried again after `afterMs` (null: next pass). */
function later(reason: string, code: string, afterMs: number | null): TargetResult {
  return { ok: false, unreachable: { kind: 'retry', reason, code, recordRetry: { afterMs } } };
}

/** A row as a delivery outcome: its state, or `state` when given. */
export function toOutcome(message: OutboxMessage, state?: DeliveryState): DeliveryOutcome {
  const finalState: DeliveryState = state ?? (message.state === 'sending' ? 'check' : message.state);
  return {
    key: message.key,
    kind: message.kind,
    subject: message.subject,
    stage: message.stage,
    recipient: message.recipient,
    state: finalState,
    conversationId: message.conversationId,
    activityId: message.activityId,
    reason: message.reason,
    code: message.code,
    attempts: message.attempts,
  };
}
