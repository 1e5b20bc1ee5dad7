/**
 * A response document as blocks: headings, paragraphs, list items and table rows, with the emphasis that marks a
 * restated recommendation. Plain text, Markdown and the Markdown that documentText.ts makes of a .docx all come
 * through here, so the extractor sees one shape whatever the file was.
 */
import { removeInvisible } from '../domain/text';

/** What a block is. */
export type BlockKind = 'heading' | 'paragraph' | 'item' | 'row';

/** One block of a document. */
export interface Block {
  kind: BlockKind;
  /** The text without Markdown: emphasis markers and escapes removed, white space folded. */
  text: string;
  /** When the whole block is bold or italic: how these documents set a recommendation apart from its answer. */
  emphasis: 'bold' | 'italic' | null;
  /** Headings: 1–6 as in Markdown, 0 for a short line that stands alone in plain text. Items: nesting depth. */
  level: number;
  /** Table rows: the cells, as plain text. */
  cells: string[];
  /** 1-based line where the block starts. */
  line: number;
  /** True when the block was longer than its cap ({@link MAX_LINE}, {@link MAX_PARAGRAPH}, {@link MAX_ITEM}) and was cut. */
  cut: boolean;
}

/*
 * Caps on what one block may hold, applied before any pattern reads it, so that reading stays linear in the file's
 * size whatever it holds. A real paragraph is well under 5,000 characters; longer, the text is a table or a file
 * pasted without line breaks, or built to stall the reader. Cut text is flagged in the draft (Block.cut).
 */
/** One source line; a .docx paragraph is one line, so this is also the longest paragraph a .docx can give. */
export const MAX_LINE = 10_000;
/** A paragraph of wrapped lines: text saved from a PDF can run a whole page together, so twice the line cap. */
export const MAX_PARAGRAPH = 20_000;
/** A list item with the lines that continue it. */
export const MAX_ITEM = 10_000;
/**
 * Longer than this, a "sentence" is a run-on the splitter could not cut (a table pasted as text, a list without
 * stops) and no one action or fact: sentence-level patterns are not run on it.
 */
export const MAX_SENTENCE = 1000;
/**
 * Blocks read from one document: a response of 10 KB has about 50, so this is some 400 KB of text. Each block costs
 * the extractor a fixed amount of work (up to a third of a millisecond), so past this a file of a million short
 * lines would hold the event loop for seconds; the rest is left unread (see {@link readBlocks}).
 */
export const MAX_BLOCKS = 2000;

/** Zero-width characters and bidi controls: invisible, so they must never change what a sentence says. */
// The text after the bullet starts with its first non-space: the space before it can then be read only one way.
const ITEM = /^(\s*)(?:[-–•*+□▪●◦■‣]|\d{1,2}[.)]|[a-zåäö]\))\s+(\S.*)$/u;
const HEADING_START = /^(#{1,6})\s+/;
/**
 * "etapp 2 - hus 1,3, 2021", "Steg 3: upphandling hösten 2025": a numbered stage of a plan. Written on lines of
 * their own without bullets, such lines are a list, not one wrapped paragraph, so each is read as a list item.
 */
export const STEP_LINE = /^(?:etapp|deletapp|steg|delsteg|fas)\s?\d{1,2}(?![\d.,])/iu;
const SEPARATOR_CELL = /^:?-{3,}:?$/;
/** What `.` does not match: a line holding one is not a heading or a row. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const TERMINAL = /[.!?:;"”»)]$/u;

/**
 * The text of a Markdown fragment as a reader sees it: emphasis, escapes and link targets removed.
 * Linear in the length of `markdown`, whatever it holds (see {@link unbold} and {@link unitalic}).
 * @example plainText('**Svar:** Ja, *senast* i maj.') // 'Svar: Ja, senast i maj.'
 */
export function plainText(markdown: string): string {
  return unitalic(unbold(unlink(markdown)))
    .replace(/\*\*|__/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `[text](target)` to `text`. A `[` with no `](…)` after its first `]` is consumed up to that `]` (or the end):
 * every `[` before that `]` would fail the same way, and rescanning from each of them is quadratic.
 */
function unlink(markdown: string): string {
  if (!markdown.includes('[')) return markdown;
  return markdown.replace(
    /\[([^\]]*)(?:\](?:\(([^)]*)(\))?)?)?/g,
    (whole: string, text: string, _target: string | undefined, close: string | undefined) =>
      close === undefined ? whole : text,
  );
}

const SPACE = /\s/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The first position at or after `from` that satisfies `test`, searched with a cursor that only moves forward:
 * the emphasis scanners ask with ever larger `from`, so all their searches together read the text once.
 */
function forwardSearch(length: number, test: (at: number) => boolean): (from: number) => number {
  let cursor = 0;
  return (from) => {
    if (cursor < from) cursor = from;
    while (cursor < length && !test(cursor)) cursor += 1;
    return cursor;
  };
}

/**
 * Bold to plain: what `/(\*\*|__)(?=\S)(.*?\S)\1/g` replaced by `$2` does, in one pass. The pattern retries a
 * span that never closes from every later `**`, which is quadratic; here the first closing marker at or after a
 * position is found by a cursor that never moves back.
 */
function unbold(text: string): string {
  if (!text.includes('**') && !text.includes('__')) return text;
  const n = text.length;
  const breakAt = forwardSearch(n, (at) => LINE_BREAK.test(text.charAt(at)));
  // A closing marker hugs the text before it: "**Svar:**", not "**Svar: **".
  const closes = (marker: string) => (at: number) =>
    text.startsWith(marker, at) && !SPACE.test(text.charAt(at - 1));
  const closing = { '**': forwardSearch(n, closes('**')), __: forwardSearch(n, closes('__')) };
  let out = '';
  let copied = 0;
  let at = 0;
  while (at < n) {
    const marker = text.startsWith('**', at) ? '**' : text.startsWith('__', at) ? '__' : null;
    if (marker !== null && at + 2 < n && !SPACE.test(text.charAt(at + 2))) {
      const close = closing[marker](at + 3);
      // The span between the markers lies on one line, as `.` requires.
      if (close < n && breakAt(at + 2) >= close - 1) {
        out += text.slice(copied, at) + text.slice(at + 2, close);
        at = close + 2;
        copied = at;
        continue;
      }
    }
    at += 1;
  }
  return out + text.slice(copied);
}

/**
 * Italics to plain: what `/(^|[^\p{L}\p{N}\\*])[*_](?=\S)(.*?\S)[*_](?![\p{L}\p{N}])/gu` replaced by `$1$2`
 * does, in one pass over code points (the pattern has the `u` flag), for the reason given at {@link unbold}.
 */
function unitalic(text: string): string {
  if (!text.includes('*') && !text.includes('_')) return text;
  const chars = Array.from(text);
  const n = chars.length;
  const char = (at: number): string => chars[at] ?? '';
  const isMarker = (at: number): boolean => char(at) === '*' || char(at) === '_';
  const breakAt = forwardSearch(n, (at) => LINE_BREAK.test(char(at)));
  const closing = forwardSearch(
    n,
    (at) => isMarker(at) && !SPACE.test(char(at - 1)) && !LETTER_OR_DIGIT.test(char(at + 1)),
  );
  /** The end of an italic span opened at `open`, or -1. */
  const spanFrom = (open: number): number => {
    if (!isMarker(open) || open + 1 >= n || SPACE.test(char(open + 1))) return -1;
    const close = closing(open + 2);
    return close < n && breakAt(open + 1) >= close - 1 ? close : -1;
  };
  let out = '';
  let copied = 0;
  let at = 0;
  while (at < n) {
    // At the very start the marker needs no character before it; elsewhere one that is no letter, digit, \ or *.
    let open = at === 0 ? 0 : -1;
    let close = open === 0 ? spanFrom(0) : -1;
    if (close < 0 && !LETTER_OR_DIGIT.test(char(at)) && char(at) !== '\\' && char(at) !== '*') {
      open = at + 1;
      close = spanFrom(open);
    }
    if (close >= 0) {
      out += chars.slice(copied, open).join('') + chars.slice(open + 1, close).join('');
      at = close + 1;
      copied = at;
      continue;
    }
    at += 1;
  }
  return out + chars.slice(copied).join('');
}

function emphasisOf(markdown: string): 'bold' | 'italic' | null {
  const text = markdown.trim();
  const bold = /^(\*\*|__)(.+)\1[.:]?$/.exec(text);
  if (bold && !/\*\*|__/.test(bold[2] ?? '')) return 'bold';
  const italic = /^([*_])(?![*_\s])(.+?)(?<!\s)\1[.:]?$/.exec(text);
  if (italic && !/(?<!\\)[*_]/.test(italic[2] ?? '')) return 'italic';
  return null;
}

function normalise(text: string): string {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text)
    .replace(/\r\n?/g, '\n')
    // A form feed is a page break in text saved from a PDF; other control characters mean nothing in a sentence.
    .replace(/\f/g, '\n')
    .replace(/(?!\n)\p{Cc}/gu, ' ');
  return removeInvisible(lines)
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
    .normalize('NFC');
}

/** A short line standing alone, no sentence punctuation: a heading in a document saved as plain text. */
function looksLikeHeading(text: string): boolean {
  if (text === '' || text.length > 80 || TERMINAL.test(text) || /[,;]$/.test(text)) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(text)) return false;
  // A dated line ("Skrivelse från Revisionen 210207", "2024-09-12") lists or dates a paper; it heads nothing.
  if (/\d{4}-\d{2}-\d{2}|(?<!\d)\d{6}(?:\d{2})?(?!\d)/.test(text)) return false;
  return text.split(' ').length <= 10;
}

function splitCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => plainText(cell));
}

interface Line {
  text: string;
  number: number;
  /** Longer than {@link MAX_LINE}: `text` holds its start only. */
  cut: boolean;
}

/**
 * Splits a document into blocks. Paragraphs are separated by blank lines or stand on lines of their own; a line
 * that wraps (long, no closing punctuation) continues on the next, and a paragraph cut by a page break
 * ("… Kopplat till" / "rutinen finns …") is joined again. Lines, paragraphs and list items longer than their caps
 * are cut before any pattern reads them, and marked `cut`.
 * @example toBlocks('# Svar\n\n- En\n- Två').map((b) => b.kind) // ['heading', 'item', 'item']
 */
export function toBlocks(source: string): Block[] {
  return readBlocks(source).blocks;
}

/**
 * {@link toBlocks}, and whether the whole document was read: false when it had more than {@link MAX_BLOCKS}
 * blocks and only the first were read.
 */
export function readBlocks(source: string): { blocks: Block[]; complete: boolean } {
  const lines = normalise(source).split('\n');
  const groups: Line[][] = [];
  let group: Line[] = [];
  lines.forEach((text, index) => {
    const trimmed = text.trimEnd();
    if (trimmed.trimStart() === '') {
      if (group.length > 0) groups.push(group);
      group = [];
    } else {
      const cut = trimmed.length > MAX_LINE;
      group.push({ text: cut ? trimmed.slice(0, MAX_LINE) : trimmed, number: index + 1, cut });
    }
  });
  if (group.length > 0) groups.push(group);

  const blocks: RawBlock[] = [];
  for (const lines of groups) {
    if (blocks.length > MAX_BLOCKS) break;
    const start = blocks.length;
    const width = wrapWidth(lines);
    for (const line of lines) {
      if (blocks.length > MAX_BLOCKS) break;
      addLine(blocks, line, start, width);
    }
  }
  const complete = blocks.length <= MAX_BLOCKS;
  return { blocks: joinBrokenParagraphs(blocks.slice(0, MAX_BLOCKS)).map(finish), complete };
}

/**
 * The width a group of lines was wrapped at (text saved from a PDF or an e-mail), or null when its lines are
 * paragraphs of their own. Wrapped text has several lines close to the longest; a paragraph's last line is shorter.
 */
function wrapWidth(lines: readonly Line[]): number | null {
  const lengths = lines.map((line) => line.text.trim().length);
  // Not Math.max(...lengths): a group of a few hundred thousand lines would overflow the call stack.
  const longest = lengths.reduce((max, length) => Math.max(max, length), 0);
  const full = lengths.slice(0, -1).filter((length) => length >= 50 && length >= longest * 0.7).length;
  return full >= 2 && full >= (lengths.length - 1) / 2 ? longest : null;
}

/**
 * A Markdown heading ("## Svar ##"): its level and its text without the closing hashes, or null. Written out
 * rather than as one pattern: `/^(#{1,6})\s+(.*?)\s*#*\s*$/` backtracks cubically on a heading followed by
 * thousands of spaces.
 */
function headingOf(line: string): { level: number; text: string } | null {
  const start = HEADING_START.exec(line);
  if (start === null) return null;
  let text = line.slice(start[0].length).trimEnd();
  let end = text.length;
  while (end > 0 && text.charAt(end - 1) === '#') end -= 1;
  text = text.slice(0, end).trimEnd();
  return LINE_BREAK.test(text) ? null : { level: (start[1] ?? '#').length, text };
}

/** A table row: "| … |" once trimmed, on one line. */
function isRow(line: string): boolean {
  const text = line.trim();
  return text.length >= 2 && text.startsWith('|') && text.endsWith('|') && !LINE_BREAK.test(text);
}

/** A row such as "| --- | :---: |" that separates a table's header from its body. Only asked of rows. */
function isSeparatorRow(row: string): boolean {
  return row
    .trim()
    .slice(1, -1)
    .split('|')
    .every((cell) => SEPARATOR_CELL.test(cell.trim()));
}

/** Blocks under construction keep their Markdown in `text` until {@link finish}. */
function addLine(blocks: RawBlock[], line: Line, groupStart: number, width: number | null): void {
  const heading = headingOf(line.text);
  if (heading) {
    blocks.push(block('heading', heading.text, heading.level, line));
    return;
  }
  if (isRow(line.text)) {
    if (!isSeparatorRow(line.text)) {
      blocks.push({ ...block('row', line.text, 0, line), cells: splitCells(line.text) });
    }
    return;
  }
  const item = ITEM.exec(line.text);
  // "*Säkerställa …*" is an italic paragraph, not a list item: a bullet is followed by a space.
  if (item) {
    const depth = Math.floor((item[1] ?? '').replace(/\t/g, '  ').length / 2);
    blocks.push(block('item', item[2] ?? '', depth, line, line.text.trim().length));
    return;
  }
  const text = line.text.trim();
  if (STEP_LINE.test(text)) {
    blocks.push(block('item', text, 0, line, text.length));
    return;
  }
  const previous = blocks.length > groupStart ? blocks[blocks.length - 1] : undefined;
  if (
    previous &&
    (previous.kind === 'paragraph' || previous.kind === 'item') &&
    (continues(previous, text) || (width !== null && previous.lastLine >= width * 0.7))
  ) {
    append(previous, text, line);
    return;
  }
  blocks.push(block('paragraph', text, 0, line, text.length));
}

/** Adds a line to the paragraph or item it continues, up to the block's cap; past it, the rest is left out. */
function append(previous: RawBlock, text: string, line: Line): void {
  const room = (previous.kind === 'item' ? MAX_ITEM : MAX_PARAGRAPH) - previous.text.length - 1;
  if (previous.cut || room <= 0) {
    previous.cut = true;
    return;
  }
  const kept = text.length <= room ? text : text.slice(0, room);
  const marked = previous.marked;
  previous.text = `${previous.text} ${kept}`;
  previous.lastLine = line.text.trim().length;
  previous.ends = endsSentence(kept, marked) ?? previous.ends;
  previous.marked = marked || hasMarkers(kept);
  previous.cut = line.cut || kept !== text;
}

/**
 * Does `next` carry on the paragraph `text` (a wrapped line) rather than start a new one? Short lines on their own
 * are kept apart: letterheads and signatures put a name, a title and a phone number on lines of their own.
 */
function continues(previous: RawBlock, next: string): boolean {
  if (previous.ends) return false;
  if (/^[\p{Ll}(]/u.test(next)) return true;
  return previous.text.length >= 60;
}

/**
 * Does a block whose last line is `line` end a sentence? Read from that line alone, so that assembling a paragraph
 * reads each line once: markers hugging the end of the line ("… i tid.*") are taken as closing a span when an
 * earlier line of the block (`marked`) has a marker that could have opened it. Null when the line reads as
 * nothing (a stray "**"): the block then ends as its earlier lines did.
 */
function endsSentence(line: string, marked: boolean): boolean | null {
  const plain = plainText(line);
  let end = plain.length;
  while (end > 0 && (plain.charAt(end - 1) === '*' || plain.charAt(end - 1) === '_')) end -= 1;
  const closes = marked && end > 0 && end < plain.length && !SPACE.test(plain.charAt(end - 1));
  const text = closes ? plain.slice(0, end) : plain;
  return text === '' ? null : TERMINAL.test(text);
}

function hasMarkers(text: string): boolean {
  return text.includes('*') || text.includes('_');
}

function block(kind: BlockKind, text: string, level: number, line: Line, lastLine = 0): RawBlock {
  return {
    kind,
    text,
    emphasis: null,
    level,
    cells: [],
    line: line.number,
    cut: line.cut,
    lastLine,
    ends: kind === 'paragraph' || kind === 'item' ? (endsSentence(text, false) ?? false) : false,
    marked: hasMarkers(text),
  };
}

/** A block being built, with what deciding whether the next line wraps on from it needs. */
interface RawBlock extends Block {
  /** How long its last source line was. */
  lastLine: number;
  /** Whether its text so far ends a sentence (see {@link endsSentence}). */
  ends: boolean;
  /** Whether its text so far holds an emphasis marker. */
  marked: boolean;
}

function joinBrokenParagraphs(blocks: RawBlock[]): RawBlock[] {
  const joined: RawBlock[] = [];
  for (const current of blocks) {
    const previous = joined[joined.length - 1];
    if (
      previous &&
      previous.kind === 'paragraph' &&
      current.kind === 'paragraph' &&
      previous.text.length >= 40 &&
      !previous.ends &&
      /^\p{Ll}/u.test(current.text) &&
      // Joined past the cap, the halves stay apart instead: nothing is lost.
      previous.text.length + 1 + current.text.length <= MAX_PARAGRAPH
    ) {
      previous.text = `${previous.text} ${current.text}`;
      previous.ends = current.ends;
      previous.marked ||= current.marked;
      previous.cut ||= current.cut;
      continue;
    }
    joined.push(current);
  }
  return joined;
}

function finish({ lastLine: _lastLine, ends: _ends, marked: _marked, ...raw }: RawBlock): Block {
  if (raw.kind === 'row') return { ...raw, text: raw.cells.join(' | ') };
  const emphasis = emphasisOf(raw.text);
  const text = plainText(raw.text);
  if (
    raw.kind === 'paragraph' &&
    looksLikeHeading(text) &&
    (emphasis !== 'italic' || text.split(' ').length <= 6)
  ) {
    return { ...raw, kind: 'heading', text, emphasis, level: 0 };
  }
  return { ...raw, text, emphasis };
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences

/** Abbreviations that end in a full stop without ending the sentence ("bl.a.", "t.ex."). */
const ABBREVIATION =
  /(?:^|[\s(])(?:bl\.a|b\.la|t\.\s?ex|m\.m|m\.fl|s\.k|dvs|d\.v\.s|ca|jfr|inkl|exkl|fr\.o\.m|t\.o\.m|p\.g\.a|enl|nr|kap|resp|ev|o\.s\.v|osv|kl|tfn|tel|st|f\.d|f\.n|mfl|mm|sk|ngt|ang|avs|forts)\.$/i;

/** Longer than any abbreviation with the character before it and its stop, so `^` in the patterns still means the start. */
const ABBREVIATION_TAIL = 16;

/**
 * Splits a paragraph into sentences at ".", "!" or "?" followed by a capital letter or digit, but not after
 * common abbreviations or an initial.
 * @example sentencesOf('Arbetet pågår, bl.a. med SIP. Det blir klart i maj.') // two sentences
 */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const boundary = /[.!?]["”»)]*\s+(?=["“«(]?[\p{Lu}\p{N}])/gu;
  for (const match of text.matchAll(boundary)) {
    const end = (match.index ?? 0) + match[0].trimEnd().length;
    const candidate = text.slice(start, end);
    // "A. Andersson" and "bl.a. Kommunen" are not ends of sentences. Only the candidate's end can be either, and
    // reading only the end keeps a paragraph of initials ("A. B. C. …") from being reread at every stop.
    const tail = candidate.slice(-ABBREVIATION_TAIL);
    if (ABBREVIATION.test(tail) || /(?:^|\s)\p{Lu}\.$/u.test(tail)) continue;
    sentences.push(candidate.trim());
    start = (match.index ?? 0) + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences.filter((sentence) => sentence !== '');
}
