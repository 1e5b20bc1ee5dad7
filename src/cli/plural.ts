/**
 * A count with its noun phrase in the form the count takes: `countOf(1, 'ny åtgärd', 'nya åtgärder')` is
 * "1 ny åtgärd", with 0 or 2 "0 nya åtgärder", "2 nya åtgärder".
 */
export function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
