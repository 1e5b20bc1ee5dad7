import assert from 'node:assert/strict';
import { odata } from '@azure/data-tables';
import type { User } from '../../src/domain/roles';
import { ConflictError, NotFoundError, StorageError } from '../../src/storage/errors';
import { openTables, type Tables } from '../../src/storage/tables';
import { UserRepository } from '../../src/storage/userRepository';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const now = new Date('2026-03-02T09:00:00Z');
const anna = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const bo = '9a7b3c1d-0000-4000-8000-00000000000b';

/** The person a stored user is, without what the row keeps for turns. */
function identity({ aadObjectId, email, name }: User): User {
  return { aadObjectId, email, name };
}

function isInvalidKey(error: unknown): boolean {
  assert.ok(error instanceof StorageError);
  assert.equal(error.code, 'InvalidKey');
  return true;
}

describe('UserRepository (Azurite)', () => {
  let tables: Tables;
  let repo: UserRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    repo = new UserRepository(tables.users);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('stores a user and finds them by e-mail in any case', async () => {
    const stored = await repo.upsertUser(
      tenant,
      { aadObjectId: anna, email: ' Anna.Andersson@Kommun.se ', name: 'Anna Andersson' },
      { now },
    );
    assert.deepEqual(stored, {
      aadObjectId: anna,
      email: 'anna.andersson@kommun.se',
      name: 'Anna Andersson',
      language: null,
      roles: null,
      conversationHash: null,
      etag: stored.etag,
    });
    assert.match(stored.etag, /^W\/"datetime'/);
    assert.deepEqual(await repo.getUser(tenant, anna), stored);
    assert.deepEqual(await repo.findUserByEmail(tenant, 'ANNA.ANDERSSON@kommun.se'), stored);
    const row = await tables.users.getEntity<{ updatedAt: string }>(tenant, `aad|${anna}`);
    assert.equal(row.updatedAt, now.toISOString());
  });

  it('treats object ids case-insensitively and accepts Playground ids', async () => {
    await repo.upsertUser(tenant, { aadObjectId: anna.toUpperCase(), email: null, name: 'Anna' }, { now });
    assert.equal((await repo.getUser(tenant, anna)).name, 'Anna');
    await repo.upsertUser(
      tenant,
      { aadObjectId: 'user-id-0', email: 'test@playground', name: null },
      { now },
    );
    assert.deepEqual(identity(await repo.getUser(tenant, 'user-id-0')), {
      aadObjectId: 'user-id-0',
      email: 'test@playground',
      name: null,
    });
  });

  it('moves the e-mail index when the e-mail changes', async () => {
    await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' }, { now });
    await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna.berg@kommun.se', name: 'Anna' }, { now });
    assert.equal(await repo.findUserByEmail(tenant, 'anna@kommun.se'), null);
    assert.equal((await repo.findUserByEmail(tenant, 'anna.berg@kommun.se'))?.aadObjectId, anna);
    await assert.rejects(
      tables.users.getEntity(tenant, 'email|anna@kommun.se'),
      (e: { statusCode?: number }) => {
        assert.equal(e.statusCode, 404);
        return true;
      },
    );
  });

  it('clears the e-mail and its index row when the e-mail becomes null', async () => {
    await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' }, { now });
    await repo.upsertUser(tenant, { aadObjectId: anna, email: null, name: 'Anna' }, { now });
    assert.equal((await repo.getUser(tenant, anna)).email, null);
    assert.equal(await repo.findUserByEmail(tenant, 'anna@kommun.se'), null);
  });

  it('gives an e-mail that moved to another user to that user only', async () => {
    await repo.upsertUser(tenant, { aadObjectId: anna, email: 'kansliet@kommun.se', name: 'Anna' }, { now });
    await repo.upsertUser(tenant, { aadObjectId: bo, email: 'kansliet@kommun.se', name: 'Bo' }, { now });
    assert.equal((await repo.findUserByEmail(tenant, 'kansliet@kommun.se'))?.aadObjectId, bo);
    // Anna changing her address must not delete the index row that now belongs to Bo.
    await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' }, { now });
    assert.equal((await repo.findUserByEmail(tenant, 'kansliet@kommun.se'))?.aadObjectId, bo);
    assert.equal((await repo.findUserByEmail(tenant, 'anna@kommun.se'))?.aadObjectId, anna);
  });

  it('ignores an index row whose user no longer has that e-mail', async () => {
    await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' }, { now });
    await tables.users.upsertEntity({
      partitionKey: tenant,
      rowKey: 'email|gammal@kommun.se',
      aadObjectId: anna,
    });
    assert.equal(await repo.findUserByEmail(tenant, 'gammal@kommun.se'), null);
  });

  it('keeps the index consistent when one user is upserted concurrently', async () => {
    const emails = Array.from({ length: 8 }, (_, i) => `anna${i}@kommun.se`);
    await Promise.all(
      emails.map((email) => repo.upsertUser(tenant, { aadObjectId: anna, email, name: 'Anna' }, { now })),
    );
    const final = (await repo.getUser(tenant, anna)).email;
    assert.ok(final !== null && emails.includes(final));
    // The raw rows, not findUserByEmail (which would hide a stale index row): exactly one, the final e-mail's.
    const indexRows: string[] = [];
    for await (const row of tables.users.listEntities({
      queryOptions: {
        filter: odata`PartitionKey eq ${tenant} and RowKey ge ${'email|'} and RowKey lt ${'email}'}`,
      },
    })) {
      indexRows.push(row.rowKey ?? '');
    }
    assert.deepEqual(indexRows, [`email|${final}`]);
  });

  it("keeps tenants apart: tenant B finds nothing of tenant A's users", async () => {
    const other = newTenantId();
    await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' }, { now });
    await assert.rejects(repo.getUser(other, anna), NotFoundError);
    assert.equal(await repo.findUserByEmail(other, 'anna@kommun.se'), null);
    await repo.upsertUser(other, { aadObjectId: anna, email: 'anna@annan.se', name: 'Anna B' }, { now });
    assert.equal((await repo.getUser(tenant, anna)).email, 'anna@kommun.se');
    assert.equal(await repo.findUserByEmail(tenant, 'anna@annan.se'), null);
  });

  it("round-trips e-mails with / \\ # ? % ' and control characters", async () => {
    const weird = "o'brien/a\\b#c?d%25e\u0001f\u007f@kommun.se";
    await repo.upsertUser(tenant, { aadObjectId: anna, email: weird, name: "Seán O'Brien" }, { now });
    const found = await repo.findUserByEmail(tenant, weird.toUpperCase());
    assert.deepEqual(found && identity(found), { aadObjectId: anna, email: weird, name: "Seán O'Brien" });
    // A near miss is a different key: the escape of `%` keeps `%25` and `%` apart.
    assert.equal(await repo.findUserByEmail(tenant, "o'brien/a\\b#c?d%e\u0001f\u007f@kommun.se"), null);
  });

  it('answers an unknown user with a NotFoundError and an unknown e-mail with null', async () => {
    await assert.rejects(repo.getUser(tenant, anna), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.match(error.message, new RegExp(anna));
      return true;
    });
    assert.equal(await repo.findUserByEmail(tenant, 'ingen@kommun.se'), null);
  });

  it('refuses object ids that are not GUID-like, before any request', async () => {
    for (const bad of ['a/b', 'a|b', 'a b', "x' or 1 eq 1", '', 'x'.repeat(101), 42, ['id']]) {
      await assert.rejects(repo.getUser(tenant, bad as string), isInvalidKey);
      await assert.rejects(
        repo.upsertUser(tenant, { aadObjectId: bad as string, email: 'a@b.se', name: null }, { now }),
        isInvalidKey,
      );
    }
    await assert.rejects(repo.findUserByEmail(tenant, '  '), isInvalidKey);
  });
});

describe('UserRepository: what each turn reads on the user row (Azurite)', () => {
  let tables: Tables;
  let repo: UserRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    repo = new UserRepository(tables.users, tables.roles);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('keeps the language and conversation hash when the user is stored again, and clears them on request', async () => {
    const first = await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    const etag = await repo.updateUser(
      tenant,
      anna,
      { language: 'en', conversationHash: 'h1' },
      { etag: first.etag },
    );
    assert.notEqual(etag, first.etag);
    await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna.b@kommun.se', name: 'Anna B' });
    const again = await repo.getUser(tenant, anna);
    assert.equal(again.language, 'en');
    assert.equal(again.conversationHash, 'h1');
    await repo.updateUser(tenant, anna, { conversationHash: null });
    assert.equal((await repo.getUser(tenant, anna)).conversationHash, null);
    assert.equal((await repo.getUser(tenant, anna)).language, 'en');
  });

  it('with a stale ETag changes nothing; without one writes on top of a row changed meanwhile', async () => {
    const first = await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    await repo.updateUser(tenant, anna, { conversationHash: 'other turn' }, { etag: first.etag });
    await assert.rejects(
      repo.updateUser(tenant, anna, { language: 'sv' }, { etag: first.etag }),
      ConflictError,
    );
    assert.equal((await repo.getUser(tenant, anna)).language, null);
    await repo.updateUser(tenant, anna, { language: 'sv' });
    const now = await repo.getUser(tenant, anna);
    assert.equal(now.language, 'sv');
    assert.equal(now.conversationHash, 'other turn');
  });

  it('refuses a change for a user it does not know, and a language it does not speak', async () => {
    await assert.rejects(repo.updateUser(tenant, anna, { language: 'sv' }), NotFoundError);
    await repo.upsertUser(tenant, { aadObjectId: anna, email: null, name: null });
    await repo.updateUser(tenant, anna, { language: 'de' as 'sv' });
    assert.equal((await repo.getUser(tenant, anna)).language, null);
  });

  it('does not write a user stored again unchanged (a roster read a second time)', async () => {
    const first = await repo.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    const again = await repo.upsertUser(tenant, { aadObjectId: anna, email: 'ANNA@kommun.se', name: 'Anna' });
    assert.equal(again.etag, first.etag);
    const renamed = await repo.upsertUser(tenant, {
      aadObjectId: anna,
      email: 'anna@kommun.se',
      name: 'Anna A',
    });
    assert.notEqual(renamed.etag, first.etag);
    assert.equal(renamed.name, 'Anna A');
  });
});
