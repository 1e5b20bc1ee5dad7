/**
 * The incoming activity as the bot's own types: what handlers and the identity code read of a Teams activity, with
 * no framework type in sight. turnContext.ts fills it from botbuilder's TurnContext; a move to another Teams SDK
 * fills it from that SDK's activity instead.
 */
import type {
  ChannelAccountRef,
  ConversationRef,
  ConversationReference,
} from '../domain/conversationReference';
import { isRecord } from '../domain/guards';

/** A file or card attached to an incoming message, as Teams sends it. */
export interface SentAttachment {
  contentType: string;
  contentUrl?: string;
  /** For Teams files (`application/vnd.microsoft.teams.file.download.info`): `{ downloadUrl, uniqueId, fileType }`. */
  content?: unknown;
  name?: string;
}

/** Where the activity was sent: personal chat, group chat or a team channel. */
export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/** The sender of an activity; every field is as the channel sent it, so read each with care. */
export interface ActivitySender {
  /** The channel's id for the sender (`29:...` in Teams). */
  readonly id: string;
  readonly name: string | null;
  /** The sender's Entra object id: unchecked input (see identity.ts). */
  readonly aadObjectId: unknown;
}

/** The fields of an incoming activity the bot reads. */
export interface IncomingActivity {
  readonly type: string;
  /** The activity's id: Teams sends a redelivered activity with the same id. */
  readonly id: string | null;
  /** The channel's conversation (in a channel thread, the thread: `19:...;messageid=...`). */
  readonly conversation: ConversationRef;
  readonly scope: ConversationScope | null;
  /** The team channel's own id from the channel data (never a thread's), when Teams sent it. */
  readonly channelId: string | null;
  /** The team's id from the channel data, when Teams sent it. */
  readonly teamId: string | null;
  /** The tenant, lower case (see {@link tenantOf}); null when the activity names none. */
  readonly tenantId: string | null;
  readonly serviceUrl: string;
  readonly from: ActivitySender;
  /** The Teams client's locale, e.g. `sv-SE`. */
  readonly locale: string | null;
  readonly text: string;
  readonly attachments: readonly SentAttachment[];
}

/** The parts of an activity as the channel sent it that {@link tenantOf} and {@link scopeOf} read. */
interface RawActivityParts {
  conversation?: { tenantId?: unknown; conversationType?: unknown; isGroup?: unknown } | null;
  channelData?: unknown;
}

/** The tenant an activity comes from, as Teams puts it in the conversation or channel data; lower case. */
export function tenantOf(activity: RawActivityParts): string | null {
  const fromConversation = activity.conversation?.tenantId;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  const tenant =
    typeof fromConversation === 'string' && fromConversation ? fromConversation : fromChannelData;
  return typeof tenant === 'string' && tenant.trim() ? tenant.trim().toLowerCase() : null;
}

/** The scope Teams names in `conversation.conversationType`; null when it names none the bot knows. */
export function scopeOf(activity: RawActivityParts): ConversationScope | null {
  const type = activity.conversation?.conversationType;
  return type === 'personal' || type === 'groupChat' || type === 'channel' ? type : null;
}

/** The activity as botbuilder and other Bot Framework SDKs hold it: JSON as Teams sent it. */
export interface RawActivity extends RawActivityParts {
  type?: unknown;
  id?: unknown;
  text?: unknown;
  locale?: unknown;
  serviceUrl?: unknown;
  channelId?: unknown;
  conversation?: (ConversationRef & { tenantId?: unknown }) | null;
  from?: { id?: unknown; name?: unknown; aadObjectId?: unknown } | null;
  recipient?: { id?: unknown; name?: unknown } | null;
  attachments?: unknown;
}

/** Reads an incoming activity into the bot's own type, keeping only well-formed fields. */
export function readActivity(activity: RawActivity): IncomingActivity {
  const channelData = isRecord(activity.channelData) ? activity.channelData : {};
  const from = activity.from ?? {};
  return {
    type: textOr(activity.type, ''),
    id: textOr(activity.id, null),
    conversation: activity.conversation ?? { id: '' },
    scope: scopeOf(activity),
    channelId: idIn(channelData['channel']),
    teamId: idIn(channelData['team']),
    tenantId: tenantOf(activity),
    serviceUrl: textOr(activity.serviceUrl, ''),
    from: { id: textOr(from.id, ''), name: textOr(from.name, null), aadObjectId: from.aadObjectId },
    locale: textOr(activity.locale, null),
    text: textOr(activity.text, ''),
    attachments: Array.isArray(activity.attachments) ? activity.attachments.filter(isAttachment) : [],
  };
}

/**
 * The reference to store for posting to the activity's conversation later, as botbuilder's
 * `TurnContext.getConversationReference` takes it: the sender is the user, the recipient the bot.
 */
export function referenceOf(activity: RawActivity): Partial<ConversationReference> {
  const reference: Partial<ConversationReference> = {};
  if (typeof activity.id === 'string') reference.activityId = activity.id;
  const user = accountOf(activity.from);
  if (user) reference.user = user;
  const bot = accountOf(activity.recipient);
  if (bot) reference.bot = bot;
  if (activity.conversation) reference.conversation = { ...activity.conversation } as ConversationRef;
  if (typeof activity.channelId === 'string') reference.channelId = activity.channelId;
  if (typeof activity.locale === 'string') reference.locale = activity.locale;
  if (typeof activity.serviceUrl === 'string') reference.serviceUrl = activity.serviceUrl;
  return reference;
}

function accountOf(
  account: { id?: unknown; name?: unknown; aadObjectId?: unknown } | null | undefined,
): ChannelAccountRef | null {
  if (!account || typeof account.id !== 'string') return null;
  return { ...account, id: account.id } as ChannelAccountRef;
}

function isAttachment(value: unknown): value is SentAttachment {
  return isRecord(value) && typeof value['contentType'] === 'string';
}

function idIn(value: unknown): string | null {
  return isRecord(value) && typeof value['id'] === 'string' ? value['id'] : null;
}

function textOr<T extends string | null>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}
