/** What kind of rule a {@link DomainError} broke; the bot and CLI turn each into a message. */
export type DomainErrorCode =
  | 'InvalidDate'
  | 'InvalidReference'
  | 'UnknownReference'
  | 'InvalidStatusChange'
  | 'ReasonRequired'
  | 'InvalidValue'
  | 'NotAllowed';

/** The one error type of the domain: a rule of the audit follow-up was broken. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}
