import { DomainError } from '../domain/errors';
import { NotFoundError, StorageError } from '../storage';
import { escapeMarkdown } from './cards';
import type { Locale } from './locale';
import { messages } from './messages';

/**
 * Turns any error of a turn into what the user reads: the one place where errors become messages. Rule
 * violations and unknown references say what was wrong; storage trouble says whether something may have been saved; anything
 * else gets a short apology, never a stack trace. `logged` is true when the error deserves a log line.
 */
export function describeError(error: unknown, locale: Locale): { text: string; logged: boolean } {
  const say = messages(locale);
  // Domain messages may quote what the user typed: escaped, so it shows as text and never as a link.
  if (error instanceof DomainError) {
    return { text: say.ruleBroken(error.code, escapeMarkdown(error.message)), logged: false };
  }
  if (error instanceof NotFoundError) {
    return { text: say.notFoundMessage(escapeMarkdown(error.message)), logged: false };
  }
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
