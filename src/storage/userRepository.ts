import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { ROLES, type RoleGrant, type User } from '../domain/roles';
import { stripInvisible } from '../domain/text';
import { getEntityOrNull, guarded, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { encodeKeyPart, prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { listAll } from './query';
import { grantsNaming, listGrants, sameGrants } from './roleRows';
import { etagOfOperation } from './transactions';

/*
 * Layout of the `users` table. PartitionKey = tenant id, so a user and their e-mail index change in one transaction:
 *   aad|<aadObjectId>             the user: aadObjectId, email, name, updatedAt, and what every turn of theirs needs,
 *                                 so that a turn reads one row to know who is asking:
 *                                   roles         JSON of the grants naming the user (by object id or e-mail), kept
 *                                                 in step with the `roles` table (see syncRoles); absent when not
 *                                                 known for this row, and then read from the roles table
 *                                   language      `sv`, `en` or '' (not known yet): the language of their last command
 *                                   conversation  a hash of the personal chat's reference last stored from their own
 *                                                 turn ('' for none), so that an unchanged reference is not rewritten
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

/** The languages a user's row remembers. */
export const USER_LANGUAGES = ['sv', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/** A user as stored, with what each of their turns needs and the ETag of the row. */
export interface StoredUser extends User {
  /** The language of the user's last command (Swedish or English words); null until they wrote one. */
  language: UserLanguage | null;
  /**
   * The grants naming the user, by object id or e-mail; null when the row does not know them (written before the
   * field existed, or by a repository without the roles table): read the roles table then.
   */
  roles: RoleGrant[] | null;
  /** Hash of the personal chat's reference last stored from the user's own turn; null for none. */
  conversationHash: string | null;
  etag: string;
}

/** What {@link UserRepository.updateUser} may change; fields left out are kept. */
export interface UserChange {
  language?: UserLanguage | null;
  conversationHash?: string | null;
}

/** Options for {@link UserRepository.upsertUser}. */
export interface UpsertUserOptions {
  /** The time recorded as `updatedAt`. Default: the current time. */
  now?: Date;
}

/** Options for {@link UserRepository.syncRoles}. */
export interface SyncRolesOptions {
  /** A grant to leave out although it is still stored: one about to be taken back. Default: none. */
  without?: RoleGrant;
}

type UserEntity = TableEntity<{
  aadObjectId: string;
  email: string;
  name: string;
  updatedAt: string;
  roles?: string;
  language?: string;
  conversation?: string;
}>;

type EmailIndexEntity = TableEntity<{ aadObjectId: string }>;

/** The Teams users a tenant's bot has met, with an index from e-mail to user, in one Azure table. */
export class UserRepository {
  /**
   * @param client The `users` table.
   * @param roles The `roles` table, from which each user's grants are copied onto their row. Without it a user
   *   written with a new e-mail gets no known grants (readers then ask the roles table), and syncRoles cannot run.
   */
  constructor(
    private readonly client: TableClient,
    private readonly roles?: TableClient,
  ) {}

  /**
   * Creates or replaces a user and keeps the e-mail index in step, in one transaction: the new e-mail row is
   * written and, when the e-mail changed, the old one deleted. E-mails are stored in lower case; `email: null`
   * clears the e-mail and its index row. The user row is written with the ETag it was read with, so two
   * concurrent upserts of one user cannot leave an index row behind. The conversation hash is kept, and the language
   * too unless `user.language` is given;
   * the grants are copied from the roles table when the row is new, its e-mail changed or it has none, and read
   * again after the write, so that a grant given or taken back meanwhile is never missed (see syncRoles).
   * @throws StorageError `InvalidKey` when the object id is not GUID-like.
   */
  async upsertUser(tenantId: string, user: User, options: UpsertUserOptions = {}): Promise<StoredUser> {
    const partitionKey = tenantKey(tenantId);
    const aadObjectId = aadObjectIdKey(user.aadObjectId);
    const email = normalizeEmail(user.email);
    const emailRowKey = email === null ? null : `${EMAIL}${encodeKeyPart(email)}`;
    let rereadGrants = false;

    for (let attempt = 1; ; attempt++) {
      const current = await this.readUserEntity(partitionKey, aadObjectId);
      const oldEmail = current?.email || null;
      let roles = !rereadGrants && oldEmail === email ? storedRoles(current) : null;
      const copied = roles === null && this.roles !== undefined;
      if (copied) roles = await this.grantsOf(tenantId, aadObjectId, email);
      // A caller that does not speak of the language (the member lookup) keeps the one stored.
      const language = user.language === undefined ? (current?.language ?? '') : (user.language ?? '');
      // A team's roster read again names mostly people already stored as they are: nothing to write.
      const unchanged =
        oldEmail === email && current?.name === (user.name ?? '') && (current?.language ?? '') === language;
      if (current && !copied && roles !== null && unchanged) {
        return toUser(current);
      }
      const entity: UserEntity = {
        partitionKey,
        rowKey: `${AAD}${aadObjectId}`,
        aadObjectId,
        email: email ?? '',
        name: user.name ?? '',
        updatedAt: (options.now ?? new Date()).toISOString(),
        language,
        conversation: current?.conversation ?? '',
        // Replace, so a row whose grants are not known has no `roles` at all rather than an old e-mail's.
        ...(roles === null ? {} : { roles: JSON.stringify(roles) }),
      };
      checkEntityLimits(entity, `Användaren ${aadObjectId}`);
      const operations: TransactionAction[] = [
        current ? ['update', entity, 'Replace', { etag: current.etag }] : ['create', entity],
      ];
      if (emailRowKey !== null) {
        operations.push(['upsert', { partitionKey, rowKey: emailRowKey, aadObjectId }, 'Replace']);
      }
      if (oldEmail !== null && oldEmail !== email) {
        const oldRowKey = `${EMAIL}${encodeKeyPart(oldEmail)}`;
        // Deleting in a transaction fails when the row is gone, and the old address may meanwhile belong to
        // someone else: only an index row that still points to this user is removed.
        const oldIndex = await this.readEmailIndex(partitionKey, oldRowKey);
        if (oldIndex?.aadObjectId === aadObjectId) {
          operations.push(['delete', { partitionKey, rowKey: oldRowKey }]);
        }
      }
      let etag: string | undefined;
      try {
        const response = await guarded(`Användaren ${aadObjectId}`, () =>
          this.client.submitTransaction(operations),
        );
        etag = etagOfOperation(response, 0, operations.length);
      } catch (error) {
        // Someone wrote the user (or removed the old index row) between our read and write: read again.
        const retry = error instanceof ConflictError || error instanceof NotFoundError;
        if (!retry || attempt >= MAX_ATTEMPTS) throw error;
        await delay(Math.random() * Math.min(100, 10 * attempt));
        continue;
      }
      // A grant given or taken back while the grants were copied found no row (or the old one) to update: read
      // them again now that the row exists, and write once more if they changed.
      if (copied && roles !== null && attempt < MAX_ATTEMPTS) {
        const now = await this.grantsOf(tenantId, aadObjectId, email);
        if (!sameGrants(now, roles)) {
          rereadGrants = true;
          continue;
        }
      }
      const stored = { ...entity, etag: etag ?? '' };
      return etag ? toUser(stored) : this.getUser(tenantId, aadObjectId);
    }
  }

  /**
   * Reads one user by Entra object id.
   * @throws NotFoundError when the bot has not met the user in this tenant.
   */
  async getUser(tenantId: string, aadObjectId: string): Promise<StoredUser> {
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
  async findUserByEmail(tenantId: string, email: string): Promise<StoredUser | null> {
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
   * The object ids of every user a grant's principal names: the user with that object id, or every user row with
   * that e-mail (normally one; a person whose account was made again has two, and both must lose a role).
   */
  async listUsersNamed(tenantId: string, principal: string): Promise<string[]> {
    const partitionKey = tenantKey(tenantId);
    const email = normalizeEmail(principal);
    if (email === null) return [];
    if (!email.includes('@')) {
      if (!AAD_OBJECT_ID.test(email)) return [];
      return (await this.readUserEntity(partitionKey, email)) ? [email] : [];
    }
    return listAll<UserEntity, string>(
      this.client,
      odata`PartitionKey eq ${partitionKey} and email eq ${email}`,
      (entity) => entity.aadObjectId,
      'Läsa användare',
      ['aadObjectId'],
    );
  }

  /**
   * Copies the grants naming a user (by object id and e-mail) from the roles table onto their row, with the ETag
   * read, when they differ. RoleRepository calls it for every user a grant names after each change, and upsertUser
   * copies them for a new row and reads them again after writing it: between the two, a change is never missed.
   * @returns the user as stored after it, or null when the bot has not met the user.
   */
  async syncRoles(
    tenantId: string,
    aadObjectId: string,
    options: SyncRolesOptions = {},
  ): Promise<StoredUser | null> {
    const partitionKey = tenantKey(tenantId);
    const key = aadObjectIdKey(aadObjectId);
    for (let attempt = 1; ; attempt++) {
      const current = await this.readUserEntity(partitionKey, key);
      if (!current) return null;
      const { without } = options;
      const grants = (await this.grantsOf(tenantId, key, current.email || null)).filter(
        (grant) => without === undefined || !sameGrants([grant], [without]),
      );
      const stored = storedRoles(current);
      if (stored !== null && sameGrants(stored, grants)) return toUser(current);
      const change = { partitionKey, rowKey: `${AAD}${key}`, roles: JSON.stringify(grants) };
      checkEntityLimits(change, `Användaren ${key}`);
      try {
        const response = await this.client.updateEntity(change, 'Merge', { etag: current.etag });
        return toUser({ ...current, roles: change.roles, etag: response.etag ?? current.etag });
      } catch (error) {
        const translated = translateError(error, `Användaren ${key}`);
        if (translated instanceof NotFoundError) return null;
        if (!(translated instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw translated;
      }
    }
  }

  /**
   * Changes the language or conversation hash of a user's row, leaving the rest as it is. With `etag`, only if the
   * row still has it; without, with the ETag of a fresh read, read again and written on top when someone wrote the
   * row meanwhile (these fields say only what one turn learned, whatever else changed).
   * @returns the row's new ETag.
   * @throws ConflictError when `etag` is stale (nothing is changed).
   * @throws NotFoundError when the bot has not met the user.
   */
  async updateUser(
    tenantId: string,
    aadObjectId: string,
    change: UserChange,
    options: { etag?: string } = {},
  ): Promise<string> {
    const partitionKey = tenantKey(tenantId);
    const key = aadObjectIdKey(aadObjectId);
    const entity: TableEntity<Record<string, string>> = { partitionKey, rowKey: `${AAD}${key}` };
    if (change.language !== undefined) entity['language'] = checkLanguage(change.language) ?? '';
    if (change.conversationHash !== undefined) entity['conversation'] = change.conversationHash ?? '';
    for (let attempt = 1; ; attempt++) {
      let etag = options.etag;
      if (etag === undefined) {
        const current = await this.readUserEntity(partitionKey, key);
        if (!current) throw new NotFoundError(`Användaren ${key} är inte känd av boten.`);
        etag = current.etag;
      }
      try {
        const response = await this.client.updateEntity(entity, 'Merge', { etag });
        if (response.etag) return response.etag;
        return (await this.getUser(tenantId, key)).etag;
      } catch (error) {
        const translated = translateError(error, `Användaren ${key}`);
        const retry = translated instanceof ConflictError && options.etag === undefined;
        if (!retry || attempt >= MAX_ATTEMPTS) throw translated;
      }
    }
  }

  /** The grants naming a user; the user's own object id and e-mail are the names. */
  private async grantsOf(tenantId: string, aadObjectId: string, email: string | null): Promise<RoleGrant[]> {
    if (!this.roles) {
      throw new StorageError('Användarnas roller kan inte läsas: rolltabellen saknas i UserRepository.');
    }
    // A tenant's grants are few (admins, chairs, coordinators, auditors): all are read and matched here, as
    // access.ts matches them, rather than trusting a filter to compare e-mails the same way.
    return grantsNaming(await listGrants(this.roles, tenantId), [aadObjectId, email]);
  }

  /**
   * Every user the bot has met in the tenant, in one query: what a pass needs to tell which owners no Teams user
   * has the e-mail of, without a lookup per owner.
   */
  async listUsers(tenantId: string): Promise<StoredUser[]> {
    const partitionKey = tenantKey(tenantId);
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${AAD} and RowKey lt ${prefixEnd(AAD)}`;
    return listAll<UserEntity, StoredUser>(this.client, filter, toUser, 'Läsa användarna');
  }

  private readUserEntity(partitionKey: string, aadObjectId: string) {
    return getEntityOrNull<UserEntity>(
      this.client,
      partitionKey,
      `${AAD}${aadObjectId}`,
      `Användaren ${aadObjectId}`,
    );
  }

  private readEmailIndex(partitionKey: string, rowKey: string) {
    return getEntityOrNull<EmailIndexEntity>(this.client, partitionKey, rowKey, 'E-postindexet');
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

/** Whether a value can name a user row: an Entra object id as Teams sends it (or a local tool's id). */
export function isAadObjectId(value: unknown): value is string {
  return typeof value === 'string' && AAD_OBJECT_ID.test(value);
}

function normalizeEmail(email: string | null): string | null {
  if (email === null) return null;
  const normalized = stripInvisible(email).trim().toLowerCase();
  return normalized === '' ? null : normalized;
}

function toUser(entity: UserEntity & { etag: string }): StoredUser {
  return {
    aadObjectId: entity.aadObjectId,
    email: entity.email || null,
    name: entity.name || null,
    language: checkLanguage(entity.language || null),
    roles: storedRoles(entity),
    conversationHash: entity.conversation || null,
    etag: entity.etag,
  };
}

/** The grants on a row, or null when the row has none recorded (or they cannot be read: then they are read again). */
function storedRoles(entity: Pick<UserEntity, 'roles'> | null): RoleGrant[] | null {
  if (typeof entity?.roles !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(entity.roles);
  } catch {
    // A damaged copy is no answer: the roles table still has the grants, and reading them repairs the row.
    return null;
  }
  return Array.isArray(parsed) && parsed.every(isGrant) ? parsed : null;
}

function isGrant(value: unknown): value is RoleGrant {
  if (typeof value !== 'object' || value === null) return false;
  const { role, principal, committee } = value as Record<string, unknown>;
  return (
    ROLES.some((known) => known === role) &&
    typeof principal === 'string' &&
    (committee === null || typeof committee === 'string')
  );
}

function checkLanguage(value: string | null): UserLanguage | null {
  return USER_LANGUAGES.find((language) => language === value) ?? null;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
