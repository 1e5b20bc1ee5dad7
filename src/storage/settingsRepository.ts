import type { TableClient, TableEntity } from '@azure/data-tables';
import { DomainError } from '../domain/errors';
import { getEntityOrNull, guarded, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { encodeKeyPart, tenantKey } from './keys';
import { checkEntityLimits } from './limits';

/*
 * Layout of the `settings` table. PartitionKey = tenant id; one row per setting:
 *   <encoded key>      value: the setting as JSON
 * Settings are small documents (the digest channel, reminder policy, ...) that several instances may change: each
 * change is conditional on the ETag it was read with, except an admin's deliberate override.
 */

/** The settings key of the team channel that gets the weekly digest (`digest här`). */
export const DIGEST_CHANNEL_SETTING = 'digestChannel';

/** The value of the {@link DIGEST_CHANNEL_SETTING}: where the weekly digest is posted, and who chose it. */
export interface DigestChannel {
  /** The channel's conversation id, never a thread's: the digest starts a new post. */
  conversationId: string;
  /** The team the channel belongs to, when Teams said. */
  teamId: string | null;
  /** The Bot Connector the channel is reached through, from the activity of the command. */
  serviceUrl: string;
  /** Entra object id of the admin who chose the channel. */
  setBy: string;
  setAt: string;
  /** The language the digest is written in: that of the command (`digest här`: Swedish, `digest here`: English). */
  language?: 'sv' | 'en';
}

/** A setting as stored, with the ETag to update it with. */
export interface StoredSetting {
  /** The parsed JSON; its shape is the caller's to check (with its zod schema). */
  value: unknown;
  etag: string;
}

type SettingEntity = TableEntity<{ value: string }>;

/**
 * Per-tenant settings as JSON values, in one Azure table. The repository does not know their shapes: callers
 * validate every value they read (and write) with their zod schema, since a stored value may come from an older
 * version of the app or a hand edit.
 */
export class SettingsRepository {
  constructor(private readonly client: TableClient) {}

  /**
   * Reads a setting. Not set yet is an ordinary answer for a setting (the caller uses its default), hence null
   * rather than an error.
   * @returns the raw JSON value, to be checked by the caller's zod schema, and its ETag; null when not set.
   */
  async getSetting(tenantId: string, key: string): Promise<StoredSetting | null> {
    const partitionKey = tenantKey(tenantId);
    const rowKey = settingKey(key);
    const entity = await getEntityOrNull<SettingEntity>(
      this.client,
      partitionKey,
      rowKey,
      `Inställningen ${key}`,
    );
    return entity ? { value: parseValue(entity.value, key), etag: entity.etag } : null;
  }

  /**
   * Creates a setting that must not exist yet (first writer wins). Validate `value` with its zod schema first.
   * @throws ConflictError when the setting already exists (nothing is overwritten).
   * @throws DomainError `InvalidValue` when the value cannot be written as JSON.
   */
  async createSetting(tenantId: string, key: string, value: unknown): Promise<StoredSetting> {
    const entity = toEntity(tenantKey(tenantId), key, value);
    let etag: string | undefined;
    try {
      etag = (await this.client.createEntity(entity)).etag;
    } catch (error) {
      const translated = translateError(error, `Inställningen ${key}`);
      if (translated instanceof ConflictError) {
        throw new ConflictError(`Inställningen ${key} finns redan.`, { cause: error });
      }
      throw translated;
    }
    return this.stored(tenantId, key, entity, etag);
  }

  /**
   * Replaces a setting if it has not changed since it was read with `etag`. Validate `value` with its zod schema
   * first.
   * @throws ConflictError when someone changed the setting after it was read (nothing is overwritten).
   * @throws NotFoundError when the setting was never created (or was removed).
   * @throws DomainError `InvalidValue` when the value cannot be written as JSON.
   */
  async updateSetting(tenantId: string, key: string, value: unknown, etag: string): Promise<StoredSetting> {
    const entity = toEntity(tenantKey(tenantId), key, value);
    let etagAfter: string | undefined;
    try {
      etagAfter = (await this.client.updateEntity(entity, 'Replace', { etag })).etag;
    } catch (error) {
      const translated = translateError(error, `Inställningen ${key}`);
      if (translated instanceof ConflictError) {
        throw new ConflictError(`Inställningen ${key} har ändrats av någon annan; läs om den.`, {
          cause: error,
        });
      }
      if (translated instanceof NotFoundError) {
        throw new NotFoundError(`Inställningen ${key} finns inte.`, { cause: error });
      }
      throw translated;
    }
    return this.stored(tenantId, key, entity, etagAfter);
  }

  /**
   * Writes a setting whatever it held before: for an admin's deliberate override (CLI, configuration), never for
   * a read-modify-write, which must use {@link updateSetting}. Validate `value` with its zod schema first.
   * @throws DomainError `InvalidValue` when the value cannot be written as JSON.
   */
  async upsertSetting(tenantId: string, key: string, value: unknown): Promise<StoredSetting> {
    const entity = toEntity(tenantKey(tenantId), key, value);
    const response = await guarded(`Inställningen ${key}`, () => this.client.upsertEntity(entity, 'Replace'));
    return this.stored(tenantId, key, entity, response.etag);
  }

  /** What was written, as a later read returns it (through JSON), with the ETag the write answered. */
  private async stored(
    tenantId: string,
    key: string,
    entity: SettingEntity,
    etag: string | undefined,
  ): Promise<StoredSetting> {
    if (etag) return { value: parseValue(entity.value, key), etag };
    // Tables always answers a write with an ETag; should a proxy drop it, read it rather than invent one.
    const read = await this.getSetting(tenantId, key);
    if (!read) throw new NotFoundError(`Inställningen ${key} finns inte.`);
    return read;
  }
}

function settingKey(key: unknown): string {
  if (typeof key !== 'string') {
    throw new StorageError(`Ogiltig inställningsnyckel: ${JSON.stringify(key)}.`, { code: 'InvalidKey' });
  }
  return encodeKeyPart(key);
}

function toEntity(partitionKey: string, key: string, value: unknown): SettingEntity {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (cause) {
    throw new DomainError({ kind: 'settingNotJson', key }, { cause });
  }
  // JSON.stringify answers undefined (not an error) for undefined, functions and symbols.
  if (json === undefined) {
    throw new DomainError({ kind: 'settingWithoutJson', key });
  }
  const entity: SettingEntity = { partitionKey, rowKey: settingKey(key), value: json };
  checkEntityLimits(entity, `Inställningen ${key}`);
  return entity;
}

function parseValue(json: string, key: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (cause) {
    throw new StorageError(`Inställningen ${key} är skadad i lagringen (inte JSON).`, { cause });
  }
}
