/**
 * Splits a reply into messages Teams accepts. Teams refuses a message above roughly 28 KB (413 MessageSizeTooBig);
 * cards keep below that by themselves (MAX_CARD_BYTES), but text has no such cap where it is written, so it is
 * sent in pages here: at line ends where it can, else between graphemes (never inside an emoji or a ZWJ sequence).
 */
import { MAX_CARD_BYTES, MAX_TEXT_BYTES } from './limits';
import { cardSize, type AdaptiveCard } from './cards/render';

/** One message to send: text, cards, or both. */
export interface Page {
  text?: string;
  cards?: AdaptiveCard[];
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * The messages for a reply of `text` and `cards`, in order: the text in pages of at most `maxTextBytes`, the cards
 * with the last page while they fit beside it, else in messages of their own (as many per message as fit).
 */
export function pagesOf(
  reply: { text?: string; cards?: readonly AdaptiveCard[] },
  maxTextBytes: number = MAX_TEXT_BYTES,
): Page[] {
  const pages: Page[] = splitText(reply.text ?? '', maxTextBytes).map((text) => ({ text }));
  for (const card of reply.cards ?? []) {
    const last = pages.at(-1);
    const used = last
      ? bytes(last.text ?? '') + (last.cards ?? []).reduce((sum, c) => sum + cardSize(c), 0)
      : 0;
    if (last && used + cardSize(card) <= MAX_CARD_BYTES) last.cards = [...(last.cards ?? []), card];
    else pages.push({ cards: [card] });
  }
  return pages;
}

/** `text` in pieces of at most `maxBytes`, cut after a line end where there is one in reach. */
function splitText(text: string, maxBytes: number): string[] {
  if (text === '') return [];
  const pieces: string[] = [];
  let rest = text;
  while (bytes(rest) > maxBytes) {
    const within = unitsWithin(rest, maxBytes);
    const lineEnd = rest.lastIndexOf('\n', within - 1);
    const cut = lineEnd > 0 ? lineEnd + 1 : graphemeStartAtOrBefore(rest, within) || within;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces.filter((piece) => piece.trim() !== '');
}

/** How many UTF-16 units at the start of `text` fit in `maxBytes` of UTF-8, never ending inside a surrogate pair. */
function unitsWithin(text: string, maxBytes: number): number {
  let used = 0;
  let units = 0;
  for (const char of text) {
    const size = bytes(char);
    if (used + size > maxBytes) break;
    used += size;
    units += char.length;
  }
  return units;
}

const graphemes = new Intl.Segmenter('sv', { granularity: 'grapheme' });

/** Longest grapheme cluster we look back over; ZWJ emoji sequences are a dozen units. */
const GRAPHEME_WINDOW = 256;

/** The start of the grapheme that holds unit `index` (or `index` when one starts there); 0 if none in reach. */
function graphemeStartAtOrBefore(text: string, index: number): number {
  const from = Math.max(0, index - GRAPHEME_WINDOW);
  let start = 0;
  for (const segment of graphemes.segment(text.slice(from, index + GRAPHEME_WINDOW))) {
    if (from + segment.index > index) break;
    start = from + segment.index;
  }
  return start;
}
