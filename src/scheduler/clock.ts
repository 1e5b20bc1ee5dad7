import { setTimeout as delay } from 'node:timers/promises';

/**
 * The time source of the scheduler's mechanics (lease expiry, pacing, backoff). Passed in so tests run hours of
 * rate-limited sending in milliseconds; the policy itself never reads a clock (it is given `now`).
 */
export interface Clock {
  now(): Date;
  /** Resolves at `instant` (at once when it has passed); rejects with the signal's reason when aborted first. */
  sleepUntil(instant: Date, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  async sleepUntil(instant, signal) {
    const ms = instant.getTime() - Date.now();
    signal?.throwIfAborted();
    if (ms <= 0) return;
    await delay(ms, undefined, signal ? { signal } : {});
  },
};
