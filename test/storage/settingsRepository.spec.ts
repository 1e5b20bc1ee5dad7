import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors';
import { ConflictError, NotFoundError, StorageError } from '../../src/storage/errors';
import { SettingsRepository } from '../../src/storage/settingsRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const digest = { channelId: '19:abc@thread.tacv2', weekday: 1, time: '08:00' };

describe('SettingsRepository (Azurite)', () => {
  let tables: Tables;
  let repo: SettingsRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    repo = new SettingsRepository(tables.settings);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('creates, reads and updates a setting with its ETag', async () => {
    assert.equal(await repo.getSetting(tenant, 'digest'), null);
    const created = await repo.createSetting(tenant, 'digest', digest);
    assert.deepEqual(created.value, digest);
    const read = await repo.getSetting(tenant, 'digest');
    assert.deepEqual(read, { value: digest, etag: created.etag });
    const changed = { ...digest, time: '09:00' };
    const updated = await repo.updateSetting(tenant, 'digest', changed, created.etag);
    assert.notEqual(updated.etag, created.etag);
    assert.deepEqual(await repo.getSetting(tenant, 'digest'), { value: changed, etag: updated.etag });
  });

  it('returns what a later read returns: the value through JSON', async () => {
    const stored = await repo.createSetting(tenant, 'since', {
      at: new Date('2026-03-02T09:00:00Z'),
      skip: undefined,
    });
    assert.deepEqual(stored.value, { at: '2026-03-02T09:00:00.000Z' });
    assert.deepEqual((await repo.getSetting(tenant, 'since'))?.value, stored.value);
  });

  it('refuses to create a setting twice and keeps the first value', async () => {
    await repo.createSetting(tenant, 'digest', digest);
    await assert.rejects(repo.createSetting(tenant, 'digest', { other: true }), (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.equal(error.message, 'Inställningen digest finns redan.');
      return true;
    });
    assert.deepEqual((await repo.getSetting(tenant, 'digest'))?.value, digest);
  });

  it('rejects an update with a stale ETag and overwrites nothing', async () => {
    const first = await repo.createSetting(tenant, 'digest', digest);
    const second = await repo.updateSetting(tenant, 'digest', { ...digest, time: '07:00' }, first.etag);
    await assert.rejects(
      repo.updateSetting(tenant, 'digest', { ...digest, time: '10:00' }, first.etag),
      ConflictError,
    );
    assert.deepEqual(await repo.getSetting(tenant, 'digest'), second);
  });

  it('lets only one of two concurrent updates from the same read win', async () => {
    const read = await repo.createSetting(tenant, 'counter', { n: 0 });
    const results = await Promise.allSettled([
      repo.updateSetting(tenant, 'counter', { n: 1 }, read.etag),
      repo.updateSetting(tenant, 'counter', { n: 2 }, read.etag),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(lost[0]?.reason instanceof ConflictError);
  });

  it('answers an update of a setting that does not exist with NotFoundError', async () => {
    await assert.rejects(
      repo.updateSetting(tenant, 'digest', digest, 'W/"datetime\'2026-01-01T00%3A00%3A00Z\'"'),
      NotFoundError,
    );
    assert.equal(await repo.getSetting(tenant, 'digest'), null);
  });

  it('upserts unconditionally for an admin override', async () => {
    const first = await repo.upsertSetting(tenant, 'digest', digest);
    await repo.updateSetting(tenant, 'digest', { ...digest, time: '07:00' }, first.etag);
    const override = await repo.upsertSetting(tenant, 'digest', { ...digest, time: '06:00' });
    assert.deepEqual(await repo.getSetting(tenant, 'digest'), override);
    assert.equal((override.value as { time: string }).time, '06:00');
  });

  it("keeps tenants apart: tenant B reads nothing of tenant A's settings", async () => {
    const other = newTenantId();
    const stored = await repo.createSetting(tenant, 'digest', digest);
    assert.equal(await repo.getSetting(other, 'digest'), null);
    await assert.rejects(repo.updateSetting(other, 'digest', { x: 1 }, stored.etag), NotFoundError);
    await repo.createSetting(other, 'digest', { mine: 'B' });
    assert.deepEqual((await repo.getSetting(tenant, 'digest'))?.value, digest);
  });

  it("round-trips keys with / \\ # ? % ' and control characters", async () => {
    const keys = ['a/b', 'a\\b', 'a#b', 'a?b', 'a%2Fb', "o'brien", 'tab\there\u0001\u007f'];
    for (const [i, key] of keys.entries()) await repo.createSetting(tenant, key, { i });
    for (const [i, key] of keys.entries())
      assert.deepEqual((await repo.getSetting(tenant, key))?.value, { i });
    // `a/b` and `a%2Fb` are two settings, not one.
    assert.deepEqual((await repo.getSetting(tenant, 'a%2Fb'))?.value, { i: 4 });
  });

  it('refuses values that are not JSON and keys that are not strings, writing nothing', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const value of [undefined, () => 1, circular, 10n]) {
      await assert.rejects(repo.upsertSetting(tenant, 'bad', value), (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'InvalidValue');
        return true;
      });
    }
    for (const key of ['', 42, ['k']]) {
      await assert.rejects(repo.getSetting(tenant, key as string), (error: unknown) => {
        assert.ok(error instanceof StorageError);
        assert.equal(error.code, 'InvalidKey');
        return true;
      });
    }
    assert.equal(await repo.getSetting(tenant, 'bad'), null);
  });

  it('refuses a value over the Tables limit with a typed error', async () => {
    await assert.rejects(repo.upsertSetting(tenant, 'big', 'x'.repeat(40_000)), (error: unknown) => {
      assert.ok(error instanceof StorageError);
      assert.equal(error.code, 'TooLarge');
      return true;
    });
  });

  it('tells when a stored value is not JSON', async () => {
    await tables.settings.upsertEntity({ partitionKey: tenant, rowKey: 'broken', value: '{not json' });
    await assert.rejects(repo.getSetting(tenant, 'broken'), (error: unknown) => {
      assert.ok(error instanceof StorageError);
      assert.match(error.message, /broken/);
      return true;
    });
  });
});
