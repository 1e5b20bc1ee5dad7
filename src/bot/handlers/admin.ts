import { mayAdminister } from '../../domain/access';
import { checkGrant, grantForKnownCommittee, grantToRemove, type Role } from '../../domain/roles';
import { DIGEST_CHANNEL_SETTING, type DigestChannel } from '../../storage';
import { escapeMarkdown } from '../../teams/markdown';
import type { Reply, Turn } from '../turn';

/** `digest här`: an admin picks the team channel the weekly digest goes to. */
export async function setDigestChannel(turn: Turn): Promise<Reply> {
  const { activity, caller, deps, say } = turn;
  if (!mayAdminister(caller)) return { text: say.onlyAdmin() };
  if (activity.scope !== 'channel') return { text: say.digestOnlyInChannel() };
  // Typed in a thread, the conversation is the thread ("19:…;messageid=…"); the digest is a new post in the channel.
  const channelId = activity.channelId ?? activity.conversation.id.split(';')[0] ?? activity.conversation.id;
  const value: DigestChannel = {
    conversationId: channelId,
    teamId: activity.teamId,
    serviceUrl: activity.serviceUrl,
    setBy: caller.aadObjectId,
    setAt: deps.now().toISOString(),
    language: caller.locale,
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
