/*
 * Preloaded (`--require`) into the Azurite process that generates the benchmark's data set, and only there.
 *
 * Azurite 3.35 finds an entity by key with LokiJS `findOne({ PartitionKey, RowKey })`. LokiJS uses the binary index of
 * the first property only and filters the rest one row at a time, so every insert and point read scans the whole
 * partition, and all of a tenant's actions share one partition: writing 20,000 actions (89,000 rows) takes Azurite
 * some 20 minutes. Asking for the same conjunction with RowKey first lets LokiJS use the RowKey index, which narrows
 * the search to a row or two. The result is the same row, so Azurite stores exactly what it would have stored,
 * through its own request handling; only the time changes.
 *
 * The benchmark's measurements run against an Azurite without this file (only azuriteSaveAtExit.ts, which moves its
 * autosave), so every request they make is answered as the emulator ships.
 */
import { azuriteLoki } from './azuriteLoki';

interface LokiCollectionPrototype {
  findOne(this: unknown, query?: Record<string, unknown>): unknown;
}

const { Collection } = azuriteLoki() as { Collection: { prototype: LokiCollectionPrototype } };
const findOne = Collection.prototype.findOne;

Collection.prototype.findOne = function (query) {
  if (query && Object.keys(query).length === 2 && 'PartitionKey' in query && 'RowKey' in query) {
    return findOne.call(this, { RowKey: query.RowKey, PartitionKey: query.PartitionKey });
  }
  return findOne.call(this, query);
};
