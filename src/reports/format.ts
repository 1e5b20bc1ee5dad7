import { wholePercent } from '../domain/percent';
import { DomainError } from '../domain/errors';
import type { CivilDate } from '../domain/types';

/** The space Swedish typography puts between digit groups and before `%`: non-breaking, so "45 %" never wraps. */
export const NBSP = '\u00a0';

/**
 * A whole number the Swedish way: digit groups of three separated by a non-breaking space, minus sign U+2212.
 * Written by hand rather than with `Intl` so the output does not depend on which ICU data Node was built with.
 * @example formatNumber(20000) // '20 000' (with U+00A0)
 * @example formatNumber(20000, ',') // '20,000', as English writes it
 */
export function formatNumber(value: number, separator: string = NBSP): string {
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded));
  // Groups cut from the right by index: a lookahead over the remaining digits would reread them at every digit.
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  const grouped = groups.join(separator);
  return rounded < 0 ? `\u2212${grouped}` : grouped;
}

/**
 * A share 0..1 as a Swedish percentage in whole percent, "45 %". Only a share of exactly 1 shows "100 %" and only
 * exactly 0 shows "0 %": a board reading "100 %" must be able to trust that everything is done.
 * @example formatPercent(0.4545) // '45 %' (with U+00A0)
 */
export function formatPercent(share: number): string {
  return `${formatNumber(wholePercent(share))}${NBSP}%`;
}

/** A civil date as Swedish documents write it (ISO 8601, 2026-03-31), or a dash when there is none. */
export function formatDate(date: CivilDate | null): string {
  return date ?? '–';
}

/** One formatter per time zone: building an Intl formatter costs far more than using one. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The civil date of an ISO instant in the municipality's time zone (when a change was made, as a board reads it),
 * or null when the instant cannot be read. Same answer as the domain's `civilDateAt`, at a fraction of the cost
 * for the thousands of history events of a large report.
 * @throws DomainError `InvalidValue` for an unknown time zone.
 */
export function dateOfInstant(instant: string, timeZone: string): CivilDate | null {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return null;
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        calendar: 'gregory',
        numberingSystem: 'latn',
      });
    } catch (cause) {
      throw new DomainError({ kind: 'unknownTimeZone', timeZone }, { cause });
    }
    dayFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(time);
  const value = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${value('year').padStart(4, '0')}-${value('month')}-${value('day')}`;
}
