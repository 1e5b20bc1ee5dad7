import { randomUUID } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { translateError } from './errorHelpers';
import { NotFoundError } from './errors';
import { tenantKey } from './keys';
import type { ExpectedRowWrite } from './transactions';

/*
 * The change marker: one tiny row in a tenant's partition of the `actions` table and one in its partition of the
 * `audits` table, rewritten with a new random stamp by every transaction that changes what the dashboard shows
 * (actions and their history, audits, recommendations and their references, verdicts). Being in the same partition
 * as those rows, it is written in the same transaction: a change and its marker are stored together or not at all,
 * so no crash can leave a change that the marker does not show. Whoever caches a tenant's data (the tab's
 * snapshots) reads the two markers with two point reads, before reading the data, and reads the data again only
 * when a marker moved.
 *
 * The stamp is random rather than the ETag: the ETag is a timestamp, and two writes in the same instant must still
 * give two stamps. No query reads the row by accident: every range in both tables begins with another prefix.
 */

/** RowKey of the marker in both tables. */
export const CHANGE_MARKER_KEY = 'change|marker';

/**
 * The operation that moves the marker, for a transaction in the tenant's partition (`partitionKey`): by default an
 * upsert, which also creates it; `update` for the frequent changes that expect it (see submitExpectingRows in
 * transactions.ts).
 */
export function changeMarkerOperation(
  partitionKey: string,
  write: ExpectedRowWrite = 'upsert',
): TransactionAction {
  return [write, { partitionKey, rowKey: CHANGE_MARKER_KEY, stamp: randomUUID() }, 'Replace'];
}

/** The tables that carry a marker. */
export interface ChangeMarkerTables {
  actions: TableClient;
  audits: TableClient;
}

/** Reads a tenant's change markers: what a cache compares to decide whether its copy is still the tenant's data. */
export class ChangeMarkers {
  constructor(private readonly tables: ChangeMarkerTables) {}

  /**
   * The tenant's current marker: the two stamps in one string (`-` for a table whose marker was never written).
   * Two reads at the same point in the tenant's history give the same string; any write between them changes it.
   */
  async getChangeMarker(tenantId: string): Promise<string> {
    const partitionKey = tenantKey(tenantId);
    const [actions, audits] = await Promise.all([
      this.stampOf(this.tables.actions, partitionKey),
      this.stampOf(this.tables.audits, partitionKey),
    ]);
    return `${actions}/${audits}`;
  }

  private async stampOf(client: TableClient, partitionKey: string): Promise<string> {
    try {
      const entity = await client.getEntity<{ stamp: string }>(partitionKey, CHANGE_MARKER_KEY, {
        queryOptions: { select: ['stamp'] },
      });
      return entity.stamp;
    } catch (error) {
      const translated = translateError(error, 'Ändringsmarkören');
      if (translated instanceof NotFoundError) return '-';
      throw translated;
    }
  }
}
