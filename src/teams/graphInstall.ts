/**
 * Installs the Teams app for one user through Microsoft Graph, so that the bot can write to an owner who never got
 * the app (municipalities roll it out by admin policy, and late). Once installed, Teams sends the bot the usual
 * install activity with the personal conversation, which the bot stores like any other; from then on reminders
 * reach the owner.
 *
 *   GET  /users/{upn}?$select=id                     User.Read.All                              (404: no such user)
 *   POST /users/{id}/teamwork/installedApps          TeamsAppInstallation.ReadWriteForUser.All  (201; 409: had it)
 *        { "teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/<catalog id>" }
 *
 * Both are application permissions of the bot's own identity (see docs/graph-install.md). A 403 means one is
 * missing: that is the admin's to fix, not something a retry changes, so it is reported once and remembered, and the
 * installer asks Graph nothing more for a while instead of being refused owner after owner. 429 is retried after its
 * Retry-After, a bounded number of times. Installs are paced under Graph's limit of 30 per second per app per
 * tenant, and the installs of one user run one after the other.
 *
 * Every outcome is a value ({@link GraphInstallOutcome}); the installer throws only for a caller's bug or a stop.
 * Nothing here logs: e-mail addresses stay out of the logs, and the caller records outcomes by the user's id.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { TokenCredential } from '@azure/identity';

/** Microsoft Graph's v1.0 endpoint in the global cloud. */
export const GRAPH_V1 = 'https://graph.microsoft.com/v1.0';

/** The scope of an app-only Graph token: whatever application permissions the identity was granted. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The application permission `GET /users/{upn}` needs. */
export const USER_READ_PERMISSION = 'User.Read.All';

/** The application permission installing an app for a user needs. */
export const INSTALL_PERMISSION = 'TeamsAppInstallation.ReadWriteForUser.All';

/** Graph's limit on app installs: per app per tenant, per second. */
export const GRAPH_INSTALLS_PER_SECOND = 30;

/** What became of one install. */
export type GraphInstallOutcome =
  | { kind: 'installed'; userId: string }
  | { kind: 'alreadyInstalled'; userId: string }
  | { kind: 'userNotFound' }
  | {
      kind: 'permissionMissing';
      /** The permission the identity lacks. */
      permission: string;
      /** One line for the admin, in Swedish, naming the permission and where the steps are. */
      message: string;
      /** True only for the 403 that found the problem: tell the admin then, not for every owner after it. */
      firstReport: boolean;
    }
  | {
      kind: 'throttled';
      /** How long Graph asked to wait, when it said; try again in a later pass. */
      retryAfterMs: number | null;
    }
  | {
      kind: 'failed';
      /** Graph's status, or null when there was no answer (network, timeout, no token). */
      status: number | null;
      /** Graph's error code, e.g. `Request_BadRequest`. */
      code: string | null;
      message: string;
    };

/** Options for {@link GraphInstaller}. */
export interface GraphInstallerOptions {
  /** The bot's identity: a managed identity or an app registration (see {@link createGraphCredential}). */
  credential: TokenCredential;
  /** The app's id in the tenant's app catalog (`TEAMS_APP_CATALOG_ID`), not the manifest id. */
  catalogAppId: string;
  /** Graph's address (`GRAPH_BASE_URL`). Default: {@link GRAPH_V1}. */
  baseUrl?: string;
  /** Installs let through per second. Default: {@link GRAPH_INSTALLS_PER_SECOND}. */
  installsPerSecond?: number;
  /** Attempts at one request while Graph answers 429 (or 503/504). Default: 3. */
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited for: the outcome is `throttled`. Default: 60 000 ms. */
  maxRetryAfterMs?: number;
  /** A 403 is remembered this long before Graph is asked again (the admin may have granted it). Default: 6 h. */
  permissionRecheckMs?: number;
  /** One request's time limit. Default: 30 000 ms. */
  timeoutMs?: number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch, for pacing and the 403 memory. Default: Date.now. */
  now?: () => number;
  /** Waits `ms` (Retry-After, backoff, pacing). Default: a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** How the bot's identity gets a Graph token: its managed identity, or an app registration with a secret. */
export type GraphIdentity =
  | { kind: 'managedIdentity'; clientId: string }
  | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string };

/** A missing permission, remembered after a 403. */
interface PermissionProblem {
  permission: string;
  message: string;
  at: number;
}

/** Graph's answer to one request, read once. */
interface GraphAnswer {
  status: number;
  code: string | null;
  message: string;
  retryAfterMs: number | null;
  body: unknown;
}

const UPN = /^[^\s@/\\?#]+@[^\s@/\\?#](?=[^\s@/\\?#]*\.[^\s@/\\?#])[^\s@/\\?#]+$/;

/**
 * Builds the credential for Graph from the bot's identity (the same `MicrosoftAppId` as towards Teams). Loaded on
 * demand: `@azure/identity` brings MSAL, which a bot without Graph installs never needs.
 */
export async function createGraphCredential(identity: GraphIdentity): Promise<TokenCredential> {
  const { ClientSecretCredential, ManagedIdentityCredential } = await import('@azure/identity');
  if (identity.kind === 'managedIdentity')
    return new ManagedIdentityCredential({ clientId: identity.clientId });
  return new ClientSecretCredential(identity.tenantId, identity.clientId, identity.clientSecret);
}

/** Installs the Teams app for users of one tenant through Microsoft Graph; see the module comment. */
export class GraphInstaller {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly perUser = new Map<string, Promise<unknown>>();
  /** Installs in the pacer's window: `until` is null while the request is out, then when its place frees. */
  private installSlots: Array<{ until: number | null }> = [];
  private problem: PermissionProblem | null = null;
  private reported = false;

  constructor(private readonly options: GraphInstallerOptions) {
    this.baseUrl = (options.baseUrl ?? GRAPH_V1).replace(/(?<!\/)\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => sleepFor(ms, undefined, signal ? { signal } : {}));
  }

  /** The missing permission found by a 403 and still remembered, or null. */
  get permissionProblem(): { permission: string; message: string } | null {
    return this.problem ? { permission: this.problem.permission, message: this.problem.message } : null;
  }

  /**
   * Installs the app for the user with this e-mail (UPN). Installs for one user run one after the other.
   * @throws TypeError when `upn` is no e-mail address (the caller's bug); the signal's reason when stopped.
   */
  async installForUser(upn: string, options: { signal?: AbortSignal } = {}): Promise<GraphInstallOutcome> {
    const user = upn.trim().toLowerCase();
    if (!UPN.test(user)) throw new TypeError('GraphInstaller.installForUser: no e-mail address (UPN) given.');
    const previous = this.perUser.get(user) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.install(user, options.signal));
    this.perUser.set(user, mine);
    try {
      return await mine;
    } finally {
      if (this.perUser.get(user) === mine) this.perUser.delete(user);
    }
  }

  private async install(upn: string, signal: AbortSignal | undefined): Promise<GraphInstallOutcome> {
    const remembered = this.rememberedProblem();
    if (remembered) return remembered;
    const token = await this.token(signal);
    if (typeof token !== 'string') return token;

    const lookup = await this.request('GET', `/users/${encodeURIComponent(upn)}?$select=id`, token, signal);
    if ('kind' in lookup) return lookup;
    if (lookup.status === 404) return { kind: 'userNotFound' };
    if (lookup.status === 403) return this.permissionMissing(USER_READ_PERMISSION);
    const userId = idOf(lookup.body);
    if (lookup.status !== 200 || userId === null) return failed(lookup, 'Användaren kunde inte slås upp');

    // The binding names the catalog entry on the Graph being called (graph.microsoft.com, or a national cloud's).
    const body = {
      'teamsApp@odata.bind': `${this.baseUrl}/appCatalogs/teamsApps/${this.options.catalogAppId}`,
    };
    const installed = await this.request(
      'POST',
      `/users/${encodeURIComponent(userId)}/teamwork/installedApps`,
      token,
      signal,
      body,
    );
    if ('kind' in installed) return installed;
    if (installed.status >= 200 && installed.status < 300) return { kind: 'installed', userId };
    if (installed.status === 409) return { kind: 'alreadyInstalled', userId };
    if (installed.status === 403) return this.permissionMissing(INSTALL_PERMISSION);
    if (installed.status === 404) {
      return failed(
        installed,
        `Appen ${this.options.catalogAppId} finns inte i appkatalogen (TEAMS_APP_CATALOG_ID), eller användaren ` +
          'saknar Teams',
      );
    }
    return failed(installed, 'Appen kunde inte installeras');
  }

  /** The remembered 403, while it is fresh; after that, Graph is asked again once. */
  private rememberedProblem(): GraphInstallOutcome | null {
    if (!this.problem) return null;
    const recheckMs = this.options.permissionRecheckMs ?? 6 * 3_600_000;
    if (this.now() - this.problem.at >= recheckMs) {
      this.problem = null;
      return null;
    }
    return { kind: 'permissionMissing', ...this.permissionProblem!, firstReport: false };
  }

  private permissionMissing(permission: string): GraphInstallOutcome {
    const message =
      `Boten saknar Graph-behörigheten ${permission} (programbehörighet med administratörsmedgivande) och kan ` +
      'inte installera appen åt ägare som saknar den; se docs/graph-install.md.';
    this.problem = { permission, message, at: this.now() };
    const firstReport = !this.reported;
    this.reported = true;
    return { kind: 'permissionMissing', permission, message, firstReport };
  }

  private async token(signal: AbortSignal | undefined): Promise<string | GraphInstallOutcome> {
    try {
      const token = await this.options.credential.getToken(
        GRAPH_SCOPE,
        signal ? { abortSignal: signal } : {},
      );
      if (token?.token) return token.token;
      return { kind: 'failed', status: null, code: null, message: 'Ingen token för Microsoft Graph.' };
    } catch (error) {
      signal?.throwIfAborted();
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return {
        kind: 'failed',
        status: null,
        code: null,
        message: `Ingen token för Microsoft Graph: ${reason}`,
      };
    }
  }

  /**
   * One Graph request, retried while Graph answers 429, 503 or 504 (after its Retry-After, else a doubling backoff),
   * at most `maxAttempts` times. A POST waits for the pacer first, each attempt.
   */
  private async request(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    signal: AbortSignal | undefined,
    body?: unknown,
  ): Promise<GraphAnswer | GraphInstallOutcome> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    const maxRetryAfterMs = this.options.maxRetryAfterMs ?? 60_000;
    for (let attempt = 1; ; attempt++) {
      const release = method === 'POST' ? await this.pace(signal) : null;
      let answer: GraphAnswer | GraphInstallOutcome;
      try {
        answer = await this.send(method, path, token, signal, body);
      } finally {
        release?.();
      }
      if ('kind' in answer) return answer;
      if (answer.status !== 429 && answer.status !== 503 && answer.status !== 504) return answer;
      const waitMs = answer.retryAfterMs ?? 1_000 * 2 ** (attempt - 1);
      if (attempt >= maxAttempts || waitMs > maxRetryAfterMs) {
        if (answer.status === 429) return { kind: 'throttled', retryAfterMs: answer.retryAfterMs };
        return failed(answer, 'Microsoft Graph svarar inte just nu');
      }
      await this.sleep(waitMs, signal);
    }
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    signal: AbortSignal | undefined,
    body?: unknown,
  ): Promise<GraphAnswer | GraphInstallOutcome> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      signal?.throwIfAborted();
      const reason = timeout.aborted
        ? 'inget svar i tid'
        : error instanceof Error
          ? error.message
          : String(error);
      return { kind: 'failed', status: null, code: null, message: `Microsoft Graph nåddes inte: ${reason}` };
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      parsed = null;
    }
    const error = errorOf(parsed);
    return {
      status: response.status,
      code: error.code,
      message: error.message ?? `${response.status} ${response.statusText}`.trim(),
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.now()),
      body: parsed,
    };
  }

  /**
   * Waits until an install fits Graph's per-second limit and takes a place; the returned release frees it one second
   * after the answer came. Graph counts installs as they arrive, which is some time between sending and the answer:
   * counting from the send would let a slow request and a fast later one arrive within the same second.
   */
  private async pace(signal: AbortSignal | undefined): Promise<() => void> {
    const perSecond = this.options.installsPerSecond ?? GRAPH_INSTALLS_PER_SECOND;
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      this.installSlots = this.installSlots.filter((slot) => slot.until === null || slot.until > now);
      // Checked and taken without an await in between: concurrent installs cannot both take the last place.
      if (this.installSlots.length < perSecond) {
        const slot: { until: number | null } = { until: null };
        this.installSlots.push(slot);
        return () => {
          slot.until = this.now() + 1_000;
        };
      }
      const frees = this.installSlots.flatMap((slot) => (slot.until === null ? [] : [slot.until]));
      // All places out: look again shortly, since an answer frees one only a second after it comes.
      await this.sleep(frees.length > 0 ? Math.max(1, Math.min(...frees) - now) : 50, signal);
    }
  }
}

function failed(answer: GraphAnswer, what: string): GraphInstallOutcome {
  return {
    kind: 'failed',
    status: answer.status,
    code: answer.code,
    message: `${what}: ${answer.status}${answer.code ? ` ${answer.code}` : ''}: ${answer.message}`,
  };
}

function idOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const id = (body as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/** Graph's error body: `{ "error": { "code": "...", "message": "..." } }`. */
function errorOf(body: unknown): { code: string | null; message: string | null } {
  if (typeof body !== 'object' || body === null) return { code: null, message: null };
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return { code: null, message: null };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : null,
    message: typeof message === 'string' ? message.slice(0, 500) : null,
  };
}

/** Milliseconds from a Retry-After header: seconds, or an HTTP date; null when absent or unreadable. */
function retryAfterMs(header: string | null, nowMs: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Math.round(Number(value) * 1_000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
