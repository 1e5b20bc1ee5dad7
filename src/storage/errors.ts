/** Why a storage operation failed, in terms the rest of the app can act on. */
export type StorageErrorCode =
  'NotFound' | 'Conflict' | 'InvalidKey' | 'TooLarge' | 'Unavailable' | 'Timeout' | 'Unknown';

/** The one error type of the storage boundary. */
export class StorageError extends Error {
  override readonly name: string = 'StorageError';
  readonly code: StorageErrorCode;

  constructor(message: string, options: { cause?: unknown; code?: StorageErrorCode } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code ?? 'Unknown';
  }
}

/** The row asked for does not exist (Tables 404). */
export class NotFoundError extends StorageError {
  override readonly name = 'NotFoundError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, code: 'NotFound' });
  }
}

/**
 * Someone else wrote first: a create found the row already there (409) or an update carried a stale ETag (412).
 * Reload and tell the user; never retry blindly with `*`.
 */
export class ConflictError extends StorageError {
  override readonly name: string = 'ConflictError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, code: 'Conflict' });
  }
}
