import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { RestError, TableClient, type TableEntity, type TableServiceClientOptions } from '@azure/data-tables';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { translateError } from '../storage/errorHelpers';
import { ConflictError, NotFoundError, StorageError } from '../storage/errors';

/*
 * Layout of one bot state item in its table:
 *   PartitionKey  the first 4 hex digits of SHA-256 of the encoded key (see botStateEntityKeys for why)
 *   RowKey        the key made safe for Tables: 'b' + base64url(UTF-8), 'u' + base64url(UTF-16LE) for text that
 *                 UTF-8 cannot hold (lone surrogates), or 'h' + base64url(SHA-256) when that would be too long
 *   format        Int32, the layout version (FORMAT)
 *   chunks        Int32, how many data properties follow
 *   d0 .. dN      Edm.Binary, 64 KiB each: gzip of the UTF-8 JSON { key, value }
 *
 * Why binary and gzip rather than JSON in string properties: Tables counts a string as 2 bytes per UTF-16 unit
 * against the 1 MiB entity limit, so strings alone cap turn state near 512 K characters; binary counts bytes, and
 * turn state (JSON with repeated field names) shrinks several times under gzip, whose CRC also catches a damaged
 * row. The original key travels inside the data so that a read can prove the row belongs to the key asked for,
 * which matters for hashed RowKeys.
 */
const FORMAT = 1;
/** Tables' limit for one binary property. */
const CHUNK_BYTES = 64 * 1024;
/** Tables' limit for one entity, counted as the service documents it (see entitySize). */
const MAX_ENTITY_BYTES = 1024 * 1024;
/**
 * Longest RowKey written as a reversible encoding. Keys may be 1 KiB; 500 UTF-16 units stay below it however the
 * service counts, and longer keys are hashed instead.
 */
const MAX_ENCODED_KEY = 500;
/** Hex digits of the key's hash used as PartitionKey: 65,536 partitions. */
const PARTITION_DIGITS = 4;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Where one bot state key lives in the table. */
export interface BotStateEntityKeys {
  partitionKey: string;
  rowKey: string;
}

/**
 * Maps any botbuilder storage key (any characters, any length) to a PartitionKey and RowKey that Tables accepts.
 * Distinct keys give distinct RowKeys except for SHA-256 collisions of very long keys, which a read detects.
 *
 * The PartitionKey is a short hash prefix rather than the key itself: every access is a point read by both keys, so
 * any deterministic choice works, and no operation spans items (botbuilder's Storage promises no atomicity across
 * keys). Tables splits partitions by key range, though, and botbuilder keys share long prefixes
 * (`msteams/conversations/...`), so partitions named after the key would crowd into one range; a hash spreads
 * them evenly. It also keeps the PartitionKey short, so only the RowKey spends the 1 KiB key budget.
 */
export function botStateEntityKeys(key: string): BotStateEntityKeys {
  // UTF-8 would turn every lone surrogate into U+FFFD and merge distinct keys; UTF-16LE holds any JS string.
  const encoded = isWellFormed(key)
    ? `b${Buffer.from(key, 'utf8').toString('base64url')}`
    : `u${Buffer.from(key, 'utf16le').toString('base64url')}`;
  const digest = createHash('sha256').update(encoded, 'utf8').digest();
  return {
    partitionKey: digest.toString('hex').slice(0, PARTITION_DIGITS),
    rowKey: encoded.length <= MAX_ENCODED_KEY ? encoded : `h${digest.toString('base64url')}`,
  };
}

/** True when the text has no lone surrogate (String.prototype.isWellFormed is newer than our lib target). */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

type StoredProperties = Record<string, number | Uint8Array>;

/** What the data properties hold once unzipped. */
interface Envelope {
  key: string;
  value: Record<string, unknown>;
}

function isEnvelope(data: unknown): data is Envelope {
  if (typeof data !== 'object' || data === null) return false;
  const { key, value } = data as Record<string, unknown>;
  return typeof key === 'string' && typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * botbuilder's `Storage` over one Azure table, for teams-ai turn state (`new Application({ storage })`).
 *
 * Follows botbuilder's storage contract: `read` leaves out missing keys and returns each item with its `eTag`;
 * `write` without an eTag or with `'*'` overwrites, with any other eTag it fails with {@link ConflictError} unless
 * the stored item still has that eTag (also when the item was deleted since it was read); `delete` ignores missing
 * keys. Keys may hold any characters. Values are JSON; one item may be up to 1 MiB after gzip, and a larger one
 * fails with a {@link StorageError} of code `TooLarge`. Items of one call are read and written in parallel, not as
 * one transaction, like botbuilder's other storages. The table is created on first use.
 *
 * @example
 * const storage = TableBotStorage.fromConnectionString(connectionString, 'botstate');
 * const app = new Application({ storage });
 */
export class TableBotStorage implements Storage {
  private readonly client: TableClient;
  private tableReady: Promise<void> | undefined;

  /** @param client A client for the table to use; the table need not exist yet. */
  constructor(client: TableClient) {
    this.client = client;
  }

  /**
   * Opens the storage on table `tableName` of the account in `connectionString`.
   * @param options Passed to the TableClient. `allowInsecureConnection` defaults to true when the connection string
   *   names an `http` endpoint (Azurite), since the SDK refuses plain HTTP otherwise; false for `https`.
   */
  static fromConnectionString(
    connectionString: string,
    tableName: string,
    options: TableServiceClientOptions = {},
  ): TableBotStorage {
    const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connectionString);
    return new TableBotStorage(
      TableClient.fromConnectionString(connectionString, tableName, {
        allowInsecureConnection: insecure,
        ...options,
      }),
    );
  }

  /** Reads the items stored under `keys`; keys with nothing stored are left out of the result. */
  async read(keys: string[]): Promise<StoreItems> {
    // Typed callers cannot pass null, but botbuilder's contract tests expect a storage to answer it with nothing.
    if (!keys || keys.length === 0) return {};
    await this.ensureTable();
    const unique = [...new Set(keys)];
    const found = await settleAll(unique.map((key) => this.readOne(key)));
    const items: StoreItems = {};
    unique.forEach((key, index) => {
      const item = found[index];
      if (item !== undefined) items[key] = item;
    });
    return items;
  }

  /**
   * Stores `changes`. An item without `eTag`, or with `'*'`, replaces whatever is stored; an item with another
   * eTag replaces it only if it still has that eTag.
   * @throws ConflictError when an eTag is stale or the item was deleted since it was read.
   * @throws StorageError `TooLarge` when an item is over 1 MiB after gzip.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) return;
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    await this.ensureTable();
    await settleAll(keys.map((key) => this.writeOne(key, changes[key])));
  }

  /** Deletes the items stored under `keys`; keys with nothing stored are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (!keys || keys.length === 0) return;
    await this.ensureTable();
    await settleAll([...new Set(keys)].map((key) => this.deleteOne(key)));
  }

  private async readOne(key: string): Promise<StoreItem | undefined> {
    const { partitionKey, rowKey } = botStateEntityKeys(key);
    let entity;
    try {
      entity = await this.client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
    } catch (error) {
      const translated = translateError(error, describe(key));
      if (translated instanceof NotFoundError) return undefined;
      throw translated;
    }
    const envelope = await unpack(entity, key);
    if (envelope.key !== key) {
      // Only a SHA-256 collision of two long keys gets here; answering with another key's state would be worse.
      throw new StorageError(`${describe(key)}: raden tillhör en annan nyckel.`, { code: 'InvalidKey' });
    }
    return { ...envelope.value, eTag: entity.etag };
  }

  private async writeOne(key: string, item: unknown): Promise<void> {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new StorageError(`${describe(key)}: kan bara lagra objekt.`);
    }
    const value: Record<string, unknown> = { ...item };
    const eTag = value.eTag;
    delete value.eTag;
    const { partitionKey, rowKey } = botStateEntityKeys(key);
    const properties = await pack({ key, value }, key);
    const size = entitySize(partitionKey, rowKey, properties);
    if (size > MAX_ENTITY_BYTES) {
      throw new StorageError(
        `${describe(key)}: för stort för lagringen (${size} byte efter komprimering, högst ${MAX_ENTITY_BYTES}).`,
        { code: 'TooLarge' },
      );
    }
    const entity: TableEntity = { partitionKey, rowKey, ...properties };
    if (eTag === undefined || eTag === null || eTag === '' || eTag === '*') {
      // Replace, not the SDK's default Merge: a shorter value must not keep the old value's extra chunks.
      try {
        await this.client.upsertEntity(entity, 'Replace');
      } catch (error) {
        throw translateError(error, describe(key));
      }
      return;
    }
    if (typeof eTag !== 'string') {
      throw new StorageError(`${describe(key)}: eTag måste vara text.`);
    }
    try {
      await this.client.updateEntity(entity, 'Replace', { etag: eTag });
    } catch (error) {
      const translated = translateError(error, describe(key));
      // The writer read a version that is gone: someone deleted it meanwhile, and writing would bring it back.
      if (translated instanceof NotFoundError) {
        throw new ConflictError(`${describe(key)}: har tagits bort sedan det lästes.`, { cause: error });
      }
      throw translated;
    }
  }

  private async deleteOne(key: string): Promise<void> {
    const { partitionKey, rowKey } = botStateEntityKeys(key);
    try {
      await this.client.deleteEntity(partitionKey, rowKey);
    } catch (error) {
      const translated = translateError(error, describe(key));
      if (!(translated instanceof NotFoundError)) throw translated;
    }
  }

  /** Creates the table once per instance; a failed attempt is forgotten so that the next call tries again. */
  private ensureTable(): Promise<void> {
    this.tableReady ??= this.createTable().catch((error: unknown) => {
      this.tableReady = undefined;
      throw error;
    });
    return this.tableReady;
  }

  private async createTable(): Promise<void> {
    try {
      await this.client.createTable();
    } catch (error) {
      // The SDK already treats this as success; kept here so the contract does not hang on an SDK detail.
      if (
        error instanceof RestError &&
        error.statusCode === 409 &&
        restErrorCode(error) === 'TableAlreadyExists'
      ) {
        return;
      }
      throw translateError(error, `Tabellen ${this.client.tableName}`);
    }
  }
}

/** Serialises and splits one item into the data properties of its row. */
async function pack(envelope: Envelope, key: string): Promise<StoredProperties> {
  let json: string;
  try {
    json = JSON.stringify(envelope);
  } catch (cause) {
    throw new StorageError(`${describe(key)}: värdet går inte att spara som JSON.`, { cause });
  }
  const data = await gzipAsync(Buffer.from(json, 'utf8'));
  const properties: StoredProperties = { format: FORMAT, chunks: Math.ceil(data.length / CHUNK_BYTES) };
  for (let index = 0; index * CHUNK_BYTES < data.length; index++) {
    properties[`d${index}`] = data.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES);
  }
  return properties;
}

/** Joins and parses the data properties of a row; anything unexpected is a damaged row, never an empty item. */
async function unpack(entity: Record<string, unknown>, key: string): Promise<Envelope> {
  const damaged = (cause?: unknown): StorageError =>
    new StorageError(`${describe(key)}: den lagrade raden är skadad eller har okänt format.`, { cause });
  const { format, chunks } = entity;
  if (format !== FORMAT || typeof chunks !== 'number' || !Number.isInteger(chunks) || chunks < 1)
    throw damaged();
  const parts: Uint8Array[] = [];
  for (let index = 0; index < chunks; index++) {
    const part = entity[`d${index}`];
    if (!(part instanceof Uint8Array)) throw damaged();
    parts.push(part);
  }
  let data: unknown;
  try {
    data = JSON.parse((await gunzipAsync(Buffer.concat(parts))).toString('utf8'));
  } catch (cause) {
    throw damaged(cause);
  }
  if (!isEnvelope(data)) throw damaged();
  return data;
}

/**
 * The size Tables charges an entity against its 1 MiB limit, by its documented formula: 4 bytes, the keys at
 * 2 bytes per character, and per property 8 bytes + 2 per character of its name + the value (Int32 4 bytes,
 * binary 4 + its length).
 */
function entitySize(partitionKey: string, rowKey: string, properties: StoredProperties): number {
  let size = 4 + (partitionKey.length + rowKey.length) * 2;
  for (const [name, value] of Object.entries(properties)) {
    size += 8 + name.length * 2 + (typeof value === 'number' ? 4 : 4 + value.length);
  }
  return size;
}

/** Waits for every call, so none is still running when the caller sees an error, then throws the first failure. */
async function settleAll<T>(work: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(work);
  const values: T[] = [];
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
    values.push(result.value);
  }
  return values;
}

function restErrorCode(error: RestError): string | undefined {
  const details = error.details as { errorCode?: unknown; odataError?: { code?: unknown } } | undefined;
  const code = details?.errorCode ?? details?.odataError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Names a key in a message: keys can be kilobytes long and hold control characters. */
function describe(key: string): string {
  const shown = key.length > 80 ? `${key.slice(0, 80)}…` : key;
  return `Botens tillstånd ${JSON.stringify(shown)}`;
}
