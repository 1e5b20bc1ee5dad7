import { inScope, unreachableScope } from '../../domain/access';
import { describeUnreachable, unreachableOwners } from '../../domain/reach';
import { escapeMarkdown } from '../../teams/markdown';
import { texts } from '../../texts';
import type { Reply, Turn } from '../turn';

/**
 * `oåtkomliga` / `unreachable`: the owners of open actions the bot cannot reach, which actions, why, and what to do.
 * Admins see every owner, a coordinator those of their committees' actions; four queries whatever the number of
 * owners (the dead-lettered reminders say whom Microsoft Graph refused to install the app for).
 */
export async function unreachable(turn: Turn): Promise<Reply> {
  const { caller, deps } = turn;
  const words = texts(caller.locale).reach;
  const scope = unreachableScope(caller);
  if (scope.kind === 'none') return { text: words.notAllowed };
  const [actions, users, chats, deadLetters] = await Promise.all([
    deps.actions.listOpenActions(caller.tenantId),
    deps.users.listUsers(caller.tenantId),
    deps.conversations.listConversations(caller.tenantId, { type: 'personal' }),
    deps.outbox.listDeadLetters(caller.tenantId),
  ]);
  const owners = unreachableOwners({
    actions: actions.filter((action) => inScope(scope, action)),
    users,
    personalChats: chats.flatMap((chat) =>
      chat.reference.user?.aadObjectId ? [{ ...chat, aadObjectId: chat.reference.user.aadObjectId }] : [],
    ),
    timeZone: deps.timeZone,
    deadLetters,
  });
  if (owners.length === 0) return { text: `**${words.title}**\n\n${words.none}` };
  const count = owners.reduce((sum, owner) => sum + owner.refs.length, 0);
  const lines = owners.map((owner) => `- ${describeUnreachable(owner, words, escapeMarkdown)}`);
  return {
    text: [`**${words.title}**`, words.count(owners.length, count), lines.join('\n'), words.whatToDo].join(
      '\n\n',
    ),
  };
}
