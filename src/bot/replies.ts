import { DomainError } from '../domain/errors';
import type { DomainProblem } from '../domain/problems';
import { NotFoundError, StorageError } from '../storage';
import { escapeMarkdown } from '../teams/markdown';
import type { Locale } from '../texts/locale';
import { messages } from './messages';

/**
 * Turns any error of a turn into what the user reads: the one place where errors become messages. Rule
 * violations and unknown references say what was wrong; storage trouble says whether something may have been saved; anything
 * else gets a short apology, never a stack trace. `logged` is true when the error deserves a log line.
 */
export function describeError(error: unknown, locale: Locale): { text: string; logged: boolean } {
  const say = messages(locale);
  // A problem's values may be what the user typed: escaped, so they show as text and never as a link.
  if (error instanceof DomainError) {
    return { text: say.ruleBroken(escapeProblem(error.problem)), logged: false };
  }
  // Storage's own message is Swedish and names keys: not for the user. What was asked for is gone, nothing changed.
  if (error instanceof NotFoundError) return { text: say.gone(), logged: false };
  if (error instanceof StorageError) {
    const text =
      error.code === 'Unavailable'
        ? say.storageDown()
        : error.code === 'Timeout'
          ? say.storageTimeout()
          : say.unexpected();
    return { text, logged: true };
  }
  return { text: say.unexpected(), logged: true };
}

/** The problem with every string value escaped for markdown; its kind and numbers stay as they are. */
export function escapeProblem(problem: DomainProblem): DomainProblem {
  // Every kind is plain data (strings, numbers, lists, a nested problem): one walk serves them all.
  return escapeStrings(problem) as DomainProblem;
}

function escapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return escapeMarkdown(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, key === 'kind' ? field : escapeStrings(field)]),
    );
  }
  return value;
}
