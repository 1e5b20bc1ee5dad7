/**
 * Fills the Toolkit's `${{NAME}}` placeholders. Only string values of the parsed JSON are filled, so a value with
 * quotes or backslashes cannot break the JSON around it.
 */

const PLACEHOLDER = /\$\{\{\s*([A-Z_]\w*)\s*\}\}/gi;

/** What filling found: the document with every known placeholder filled, and the names that had no value. */
export interface FilledDocument {
  readonly document: unknown;
  /** Placeholder names without a value, in order of first appearance. */
  readonly missing: readonly string[];
  /** Text that still looks like a placeholder after filling, e.g. `${{ BOT-ID }}`: a typo the user must fix. */
  readonly malformed: readonly string[];
}

/**
 * Returns a copy of `document` with `${{NAME}}` replaced by `values.get(NAME)` in every string.
 *
 * @example fillPlaceholders({ id: '${{TEAMS_APP_ID}}' }, new Map([['TEAMS_APP_ID', 'abc']])) // { id: 'abc' }
 */
export function fillPlaceholders(document: unknown, values: ReadonlyMap<string, string>): FilledDocument {
  const missing = new Set<string>();
  const malformed = new Set<string>();
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const filled = value.replace(PLACEHOLDER, (placeholder, name: string) => {
        const replacement = values.get(name);
        if (replacement === undefined) missing.add(name);
        return replacement ?? placeholder;
      });
      if (filled.replace(PLACEHOLDER, '').includes('${{')) malformed.add(value);
      return filled;
    }
    if (Array.isArray(value)) return value.map(fill);
    if (isObject(value))
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]));
    return value;
  };
  const filled = fill(document);
  return { document: filled, missing: [...missing], malformed: [...malformed] };
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
