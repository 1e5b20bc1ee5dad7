import { StorageError } from './errors';

/** Tables' limits: a string property holds 32,768 UTF-16 code units; an entity at most 1 MiB. */
export const MAX_STRING_LENGTH = 32_768;
const MAX_ENTITY_BYTES = 1024 * 1024;

/**
 * Checks an entity against Tables' limits before it is sent, so a too-long value fails with a message naming the
 * field instead of a bare 400 from the service (and Azurite, which is more lenient, behaves like the cloud).
 * @throws StorageError `TooLarge`
 */
export function checkEntityLimits(entity: Record<string, unknown>, what: string): void {
  let bytes = 0;
  for (const [name, value] of Object.entries(entity)) {
    if (typeof value === 'string') {
      if (value.length > MAX_STRING_LENGTH) {
        throw new StorageError(
          `${what}: fältet ${name} är ${value.length} tecken; högst ${MAX_STRING_LENGTH} får plats.`,
          { code: 'TooLarge' },
        );
      }
      bytes += value.length * 2;
    } else {
      bytes += 8;
    }
    bytes += name.length * 2;
  }
  if (bytes > MAX_ENTITY_BYTES) {
    throw new StorageError(`${what}: raden är större än 1 MiB.`, { code: 'TooLarge' });
  }
}
