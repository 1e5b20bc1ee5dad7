import type { TableClient, TableEntity } from '@azure/data-tables';
import { getEntityOrNull, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { encodeKeyPart, tenantKey } from './keys';
import { checkEntityLimits } from './limits';

/*
 * Layout of the `leases` table. PartitionKey = tenant id:
 *   lease|<name>    who runs the job `name` (e.g. `remind`, `digest`) for the tenant now, and until when. Created to
 *                   take it (a second create gets 409: taken), renewed with its ETag, deleted with its ETag to release.
 *                   An expired lease (its holder died) is taken over with the ETag it was read with, so of two
 *                   instances that both see it expired, one wins.
 *   run|<name>      the last slot the job completed: how a restart knows whether a pass was missed (catch-up once)
 * Expiry is compared with the reader's clock: keep the duration far above any clock skew and above a pass.
 */
const LEASE = 'lease|';
const RUN = 'run|';

/** A lease held by this instance, with the ETag that proves it. */
export interface Lease {
  tenantId: string;
  name: string;
  /** Who holds it: an id of the instance (host and process). */
  holder: string;
  acquiredAt: string;
  expiresAt: string;
  etag: string;
}

/** The last completed run of a job, with the ETag to record the next one with. */
export interface LastRun {
  /** ISO instant of the slot the run was for. */
  slot: string;
  completedAt: string;
  etag: string;
}

/** How long a lease lasts and the clock it is measured by. */
export interface LeaseOptions {
  now: Date;
  /** Lease duration in ms: longer than a pass, with room for the renewals it makes. */
  durationMs: number;
}

type LeaseEntity = TableEntity<{ holder: string; acquiredAt: string; expiresAt: string }>;
type RunEntity = TableEntity<{ slot: string; completedAt: string }>;

/** Leases that let one instance at a time run a scheduled job per tenant, and the job's last completed run. */
export class LeaseRepository {
  constructor(private readonly client: TableClient) {}

  /**
   * Takes the lease `name` for `holder`, if nobody holds it or the holder let it expire.
   * @returns the lease, or null when another holder has it (an ordinary answer: that instance runs the job).
   */
  async acquireLease(
    tenantId: string,
    name: string,
    holder: string,
    options: LeaseOptions,
  ): Promise<Lease | null> {
    const partitionKey = tenantKey(tenantId);
    const entity = leaseEntity(partitionKey, name, holder, options);
    try {
      const response = await this.client.createEntity(entity);
      return toLease(tenantId, name, entity, response.etag);
    } catch (error) {
      const translated = translateError(error, `Lånet ${name}`);
      if (!(translated instanceof ConflictError)) throw translated;
    }
    const current = await this.readLease(partitionKey, name);
    // Deleted between our create and read: the next tick tries again rather than racing here.
    if (!current) return null;
    if (Date.parse(current.expiresAt) > options.now.getTime()) return null;
    try {
      const response = await this.client.updateEntity(entity, 'Replace', { etag: current.etag });
      return toLease(tenantId, name, entity, response.etag);
    } catch (error) {
      const translated = translateError(error, `Lånet ${name}`);
      // Someone else took over the expired lease first (412), or released it (404).
      if (translated instanceof ConflictError || translated instanceof NotFoundError) return null;
      throw translated;
    }
  }

  /**
   * Extends a lease this instance holds.
   * @throws ConflictError when the lease was taken over or released meanwhile: the caller must stop its work.
   */
  async renewLease(lease: Lease, options: LeaseOptions): Promise<Lease> {
    const partitionKey = tenantKey(lease.tenantId);
    const entity = leaseEntity(partitionKey, lease.name, lease.holder, options);
    entity.acquiredAt = lease.acquiredAt;
    try {
      const response = await this.client.updateEntity(entity, 'Replace', { etag: lease.etag });
      return toLease(lease.tenantId, lease.name, entity, response.etag);
    } catch (error) {
      const translated = translateError(error, `Lånet ${lease.name}`);
      if (translated instanceof ConflictError || translated instanceof NotFoundError) {
        throw new ConflictError(`Lånet ${lease.name} har tagits över av någon annan.`, { cause: error });
      }
      throw translated;
    }
  }

  /**
   * Gives a lease back so another instance can run the job at once rather than after expiry.
   * @returns true when released; false when it was no longer this holder's (taken over or gone), which is
   * what releasing wanted anyway.
   */
  async releaseLease(lease: Lease): Promise<boolean> {
    const partitionKey = tenantKey(lease.tenantId);
    try {
      await this.client.deleteEntity(partitionKey, leaseKey(lease.name), { etag: lease.etag });
      return true;
    } catch (error) {
      const translated = translateError(error, `Lånet ${lease.name}`);
      if (translated instanceof ConflictError || translated instanceof NotFoundError) return false;
      throw translated;
    }
  }

  /** The last completed run of job `name`, or null before the first. */
  async getLastRun(tenantId: string, name: string): Promise<LastRun | null> {
    const partitionKey = tenantKey(tenantId);
    const entity = await getEntityOrNull<RunEntity>(
      this.client,
      partitionKey,
      runKey(name),
      `Körningen ${name}`,
    );
    return entity ? { slot: entity.slot, completedAt: entity.completedAt, etag: entity.etag } : null;
  }

  /**
   * Records that job `name` completed the run for `slot`. `previous` is what {@link getLastRun} answered: the
   * write is conditional on it, so two writers never overwrite each other unseen.
   * @throws ConflictError when someone recorded a run after `previous` was read.
   */
  async recordRun(
    tenantId: string,
    name: string,
    slot: Date,
    previous: LastRun | null,
    options: { now: Date },
  ): Promise<LastRun> {
    const partitionKey = tenantKey(tenantId);
    const entity: RunEntity = {
      partitionKey,
      rowKey: runKey(name),
      slot: slot.toISOString(),
      completedAt: options.now.toISOString(),
    };
    try {
      const response = previous
        ? await this.client.updateEntity(entity, 'Replace', { etag: previous.etag })
        : await this.client.createEntity(entity);
      if (!response.etag) throw new StorageError(`Körningen ${name}: lagringen gav ingen ETag.`);
      return { slot: entity.slot, completedAt: entity.completedAt, etag: response.etag };
    } catch (error) {
      const translated = translateError(error, `Körningen ${name}`);
      if (translated instanceof ConflictError || translated instanceof NotFoundError) {
        throw new ConflictError(`Körningen ${name} har registrerats av någon annan.`, { cause: error });
      }
      throw translated;
    }
  }

  private async readLease(partitionKey: string, name: string) {
    return getEntityOrNull<LeaseEntity>(this.client, partitionKey, leaseKey(name), `Lånet ${name}`);
  }
}

function leaseKey(name: string): string {
  return `${LEASE}${encodeKeyPart(name)}`;
}

function runKey(name: string): string {
  return `${RUN}${encodeKeyPart(name)}`;
}

function leaseEntity(partitionKey: string, name: string, holder: string, options: LeaseOptions): LeaseEntity {
  if (!Number.isFinite(options.durationMs) || options.durationMs <= 0) {
    throw new StorageError(`Lånet ${name}: ogiltig längd ${options.durationMs} ms.`);
  }
  const entity: LeaseEntity = {
    partitionKey,
    rowKey: leaseKey(name),
    holder,
    acquiredAt: options.now.toISOString(),
    expiresAt: new Date(options.now.getTime() + options.durationMs).toISOString(),
  };
  checkEntityLimits(entity, `Lånet ${name}`);
  return entity;
}

function toLease(tenantId: string, name: string, entity: LeaseEntity, etag: string | undefined): Lease {
  // Tables answers every write with an ETag; without one the lease could not be renewed or released.
  if (!etag) throw new StorageError(`Lånet ${name}: lagringen gav ingen ETag.`);
  return {
    tenantId: tenantKey(tenantId),
    name,
    holder: entity.holder,
    acquiredAt: entity.acquiredAt,
    expiresAt: entity.expiresAt,
    etag,
  };
}
