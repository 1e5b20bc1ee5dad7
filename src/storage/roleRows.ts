import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { principalOf, ROLES, type Role, type RoleGrant } from '../domain/roles';
import { listAll } from './query';
import { StorageError } from './errors';
import { tenantKey } from './keys';

/*
 * The rows of the `roles` table as both RoleRepository (which writes them) and UserRepository (which copies the grants
 * naming a user onto the user's row) read them. Layout: see roleRepository.ts.
 */

/** One grant as stored. */
export type RoleEntity = TableEntity<{
  role: string;
  principal: string;
  committee: string;
}>;

/** Every grant of the tenant, ordered by role, then principal, then committee (the RowKey's order). */
export async function listGrants(client: TableClient, tenantId: string): Promise<RoleGrant[]> {
  const partitionKey = tenantKey(tenantId);
  return listAll<RoleEntity, RoleGrant>(
    client,
    odata`PartitionKey eq ${partitionKey}`,
    toGrant,
    'Läsa roller',
  );
}

/** The grants that name one of `names` (e-mail addresses or object ids, compared as principals). */
export function grantsNaming(grants: readonly RoleGrant[], names: readonly (string | null)[]): RoleGrant[] {
  const wanted = new Set(names.filter((name): name is string => name !== null).map(principalOf));
  return grants.filter((grant) => wanted.has(principalOf(grant.principal)));
}

/** Whether two lists hold the same grants, in any order. */
export function sameGrants(a: readonly RoleGrant[], b: readonly RoleGrant[]): boolean {
  const keys = (grants: readonly RoleGrant[]) => grants.map(grantKey).sort().join('\n');
  return a.length === b.length && keys(a) === keys(b);
}

/** One text per grant, the same for equal grants. */
export function grantKey(grant: RoleGrant): string {
  return JSON.stringify([grant.role, principalOf(grant.principal), grant.committee]);
}

/** A stored grant as the domain's type. */
export function toGrant(entity: RoleEntity): RoleGrant {
  const role: Role | undefined = ROLES.find((r) => r === entity.role);
  if (!role) throw new StorageError(`Okänd roll i lagringen: ${entity.role}`);
  return { role, principal: entity.principal, committee: entity.committee || null };
}
