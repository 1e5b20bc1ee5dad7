import type { Action } from '../../domain/types';
import { normalizeInput } from '../../domain/text';

/** Words that say nothing about which action is meant. */
const STOP_WORDS = new Set(
  'och att det som en ett är har vi jag med för på av till om den de nu så ska kan har blivit varit klar klart färdig genomförd pågår påbörjad startad the a an is has been done finished started with for of to and in on'.split(
    ' ',
  ),
);

/** Shortest common beginning that counts two words as the same (inventeringen ~ inventering). */
const MIN_STEM = 5;

/**
 * Finds which of the sender's own open actions a free sentence speaks of ("inventeringen är klar"), by shared words
 * with Swedish endings allowed. Returns the best matches (several only when equally good), or none. The bot never
 * applies such a match without asking.
 */
export function matchActions(text: string, actions: readonly Action[], max = 3): Action[] {
  const words = significantWords(text);
  if (words.length === 0) return [];
  const scored = actions
    .map((action) => ({ action, score: overlap(words, significantWords(action.text)) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.action.ref - b.action.ref);
  const best = scored[0]?.score ?? 0;
  return scored
    .filter((entry) => entry.score === best)
    .slice(0, max)
    .map((entry) => entry.action);
}

function significantWords(text: string): string[] {
  return normalizeInput(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
}

function overlap(a: readonly string[], b: readonly string[]): number {
  return a.filter((word) => b.some((other) => sameStem(word, other))).length;
}

function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  return (
    shorter.length >= MIN_STEM && longer.startsWith(shorter.slice(0, Math.max(MIN_STEM, shorter.length - 2)))
  );
}
