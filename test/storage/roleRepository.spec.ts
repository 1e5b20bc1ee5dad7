import assert from 'node:assert/strict';
import type { TableClient } from '@azure/data-tables';
import { DomainError } from '../../src/domain/errors';
import type { RoleGrant } from '../../src/domain/roles';
import { StorageError } from '../../src/storage/errors';
import { RoleRepository } from '../../src/storage/roleRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { UserRepository } from '../../src/storage/userRepository';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const objectId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function isInvalidValue(error: unknown): boolean {
  assert.ok(error instanceof DomainError);
  assert.equal(error.code, 'InvalidValue');
  return true;
}

function isRoleNotHeld(error: unknown): boolean {
  assert.ok(error instanceof DomainError);
  assert.equal(error.problem.kind, 'roleNotHeld');
  return true;
}

describe('RoleRepository (Azurite)', () => {
  let tables: Tables;
  let repo: RoleRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    repo = new RoleRepository(tables.roles, tables.users);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('adds, lists and removes grants', async () => {
    const stored = await repo.addRole(tenant, {
      role: 'coordinator',
      principal: ' Anna.Andersson@Kommun.se ',
      committee: ' Socialnämnden ',
    });
    assert.deepEqual(stored, {
      role: 'coordinator',
      principal: 'anna.andersson@kommun.se',
      committee: 'Socialnämnden',
    });
    await repo.addRole(tenant, { role: 'chair', principal: objectId, committee: null });
    await repo.addRole(tenant, { role: 'admin', principal: 'it@kommun.se', committee: null });
    assert.deepEqual(await repo.listRoles(tenant), [
      { role: 'admin', principal: 'it@kommun.se', committee: null },
      { role: 'chair', principal: objectId, committee: null },
      stored,
    ]);
    await repo.removeRole(tenant, { role: 'chair', principal: objectId.toUpperCase(), committee: null });
    assert.deepEqual(
      (await repo.listRoles(tenant)).map((g) => g.role),
      ['admin', 'coordinator'],
    );
  });

  it('adds the same grant twice as one', async () => {
    const grant: RoleGrant = { role: 'admin', principal: 'it@kommun.se', committee: null };
    await repo.addRole(tenant, grant);
    await repo.addRole(tenant, { ...grant, principal: 'IT@kommun.se' });
    assert.equal((await repo.listRoles(tenant)).length, 1);
  });

  it('keeps a coordinator of two committees as two grants', async () => {
    await repo.addRole(tenant, {
      role: 'coordinator',
      principal: 'bo@kommun.se',
      committee: 'Socialnämnden',
    });
    await repo.addRole(tenant, {
      role: 'coordinator',
      principal: 'bo@kommun.se',
      committee: 'Kulturnämnden',
    });
    await repo.removeRole(tenant, {
      role: 'coordinator',
      principal: 'bo@kommun.se',
      committee: 'Socialnämnden',
    });
    assert.deepEqual(await repo.listRoles(tenant), [
      { role: 'coordinator', principal: 'bo@kommun.se', committee: 'Kulturnämnden' },
    ]);
  });

  it('stores principals as they are compared: an e-mail or object id in lower case', async () => {
    await repo.addRole(tenant, { role: 'chair', principal: objectId.toUpperCase(), committee: null });
    await repo.addRole(tenant, {
      role: 'coordinator',
      principal: ' Anna@Kommun.se ',
      committee: 'Socialnämnden',
    });
    assert.deepEqual((await repo.listRoles(tenant)).map((g) => [g.role, g.principal]).sort(), [
      ['chair', objectId],
      ['coordinator', 'anna@kommun.se'],
    ]);
  });

  it('refuses a coordinator without committee and an admin or chair with one, writing nothing', async () => {
    await assert.rejects(
      repo.addRole(tenant, { role: 'coordinator', principal: 'a@kommun.se', committee: null }),
      (error: unknown) => isInvalidValue(error) && /nämnd/.test((error as Error).message),
    );
    await assert.rejects(
      repo.addRole(tenant, { role: 'coordinator', principal: 'a@kommun.se', committee: '   ' }),
      isInvalidValue,
    );
    for (const role of ['admin', 'chair'] as const) {
      await assert.rejects(
        repo.addRole(tenant, { role, principal: 'a@kommun.se', committee: 'Socialnämnden' }),
        isInvalidValue,
      );
    }
    assert.deepEqual(await repo.listRoles(tenant), []);
  });

  it('refuses unknown roles and principals that are not non-empty strings', async () => {
    const badGrants = [
      { role: 'superuser', principal: 'a@kommun.se', committee: null },
      { role: 'admin', principal: '  ', committee: null },
      { role: 'admin', principal: 42, committee: null },
      { role: 'admin', principal: ['a@kommun.se'], committee: null },
    ] as unknown as RoleGrant[];
    for (const grant of badGrants) await assert.rejects(repo.addRole(tenant, grant), isInvalidValue);
    assert.deepEqual(await repo.listRoles(tenant), []);
  });

  it("keeps ' in principals and committees as written, and removes by them", async () => {
    await repo.addRole(tenant, { role: 'admin', principal: "O'Brien@kommun.se", committee: null });
    await repo.addRole(tenant, { role: 'coordinator', principal: 'bo@kommun.se', committee: "x' or 1 eq 1" });
    assert.deepEqual((await repo.listRoles(tenant)).map((g) => [g.principal, g.committee]).sort(), [
      ['bo@kommun.se', "x' or 1 eq 1"],
      ["o'brien@kommun.se", null],
    ]);
    await repo.removeRole(tenant, { role: 'admin', principal: "o'brien@kommun.se", committee: null });
    assert.equal((await repo.listRoles(tenant)).length, 1);
  });

  it('round-trips principals and committees with / \\ # ? % | and control characters', async () => {
    const committee = 'Nämnd/för\\vård#och?omsorg %25 |x| \u0001\u007f';
    const principal = 'a/b\\c#d?e%f|g\u0002@kommun.se';
    await repo.addRole(tenant, { role: 'coordinator', principal, committee });
    // Without escaping `|` in the principal these two grants would share a key.
    await repo.addRole(tenant, { role: 'coordinator', principal: 'a', committee: 'b|c' });
    await repo.addRole(tenant, { role: 'coordinator', principal: 'a|b', committee: 'c' });
    const all = await repo.listRoles(tenant);
    assert.equal(all.length, 3);
    assert.ok(all.some((g) => g.principal === principal && g.committee === committee));
    await repo.removeRole(tenant, { role: 'coordinator', principal, committee });
    assert.equal((await repo.listRoles(tenant)).length, 2);
  });

  it("keeps tenants apart: tenant B sees none of tenant A's grants", async () => {
    const other = newTenantId();
    await repo.addRole(tenant, { role: 'admin', principal: 'it@kommun.se', committee: null });
    assert.deepEqual(await repo.listRoles(other), []);
    await assert.rejects(
      repo.removeRole(other, { role: 'admin', principal: 'it@kommun.se', committee: null }),
      isRoleNotHeld,
    );
    assert.equal((await repo.listRoles(tenant)).length, 1);
  });

  it('answers the removal of a grant that does not exist as bad input (roleNotHeld), not as a storage fault', async () => {
    await repo.addRole(tenant, {
      role: 'coordinator',
      principal: 'bo@kommun.se',
      committee: 'Socialnämnden',
    });
    await assert.rejects(
      repo.removeRole(tenant, { role: 'coordinator', principal: 'bo@kommun.se', committee: 'Kulturnämnden' }),
      (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.deepEqual(error.problem, {
          kind: 'roleNotHeld',
          principal: 'bo@kommun.se',
          role: 'coordinator',
          committee: 'Kulturnämnden',
        });
        assert.equal(
          error.message,
          'bo@kommun.se har inte rollen coordinator för Kulturnämnden; inget har ändrats.',
        );
        return true;
      },
    );
    await assert.rejects(
      repo.removeRole(tenant, { role: 'admin', principal: 'bo@kommun.se', committee: null }),
      (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.message, 'bo@kommun.se har inte rollen admin; inget har ändrats.');
        return true;
      },
    );
    assert.equal((await repo.listRoles(tenant)).length, 1);
  });

  it('refuses a tenant id that would break a key', async () => {
    await assert.rejects(repo.listRoles("x' or 1 eq 1"), (error: unknown) => {
      assert.ok(error instanceof StorageError);
      assert.equal(error.code, 'InvalidKey');
      return true;
    });
  });
});

describe('grants copied onto the user rows (RoleRepository + UserRepository, Azurite)', () => {
  const anna = 'aa000001-0000-4000-8000-000000000001';
  const chair: RoleGrant = { role: 'chair', principal: 'anna@kommun.se', committee: null };
  let tables: Tables;
  let roles: RoleRepository;
  let users: UserRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    roles = new RoleRepository(tables.roles, tables.users);
    users = new UserRepository(tables.users, tables.roles);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('gives a user met later the grants made to their e-mail before, and none of anyone else', async () => {
    await roles.addRole(tenant, chair);
    await roles.addRole(tenant, { role: 'admin', principal: 'bo@kommun.se', committee: null });
    const stored = await users.upsertUser(tenant, {
      aadObjectId: anna,
      email: 'Anna@Kommun.se',
      name: 'Anna',
    });
    assert.deepEqual(stored.roles, [chair]);
    assert.deepEqual((await users.getUser(tenant, anna)).roles, [chair]);
  });

  it('brings the rows of the users a grant names in step when it is given and taken back', async () => {
    await users.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    assert.deepEqual((await users.getUser(tenant, anna)).roles, []);
    await roles.addRole(tenant, chair);
    const byId: RoleGrant = {
      role: 'coordinator',
      principal: anna.toUpperCase(),
      committee: 'Socialnämnden',
    };
    await roles.addRole(tenant, byId);
    assert.deepEqual((await users.getUser(tenant, anna)).roles?.map((grant) => grant.role).sort(), [
      'chair',
      'coordinator',
    ]);
    await roles.removeRole(tenant, { ...chair, principal: 'ANNA@kommun.se' });
    assert.deepEqual((await users.getUser(tenant, anna)).roles, [{ ...byId, principal: anna }]);
    await roles.removeRole(tenant, byId);
    assert.deepEqual((await users.getUser(tenant, anna)).roles, []);
  });

  it('takes a role back from every row with that e-mail (an account made again), not only the indexed one', async () => {
    const again = 'aa000001-0000-4000-8000-0000000000a2';
    await users.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    await users.upsertUser(tenant, { aadObjectId: again, email: 'anna@kommun.se', name: 'Anna' });
    await roles.addRole(tenant, chair);
    for (const id of [anna, again]) assert.deepEqual((await users.getUser(tenant, id)).roles, [chair]);
    await roles.removeRole(tenant, chair);
    for (const id of [anna, again]) assert.deepEqual((await users.getUser(tenant, id)).roles, []);
  });

  it('repairs a row that kept a grant taken back (a removal cut off half-way) when the removal is run again', async () => {
    await roles.addRole(tenant, chair);
    await users.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    await tables.roles.deleteEntity(tenant, 'chair|anna@kommun.se|-');
    assert.deepEqual((await users.getUser(tenant, anna)).roles, [chair], 'the row still has it');
    await assert.rejects(roles.removeRole(tenant, chair), isRoleNotHeld);
    assert.deepEqual((await users.getUser(tenant, anna)).roles, []);
  });

  it('a new e-mail brings the new address’s grants and drops the old one’s', async () => {
    await roles.addRole(tenant, chair);
    await users.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    const moved = await users.upsertUser(tenant, {
      aadObjectId: anna,
      email: 'anna.b@kommun.se',
      name: 'Anna',
    });
    assert.deepEqual(moved.roles, []);
  });

  /**
   * A roles table whose first read of the grants waits until `release` is called: the user being stored has read
   * the grants, and the grant changes before the user's row is written.
   */
  function pausedRoles(): { client: TableClient; reading: Promise<void>; release: () => void } {
    let release = () => {};
    let markReading = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const reading = new Promise<void>((resolve) => (markReading = resolve));
    let first = true;
    const client = Object.create(tables.roles) as TableClient;
    client.listEntities = ((options) => {
      const inner = tables.roles.listEntities(options);
      if (!first) return inner;
      first = false;
      async function* afterRelease() {
        const rows = [];
        for await (const row of inner) rows.push(row);
        markReading();
        await released;
        yield* rows;
      }
      return afterRelease() as unknown as ReturnType<TableClient['listEntities']>;
    }) as TableClient['listEntities'];
    return { client, reading, release };
  }

  for (const change of ['given', 'taken back'] as const) {
    it(`never misses a grant ${change} while a user is stored for the first time`, async () => {
      if (change === 'taken back') await roles.addRole(tenant, chair);
      const paused = pausedRoles();
      const storing = new UserRepository(tables.users, paused.client).upsertUser(tenant, {
        aadObjectId: anna,
        email: 'anna@kommun.se',
        name: 'Anna',
      });
      await paused.reading;
      // The grant changes after the user's grants were read, before their row exists: no row to bring in step.
      await (change === 'given' ? roles.addRole(tenant, chair) : roles.removeRole(tenant, chair));
      paused.release();
      await storing;
      assert.deepEqual((await users.getUser(tenant, anna)).roles, change === 'given' ? [chair] : []);
    });
  }

  it('a row written without the roles table has no known grants, and syncRoles fills them in', async () => {
    await roles.addRole(tenant, chair);
    const plain = new UserRepository(tables.users);
    assert.equal(
      (await plain.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: null })).roles,
      null,
    );
    await assert.rejects(plain.syncRoles(tenant, anna), StorageError);
    assert.deepEqual((await users.syncRoles(tenant, anna))?.roles, [chair]);
    assert.equal(await users.syncRoles(tenant, 'bb000002-0000-4000-8000-000000000002'), null);
  });
});
