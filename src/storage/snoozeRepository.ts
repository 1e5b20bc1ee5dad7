import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { formatRef } from '../domain/refs';
import type { CivilDate } from '../domain/types';
import { listAll } from './query';
import { getEntityOrNull, guarded } from './errorHelpers';
import { ConflictError, NotFoundError } from './errors';
import { padNumber, prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { etagOfOperation } from './transactions';

/*
 * Layout of the `snoozes` table. PartitionKey = tenant id:
 *   snooze|<ref>          the action's current pause of reminders: until, who, why, when
 *   log|<ref>|<at>|<n>    every pause ever set, append-only: auditors ask who paused a reminder and why
 * Both are written in one transaction; the current row is replaced only with the ETag it was read with.
 */
const SNOOZE = 'snooze|';
const LOG = 'log|';

/** A pause of an action's reminders: none are sent before `until`. */
export interface Snooze {
  ref: number;
  /** The first day reminders may be sent again. */
  until: CivilDate;
  /** Entra object id of who paused. */
  by: string;
  reason: string | null;
  /** ISO instant the pause was set. */
  at: string;
}

/** A stored snooze with its ETag. */
export interface StoredSnooze extends Snooze {
  etag: string;
}

type SnoozeEntity = TableEntity<{ ref: number; until: string; by: string; reason: string; at: string }>;

/** Attempts at the current row when others keep replacing it. */
const MAX_ATTEMPTS = 10;

/** Pauses of reminders per action, with their history, in one Azure table. */
export class SnoozeRepository {
  constructor(private readonly client: TableClient) {}

  /**
   * Sets (or replaces) the pause of an action's reminders, and logs it, in one transaction.
   * @throws ConflictError when others kept replacing the pause at the same moment.
   */
  async upsertSnooze(tenantId: string, snooze: Snooze): Promise<StoredSnooze> {
    const partitionKey = tenantKey(tenantId);
    const current: SnoozeEntity = {
      partitionKey,
      rowKey: snoozeKey(snooze.ref),
      ref: snooze.ref,
      until: snooze.until,
      by: snooze.by,
      reason: snooze.reason ?? '',
      at: snooze.at,
    };
    checkEntityLimits(current, `Pausen för ${formatRef(snooze.ref)}`);
    for (let attempt = 1; ; attempt++) {
      const existing = await this.readSnooze(partitionKey, snooze.ref);
      // The attempt number keeps two pauses set in the same millisecond apart in the log.
      const log: SnoozeEntity = {
        ...current,
        rowKey: `${LOG}${padNumber(snooze.ref)}|${snooze.at}|${attempt}`,
      };
      const operations: TransactionAction[] = [
        existing ? ['update', current, 'Replace', { etag: existing.etag }] : ['create', current],
        ['create', log],
      ];
      try {
        const response = await guarded(`Pausen för ${formatRef(snooze.ref)}`, () =>
          this.client.submitTransaction(operations),
        );
        const etag = etagOfOperation(response, 0, operations.length);
        if (etag) return { ...snooze, reason: snooze.reason ?? null, etag };
        const stored = await this.getSnooze(tenantId, snooze.ref);
        if (stored) return stored;
        throw new NotFoundError(`Pausen för ${formatRef(snooze.ref)} försvann.`);
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** The action's current pause, or null when it was never paused. */
  async getSnooze(tenantId: string, ref: number): Promise<StoredSnooze | null> {
    const entity = await this.readSnooze(tenantKey(tenantId), ref);
    return entity ? toSnooze(entity) : null;
  }

  /** The current pauses of the tenant's actions, in reference order. */
  async listSnoozes(tenantId: string): Promise<StoredSnooze[]> {
    const partitionKey = tenantKey(tenantId);
    return this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${SNOOZE} and RowKey lt ${prefixEnd(SNOOZE)}`,
    );
  }

  /** Every pause ever set on the action, oldest first. */
  async listSnoozeHistory(tenantId: string, ref: number): Promise<StoredSnooze[]> {
    const partitionKey = tenantKey(tenantId);
    const prefix = `${LOG}${padNumber(ref)}|`;
    return this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`,
    );
  }

  private async query(filter: string): Promise<StoredSnooze[]> {
    return listAll<SnoozeEntity, StoredSnooze>(this.client, filter, toSnooze, 'Läsa pauser');
  }

  private async readSnooze(partitionKey: string, ref: number) {
    return getEntityOrNull<SnoozeEntity>(
      this.client,
      partitionKey,
      snoozeKey(ref),
      `Pausen för ${formatRef(ref)}`,
    );
  }
}

function snoozeKey(ref: number): string {
  return `${SNOOZE}${padNumber(ref)}`;
}

function toSnooze(entity: SnoozeEntity & { etag: string }): StoredSnooze {
  return {
    ref: entity.ref,
    until: entity.until,
    by: entity.by,
    reason: entity.reason || null,
    at: entity.at,
    etag: entity.etag,
  };
}
