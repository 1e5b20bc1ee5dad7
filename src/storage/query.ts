import type { TableClient, TableEntity, TableEntityResult } from '@azure/data-tables';
import { guarded } from './errorHelpers';

/** An entity as a query returns it. The SDK types the keys as optional; a query always returns them. */
export type QueriedEntity<E extends object> = TableEntityResult<E> & TableEntity<E>;

/**
 * Reads every entity that matches an `odata` filter, page after page, and maps each one; failures are translated
 * like every other storage call (`what` names the read in the message). With `select`, only those columns are sent.
 */
export async function listAll<E extends object, T>(
  client: TableClient,
  filter: string,
  map: (entity: QueriedEntity<E>) => T,
  what: string,
  select?: readonly string[],
): Promise<T[]> {
  return guarded(what, async () => {
    const result: T[] = [];
    const queryOptions = select ? { filter, select: [...select] } : { filter };
    for await (const entity of client.listEntities<E>({ queryOptions })) {
      result.push(map(entity as QueriedEntity<E>));
    }
    return result;
  });
}
