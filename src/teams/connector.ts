/**
 * The bot's one Bot Connector client, on `fetch`, with no retries of its own: replies within a turn and proactive
 * sends both go through it (see send.ts for the two retry policies).
 *
 * botbuilder's ConnectorClient retries 429 and 5xx inside its HTTP pipeline, including a 500 that came after Teams
 * accepted the message: that sends a reminder twice, and hides from the outbox how many attempts were made. Here every
 * request is made once and its outcome classified, and the caller's policy decides about retries.
 */
import { isRecord } from '../domain/guards';

/** The bot's access token for a serviceUrl, or null in local mode (no credentials: no Authorization header). */
export interface TokenSource {
  getToken(serviceUrl: string): Promise<string | null>;
}

/**
 * What a failed request means for the message it carried:
 * - `retry`: refused for now and known not delivered (429, 412, 502, 503, 504, no connection): try again later;
 * - `final`: refused for good (403, 404, 413, other 4xx): do not try again;
 * - `unknown`: no answer that says whether Teams took it (500, timeout, connection cut): it may have arrived.
 */
export type FailureKind = 'retry' | 'final' | 'unknown';

/** A request the connector did not answer with success. */
export interface ConnectorFailure {
  kind: FailureKind;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  /** The connector's error code (`ConversationBlockedByUser`, ...) or the network error's code. */
  code: string | null;
  message: string;
  /** From a `Retry-After` header, in ms; null when there was none. */
  retryAfterMs: number | null;
}

/** The outcome of one connector request. */
export type ConnectorResult<T> = { ok: true; value: T } | { ok: false; failure: ConnectorFailure };

/** A member as the connector's member API returns it (the fields the scheduler uses). */
export interface ConnectorMember {
  /** The Teams user id, `29:...`. */
  id: string;
  name: string | null;
  aadObjectId: string | null;
}

/** An outgoing activity as JSON. */
export type OutgoingActivity = Record<string, unknown>;

/** Options for {@link BotConnector}. */
export interface BotConnectorOptions {
  tokens: TokenSource;
  /** Give up waiting for an answer after this long; the outcome is then unknown. Default: 30 000 ms. */
  timeoutMs?: number;
  /** The fetch to use. Default: the global fetch. */
  fetch?: typeof fetch;
}

/** Statuses Teams documents as transient: retry with backoff (429 honouring Retry-After). */
const RETRY_STATUSES = new Set([412, 429, 502, 503, 504]);

/** Network errors that mean the request never reached the connector, so nothing was delivered. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Options of one request. */
export interface RequestOptions {
  /** Give up waiting for an answer after this long; the outcome is then unknown. Default: the connector's. */
  timeoutMs?: number;
}

/** The Bot Connector REST API (`/v3/conversations`), one request per call. */
export class BotConnector {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: BotConnectorOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Posts an activity to a conversation (`POST /v3/conversations/{id}/activities`); answers the new activity's id. */
  async sendActivity(
    serviceUrl: string,
    conversationId: string,
    activity: OutgoingActivity,
    options: RequestOptions = {},
  ): Promise<ConnectorResult<{ id: string }>> {
    const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    return this.postActivity(serviceUrl, path, activity, options);
  }

  /**
   * Answers an activity (`POST /v3/conversations/{id}/activities/{activityId}`): in a channel the answer goes into
   * the thread of the activity it answers. Answers the new activity's id.
   */
  async replyToActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: OutgoingActivity,
    options: RequestOptions = {},
  ): Promise<ConnectorResult<{ id: string }>> {
    const path =
      `v3/conversations/${encodeURIComponent(conversationId)}` +
      `/activities/${encodeURIComponent(activityId)}`;
    return this.postActivity(serviceUrl, path, activity, options);
  }

  private async postActivity(
    serviceUrl: string,
    path: string,
    activity: OutgoingActivity,
    options: RequestOptions,
  ): Promise<ConnectorResult<{ id: string }>> {
    const result = await this.request(serviceUrl, 'POST', path, activity, options);
    if (!result.ok) return result;
    const id = idOf(result.value);
    // A 2xx without an id still delivered the message; an empty id is recorded rather than sending again.
    return { ok: true, value: { id: id ?? '' } };
  }

  /**
   * Opens a conversation (`POST /v3/conversations`): for a 1:1 chat, Teams returns the user's existing chat with
   * the bot if there is one, so asking twice gives the same id.
   */
  async createConversation(
    serviceUrl: string,
    parameters: Record<string, unknown>,
  ): Promise<ConnectorResult<{ id: string }>> {
    const result = await this.request(serviceUrl, 'POST', 'v3/conversations', parameters);
    if (!result.ok) return result;
    const id = idOf(result.value);
    if (!id) {
      return failure('unknown', 200, 'NoConversationId', 'Connectorn svarade utan konversations-id.', null);
    }
    return { ok: true, value: { id } };
  }

  /** Reads one member of a conversation by Teams id or Entra object id; 404 when not a member. */
  async getMember(
    serviceUrl: string,
    conversationId: string,
    userId: string,
  ): Promise<ConnectorResult<ConnectorMember>> {
    const path = `v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(userId)}`;
    const result = await this.request(serviceUrl, 'GET', path, undefined);
    if (!result.ok) return result;
    const body = result.value;
    if (!isRecord(body) || typeof body['id'] !== 'string') {
      return failure('final', 200, 'BadMember', 'Connectorn svarade med en medlem utan id.', null);
    }
    return {
      ok: true,
      value: {
        id: body['id'],
        name: typeof body['name'] === 'string' ? body['name'] : null,
        aadObjectId: typeof body['aadObjectId'] === 'string' ? body['aadObjectId'] : null,
      },
    };
  }

  private async request(
    serviceUrl: string,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: RequestOptions = {},
  ): Promise<ConnectorResult<unknown>> {
    const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
    const url = new URL(path, base);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    let token: string | null;
    try {
      token = await this.options.tokens.getToken(serviceUrl);
    } catch (error) {
      // Without a token nothing went out: safe to try again later.
      return failure('retry', null, 'NoToken', `Kunde inte hämta botens token: ${messageOf(error)}`, null);
    }
    if (token) headers['authorization'] = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const code = networkCode(error);
      // Refused before connecting: nothing was sent. Anything else (timeout, reset mid-request) may have arrived.
      const kind: FailureKind = code !== null && NOT_SENT_CODES.has(code) ? 'retry' : 'unknown';
      return failure(kind, null, code, `Inget svar från connectorn: ${messageOf(error)}`, null);
    }
    const text = await response.text().catch(() => '');
    const parsed = parseJson(text);
    if (response.ok) return { ok: true, value: parsed };
    const { code, message } = errorOf(parsed, response.status, text);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return failure(classifyStatus(response.status), response.status, code, message, retryAfterMs);
  }
}

/**
 * What a connector status means for the message (reliability.md, "Teams limits"): 429, 412, 502, 503 and 504 are
 * transient, and so is 401 (the bot's token); 500 may come after Teams accepted the message, so it is not retried
 * blindly; other 4xx are final.
 */
export function classifyStatus(status: number): FailureKind {
  if (RETRY_STATUSES.has(status)) return 'retry';
  // The bot's token was refused (expired, or the app registration changed): nothing was delivered, and the message
  // must not be dead-lettered over the bot's own problem.
  if (status === 401) return 'retry';
  if (status >= 500) return 'unknown';
  return 'final';
}

/** Statuses after which the bot can no longer post to the conversation (blocked, removed, gone). */
const CONVERSATION_GONE = new Set([403, 404]);

/** True when the failure says the conversation is gone for the bot: its reference should be marked inactive. */
export function isConversationGone(failure: Pick<ConnectorFailure, 'status'>): boolean {
  return failure.status !== null && CONVERSATION_GONE.has(failure.status);
}

/** Milliseconds from a `Retry-After` header (seconds, or an HTTP date relative to `nowMs`); null when absent or bad. */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** `429 Throttled`, `403 ConversationBlockedByUser`, `ECONNRESET`: status and code, as logged and recorded. */
export function describeFailure(failure: ConnectorFailure): string {
  return (
    [failure.status, failure.code].filter((part) => part !== null && part !== '').join(' ') || 'okänt fel'
  );
}

function failure(
  kind: FailureKind,
  status: number | null,
  code: string | null,
  message: string,
  retryAfterMs: number | null,
): { ok: false; failure: ConnectorFailure } {
  return { ok: false, failure: { kind, status, code, message, retryAfterMs } };
}

function idOf(body: unknown): string | null {
  return isRecord(body) && typeof body['id'] === 'string' && body['id'] !== '' ? body['id'] : null;
}

function errorOf(body: unknown, status: number, text: string): { code: string | null; message: string } {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
  const code = error && typeof error['code'] === 'string' ? error['code'] : null;
  const message = error && typeof error['message'] === 'string' ? error['message'] : text.slice(0, 200);
  return { code, message: message || `HTTP ${status}` };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON (a proxy's HTML error page): the status says enough.
    return undefined;
  }
}

function networkCode(error: unknown): string | null {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'Timeout';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  const own = (error as { code?: unknown } | null)?.code;
  return typeof own === 'string' ? own : null;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
