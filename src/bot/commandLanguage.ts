import { normalizeInput } from '../domain/text';
import type { Locale } from '../texts/locale';

const SWEDISH = new Set(
  'mina åtgärder åtgärd visa klar klart färdig pågår påbörjad nytt datum slutdatum hjälp försenade försenat sammanställning här roll lägg ta bort pausa och är med till inte har jag vi'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'my actions action show done finished completed progress new date help overdue summary here role add remove snooze until the is with not have'.split(
    ' ',
  ),
);

/**
 * The language a chat message is written in, when its words say so clearly: a user who writes "mina åtgärder"
 * gets Swedish even if their Teams client is set to English (and the other way round). Null when the words do not
 * tell (a bare reference, a date): then the Teams locale decides.
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
