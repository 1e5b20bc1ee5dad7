/**
 * A fake Bot Connector (Teams' side of the Bot Framework protocol) for tests: the bot's `serviceUrl` points here, so
 * every activity the bot sends, updates or deletes arrives at this server and is recorded. It answers as Teams does
 * (ids, member API, paged members, error bodies `{ error: { code, message } }`) and can inject the faults and rate
 * limits of reliability.md.
 *
 * It is a plain `node:http` server: restify, loaded in the same process by the bot, patches
 * `ServerResponse.prototype.writeHead` (it returns nothing there), so responses are written without chaining.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** What the bot did to the conversation: the five write operations of the Bot Connector API. */
export type WriteKind = 'send' | 'reply' | 'update' | 'delete' | 'create';

/** Every operation the fake connector understands, plus `unknown` for any other route (answered 404). */
export type RequestKind = WriteKind | 'getMember' | 'getMembers' | 'getPagedMembers' | 'unknown';

/** An activity as the bot put it on the wire (parsed JSON). The named fields are the ones tests read most. */
export interface SentActivity {
  type?: string;
  id?: string;
  text?: string;
  textFormat?: string;
  replyToId?: string;
  conversation?: { id?: string; tenantId?: string; [key: string]: unknown };
  attachments?: Array<{ contentType?: string; content?: unknown; [key: string]: unknown }>;
  channelData?: { [key: string]: unknown };
  [key: string]: unknown;
}

/** The body of `POST /v3/conversations` (botbuilder's `ConversationParameters`) as JSON. */
export interface ConversationParametersJson {
  isGroup?: boolean;
  bot?: { id?: string; name?: string };
  members?: Array<{ id?: string; name?: string; aadObjectId?: string }>;
  topicName?: string;
  tenantId?: string;
  activity?: SentActivity;
  channelData?: { channel?: { id?: string }; tenant?: { id?: string }; [key: string]: unknown };
  [key: string]: unknown;
}

/** One activity the connector accepted (delivered to "Teams"), in arrival order. */
export interface RecordedActivity {
  /** Which operation delivered it. */
  readonly kind: WriteKind;
  /**
   * The conversation, decoded from the path. For `create`: the id of the conversation that was created.
   */
  readonly conversationId: string;
  /**
   * The activity as sent. For `delete`: `{ id }` of the deleted activity; for `create`: the parameters' `activity`,
   * or `{}` when the conversation was created without one.
   */
  readonly activity: SentActivity;
  /**
   * The id the connector answered with: a new activity id for send, reply and create-with-activity; the target id for
   * update and delete; the new conversation id for a create without activity.
   */
  readonly id: string;
  /** For reply, update and delete: the activity id in the path (what was replied to, updated or deleted). */
  readonly targetId?: string;
  /** For create: the parameters as sent. */
  readonly parameters?: ConversationParametersJson;
  /** When it arrived, by the connector's clock (`options.now`). */
  readonly at: number;
  /** The HTTP status answered: 200/201, or the fault's status for an `afterAccept` fault. */
  readonly status: number;
  /** Arrival number, increasing over the connector's life (not reset by `clear()`). */
  readonly seq: number;
}

/** One HTTP request the connector answered, accepted or not. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received (still percent-encoded). */
  readonly path: string;
  readonly kind: RequestKind;
  /** Decoded conversation id, when the route has one. */
  readonly conversationId?: string;
  readonly status: number;
  /** The `Retry-After` header answered, in seconds. */
  readonly retryAfter?: number;
  /** The Authorization header the bot sent (in local mode there is none). */
  readonly authorization?: string;
  readonly at: number;
}

/** A failure to answer instead of accepting a write. */
export interface Fault {
  /** HTTP status, e.g. 429, 412, 502, 504, 403, 404, 413, 500. */
  status: number;
  /** The Bot Connector error code in the body, e.g. `ConversationBlockedByUser`. Default: one fitting the status. */
  code?: string;
  /** The error message in the body. Default: a generic one naming the code. */
  message?: string;
  /** Seconds for a `Retry-After` header. Default: no header. */
  retryAfter?: number;
  /**
   * Record the activity as delivered and still answer with this fault (reliability item 27: the send succeeded at
   * Teams, the bot sees an error). Default: false, nothing is delivered.
   */
  afterAccept?: boolean;
  /** Wait this long (real time) before answering; for slow-connector tests. Default: 0. */
  delayMs?: number;
}

/** What a fault hook is shown about a write before the connector decides on it. */
export interface ConnectorWrite {
  readonly kind: WriteKind;
  /** Decoded conversation id from the path; for `create`, the id the new conversation would get. */
  readonly conversationId: string;
  readonly targetId?: string;
  readonly activity: SentActivity;
  readonly tenantId: string | undefined;
  readonly at: number;
}

/** Narrows {@link FakeConnector.failNext} to some writes. */
export interface FailNextFilter {
  /** Only writes of these kinds. Default: every write kind. */
  kinds?: readonly WriteKind[];
  /** Only writes to this conversation. Default: any. */
  conversationId?: string;
}

/** A member as the Bot Connector's member API returns it (Teams' `TeamsChannelAccount`). */
export interface ConnectorMember {
  /** The Teams user id, `29:...`. */
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName: string;
  tenantId: string;
  givenName?: string;
  surname?: string;
  userRole?: 'user' | 'guest' | 'anonymous';
}

/** What {@link FakeConnector.addMember} takes: a member, its tenant defaulted, optionally in some conversations only. */
export type MemberInput = Omit<ConnectorMember, 'tenantId'> & {
  tenantId?: string;
  /** The conversations the member is in. Default: every conversation. */
  conversationIds?: readonly string[];
};

/** Counts of writes answered. */
export interface ConnectorStats {
  /** Writes recorded as delivered (including `afterAccept` faults). */
  accepted: number;
  /** Writes answered with an error and not delivered (injected faults and rate limiting). */
  rejected: number;
  /** The part of `rejected` that the Teams rate limiter refused with 429. */
  throttled: number;
}

/** Options for {@link startFakeConnector}. */
export interface FakeConnectorOptions {
  /**
   * Enforce Teams' rate limits: per conversation (thread) 7 writes/1 s, 8/2 s, 60/30 s, 1800/h, and per tenant
   * 50 writes/s, answering 429 with `Retry-After` (seconds until the window frees). Member reads are not limited.
   * Default: false.
   */
  enforceTeamsLimits?: boolean;
  /** The clock for `at`, activity ids and the rate limiter. Default: `Date.now`. */
  now?: () => number;
  /** Called for every write before rate limits are applied; a returned fault is answered. Default: none. */
  onSend?: (write: ConnectorWrite) => Fault | undefined;
  /** Activities larger than this (bytes of JSON) get 413 MessageSizeTooBig. Default: no limit. */
  maxActivityBytes?: number;
  /** Tenant given to members added without one. Default: `''`. */
  tenantId?: string;
  /** Page size of `/pagedmembers` when the request names none. Default: 50. */
  defaultPageSize?: number;
}

/** A running fake Bot Connector. */
export interface FakeConnector {
  /** The `serviceUrl` to put in incoming activities, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Activities delivered, in arrival order (since the last {@link FakeConnector.clear}). */
  readonly sent: readonly RecordedActivity[];
  /** Every request answered, in arrival order (since the last clear). */
  readonly requests: readonly RecordedRequest[];
  /** Registered members, in the order added. */
  readonly members: readonly ConnectorMember[];
  /** Counts of writes since the last clear. */
  readonly stats: Readonly<ConnectorStats>;
  /** The `seq` of the last recorded activity (0 before any): activities after a mark have a larger `seq`. */
  readonly lastSeq: number;
  /**
   * Resolves with the matching activities once at least `count` have arrived (counting those already recorded).
   * Rejects after `timeoutMs` (real time) with a message listing everything that did arrive.
   */
  waitForActivities(
    predicate?: (recorded: RecordedActivity) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<RecordedActivity[]>;
  /** Answers the next `count` matching writes with `fault` instead of accepting them. */
  failNext(count: number, fault: Fault, filter?: FailNextFilter): void;
  /** Registers a member for the member API. */
  addMember(member: MemberInput): ConnectorMember;
  /** Forgets recorded activities and requests, stats, rate-limit windows and queued faults; keeps members. */
  clear(): void;
  /** Stops the server, cutting open connections; pending waits reject. Safe to call more than once. */
  close(): Promise<void>;
}

/** Teams' per-thread limits: [window ms, most writes allowed in it]. */
const THREAD_LIMITS: ReadonlyArray<readonly [number, number]> = [
  [1_000, 7],
  [2_000, 8],
  [30_000, 60],
  [3_600_000, 1_800],
];
/** Teams' per-app-per-tenant limit (the upper end of the documented 30-50/s). */
export const TENANT_LIMITS: ReadonlyArray<readonly [number, number]> = [[1_000, 50]];
const LONGEST_WINDOW_MS = 3_600_000;

const DEFAULT_CODES: ReadonlyMap<number, string> = new Map([
  [400, 'BadArgument'],
  [401, 'Unauthorized'],
  [403, 'Forbidden'],
  [404, 'ConversationNotFound'],
  [409, 'Conflict'],
  [412, 'PreconditionFailed'],
  [413, 'MessageSizeTooBig'],
  [429, 'Throttled'],
  [500, 'InternalServerError'],
  [502, 'BadGateway'],
  [503, 'ServiceUnavailable'],
  [504, 'GatewayTimeout'],
]);

interface QueuedFault {
  remaining: number;
  fault: Fault;
  filter: FailNextFilter;
}

interface Waiter {
  predicate: (recorded: RecordedActivity) => boolean;
  count: number;
  resolve: (matches: RecordedActivity[]) => void;
  reject: (error: Error) => void;
}

interface Answer {
  status: number;
  body?: unknown;
  retryAfter?: number;
}

class BadRequest extends Error {
  override readonly name = 'BadRequest';
}

/**
 * Starts a fake Bot Connector on 127.0.0.1 on a free port.
 *
 * @example
 * const connector = await startFakeConnector({ enforceTeamsLimits: true });
 * // put connector.url in the incoming activity's serviceUrl, post it to the bot, then:
 * const [reply] = await connector.waitForActivities((r) => r.activity.type === 'message');
 */
export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const now = options.now ?? Date.now;
  const defaultPageSize = options.defaultPageSize ?? 50;
  let sent: RecordedActivity[] = [];
  let requests: RecordedRequest[] = [];
  const members: Array<ConnectorMember & { conversationIds?: readonly string[] }> = [];
  let stats: ConnectorStats = { accepted: 0, rejected: 0, throttled: 0 };
  let queued: QueuedFault[] = [];
  let waiters: Waiter[] = [];
  /** Accepted write times per rate-limit key, oldest first. */
  let windows = new Map<string, number[]>();
  let seq = 0;
  let lastActivityId = 0;
  let closed = false;

  const newActivityId = (): string => {
    // Teams' activity ids are millisecond timestamps; kept strictly increasing so they stay unique.
    lastActivityId = Math.max(lastActivityId + 1, Math.floor(now()));
    return String(lastActivityId);
  };

  const record = (entry: Omit<RecordedActivity, 'seq'>): RecordedActivity => {
    const recorded: RecordedActivity = { ...entry, seq: ++seq };
    sent.push(recorded);
    for (const waiter of [...waiters]) {
      const matches = sent.filter(waiter.predicate);
      if (matches.length >= waiter.count) {
        waiters = waiters.filter((other) => other !== waiter);
        waiter.resolve(matches);
      }
    }
    return recorded;
  };

  const takeQueuedFault = (write: ConnectorWrite): Fault | undefined => {
    const entry = queued.find(
      ({ filter }) =>
        (filter.kinds === undefined || filter.kinds.includes(write.kind)) &&
        (filter.conversationId === undefined || filter.conversationId === write.conversationId),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) queued = queued.filter((other) => other !== entry);
    return entry.fault;
  };

  /** Seconds until a write may pass, or undefined when it may pass now. Does not count the write. */
  const rateLimitWait = (keys: ReadonlyArray<[string, ReadonlyArray<readonly [number, number]>]>): number => {
    const at = now();
    let waitMs = 0;
    for (const [key, limits] of keys) {
      const times = (windows.get(key) ?? []).filter((time) => time > at - LONGEST_WINDOW_MS);
      windows.set(key, times);
      for (const [windowMs, limit] of limits) {
        const inWindow = times.filter((time) => time > at - windowMs);
        if (inWindow.length >= limit) {
          // The write may pass once the oldest write that keeps the window full has left it.
          const freeing = inWindow[inWindow.length - limit];
          if (freeing !== undefined) waitMs = Math.max(waitMs, freeing + windowMs - at);
        }
      }
    }
    return waitMs;
  };

  const countWrite = (keys: ReadonlyArray<[string, unknown]>): void => {
    const at = now();
    for (const [key] of keys) windows.set(key, [...(windows.get(key) ?? []), at]);
  };

  const errorAnswer = (status: number, code: string | undefined, message?: string, retryAfter?: number) => {
    const errorCode = code ?? DEFAULT_CODES.get(status) ?? 'Error';
    const answer: Answer = {
      status,
      body: { error: { code: errorCode, message: message ?? `Fake connector: ${errorCode}` } },
    };
    if (retryAfter !== undefined) answer.retryAfter = retryAfter;
    return answer;
  };

  const membersOf = (conversationId: string) =>
    members.filter((member) => member.conversationIds?.includes(conversationId) ?? true).map(publicMember);

  const handleWrite = async (
    kind: WriteKind,
    pathConversationId: string,
    targetId: string | undefined,
    body: unknown,
  ): Promise<Answer> => {
    let activity: SentActivity;
    let parameters: ConversationParametersJson | undefined;
    let tenantId: string | undefined;
    if (kind === 'delete') {
      activity = { id: targetId };
    } else if (!isObject(body)) {
      return errorAnswer(400, 'BadArgument', 'The request body must be a JSON object.');
    } else if (kind === 'create') {
      parameters = body as ConversationParametersJson;
      activity = isObject(parameters.activity) ? parameters.activity : {};
      tenantId = parameters.tenantId ?? parameters.channelData?.tenant?.id;
    } else {
      activity = body as SentActivity;
    }
    tenantId ??= activity.conversation?.tenantId ?? tenantOf(activity.channelData);

    let activityId: string | undefined;
    const conversationId =
      kind === 'create'
        ? createConversationId(parameters ?? {}, tenantId, () => (activityId = newActivityId()))
        : pathConversationId;
    const write: ConnectorWrite = { kind, conversationId, activity, tenantId, at: now() };
    if (targetId !== undefined) Object.assign(write, { targetId });

    const fault = takeQueuedFault(write) ?? options.onSend?.(write);
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault && !fault.afterAccept) {
      stats.rejected += 1;
      return errorAnswer(fault.status, fault.code, fault.message, fault.retryAfter);
    }

    if (options.maxActivityBytes !== undefined && kind !== 'delete') {
      const size = Buffer.byteLength(JSON.stringify(activity), 'utf8');
      if (size > options.maxActivityBytes) {
        stats.rejected += 1;
        return errorAnswer(
          413,
          'MessageSizeTooBig',
          `Activity is ${size} bytes; the limit is ${options.maxActivityBytes}.`,
        );
      }
    }

    const limitKeys: Array<[string, ReadonlyArray<readonly [number, number]>]> = [];
    if (options.enforceTeamsLimits) {
      // A create has no thread yet: only the tenant's limit applies to it.
      if (kind !== 'create') limitKeys.push([`thread:${conversationId}`, THREAD_LIMITS]);
      limitKeys.push([`tenant:${tenantId ?? ''}`, TENANT_LIMITS]);
      const waitMs = rateLimitWait(limitKeys);
      if (waitMs > 0) {
        stats.rejected += 1;
        stats.throttled += 1;
        return errorAnswer(
          429,
          'Throttled',
          'Too many requests: Teams rate limit exceeded.',
          Math.max(1, Math.ceil(waitMs / 1000)),
        );
      }
    }

    countWrite(limitKeys);
    stats.accepted += 1;
    const status = fault?.status ?? (kind === 'update' || kind === 'delete' ? 200 : 201);
    let id: string;
    let answerBody: unknown;
    switch (kind) {
      case 'send':
      case 'reply':
        id = newActivityId();
        answerBody = { id };
        break;
      case 'update':
        id = targetId ?? '';
        answerBody = { id };
        break;
      case 'delete':
        id = targetId ?? '';
        answerBody = undefined;
        break;
      case 'create':
        id = activityId ?? conversationId;
        answerBody = activityId === undefined ? { id: conversationId } : { id: conversationId, activityId };
        break;
    }
    const entry: Omit<RecordedActivity, 'seq'> = { kind, conversationId, activity, id, at: now(), status };
    if (targetId !== undefined) Object.assign(entry, { targetId });
    if (parameters !== undefined) Object.assign(entry, { parameters });
    record(entry);
    if (fault) return errorAnswer(fault.status, fault.code, fault.message, fault.retryAfter);
    return answerBody === undefined ? { status } : { status, body: answerBody };
  };

  const handleRead = (
    kind: 'getMember' | 'getMembers' | 'getPagedMembers',
    conversationId: string,
    userId: string | undefined,
    query: URLSearchParams,
  ): Answer => {
    const inConversation = membersOf(conversationId);
    if (kind === 'getMembers') return { status: 200, body: inConversation };
    if (kind === 'getMember') {
      const wanted = (userId ?? '').toLowerCase();
      const member = inConversation.find(
        (candidate) =>
          candidate.id.toLowerCase() === wanted || candidate.aadObjectId.toLowerCase() === wanted,
      );
      return member
        ? { status: 200, body: member }
        : errorAnswer(
            404,
            'MemberNotFoundInConversation',
            'The member is not in the conversation (or does not exist).',
          );
    }
    const pageSize = Number(query.get('pageSize') ?? defaultPageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      return errorAnswer(400, 'BadArgument', 'pageSize must be a positive integer.');
    }
    const token = query.get('continuationToken');
    const start = token === null ? 0 : decodeToken(token);
    if (start === undefined) return errorAnswer(400, 'BadArgument', 'Invalid continuationToken.');
    const page = inConversation.slice(start, start + pageSize);
    const next = start + pageSize;
    return {
      status: 200,
      body:
        next < inConversation.length
          ? { continuationToken: encodeToken(next), members: page }
          : { members: page },
    };
  };

  const route = async (
    method: string,
    url: URL,
    readBody: () => Promise<unknown>,
  ): Promise<{ kind: RequestKind; conversationId?: string; answer: Answer }> => {
    const [root, collection, ...rest] = url.pathname.split('/').slice(1);
    if (root !== 'v3' || collection !== 'conversations') {
      return { kind: 'unknown', answer: errorAnswer(404, 'NotFound', `No route ${method} ${url.pathname}`) };
    }
    const segments = rest.map((segment) => decodeSegment(segment));
    const [conversationId, resource, second, third] = segments;
    if (segments.length === 0 && method === 'POST') {
      return { kind: 'create', answer: await handleWrite('create', '', undefined, await readBody()) };
    }
    if (conversationId !== undefined && conversationId !== '') {
      const withConversation = (kind: RequestKind, answer: Answer) => ({ kind, conversationId, answer });
      if (resource === 'activities' && segments.length === 2 && method === 'POST') {
        return withConversation(
          'send',
          await handleWrite('send', conversationId, undefined, await readBody()),
        );
      }
      if (
        resource === 'activities' &&
        segments.length === 3 &&
        second !== undefined &&
        second !== 'history'
      ) {
        if (method === 'POST')
          return withConversation(
            'reply',
            await handleWrite('reply', conversationId, second, await readBody()),
          );
        if (method === 'PUT')
          return withConversation(
            'update',
            await handleWrite('update', conversationId, second, await readBody()),
          );
        if (method === 'DELETE')
          return withConversation('delete', await handleWrite('delete', conversationId, second, undefined));
      }
      if (method === 'GET') {
        if (resource === 'members' && segments.length === 2)
          return withConversation(
            'getMembers',
            handleRead('getMembers', conversationId, undefined, url.searchParams),
          );
        if (resource === 'members' && segments.length === 3)
          return withConversation(
            'getMember',
            handleRead('getMember', conversationId, second, url.searchParams),
          );
        if (resource === 'pagedmembers' && segments.length === 2)
          return withConversation(
            'getPagedMembers',
            handleRead('getPagedMembers', conversationId, undefined, url.searchParams),
          );
        if (resource === 'activities' && segments.length === 4 && third === 'members')
          return withConversation(
            'getMembers',
            handleRead('getMembers', conversationId, undefined, url.searchParams),
          );
      }
    }
    return { kind: 'unknown', answer: errorAnswer(404, 'NotFound', `No route ${method} ${url.pathname}`) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const readBody = async (): Promise<unknown> => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new BadRequest('The request body is not valid JSON.');
      }
    };
    let outcome: { kind: RequestKind; conversationId?: string; answer: Answer };
    try {
      outcome = await route(method, new URL(path, 'http://127.0.0.1'), readBody);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      outcome = { kind: 'unknown', answer: errorAnswer(400, 'BadArgument', error.message) };
    }
    req.resume();
    const { answer } = outcome;
    const entry: RecordedRequest = { method, path, kind: outcome.kind, status: answer.status, at: now() };
    if (outcome.conversationId !== undefined)
      Object.assign(entry, { conversationId: outcome.conversationId });
    if (answer.retryAfter !== undefined) Object.assign(entry, { retryAfter: answer.retryAfter });
    if (req.headers.authorization !== undefined)
      Object.assign(entry, { authorization: req.headers.authorization });
    requests.push(entry);

    res.statusCode = answer.status;
    if (answer.retryAfter !== undefined) res.setHeader('Retry-After', String(answer.retryAfter));
    if (answer.body === undefined) {
      res.end();
    } else {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(answer.body));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the fake itself: answer 500 so the test sees something, and say why.
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
      }
      const message = error instanceof Error ? error.message : String(error);
      res.end(JSON.stringify({ error: { code: 'FakeConnectorBug', message } }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}/`,
    get sent() {
      return sent;
    },
    get requests() {
      return requests;
    },
    get members() {
      return members.map(publicMember);
    },
    get stats() {
      return { ...stats };
    },
    get lastSeq() {
      return seq;
    },
    waitForActivities(predicate = () => true, count = 1, timeoutMs = 5_000) {
      const matches = sent.filter(predicate);
      if (matches.length >= count) return Promise.resolve(matches);
      if (closed) return Promise.reject(new Error('The fake connector is closed.'));
      return new Promise<RecordedActivity[]>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          count,
          resolve: (found) => {
            clearTimeout(timer);
            resolve(found);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((other) => other !== waiter);
          const found = sent.filter(predicate).length;
          reject(
            new Error(
              `Expected ${count} matching activities at the fake connector within ${timeoutMs} ms, ` +
                `${found} matched. Arrived (${sent.length}):\n${describeAll(sent)}` +
                `\nRequests (${requests.length}):\n${requests
                  .map((request) => `  ${request.method} ${request.path} -> ${request.status}`)
                  .join('\n')}`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failNext(count, fault, filter = {}) {
      if (!Number.isInteger(count) || count < 1)
        throw new RangeError('failNext: count must be a positive integer');
      queued.push({ remaining: count, fault, filter });
    },
    addMember(input) {
      const { conversationIds, tenantId, ...rest } = input;
      const member = { ...rest, tenantId: tenantId ?? options.tenantId ?? '' };
      const stored =
        conversationIds === undefined ? member : { ...member, conversationIds: [...conversationIds] };
      const existing = members.findIndex((other) => other.id === member.id);
      if (existing >= 0) members.splice(existing, 1, stored);
      else members.push(stored);
      return publicMember(stored);
    },
    clear() {
      sent = [];
      requests = [];
      stats = { accepted: 0, rejected: 0, throttled: 0 };
      queued = [];
      windows = new Map();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        for (const waiter of waiters)
          waiter.reject(new Error('The fake connector was closed while waiting.'));
        waiters = [];
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The member as the API returns it: without the test-only conversation scope. */
function publicMember(member: ConnectorMember & { conversationIds?: readonly string[] }): ConnectorMember {
  const copy: ConnectorMember & { conversationIds?: readonly string[] } = { ...member };
  delete copy.conversationIds;
  return copy;
}

/**
 * A conversation id the way Teams makes them: a 1:1 chat keeps one id per user and tenant (creating it again returns
 * the same one); a post to a channel starts a new thread `<channel id>;messageid=<activity id>`.
 */
function createConversationId(
  parameters: ConversationParametersJson,
  tenantId: string | undefined,
  newActivityId: () => string,
): string {
  const channelId = parameters.channelData?.channel?.id;
  const activityId = isObject(parameters.activity) ? newActivityId() : undefined;
  if (channelId) return activityId === undefined ? channelId : `${channelId};messageid=${activityId}`;
  const member = parameters.members?.[0];
  const who = member?.aadObjectId ?? member?.id ?? 'nobody';
  return `a:created-${encodeURIComponent(who)}-${encodeURIComponent(tenantId ?? '')}`;
}

function tenantOf(channelData: SentActivity['channelData']): string | undefined {
  const tenant = channelData?.['tenant'];
  if (!isObject(tenant)) return undefined;
  const id = tenant['id'];
  return typeof id === 'string' ? id : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest(`Bad percent-encoding in path segment "${segment}".`);
  }
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function describeAll(sent: readonly RecordedActivity[]): string {
  if (sent.length === 0) return '  (nothing)';
  return sent
    .map((recorded) => {
      const { activity } = recorded;
      const text = typeof activity.text === 'string' ? ` "${activity.text.slice(0, 80)}"` : '';
      const cards = activity.attachments?.length ? ` +${activity.attachments.length} attachment(s)` : '';
      return `  #${recorded.seq} ${recorded.kind} ${recorded.conversationId} ${activity.type ?? '-'}${text}${cards}`;
    })
    .join('\n');
}
