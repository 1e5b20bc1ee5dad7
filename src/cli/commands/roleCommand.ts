import { ROLE_NAMES_SV, ROLES, type Role } from '../../domain/roles';
import { openTables, RoleRepository } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';

/** `role add|remove <e-mail or object id> admin|chair|coordinator|auditor [--committee <name>]`. */
export const roleCommand: CliCommand = {
  name: 'role',
  usage: `role add|remove <e-post eller objekt-id> ${ROLES.join('|')} [--committee <nämnd>]`,
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
      throw new UsageError(
        `Okänd roll "${role}"; välj ${ROLES.slice(0, -1).join(', ')} eller ${ROLES.at(-1) ?? ''}.`,
      );
    }
    const tenantId = tenantOf(values.tenant, context);
    const roles = new RoleRepository((await openTables(context.connectionString)).roles);
    const grant = { role, principal, committee: values.committee ?? null };
    const scope = grant.committee ? ` för ${grant.committee}` : '';
    const name = `${role} (${ROLE_NAMES_SV[role]})`;
    if (verb === 'add') {
      await roles.addRole(tenantId, grant);
      context.out(`Rollen ${name} gavs till ${principal}${scope}.`);
    } else {
      await roles.removeRole(tenantId, grant);
      context.out(`Rollen ${name} togs bort från ${principal}${scope}.`);
    }
    return 0;
  },
};

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
