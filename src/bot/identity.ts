import { grantedRoles, type Principal } from '../domain/access';
import { principalOf, type RoleGrant } from '../domain/roles';
import { NotFoundError, type StoredUser } from '../storage';
import type { IncomingActivity } from '../teams/activity';
import type { MemberDirectory, TeamsMember } from '../teams/members';
import type { BotDeps } from './deps';
import { localeOf, type Locale } from '../texts/locale';

/**
 * Who is asking, decided from `from.aadObjectId` and the tenant only: never from card data or message text. What
 * they may do is decided by the rules in `domain/access.ts`, which take a caller as their {@link Principal}.
 */
export interface Caller extends Principal {
  readonly name: string | null;
  /** The language of the caller's Teams client. */
  readonly locale: Locale;
  /** The language the caller last wrote a command in, remembered on their row; null when not known. */
  readonly language: Locale | null;
}

/** A resolved caller and their stored row: null for guests, who are never stored. */
export interface ResolvedCaller {
  readonly caller: Caller;
  readonly user: StoredUser | null;
}

/** The sender's Entra object id, checked: what may name a user and become a Table key, or why it may not. */
export type CallerId = { ok: true; id: string } | { ok: false; problem: 'missing' | 'malformed' };

/**
 * Checks `from.aadObjectId` before anything is read or stored with it: a GUID as Teams sends it, or the ids local
 * tools send (Agents Playground: `00000000-0000-0000-0000-0000000000020`), letters, digits and dashes up to 100.
 * The activity is input: a forged id (`../`, 10 KB long, a newline, a number) must end in the unknown-user answer.
 */
export function callerIdOf(activity: Pick<IncomingActivity, 'from'>): CallerId {
  const value = activity.from.aadObjectId;
  if (value === undefined || value === null || value === '') return { ok: false, problem: 'missing' };
  return isObjectId(value) ? { ok: true, id: value.toLowerCase() } : { ok: false, problem: 'malformed' };
}

/** Longest part of an id the log shows. */
const LOGGED_ID_CHARS = 40;

/** An unchecked id as the log may show it: its type, and for text at most 40 characters, control characters escaped. */
export function idForLog(value: unknown): string {
  if (typeof value !== 'string') return `(${value === null ? 'null' : typeof value})`;
  const clipped = JSON.stringify(value.slice(0, LOGGED_ID_CHARS));
  return value.length > LOGGED_ID_CHARS ? `${clipped}… (${value.length} tecken)` : clipped;
}

/**
 * Resolves the caller from their stored row: who they are, their e-mail (linked through the connector's member API
 * the first time), their roles (copied onto the row from the grants, see RoleRepository) and the language they last
 * wrote in; and whether they are a guest. Once the bot has met a person this is one Table read. Returns null when
 * the activity names no Entra user (such a request can do nothing).
 */
export async function resolveCaller(
  activity: IncomingActivity,
  members: MemberDirectory,
  tenantId: string,
  deps: BotDeps,
): Promise<ResolvedCaller | null> {
  const callerId = callerIdOf(activity);
  if (!callerId.ok) return null;
  const { id } = callerId;
  let user = await deps.users.getUser(tenantId, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  let isGuest = false;
  if (!user?.email) {
    const member = await fetchMember(members, activity.from.id, deps);
    isGuest = member !== null && isGuestMember(member, tenantId);
    const email = member && !isGuest ? emailOf(member) : null;
    // Guests are not stored: their next turn asks again, so they never keep a link to an owner's e-mail.
    if (!isGuest) {
      user = await deps.users.upsertUser(
        tenantId,
        { aadObjectId: id, email, name: member?.name ?? activity.from.name },
        { now: deps.now() },
      );
    }
  }
  let grants: readonly RoleGrant[] = [];
  if (user && !isGuest) {
    // A row from before roles were kept on it is brought in step once; the roles table answers meanwhile.
    if (user.roles === null) user = (await deps.users.syncRoles(tenantId, id)) ?? user;
    grants = user.roles ?? (await deps.roles.listRoles(tenantId));
  }
  const email = isGuest ? null : (user?.email ?? null);
  const caller: Caller = {
    tenantId,
    aadObjectId: id,
    email,
    name: user?.name ?? activity.from.name,
    ...grantedRoles(grants, { aadObjectId: id, email, isGuest }, deps.adminAadIds),
    isGuest,
    locale: localeOf(activity.locale),
    language: isGuest ? null : (user?.language ?? null),
  };
  return { caller, user: isGuest ? null : user };
}

/** Reads the e-mail of every member of a team and links them, so owners can be reached before they write. */
export async function linkTeamMembers(
  members: MemberDirectory,
  tenantId: string,
  deps: BotDeps,
): Promise<number> {
  let linked = 0;
  let continuationToken: string | undefined;
  do {
    const page = await members.getPagedMembers(continuationToken);
    for (const member of page.members) {
      const email = emailOf(member);
      // A roster entry we cannot key (no or odd object id) is skipped, not fatal: the rest of the team still links.
      if (!isObjectId(member.aadObjectId) || !email || isGuestMember(member, tenantId)) continue;
      await deps.users.upsertUser(
        tenantId,
        { aadObjectId: member.aadObjectId, email, name: member.name },
        { now: deps.now() },
      );
      linked += 1;
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return linked;
}

async function fetchMember(
  members: MemberDirectory,
  userId: string,
  deps: BotDeps,
): Promise<TeamsMember | null> {
  try {
    return await members.getMember(userId);
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

function emailOf(member: TeamsMember): string | null {
  const value = member.email || member.userPrincipalName;
  return typeof value === 'string' && value.includes('@') ? principalOf(value) : null;
}

function isGuestMember(member: TeamsMember, tenantId: string): boolean {
  const foreignTenant = typeof member.tenantId === 'string' && member.tenantId.toLowerCase() !== tenantId;
  return member.userRole === 'guest' || foreignTenant;
}
