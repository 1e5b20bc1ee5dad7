import { createHash } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { distinctCommittees } from '../domain/committees';
import type { Audit, CommitteeDate, Recommendation } from '../domain/types';
import { listAll } from './query';
import { guarded, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';

/*
 * Layout of the `audits` table, PartitionKey = tenant id:
 *   audit|<id>            the audit (committees and dates as JSON)
 *   rec|<id>|<nnn>        its recommendations in document order
 *   akey|<natural key>    diary number (or title + report date) -> id: one audit is never stored twice, even
 *                         when the same file is imported twice at the same moment
 */
const AUDIT = 'audit|';
const RECOMMENDATION = 'rec|';
const NATURAL_KEY = 'akey|';

/** An audit's rows must fit in one transaction (100 operations): the audit, its key and its recommendations. */
export const MAX_RECOMMENDATIONS = 98;

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

type RecommendationEntity = {
  partitionKey: string;
  rowKey: string;
  auditId: string;
  id: string;
  position: number;
  text: string;
  committees: string;
};

/** Audits and their recommendations, one transaction per audit. */
export class AuditRepository {
  constructor(private readonly client: TableClient) {}

  /**
   * Stores a new audit with its recommendations, atomically.
   * @throws ConflictError when an audit with the same natural key (see {@link auditNaturalKey}) exists.
   */
  async createAudit(tenantId: string, audit: Audit): Promise<Audit> {
    const partitionKey = tenantKey(tenantId);
    if (audit.recommendations.length > MAX_RECOMMENDATIONS) {
      throw new StorageError(`En granskning kan ha högst ${MAX_RECOMMENDATIONS} rekommendationer.`, {
        code: 'TooLarge',
      });
    }
    const operations: TransactionAction[] = [
      ['create', toAuditEntity(partitionKey, audit)],
      ['create', { partitionKey, rowKey: naturalKeyRow(audit), auditId: audit.id }],
      ...audit.recommendations.map((rec, index): TransactionAction => [
        'create',
        toRecommendationEntity(partitionKey, audit.id, rec, index),
      ]),
    ];
    try {
      await this.client.submitTransaction(operations);
    } catch (error) {
      const translated = translateError(error, `Granskningen "${audit.title}"`);
      if (translated instanceof ConflictError) {
        throw new ConflictError(`Granskningen "${audit.title}" finns redan.`, { cause: error });
      }
      throw translated;
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
    try {
      const entity = await this.client.getEntity<{ auditId: string }>(partitionKey, naturalKeyRow(audit));
      return entity.auditId;
    } catch (error) {
      const translated = translateError(error, 'Sök granskning');
      if (translated instanceof NotFoundError) return null;
      throw translated;
    }
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
      (entity) => parseStrings(entity.committees),
      'Läsa nämnder',
      ['committees'],
    );
    return distinctCommittees(lists.flat());
  }

  /**
   * Appends recommendations to a stored audit (an import file that gained one), atomically.
   * @throws ConflictError when another writer appended at the same time.
   */
  async addRecommendations(tenantId: string, audit: Audit, added: readonly Recommendation[]): Promise<Audit> {
    const partitionKey = tenantKey(tenantId);
    const start = audit.recommendations.length;
    if (start + added.length > MAX_RECOMMENDATIONS) {
      throw new StorageError(`En granskning kan ha högst ${MAX_RECOMMENDATIONS} rekommendationer.`, {
        code: 'TooLarge',
      });
    }
    const operations = added.map((rec, index): TransactionAction => [
      'create',
      toRecommendationEntity(partitionKey, audit.id, rec, start + index),
    ]);
    if (operations.length > 0) {
      await guarded(`Granskningen "${audit.title}"`, () => this.client.submitTransaction(operations));
    }
    return { ...audit, recommendations: [...audit.recommendations, ...added] };
  }

  /** Removes recommendations added by {@link addRecommendations}; used to undo a failed import. */
  async removeRecommendations(tenantId: string, audit: Audit, count: number): Promise<void> {
    const partitionKey = tenantKey(tenantId);
    const total = audit.recommendations.length;
    const operations = Array.from({ length: count }, (_, i): TransactionAction => [
      'delete',
      { partitionKey, rowKey: recommendationKey(audit.id, total - count + i) },
    ]);
    if (operations.length > 0) {
      await guarded(`Granskningen "${audit.title}"`, () => this.client.submitTransaction(operations));
    }
  }

  /** Deletes an audit with its recommendations and key, atomically; used to undo a failed import. */
  async deleteAudit(tenantId: string, audit: Audit): Promise<void> {
    const partitionKey = tenantKey(tenantId);
    const operations: TransactionAction[] = [
      ['delete', { partitionKey, rowKey: `${AUDIT}${audit.id}` }],
      ['delete', { partitionKey, rowKey: naturalKeyRow(audit) }],
      ...audit.recommendations.map((_, index): TransactionAction => [
        'delete',
        { partitionKey, rowKey: recommendationKey(audit.id, index) },
      ]),
    ];
    await guarded(`Ta bort granskningen ${audit.id}`, () => this.client.submitTransaction(operations));
  }

  private async query<E extends object>(filter: string): Promise<E[]> {
    return listAll<E, E>(this.client, filter, (entity) => entity, 'Läsa granskningar');
  }
}

/**
 * What makes two audits the same (contract.md): the diary number when there is one, else title and report date.
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

function recommendationKey(auditId: string, index: number): string {
  return `${RECOMMENDATION}${auditId}|${String(index).padStart(3, '0')}`;
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

function toRecommendationEntity(
  partitionKey: string,
  auditId: string,
  rec: Recommendation,
  index: number,
): RecommendationEntity {
  const entity: RecommendationEntity = {
    partitionKey,
    rowKey: recommendationKey(auditId, index),
    auditId,
    id: rec.id,
    position: index,
    text: rec.text,
    committees: JSON.stringify(rec.committees),
  };
  checkEntityLimits({ ...entity }, `Rekommendation ${rec.id}`);
  return entity;
}

function toAudit(entity: AuditEntity, recs: readonly RecommendationEntity[]): Audit {
  return {
    id: entity.id,
    title: entity.title,
    auditor: entity.auditor,
    reportDate: entity.reportDate,
    diaryNumber: entity.diaryNumber || null,
    committees: parseStrings(entity.committees),
    responseDue: parseDates(entity.responseDue),
    boardFeedback: parseDates(entity.boardFeedback),
    recommendations: [...recs]
      .sort((a, b) => a.position - b.position)
      .map((rec) => ({ id: rec.id, text: rec.text, committees: parseStrings(rec.committees) })),
  };
}

function parseStrings(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new StorageError('Skadad rad i granskningstabellen: förväntade en lista med namn.');
  }
  return value;
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
