import { DomainError } from './errors';
import { normalizeInput } from './text';

/** Largest reference number accepted; far above any tenant's need, and it keeps numbers exact. */
export const MAX_REF = 99_999_999;

const REF = /^a\s*(?:-\s*)?(\d{1,8})$/i;

/** The short reference shown to users: `A-17`. */
export function formatRef(ref: number): string {
  return `A-${ref}`;
}

/**
 * Reads a reference as users type it: upper or lower case, with or without the dash (`a17`, `A-17`, `a-17`).
 * @throws DomainError `InvalidReference` when the text is not a reference.
 */
export function parseRef(text: string): number {
  const match = REF.exec(normalizeInput(text));
  const value = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_REF) {
    throw new DomainError({ kind: 'notAReference', text });
  }
  return value;
}
