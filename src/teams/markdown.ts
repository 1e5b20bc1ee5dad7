/** Markdown as Teams renders it in a TextBlock or a message: user-written text is escaped here, once. */

// Characters that start or end markup anywhere on a line; one pass, so the backslashes it adds are not escaped again.
const INLINE_MARKUP = /[\\`*_[\]<>~]/g;
// An entity such as `&lt;` would be decoded by the renderer and show something other than what was typed.
const ENTITY = /&(?=#?[0-9a-z]+;)/gi;
// Line starts that make a heading, a bullet or a setext underline (`^` also matches after `\r`, which Teams uses).
const LINE_MARKUP = /^([ \t]*)([#+=-])/gm;
// `1. x` and `1) x` make a numbered list.
const NUMBERED = /^([ \t]*\d+)([.)])/gm;

/**
 * Escapes user-written text for a TextBlock, which Teams renders as markdown: links, emphasis, headings, lists,
 * quotes, code and HTML all show as the characters typed. Only ASCII punctuation is touched (CommonMark backslash
 * escapes), so å ä ö, emoji and `${...}` stay as they are.
 *
 * Teams on Android and iOS has been seen to show the backslash of an escaped `*` (msteams-docs#5793): a stray
 * backslash is the price of never showing a forged link.
 * @example escapeMarkdown('[Godkänt](https://evil)') // '\\[Godkänt\\](https://evil)'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKUP, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(LINE_MARKUP, '$1\\$2')
    .replace(NUMBERED, '$1\\$2');
}
