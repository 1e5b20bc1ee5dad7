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

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * Decodes the HTML character references Teams and mammoth write: the named ones above, and decimal or hexadecimal
 * ones; a reference to no Unicode character, or an unknown name, stays as written. Decode after removing tags, so
 * an escaped `&lt;b&gt;` stays text.
 * @example decodeHtmlEntities('A-17 &amp; A-18 &#229;r') // 'A-17 & A-18 år'
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[lower] ?? entity;
  });
}
