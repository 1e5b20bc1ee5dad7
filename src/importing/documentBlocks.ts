/**
 * A response document as blocks: headings, paragraphs, list items and table rows, with the emphasis that marks a
 * restated recommendation. Plain text, Markdown and the Markdown that documentText.ts makes of a .docx all come
 * through here, so the extractor sees one shape whatever the file was.
 */

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
}

/** Zero-width characters and bidi controls: invisible, so they must never change what a sentence says. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069\u00AD]/g;
const ITEM = /^(\s*)(?:[-–•*+□▪●◦■‣]|\d{1,2}[.)]|[a-zåäö][)])\s+(.*)$/u;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const ROW = /^\s*\|.*\|\s*$/;
const SEPARATOR_ROW = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const TERMINAL = /[.!?:;"”»)]$/u;

/**
 * The text of a Markdown fragment as a reader sees it: emphasis, escapes and link targets removed.
 * @example plainText('**Svar:** Ja, *senast* i maj.') // 'Svar: Ja, senast i maj.'
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}\\*])[*_](?=\S)(.*?\S)[*_](?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/\*\*|__/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
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
  return (
    (text.startsWith('\uFEFF') ? text.slice(1) : text)
      .replace(/\r\n?/g, '\n')
      // A form feed is a page break in text saved from a PDF; other control characters mean nothing in a sentence.
      .replace(/\f/g, '\n')
      .replace(/(?!\n)\p{Cc}/gu, ' ')
      .replace(INVISIBLE, '')
      .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
      .normalize('NFC')
  );
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
}

/**
 * Splits a document into blocks. Paragraphs are separated by blank lines or stand on lines of their own; a line
 * that wraps (long, no closing punctuation) continues on the next, and a paragraph cut by a page break
 * ("… Kopplat till" / "rutinen finns …") is joined again.
 * @example toBlocks('# Svar\n\n- En\n- Två').map((b) => b.kind) // ['heading', 'item', 'item']
 */
export function toBlocks(source: string): Block[] {
  const lines = normalise(source).split('\n');
  const groups: Line[][] = [];
  let group: Line[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === '') {
      if (group.length > 0) groups.push(group);
      group = [];
    } else {
      group.push({ text: text.replace(/\s+$/, ''), number: index + 1 });
    }
  });
  if (group.length > 0) groups.push(group);

  const blocks: RawBlock[] = [];
  for (const lines of groups) {
    const start = blocks.length;
    const width = wrapWidth(lines);
    for (const line of lines) addLine(blocks, line, start, width);
  }
  return joinBrokenParagraphs(blocks).map(finish);
}

/**
 * The width a group of lines was wrapped at (text saved from a PDF or an e-mail), or null when its lines are
 * paragraphs of their own. Wrapped text has several lines close to the longest; a paragraph's last line is shorter.
 */
function wrapWidth(lines: readonly Line[]): number | null {
  const lengths = lines.map((line) => line.text.trim().length);
  const longest = Math.max(...lengths);
  const full = lengths.slice(0, -1).filter((length) => length >= 50 && length >= longest * 0.7).length;
  return full >= 2 && full >= (lengths.length - 1) / 2 ? longest : null;
}

/** Blocks under construction keep their Markdown in `text` until {@link finish}. */
function addLine(blocks: RawBlock[], line: Line, groupStart: number, width: number | null): void {
  const heading = HEADING.exec(line.text);
  if (heading) {
    blocks.push(block('heading', heading[2] ?? '', (heading[1] ?? '#').length, line.number));
    return;
  }
  if (ROW.test(line.text)) {
    if (!SEPARATOR_ROW.test(line.text)) {
      blocks.push({ ...block('row', line.text, 0, line.number), cells: splitCells(line.text) });
    }
    return;
  }
  const item = ITEM.exec(line.text);
  // "*Säkerställa …*" is an italic paragraph, not a list item: a bullet is followed by a space.
  if (item) {
    const depth = Math.floor((item[1] ?? '').replace(/\t/g, '  ').length / 2);
    blocks.push(block('item', item[2] ?? '', depth, line.number, line.text.trim().length));
    return;
  }
  const previous = blocks.length > groupStart ? blocks[blocks.length - 1] : undefined;
  const text = line.text.trim();
  if (
    previous &&
    (previous.kind === 'paragraph' || previous.kind === 'item') &&
    (continues(previous.text, text) || (width !== null && previous.lastLine >= width * 0.7))
  ) {
    previous.text = `${previous.text} ${text}`;
    previous.lastLine = line.text.trim().length;
    return;
  }
  blocks.push(block('paragraph', text, 0, line.number, text.length));
}

/**
 * Does `next` carry on the paragraph `text` (a wrapped line) rather than start a new one? Short lines on their own
 * are kept apart: letterheads and signatures put a name, a title and a phone number on lines of their own.
 */
function continues(text: string, next: string): boolean {
  if (TERMINAL.test(plainText(text))) return false;
  if (/^[\p{Ll}(]/u.test(next)) return true;
  return text.length >= 60;
}

function block(kind: BlockKind, text: string, level: number, line: number, lastLine = 0): RawBlock {
  return { kind, text, emphasis: null, level, cells: [], line, lastLine };
}

/** A block being built: how long its last source line was tells whether the next line wraps on from it. */
interface RawBlock extends Block {
  lastLine: number;
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
      !TERMINAL.test(plainText(previous.text)) &&
      /^\p{Ll}/u.test(current.text)
    ) {
      previous.text = `${previous.text} ${current.text}`;
      continue;
    }
    joined.push(current);
  }
  return joined;
}

function finish({ lastLine: _lastLine, ...raw }: RawBlock): Block {
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
  /(?:^|[\s(])(?:bl\.a|b\.la|t\.ex|t\.\s?ex|m\.m|m\.fl|s\.k|dvs|d\.v\.s|ca|jfr|inkl|exkl|fr\.o\.m|t\.o\.m|p\.g\.a|enl|nr|kap|resp|ev|o\.s\.v|osv|kl|tfn|tel|st|f\.d|f\.n|mfl|mm|sk|ngt|ang|avs|forts)\.$/i;

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
    // "A. Andersson" and "bl.a. Kommunen" are not ends of sentences.
    if (ABBREVIATION.test(candidate) || /(?:^|\s)\p{Lu}\.$/u.test(candidate)) continue;
    sentences.push(candidate.trim());
    start = (match.index ?? 0) + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences.filter((sentence) => sentence !== '');
}
