/**
 * A fake Microsoft Graph for tests, speaking the two calls the bot makes to install its Teams app for a user:
 * `GET /v1.0/users/{id or upn}` and `POST /v1.0/users/{id}/teamwork/installedApps`. It answers as Graph does
 * (200/201, 404 for an unknown user, 409 when the app is installed already, error bodies `{ error: { code,
 * message } }`), checks the bearer token and the permissions the token's identity was granted (403 otherwise), and
 * can answer 429 with Retry-After, on demand or by Graph's limit of 30 installs per second.
 *
 * What Teams does after an install, sending the bot the personal install activity, a test gives as `onInstall`: it
 * runs after the 201 has been answered (Teams delivers the activity some time after Graph answers), typically posting
 * the activity to the bot's `/api/messages` with the fake Bot Connector as its `serviceUrl`, so the bot links the
 * person exactly as when Teams installs the app.
 *
 * A plain `node:http` server on 127.0.0.1, like the fake Bot Connector, for the same reason (restify in the same
 * process patches `ServerResponse.prototype.writeHead`).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The application permissions the fake knows. */
export type GraphPermission = 'User.Read.All' | 'TeamsAppInstallation.ReadWriteForUser.All';

/** A user of the fake tenant. */
export interface GraphUser {
  id: string;
  userPrincipalName: string;
}

/** One request the fake answered. */
export interface GraphRequest {
  readonly method: string;
  /** Path and query as received (still percent-encoded). */
  readonly path: string;
  readonly status: number;
  readonly authorization?: string;
  /** The parsed JSON body of a POST. */
  readonly body?: unknown;
  /** The Retry-After header answered, in seconds. */
  readonly retryAfter?: number;
  readonly at: number;
}

/** An app installed for a user (201). */
export interface GraphInstall {
  readonly userId: string;
  readonly catalogAppId: string;
  readonly at: number;
}

/** Options for {@link startFakeGraph}. */
export interface FakeGraphOptions {
  /** The token a request must carry (`Authorization: Bearer <token>`). Default: `graph-test-token`. */
  token?: string;
  /** Apps in the tenant's catalog, by catalog id. Default: none (every install answers 404). */
  catalogAppIds?: readonly string[];
  /** The permissions granted to the token's identity. Default: both. */
  permissions?: readonly GraphPermission[];
  /** Answer 429 (Retry-After: the seconds until a place frees) beyond 30 installs per second. Default: false. */
  enforceInstallLimit?: boolean;
  /** Installs per second when enforcing. Default: 30 (Graph's limit per app per tenant). */
  installsPerSecond?: number;
  /** Delay before answering an install, in ms, to make overlapping installs observable. Default: 0. */
  installDelayMs?: number;
  /**
   * What Teams does once the app is installed for a user (201): called after the answer is sent, e.g. to post the
   * personal `installationUpdate` to the bot. Default: nothing (the bot never hears of the install).
   */
  onInstall?: (user: GraphUser) => unknown;
}

/** A running fake Graph. */
export interface FakeGraph {
  /** The base URL to configure (`GRAPH_BASE_URL`), e.g. `http://127.0.0.1:41234/v1.0`. */
  readonly url: string;
  readonly requests: readonly GraphRequest[];
  readonly installs: readonly GraphInstall[];
  /** Most installs for one user that were being answered at the same time. */
  readonly maxConcurrentPerUser: number;
  /** Adds a user; returns it with the given id (the Entra object id Teams also knows them by) or a new one. */
  addUser(userPrincipalName: string, id?: string): GraphUser;
  /** Waits until every `onInstall` started so far has finished; rejects with the first that failed. */
  installsDelivered(): Promise<void>;
  /** Marks the app installed for a user already (the next install answers 409). */
  markInstalled(userId: string, catalogAppId: string): void;
  /** Grants or takes back permissions of the token's identity. */
  setPermissions(permissions: readonly GraphPermission[]): void;
  /** Answers the next `count` requests with 429 and this Retry-After (seconds; none when undefined). */
  throttleNext(count: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
  retryAfter?: number;
  /** Runs once the answer has been sent. */
  afterAnswer?: () => unknown;
}

/** Starts a fake Graph on 127.0.0.1 on a free port. */
export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const token = options.token ?? 'graph-test-token';
  const catalog = new Set((options.catalogAppIds ?? []).map((id) => id.toLowerCase()));
  let permissions = new Set<GraphPermission>(
    options.permissions ?? ['User.Read.All', 'TeamsAppInstallation.ReadWriteForUser.All'],
  );
  const perSecond = options.installsPerSecond ?? 30;
  const users: GraphUser[] = [];
  const installed = new Set<string>();
  const requests: GraphRequest[] = [];
  const installs: GraphInstall[] = [];
  const inFlight = new Map<string, number>();
  let maxConcurrentPerUser = 0;
  let installTimes: number[] = [];
  let throttles: Array<number | undefined> = [];
  let nextId = 1;
  const deliveries: Promise<unknown>[] = [];

  const error = (status: number, code: string, message: string, retryAfter?: number): Answer => ({
    status,
    body: { error: { code, message, innerError: { 'request-id': `fake-${requests.length + 1}` } } },
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
  const denied = (permission: GraphPermission): Answer =>
    permission === 'User.Read.All'
      ? error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
      : error(
          403,
          'Forbidden',
          `Missing role permissions on the request. API requires one of '${permission}'.`,
        );
  const findUser = (idOrUpn: string) =>
    users.find(
      (user) => user.id === idOrUpn || user.userPrincipalName.toLowerCase() === idOrUpn.toLowerCase(),
    );

  const route = async (method: string, url: URL, body: unknown): Promise<Answer> => {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'v1.0' || segments[1] !== 'users' || segments[2] === undefined) {
      return error(400, 'BadRequest', `Resource not found for the segment '${url.pathname}'.`);
    }
    const user = findUser(segments[2]);
    if (method === 'GET' && segments.length === 3) {
      if (!permissions.has('User.Read.All')) return denied('User.Read.All');
      if (!user) {
        return error(404, 'Request_ResourceNotFound', `Resource '${segments[2]}' does not exist.`);
      }
      const select = url.searchParams.get('$select');
      return { status: 200, body: select === 'id' ? { id: user.id } : { ...user } };
    }
    if (
      method === 'POST' &&
      segments.length === 5 &&
      segments[3] === 'teamwork' &&
      segments[4] === 'installedApps'
    ) {
      if (!permissions.has('TeamsAppInstallation.ReadWriteForUser.All')) {
        return denied('TeamsAppInstallation.ReadWriteForUser.All');
      }
      if (options.enforceInstallLimit) {
        const now = Date.now();
        installTimes = installTimes.filter((time) => time > now - 1_000);
        if (installTimes.length >= perSecond) {
          const wait = (installTimes[installTimes.length - perSecond] ?? now) + 1_000 - now;
          return error(429, 'TooManyRequests', 'Too many requests.', Math.max(1, Math.ceil(wait / 1_000)));
        }
        installTimes.push(now);
      }
      if (!user) return error(404, 'NotFound', `User '${segments[2]}' was not found.`);
      const bind = (body as { 'teamsApp@odata.bind'?: unknown } | undefined)?.['teamsApp@odata.bind'];
      const match = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind) : null;
      if (!match?.[1])
        return error(400, 'BadRequest', "The property 'teamsApp@odata.bind' is missing or invalid.");
      const catalogAppId = match[1].toLowerCase();
      if (!catalog.has(catalogAppId))
        return error(404, 'NotFound', `App '${catalogAppId}' is not in the catalog.`);
      const running = (inFlight.get(user.id) ?? 0) + 1;
      inFlight.set(user.id, running);
      maxConcurrentPerUser = Math.max(maxConcurrentPerUser, running);
      try {
        if (options.installDelayMs)
          await new Promise((resolve) => setTimeout(resolve, options.installDelayMs));
        const key = `${user.id}|${catalogAppId}`;
        if (installed.has(key)) return error(409, 'Conflict', 'App is already installed for this user.');
        installed.add(key);
        installs.push({ userId: user.id, catalogAppId, at: Date.now() });
        const { onInstall } = options;
        return { status: 201, ...(onInstall ? { afterAnswer: () => onInstall(user) } : {}) };
      } finally {
        inFlight.set(user.id, (inFlight.get(user.id) ?? 1) - 1);
      }
    }
    return error(405, 'MethodNotAllowed', `No route ${method} ${url.pathname}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let answer: Answer;
    try {
      body = text.trim() ? (JSON.parse(text) as unknown) : undefined;
      if (req.headers.authorization !== `Bearer ${token}`) {
        answer = error(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
      } else if (throttles.length > 0) {
        const [retryAfter, ...rest] = throttles;
        throttles = rest;
        answer = error(429, 'TooManyRequests', 'Too many requests.', retryAfter);
      } else {
        answer = await route(method, new URL(path, 'http://127.0.0.1'), body);
      }
    } catch {
      answer = error(400, 'BadRequest', 'Unable to read JSON request payload.');
    }
    requests.push({
      method,
      path,
      status: answer.status,
      at: Date.now(),
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
      ...(body === undefined ? {} : { body }),
      ...(answer.retryAfter === undefined ? {} : { retryAfter: answer.retryAfter }),
    });
    res.statusCode = answer.status;
    if (answer.retryAfter !== undefined) res.setHeader('Retry-After', String(answer.retryAfter));
    if (answer.body === undefined) res.end();
    else {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(answer.body));
    }
    const after = answer.afterAnswer;
    if (after) deliveries.push(new Promise((resolve) => setImmediate(resolve)).then(after));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((failure: unknown) => {
      // A bug in the fake itself: answer 500 so the test sees something, and say why.
      if (!res.headersSent) res.statusCode = 500;
      res.end(JSON.stringify({ error: { code: 'FakeGraphBug', message: String(failure) } }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}/v1.0`,
    get requests() {
      return requests;
    },
    get installs() {
      return installs;
    },
    get maxConcurrentPerUser() {
      return maxConcurrentPerUser;
    },
    addUser(userPrincipalName, id) {
      const user = {
        id: id ?? `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`,
        userPrincipalName,
      };
      users.push(user);
      return user;
    },
    async installsDelivered() {
      await Promise.all(deliveries);
    },
    markInstalled(userId, catalogAppId) {
      installed.add(`${userId}|${catalogAppId.toLowerCase()}`);
    },
    setPermissions(granted) {
      permissions = new Set(granted);
    },
    throttleNext(count, retryAfterSeconds) {
      throttles.push(...Array.from({ length: count }, () => retryAfterSeconds));
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
