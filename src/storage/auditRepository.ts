import { createHash } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { distinctCommittees } from '../domain/committees';
import type { Audit, CommitteeDate, Recommendation } from '../domain/types';
import { changeMarkerOperation } from './changeMarker';
import { listAll } from './query';
import { getEntityOrNull, guarded } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { RecommendationRepository } from './recommendationRepository';
import {
  parseNames,
  RECOMMENDATION,
  recommendationKey,
  recommendationRefKey,
  ReferenceTakenError,
  submitWithRefs,
  toRecommendationEntity,
  toRefEntity,
  verdictPrefix,
  type RecommendationEntity,
} from './recommendationRows';

/*
 * Layout of the `audits` table, PartitionKey = tenant id:
 *   audit|<id>            the audit (committees and dates as JSON)
 *   rec|<id>|<nnn>        its recommendations in document order (more rows of theirs: recommendationRows.ts)
 *   akey|<natural key>    diary number (or title + report date) -> id: one audit is never stored twice, even
 *                         when the same file is imported twice at the same moment
 *   change|marker         moved by every transaction here, for caches of the tenant's data (changeMarker.ts)
 */
const AUDIT = 'audit|';
const NATURAL_KEY = 'akey|';

/**
 * An audit's rows must fit in one transaction (100 operations): the audit, its key, the reference counter, the
 * change marker, and per recommendation its row and its reference row. Real audits have a handful; 48 is far
 * above any seen.
 */
export const MAX_RECOMMENDATIONS = 48;

/** Options for {@link AuditRepository.createAudit} and {@link AuditRepository.addRecommendations}. */
export interface RecommendationRefOptions {
  /** Per recommendation, the reference number to keep (an import's `"ref": "R-12"`), or null for the next free. */
  refs?: readonly (number | null)[];
}

type AuditEntity = {
  partitionKey: string;
  rowKey: string;
  id: string;
  title: string;
  auditor: string;
  reportDate: string;
  diaryNumber: string;
  committees: string;
  responseDue: string;
  boardFeedback: string;
};

/** Audits and their recommendations, one transaction per audit. */
export class AuditRepository {
  /** The recommendations' references and verdicts, in the same table. */
  readonly recommendations: RecommendationRepository;

  constructor(private readonly client: TableClient) {
    this.recommendations = new RecommendationRepository(client);
  }

  /**
   * Stores a new audit with its recommendations, atomically, giving each recommendation its reference `R-<n>`
   * in the same transaction (see {@link submitWithRefs}).
   * @throws ConflictError when an audit with the same natural key (see {@link auditNaturalKey}) exists;
   *   ReferenceTakenError when a requested reference belongs to another recommendation.
   */
  async createAudit(tenantId: string, audit: Audit, options: RecommendationRefOptions = {}): Promise<Audit> {
    const partitionKey = tenantKey(tenantId);
    if (audit.recommendations.length > MAX_RECOMMENDATIONS) {
      throw new StorageError(`En granskning kan ha högst ${MAX_RECOMMENDATIONS} rekommendationer.`, {
        code: 'TooLarge',
      });
    }
    const requested = audit.recommendations.map((_, index) => options.refs?.[index] ?? null);
    try {
      await submitWithRefs(
        this.client,
        partitionKey,
        requested,
        (refs) => [
          ['create', toAuditEntity(partitionKey, audit)],
          ['create', { partitionKey, rowKey: naturalKeyRow(audit), auditId: audit.id }],
          ...recommendationOperations(partitionKey, audit.id, audit.recommendations, 0, refs),
          changeMarkerOperation(partitionKey),
        ],
        `Granskningen "${audit.title}"`,
      );
    } catch (error) {
      if (error instanceof ConflictError && !(error instanceof ReferenceTakenError)) {
        throw new ConflictError(`Granskningen "${audit.title}" finns redan.`, { cause: error });
      }
      throw error;
    }
    return audit;
  }

  /**
   * Reads one audit with its recommendations.
   * @throws NotFoundError
   */
  async getAudit(tenantId: string, id: string): Promise<Audit> {
    const partitionKey = tenantKey(tenantId);
    const prefix = `${RECOMMENDATION}${id}|`;
    // Both reads at once: a card waits for this.
    const [entity, recs] = await Promise.all([
      guarded(`Granskningen ${id}`, () =>
        this.client.getEntity<AuditEntity>(partitionKey, `${AUDIT}${id}`),
      ).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new NotFoundError(`Granskningen ${id} finns inte.`);
        throw error;
      }),
      this.query<RecommendationEntity>(
        odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`,
      ),
    ]);
    return toAudit(entity, recs);
  }

  /** The id of the audit with the same natural key as `audit`, or null. */
  async findAuditId(
    tenantId: string,
    audit: Pick<Audit, 'diaryNumber' | 'title' | 'reportDate'>,
  ): Promise<string | null> {
    const partitionKey = tenantKey(tenantId);
    const entity = await getEntityOrNull<{ auditId: string }>(
      this.client,
      partitionKey,
      naturalKeyRow(audit),
      'Sök granskning',
    );
    return entity?.auditId ?? null;
  }

  /** Every audit of the tenant with its recommendations, in no particular order. */
  async listAudits(tenantId: string): Promise<Audit[]> {
    const partitionKey = tenantKey(tenantId);
    const [audits, recs] = await Promise.all([
      this.query<AuditEntity>(
        odata`PartitionKey eq ${partitionKey} and RowKey ge ${AUDIT} and RowKey lt ${prefixEnd(AUDIT)}`,
      ),
      this.query<RecommendationEntity>(
        odata`PartitionKey eq ${partitionKey} and RowKey ge ${RECOMMENDATION} and RowKey lt ${prefixEnd(RECOMMENDATION)}`,
      ),
    ]);
    const byAudit = new Map<string, RecommendationEntity[]>();
    for (const rec of recs) byAudit.set(rec.auditId, [...(byAudit.get(rec.auditId) ?? []), rec]);
    return audits.map((entity) => toAudit(entity, byAudit.get(entity.id) ?? []));
  }

  /**
   * The committees the tenant's audits are addressed to, each once, in Swedish alphabetical order. Reads only the
   * audit rows' `committees` column: an action's committee is always one of its audit's (the importer checks it),
   * so this answers "does this committee exist" without reading a single action.
   */
  async listCommittees(tenantId: string): Promise<string[]> {
    const partitionKey = tenantKey(tenantId);
    const lists = await listAll<Pick<AuditEntity, 'committees'>, string[]>(
      this.client,
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${AUDIT} and RowKey lt ${prefixEnd(AUDIT)}`,
      (entity) => parseNames(entity.committees),
      'Läsa nämnder',
      ['committees'],
    );
    return distinctCommittees(lists.flat());
  }

  /**
   * Appends recommendations to a stored audit (an import file that gained one), atomically, each with its
   * reference.
   * @throws ConflictError when another writer appended at the same time; ReferenceTakenError when a requested
   *   reference belongs to another recommendation.
   */
  async addRecommendations(
    tenantId: string,
    audit: Audit,
    added: readonly Recommendation[],
    options: RecommendationRefOptions = {},
  ): Promise<Audit> {
    const partitionKey = tenantKey(tenantId);
    const start = audit.recommendations.length;
    if (start + added.length > MAX_RECOMMENDATIONS) {
      throw new StorageError(`En granskning kan ha högst ${MAX_RECOMMENDATIONS} rekommendationer.`, {
        code: 'TooLarge',
      });
    }
    if (added.length > 0) {
      await submitWithRefs(
        this.client,
        partitionKey,
        added.map((_, index) => options.refs?.[index] ?? null),
        (refs) => [
          ...recommendationOperations(partitionKey, audit.id, added, start, refs),
          changeMarkerOperation(partitionKey),
        ],
        `Granskningen "${audit.title}"`,
      );
    }
    return { ...audit, recommendations: [...audit.recommendations, ...added] };
  }

  /**
   * Removes the last `count` recommendations of an audit with their reference rows and verdicts; used to undo
   * a failed import that added them (the verdicts are the ones that import carried).
   */
  async removeRecommendations(tenantId: string, audit: Audit, count: number): Promise<void> {
    const partitionKey = tenantKey(tenantId);
    const total = audit.recommendations.length;
    const rowKeys = Array.from({ length: count }, (_, i) => recommendationKey(audit.id, total - count + i));
    await this.deleteRows(partitionKey, await this.withDependents(partitionKey, audit.id, rowKeys), audit.id);
  }

  /**
   * Deletes an audit with its recommendations, their reference rows and verdicts, and its key; used to undo a
   * failed import. The audit row goes last, so an interrupted undo can be repeated.
   */
  async deleteAudit(tenantId: string, audit: Audit): Promise<void> {
    const partitionKey = tenantKey(tenantId);
    const rowKeys = audit.recommendations.map((_, index) => recommendationKey(audit.id, index));
    const dependents = await this.withDependents(partitionKey, audit.id, rowKeys);
    await this.deleteRows(
      partitionKey,
      [...dependents, naturalKeyRow(audit), `${AUDIT}${audit.id}`],
      audit.id,
    );
  }

  /** The rows of `recKeys` with each one's reference row and verdict rows, for deleting them. */
  private async withDependents(
    partitionKey: string,
    auditId: string,
    recKeys: readonly string[],
  ): Promise<string[]> {
    const prefix = `${RECOMMENDATION}${auditId}|`;
    const rows = await this.query<RecommendationEntity>(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`,
    );
    const wanted = new Set(recKeys);
    const keys: string[] = [];
    for (const row of rows.filter((r) => wanted.has(r.rowKey))) {
      if (typeof row.ref === 'number') {
        const verdicts = verdictPrefix(row.ref);
        const events = await this.query<{ rowKey: string }>(
          odata`PartitionKey eq ${partitionKey} and RowKey ge ${verdicts} and RowKey lt ${prefixEnd(verdicts)}`,
        );
        keys.push(...events.map((event) => event.rowKey), recommendationRefKey(row.ref));
      }
      keys.push(row.rowKey);
    }
    return keys;
  }

  private async deleteRows(partitionKey: string, rowKeys: readonly string[], auditId: string): Promise<void> {
    // At most 99 deletes a transaction, and the change marker.
    for (let i = 0; i < rowKeys.length; i += 99) {
      const operations = [
        ...rowKeys.slice(i, i + 99).map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]),
        changeMarkerOperation(partitionKey),
      ];
      await guarded(`Ta bort granskningen ${auditId}`, () => this.client.submitTransaction(operations));
    }
  }

  private async query<E extends object>(filter: string): Promise<E[]> {
    return listAll<E, E>(this.client, filter, (entity) => entity, 'Läsa granskningar');
  }
}

/**
 * What makes two audits the same (docs/import-format.md): the diary number when there is one, else title and report date.
 * Case and spacing do not count.
 */
export function auditNaturalKey(audit: Pick<Audit, 'diaryNumber' | 'title' | 'reportDate'>): string {
  const fold = (text: string): string => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return audit.diaryNumber
    ? `dnr\n${fold(audit.diaryNumber)}`
    : `title\n${fold(audit.title)}\n${audit.reportDate}`;
}

function naturalKeyRow(audit: Pick<Audit, 'diaryNumber' | 'title' | 'reportDate'>): string {
  return `${NATURAL_KEY}${createHash('sha256').update(auditNaturalKey(audit)).digest('hex')}`;
}

function recommendationOperations(
  partitionKey: string,
  auditId: string,
  recommendations: readonly Recommendation[],
  start: number,
  refs: readonly number[],
): TransactionAction[] {
  return recommendations.flatMap((rec, i): TransactionAction[] => {
    const ref = refs[i] ?? 0;
    return [
      ['create', toRecommendationEntity(partitionKey, auditId, rec, start + i, ref)],
      ['create', toRefEntity(partitionKey, auditId, start + i, ref)],
    ];
  });
}

function toAuditEntity(partitionKey: string, audit: Audit): AuditEntity {
  const entity: AuditEntity = {
    partitionKey,
    rowKey: `${AUDIT}${audit.id}`,
    id: audit.id,
    title: audit.title,
    auditor: audit.auditor,
    reportDate: audit.reportDate,
    diaryNumber: audit.diaryNumber ?? '',
    committees: JSON.stringify(audit.committees),
    responseDue: JSON.stringify(audit.responseDue),
    boardFeedback: JSON.stringify(audit.boardFeedback),
  };
  checkEntityLimits({ ...entity }, `Granskningen "${audit.title}"`);
  return entity;
}

function toAudit(entity: AuditEntity, recs: readonly RecommendationEntity[]): Audit {
  return {
    id: entity.id,
    title: entity.title,
    auditor: entity.auditor,
    reportDate: entity.reportDate,
    diaryNumber: entity.diaryNumber || null,
    committees: parseNames(entity.committees),
    responseDue: parseDates(entity.responseDue),
    boardFeedback: parseDates(entity.boardFeedback),
    recommendations: [...recs]
      .sort((a, b) => a.position - b.position)
      .map((rec) => ({ id: rec.id, text: rec.text, committees: parseNames(rec.committees) })),
  };
}

function parseDates(json: string): CommitteeDate[] {
  const value: unknown = JSON.parse(json);
  const ok =
    Array.isArray(value) &&
    value.every(
      (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as Record<string, unknown>).committee === 'string' &&
        typeof (item as Record<string, unknown>).due === 'string',
    );
  if (!ok) throw new StorageError('Skadad rad i granskningstabellen: förväntade nämnder med datum.');
  return value as CommitteeDate[];
}
