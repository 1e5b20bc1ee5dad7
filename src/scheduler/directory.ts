/**
 * The tenant's people as one reminder pass sees them, read once per pass (two queries, not one per recipient): which
 * Teams user an e-mail belongs to, so that one person named by e-mail in one row and by object id in another gets
 * one message; the language each person reads; and their personal chats, for the owners the bot cannot reach.
 */
import { unreachableOwners, type UnreachableOwner } from '../domain/reach';
import { principalOf } from '../domain/roles';
import type { StoredConversation } from '../storage';
import { localeOf, type Locale } from '../texts';
import type { SchedulerRuntime } from './runtime';

/** A personal chat by the user's Entra object id, as `unreachableOwners` reads it. */
export interface PersonalChat {
  aadObjectId: string;
  active: boolean;
  inactiveReason: string | null;
  updatedAt: string;
  locale: string | null;
}

/** Who is who in one pass. */
export interface Directory {
  /** The users the bot has met. */
  readonly users: readonly { aadObjectId: string; email: string | null }[];
  readonly personalChats: readonly PersonalChat[];
  /** One name per person: the Entra object id when the bot knows the person, else the recipient as given. */
  person(recipient: string): string;
  /** The person's language: the one they last wrote in, else their Teams client's, else Swedish. */
  language(recipient: string): Locale;
}

/** Reads the tenant's users and personal chats, once. */
export async function loadDirectory(runtime: SchedulerRuntime, tenantId: string): Promise<Directory> {
  const { users, conversations } = runtime.deps;
  const [known, chats] = await Promise.all([
    users.listUsers(tenantId),
    conversations.listConversations(tenantId, { type: 'personal' }),
  ]);
  const byEmail = new Map<string, string>();
  const written = new Map<string, Locale>();
  for (const user of known) {
    const id = principalOf(user.aadObjectId);
    if (user.email !== null) byEmail.set(principalOf(user.email), id);
    if (user.language) written.set(id, user.language);
  }
  const personalChats = chats.flatMap(personalChat);
  const clientLocale = new Map<string, string>();
  for (const chat of personalChats) {
    if (chat.locale !== null) clientLocale.set(principalOf(chat.aadObjectId), chat.locale);
  }
  const person = (recipient: string): string => {
    const name = principalOf(recipient);
    return name.includes('@') ? (byEmail.get(name) ?? name) : name;
  };
  return {
    users: known,
    personalChats,
    person,
    language: (recipient) => {
      const id = person(recipient);
      return written.get(id) ?? localeOf(clientLocale.get(id) ?? null);
    },
  };
}

function personalChat(chat: StoredConversation): PersonalChat[] {
  const aadObjectId = chat.reference.user?.aadObjectId;
  if (!aadObjectId) return [];
  return [
    {
      aadObjectId,
      active: chat.active,
      inactiveReason: chat.inactiveReason,
      updatedAt: chat.updatedAt,
      locale: chat.reference.locale ?? null,
    },
  ];
}

/**
 * The owners of open actions the bot cannot reach, and why: for the digest and `cli remind`. Four queries (open
 * actions, users, personal chats, dead-lettered reminders for the Graph refusals), however many owners there are.
 */
export async function findUnreachableOwners(
  runtime: SchedulerRuntime,
  tenantId: string,
  directory?: Directory,
): Promise<UnreachableOwner[]> {
  const [actions, people, deadLetters] = await Promise.all([
    runtime.deps.actions.listOpenActions(tenantId),
    directory ?? loadDirectory(runtime, tenantId),
    runtime.deps.outbox.listMessages(tenantId, { states: ['deadLetter'] }),
  ]);
  return unreachableOwners({
    actions,
    users: people.users,
    personalChats: people.personalChats,
    timeZone: runtime.deps.timeZone,
    deadLetters,
  });
}
