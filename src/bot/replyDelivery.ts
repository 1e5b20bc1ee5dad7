/**
 * Delivers the bot's replies inside a turn and decides what a Bot Connector failure means for them (reliability.md,
 * items 24-27). Proactive reminders have their own sender with an outbox (src/scheduler); a reply has no row to
 * record it on, so the decisions are made here, within the turn's time:
 *
 * - 429, 412, 502, 503, 504 (refused, known not delivered): sent again, at most {@link REPLY_ATTEMPTS} times in all,
 *   after the `Retry-After` the connector asks for or else after an exponential backoff with jitter; never when the
 *   wait would end after {@link REPLY_DEADLINE_MS} from the turn's start, since Teams sends the activity again after
 *   15 s and the user would then get everything twice.
 * - 500 and no answer at all (the send may have arrived, reliability: "a send can succeed on the server and still
 *   return 5xx"): sent again once, no more. For an interactive reply a duplicate is the lesser harm: the reply is
 *   how the user learns that their change was saved, and without it they type it again or believe it was lost; a
 *   second copy of the same confirmation costs them a glance. One resend bounds the duplicates to one.
 * - 403, 404, 413 and every other 4xx: final; not sent again. For 403 and 404 (blocked, removed from the roster, the
 *   conversation gone) the conversation reference is marked inactive, as the scheduler does for reminders; the next
 *   activity from the conversation marks it active again.
 *
 * A reply that could not be delivered is logged (ids, status and code; never the text) and reported to the caller as
 * an outcome, not thrown: the turn's work is done and stored, and an error would make the turn's error handling
 * tell the user that something went wrong (through the same failing connector), which reads as "nothing was saved".
 *
 * botbuilder's connector client retries on its own, in its HTTP pipeline (@azure/core-rest-pipeline's default retry
 * policy: up to 3 retries on 429 with `Retry-After` however long, on every 5xx including a 500 after the message was
 * accepted). Its options cannot be changed through the adapter (botbuilder-stdlib's ServiceClientContext passes no
 * retry options on), so {@link deliverReply} takes that policy out of POST requests on the turn's own client (one is
 * made per turn) and keeps it for the reads (member lookups), which are safe to repeat.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
// The modules themselves, not the scheduler's index: that one loads the reminder pass, which loads the bot's cards.
import {
  classifyStatus,
  isConversationGone,
  parseRetryAfter,
  type ConnectorFailure,
} from '../scheduler/connector';
import { describeFailure } from '../scheduler/delivery';
import { StorageError } from '../storage';
import type { BotDeps } from './deps';
import { tenantOf } from './identity';

/** Most sends of one reply (the first and the retries). */
export const REPLY_ATTEMPTS = 3;

/**
 * No retry of a reply may start later than this after the turn started: Teams redelivers at 15 s, and the last
 * attempt and the saving of turn state need the rest.
 */
export const REPLY_DEADLINE_MS = 12_000;

/** The first backoff's ceiling; it doubles with each attempt. */
const BACKOFF_BASE_MS = 500;

/** What became of a reply: delivered, or the connector's last answer when it was given up. */
export type ReplyOutcome = { delivered: true } | { delivered: false; failure: ConnectorFailure };

/** What {@link deliverReply} needs of the bot's dependencies. */
export type ReplyDeps = Pick<BotDeps, 'log' | 'conversations' | 'now'>;

/** Where {@link noteTurnStart} keeps the turn's start (performance.now() ms). */
const STARTED_KEY = Symbol('turnStarted');

/** Notes when the turn started, so that retries of its replies keep within Teams' 15 s. Call it first in a turn. */
export function noteTurnStart(context: TurnContext): void {
  if (context.turnState.get(STARTED_KEY) === undefined) context.turnState.set(STARTED_KEY, performance.now());
}

/**
 * Sends one activity of a reply, retrying what the connector refused for now within the turn's time. Errors that are
 * no answer of the connector (a bug) are thrown; a connector failure is logged and returned.
 */
export async function deliverReply(
  context: TurnContext,
  activity: Partial<Activity>,
  deps: ReplyDeps,
): Promise<ReplyOutcome> {
  noteTurnStart(context);
  const deadline = (context.turnState.get(STARTED_KEY) as number) + REPLY_DEADLINE_MS;
  takeOverActivityRetries(context, deps.log, deadline);
  let unknownOutcomes = 0;
  for (let attempt = 1; ; attempt++) {
    let failure: ConnectorFailure;
    try {
      await context.sendActivity(activity);
      return { delivered: true };
    } catch (error) {
      const found = connectorFailureOf(error);
      if (!found) throw error;
      failure = found;
    }
    if (failure.kind === 'unknown') unknownOutcomes += 1;
    const waitMs = retryWait(failure, attempt, unknownOutcomes, deadline - performance.now());
    if (waitMs === null) {
      await giveUp(context, failure, attempt, deps);
      return { delivered: false, failure };
    }
    deps.log.info(
      { conversationId: context.activity.conversation?.id, code: describeFailure(failure), attempt, waitMs },
      'Svaret nekades av Teams; skickar igen',
    );
    await sleep(waitMs);
  }
}

/**
 * How long to wait before sending again, or null when not to: the attempts are used up, the failure is final
 * (401 included: within a turn the same cached token would go again), a second unknown outcome (one resend of a
 * reply that may have arrived is the most), or a wait that would end after the turn's deadline.
 */
function retryWait(
  failure: ConnectorFailure,
  attempt: number,
  unknownOutcomes: number,
  msLeft: number,
): number | null {
  if (attempt >= REPLY_ATTEMPTS || failure.kind === 'final' || failure.status === 401) return null;
  if (failure.kind === 'unknown' && unknownOutcomes > 1) return null;
  // Equal jitter: between half and all of the exponential ceiling, so that a retry never comes at once.
  const ceiling = BACKOFF_BASE_MS * 2 ** (attempt - 1);
  const waitMs = failure.retryAfterMs ?? Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  return waitMs <= msLeft ? waitMs : null;
}

/** Logs a reply given up and, when the conversation is gone for the bot (403, 404), marks its reference inactive. */
async function giveUp(
  context: TurnContext,
  failure: ConnectorFailure,
  attempts: number,
  deps: ReplyDeps,
): Promise<void> {
  const tenantId = tenantOf(context);
  const conversationId = context.activity.conversation?.id;
  const code = describeFailure(failure);
  deps.log.warn({ tenant: tenantId, conversationId, code, attempts }, 'Svaret kunde inte levereras');
  if (!tenantId || !conversationId || !isConversationGone(failure)) return;
  try {
    await deps.conversations.markInactive(tenantId, conversationId, code, undefined, { now: deps.now() });
  } catch (error) {
    // Not stored (never was, or deleted) or storage down: the turn cannot do more, and must not answer through the
    // connector that just refused it. The scheduler marks it on its next failed send.
    if (!(error instanceof StorageError)) throw error;
    deps.log.warn({ conversationId, err: error.code }, 'Konversationen kunde inte markeras inaktiv');
  }
}

/**
 * The connector's answer in an error from `sendActivity` (a RestError of the Azure SDK: `statusCode`, `code` from the
 * body's `error.code`, `response.headers`), classified as the scheduler classifies its own sends; null when the
 * error is no connector answer.
 */
function connectorFailureOf(error: unknown): ConnectorFailure | null {
  if (error instanceof Error && error.name === 'AbortError') {
    // Cut off at the send's time limit (see takeOverActivityRetries): no answer, so it may have arrived.
    return { kind: 'unknown', status: null, code: 'Timeout', message: error.message, retryAfterMs: null };
  }
  if (!(error instanceof Error) || error.name !== 'RestError') return null;
  const fields = error as Error & { statusCode?: unknown; code?: unknown; response?: unknown };
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : null;
  const code = typeof fields.code === 'string' ? fields.code : null;
  const headers = isRecord(fields.response) ? fields.response['headers'] : undefined;
  const retryAfter =
    isRecord(headers) && typeof headers['get'] === 'function'
      ? (headers as { get(name: string): unknown }).get('retry-after')
      : undefined;
  return {
    // No answer at all (connection cut, timeout): it may have arrived, like a 500.
    kind: status === null ? 'unknown' : classifyStatus(status),
    status,
    code,
    message: error.message,
    retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null, Date.now()),
  };
}

/** An Azure SDK pipeline request, as far as this module uses it (`timeout` in ms, 0 for none). */
interface PipelineRequest {
  method: string;
  timeout: number;
}

/** An Azure SDK pipeline policy, as far as this module uses it. */
interface PipelinePolicy {
  name: string;
  sendRequest(
    request: PipelineRequest,
    next: (request: PipelineRequest) => Promise<unknown>,
  ): Promise<unknown>;
}

/** The least time a send is given, even late in a turn: a healthy connector answers well within it. */
const MIN_SEND_MS = 2_000;

/** The Azure SDK pipeline of a connector client, as far as this module uses it. */
interface Pipeline {
  removePolicy(options: { phase: 'Retry' }): PipelinePolicy[];
  addPolicy(policy: PipelinePolicy, options: { phase: 'Retry' }): void;
}

/** Pipelines whose retries were taken over already (a turn with several replies shares one). */
const takenOver = new WeakSet<Pipeline>();

/**
 * Takes the pipeline's retry policies out of the POST requests of the turn's connector client (sending, replying,
 * creating: not idempotent), so that {@link deliverReply} alone decides about resending. The client is botbuilder's
 * (`turnState` under the adapter's `ConnectorClientKey`); its pipeline is a private field of botbuilder-stdlib's
 * ServiceClientContext, hence the checks: should it move, this logs once per turn and botbuilder's retries stay.
 * Each POST is also given the time left until `deadline` (at least {@link MIN_SEND_MS}): a send the connector never
 * answers is cut off, and counts as an unknown outcome.
 */
function takeOverActivityRetries(context: TurnContext, log: Logger, deadline: number): void {
  const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
  const pipeline = isRecord(client) && isRecord(client['client']) ? client['client']['pipeline'] : undefined;
  if (!isPipeline(pipeline)) {
    log.warn('Connectorklientens pipeline hittades inte; svar försöks igen av botbuilder');
    return;
  }
  if (takenOver.has(pipeline)) return;
  takenOver.add(pipeline);
  const retries = pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy(
    {
      name: 'revisionsuppfoljningNoActivityRetry',
      sendRequest: (request, next) => {
        if (request.method !== 'POST') {
          return retries.reduceRight(
            (rest, policy) => (inner) => policy.sendRequest(inner, rest),
            next,
          )(request);
        }
        // A connector that does not answer must not hold the turn past Teams' 15 s.
        request.timeout = Math.max(MIN_SEND_MS, deadline - performance.now());
        return next(request);
      },
    },
    { phase: 'Retry' },
  );
}

function isPipeline(value: unknown): value is Pipeline {
  return (
    isRecord(value) && typeof value['removePolicy'] === 'function' && typeof value['addPolicy'] === 'function'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
