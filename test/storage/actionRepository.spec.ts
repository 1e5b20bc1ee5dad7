import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { addNote, changeDeadline, changeStatus } from '../../src/domain/actions';
import type { Action, HistoryKind } from '../../src/domain/types';
import { ActionRepository, type ActionDraft } from '../../src/storage/actionRepository';
import { ConflictError, NotFoundError, StorageError } from '../../src/storage/errors';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { startStorageProxy } from '../helpers/storageProxy';
import { newTenantId } from '../helpers/ids';

const now = new Date('2026-03-02T09:00:00Z');
const later = new Date('2026-03-03T09:00:00Z');

function draft(text: string, overrides: Partial<ActionDraft> = {}): ActionDraft {
  return {
    auditId: 'audit-1',
    recommendationId: 'R1',
    text,
    committee: 'Socialnämnden',
    ownerEmail: 'anna.andersson@kommun.se',
    deadline: { date: '2026-03-31', phrase: 'senast i mars 2026' },
    ...overrides,
  };
}

describe('ActionRepository (Azurite)', () => {
  let tables: Tables;
  let repo: ActionRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    repo = new ActionRepository(tables.actions);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('creates actions with references A-1, A-2, ... and a first history event', async () => {
    const created = await repo.createActions(tenant, [draft('Rutin tas fram'), draft('Utbildning')], {
      by: 'import:test.json',
      now,
    });
    assert.deepEqual(
      created.map((a) => a.ref),
      [1, 2],
    );
    const { action } = await repo.getAction(tenant, 2);
    assert.equal(action.text, 'Utbildning');
    assert.equal(action.status, 'Planerad');
    assert.deepEqual(action.originalDeadline, { date: '2026-03-31', phrase: 'senast i mars 2026' });
    const history = await repo.listHistory(tenant, 2);
    assert.equal(history.length, 1);
    assert.equal(history[0]?.kind, 'created');
    assert.equal(history[0]?.by, 'import:test.json');
  });

  it('keeps references unique when 20 actions are created at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        repo.createActions(tenant, [draft(`Åtgärd ${i}`)], { by: 'cli', now }),
      ),
    );
    const refs = results.flat().map((a) => a.ref);
    assert.equal(new Set(refs).size, 20);
    assert.deepEqual(
      [...refs].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.equal((await repo.listActions(tenant)).length, 20);
  });

  it('creates more actions than fit in one transaction', async () => {
    const drafts = Array.from({ length: 60 }, (_, i) => draft(`Åtgärd nummer ${i}`));
    const created = await repo.createActions(tenant, drafts, { by: 'cli', now });
    assert.equal(created.length, 60);
    assert.equal(created[59]?.ref, 60);
    assert.equal((await repo.listOpenActions(tenant)).length, 60);
  });

  it('refuses to create the same action twice and writes nothing of the second attempt', async () => {
    await repo.createActions(tenant, [draft('Rutin tas fram')], { by: 'cli', now });
    await assert.rejects(
      repo.createActions(tenant, [draft('Ny åtgärd'), draft('rutin  tas FRAM')], { by: 'cli', now }),
      ConflictError,
    );
    const all = await repo.listActions(tenant);
    assert.deepEqual(
      all.map((a) => a.text),
      ['Rutin tas fram'],
    );
    assert.equal(await repo.findRef(tenant, draft('Rutin tas fram')), 1);
    assert.equal(await repo.findRef(tenant, draft('Ny åtgärd')), null);
  });

  it('stores a status change and its history event together', async () => {
    await repo.createActions(tenant, [draft('Rutin tas fram')], { by: 'cli', now });
    const stored = await repo.getAction(tenant, 1);
    const change = changeStatus(
      stored.action,
      { to: 'Pågår', comment: 'Påbörjad' },
      { by: 'user-1', now: later },
    );
    const updated = await repo.updateAction(tenant, change, stored.etag);
    assert.notEqual(updated.etag, stored.etag);
    assert.equal((await repo.getAction(tenant, 1)).action.status, 'Pågår');
    const history = await repo.listHistory(tenant, 1);
    assert.deepEqual(
      history.map((e) => [e.seq, e.kind, e.from, e.to, e.by, e.comment]),
      [
        [1, 'created', null, 'Planerad', 'cli', null],
        [2, 'status', 'Planerad', 'Pågår', 'user-1', 'Påbörjad'],
      ],
    );
  });

  it('rejects a stale ETag with a conflict and overwrites nothing', async () => {
    await repo.createActions(tenant, [draft('Rutin tas fram')], { by: 'cli', now });
    const first = await repo.getAction(tenant, 1);
    const second = await repo.getAction(tenant, 1);
    await repo.updateAction(
      tenant,
      changeStatus(first.action, { to: 'Pågår' }, { by: 'a', now }),
      first.etag,
    );
    const stale = changeStatus(second.action, { to: 'Genomförd', comment: 'klar' }, { by: 'b', now: later });
    await assert.rejects(repo.updateAction(tenant, stale, second.etag), ConflictError);
    const after = await repo.getAction(tenant, 1);
    assert.equal(after.action.status, 'Pågår');
    assert.equal((await repo.listHistory(tenant, 1)).length, 2);
  });

  it('writes nothing when one operation of the transaction fails', async () => {
    await repo.createActions(tenant, [draft('Rutin tas fram')], { by: 'cli', now });
    const stored = await repo.getAction(tenant, 1);
    // A history row already sitting where the event would go makes the transaction's create fail (409)
    // although the action's ETag is current: the action update must be rolled back with it.
    await tables.actions.createEntity({ partitionKey: tenant, rowKey: 'hist|0000000001|0000000002', ref: 1 });
    const change = changeStatus(stored.action, { to: 'Genomförd' }, { by: 'u', now: later });
    await assert.rejects(repo.updateAction(tenant, change, stored.etag), ConflictError);
    const after = await repo.getAction(tenant, 1);
    assert.equal(after.action.status, 'Planerad');
    assert.equal(after.etag, stored.etag);
    assert.equal((await repo.listOpenActions(tenant)).length, 1);
  });

  it('lists open and overdue actions from the open index only', async () => {
    await repo.createActions(
      tenant,
      [
        draft('Förra månaden', { deadline: { date: '2026-02-28', phrase: 'senast i februari 2026' } }),
        draft('Nästa månad', { deadline: { date: '2026-04-30', phrase: 'i april 2026' } }),
        draft('Inget datum', { deadline: { date: null, phrase: 'på sikt' } }),
        draft('Klar och gammal', { deadline: { date: '2026-01-31', phrase: 'i januari 2026' } }),
        draft('Annan ägare', {
          ownerEmail: 'bo@kommun.se',
          committee: 'Bildningsnämnden',
          deadline: { date: '2026-01-15', phrase: '2026-01-15' },
        }),
      ],
      { by: 'cli', now },
    );
    const done = await repo.getAction(tenant, 4);
    await repo.updateAction(
      tenant,
      changeStatus(done.action, { to: 'Genomförd' }, { by: 'u', now }),
      done.etag,
    );

    const open = await repo.listOpenActions(tenant);
    assert.deepEqual(
      open.map((a) => a.ref),
      [1, 2, 3, 5],
    );
    // The closed action's index row is gone, so no listing of open actions can read it.
    await assert.rejects(
      tables.actions.getEntity(tenant, 'open|0000000004'),
      (e: { statusCode?: number }) => {
        assert.equal(e.statusCode, 404);
        return true;
      },
    );
    const overdue = await repo.listOverdueActions(tenant, '2026-03-02');
    assert.deepEqual(
      overdue.map((a) => a.ref),
      [1, 5],
    );
    const mine = await repo.listOpenActions(tenant, { ownerEmail: 'Bo@Kommun.se' });
    assert.deepEqual(
      mine.map((a) => a.ref),
      [5],
    );
    const committee = await repo.listOpenActions(tenant, { committee: 'Socialnämnden' });
    assert.deepEqual(
      committee.map((a) => a.ref),
      [1, 2, 3],
    );
    // `mina åtgärder` reads only the columns its list shows.
    assert.deepEqual(await repo.listOwnOpenActions(tenant, 'Bo@Kommun.se'), [
      {
        ref: 5,
        text: 'Annan ägare',
        committee: 'Bildningsnämnden',
        ownerEmail: 'bo@kommun.se',
        deadline: { date: '2026-01-15', phrase: '2026-01-15' },
        status: 'Planerad',
      },
    ]);
    assert.deepEqual(
      (await repo.listOwnOpenActions(tenant, 'anna.andersson@kommun.se')).map((a) => a.ref),
      [1, 2, 3],
    );
  });

  it('lists every action of a large tenant in reference order, read as several ranges at once', async function () {
    this.timeout(120_000);
    const drafts = Array.from({ length: 2_600 }, (_, i) => draft(`Åtgärd ${i + 1}`));
    await repo.createActions(tenant, drafts, { by: 'cli', now });
    const all = await repo.listActions(tenant);
    assert.equal(all.length, 2_600);
    assert.deepEqual(
      all.map((a) => a.ref),
      Array.from({ length: 2_600 }, (_, i) => i + 1),
    );
  });

  it('lists actions with only the columns an action is made of, the same actions as a point read', async () => {
    await repo.createActions(tenant, [draft('Rutin'), draft('Utbildning', { ownerEmail: null })], {
      by: 'cli',
      now,
    });
    const proxy = await startStorageProxy((await testAzurite()).connectionString);
    try {
      const throughProxy = new ActionRepository((await openTables(proxy.connectionString)).actions);
      const from = proxy.requests.length;
      const listed = await throughProxy.listActions(tenant);
      assert.deepEqual(listed, [
        (await repo.getAction(tenant, 1)).action,
        (await repo.getAction(tenant, 2)).action,
      ]);
      const queries = proxy.requests.slice(from).map((r) => decodeURIComponent(r.path));
      const rangeQueries = queries.filter((path) => path.includes("RowKey ge 'action|'"));
      assert.equal(rangeQueries.length, 1);
      assert.match(rangeQueries[0] ?? '', /\$select=ref,auditId,/);
      assert.doesNotMatch(rangeQueries[0] ?? '', /\$select=[^&]*Timestamp/);
    } finally {
      await proxy.close();
    }
  });

  it('puts a reopened action back in the open index', async () => {
    await repo.createActions(tenant, [draft('Rutin')], { by: 'cli', now });
    let stored = await repo.getAction(tenant, 1);
    stored = await repo.updateAction(
      tenant,
      changeStatus(stored.action, { to: 'Genomförd' }, { by: 'u', now }),
      stored.etag,
    );
    assert.equal((await repo.listOpenActions(tenant)).length, 0);
    const reopened = changeStatus(
      stored.action,
      { to: 'Pågår', comment: 'Rutinen räckte inte' },
      { by: 'u', now: later },
    );
    await repo.updateAction(tenant, reopened, stored.etag);
    assert.deepEqual(
      (await repo.listOpenActions(tenant)).map((a) => a.status),
      ['Pågår'],
    );
  });

  it('keeps the original deadline when the deadline moves', async () => {
    await repo.createActions(tenant, [draft('Rutin')], { by: 'cli', now });
    const stored = await repo.getAction(tenant, 1);
    const change = changeDeadline(
      stored.action,
      { date: '2026-06-30', reason: 'Ny lagstiftning' },
      { by: 'u', now },
    );
    await repo.updateAction(tenant, change, stored.etag);
    const { action } = await repo.getAction(tenant, 1);
    assert.deepEqual(action.deadline, { date: '2026-06-30', phrase: '2026-06-30' });
    assert.deepEqual(action.originalDeadline, { date: '2026-03-31', phrase: 'senast i mars 2026' });
    assert.equal(action.deadlineChanges, 1);
    const last = (await repo.listHistory(tenant, 1)).at(-1);
    assert.deepEqual(
      [last?.kind, last?.from, last?.to, last?.comment],
      ['deadline', '2026-03-31', '2026-06-30', 'Ny lagstiftning'],
    );
  });

  it("reads the tenant's history of several kinds in one query, by reference and then oldest first", async () => {
    await repo.createActions(tenant, [draft('Rutin'), draft('Utbildning')], { by: 'cli', now });
    const first = await repo.getAction(tenant, 1);
    const moved = await repo.updateAction(
      tenant,
      changeDeadline(first.action, { date: '2026-06-30', reason: 'Ny lagstiftning' }, { by: 'u', now }),
      first.etag,
    );
    await repo.updateAction(tenant, addNote(moved.action, 'Remiss ute', { by: 'u', now: later }), moved.etag);
    const second = await repo.getAction(tenant, 2);
    await repo.updateAction(
      tenant,
      changeStatus(second.action, { to: 'Pågår' }, { by: 'u', now }),
      second.etag,
    );
    const proxy = await startStorageProxy((await testAzurite()).connectionString);
    try {
      const throughProxy = new ActionRepository((await openTables(proxy.connectionString)).actions);
      const from = proxy.requests.length;
      const events = await throughProxy.listTenantHistory(tenant, { kinds: ['deadline', 'note', 'status'] });
      assert.deepEqual(
        events.map((event) => [event.ref, event.kind]),
        [
          [1, 'deadline'],
          [1, 'note'],
          [2, 'status'],
        ],
      );
      assert.equal(proxy.requests.length - from, 1, 'one query for three kinds');
    } finally {
      await proxy.close();
    }
    assert.deepEqual(
      (await repo.listTenantHistory(tenant, { kinds: ['note'] })).map((event) => event.comment),
      ['Remiss ute'],
    );
    assert.deepEqual(
      (await repo.listTenantHistory(tenant)).map((event) => [event.ref, event.kind]),
      [
        [1, 'created'],
        [1, 'deadline'],
        [1, 'note'],
        [2, 'created'],
        [2, 'status'],
      ],
    );
    assert.deepEqual(await repo.listTenantHistory(tenant, { kinds: [] }), []);
  });

  it('refuses a history kind it does not know', async () => {
    const bogus = "note' or kind ne '" as string as HistoryKind;
    await assert.rejects(repo.listTenantHistory(tenant, { kinds: ['deadline', bogus] }), (error: unknown) => {
      assert.ok(error instanceof StorageError);
      assert.match(error.message, /Okänd händelsetyp/);
      return true;
    });
  });

  it("keeps tenants apart: tenant B cannot read tenant A's actions", async () => {
    const other = newTenantId();
    await repo.createActions(tenant, [draft('Hemlig åtgärd')], { by: 'cli', now });
    await assert.rejects(repo.getAction(other, 1), NotFoundError);
    assert.deepEqual(await repo.listActions(other), []);
    assert.deepEqual(await repo.listOpenActions(other), []);
    assert.deepEqual(await repo.listOverdueActions(other, '2030-01-01'), []);
    assert.deepEqual(await repo.listHistory(other, 1), []);
    // B's first action is B's A-1; A's A-1 is untouched.
    await repo.createActions(other, [draft('B:s åtgärd')], { by: 'cli', now });
    assert.equal((await repo.getAction(tenant, 1)).action.text, 'Hemlig åtgärd');
    assert.equal((await repo.getAction(other, 1)).action.text, 'B:s åtgärd');
  });

  it('answers an unknown reference with a NotFoundError naming it', async () => {
    await assert.rejects(repo.getAction(tenant, 99), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.message, 'A-99 finns inte.');
      return true;
    });
  });

  it('refuses a tenant id that would break a key, before any request', async () => {
    for (const bad of ['a/b', 'a\\b', 'a#b', 'a?b', 'a\u0001b', "x' or 1 eq 1", '', 42, ['t']]) {
      await assert.rejects(repo.listActions(bad as string), (error: unknown) => {
        assert.ok(error instanceof StorageError);
        assert.equal(error.code, 'InvalidKey');
        return true;
      });
    }
  });

  it("escapes ' in values that reach a filter", async () => {
    await repo.createActions(
      tenant,
      [draft('Rutin', { ownerEmail: "o'brien@kommun.se", committee: "Nämnd 'X'" })],
      {
        by: 'cli',
        now,
      },
    );
    assert.equal((await repo.listOpenActions(tenant, { ownerEmail: "o'brien@kommun.se" })).length, 1);
    assert.equal((await repo.listOpenActions(tenant, { committee: "Nämnd 'X'" })).length, 1);
    assert.equal((await repo.listOpenActions(tenant, { committee: "x' or committee ne '" })).length, 0);
  });

  it('refuses a string over the Tables limit with a typed error and writes nothing', async () => {
    await repo.createActions(tenant, [draft('Rutin')], { by: 'cli', now });
    const stored = await repo.getAction(tenant, 1);
    const huge: Action = { ...stored.action, lastComment: 'x'.repeat(40_000), version: 2 };
    const change = {
      action: huge,
      event: { ...(await repo.listHistory(tenant, 1))[0]!, seq: 2, kind: 'status' as const },
    };
    await assert.rejects(repo.updateAction(tenant, change, stored.etag), (error: unknown) => {
      assert.ok(error instanceof StorageError);
      assert.equal(error.code, 'TooLarge');
      assert.match(error.message, /lastComment/);
      return true;
    });
    assert.equal((await repo.getAction(tenant, 1)).etag, stored.etag);
  });

  it('tells that storage does not answer when Azurite is not there', async () => {
    const client = TableClient.fromConnectionString(
      (await testAzurite()).connectionString.replace(/:\d+\//, ':1/'),
      'actions',
      { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } },
    );
    await assert.rejects(new ActionRepository(client).getAction(tenant, 1), (error: unknown) => {
      assert.ok(error instanceof StorageError);
      assert.equal(error.code, 'Unavailable');
      return true;
    });
  });
});
