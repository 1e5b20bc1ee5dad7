import type { TableClient, TransactionAction } from '@azure/data-tables';
import { formatRecommendationRef } from '../domain/refs';
import { VERDICTS, type Recommendation, type TrackedRecommendation, type Verdict } from '../domain/types';
import { getEntityOrNull, guarded, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { padNumber } from './keys';
import { checkEntityLimits } from './limits';

/*
 * Rows of recommendations in the `audits` table (PartitionKey = tenant id), beside the audits:
 *   rec|<audit id>|<nnn>       a recommendation in document order, with its reference, version and latest verdict
 *   rref|<ref>                 R-<ref> -> audit id and position: the lookup by reference, and what keeps a
 *                              reference from being given twice (a create fails when the row exists)
 *   verdict|<ref>|<seq>        the append-only verdict history of one recommendation
 *   counter|recommendation     the next free reference number, updated with its ETag in the same transaction
 *                              that gives references out. Every reference given is below it.
 *   migration|recommendationRefs   written once every recommendation stored before references existed has one
 */
export const RECOMMENDATION = 'rec|';
export const RECOMMENDATION_REF = 'rref|';
export const VERDICT = 'verdict|';
export const RECOMMENDATION_COUNTER = 'counter|recommendation';
export const REFS_MIGRATED = 'migration|recommendationRefs';

/** A reference an import asked for is held by another recommendation. */
export class ReferenceTakenError extends ConflictError {
  override readonly name = 'ReferenceTakenError';
  constructor(
    readonly ref: number,
    options: { cause?: unknown } = {},
  ) {
    super(`${formatRecommendationRef(ref)} är redan given åt en annan rekommendation.`, options);
  }
}

/** Attempts at the counter before giving up when many writers race for it. */
const MAX_COUNTER_ATTEMPTS = 100;

/** A recommendation row. `ref` and `version` are missing on rows written before references existed. */
export type RecommendationEntity = {
  partitionKey: string;
  rowKey: string;
  auditId: string;
  id: string;
  position: number;
  text: string;
  committees: string;
  ref?: number;
  version?: number;
  latestVerdict?: string;
  latestVerdictDate?: string;
};

/** The row that maps a reference to its recommendation. */
export type RecommendationRefEntity = {
  partitionKey: string;
  rowKey: string;
  ref: number;
  auditId: string;
  position: number;
};

/** The row key of recommendation number `index` (0-based, document order) of an audit. */
export function recommendationKey(auditId: string, index: number): string {
  return `${RECOMMENDATION}${auditId}|${String(index).padStart(3, '0')}`;
}

/** The row key of the reference row of R-`ref`. */
export function recommendationRefKey(ref: number): string {
  return `${RECOMMENDATION_REF}${padNumber(ref)}`;
}

/** The prefix of the verdict rows of R-`ref`. */
export function verdictPrefix(ref: number): string {
  return `${VERDICT}${padNumber(ref)}|`;
}

/** The row key of verdict `seq` of R-`ref`. */
export function verdictKey(ref: number, seq: number): string {
  return `${verdictPrefix(ref)}${padNumber(seq)}`;
}

/** A new recommendation's row, with its reference and no verdict yet. */
export function toRecommendationEntity(
  partitionKey: string,
  auditId: string,
  rec: Recommendation,
  index: number,
  ref: number,
): RecommendationEntity {
  const entity: RecommendationEntity = {
    partitionKey,
    rowKey: recommendationKey(auditId, index),
    auditId,
    id: rec.id,
    position: index,
    text: rec.text,
    committees: JSON.stringify(rec.committees),
    ref,
    version: 0,
    latestVerdict: '',
    latestVerdictDate: '',
  };
  checkEntityLimits({ ...entity }, `Rekommendation ${rec.id}`);
  return entity;
}

/** The reference row of a recommendation. */
export function toRefEntity(
  partitionKey: string,
  auditId: string,
  index: number,
  ref: number,
): RecommendationRefEntity {
  return { partitionKey, rowKey: recommendationRefKey(ref), ref, auditId, position: index };
}

/** A recommendation row as the domain sees it; null for a row that has no reference yet. */
export function toTrackedRecommendation(entity: RecommendationEntity): TrackedRecommendation | null {
  if (typeof entity.ref !== 'number') return null;
  return {
    ref: entity.ref,
    auditId: entity.auditId,
    recommendationId: entity.id,
    text: entity.text,
    committees: parseNames(entity.committees),
    version: entity.version ?? 0,
    latestVerdict: entity.latestVerdict ? toVerdict(entity.latestVerdict) : null,
    latestVerdictDate: entity.latestVerdictDate || null,
  };
}

/** A stored verdict name checked against the known ones. */
export function toVerdict(value: string): Verdict {
  const verdict = VERDICTS.find((v) => v === value);
  if (!verdict) throw new StorageError(`Okänd bedömning i lagringen: ${value}`);
  return verdict;
}

/** A JSON list of names as stored in `committees`. */
export function parseNames(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new StorageError('Skadad rad i granskningstabellen: förväntade en lista med namn.');
  }
  return value;
}

/** The recommendation reference counter as read, with its ETag (null before the first reference). */
export async function readRecommendationCounter(
  client: TableClient,
  partitionKey: string,
): Promise<{ next: number; etag: string | null }> {
  const entity = await getEntityOrNull<{ next: number }>(
    client,
    partitionKey,
    RECOMMENDATION_COUNTER,
    'Referensräknaren för rekommendationer',
  );
  return entity ? { next: entity.next, etag: entity.etag } : { next: 1, etag: null };
}

/** The operation that moves the counter to `next`, conditional on the ETag it was read with. */
export function counterOperation(
  partitionKey: string,
  counter: { etag: string | null },
  next: number,
): TransactionAction {
  const entity = { partitionKey, rowKey: RECOMMENDATION_COUNTER, next };
  return counter.etag ? ['update', entity, 'Replace', { etag: counter.etag }] : ['create', entity];
}

/**
 * Gives out references for `requested.length` new recommendations and submits them in one transaction with the
 * counter: `requested[i]` is kept when given (an import's `"ref": "R-12"`), the others get the next free numbers.
 * The counter ends past every number given, so a kept number is never handed out again; a kept number below it
 * is free only when no reference row has it, which the transaction's create of that row checks.
 * `build` makes the transaction's other operations from the references.
 * @throws ReferenceTakenError when a requested one is taken; rethrows other conflicts (the
 *   recommendation's or audit's own rows exist) when the counter did not move.
 */
export async function submitWithRefs(
  client: TableClient,
  partitionKey: string,
  requested: readonly (number | null)[],
  build: (refs: number[]) => TransactionAction[],
  what: string,
): Promise<number[]> {
  for (let attempt = 1; ; attempt++) {
    const counter = await readRecommendationCounter(client, partitionKey);
    const kept = new Set(requested.filter((ref): ref is number => ref !== null));
    let candidate = counter.next;
    const refs = requested.map((ref) => {
      if (ref !== null) return ref;
      while (kept.has(candidate)) candidate++;
      return candidate++;
    });
    const next = Math.max(candidate, ...refs.map((ref) => ref + 1));
    const operations: TransactionAction[] = [counterOperation(partitionKey, counter, next), ...build(refs)];
    try {
      await guarded(what, () => client.submitTransaction(operations));
      return refs;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const now = await readRecommendationCounter(client, partitionKey);
      if (now.etag === counter.etag) {
        const taken = await firstTaken(client, partitionKey, [...kept]);
        if (taken !== null) {
          throw new ReferenceTakenError(taken, { cause: error });
        }
        throw error;
      }
      if (attempt >= MAX_COUNTER_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * attempt)));
    }
  }
}

/** The first of `refs` that a reference row already has, or null. */
export async function firstTaken(
  client: TableClient,
  partitionKey: string,
  refs: readonly number[],
): Promise<number | null> {
  for (const ref of refs) {
    try {
      await client.getEntity(partitionKey, recommendationRefKey(ref));
      return ref;
    } catch (error) {
      const translated = translateError(error, formatRecommendationRef(ref));
      if (!(translated instanceof NotFoundError)) throw translated;
    }
  }
  return null;
}
