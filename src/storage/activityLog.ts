import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { translateError } from './errorHelpers';
import { ConflictError } from './errors';
import { tenantKey } from './keys';

/*
 * Layout of the `activities` table: PartitionKey = tenant id, RowKey = a hash of conversation id and activity id.
 * Teams redelivers an activity it got no answer to within 15 s, with the same id; the row makes the second
 * delivery a no-op.
 */

/** Which incoming activities have been taken on, so each is processed once. */
export class ActivityLog {
  constructor(private readonly client: TableClient) {}

  /**
   * Claims an incoming activity for processing: true the first time, false for a redelivery of the same one.
   * Only the create's own 409 means "seen before"; every other failure is thrown.
   */
  async claimActivity(
    tenantId: string,
    conversationId: string,
    activityId: string,
    now: Date,
  ): Promise<boolean> {
    const partitionKey = tenantKey(tenantId);
    const rowKey = createHash('sha256').update(`${conversationId}\n${activityId}`).digest('hex');
    try {
      await this.client.createEntity({ partitionKey, rowKey, receivedAt: now.toISOString() });
      return true;
    } catch (error) {
      const translated = translateError(error, 'Registrera aktivitet');
      if (translated instanceof ConflictError) return false;
      throw translated;
    }
  }
}
