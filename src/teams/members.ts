/**
 * The Bot Connector's member API (`GET /v3/conversations/{id}/members/...`) as the bot reads it: who a user is
 * (e-mail, UPN, tenant, guest or not), one member or a team's roster page by page.
 */

/** A member of a conversation as the member API describes them; every field is the channel's, unchecked. */
export interface TeamsMember {
  /** The channel's id for the member (`29:...`). */
  readonly id: string;
  readonly name: string | null;
  readonly aadObjectId: unknown;
  readonly email: string | null;
  readonly userPrincipalName: string | null;
  /** The member's home tenant: another one than the conversation's for people from other organisations. */
  readonly tenantId: string | null;
  /** `guest` for guests. */
  readonly userRole: string | null;
}

/** One page of a conversation's members. */
export interface MemberPage {
  readonly members: readonly TeamsMember[];
  /** Ask again with this for the next page; undefined on the last. */
  readonly continuationToken: string | undefined;
}

/** The member API of the conversation an activity came from. */
export interface MemberDirectory {
  /** One member, by the channel's id for them. */
  getMember(userId: string): Promise<TeamsMember>;
  /** One page of the members (up to 500), from `continuationToken` on. */
  getPagedMembers(continuationToken?: string): Promise<MemberPage>;
}

/** The member as the bot's own type, from the member API's JSON. */
export function toTeamsMember(member: {
  id: string;
  name?: unknown;
  aadObjectId?: unknown;
  email?: unknown;
  userPrincipalName?: unknown;
  tenantId?: unknown;
  userRole?: unknown;
}): TeamsMember {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return {
    id: member.id,
    name: text(member.name),
    aadObjectId: member.aadObjectId,
    email: text(member.email),
    userPrincipalName: text(member.userPrincipalName),
    tenantId: text(member.tenantId),
    userRole: text(member.userRole),
  };
}
