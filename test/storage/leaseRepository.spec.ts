import assert from 'node:assert/strict';
import { ConflictError } from '../../src/storage/errors';
import { LeaseRepository } from '../../src/storage/leaseRepository';
import { openTables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const t0 = new Date('2026-03-17T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const MINUTE = 60_000;

describe('LeaseRepository (Azurite)', () => {
  let repo: LeaseRepository;
  let tenant: string;

  before(async () => {
    repo = new LeaseRepository((await openTables((await testAzurite()).connectionString)).leases);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('gives a lease to one holder; the other gets null until it is released', async () => {
    const lease = await repo.acquireLease(tenant, 'remind', 'a', { now: t0, durationMs: 5 * MINUTE });
    assert.ok(lease);
    assert.equal(lease.holder, 'a');
    assert.equal(lease.expiresAt, at(300).toISOString());
    assert.equal(
      await repo.acquireLease(tenant, 'remind', 'b', { now: at(1), durationMs: 5 * MINUTE }),
      null,
    );
    // Another job's lease is another row.
    assert.ok(await repo.acquireLease(tenant, 'digest', 'b', { now: at(1), durationMs: 5 * MINUTE }));
    assert.equal(await repo.releaseLease(lease), true);
    assert.ok(await repo.acquireLease(tenant, 'remind', 'b', { now: at(2), durationMs: 5 * MINUTE }));
  });

  it('gives exactly one of many simultaneous takers the lease', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        repo.acquireLease(tenant, 'remind', `holder-${i}`, { now: t0, durationMs: 5 * MINUTE }),
      ),
    );
    assert.equal(results.filter((lease) => lease !== null).length, 1);
  });

  it('lets another holder take over an expired lease, once, and the old holder can no longer renew it', async () => {
    const old = await repo.acquireLease(tenant, 'remind', 'a', { now: t0, durationMs: MINUTE });
    assert.ok(old);
    const takers = await Promise.all(
      ['b', 'c', 'd'].map((holder) =>
        repo.acquireLease(tenant, 'remind', holder, { now: at(61), durationMs: MINUTE }),
      ),
    );
    const taken = takers.filter((lease) => lease !== null);
    assert.equal(taken.length, 1);
    await assert.rejects(repo.renewLease(old, { now: at(62), durationMs: MINUTE }), ConflictError);
    // Releasing a lease that is no longer ours changes nothing.
    assert.equal(await repo.releaseLease(old), false);
    assert.equal(await repo.acquireLease(tenant, 'remind', 'a', { now: at(62), durationMs: MINUTE }), null);
  });

  it('renews with the ETag, keeping the lease past its first expiry', async () => {
    const lease = await repo.acquireLease(tenant, 'remind', 'a', { now: t0, durationMs: MINUTE });
    assert.ok(lease);
    const renewed = await repo.renewLease(lease, { now: at(50), durationMs: MINUTE });
    assert.equal(renewed.expiresAt, at(110).toISOString());
    assert.equal(renewed.acquiredAt, lease.acquiredAt);
    assert.equal(await repo.acquireLease(tenant, 'remind', 'b', { now: at(70), durationMs: MINUTE }), null);
    // The first ETag is stale now.
    await assert.rejects(repo.renewLease(lease, { now: at(71), durationMs: MINUTE }), ConflictError);
  });

  it('records the last completed run, conditionally on what was read', async () => {
    assert.equal(await repo.getLastRun(tenant, 'remind'), null);
    const first = await repo.recordRun(tenant, 'remind', at(0), null, { now: at(5) });
    assert.equal(first.slot, t0.toISOString());
    const read = await repo.getLastRun(tenant, 'remind');
    assert.deepEqual(read, first);
    const second = await repo.recordRun(tenant, 'remind', at(900), first, { now: at(905) });
    assert.equal(second.slot, at(900).toISOString());
    await assert.rejects(repo.recordRun(tenant, 'remind', at(1800), first, { now: at(1805) }), ConflictError);
    await assert.rejects(repo.recordRun(tenant, 'remind', at(1800), null, { now: at(1805) }), ConflictError);
  });
});
