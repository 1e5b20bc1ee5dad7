/** Zero-width characters and bidi controls: invisible, so they must never change what a command or key means. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

/** NFC (a decomposed "å" equals a composed one) with invisible characters removed; line breaks are kept. */
export function stripInvisible(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/** Normalises what a person typed before it is matched: {@link stripInvisible}, white space folded, trimmed. */
export function normalizeInput(text: string): string {
  return stripInvisible(text).replace(/\s+/gu, ' ').trim();
}
