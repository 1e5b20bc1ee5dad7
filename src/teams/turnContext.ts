/**
 * botbuilder's TurnContext, turned into the bot's own types for one turn: the incoming activity, its replies (sent
 * through the bot's connector client, see replies.ts) and the member API of its conversation. The bot's handlers see
 * only what this returns.
 */
import { performance } from 'node:perf_hooks';
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { readActivity, referenceOf, tenantOf, type IncomingActivity } from './activity';
import type { BotConnector } from './connector';
import { toTeamsMember, type MemberDirectory } from './members';
import { TurnReplies, type ReplyDeps } from './replies';

/** Where the turn's replies are kept, so that every part of the turn shares their deadline. */
const REPLIES_KEY = Symbol('turnReplies');

/** Most members asked for per page of a team's roster (the member API allows 500). */
const MEMBER_PAGE_SIZE = 500;

/** The incoming activity of the turn, in the bot's own type. */
export function incomingActivity(context: TurnContext): IncomingActivity {
  return readActivity(context.activity);
}

/**
 * The replies of the turn, made on first use (call it first in a turn: the turn's 12 s for replies count from
 * then) and the same for every later use in the turn.
 */
export function turnReplies(context: TurnContext, connector: BotConnector, deps: ReplyDeps): TurnReplies {
  const existing = repliesIn(context);
  if (existing) return existing;
  const replies = new TurnReplies(
    connector,
    { reference: referenceOf(context.activity), tenantId: tenantOf(context.activity) },
    deps,
    performance.now(),
  );
  context.turnState.set(REPLIES_KEY, replies);
  return replies;
}

/** The turn's replies when {@link turnReplies} made them, else undefined (a bot that does not use them). */
export function repliesIn(context: TurnContext): TurnReplies | undefined {
  return context.turnState.get(REPLIES_KEY) as TurnReplies | undefined;
}

/** True when the turn has sent (or tried to send) a reply through {@link turnReplies}. */
export function hasReplied(context: TurnContext): boolean {
  return repliesIn(context)?.answered === true;
}

/**
 * The member API of the turn's conversation. Reads go through botbuilder's own connector client, whose retries are
 * safe for them (a read can be repeated).
 */
export function memberDirectoryOf(context: TurnContext): MemberDirectory {
  return {
    async getMember(userId) {
      return fromTeams(await TeamsInfo.getMember(context, userId));
    },
    async getPagedMembers(continuationToken) {
      const page = await TeamsInfo.getPagedMembers(context, MEMBER_PAGE_SIZE, continuationToken);
      return { members: page.members.map(fromTeams), continuationToken: page.continuationToken };
    },
  };
}

function fromTeams(member: TeamsChannelAccount): ReturnType<typeof toTeamsMember> {
  return toTeamsMember(member);
}
