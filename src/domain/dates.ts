import { DateTime } from 'luxon';
import { DomainError } from './errors';
import type { CivilDate } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks that `text` is a real calendar date written `YYYY-MM-DD` and returns it.
 * @throws DomainError `InvalidDate` for other shapes and for days the calendar lacks (2023-02-30).
 * @example parseCivilDate('2024-02-29') // '2024-02-29'
 */
export function parseCivilDate(text: string): CivilDate {
  const match = ISO_DATE.exec(text.trim());
  if (!match) {
    throw new DomainError({ kind: 'notADate', text });
  }
  if (!isCalendarDate(match[0])) {
    throw new DomainError({ kind: 'dateNotInCalendar', date: match[0] });
  }
  return match[0];
}

/** The civil date at instant `now` in `timeZone` (IANA name, e.g. Europe/Stockholm). */
export function civilDateAt(now: Date, timeZone: string): CivilDate {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new DomainError({ kind: 'unknownTimeZone', timeZone });
  return local.toISODate() ?? '';
}

/**
 * An ISO instant as the municipality's clock shows it, `2026-03-31 14:05` (or only the date, `2026-03-31`): how
 * histories and lists date what happened. An instant that cannot be read is returned as it is, rather than as
 * "Invalid DateTime".
 * @throws DomainError `InvalidValue` for an unknown time zone.
 * @example formatInstant('2026-03-31T12:05:00Z', 'Europe/Stockholm') // '2026-03-31 14:05'
 */
export function formatInstant(instant: string, timeZone: string, options: { time?: boolean } = {}): string {
  const local = DateTime.fromISO(instant, { zone: timeZone });
  if (!local.isValid) {
    if (local.invalidReason === 'unsupported zone')
      throw new DomainError({ kind: 'unknownTimeZone', timeZone });
    return instant;
  }
  return local.toFormat(options.time === false ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm');
}

/** Whole days from `from` to `to` (both civil dates); negative when `to` is earlier, NaN for a date that is none. */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  // Plain UTC arithmetic: lists and reports call this for thousands of actions, and luxon's parsing took 20 µs a call.
  return Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);
}

/** Milliseconds of a civil date's midnight in UTC; NaN for other shapes and days the calendar lacks. */
function utcMidnight(date: CivilDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) return Number.NaN;
  return dayMillis(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Milliseconds of that day's midnight in UTC; NaN when the calendar lacks it. */
function dayMillis(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, takes years below 100 as they are. Plain arithmetic rather than luxon: the
  // document reader and the lists ask this for thousands of dates.
  const time = new Date(0).setUTCFullYear(year, month - 1, day);
  const check = new Date(time);
  // 2023-02-30 would roll over into March.
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? time : Number.NaN;
}

/**
 * The one check of "is this a real calendar date": true for `YYYY-MM-DD` naming a day the calendar has.
 * @example isCalendarDate('2024-02-29') // true
 * @example isCalendarDate('2023-02-30') // false
 */
export function isCalendarDate(text: string): boolean {
  return !Number.isNaN(utcMidnight(text));
}

/**
 * The day with these numbers as `YYYY-MM-DD` (month 1–12), or null when the calendar lacks it.
 * @example calendarDate(2023, 2, 30) // null
 */
export function calendarDate(year: number, month: number, day: number): CivilDate | null {
  if (Number.isNaN(dayMillis(year, month, day))) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
