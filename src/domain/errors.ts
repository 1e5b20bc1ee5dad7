import { sv } from '../texts/sv';
import { PROBLEM_CODES, type DomainProblem } from './problems';

/** What kind of rule a {@link DomainError} broke; the bot and CLI turn each into a message. */
export type DomainErrorCode =
  | 'InvalidDate'
  | 'InvalidReference'
  | 'UnknownReference'
  | 'InvalidStatusChange'
  | 'ReasonRequired'
  | 'InvalidValue'
  | 'NotAllowed';

/**
 * The one error type of the domain: a rule of the audit follow-up was broken. `problem` says which rule and with
 * what values, for a reader that words it in another language; `message` is its Swedish wording from the text
 * catalogue, which the CLI prints and logs show (the catalogue is words only, so the domain may use it).
 * @example new DomainError({ kind: 'dateNotInCalendar', date: '2023-02-30' }).message // '2023-02-30 finns inte i kalendern.'
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;
  readonly problem: DomainProblem;

  constructor(problem: DomainProblem, options: { cause?: unknown } = {}) {
    super(sv.problem(problem), { cause: options.cause });
    this.code = PROBLEM_CODES[problem.kind];
    this.problem = problem;
  }
}
