import { checkGrant, grantForKnownCommittee, grantToRemove, ROLES, type Role } from '../../domain/roles';
import { AuditRepository, openTables, RoleRepository } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';

/**
 * `role add|remove <e-mail or object id> admin|chair|coordinator|auditor [--committee <name>]`. The grant is checked
 * as in chat: an e-mail address or object id, sensible lengths, and a coordinator's committee one that the tenant's
 * audits name (stored as they spell it).
 */
export const roleCommand: CliCommand = {
  name: 'role',
  usage: 'role add|remove <e-post eller objekt-id> admin|chair|coordinator|auditor [--committee <nämnd>]',
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      committee: { type: 'string' },
      tenant: { type: 'string' },
    });
    const [verb, principal, role, ...extra] = positionals;
    if ((verb !== 'add' && verb !== 'remove') || !principal || !role || extra.length > 0) {
      throw new UsageError(`Skriv: npm run cli -- ${this.usage}`);
    }
    if (!isRole(role)) {
      throw new UsageError(`Okänd roll "${role}"; välj admin, chair, coordinator eller auditor.`);
    }
    const tenantId = tenantOf(values.tenant, context);
    // Checked before storage is opened: a bad principal or committee never reaches it.
    const typed = checkGrant({ role, principal, committee: values.committee ?? null });
    const tables = await openTables(context.connectionString);
    const roles = new RoleRepository(tables.roles, tables.users);
    if (verb === 'add') {
      const known =
        typed.committee === null ? [] : await new AuditRepository(tables.audits).listCommittees(tenantId);
      const grant = grantForKnownCommittee(typed, known);
      await roles.addRole(tenantId, grant);
      context.out(`Rollen ${role} gavs till ${grant.principal}${scopeOf(grant.committee)}.`);
    } else {
      const grant = grantToRemove(typed, typed.committee === null ? [] : await roles.listRoles(tenantId));
      await roles.removeRole(tenantId, grant);
      context.out(`Rollen ${role} togs bort från ${grant.principal}${scopeOf(grant.committee)}.`);
    }
    return 0;
  },
};

function scopeOf(committee: string | null): string {
  return committee === null ? '' : ` för ${committee}`;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
