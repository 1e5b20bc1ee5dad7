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
    throw new DomainError(
      'InvalidDate',
      `"${text}" är inget datum; skriv det som ÅÅÅÅ-MM-DD, till exempel 2026-03-31.`,
    );
  }
  const parsed = DateTime.fromObject(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
    { zone: 'UTC' },
  );
  if (!parsed.isValid) {
    throw new DomainError('InvalidDate', `${match[0]} finns inte i kalendern.`);
  }
  return match[0];
}

/** The civil date at instant `now` in `timeZone` (IANA name, e.g. Europe/Stockholm). */
export function civilDateAt(now: Date, timeZone: string): CivilDate {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new DomainError('InvalidValue', `Okänd tidszon: ${timeZone}`);
  return local.toISODate() ?? '';
}

/** Whole days from `from` to `to` (both civil dates); negative when `to` is earlier. */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days);
}
