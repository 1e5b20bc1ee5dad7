import type { TableClient } from '@azure/data-tables';
import { DomainError } from '../domain/errors';
import { MAX_COMMITTEE_LENGTH } from '../domain/committees';
import { MAX_PRINCIPAL_LENGTH, principalOf, ROLES, type RoleGrant } from '../domain/roles';
import { normalizeInput } from '../domain/text';
import { guarded, translateError } from './errorHelpers';
import { NotFoundError } from './errors';
import { encodeKeyPart, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { listGrants, type RoleEntity } from './roleRows';
import { UserRepository, type SyncRolesOptions } from './userRepository';

/*
 * Layout of the `roles` table. PartitionKey = tenant id; one row per grant:
 *   <role>|<encoded principal>|<encoded committee or ->     role, principal, committee
 * The key is the grant itself, so granting twice writes the same row. `-` cannot be mistaken for a committee named
 * "-": only coordinators have a committee and they always have one. A `|` inside the principal is escaped as well
 * (`%7C`; encodeKeyPart turns a typed `%7C` into `%257C`, so no other text maps to it), so the principal always ends at the second `|`.
 *
 * The grants naming a user are also copied onto the user's row (userRepository.ts), which every turn reads anyway:
 * so a turn learns its caller's roles without reading this table. This table stays the record; after each change
 * the rows of the users it names are brought in step. Taking a role back first removes it from those rows, then
 * deletes the grant, then brings the rows in step again: whatever stops the work half-way, or writes a row
 * meanwhile, a user's row never keeps a role that is no longer granted (see syncRoles and upsertUser).
 */
const NO_COMMITTEE = '-';

/** Who holds which role (admin, chair, auditor, coordinator of a committee) in each tenant, in one Azure table. */
export class RoleRepository {
  private readonly users: UserRepository;

  /**
   * @param client The `roles` table.
   * @param users The `users` table, whose rows carry a copy of the grants naming each user.
   */
  constructor(
    private readonly client: TableClient,
    users: TableClient,
  ) {
    this.users = new UserRepository(users, client);
  }

  /**
   * Grants a role. Granting a role the principal already holds changes nothing. The principal (e-mail or Entra
   * object id) is stored trimmed and in lower case.
   * @returns the grant as stored.
   * @throws DomainError `InvalidValue` for an unknown role, a coordinator without committee, another role with one,
   * or a principal or committee longer than the domain allows.
   */
  async addRole(tenantId: string, grant: RoleGrant): Promise<RoleGrant> {
    const partitionKey = tenantKey(tenantId);
    const normalized = normalizeGrant(grant);
    const entity: RoleEntity = {
      partitionKey,
      rowKey: roleKey(normalized),
      role: normalized.role,
      principal: normalized.principal,
      committee: normalized.committee ?? '',
    };
    checkEntityLimits(entity, `Rollen ${normalized.role}`);
    await guarded(`Rollen ${normalized.role}`, () => this.client.upsertEntity(entity, 'Replace'));
    await this.syncUsersNamed(tenantId, normalized.principal);
    return normalized;
  }

  /**
   * Takes back a role: from the rows of the users it names first, then the grant itself, then the rows once more.
   * Taking back a role that is not granted still brings those rows in step, so running it again repairs a removal
   * that was cut off.
   * @throws DomainError `InvalidValue`: `roleNotHeld` when the principal does not hold that role (for that
   * committee), which is bad input rather than a storage fault; otherwise as {@link addRole}.
   */
  async removeRole(tenantId: string, grant: RoleGrant): Promise<void> {
    const partitionKey = tenantKey(tenantId);
    const normalized = normalizeGrant(grant);
    await this.syncUsersNamed(tenantId, normalized.principal, { without: normalized });
    let missing: DomainError | null = null;
    try {
      await this.client.deleteEntity(partitionKey, roleKey(normalized));
    } catch (error) {
      const translated = translateError(error, `Rollen ${normalized.role}`);
      if (!(translated instanceof NotFoundError)) throw translated;
      missing = new DomainError(
        {
          kind: 'roleNotHeld',
          principal: normalized.principal,
          role: normalized.role,
          committee: normalized.committee,
        },
        { cause: error },
      );
    }
    // A user row written between the first pass and the delete may have copied the grant again.
    await this.syncUsersNamed(tenantId, normalized.principal);
    if (missing) throw missing;
  }

  /** Every grant of the tenant, ordered by role, then principal, then committee. */
  async listRoles(tenantId: string): Promise<RoleGrant[]> {
    return listGrants(this.client, tenantId);
  }

  private async syncUsersNamed(tenantId: string, principal: string, options: SyncRolesOptions = {}) {
    for (const aadObjectId of await this.users.listUsersNamed(tenantId, principal)) {
      await this.users.syncRoles(tenantId, aadObjectId, options);
    }
  }
}

function normalizeGrant(grant: RoleGrant): RoleGrant {
  const role = ROLES.find((r) => r === grant.role);
  if (!role) {
    throw new DomainError({ kind: 'unknownRole', given: JSON.stringify(grant.role), roles: ROLES });
  }
  const principal = normalizePrincipal(grant.principal);
  const committee = typeof grant.committee === 'string' ? normalizeInput(grant.committee) : null;
  if (role === 'coordinator' && !committee) {
    throw new DomainError({ kind: 'coordinatorNeedsCommittee' });
  }
  if (role !== 'coordinator' && committee) {
    throw new DomainError({ kind: 'roleHasNoCommittee', role });
  }
  // The commands check shapes too (checkGrant); these caps keep any other caller from reaching the service's key
  // limit and coming back with a storage error instead of a clear one.
  if (principal.length > MAX_PRINCIPAL_LENGTH) {
    throw new DomainError({ kind: 'principalTooLong', length: principal.length, max: MAX_PRINCIPAL_LENGTH });
  }
  if (committee && committee.length > MAX_COMMITTEE_LENGTH) {
    throw new DomainError({ kind: 'committeeTooLong', length: committee.length, max: MAX_COMMITTEE_LENGTH });
  }
  return { role, principal, committee: role === 'coordinator' ? committee : null };
}

function normalizePrincipal(principal: unknown): string {
  const normalized = typeof principal === 'string' ? principalOf(principal) : '';
  if (!normalized) {
    throw new DomainError({ kind: 'badPrincipal', given: JSON.stringify(principal) });
  }
  return normalized;
}

function roleKey(grant: RoleGrant): string {
  const principal = encodeKeyPart(grant.principal).replace(/\|/g, '%7C');
  const committee = grant.committee === null ? NO_COMMITTEE : encodeKeyPart(grant.committee);
  return `${grant.role}|${principal}|${committee}`;
}
