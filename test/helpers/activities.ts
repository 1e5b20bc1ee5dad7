/**
 * Builders for the activities Teams posts to the bot's `/api/messages`, shaped as Teams sends them (channel
 * `msteams`, `29:` user ids with `aadObjectId`, the bot as `28:` recipient, tenant in both `conversation.tenantId`
 * and `channelData.tenant.id`). Each returns plain JSON, ready for `JSON.stringify`; spread and override fields to
 * build odd or hostile variants.
 */
import { randomUUID } from 'node:crypto';

/** The tenant of the standard test users. Tests that need isolation pass their own (`newTenantId()`). */
export const DEFAULT_TENANT_ID = '7e57a000-0000-4000-8000-000000000001';

/** The bot as Teams addresses it in `recipient` (and in `membersAdded` when it is installed). */
export const BOT = { id: '28:bot-id', name: 'Revisionsuppföljning' } as const;

/** A Teams user of the tests: what activities carry (`id`, `name`, `aadObjectId`) and what the member API adds. */
export interface TestUser {
  /** Teams user id, `29:...`. */
  readonly id: string;
  readonly name: string;
  /** Entra object id: what the bot identifies users by. */
  readonly aadObjectId: string;
  readonly email: string;
  readonly userPrincipalName: string;
  readonly givenName: string;
  readonly surname: string;
}

function user(key: string, guid: string, givenName: string, surname: string, email: string): TestUser {
  return {
    id: `29:1${key}-${guid.slice(0, 8)}`,
    name: `${givenName} ${surname}`,
    aadObjectId: guid,
    email,
    userPrincipalName: email,
    givenName,
    surname,
  };
}

/**
 * Standard users: `anna` and `bo` are officials who own actions, `chair` chairs a committee, `admin` administers the
 * bot. Their roles exist only once a test grants them; these are just identities.
 */
export const users = {
  anna: user('anna', 'aa000001-0000-4000-8000-000000000001', 'Anna', 'Andersson', 'anna.andersson@kommun.se'),
  bo: user('bo', 'b0000002-0000-4000-8000-000000000002', 'Bo', 'Ångström', 'bo.angstrom@kommun.se'),
  chair: user(
    'chair',
    'c0000003-0000-4000-8000-000000000003',
    'Cecilia',
    'Carlsson',
    'cecilia.carlsson@kommun.se',
  ),
  admin: user('admin', 'ad000004-0000-4000-8000-000000000004', 'Erik', 'Ek', 'erik.ek@kommun.se'),
} as const satisfies Record<string, TestUser>;

/** A team as it appears in `channelData.team`; its id is also the id of its General channel. */
export interface TestTeam {
  readonly id: string;
  readonly name: string;
  readonly aadGroupId: string;
}

/** The default team of channel activities. */
export const TEAM: TestTeam = {
  id: '19:revisionen-general@thread.tacv2',
  name: 'Revisionen',
  aadGroupId: 'feed0000-0000-4000-8000-000000000010',
};

/** A Teams channel account (`from`, `recipient`, members). */
export interface ChannelAccountJson {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** `activity.conversation` as Teams sends it. */
export interface ConversationJson {
  id: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  tenantId?: string;
  isGroup?: boolean;
  name?: string;
}

/** `activity.channelData` as Teams sends it (the parts bots read). */
export interface TeamsChannelDataJson {
  tenant?: { id: string };
  team?: { id: string; name?: string; aadGroupId?: string };
  channel?: { id: string; name?: string };
  teamsTeamId?: string;
  teamsChannelId?: string;
  eventType?: string;
  settings?: { selectedChannel?: { id: string } };
  source?: { name: string };
  legacy?: { replyToId?: string };
}

/** An incoming activity as JSON. */
export interface IncomingActivity {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp?: string;
  localTimezone?: string;
  channelId: string;
  serviceUrl: string;
  from: ChannelAccountJson;
  recipient: ChannelAccountJson;
  conversation: ConversationJson;
  channelData?: TeamsChannelDataJson;
  locale?: string;
  text?: string;
  textFormat?: string;
  entities?: Array<Record<string, unknown>>;
  attachments?: Array<Record<string, unknown>>;
  replyToId?: string;
  name?: string;
  value?: unknown;
  action?: string;
  membersAdded?: ChannelAccountJson[];
  membersRemoved?: ChannelAccountJson[];
}

/** Where in Teams an activity comes from: a channel of a team, optionally a reply thread in it. */
export interface ChannelPlace {
  /** Default: {@link TEAM}. */
  team?: TestTeam;
  /** Channel id. Default: the team's General channel (its id is the team id). */
  channelId?: string;
  channelName?: string;
  /** Root message id of the thread; the conversation id becomes `<channel id>;messageid=<it>`. Default: none. */
  messageId?: string;
}

/** What every builder accepts. */
export interface BaseOptions {
  /** The fake connector's `url`. */
  serviceUrl: string;
  /** Who acts. Default: `users.anna`. */
  from?: ChannelAccountJson;
  /** Tenant for `conversation.tenantId` and `channelData.tenant.id`. Default: {@link DEFAULT_TENANT_ID}. */
  tenantId?: string;
  /**
   * Conversation fields to use instead of the default: a personal chat per user and tenant (or the channel, with
   * `channel`). Merged over the default, so `{ id: 'a:other' }` keeps the type and tenant.
   */
  conversation?: Partial<ConversationJson>;
  /** Post in a team channel instead of the personal chat. Default: personal chat. */
  channel?: ChannelPlace;
  /** Default: `sv-SE`. */
  locale?: string;
  /** Default: a new unique id. */
  id?: string;
  /** Default: now. */
  timestamp?: Date;
}

/** Options of {@link messageActivity}. */
export interface MessageOptions extends BaseOptions {
  text: string;
  /** In a channel, put `<at>bot</at> ` before the text with its mention entity, as Teams requires. Default: true. */
  mentionBot?: boolean;
  /** Attachments as Teams sends them, e.g. a file's download info in personal chat. Default: none. */
  attachments?: Array<Record<string, unknown>>;
}

/** The default personal-chat id of a user in a tenant: stable, so a user keeps their chat across turns. */
export function personalConversationId(
  who: Pick<ChannelAccountJson, 'id' | 'aadObjectId'>,
  tenantId = DEFAULT_TENANT_ID,
): string {
  return `a:1personal-${who.aadObjectId ?? who.id}-${tenantId}`;
}

/** The conversation id of a channel place: the channel, or a thread in it. */
export function channelConversationId(place: ChannelPlace = {}): string {
  const channelId = place.channelId ?? (place.team ?? TEAM).id;
  return place.messageId === undefined ? channelId : `${channelId};messageid=${place.messageId}`;
}

function base(type: string, options: BaseOptions): IncomingActivity {
  const from = account(options.from ?? users.anna);
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const timestamp = options.timestamp ?? new Date();
  const locale = options.locale ?? 'sv-SE';
  const channelData: TeamsChannelDataJson = { tenant: { id: tenantId } };
  let conversation: ConversationJson;
  if (options.channel) {
    const team = options.channel.team ?? TEAM;
    const channelId = options.channel.channelId ?? team.id;
    conversation = {
      isGroup: true,
      conversationType: 'channel',
      id: channelConversationId(options.channel),
      tenantId,
    };
    channelData.teamsTeamId = team.id;
    channelData.teamsChannelId = channelId;
    channelData.team = { id: team.id, name: team.name, aadGroupId: team.aadGroupId };
    channelData.channel =
      options.channel.channelName === undefined
        ? { id: channelId }
        : { id: channelId, name: options.channel.channelName };
  } else {
    conversation = { conversationType: 'personal', id: personalConversationId(from, tenantId), tenantId };
  }
  return {
    type,
    id: options.id ?? `f:${randomUUID()}`,
    timestamp: timestamp.toISOString(),
    localTimestamp: timestamp.toISOString(),
    localTimezone: 'Europe/Stockholm',
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from,
    recipient: { id: BOT.id, name: BOT.name },
    conversation: { ...conversation, ...options.conversation },
    channelData,
    locale,
    entities: [{ type: 'clientInfo', locale, country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' }],
  };
}

/** Keeps what Teams puts in `from`: id, name and Entra object id (never the e-mail). */
function account(who: ChannelAccountJson): ChannelAccountJson {
  const result: ChannelAccountJson = { id: who.id };
  if (who.name !== undefined) result.name = who.name;
  if (who.aadObjectId !== undefined) result.aadObjectId = who.aadObjectId;
  return result;
}

/**
 * A chat message, by default from Anna in her personal chat with the bot.
 *
 * @example
 * messageActivity({ text: 'mina åtgärder', serviceUrl: connector.url, from: users.bo })
 */
export function messageActivity(options: MessageOptions): IncomingActivity {
  const activity = base('message', options);
  activity.text = options.text;
  activity.textFormat = 'plain';
  if (options.attachments) activity.attachments = options.attachments;
  if (options.channel && (options.mentionBot ?? true)) {
    const mention = `<at>${BOT.name}</at>`;
    activity.text = `${mention} ${options.text}`;
    activity.entities = [
      ...(activity.entities ?? []),
      { type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } },
    ];
  }
  return activity;
}

/**
 * A file attached in personal chat, as Teams sends it (`file.download.info`): its name, where it lives in the
 * sender's OneDrive, a download URL and its Teams id (by default made from the name).
 * @example messageActivity({ text: 'A-2 underlag', attachments: [teamsFile('protokoll.pdf')], serviceUrl })
 */
export function teamsFile(
  name: string,
  options: { uniqueId?: string; downloadUrl?: string } = {},
): Record<string, unknown> {
  return {
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    name,
    contentUrl: `https://kommun-my.sharepoint.com/personal/anna/Documents/${encodeURIComponent(name)}`,
    content: {
      downloadUrl:
        options.downloadUrl ??
        `https://kommun-my.sharepoint.com/download.aspx?file=${encodeURIComponent(name)}`,
      uniqueId: options.uniqueId ?? `file-${name.replace(/[^\w.-]+/g, '-')}`,
      fileType: name.split('.').pop() ?? '',
    },
  };
}

/** Options of {@link invokeActionExecute}. */
export interface ActionExecuteOptions extends BaseOptions {
  verb: string;
  /** The card action's `data` (user input merged in by Teams). Default: `{}`. */
  data?: unknown;
  /** The id of the message holding the card. Default: none. */
  replyToId?: string;
}

/** An Adaptive Card Universal Action (`Action.Execute`) as Teams invokes it: `adaptiveCard/action`. */
export function invokeActionExecute(options: ActionExecuteOptions): IncomingActivity {
  const activity = base('invoke', options);
  activity.name = 'adaptiveCard/action';
  activity.value = {
    action: { type: 'Action.Execute', verb: options.verb, data: options.data ?? {} },
    trigger: 'manual',
  };
  activity.channelData = { ...activity.channelData, source: { name: 'message' } };
  if (options.replyToId !== undefined) {
    activity.replyToId = options.replyToId;
    activity.channelData.legacy = { replyToId: options.replyToId };
  }
  return activity;
}

/** Options of {@link installationUpdate}. */
export interface InstallationUpdateOptions extends BaseOptions {
  /** Default: `add`. */
  action?: 'add' | 'remove' | 'add-upgrade' | 'remove-upgrade';
  /** `personal`: installed for the user; `channel`: installed in a team (uses `channel`, default {@link TEAM}). */
  conversationType: 'personal' | 'channel';
}

/** The bot was installed or uninstalled, for a user or in a team. */
export function installationUpdate(options: InstallationUpdateOptions): IncomingActivity {
  const place = options.conversationType === 'channel' ? (options.channel ?? {}) : undefined;
  const activity = base(
    'installationUpdate',
    place ? { ...options, channel: place } : { ...options, channel: undefined },
  );
  activity.action = options.action ?? 'add';
  if (place) {
    const channelId = place.channelId ?? (place.team ?? TEAM).id;
    activity.channelData = { ...activity.channelData, settings: { selectedChannel: { id: channelId } } };
  } else {
    activity.channelData = { ...activity.channelData, source: { name: 'message' } };
  }
  return activity;
}

/** Options of {@link conversationUpdateMembersAdded}. */
export interface MembersAddedOptions extends BaseOptions {
  /** Who was added. Default: the bot itself (the bot was added to the team). */
  membersAdded?: ChannelAccountJson[];
  /**
   * Default: `channel` (a team, from `channel`, default {@link TEAM}); `personal` for the bot added to a user's
   * personal scope.
   */
  conversationType?: 'personal' | 'channel';
}

/**
 * `conversationUpdate` with `membersAdded`: by default the bot added to a team (`channelData.eventType`
 * `teamMemberAdded`, `channelData.team`); pass users in `membersAdded` for people joining the team.
 */
export function conversationUpdateMembersAdded(options: MembersAddedOptions): IncomingActivity {
  const inTeam = (options.conversationType ?? 'channel') === 'channel';
  const activity = base(
    'conversationUpdate',
    inTeam ? { ...options, channel: options.channel ?? {} } : { ...options, channel: undefined },
  );
  activity.membersAdded = (options.membersAdded ?? [{ id: BOT.id }]).map(account);
  if (inTeam) activity.channelData = { ...activity.channelData, eventType: 'teamMemberAdded' };
  return activity;
}
