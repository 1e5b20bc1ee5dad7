import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { isCalendarDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import type { CivilDate } from '../domain/types';

/** Days the municipality does not work beyond weekends and public holidays. */
export interface WorkingCalendarOptions {
  /** A yearly pause, `MM-DD` to `MM-DD` inclusive (may wrap the new year); null for none. */
  summerPause: { from: string; to: string } | null;
  /** Further days off, `YYYY-MM-DD` (e.g. klämdagar the municipality closes). */
  extraDaysOff: readonly CivilDate[];
}

/**
 * Holiday types of date-holidays that are days off in Sweden: `public` (röda dagar) and `bank`, which is where it
 * files midsommarafton, julafton and nyårsafton; `optional` (half days such as valborgsmässoafton) and `observance`
 * (skärtorsdagen) are working days.
 */
const DAYS_OFF_TYPES = new Set(['public', 'bank']);

/** Longest run of days off we look past before concluding the calendar has no working day (a misconfiguration). */
const MAX_DAYS_OFF_IN_A_ROW = 400;

let swedishHolidays: Holidays | undefined;
const holidaysByYear = new Map<number, ReadonlySet<CivilDate>>();

/** Swedish public holidays of a year, plus midsommarafton, julafton and nyårsafton, as `YYYY-MM-DD`. */
export function swedishDaysOff(year: number): ReadonlySet<CivilDate> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  swedishHolidays ??= new Holidays('SE');
  const days = new Set<CivilDate>();
  for (const holiday of swedishHolidays.getHolidays(year)) {
    // `date` is local to Sweden ("2026-06-19 00:00:00"); its first ten characters are the civil date.
    if (DAYS_OFF_TYPES.has(holiday.type)) days.add(holiday.date.slice(0, 10));
  }
  holidaysByYear.set(year, days);
  return days;
}

/** True when nothing should be sent on `date`: a Saturday, Sunday, Swedish holiday, in the pause or an extra day off. */
export function isDayOff(date: CivilDate, options: WorkingCalendarOptions): boolean {
  const day = civil(date);
  if (day.weekday >= 6) return true;
  if (swedishDaysOff(day.year).has(date)) return true;
  if (options.extraDaysOff.includes(date)) return true;
  return inPause(date.slice(5), options.summerPause);
}

/**
 * The first working day on or after `date`.
 * @throws DomainError `InvalidValue` when the calendar has no working day within a year (e.g. a pause all year).
 */
export function nextWorkingDay(date: CivilDate, options: WorkingCalendarOptions): CivilDate {
  // A pass asks this for every stage of every action: remembered per calendar (policy objects are reused).
  let cache = workingDays.get(options);
  if (!cache) {
    cache = new Map();
    workingDays.set(options, cache);
  }
  const known = cache.get(date);
  if (known !== undefined) return known;
  const result = searchWorkingDay(date, options);
  cache.set(date, result);
  return result;
}

const workingDays = new WeakMap<WorkingCalendarOptions, Map<CivilDate, CivilDate>>();

function searchWorkingDay(date: CivilDate, options: WorkingCalendarOptions): CivilDate {
  let day = civil(date);
  for (let i = 0; i < MAX_DAYS_OFF_IN_A_ROW; i++) {
    const iso = day.toISODate() ?? date;
    if (!isDayOff(iso, options)) return iso;
    day = day.plus({ days: 1 });
  }
  throw new DomainError({ kind: 'noWorkingDay', date });
}

/**
 * The instant of local time `time` (`HH:MM`) on `date` in `timeZone`. Across a change to or from summer time the
 * clock time stays the same (09:00 is 08:00Z in winter and 07:00Z in summer); a time inside the spring gap moves
 * forward by the gap, as luxon does.
 */
export function localInstant(date: CivilDate, time: string, timeZone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const local = DateTime.fromISO(date, { zone: timeZone }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!local.isValid) throw new DomainError({ kind: 'invalidLocalTime', date, time, timeZone });
  return local.toJSDate();
}

/** `date` plus `days` (negative for earlier). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return civil(date).plus({ days }).toISODate() ?? date;
}

function civil(date: CivilDate): DateTime {
  if (!isCalendarDate(date)) throw new DomainError({ kind: 'notACalendarDate', date });
  return DateTime.fromISO(date, { zone: 'UTC' });
}

function inPause(monthDay: string, pause: WorkingCalendarOptions['summerPause']): boolean {
  if (!pause) return false;
  return pause.from <= pause.to
    ? monthDay >= pause.from && monthDay <= pause.to
    : monthDay >= pause.from || monthDay <= pause.to;
}
