import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { formatRecommendationRef } from '../domain/refs';
import type { TrackedRecommendation, VerdictEvent } from '../domain/types';
import { changeMarkerOperation } from './changeMarker';
import { getEntityOrNull, guarded, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { listAll, type QueriedEntity } from './query';
import { etagOfOperation, submitExpectingRows } from './transactions';
import {
  counterOperation,
  readRecommendationCounter,
  RECOMMENDATION,
  recommendationKey,
  recommendationRefKey,
  REFS_MIGRATED,
  toRefEntity,
  toTrackedRecommendation,
  toVerdict,
  VERDICT,
  verdictKey,
  verdictPrefix,
  type RecommendationEntity,
  type RecommendationRefEntity,
} from './recommendationRows';

/**
 * Recommendations given references by one transaction of the migration: each takes two operations, the counter
 * and the change marker one each.
 */
const MIGRATED_PER_TRANSACTION = 49;
/** Verdicts stored with one recommendation update: the transaction's 100 operations less the update and the marker. */
export const MAX_VERDICTS_PER_WRITE = 98;
/** Rounds of the migration before giving up when other processes keep taking the same rows. */
const MAX_MIGRATION_ROUNDS = 50;

/** A recommendation as stored, with the ETag to update it with. */
export interface StoredRecommendation {
  recommendation: TrackedRecommendation;
  etag: string;
}

/** Options for {@link RecommendationRepository.listRecommendations}. */
export interface ListRecommendationsOptions {
  /** Only this audit's. Default: every audit's. */
  auditId?: string;
}

/** Options for {@link RecommendationRepository.listVerdicts}. */
export interface ListVerdictsOptions {
  /** Only the verdicts of R-`ref`. Default: every recommendation's. */
  ref?: number;
}

type VerdictEntity = {
  partitionKey: string;
  rowKey: string;
  ref: number;
  seq: number;
  verdict: string;
  date: string;
  at: string;
  by: string;
  comment: string;
};

/**
 * The recommendations of each tenant with their references `R-<n>` and verdict histories, in the `audits` table
 * beside the audits (layout in recommendationRows.ts). Recommendations stored before references existed get theirs
 * on first use, once per tenant (see {@link ensureRefs}).
 */
export class RecommendationRepository {
  /** Tenants whose migration this instance has seen finished: it then costs nothing more. */
  private readonly migrated = new Set<string>();

  constructor(private readonly client: TableClient) {}

  /**
   * Gives every recommendation of the tenant that has no reference yet (stored before references existed) the
   * next free one, oldest audit first and in document order, then marks the tenant done. Idempotent and safe with
   * several processes at once: each transaction holds the counter and the rows it numbers, all with the ETags
   * they were read with, so of two processes numbering the same rows one wins and the other reads again.
   */
  async ensureRefs(tenantId: string): Promise<void> {
    const partitionKey = tenantKey(tenantId);
    if (this.migrated.has(partitionKey)) return;
    if (!(await this.exists(partitionKey, REFS_MIGRATED))) {
      await this.numberUnnumbered(partitionKey);
      await guarded('Markera referenserna', () =>
        this.client.createEntity({ partitionKey, rowKey: REFS_MIGRATED, at: new Date().toISOString() }),
      ).catch((error: unknown) => {
        // Another process finished first.
        if (!(error instanceof ConflictError)) throw error;
      });
    }
    this.migrated.add(partitionKey);
  }

  /**
   * The tenant's recommendations with their references, by audit and document order.
   */
  async listRecommendations(
    tenantId: string,
    options: ListRecommendationsOptions = {},
  ): Promise<TrackedRecommendation[]> {
    await this.ensureRefs(tenantId);
    const partitionKey = tenantKey(tenantId);
    const prefix = options.auditId === undefined ? RECOMMENDATION : `${RECOMMENDATION}${options.auditId}|`;
    const read = () =>
      listAll<RecommendationEntity, RecommendationEntity>(
        this.client,
        odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`,
        (entity) => entity,
        'Läsa rekommendationer',
      );
    let rows = await read();
    if (rows.some((row) => typeof row.ref !== 'number')) {
      // Written by a process that did not know references, after the migration: number those too.
      await this.numberUnnumbered(partitionKey);
      rows = await read();
    }
    return rows.map(toTrackedRecommendation).filter((rec): rec is TrackedRecommendation => rec !== null);
  }

  /**
   * Reads one recommendation by its reference.
   * @throws NotFoundError when the tenant has no R-`ref`.
   */
  async getRecommendation(tenantId: string, ref: number): Promise<StoredRecommendation> {
    await this.ensureRefs(tenantId);
    const partitionKey = tenantKey(tenantId);
    const what = formatRecommendationRef(ref);
    try {
      const index = await this.client.getEntity<RecommendationRefEntity>(
        partitionKey,
        recommendationRefKey(ref),
      );
      const entity = await this.client.getEntity<RecommendationEntity>(
        partitionKey,
        recommendationKey(index.auditId, index.position),
      );
      const recommendation = toTrackedRecommendation(entity);
      if (recommendation?.ref !== ref) throw new StorageError(`${what}: referensraden pekar fel.`);
      return { recommendation, etag: entity.etag };
    } catch (error) {
      const translated = translateError(error, what);
      if (translated instanceof NotFoundError) throw new NotFoundError(`${what} finns inte.`);
      throw translated;
    }
  }

  /** Verdicts, by recommendation reference and then oldest recorded first. */
  async listVerdicts(tenantId: string, options: ListVerdictsOptions = {}): Promise<VerdictEvent[]> {
    const partitionKey = tenantKey(tenantId);
    const prefix = options.ref === undefined ? VERDICT : verdictPrefix(options.ref);
    return listAll<VerdictEntity, VerdictEvent>(
      this.client,
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`,
      toVerdictEvent,
      'Läsa bedömningar',
    );
  }

  /**
   * Stores verdicts made by the domain with the recommendation they leave behind, in one transaction,
   * conditional on the ETag the recommendation was read with. The events must continue its history without a gap
   * and end at its new version.
   * @throws ConflictError when the recommendation changed since it was read (nothing is written).
   */
  async saveVerdicts(
    tenantId: string,
    recommendation: TrackedRecommendation,
    events: readonly VerdictEvent[],
    etag: string,
  ): Promise<StoredRecommendation> {
    const partitionKey = tenantKey(tenantId);
    const first = recommendation.version - events.length + 1;
    const consistent = events.every(
      (event, i) => event.ref === recommendation.ref && event.seq === first + i,
    );
    if (events.length === 0 || events.length > MAX_VERDICTS_PER_WRITE || !consistent) {
      throw new StorageError('Bedömningarna hör inte till rekommendationen.', { code: 'Unknown' });
    }
    const index = await this.client
      .getEntity<RecommendationRefEntity>(partitionKey, recommendationRefKey(recommendation.ref))
      .catch((error: unknown) => {
        throw translateError(error, formatRecommendationRef(recommendation.ref));
      });
    const { response, operations } = await submitExpectingRows(
      this.client,
      (write) => [
        [
          'update',
          {
            partitionKey,
            rowKey: recommendationKey(index.auditId, index.position),
            version: recommendation.version,
            latestVerdict: recommendation.latestVerdict ?? '',
            latestVerdictDate: recommendation.latestVerdictDate ?? '',
          },
          'Merge',
          { etag },
        ],
        ...events.map((event): TransactionAction => ['create', toVerdictEntity(partitionKey, event)]),
        changeMarkerOperation(partitionKey, write),
      ],
      formatRecommendationRef(recommendation.ref),
    );
    const etagAfter = etagOfOperation(response, 0, operations.length);
    if (etagAfter) return { recommendation, etag: etagAfter };
    return this.getRecommendation(tenantId, recommendation.ref);
  }

  private async numberUnnumbered(partitionKey: string): Promise<void> {
    for (let round = 1; ; round++) {
      const missing = await this.unnumbered(partitionKey);
      if (missing.length === 0) return;
      const batch = missing.slice(0, MIGRATED_PER_TRANSACTION);
      const counter = await readRecommendationCounter(this.client, partitionKey);
      const operations: TransactionAction[] = [
        counterOperation(partitionKey, counter, counter.next + batch.length),
      ];
      batch.forEach((row, i) => {
        const ref = counter.next + i;
        operations.push(
          ['update', { partitionKey, rowKey: row.rowKey, ref, version: 0 }, 'Merge', { etag: row.etag }],
          ['create', toRefEntity(partitionKey, row.auditId, row.position, ref)],
        );
      });
      operations.push(changeMarkerOperation(partitionKey));
      try {
        await guarded('Ge rekommendationer referenser', () => this.client.submitTransaction(operations));
      } catch (error) {
        // Another process numbered these rows or took these numbers: read again and go on with what is left.
        if (!(error instanceof ConflictError) || round >= MAX_MIGRATION_ROUNDS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 50));
      }
    }
  }

  /** Recommendation rows without a reference, oldest audit first (report date, then title), in document order. */
  private async unnumbered(partitionKey: string): Promise<QueriedEntity<RecommendationEntity>[]> {
    const rows = await listAll<RecommendationEntity, QueriedEntity<RecommendationEntity>>(
      this.client,
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${RECOMMENDATION} and RowKey lt ${prefixEnd(RECOMMENDATION)}`,
      (entity) => entity,
      'Läsa rekommendationer',
    );
    const missing = rows.filter((row) => typeof row.ref !== 'number');
    if (missing.length === 0) return [];
    const audits = await listAll<{ id: string; reportDate: string; title: string }, [string, string]>(
      this.client,
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${'audit|'} and RowKey lt ${prefixEnd('audit|')}`,
      (entity) => [entity.id, `${entity.reportDate}\n${entity.title}`],
      'Läsa granskningar',
      ['id', 'reportDate', 'title'],
    );
    const order = new Map(audits);
    return missing.sort(
      (a, b) =>
        (order.get(a.auditId) ?? '').localeCompare(order.get(b.auditId) ?? '') ||
        a.auditId.localeCompare(b.auditId) ||
        a.position - b.position,
    );
  }

  private async exists(partitionKey: string, rowKey: string): Promise<boolean> {
    return (await getEntityOrNull(this.client, partitionKey, rowKey, 'Läsa markering')) !== null;
  }
}

function toVerdictEntity(partitionKey: string, event: VerdictEvent): VerdictEntity {
  const entity: VerdictEntity = {
    partitionKey,
    rowKey: verdictKey(event.ref, event.seq),
    ref: event.ref,
    seq: event.seq,
    verdict: event.verdict,
    date: event.date,
    at: event.at,
    by: event.by,
    comment: event.comment ?? '',
  };
  checkEntityLimits(entity, `Bedömning av ${formatRecommendationRef(event.ref)}`);
  return entity;
}

function toVerdictEvent(entity: VerdictEntity): VerdictEvent {
  return {
    ref: entity.ref,
    seq: entity.seq,
    verdict: toVerdict(entity.verdict),
    date: entity.date,
    at: entity.at,
    by: entity.by,
    comment: entity.comment || null,
  };
}
