import { DomainError } from './errors';
import { normalizeInput } from './text';

/** Largest reference number accepted; far above any tenant's need, and it keeps numbers exact. */
export const MAX_REF = 99_999_999;

/** What a reference names: an action (`A-17`) or a recommendation (`R-3`). */
export type RefKind = 'action' | 'recommendation';

/** A reference as read from what a user typed: its kind and number. */
export interface ParsedRef {
  kind: RefKind;
  ref: number;
}

const PREFIX: Readonly<Record<RefKind, string>> = { action: 'A', recommendation: 'R' };

/**
 * The one grammar of references, for both kinds: the letter in either case, then an optional dash with optional
 * spaces around it, then 1 to 8 digits. The chat parser builds its token pattern from {@link REF_PATTERN}.
 */
const REF = /^([ar])\s*(?:-\s*)?(\d{1,8})$/i;

/** The grammar of {@link REF} as a source for larger patterns: group 1 the letter, group 2 the number. */
export const REF_PATTERN = '([AaRr])\\s*(?:-\\s*)?(\\d{1,8})';

/** The short reference shown to users: `A-17`. */
export function formatRef(ref: number): string {
  return `A-${ref}`;
}

/** The short reference of a recommendation shown to users: `R-3`. */
export function formatRecommendationRef(ref: number): string {
  return `R-${ref}`;
}

/** A reference of either kind as users see it: `A-17` or `R-3`. */
export function formatAnyRef(parsed: ParsedRef): string {
  return `${PREFIX[parsed.kind]}-${parsed.ref}`;
}

/**
 * Reads a reference of either kind as users type it: upper or lower case, with or without the dash, spaces
 * around it (`a17`, `A-17`, `r 3`, `R-3`).
 * @throws DomainError `InvalidReference` when the text is no reference.
 * @example parseAnyRef('r3') // { kind: 'recommendation', ref: 3 }
 */
export function parseAnyRef(text: string): ParsedRef {
  const parsed = readRef(text);
  if (!parsed) throw new DomainError({ kind: 'notAReference', text });
  return parsed;
}

/**
 * Reads an action reference as users type it: upper or lower case, with or without the dash (`a17`, `A-17`, `a-17`).
 * @throws DomainError `InvalidReference` when the text is not an action reference.
 */
export function parseRef(text: string): number {
  return parseKind(text, 'action');
}

/**
 * Reads a recommendation reference as users type it (`R-3`, `r3`, `R 3`).
 * @throws DomainError `InvalidReference` when the text is not a recommendation reference.
 */
export function parseRecommendationRef(text: string): number {
  return parseKind(text, 'recommendation');
}

function readRef(text: string): ParsedRef | null {
  const match = REF.exec(normalizeInput(text));
  const value = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(value) || value < 1 || value > MAX_REF) return null;
  return { kind: match[1]?.toUpperCase() === 'R' ? 'recommendation' : 'action', ref: value };
}

function parseKind(text: string, kind: RefKind): number {
  const parsed = readRef(text);
  if (parsed?.kind !== kind) {
    throw new DomainError(
      kind === 'action' ? { kind: 'notAReference', text } : { kind: 'notARecommendationReference', text },
    );
  }
  return parsed.ref;
}
