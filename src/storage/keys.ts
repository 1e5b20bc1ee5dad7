import { StorageError } from './errors';

/** Table keys may not hold these (and are at most 1 KiB); see the Tables data model. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what Table keys forbid
const FORBIDDEN_IN_KEY = /[/\\#?%\u0000-\u001F\u007F-\u009F]/g;

/** Tenant ids are Entra GUIDs in Teams; a looser shape is accepted for local tools, never a key breaker. */
const TENANT_ID = /^[A-Z0-9][\w.-]{0,99}$/i;

/** Longest encoded key part we write; keeps PartitionKey + RowKey far below the 1 KiB limit. */
const MAX_KEY_PART = 400;

/**
 * Checks a tenant id before it becomes a PartitionKey; every repository's partitions begin with it, which is what
 * keeps one tenant's rows out of another's queries.
 * @throws StorageError `InvalidKey`
 */
export function tenantKey(tenantId: unknown): string {
  if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId)) {
    throw new StorageError(`Ogiltigt klient-id (tenant): ${JSON.stringify(tenantId)}.`, {
      code: 'InvalidKey',
    });
  }
  return tenantId.toLowerCase();
}

/**
 * Makes any text safe as part of a Table key, reversibly: `%`, `/`, `\`, `#`, `?` and control characters become
 * `%XX` escapes. Readable for the common case (e-mails, committee names) and never ambiguous.
 * @throws StorageError `InvalidKey` when the encoded text would be too long.
 */
export function encodeKeyPart(text: string): string {
  const encoded = text.replace(
    FORBIDDEN_IN_KEY,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  if (encoded.length === 0 || encoded.length > MAX_KEY_PART) {
    throw new StorageError(`Nyckeln är tom eller längre än ${MAX_KEY_PART} tecken.`, { code: 'InvalidKey' });
  }
  return encoded;
}

/** Reverses {@link encodeKeyPart}. */
export function decodeKeyPart(encoded: string): string {
  return encoded.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Zero-pads a number so that RowKeys sort numerically. */
export function padNumber(value: number, width = 10): string {
  return String(value).padStart(width, '0');
}

/** The smallest string greater than every key starting with `prefix`: the end of a range query. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
