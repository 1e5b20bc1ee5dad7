import type { Role } from '../../domain/roles';
import type { Reply, Turn } from '../turn';

/** The settings key of the channel that gets the weekly digest. */
export const DIGEST_CHANNEL_SETTING = 'digestChannel';

/** `digest här`: an admin picks the team channel the weekly digest goes to. */
export async function setDigestChannel(turn: Turn): Promise<Reply> {
  const { context, caller, deps, say } = turn;
  if (!caller.isAdmin) return { text: say.onlyAdmin() };
  const conversation = context.activity.conversation;
  if (conversation?.conversationType !== 'channel') return { text: say.digestOnlyInChannel() };
  await deps.settings.upsertSetting(caller.tenantId, DIGEST_CHANNEL_SETTING, {
    conversationId: conversation.id,
    setBy: caller.aadObjectId,
    setAt: deps.now().toISOString(),
  });
  return { text: say.digestChannelSet() };
}

/** `roll lägg till anna@kommun.se samordnare Socialnämnden`: only an admin grants or takes back roles. */
export async function changeRole(
  turn: Turn,
  intent: { verb: 'add' | 'remove'; principal: string; role: Role; committee: string | null },
): Promise<Reply> {
  const { caller, deps, say } = turn;
  if (!caller.isAdmin) return { text: say.onlyAdmin() };
  const grant = { role: intent.role, principal: intent.principal, committee: intent.committee };
  if (intent.verb === 'add') {
    await deps.roles.addRole(caller.tenantId, grant);
    return { text: say.roleAdded(grant.principal, grant.role, grant.committee) };
  }
  await deps.roles.removeRole(caller.tenantId, grant);
  return { text: say.roleRemoved(grant.principal, grant.role, grant.committee) };
}
