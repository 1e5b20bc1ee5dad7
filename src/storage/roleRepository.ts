import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { DomainError } from '../domain/errors';
import { MAX_COMMITTEE_LENGTH } from '../domain/committees';
import { MAX_PRINCIPAL_LENGTH, principalOf, ROLES, type Role, type RoleGrant } from '../domain/roles';
import { normalizeInput } from '../domain/text';
import { listAll } from './query';
import { guarded, translateError } from './errorHelpers';
import { NotFoundError, StorageError } from './errors';
import { encodeKeyPart, tenantKey } from './keys';
import { checkEntityLimits } from './limits';

/*
 * Layout of the `roles` table. PartitionKey = tenant id; one row per grant:
 *   <role>|<encoded principal>|<encoded committee or ->     role, principal, committee
 * The key is the grant itself, so granting twice writes the same row. `-` cannot be mistaken for a committee named
 * "-": only coordinators have a committee and they always have one. A `|` inside the principal is escaped as well
 * (`%7C`; encodeKeyPart turns a typed `%7C` into `%257C`, so no other text maps to it), so the principal always ends at the second `|`.
 */
const NO_COMMITTEE = '-';

type RoleEntity = TableEntity<{
  role: string;
  principal: string;
  committee: string;
}>;

/** Who holds which role (admin, chair, auditor, coordinator of a committee) in each tenant, in one Azure table. */
export class RoleRepository {
  constructor(private readonly client: TableClient) {}

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
    return normalized;
  }

  /**
   * Takes back a role.
   * @throws NotFoundError when the principal does not hold that role (for that committee).
   * @throws DomainError `InvalidValue` as {@link addRole}.
   */
  async removeRole(tenantId: string, grant: RoleGrant): Promise<void> {
    const partitionKey = tenantKey(tenantId);
    const normalized = normalizeGrant(grant);
    try {
      await this.client.deleteEntity(partitionKey, roleKey(normalized));
    } catch (error) {
      const translated = translateError(error, `Rollen ${normalized.role}`);
      if (translated instanceof NotFoundError) {
        const forCommittee = normalized.committee === null ? '' : ` för ${normalized.committee}`;
        throw new NotFoundError(
          `${normalized.principal} har inte rollen ${normalized.role}${forCommittee}; inget togs bort.`,
          { cause: error },
        );
      }
      throw translated;
    }
  }

  /** Every grant of the tenant, ordered by role, then principal, then committee. */
  async listRoles(tenantId: string): Promise<RoleGrant[]> {
    const partitionKey = tenantKey(tenantId);
    return this.query(odata`PartitionKey eq ${partitionKey}`);
  }

  private async query(filter: string): Promise<RoleGrant[]> {
    return listAll<RoleEntity, RoleGrant>(this.client, filter, toGrant, 'Läsa roller');
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

function toGrant(entity: RoleEntity): RoleGrant {
  const role: Role | undefined = ROLES.find((r) => r === entity.role);
  if (!role) throw new StorageError(`Okänd roll i lagringen: ${entity.role}`);
  return { role, principal: entity.principal, committee: entity.committee || null };
}
