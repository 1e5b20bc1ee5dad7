import assert from 'node:assert/strict';
import { changeStatus } from '../../src/domain/actions';
import { ActionRepository, openTables, RoleRepository } from '../../src/storage';
import type { TabDashboard } from '../../src/tab';
import { TenantSnapshots } from '../../src/tab/snapshots';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';
import {
  PEOPLE,
  seedTenant,
  startIdentityProvider,
  startSignedInTabServer,
  type TabServer,
  type TestIdentityProvider,
} from './support';

/** A marker and a data source under the test's control, counting the reads. */
function source() {
  const state = { marker: 'm1', data: 'v1', reads: 0, fail: false };
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  return {
    state,
    /** Holds every read until {@link open} is called. */
    hold() {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    open() {
      release?.();
      gate = null;
    },
    options: {
      marker: async () => state.marker,
      read: async () => {
        state.reads += 1;
        const data = state.data;
        if (gate) await gate;
        if (state.fail) throw new Error('lagringen svarar inte');
        return data;
      },
    },
  };
}

describe('TenantSnapshots', () => {
  it('reads once while the marker stays, and again once it moved', async () => {
    const s = source();
    const snapshots = new TenantSnapshots(s.options);
    assert.equal(await snapshots.getSnapshot('t'), 'v1');
    assert.equal(await snapshots.getSnapshot('t'), 'v1');
    assert.equal(s.state.reads, 1);
    s.state.marker = 'm2';
    s.state.data = 'v2';
    assert.equal(await snapshots.getSnapshot('t'), 'v2');
    assert.equal(s.state.reads, 2);
  });

  it('rebuilds once for requests that arrive while a rebuild is under way', async () => {
    const s = source();
    const snapshots = new TenantSnapshots(s.options);
    s.hold();
    const waiting = Array.from({ length: 8 }, () => snapshots.getSnapshot('t'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    s.open();
    assert.deepEqual(await Promise.all(waiting), Array(8).fill('v1'));
    assert.equal(s.state.reads, 1);
  });

  it('reads again after the maximum age even when the marker stays', async () => {
    const s = source();
    let clock = 0;
    const snapshots = new TenantSnapshots({ ...s.options, maxAgeMs: 1000, now: () => clock });
    await snapshots.getSnapshot('t');
    clock = 1000;
    await snapshots.getSnapshot('t');
    assert.equal(s.state.reads, 1);
    clock = 1001;
    s.state.data = 'v2';
    assert.equal(await snapshots.getSnapshot('t'), 'v2');
    assert.equal(s.state.reads, 2);
  });

  it('gives a failed rebuild’s error to every request that waited for it, and tries again on the next', async () => {
    const s = source();
    const snapshots = new TenantSnapshots(s.options);
    s.state.fail = true;
    s.hold();
    const waiting = Array.from({ length: 3 }, () => snapshots.getSnapshot('t'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    s.open();
    for (const request of waiting) await assert.rejects(request, /lagringen svarar inte/);
    assert.equal(s.state.reads, 1);
    s.state.fail = false;
    assert.equal(await snapshots.getSnapshot('t'), 'v1');
    assert.equal(s.state.reads, 2);
  });

  it('keeps tenants apart, and at most maxTenants of them', async () => {
    const s = source();
    const snapshots = new TenantSnapshots({ ...s.options, maxTenants: 2 });
    await snapshots.getSnapshot('a');
    await snapshots.getSnapshot('b');
    await snapshots.getSnapshot('a');
    assert.equal(s.state.reads, 2);
    await snapshots.getSnapshot('c');
    // b was used least recently and went; a is still kept.
    await snapshots.getSnapshot('a');
    assert.equal(s.state.reads, 3);
    await snapshots.getSnapshot('b');
    assert.equal(s.state.reads, 4);
  });
});

/*
 * The tab API's per-tenant cache against Azurite: the tab server keeps a copy of the tenant's data, and another
 * instance (its own tables and repositories on the same storage) writes. Each request reads the change markers,
 * so the next answer has the write.
 */
describe('tab API: the per-tenant cache (Azurite)', () => {
  let idp: TestIdentityProvider;
  let tab: TabServer;
  let connectionString: string;
  const tenantId = newTenantId();

  before(async () => {
    idp = await startIdentityProvider();
    connectionString = (await testAzurite()).connectionString;
    await seedTenant(connectionString, tenantId);
    tab = await startSignedInTabServer(connectionString, idp, tenantId);
  });

  after(async () => {
    tab.proxy.behave(() => 'pass');
    await tab?.close();
    await idp?.close();
  });

  /** Rebuilds of the copy since request `from`: each reads the status events of the whole tenant once. */
  function rebuilds(from: number): number {
    return tab.proxy.requests
      .slice(from)
      .filter((r) => r.method === 'GET' && decodeURIComponent(r.path).includes("kind eq 'status'")).length;
  }

  async function dashboardOf(oid: string): Promise<TabDashboard> {
    const response = await tab.get('/tab/api/dashboard', await idp.sign(tenantId, oid));
    assert.equal(response.status, 200);
    return (await response.json()) as TabDashboard;
  }

  it('answers from its copy while nothing changed, reading only the markers and the caller', async () => {
    await dashboardOf(PEOPLE.chair.oid);
    const from = tab.proxy.requests.length;
    await dashboardOf(PEOPLE.chair.oid);
    assert.equal(rebuilds(from), 0);
    const paths = tab.proxy.requests.slice(from).map((r) => decodeURIComponent(r.path));
    assert.equal(paths.filter((path) => path.includes("RowKey='change|marker'")).length, 2);
    assert.ok(
      paths.length <= 4,
      `a cached answer made ${paths.length} storage requests: ${paths.join(', ')}`,
    );
  });

  it('shows a change written by another instance in the next answer', async () => {
    const before = await dashboardOf(PEOPLE.chair.oid);
    assert.ok(before.overdue.some((action) => action.reference === 'A-1'));
    const other = new ActionRepository((await openTables(connectionString)).actions);
    const read = await other.getAction(tenantId, 1);
    await other.updateAction(
      tenantId,
      changeStatus(read.action, { to: 'Genomförd' }, { by: 'cli', now: new Date('2026-03-30T10:00:00Z') }),
      read.etag,
    );
    const after = await dashboardOf(PEOPLE.chair.oid);
    assert.ok(!after.overdue.some((action) => action.reference === 'A-1'));
    assert.equal(after.totals.done, before.totals.done + 1);
  });

  it('rebuilds once for concurrent requests after a change', async () => {
    const other = new ActionRepository((await openTables(connectionString)).actions);
    const read = await other.getAction(tenantId, 2);
    await other.updateAction(
      tenantId,
      changeStatus(read.action, { to: 'Genomförd' }, { by: 'cli', now: new Date('2026-03-30T10:00:00Z') }),
      read.etag,
    );
    // Slow bulk reads keep the rebuild under way while every request arrives.
    tab.proxy.behave((r) => (r.path.includes('hist') ? { delayMs: 300 } : 'pass'));
    const from = tab.proxy.requests.length;
    const tokens = await Promise.all(
      [PEOPLE.chair, PEOPLE.auditor, PEOPLE.coordinator, PEOPLE.official, PEOPLE.chair].map((p) =>
        idp.sign(tenantId, p.oid),
      ),
    );
    const answers = await Promise.all(tokens.map((token) => tab.get('/tab/api/dashboard', token)));
    tab.proxy.behave(() => 'pass');
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200],
    );
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as TabDashboard[];
    assert.ok(bodies.every((body) => !body.overdue.some((action) => action.reference === 'A-2')));
    assert.equal(rebuilds(from), 1);
    // Each still sees only their own rows.
    assert.equal(bodies[2]?.viewer.scope, 'committees');
    assert.equal(bodies[3]?.viewer.scope, 'own');
  });

  it('sees a role change at once: roles are read per request, never cached', async () => {
    const tables = await openTables(connectionString);
    const roles = new RoleRepository(tables.roles, tables.users);
    assert.equal((await dashboardOf(PEOPLE.official.oid)).viewer.scope, 'own');
    await roles.addRole(tenantId, { role: 'chair', principal: PEOPLE.official.email, committee: null });
    const promoted = await dashboardOf(PEOPLE.official.oid);
    assert.equal(promoted.viewer.scope, 'all');
    assert.equal(promoted.totals.total, 5);
    await roles.removeRole(tenantId, { role: 'chair', principal: PEOPLE.chair.email, committee: null });
    const demoted = await dashboardOf(PEOPLE.chair.oid);
    assert.equal(demoted.viewer.scope, 'own');
    assert.equal(demoted.totals.total, 0);
  });
});
