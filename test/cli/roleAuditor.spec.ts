import assert from 'node:assert/strict';
import { RoleRepository } from '../../src/storage/roleRepository';
import { runCliForTest, useCliStorage } from '../helpers/cli';

describe('cli role: the auditor (revisor)', () => {
  const storage = useCliStorage();

  const cli = (...argv: string[]) => runCliForTest(argv, storage);

  it('grants and takes back the auditor role, for the whole tenant', async () => {
    const added = await cli('role', 'add', 'Revisor@Kommun.se', 'auditor');
    assert.equal(added.code, 0, added.err);
    assert.equal(added.out, 'Rollen auditor gavs till revisor@kommun.se.');
    assert.deepEqual(
      await new RoleRepository(storage.tables.roles, storage.tables.users).listRoles(storage.tenantId),
      [{ role: 'auditor', principal: 'revisor@kommun.se', committee: null }],
    );
    const removed = await cli('role', 'remove', 'revisor@kommun.se', 'auditor');
    assert.equal(removed.code, 0, removed.err);
    assert.equal(removed.out, 'Rollen auditor togs bort från revisor@kommun.se.');
    assert.deepEqual(
      await new RoleRepository(storage.tables.roles, storage.tables.users).listRoles(storage.tenantId),
      [],
    );
  });

  it('refuses an auditor for one committee, and names the roles for an unknown one', async () => {
    const scoped = await cli('role', 'add', 'revisor@kommun.se', 'auditor', '--committee', 'Socialnämnden');
    assert.equal(scoped.code, 1);
    assert.match(scoped.err, /Rollen auditor gäller hela organisationen/);
    const unknown = await cli('role', 'add', 'revisor@kommun.se', 'revisorn');
    assert.equal(unknown.code, 1);
    assert.equal(unknown.err, 'Fel: Okänd roll "revisorn"; välj admin, chair, coordinator eller auditor.');
    assert.deepEqual(
      await new RoleRepository(storage.tables.roles, storage.tables.users).listRoles(storage.tenantId),
      [],
    );
  });
});
