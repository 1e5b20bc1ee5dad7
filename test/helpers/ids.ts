import { randomUUID } from 'node:crypto';

/** A tenant id of its own for one test, so tests sharing one Azurite never see each other's rows. */
export function newTenantId(): string {
  return randomUUID();
}

/** A table name of its own for one test (letters and digits, starting with a letter, as Tables requires). */
export function newTableName(prefix = 't'): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
