/**
 * The server's structured log: JSON lines (pino), one per event, with the id of the turn they belong to. The turn id
 * travels in an AsyncLocalStorage set by the HTTP handler of `/api/messages`, so every line logged while a request is
 * handled (the bot's, the storage's, botbuilder's error handler) carries it without anyone passing it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';

/** The name every line carries, so that lines from several apps in one log stream can be told apart. */
export const LOGGER_NAME = 'revisionsuppfoljning';

/**
 * Paths pino replaces with `[redacted]` in whatever a caller logs: a safety net under the rule that logs hold ids
 * only. An activity or a member logged whole by mistake then still leaks no message text, name or e-mail.
 */
export const REDACTED_PATHS: readonly string[] = [
  'text',
  '*.text',
  'email',
  '*.email',
  'userPrincipalName',
  '*.userPrincipalName',
  'givenName',
  '*.givenName',
  'surname',
  '*.surname',
  'from.name',
  '*.from.name',
];

/** What is known about the request being handled. */
interface TurnScope {
  readonly turn: string;
}

const turns = new AsyncLocalStorage<TurnScope>();

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** The lowest level written (`config.logLevel`); `silent` writes nothing. */
  level: Level | 'silent';
  /** Where lines go. Default: stdout, which App Service and containers collect. */
  destination?: DestinationStream;
}

/** Builds the process's logger: JSON lines at `level`, each logged inside a turn with `{ turn }`. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: LOGGER_NAME,
      level: options.level,
      // Children (the bot's, the scheduler's) inherit the mixin, so no log call has to know about turns.
      mixin: () => {
        const scope = turns.getStore();
        return scope ? { turn: scope.turn } : {};
      },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    options.destination,
  );
}

/**
 * Runs `work` as one turn: every line logged until it settles (across awaits) carries `turnId`.
 *
 * @param turnId Default: a new random id; the activity's own id is not used, since a client chooses it.
 */
export function runInTurn<T>(work: () => T, turnId: string = randomUUID()): T {
  return turns.run({ turn: turnId }, work);
}

/** The id of the turn being handled, or `undefined` outside a request to `/api/messages`. */
export function currentTurnId(): string | undefined {
  return turns.getStore()?.turn;
}
