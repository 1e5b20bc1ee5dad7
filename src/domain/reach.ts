/**
 * Which owners of open actions the bot cannot reach, and why: no Teams user it has met has their e-mail (the app is
 * not installed for them, or they are in no team where the bot is), Microsoft Graph refused to install the app for
 * them (the bot lacks a permission, or no user has the e-mail), or their chat with the bot stopped working (they
 * blocked it, the app was removed). Such owners get no reminders at all, so admins and coordinators must be told.
 * Pure: the callers read users and chats once (one query each), not once per owner.
 */
import { civilDateAt } from './dates';
import { formatRef } from './refs';
import { principalOf } from './roles';
import type { Action, CivilDate } from './types';

/** Outbox codes of a reminder dead-lettered because Microsoft Graph refused to install the app for its owner. */
export const GRAPH_REFUSAL_CODES = {
  /** Graph answered 403: the bot's identity lacks a permission; an admin must grant it. */
  forbidden: 'GraphForbidden',
  /** Graph knows no user with the owner's e-mail. */
  userNotFound: 'GraphUserNotFound',
} as const;

/** Why Microsoft Graph refused to install the app for an owner. */
export type GraphRefusalCode = (typeof GRAPH_REFUSAL_CODES)[keyof typeof GRAPH_REFUSAL_CODES];

/** Why an owner cannot be reached. */
export type UnreachableReason =
  | { readonly kind: 'noTeamsUser' }
  | { readonly kind: 'graphRefused'; readonly code: GraphRefusalCode }
  | { readonly kind: 'chatInactive'; readonly since: CivilDate; readonly code: string | null };

/** An owner the bot cannot reach, with their open actions (by reference, ascending). */
export interface UnreachableOwner {
  /** The owner's e-mail as the actions name it (lower case). */
  readonly owner: string;
  readonly refs: readonly number[];
  readonly reason: UnreachableReason;
}

/** What {@link unreachableOwners} reads. */
export interface ReachInput {
  /** The open actions to look at (already limited to what the reader may see). */
  readonly actions: readonly Pick<Action, 'ref' | 'ownerEmail'>[];
  /** The Teams users the bot has met. */
  readonly users: readonly { readonly aadObjectId: string; readonly email: string | null }[];
  /** The personal chats the bot has, by the user's Entra object id. */
  readonly personalChats: readonly {
    readonly aadObjectId: string;
    readonly active: boolean;
    readonly inactiveReason: string | null;
    /** ISO instant of the chat's last change: for an inactive chat, when it stopped working. */
    readonly updatedAt: string;
  }[];
  readonly timeZone: string;
  /**
   * Dead-lettered outbox rows (recipient and code); those with a {@link GRAPH_REFUSAL_CODES} code say that Graph
   * refused to install the app for the recipient. Default: none.
   */
  readonly deadLetters?: readonly {
    readonly recipient: string;
    readonly code: string | null;
    readonly updatedAt: string;
  }[];
}

/** True for the code of a reminder dead-lettered because Graph refused to install the app. */
export function isGraphRefusal(code: string | null): code is GraphRefusalCode {
  return code === GRAPH_REFUSAL_CODES.forbidden || code === GRAPH_REFUSAL_CODES.userNotFound;
}

/**
 * The owners of the given actions the bot cannot reach, sorted by e-mail. An owner the bot has met but never
 * talked to counts as reachable: a pass opens a chat with them through a team they share with the bot, and says so
 * in the outbox if that fails.
 */
export function unreachableOwners(input: ReachInput): UnreachableOwner[] {
  const users = new Map<string, string>();
  for (const user of input.users) {
    if (user.email !== null) users.set(principalOf(user.email), principalOf(user.aadObjectId));
  }
  const chats = new Map(input.personalChats.map((chat) => [principalOf(chat.aadObjectId), chat]));
  // The latest refusal per recipient: an owner refused for a missing permission, then for no such user, is the latter.
  const refusals = new Map<string, { code: GraphRefusalCode; updatedAt: string }>();
  for (const row of input.deadLetters ?? []) {
    if (!isGraphRefusal(row.code)) continue;
    const recipient = principalOf(row.recipient);
    const known = refusals.get(recipient);
    if (!known || known.updatedAt < row.updatedAt)
      refusals.set(recipient, { code: row.code, updatedAt: row.updatedAt });
  }
  const refsByOwner = new Map<string, number[]>();
  for (const action of input.actions) {
    if (action.ownerEmail === null) continue;
    const owner = principalOf(action.ownerEmail);
    if (owner === '') continue;
    refsByOwner.set(owner, [...(refsByOwner.get(owner) ?? []), action.ref]);
  }
  const result: UnreachableOwner[] = [];
  for (const [owner, refs] of refsByOwner) {
    const id = users.get(owner);
    let reason: UnreachableReason | null = null;
    if (id === undefined) {
      const refusal = refusals.get(owner);
      reason = refusal ? { kind: 'graphRefused', code: refusal.code } : { kind: 'noTeamsUser' };
    } else {
      const chat = chats.get(id);
      if (chat && !chat.active) {
        reason = {
          kind: 'chatInactive',
          since: civilDateAt(new Date(chat.updatedAt), input.timeZone),
          code: chat.inactiveReason,
        };
      }
    }
    if (reason !== null) result.push({ owner, refs: [...refs].sort((a, b) => a - b), reason });
  }
  return result.sort((a, b) => a.owner.localeCompare(b.owner));
}

/** The words {@link describeUnreachable} needs, from the text catalogue's `reach` section. */
export interface ReachWords {
  owner(input: { owner: string; refs: string; why: string }): string;
  noTeamsUser: string;
  graphRefused(code: GraphRefusalCode): string;
  chatInactive(since: string, code: string | null): string;
}

/**
 * One owner as a line: who, which actions, why. `escape` makes the e-mail and the connector's code safe for where
 * the line is shown (markdown in Teams, nothing on the command line).
 */
export function describeUnreachable(
  owner: UnreachableOwner,
  words: ReachWords,
  escape: (text: string) => string,
): string {
  const { reason } = owner;
  const why =
    reason.kind === 'noTeamsUser'
      ? words.noTeamsUser
      : reason.kind === 'graphRefused'
        ? words.graphRefused(reason.code)
        : words.chatInactive(reason.since, reason.code === null ? null : escape(reason.code));
  return words.owner({ owner: escape(owner.owner), refs: owner.refs.map(formatRef).join(', '), why });
}
