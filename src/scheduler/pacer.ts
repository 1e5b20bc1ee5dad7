import type { Clock } from './clock';

/** At most `max` requests in any `windowMs` (a sliding window). */
export interface RateLimit {
  windowMs: number;
  max: number;
}

/** Teams' limits per bot per conversation (thread): 7 per second, 8 per 2 s, 60 per 30 s, 1800 per hour. */
export const TEAMS_THREAD_LIMITS: readonly RateLimit[] = [
  { windowMs: 1_000, max: 7 },
  { windowMs: 2_000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1_800 },
];

/** Teams' limit per app per tenant is "about 30-50 requests per second": the pacer keeps to the lower end. */
export const TEAMS_TENANT_LIMITS: readonly RateLimit[] = [{ windowMs: 1_000, max: 30 }];

/** Options for {@link Pacer}. */
export interface PacerOptions {
  /** Default: {@link TEAMS_THREAD_LIMITS}. */
  threadLimits?: readonly RateLimit[];
  /** Default: {@link TEAMS_TENANT_LIMITS}. */
  tenantLimits?: readonly RateLimit[];
}

const TENANT = 'tenant';

/**
 * 429s within the tenant's window that make the pacer hold the whole tenant: at least this many, and at least this
 * share of the requests it let through in that window. One 429 now and then is a conversation's or Teams' own
 * hiccup; the tenant's limit refuses request after request.
 */
const TENANT_HOLD_MIN_429 = 3;
const TENANT_HOLD_MIN_SHARE = 0.2;

/** A request let through by {@link Pacer.acquire}. */
export interface PacerPermit {
  /**
   * Counts the request as made now rather than when it was let through: call it just before the request goes out
   * when something slow (a storage write) came in between. Teams counts a request when it arrives, so a count left
   * at the earlier instant would let the next window open too soon.
   */
  restamp(): void;
}

/**
 * Paces one tenant's writes to the Bot Connector so that they stay under Teams' limits, per conversation and for the
 * tenant as a whole, and holds back a conversation that answered 429 for as long as its `Retry-After` says.
 *
 * A request counts when it is let through, whatever its outcome, so the pacer is never more generous than Teams,
 * which counts the requests it accepts; the count moves to the instant the request goes out when the caller says so
 * ({@link PacerPermit.restamp}), since Teams counts it on arrival.
 */
export class Pacer {
  private readonly threadLimits: readonly RateLimit[];
  private readonly tenantLimits: readonly RateLimit[];
  private readonly longestWindowMs: number;
  /** Times requests were let through, oldest first, per key (`tenant` or `thread:<conversation id>`). */
  private readonly times = new Map<string, number[]>();
  /** No request before this instant, per key. */
  private readonly blockedUntil = new Map<string, number>();
  /** When requests to the tenant's conversations were answered 429, oldest first, within the tenant's window. */
  private throttledTimes: number[] = [];
  private readonly tenantWindowMs: number;

  constructor(
    private readonly clock: Clock,
    options: PacerOptions = {},
  ) {
    this.threadLimits = options.threadLimits ?? TEAMS_THREAD_LIMITS;
    this.tenantLimits = options.tenantLimits ?? TEAMS_TENANT_LIMITS;
    this.longestWindowMs = Math.max(
      ...[...this.threadLimits, ...this.tenantLimits].map((limit) => limit.windowMs),
    );
    // The window 429s are counted in: the tenant's (at least the one second a tenant hold lasts).
    this.tenantWindowMs = Math.max(1_000, ...this.tenantLimits.map((limit) => limit.windowMs));
  }

  /**
   * Waits until a request to conversation `thread` (null: a request that belongs to no conversation, such as creating
   * one) fits every limit, then counts it.
   * @throws the signal's reason when aborted while waiting.
   */
  async acquire(thread: string | null, signal?: AbortSignal): Promise<PacerPermit> {
    const keys: Array<[string, readonly RateLimit[]]> = [[TENANT, this.tenantLimits]];
    if (thread !== null) keys.push([threadKey(thread), this.threadLimits]);
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now().getTime();
      let freeAt = now;
      for (const [key, limits] of keys) {
        freeAt = Math.max(freeAt, this.blockedUntil.get(key) ?? 0, this.windowFreeAt(key, limits, now));
      }
      if (freeAt <= now) {
        // No await between the check and the count: concurrent callers cannot both take the last slot.
        for (const [key] of keys) this.count(key, now);
        return { restamp: () => this.restamp(keys, now) };
      }
      await this.clock.sleepUntil(new Date(freeAt), signal);
    }
  }

  /**
   * Holds back requests to `thread` until `until` (a 429's Retry-After). The tenant is held back too, for at most a
   * second, once 429s come too often to be chance (at least 3, and a fifth of the requests, in the tenant's window):
   * then they are likely the tenant's limit, which the next conversation would hit as well. A lone 429 holds only its
   * conversation, so that one refusal does not stall every other conversation for a second. A request that belongs
   * to no conversation (`thread` null) holds the tenant until `until`.
   */
  block(thread: string | null, until: Date): void {
    const at = until.getTime();
    const now = this.clock.now().getTime();
    if (thread === null) {
      this.blockedUntil.set(TENANT, Math.max(this.blockedUntil.get(TENANT) ?? 0, at));
      return;
    }
    const key = threadKey(thread);
    this.blockedUntil.set(key, Math.max(this.blockedUntil.get(key) ?? 0, at));
    const since = now - this.tenantWindowMs;
    this.throttledTimes = [...this.throttledTimes.filter((time) => time > since), now];
    const requests = countAfter(this.times.get(TENANT) ?? [], since);
    const throttled = this.throttledTimes.length;
    if (throttled >= TENANT_HOLD_MIN_429 && throttled >= TENANT_HOLD_MIN_SHARE * requests) {
      const tenantUntil = Math.min(at, now + 1_000);
      this.blockedUntil.set(TENANT, Math.max(this.blockedUntil.get(TENANT) ?? 0, tenantUntil));
    }
  }

  /** Moves a request's count from `countedAt` to now, for each of `keys` (see {@link PacerPermit.restamp}). */
  private restamp(keys: ReadonlyArray<readonly [string, unknown]>, countedAt: number): void {
    const now = this.clock.now().getTime();
    if (now <= countedAt) return;
    for (const [key] of keys) {
      const times = this.times.get(key) ?? [];
      const index = times.lastIndexOf(countedAt);
      // Not found: forgotten as older than every window; the request is still made now and counts.
      if (index >= 0) times.splice(index, 1);
      // Every count is at or before now, so appending keeps the times in order.
      times.push(now);
      this.times.set(key, times);
    }
  }

  /** When the next request fits under `limits` for `key` (`now` when it fits already). */
  private windowFreeAt(key: string, limits: readonly RateLimit[], now: number): number {
    const times = this.times.get(key);
    if (!times) return now;
    let freeAt = now;
    for (const { windowMs, max } of limits) {
      // A request at time t counts while now < t + windowMs, as Teams (and the fake connector) count it.
      if (countAfter(times, now - windowMs) >= max) {
        const oldestThatMustLeave = times[times.length - max] ?? now;
        freeAt = Math.max(freeAt, oldestThatMustLeave + windowMs);
      }
    }
    return freeAt;
  }

  private count(key: string, now: number): void {
    const times = this.times.get(key) ?? [];
    times.push(now);
    // Forget what no window can see any more, so a long-lived pacer does not grow.
    const horizon = now - this.longestWindowMs;
    let drop = 0;
    while (drop < times.length && (times[drop] ?? 0) <= horizon) drop++;
    this.times.set(key, drop > 0 ? times.slice(drop) : times);
    if (this.times.size > 10_000) this.forgetIdle(horizon);
  }

  private forgetIdle(horizon: number): void {
    for (const [key, times] of this.times) {
      if ((times[times.length - 1] ?? 0) <= horizon) this.times.delete(key);
    }
    for (const [key, until] of this.blockedUntil) if (until <= horizon) this.blockedUntil.delete(key);
  }
}

/** How many of `times` (oldest first) are later than `since`. */
function countAfter(times: readonly number[], since: number): number {
  let count = 0;
  for (let i = times.length - 1; i >= 0 && (times[i] ?? 0) > since; i--) count++;
  return count;
}

function threadKey(conversationId: string): string {
  return `thread:${conversationId}`;
}
