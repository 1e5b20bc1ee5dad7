import {
  RestError,
  type GetTableEntityResponse,
  type TableClient,
  type TableEntityResult,
} from '@azure/data-tables';
import { ConflictError, NotFoundError, StorageError } from './errors';

/** Network failures that mean "storage is not answering", as opposed to a refused request. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * Translates an Azure SDK error at the edge of storage into our one error type: 404 -> NotFound, 409/412 ->
 * Conflict (someone wrote first), 413 / EntityTooLarge -> TooLarge, no answer -> Unavailable, an answer that came
 * too late (aborted at the deadline, see deadline.ts) -> Timeout.
 */
export function translateError(error: unknown, what: string): StorageError {
  if (error instanceof StorageError) return error;
  // The SDK's AbortError is no RestError; a request cut off while sent may still have been carried out.
  if (error instanceof Error && error.name === 'AbortError') {
    return new StorageError(`${what}: lagringen svarade inte i tid.`, { cause: error, code: 'Timeout' });
  }
  if (error instanceof RestError) {
    const status = error.statusCode;
    const code = errorCode(error);
    if (status === 404) return new NotFoundError(`${what}: finns inte.`, { cause: error });
    if (status === 409 || status === 412) {
      return new ConflictError(`${what}: någon annan hann ändra först.`, { cause: error });
    }
    if (status === 413 || code === 'EntityTooLarge' || code === 'PropertyValueTooLarge') {
      return new StorageError(`${what}: för stort för lagringen.`, { cause: error, code: 'TooLarge' });
    }
    if (status === undefined || (error.code && UNAVAILABLE_CODES.has(error.code))) {
      return new StorageError(`${what}: lagringen svarar inte.`, { cause: error, code: 'Unavailable' });
    }
    return new StorageError(`${what}: lagringen svarade ${status} ${code ?? ''}`.trim(), { cause: error });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
    return new StorageError(`${what}: lagringen svarar inte.`, { cause: error, code: 'Unavailable' });
  }
  return new StorageError(`${what}: oväntat fel i lagringen.`, { cause: error });
}

function errorCode(error: RestError): string | undefined {
  const details = error.details as { errorCode?: unknown; odataError?: { code?: unknown } } | undefined;
  const code = details?.errorCode ?? details?.odataError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Runs a storage call and translates what it throws. */
export async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateError(error, what);
  }
}

/**
 * Reads one entity, or null when there is none: the one place where a 404 is an ordinary answer (a counter not yet
 * started, a user not met yet). Every other failure is translated (see {@link translateError}) and thrown.
 * @example const lease = await getEntityOrNull<LeaseEntity>(client, partitionKey, leaseKey(name), `Lånet ${name}`);
 */
export async function getEntityOrNull<T extends object>(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
  what: string,
): Promise<GetTableEntityResponse<TableEntityResult<T>> | null> {
  try {
    return await client.getEntity<T>(partitionKey, rowKey);
  } catch (error) {
    const translated = translateError(error, what);
    if (translated instanceof NotFoundError) return null;
    throw translated;
  }
}
