import { Cron } from 'croner';

/**
 * The latest instant at or before `now` that the cron `pattern` names, in `timeZone`; null when there is none (a
 * pattern for a date that has not come). croner computes it in the zone's local time, so "0 8 * * 1" is 08:00 on
 * Mondays on both sides of a daylight-saving change.
 * @example latestSlot('0 8 * * 1', 'Europe/Stockholm', new Date('2026-03-31T10:00:00Z')) // 2026-03-30T06:00:00Z
 */
export function latestSlot(pattern: string, timeZone: string, now: Date): Date | null {
  const cron = new Cron(pattern, { timezone: timeZone, paused: true });
  try {
    // previousRuns looks strictly before its reference; one millisecond later makes a slot at `now` count.
    const [slot] = cron.previousRuns(1, new Date(now.getTime() + 1));
    return slot ?? null;
  } finally {
    cron.stop();
  }
}

/** The next instant after `now` that `pattern` names in `timeZone`, or null. */
export function nextSlot(pattern: string, timeZone: string, now: Date): Date | null {
  const cron = new Cron(pattern, { timezone: timeZone, paused: true });
  try {
    return cron.nextRun(now);
  } finally {
    cron.stop();
  }
}
