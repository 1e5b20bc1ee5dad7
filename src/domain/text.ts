/**
 * Zero-width characters, bidi controls and the soft hyphen: invisible, so they must never change what a command, a
 * key, an imported text or a deadline phrase means. The one list every reader of text uses.
 */
const INVISIBLE_SOURCE = '[\\u200B-\\u200D\\u2060\\uFEFF\\u202A-\\u202E\\u2066-\\u2069\\u00AD]';
const INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'g');
const ONE_INVISIBLE = new RegExp(`^${INVISIBLE_SOURCE}$`, 'u');

/** Whether one character is invisible (see {@link removeInvisible}). */
export function isInvisible(char: string): boolean {
  return ONE_INVISIBLE.test(char);
}

/** `text` without its invisible characters, nothing else changed. */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** NFC (a decomposed "å" equals a composed one) with invisible characters removed; line breaks are kept. */
export function stripInvisible(text: string): string {
  return removeInvisible(text.normalize('NFC'));
}

/** Normalises what a person typed before it is matched: {@link stripInvisible}, white space folded, trimmed. */
export function normalizeInput(text: string): string {
  return stripInvisible(text).replace(/\s+/gu, ' ').trim();
}

const GRAPHEMES = new Intl.Segmenter('sv', { granularity: 'grapheme' });

/**
 * Shortens text to at most `max` UTF-16 units, ending in "…" when it was cut; whole graphemes only, so no emoji, ZWJ
 * sequence or "å" with its combining ring is cut in half. The one clip every message, card, log and key uses.
 * @example clip('Protokollet är skickat', 12) // 'Protokollet…'
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
}
