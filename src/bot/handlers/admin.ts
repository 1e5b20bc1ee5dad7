import { mayAdminister } from '../../domain/access';
import { checkGrant, grantForKnownCommittee, grantToRemove, type Role } from '../../domain/roles';
import { escapeMarkdown } from '../../teams/markdown';
import type { Reply, Turn } from '../turn';

/** The settings key of the channel that gets the weekly digest. */
export const DIGEST_CHANNEL_SETTING = 'digestChannel';

/** The value of the {@link DIGEST_CHANNEL_SETTING}: where the weekly digest is posted, and who chose it. */
export interface DigestChannel {
  /** The channel's conversation id, never a thread's: the digest starts a new post. */
  conversationId: string;
  /** The team the channel belongs to, when Teams said. */
  teamId: string | null;
  /** The Bot Connector the channel is reached through, from the activity of the command. */
  serviceUrl: string;
  /** Entra object id of the admin who chose the channel. */
  setBy: string;
  setAt: string;
}

/** `digest här`: an admin picks the team channel the weekly digest goes to. */
export async function setDigestChannel(turn: Turn): Promise<Reply> {
  const { context, caller, deps, say } = turn;
  if (!mayAdminister(caller)) return { text: say.onlyAdmin() };
  const conversation = context.activity.conversation;
  if (conversation?.conversationType !== 'channel') return { text: say.digestOnlyInChannel() };
  const channelData = context.activity.channelData as
    { channel?: { id?: unknown }; team?: { id?: unknown } } | undefined;
  // Typed in a thread, the conversation is the thread ("19:…;messageid=…"); the digest is a new post in the channel.
  const channelId =
    typeof channelData?.channel?.id === 'string' ? channelData.channel.id : conversation.id.split(';')[0];
  const value: DigestChannel = {
    conversationId: channelId,
    teamId: typeof channelData?.team?.id === 'string' ? channelData.team.id : null,
    serviceUrl: context.activity.serviceUrl,
    setBy: caller.aadObjectId,
    setAt: deps.now().toISOString(),
  };
  await deps.settings.upsertSetting(caller.tenantId, DIGEST_CHANNEL_SETTING, value);
  return { text: say.digestChannelSet() };
}

/**
 * `roll lägg till anna@kommun.se samordnare Socialnämnden`: only an admin grants or takes back roles. The grant is
 * checked before storage is touched (an e-mail address or object id, lengths), and a coordinator's committee must be
 * one the tenant's audits name: it is stored as they spell it.
 * @throws DomainError `InvalidValue` for a bad principal or committee, or a committee no audit names.
 */
export async function changeRole(
  turn: Turn,
  intent: { verb: 'add' | 'remove'; principal: string; role: Role; committee: string | null },
): Promise<Reply> {
  const { caller, deps, say } = turn;
  if (!mayAdminister(caller)) return { text: say.onlyAdmin() };
  const typed = checkGrant({ role: intent.role, principal: intent.principal, committee: intent.committee });
  const grant =
    intent.verb === 'add'
      ? grantForKnownCommittee(
          typed,
          typed.committee === null ? [] : await deps.audits.listCommittees(caller.tenantId),
        )
      : grantToRemove(typed, typed.committee === null ? [] : await deps.roles.listRoles(caller.tenantId));
  // Both are typed text quoted back in a markdown reply: escaped, so a committee named like a link shows as text.
  const principal = escapeMarkdown(grant.principal);
  const committee = grant.committee === null ? null : escapeMarkdown(grant.committee);
  if (intent.verb === 'add') {
    await deps.roles.addRole(caller.tenantId, grant);
    return { text: say.roleAdded(principal, grant.role, committee) };
  }
  await deps.roles.removeRole(caller.tenantId, grant);
  return { text: say.roleRemoved(principal, grant.role, committee) };
}
