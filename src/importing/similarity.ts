/**
 * How much two texts about the same recommendation resemble each other, by the word stems they share. The
 * document reader uses it to find a recommendation restated before its answer and to tie an action to the
 * recommendation it answers when the document does not say.
 */
const STOP_WORDS = new Set(
  'och att för som med till inom samt eller det den detta deras från även kring mellan över'.split(' '),
);

/** The words of a text that carry meaning, cut to their first six letters, so "rutinerna" and "rutinen" meet. */
export function stems(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/\P{L}+/u)
      .filter((word) => word.length >= 4 && !STOP_WORDS.has(word))
      .map((word) => word.slice(0, 6)),
  );
}

/** How many stems two stemmed texts share. */
export function shared(a: Set<string>, b: Set<string>): number {
  let count = 0;
  for (const stem of a) if (b.has(stem)) count += 1;
  return count;
}

/** Shared stems over the smaller text's stems: 1 when one text restates the other. */
export function resemblance(a: string, b: string): number {
  return overlap(stems(a), stems(b));
}

/** {@link resemblance} of texts already stemmed. */
export function overlap(x: Set<string>, y: Set<string>): number {
  const smaller = Math.min(x.size, y.size);
  return smaller === 0 ? 0 : shared(x, y) / smaller;
}
