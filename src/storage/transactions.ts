import type { TableTransactionResponse } from '@azure/data-tables';

/**
 * The new ETag of operation `index` of a transaction of `operationCount` operations, or undefined when the response
 * does not tell it. The service answers a change set's operations in the order they were sent. Looking the row up by
 * RowKey does not work: the SDK names a sub-response's row only when the answer has a Location header (creates), and
 * then URL-encoded (`action%7C...`), so every update would need a point read afterwards to learn its ETag.
 */
export function etagOfOperation(
  response: TableTransactionResponse,
  index: number,
  operationCount: number,
): string | undefined {
  if (response.subResponses.length !== operationCount) return undefined;
  return response.subResponses[index]?.etag;
}
