/** Whether an input value is a plain object (not null, not an array): the first check on anything parsed from JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
