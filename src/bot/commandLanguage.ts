import { normalizeInput } from '../domain/text';
import type { Locale } from '../texts';
import { commandEntries } from './commands';

/**
 * Short words of either language that often stand around a command, beside the commands' own words; and greetings
 * and thanks, which are whole messages the bot answers.
 */
const COMMON: Readonly<Record<Locale, string>> = {
  sv: 'åtgärd slutdatum lägg ta bort och är med till inte har jag vi hej hejsan hallå tjena tack tackar',
  en: 'add remove until the is with not have hi hello hey thanks thank you',
};

/**
 * The plain words of a command pattern: optional parts, character classes and escapes left out, so
 * `nytt\s+(?:slut)?datum` gives "nytt" and "datum", and `digest(?:en)?` gives "digest".
 */
function wordsOfPattern(source: string): string[] {
  let plain = source;
  for (let previous = ''; previous !== plain;) {
    previous = plain;
    plain = plain.replace(/\(\?:[^()]*\)\?/gu, ' ');
  }
  return plain
    .replace(/\[[^[\]]*\]\??/gu, '')
    .replace(/\\[a-z][+*?]?/giu, ' ')
    .toLowerCase()
    .split(/\P{L}+/u)
    .filter((word) => word.length > 1);
}

function wordsOf(locale: Locale): ReadonlySet<string> {
  return new Set([
    ...COMMON[locale].split(' '),
    ...commandEntries().flatMap((command) => command.patterns[locale].flatMap(wordsOfPattern)),
  ]);
}

// A word in both lists ("status", "info", "digest") tells nothing, and counts for both.
const SWEDISH = wordsOf('sv');
const ENGLISH = wordsOf('en');

/**
 * The language a chat message is written in, when its words say so clearly: a user who writes "mina åtgärder"
 * gets Swedish even if their Teams client is set to English (and the other way round). Null when the words do not
 * tell (a bare reference, a date): then the Teams locale decides. The words are the command table's own.
 */
export function languageOfText(text: string): Locale | null {
  const words = normalizeInput(text.slice(0, 500))
    .toLowerCase()
    .split(/\P{L}+/u);
  let swedish = 0;
  let english = 0;
  for (const word of words) {
    if (SWEDISH.has(word) || /[åäö]/.test(word)) swedish += 1;
    if (ENGLISH.has(word)) english += 1;
  }
  if (swedish === english) return null;
  return swedish > english ? 'sv' : 'en';
}

/** The words that count for each language; for tests. */
export function languageWords(): Readonly<Record<Locale, ReadonlySet<string>>> {
  return { sv: SWEDISH, en: ENGLISH };
}
