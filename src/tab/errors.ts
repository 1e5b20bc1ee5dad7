/** Why a tab API request was refused: the caller's problem (401, 403, 400, 404) or the server's (503). */
export type TabApiErrorCode =
  'noToken' | 'badToken' | 'tenantNotAllowed' | 'notConfigured' | 'forbidden' | 'badRequest' | 'notFound';

const STATUS: Record<TabApiErrorCode, number> = {
  noToken: 401,
  badToken: 401,
  tenantNotAllowed: 403,
  notConfigured: 503,
  forbidden: 403,
  badRequest: 400,
  notFound: 404,
};

/**
 * The one error type at the tab API's boundary. `message` is safe to send to the page (Swedish, no token content);
 * `cause` keeps what went wrong for the log.
 */
export class TabApiError extends Error {
  override readonly name = 'TabApiError';
  readonly code: TabApiErrorCode;
  /** The HTTP status the request is answered with. */
  readonly status: number;

  constructor(code: TabApiErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = STATUS[code];
  }
}
