/**
 * Every chat text the bot says, in the user's language: the chat answers of the text catalogue (`src/texts`), with
 * `hjälp` put together from the command lines and the limits that only the bot knows filled in.
 *
 * **Callers escape user-written text** (comments, action texts, e-mail addresses, committee names, an `invalid`
 * detail, a domain problem's values) with `escapeMarkdown` before passing it; see `src/texts/catalogue.ts`.
 */
import type { DomainProblem } from '../domain/problems';
import { texts, type Catalogue, type ChatTexts, type CommandTexts, type Locale } from '../texts';
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

const HELP_ORDER: readonly (keyof CommandTexts)[] = [
  'myActions',
  'overdue',
  'done',
  'inProgress',
  'newDate',
  'snooze',
  'show',
  'summary',
  'digestHere',
  'role',
];

function helpText(catalogue: Catalogue): string {
  const { commands, help } = catalogue;
  const lines = HELP_ORDER.map((key) => {
    const note =
      key === 'digestHere'
        ? ` (${help.teamOnly}, ${help.adminOnly})`
        : key === 'role'
          ? ` (${help.adminOnly})`
          : '';
    return `- \`${commands[key].usage}\`: ${commands[key].description}${note}`;
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
    ruleBroken: (problem) => catalogue.problem(problem),
  };
}

const MESSAGES: Readonly<Record<Locale, Messages>> = { sv: build('sv'), en: build('en') };

/** The bot's texts in the user's language. */
export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
