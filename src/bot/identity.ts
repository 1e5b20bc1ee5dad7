import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { grantedRoles, type Principal } from '../domain/access';
import { principalOf } from '../domain/roles';
import { NotFoundError } from '../storage';
import type { BotDeps } from './deps';
import { localeOf, type Locale } from '../texts/locale';

/**
 * Who is asking, decided from `from.aadObjectId` and the tenant only: never from card data or message text. What
 * they may do is decided by the rules in `domain/access.ts`, which take a caller as their {@link Principal}.
 */
export interface Caller extends Principal {
  readonly name: string | null;
  readonly locale: Locale;
}

/** The tenant an activity comes from, as Teams puts it in the conversation or channel data. */
export function tenantOf(context: TurnContext): string | null {
  const fromConversation = context.activity.conversation?.tenantId;
  const channelData = context.activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  const tenant =
    typeof fromConversation === 'string' && fromConversation ? fromConversation : fromChannelData;
  return typeof tenant === 'string' && tenant.trim() ? tenant.trim().toLowerCase() : null;
}

/**
 * Resolves the caller: the stored user (linked to an e-mail through the connector's member API the first time),
 * their roles by object id and e-mail, and whether they are a guest. Returns null when the activity names no
 * Entra user (such a request can do nothing).
 */
export async function resolveCaller(
  context: TurnContext,
  tenantId: string,
  deps: BotDeps,
): Promise<Caller | null> {
  const aadObjectId = context.activity.from?.aadObjectId;
  if (!isObjectId(aadObjectId)) return null;
  const id = aadObjectId.toLowerCase();
  // The tenant's grants are few (admins, the chair, coordinators): read them all beside the user, rather than
  // waiting for the user's e-mail to ask for the grants to it.
  const [found, tenantGrants] = await Promise.all([
    deps.users.getUser(tenantId, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    }),
    deps.roles.listRoles(tenantId),
  ]);
  let user = found;
  let isGuest = false;
  if (!user?.email) {
    const member = await fetchMember(context, deps);
    isGuest = member !== null && isGuestMember(member, tenantId);
    const email = member && !isGuest ? emailOf(member) : null;
    // Guests are not stored: their next turn asks again, so they never keep a link to an owner's e-mail.
    if (!isGuest) {
      user = await deps.users.upsertUser(
        tenantId,
        { aadObjectId: id, email, name: member?.name ?? context.activity.from.name ?? null },
        { now: deps.now() },
      );
    }
  }
  const email = isGuest ? null : (user?.email ?? null);
  return {
    tenantId,
    aadObjectId: id,
    email,
    name: user?.name ?? context.activity.from.name ?? null,
    ...grantedRoles(tenantGrants, { aadObjectId: id, email, isGuest }, deps.adminAadIds),
    isGuest,
    locale: localeOf(context.activity.locale),
  };
}

/** Reads the e-mail of every member of a team and links them, so owners can be reached before they write. */
export async function linkTeamMembers(
  context: TurnContext,
  tenantId: string,
  deps: BotDeps,
): Promise<number> {
  let linked = 0;
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, continuationToken);
    for (const member of page.members) {
      const email = emailOf(member);
      // A roster entry we cannot key (no or odd object id) is skipped, not fatal: the rest of the team still links.
      if (!isObjectId(member.aadObjectId) || !email || isGuestMember(member, tenantId)) continue;
      await deps.users.upsertUser(
        tenantId,
        { aadObjectId: member.aadObjectId, email, name: member.name ?? null },
        { now: deps.now() },
      );
      linked += 1;
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return linked;
}

async function fetchMember(context: TurnContext, deps: BotDeps): Promise<TeamsChannelAccount | null> {
  try {
    return await TeamsInfo.getMember(context, context.activity.from.id);
  } catch (error) {
    // Without the member API the caller is still known by object id; they just have no e-mail (no owned actions).
    deps.log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'Medlemsuppslag misslyckades',
    );
    return null;
  }
}

/** An Entra object id as Teams sends it (a GUID); anything else cannot name a user or become a Table key. */
function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z0-9-]{1,100}$/i.test(value);
}

function emailOf(member: TeamsChannelAccount): string | null {
  const value = member.email || member.userPrincipalName;
  return typeof value === 'string' && value.includes('@') ? principalOf(value) : null;
}

function isGuestMember(member: TeamsChannelAccount, tenantId: string): boolean {
  const foreignTenant = typeof member.tenantId === 'string' && member.tenantId.toLowerCase() !== tenantId;
  return member.userRole === 'guest' || foreignTenant;
}
