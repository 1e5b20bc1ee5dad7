import assert from 'node:assert/strict';
import { SnoozeRepository } from '../../src/storage/snoozeRepository';
import { openTables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const anna = 'aa000001-0000-4000-8000-000000000001';

describe('SnoozeRepository (Azurite)', () => {
  let repo: SnoozeRepository;
  let tenant: string;

  before(async () => {
    repo = new SnoozeRepository((await openTables((await testAzurite()).connectionString)).snoozes);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('stores the current pause and keeps every pause in the log', async () => {
    assert.equal(await repo.getSnooze(tenant, 17), null);
    const first = await repo.upsertSnooze(tenant, {
      ref: 17,
      until: '2026-08-15',
      by: anna,
      reason: 'Semester',
      at: '2026-06-20T10:00:00.000Z',
    });
    assert.equal(first.until, '2026-08-15');
    const second = await repo.upsertSnooze(tenant, {
      ref: 17,
      until: '2026-09-01',
      by: anna,
      reason: null,
      at: '2026-08-10T10:00:00.000Z',
    });
    assert.notEqual(second.etag, first.etag);
    const current = await repo.getSnooze(tenant, 17);
    assert.equal(current?.until, '2026-09-01');
    assert.equal(current?.reason, null);
    const history = await repo.listSnoozeHistory(tenant, 17);
    assert.deepEqual(
      history.map((snooze) => [snooze.until, snooze.reason]),
      [
        ['2026-08-15', 'Semester'],
        ['2026-09-01', null],
      ],
    );
    await repo.upsertSnooze(tenant, {
      ref: 3,
      until: '2026-08-01',
      by: anna,
      reason: null,
      at: '2026-06-20T10:00:00.000Z',
    });
    assert.deepEqual(
      (await repo.listSnoozes(tenant)).map((snooze) => snooze.ref),
      [3, 17],
    );
  });

  it('keeps both of two pauses set at the same moment in the log', async () => {
    const at = '2026-06-20T10:00:00.000Z';
    await Promise.all([
      repo.upsertSnooze(tenant, { ref: 5, until: '2026-08-15', by: anna, reason: 'a', at }),
      repo.upsertSnooze(tenant, { ref: 5, until: '2026-08-20', by: anna, reason: 'b', at }),
    ]);
    assert.equal((await repo.listSnoozeHistory(tenant, 5)).length, 2);
    assert.ok(['2026-08-15', '2026-08-20'].includes((await repo.getSnooze(tenant, 5))?.until ?? ''));
  });
});
