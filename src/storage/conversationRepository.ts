import { createHash } from 'node:crypto';
import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { ConversationReference } from '../domain/conversationReference';
import { DomainError } from '../domain/errors';
import { listAll } from './query';
import { guarded, translateError } from './errorHelpers';
import { NotFoundError, StorageError } from './errors';
import { encodeKeyPart, prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { etagOfOperation } from './transactions';
import { aadObjectIdKey, isAadObjectId, UserRepository } from './userRepository';

/*
 * Layout of the `conversations` table. PartitionKey = tenant id:
 *   conv|<encoded conversation id>   the conversation reference the bot needs to post there proactively, whether it
 *                                    still can (active, inactiveReason) and when the reference was last refreshed
 *   user|<aadObjectId>               conversationId of the user's personal chat with the bot: how to reach a person
 *   team|<encoded team id>           rosterReadAt: when the bot last read the team's roster (and linked its members)
 * A reference is refreshed whenever an incoming activity brings a different one (serviceUrl can change); for a
 * personal chat the bot knows that from a hash on the user's row (see referenceHash), so an unchanged reference is
 * not written again. A send that fails for good marks it inactive with the ETag it was read with, so a concurrent
 * refresh (the user came back) is never undone, and clears that hash first, so the user's next activity stores the
 * reference again and makes it active.
 */
const CONVERSATION = 'conv|';
const USER = 'user|';
const TEAM = 'team|';

/** Conversation types of Teams (`conversation.conversationType`). */
export const CONVERSATION_TYPES = ['personal', 'groupChat', 'channel'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

/** A stored conversation reference, with the ETag to mark it inactive with. */
export interface StoredConversation {
  conversationId: string;
  conversationType: ConversationType;
  serviceUrl: string;
  /** The reference as botbuilder gave it; pass it to `continueConversationAsync`. */
  reference: Partial<ConversationReference>;
  /** False once a send failed for good (blocked, removed from the team, ...), until the next incoming activity. */
  active: boolean;
  /** Why the bot can no longer post there (e.g. the connector's error code); null while active. */
  inactiveReason: string | null;
  /** ISO time of the last refresh or change. */
  updatedAt: string;
  etag: string;
}

/** Options for {@link ConversationRepository.upsertConversation}. */
export interface UpsertConversationOptions {
  /**
   * The user of a personal chat (`activity.from.aadObjectId`), indexed so the bot can reach them. Default:
   * `reference.user.aadObjectId`. Ignored for group chats and channels.
   */
  userAadObjectId?: string;
  /** The time recorded as `updatedAt`. */
  now: Date;
}

/** Options for {@link ConversationRepository.markInactive}. */
export interface MarkInactiveOptions {
  /** The time recorded as `updatedAt`. Default: the current time. */
  now?: Date;
}

/** Options for {@link ConversationRepository.listConversations}. */
export interface ListConversationsOptions {
  /** Only conversations of this type. Default: all types. */
  type?: ConversationType;
  /** Only conversations the bot can still post to. Default: false (all). */
  activeOnly?: boolean;
}

type ConversationEntity = TableEntity<{
  conversationId: string;
  conversationType: string;
  serviceUrl: string;
  reference: string;
  active: boolean;
  inactiveReason: string;
  updatedAt: string;
}>;

type UserConversationEntity = TableEntity<{ conversationId: string }>;

type TeamEntity = TableEntity<{ rosterReadAt: string }>;

/** Options for {@link ConversationRepository.upsertRosterRead}. */
export interface UpsertRosterReadOptions {
  /** The time recorded as `rosterReadAt`. */
  now: Date;
}

/** The conversation references of each tenant's bot, for proactive messages, in one Azure table. */
export class ConversationRepository {
  private readonly users: UserRepository | null;

  /**
   * @param client The `conversations` table.
   * @param users The `users` table. Needed wherever markInactive is called: it clears the reference hash on the
   *   user's row, without which the user's next message would not make their personal chat active again.
   */
  constructor(
    private readonly client: TableClient,
    users?: TableClient,
  ) {
    this.users = users ? new UserRepository(users) : null;
  }

  /**
   * Stores or refreshes a conversation reference and marks it active again; for a personal chat the user's row
   * is written in the same transaction. Call it only with references from authenticated activities: the bot
   * later sends its token to the stored serviceUrl.
   * @throws DomainError `InvalidValue` when the reference has no conversation id, an unknown conversation type,
   * a serviceUrl that is not an absolute http(s) URL, or a tenant other than `tenantId`.
   */
  async upsertConversation(
    tenantId: string,
    reference: Partial<ConversationReference>,
    options: UpsertConversationOptions,
  ): Promise<StoredConversation> {
    const partitionKey = tenantKey(tenantId);
    const conversation = reference.conversation;
    const conversationId = conversation?.id;
    if (typeof conversationId !== 'string' || conversationId === '') {
      throw new DomainError({ kind: 'noConversationId' });
    }
    const referenceTenant = conversation?.tenantId;
    if (typeof referenceTenant === 'string' && referenceTenant.toLowerCase() !== partitionKey) {
      throw new DomainError({ kind: 'foreignConversation', conversationId });
    }
    const conversationType = inferConversationType(conversation?.conversationType, conversation?.isGroup);
    const serviceUrl = checkServiceUrl(reference.serviceUrl);
    const entity: ConversationEntity = {
      partitionKey,
      rowKey: conversationKey(conversationId),
      conversationId,
      conversationType,
      serviceUrl,
      reference: JSON.stringify(reference),
      active: true,
      inactiveReason: '',
      updatedAt: options.now.toISOString(),
    };
    checkEntityLimits(entity, `Konversationen ${conversationId}`);
    const operations: TransactionAction[] = [['upsert', entity, 'Replace']];
    const userAadObjectId = options.userAadObjectId ?? reference.user?.aadObjectId;
    if (conversationType === 'personal' && userAadObjectId !== undefined) {
      const userRow: UserConversationEntity = {
        partitionKey,
        rowKey: `${USER}${aadObjectIdKey(userAadObjectId)}`,
        conversationId,
      };
      operations.push(['upsert', userRow, 'Replace']);
    }
    const response = await guarded(`Konversationen ${conversationId}`, () =>
      this.client.submitTransaction(operations),
    );
    const etag = etagOfOperation(response, 0, operations.length);
    if (etag) return toConversation({ ...entity, etag });
    return this.getConversation(tenantId, conversationId);
  }

  /**
   * Reads one conversation.
   * @throws NotFoundError when the bot has no reference to that conversation in this tenant.
   */
  async getConversation(tenantId: string, conversationId: string): Promise<StoredConversation> {
    const entity = await this.readConversation(tenantKey(tenantId), conversationId);
    if (!entity) throw new NotFoundError(`Boten känner inte till konversationen ${conversationId}.`);
    return toConversation(entity);
  }

  /**
   * The user's personal chat with the bot, or null when the bot has never talked with them one to one (an owner
   * registered by e-mail who has not installed the app): an ordinary answer, not an error. An inactive chat is
   * returned as such; the caller decides.
   */
  async findPersonalConversation(tenantId: string, aadObjectId: string): Promise<StoredConversation | null> {
    const partitionKey = tenantKey(tenantId);
    const key = aadObjectIdKey(aadObjectId);
    let conversationId: string;
    try {
      const row = await this.client.getEntity<UserConversationEntity>(partitionKey, `${USER}${key}`);
      conversationId = row.conversationId;
    } catch (error) {
      const translated = translateError(error, `Användaren ${key}`);
      if (translated instanceof NotFoundError) return null;
      throw translated;
    }
    const entity = await this.readConversation(partitionKey, conversationId);
    return entity ? toConversation(entity) : null;
  }

  /**
   * Records that the bot can no longer post to a conversation (403 BotNotInConversationRoster,
   * ConversationBlockedByUser, 404 ConversationNotFound, ...). The reference itself is kept for the digest and
   * for the next incoming activity, which reactivates it. With `etag`, only if the row has not changed since it
   * was read: a refresh in between means the conversation works again.
   * @returns the new ETag.
   * @throws ConflictError when `etag` is stale (nothing is changed).
   * @throws NotFoundError when the conversation is not stored.
   */
  async markInactive(
    tenantId: string,
    conversationId: string,
    reason: string,
    etag?: string,
    options: MarkInactiveOptions = {},
  ): Promise<string> {
    const partitionKey = tenantKey(tenantId);
    if (this.users) await this.forgetReferenceHash(tenantId, conversationId);
    const change = {
      partitionKey,
      rowKey: conversationKey(conversationId),
      active: false,
      inactiveReason: reason,
      updatedAt: (options.now ?? new Date()).toISOString(),
    };
    checkEntityLimits(change, `Konversationen ${conversationId}`);
    try {
      // Merge keeps the reference; the default etag `*` still requires the row to exist.
      const response = await this.client.updateEntity(change, 'Merge', { etag: etag ?? '*' });
      if (response.etag) return response.etag;
    } catch (error) {
      const translated = translateError(error, `Konversationen ${conversationId}`);
      if (translated instanceof NotFoundError) {
        throw new NotFoundError(`Boten känner inte till konversationen ${conversationId}.`, { cause: error });
      }
      throw translated;
    }
    return (await this.getConversation(tenantId, conversationId)).etag;
  }

  /** The tenant's conversations, in conversation id order. */
  async listConversations(
    tenantId: string,
    options: ListConversationsOptions = {},
  ): Promise<StoredConversation[]> {
    const partitionKey = tenantKey(tenantId);
    let filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${CONVERSATION} and RowKey lt ${prefixEnd(CONVERSATION)}`;
    if (options.type !== undefined) {
      // Checked, since a non-string would be pasted into the filter unescaped.
      filter += odata` and conversationType eq ${toConversationType(options.type)}`;
    }
    if (options.activeOnly === true) filter += ' and active eq true';
    return listAll<ConversationEntity, StoredConversation>(
      this.client,
      filter,
      toConversation,
      'Läsa konversationer',
    );
  }

  /**
   * When the bot last read a team's roster, as an ISO time; null when it never did (it was installed while the bot
   * was down, or before it linked rosters).
   */
  async getRosterRead(tenantId: string, teamId: string): Promise<string | null> {
    try {
      const row = await this.client.getEntity<TeamEntity>(tenantKey(tenantId), teamKey(teamId));
      return row.rosterReadAt;
    } catch (error) {
      const translated = translateError(error, `Teamet ${teamId}`);
      if (translated instanceof NotFoundError) return null;
      throw translated;
    }
  }

  /** Records that the bot read a team's roster and linked its members. */
  async upsertRosterRead(tenantId: string, teamId: string, options: UpsertRosterReadOptions): Promise<void> {
    const entity: TeamEntity = {
      partitionKey: tenantKey(tenantId),
      rowKey: teamKey(teamId),
      rosterReadAt: options.now.toISOString(),
    };
    checkEntityLimits(entity, `Teamet ${teamId}`);
    await guarded(`Teamet ${teamId}`, () => this.client.upsertEntity(entity, 'Replace'));
  }

  /**
   * Clears the hash of a personal chat's reference on its user's row, before the chat is marked inactive: if the
   * marking is cut off, the user's next activity merely stores the reference again.
   */
  private async forgetReferenceHash(tenantId: string, conversationId: string): Promise<void> {
    const entity = await this.readConversation(tenantKey(tenantId), conversationId);
    if (!entity) throw new NotFoundError(`Boten känner inte till konversationen ${conversationId}.`);
    const user = parseReference(entity.reference, conversationId).user?.aadObjectId;
    if (entity.conversationType !== 'personal' || !isAadObjectId(user)) return;
    try {
      await this.users?.updateUser(tenantId, user, { conversationHash: null });
    } catch (error) {
      // A user row the bot never wrote has no hash to clear.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  private async readConversation(partitionKey: string, conversationId: string) {
    try {
      return await this.client.getEntity<ConversationEntity>(partitionKey, conversationKey(conversationId));
    } catch (error) {
      const translated = translateError(error, `Konversationen ${conversationId}`);
      if (translated instanceof NotFoundError) return null;
      throw translated;
    }
  }
}

function conversationKey(conversationId: unknown): string {
  if (typeof conversationId !== 'string') {
    throw new StorageError(`Ogiltigt konversations-id: ${JSON.stringify(conversationId)}.`, {
      code: 'InvalidKey',
    });
  }
  return `${CONVERSATION}${encodeKeyPart(conversationId)}`;
}

function teamKey(teamId: unknown): string {
  if (typeof teamId !== 'string' || teamId === '') {
    throw new StorageError(`Ogiltigt team-id: ${JSON.stringify(teamId)}.`, { code: 'InvalidKey' });
  }
  return `${TEAM}${encodeKeyPart(teamId)}`;
}

/**
 * A hash of what a stored reference says, leaving out the activity it was taken from (new with every activity):
 * equal hashes mean the stored reference needs no refresh. Keys are sorted, so the order Teams sends fields in
 * does not matter.
 */
export function referenceHash(reference: Partial<ConversationReference>): string {
  const rest = { ...reference };
  delete rest.activityId;
  return createHash('sha256').update(canonicalJson(rest)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function inferConversationType(type: unknown, isGroup: boolean | undefined): ConversationType {
  // The Bot Framework Emulator sends no conversationType; Teams and the Agents Playground always do.
  if (type === undefined || type === '') return isGroup === true ? 'groupChat' : 'personal';
  return toConversationType(type);
}

function toConversationType(type: unknown): ConversationType {
  const known = CONVERSATION_TYPES.find((t) => t === type);
  if (!known) {
    throw new DomainError({
      kind: 'unknownConversationType',
      given: JSON.stringify(type),
      types: CONVERSATION_TYPES,
    });
  }
  return known;
}

function checkServiceUrl(serviceUrl: unknown): string {
  if (typeof serviceUrl !== 'string' || !isHttpUrl(serviceUrl)) {
    throw new DomainError({ kind: 'badServiceUrl', given: JSON.stringify(serviceUrl) });
  }
  // Stored as received: botbuilder posts to it verbatim; the host allow-list is checked at send time.
  return serviceUrl;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function toConversation(entity: ConversationEntity & { etag: string }): StoredConversation {
  return {
    conversationId: entity.conversationId,
    conversationType: toStoredType(entity.conversationType),
    serviceUrl: entity.serviceUrl,
    reference: parseReference(entity.reference, entity.conversationId),
    active: entity.active,
    inactiveReason: entity.inactiveReason || null,
    updatedAt: entity.updatedAt,
    etag: entity.etag,
  };
}

function toStoredType(value: string): ConversationType {
  const type = CONVERSATION_TYPES.find((t) => t === value);
  if (!type) throw new StorageError(`Okänd konversationstyp i lagringen: ${value}`);
  return type;
}

function parseReference(json: string, conversationId: string): Partial<ConversationReference> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    throw new StorageError(`Referensen till konversationen ${conversationId} är skadad (inte JSON).`, {
      cause,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StorageError(`Referensen till konversationen ${conversationId} är skadad (inget objekt).`);
  }
  // Written by upsertConversation from a ConversationReference; only its being an object is worth checking here.
  return parsed as Partial<ConversationReference>;
}
