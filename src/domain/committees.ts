import { normalizeInput } from './text';

/**
 * The longest committee name accepted from a person: the importer's limit for names, so every imported committee can
 * be named, and far below what a Table key holds.
 */
export const MAX_COMMITTEE_LENGTH = 200;

/**
 * A committee name as names are compared: NFC, invisible characters dropped, spacing folded, Swedish lower case.
 * A role granted for "tekniska nämnden" must not silently grant nothing on "Tekniska nämnden".
 */
export function committeeKey(name: string): string {
  return normalizeInput(name).toLocaleLowerCase('sv');
}

/** Whether two texts name the same committee (see {@link committeeKey}). */
export function sameCommittee(a: string, b: string): boolean {
  return committeeKey(a) === committeeKey(b);
}

/**
 * Words people put before a committee's name in a role command ("samordnare för Socialnämnden", "nämnd:
 * Socialnämnden"). They are dropped only when the whole text names no committee, since a name may start with one
 * of them ("Nämnd för teknik").
 */
const LEAD_WORD = /^(?:nämnd|nämnden|committee|för|for|i|in)(?:\s*[:=]\s*|\s+)/iu;

/**
 * The committee a person meant, spelled as the tenant's audits spell it: the whole text when it names a known
 * committee, else the text without a leading "för"/"nämnd:" and the like. Null when neither names one.
 * @example resolveCommittee('för tekniska nämnden', ['Tekniska nämnden']) // 'Tekniska nämnden'
 * @example resolveCommittee('Nämnd för teknik', ['Nämnd för teknik']) // 'Nämnd för teknik'
 */
export function resolveCommittee(typed: string, known: readonly string[]): string | null {
  const find = (text: string): string | null => {
    const key = committeeKey(text);
    return key === '' ? null : (known.find((name) => committeeKey(name) === key) ?? null);
  };
  const whole = find(typed);
  if (whole !== null) return whole;
  const normalized = normalizeInput(typed);
  const lead = LEAD_WORD.exec(normalized);
  return lead ? find(normalized.slice(lead[0].length)) : null;
}

/** The distinct committees among names, first spelling kept, in Swedish alphabetical order. */
export function distinctCommittees(names: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const key = committeeKey(name);
    if (key !== '' && !byKey.has(key)) byKey.set(key, normalizeInput(name));
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'sv'));
}
