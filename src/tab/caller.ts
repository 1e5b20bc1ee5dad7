import { grantedRoles, type Principal } from '../domain/access';
import { NotFoundError, type RoleRepository, type UserRepository } from '../storage';
import type { TabIdentity } from './tokens';

/** Who is using the tab: the same person, with the same roles, as in chat. */
export interface TabCaller extends Principal {
  readonly name: string | null;
}

/** What {@link resolveTabCaller} reads: the users and role grants chat reads. */
export interface TabCallerSources {
  readonly users: Pick<UserRepository, 'getUser'>;
  readonly roles: Pick<RoleRepository, 'listRoles'>;
  /** ADMIN_AAD_IDS. */
  readonly adminAadIds: readonly string[];
}

/**
 * The Agents Playground's default user (Alex Wilber, `user-id-0`), whom the tab stands for in local mode, when
 * requests carry no token: the same object id, tenant and e-mail the bot gets from the Playground in chat (see
 * docs/playground.md).
 */
export const PLAYGROUND_DEMO_USER = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  email: 'alexw@example.com',
  name: 'Alex Wilber',
} as const;

/**
 * Resolves a verified identity as chat does (src/bot/identity.ts): the stored user by object id gives the e-mail
 * that actions name, and the tenant's grants give the roles. Unlike chat it writes nothing and asks no connector:
 * a person the bot has not met yet has no e-mail here, and sees what their object id's grants allow. A guest
 * holds no role and no e-mail, as in chat.
 *
 * @param fallbackEmail The e-mail to use when no user is stored (local mode's demo user only).
 */
export async function resolveTabCaller(
  identity: TabIdentity,
  sources: TabCallerSources,
  fallbackEmail: string | null = null,
): Promise<TabCaller> {
  const { tenantId, aadObjectId, isGuest } = identity;
  const [user, grants] = await Promise.all([
    sources.users.getUser(tenantId, aadObjectId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    }),
    sources.roles.listRoles(tenantId),
  ]);
  const email = isGuest ? null : (user?.email ?? fallbackEmail);
  return {
    tenantId,
    aadObjectId,
    email,
    name: user?.name ?? identity.name,
    ...grantedRoles(grants, { aadObjectId, email, isGuest }, sources.adminAadIds),
    isGuest,
  };
}
