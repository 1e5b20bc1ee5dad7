/**
 * Where the bot can post again: a conversation reference as Teams' Bot Connector protocol describes it, in the
 * bot's own type so that storage and the scheduler depend on no framework. The shape is the Bot Framework's (JSON
 * field names as Teams sends them), so references stored before keep reading the same.
 */

/** A person or bot in a conversation, as the connector names them. */
export interface ChannelAccountRef {
  /** The channel's id for the account (`29:...` for a Teams user, `28:...` for a bot). */
  id: string;
  name?: string;
  /** The Entra object id, for users. */
  aadObjectId?: string;
  role?: string;
}

/** A conversation as the connector names it. */
export interface ConversationRef {
  id: string;
  /** `personal`, `groupChat` or `channel` in Teams. */
  conversationType?: string;
  tenantId?: string;
  isGroup?: boolean;
  name?: string;
}

/** What the bot stores to post to a conversation later (proactively). */
export interface ConversationReference {
  channelId: string;
  serviceUrl: string;
  conversation: ConversationRef;
  bot?: ChannelAccountRef;
  user?: ChannelAccountRef;
  /** The activity the reference was taken from. */
  activityId?: string;
  locale?: string;
}
