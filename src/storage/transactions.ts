import type { TableClient, TableTransactionResponse, TransactionAction } from '@azure/data-tables';
import { guarded } from './errorHelpers';
import { NotFoundError } from './errors';

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

/**
 * How a transaction writes a bookkeeping row it expects to find (the tenant's change marker, an open action's
 * index copy): `update` whatever the row's ETag, or `upsert`, which also creates it.
 */
export type ExpectedRowWrite = 'update' | 'upsert';

/**
 * Submits a transaction that rewrites bookkeeping rows it expects to find, with `update`s; when the service answers
 * 404 (a tenant whose data is older than the row, a copy lost by hand), builds it again with `upsert`s and submits
 * that once. The changes are the same either way, and nothing is written by a transaction that fails.
 *
 * An upsert asks the service to look the row up before it decides between insert and replace. Azure Table Storage
 * does that at no noticeable cost; the emulator (Azurite) finds a row by scanning its whole partition, and does it
 * twice for an upsert, which in a large tenant's partition is most of a status change's time in the tests and the
 * benchmark. The second submit happens at most once per missing row: it leaves the row in place.
 *
 * A 404 that the `upsert`s do not mend (the changed row itself is gone) comes back from the second submit.
 */
export async function submitExpectingRows(
  client: TableClient,
  build: (write: ExpectedRowWrite) => TransactionAction[],
  what: string,
): Promise<{ response: TableTransactionResponse; operations: TransactionAction[] }> {
  const expected = build('update');
  try {
    return { response: await guarded(what, () => client.submitTransaction(expected)), operations: expected };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const operations = build('upsert');
  return { response: await guarded(what, () => client.submitTransaction(operations)), operations };
}
