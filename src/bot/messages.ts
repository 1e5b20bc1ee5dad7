/**
 * Every chat text the bot says, in the user's language: the chat answers of the text catalogue (`src/texts`), with
 * `hjälp` put together from the command lines and the limits that only the bot knows filled in.
 *
 * **Callers escape user-written text** (comments, action texts, e-mail addresses, committee names, an `invalid`
 * detail, a domain problem's values) with `escapeMarkdown` before passing it; see `src/texts/catalogue.ts`.
 */
import type { DomainProblem } from '../domain/problems';
import { texts, type Catalogue, type ChatTexts, type HelpTexts, type Locale } from '../texts';
import { listedCommands, type Command } from './commands';
import { MAX_MESSAGE_LENGTH, type InvalidProblem } from './intents';

/** The chat texts of one language. Parameters named `ref` take a formatted reference such as `A-17`. */
export interface Messages extends Omit<ChatTexts, 'invalid'> {
  /** Answer to `hjälp`/`help`: every command, with examples. */
  help(): string;
  /** A command with a wrong argument; `detail` is the offending text (escaped by the caller). */
  invalid(problem: InvalidProblem, detail: string, ref?: string | null): string;
  /** A domain rule was broken: the problem in this language. Its string values are escaped by the caller. */
  ruleBroken(problem: DomainProblem): string;
}

/** What `hjälp` says after a command not everyone may use. */
const WHO_NOTES: Readonly<Record<Exclude<Command['who'], 'everyone'>, (help: HelpTexts) => string>> = {
  admin: (help) => help.adminOnly,
  auditor: (help) => help.auditorOnly,
  reviewers: (help) => help.reviewersOnly,
  board: (help) => help.boardOnly,
  coordinators: (help) => help.coordinatorsOnly,
};

/** `hjälp`: every command of the table, in the order users see them, noting where one is for admins or channels. */
function helpText(catalogue: Catalogue): string {
  const { commands, help } = catalogue;
  const lines = listedCommands().map((command) => {
    const notes = [
      ...(command.where === 'team' ? [help.teamOnly] : []),
      ...(command.who === 'everyone' ? [] : [WHO_NOTES[command.who](help)]),
    ];
    const { usage, description } = commands[command.key];
    return `- \`${usage}\`: ${description}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  });
  return [help.heading, ...lines, '', help.footer].join('\n');
}

function build(locale: Locale): Messages {
  const catalogue = texts(locale);
  return {
    ...catalogue.chat,
    help: () => helpText(catalogue),
    invalid: (problem, detail, ref = null) =>
      catalogue.chat.invalid(problem, detail, ref, MAX_MESSAGE_LENGTH),
    ruleBroken: (problem) => catalogue.chatProblem(problem),
  };
}

const MESSAGES: Readonly<Record<Locale, Messages>> = { sv: build('sv'), en: build('en') };

/** The bot's texts in the user's language. */
export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
