import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { User } from '../domain/roles';
import { stripInvisible } from '../domain/text';
import { guarded, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { encodeKeyPart, prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { listAll, type QueriedEntity } from './query';

/*
 * Layout of the `users` table. PartitionKey = tenant id, so a user and their e-mail index change in one transaction:
 *   aad|<aadObjectId>             the user: aadObjectId, email, name, language (sv, en; empty: not known), updatedAt
 *   email|<encoded e-mail>        aadObjectId: the index that links an owner registered by e-mail (imports, roles)
 *                                 to the Teams user who has that e-mail
 * The index row is only a pointer; a reader follows it and checks that the user row still has that e-mail, so an
 * index row left behind by a race can never hand one person's actions to another.
 */
const AAD = 'aad|';
const EMAIL = 'email|';

/** Entra object ids are GUIDs; local tools (Agents Playground: `user-id-0`) use other letters and digits. */
const AAD_OBJECT_ID = /^[A-Z0-9-]{1,100}$/i;

/** Attempts at a user row that other writers keep changing; each attempt re-reads it. */
const MAX_ATTEMPTS = 20;

/** Options for {@link UserRepository.upsertUser}. */
export interface UpsertUserOptions {
  /** The time recorded as `updatedAt`. Default: the current time. */
  now?: Date;
}

type UserEntity = TableEntity<{
  aadObjectId: string;
  email: string;
  name: string;
  /** `sv`, `en`, or empty; absent in rows written before the field existed. */
  language?: string;
  updatedAt: string;
}>;

type EmailIndexEntity = TableEntity<{ aadObjectId: string }>;

/** The Teams users a tenant's bot has met, with an index from e-mail to user, in one Azure table. */
export class UserRepository {
  constructor(private readonly client: TableClient) {}

  /**
   * Creates or replaces a user and keeps the e-mail index in step, in one transaction: the new e-mail row is
   * written and, when the e-mail changed, the old one deleted. E-mails are stored in lower case; `email: null`
   * clears the e-mail and its index row. The user row is written with the ETag it was read with, so two
   * concurrent upserts of one user cannot leave an index row behind.
   * @throws StorageError `InvalidKey` when the object id is not GUID-like.
   */
  async upsertUser(tenantId: string, user: User, options: UpsertUserOptions = {}): Promise<User> {
    const partitionKey = tenantKey(tenantId);
    const aadObjectId = aadObjectIdKey(user.aadObjectId);
    const email = normalizeEmail(user.email);
    const entity: UserEntity = {
      partitionKey,
      rowKey: `${AAD}${aadObjectId}`,
      aadObjectId,
      email: email ?? '',
      name: user.name ?? '',
      updatedAt: (options.now ?? new Date()).toISOString(),
    };
    checkEntityLimits(entity, `Användaren ${aadObjectId}`);
    const emailRowKey = email === null ? null : `${EMAIL}${encodeKeyPart(email)}`;

    for (let attempt = 1; ; attempt++) {
      const current = await this.readUserEntity(partitionKey, aadObjectId);
      // A caller that does not speak of the language (the member lookup) keeps the one stored.
      entity.language = user.language === undefined ? (current?.language ?? '') : (user.language ?? '');
      const operations: TransactionAction[] = [
        current ? ['update', entity, 'Replace', { etag: current.etag }] : ['create', entity],
      ];
      if (emailRowKey !== null) {
        operations.push(['upsert', { partitionKey, rowKey: emailRowKey, aadObjectId }, 'Replace']);
      }
      const oldEmail = current?.email || null;
      if (oldEmail !== null && oldEmail !== email) {
        const oldRowKey = `${EMAIL}${encodeKeyPart(oldEmail)}`;
        // Deleting in a transaction fails when the row is gone, and the old address may meanwhile belong to
        // someone else: only an index row that still points to this user is removed.
        const oldIndex = await this.readEmailIndex(partitionKey, oldRowKey);
        if (oldIndex?.aadObjectId === aadObjectId) {
          operations.push(['delete', { partitionKey, rowKey: oldRowKey }]);
        }
      }
      try {
        await guarded(`Användaren ${aadObjectId}`, () => this.client.submitTransaction(operations));
        return withLanguage({ aadObjectId, email, name: user.name || null }, entity.language);
      } catch (error) {
        // Someone wrote the user (or removed the old index row) between our read and write: read again.
        const retry = error instanceof ConflictError || error instanceof NotFoundError;
        if (!retry || attempt >= MAX_ATTEMPTS) throw error;
        await delay(Math.random() * Math.min(100, 10 * attempt));
      }
    }
  }

  /**
   * Reads one user by Entra object id.
   * @throws NotFoundError when the bot has not met the user in this tenant.
   */
  async getUser(tenantId: string, aadObjectId: string): Promise<User> {
    const partitionKey = tenantKey(tenantId);
    const key = aadObjectIdKey(aadObjectId);
    const entity = await this.readUserEntity(partitionKey, key);
    if (!entity) throw new NotFoundError(`Användaren ${key} är inte känd av boten.`);
    return toUser(entity);
  }

  /**
   * The Teams user with this e-mail (compared in lower case), or null when no user the bot has met has it. A
   * missing user is an ordinary answer here: owners are often registered before they first talk to the bot.
   */
  async findUserByEmail(tenantId: string, email: string): Promise<User | null> {
    const partitionKey = tenantKey(tenantId);
    const normalized = normalizeEmail(email);
    if (normalized === null) {
      throw new StorageError('Ingen e-postadress att söka på.', { code: 'InvalidKey' });
    }
    const index = await this.readEmailIndex(partitionKey, `${EMAIL}${encodeKeyPart(normalized)}`);
    if (!index) return null;
    const entity = await this.readUserEntity(partitionKey, index.aadObjectId);
    // The index is followed only if the user still has that e-mail (see the layout comment).
    if (!entity || entity.email !== normalized) return null;
    return toUser(entity);
  }

  /**
   * Every user the bot has met in the tenant, in one query: what a pass needs to tell which owners no Teams user
   * has the e-mail of, without a lookup per owner.
   */
  async listUsers(tenantId: string): Promise<User[]> {
    const partitionKey = tenantKey(tenantId);
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${AAD} and RowKey lt ${prefixEnd(AAD)}`;
    return listAll<UserEntity, User>(
      this.client,
      filter,
      (entity: QueriedEntity<UserEntity>) => toUser(entity),
      'Läsa användarna',
    );
  }

  private async readUserEntity(partitionKey: string, aadObjectId: string) {
    try {
      return await this.client.getEntity<UserEntity>(partitionKey, `${AAD}${aadObjectId}`);
    } catch (error) {
      const translated = translateError(error, `Användaren ${aadObjectId}`);
      if (translated instanceof NotFoundError) return null;
      throw translated;
    }
  }

  private async readEmailIndex(partitionKey: string, rowKey: string) {
    try {
      return await this.client.getEntity<EmailIndexEntity>(partitionKey, rowKey);
    } catch (error) {
      const translated = translateError(error, 'E-postindexet');
      if (translated instanceof NotFoundError) return null;
      throw translated;
    }
  }
}

/**
 * Checks an Entra object id before it becomes part of a RowKey and returns it in lower case (GUIDs are
 * case-insensitive; one person must not get two rows).
 * @throws StorageError `InvalidKey`
 */
export function aadObjectIdKey(aadObjectId: unknown): string {
  if (typeof aadObjectId !== 'string' || !AAD_OBJECT_ID.test(aadObjectId)) {
    throw new StorageError(`Ogiltigt användar-id (Entra object id): ${JSON.stringify(aadObjectId)}.`, {
      code: 'InvalidKey',
    });
  }
  return aadObjectId.toLowerCase();
}

function normalizeEmail(email: string | null): string | null {
  if (email === null) return null;
  const normalized = stripInvisible(email).trim().toLowerCase();
  return normalized === '' ? null : normalized;
}

function toUser(entity: UserEntity): User {
  return withLanguage(
    { aadObjectId: entity.aadObjectId, email: entity.email || null, name: entity.name || null },
    entity.language,
  );
}

/** The user with their language when one is stored; without the field when none is (as rows from before it). */
function withLanguage(user: User, language: unknown): User {
  return language === 'sv' || language === 'en' ? { ...user, language } : user;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
