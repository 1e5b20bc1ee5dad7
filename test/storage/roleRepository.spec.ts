import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors';
import type { RoleGrant } from '../../src/domain/roles';
import { NotFoundError, StorageError } from '../../src/storage/errors';
import { RoleRepository } from '../../src/storage/roleRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const objectId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function isInvalidValue(error: unknown): boolean {
  assert.ok(error instanceof DomainError);
  assert.equal(error.code, 'InvalidValue');
  return true;
}

describe('RoleRepository (Azurite)', () => {
  let tables: Tables;
  let repo: RoleRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    repo = new RoleRepository(tables.roles);
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
      NotFoundError,
    );
    assert.equal((await repo.listRoles(tenant)).length, 1);
  });

  it('answers the removal of a grant that does not exist with a clear NotFoundError', async () => {
    await repo.addRole(tenant, {
      role: 'coordinator',
      principal: 'bo@kommun.se',
      committee: 'Socialnämnden',
    });
    await assert.rejects(
      repo.removeRole(tenant, { role: 'coordinator', principal: 'bo@kommun.se', committee: 'Kulturnämnden' }),
      (error: unknown) => {
        assert.ok(error instanceof NotFoundError);
        assert.equal(
          error.message,
          'bo@kommun.se har inte rollen coordinator för Kulturnämnden; inget togs bort.',
        );
        return true;
      },
    );
    await assert.rejects(
      repo.removeRole(tenant, { role: 'admin', principal: 'bo@kommun.se', committee: null }),
      (error: unknown) => {
        assert.ok(error instanceof NotFoundError);
        assert.equal(error.message, 'bo@kommun.se har inte rollen admin; inget togs bort.');
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
