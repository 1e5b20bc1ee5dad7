import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
import { decodeHtmlEntities } from '../domain/text';
import { checkDocxArchive } from './docxArchive';
import { DocumentTooComplexError } from './documentTooComplexError';
import { ImportError } from './errors';

/** Extensions of response documents {@link readDocumentText} reads, lower case. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.docx'] as const;

/** A response document's extension, or null when the name has none of {@link DOCUMENT_EXTENSIONS}. */
export function documentExtension(fileName: string): (typeof DOCUMENT_EXTENSIONS)[number] | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const extension = dot <= 0 ? '' : base.slice(dot).toLowerCase();
  return DOCUMENT_EXTENSIONS.find((known) => known === extension) ?? null;
}

/**
 * The text of a committee's response document, for {@link extractDraft}: `.txt` and `.md` as they are, `.docx`
 * as Markdown (headings `#`, bold `**`, italics `*`, lists `-`/`1.`, tables `| … |`), because bold headings,
 * italic recommendations and bullet lists are how these documents mark their structure.
 * @param fileName the name the user gave; it picks the format and names the file in errors.
 * @param content the file's bytes; read from `fileName` when left out.
 * @throws ImportError when the extension is not one of {@link DOCUMENT_EXTENSIONS} or a .docx cannot be read.
 * @throws DocumentTooComplexError when a .docx inflates past docxArchive.ts's limits (a zip bomb).
 * @example await readDocumentText('svar.docx') // '# Svar på revisionsrapport …\n\n**Svar:** …'
 */
export async function readDocumentText(fileName: string, content?: Uint8Array): Promise<string> {
  const extension = documentExtension(fileName);
  if (extension === null) {
    throw new ImportError({
      file: fileName,
      line: null,
      expected: `en fil som slutar på ${DOCUMENT_EXTENSIONS.join(', ')}`,
      problem: `kan inte läsa ett svarsdokument av den här typen; filen ska sluta på ${DOCUMENT_EXTENSIONS.join(', ')}`,
    });
  }
  const bytes = content ?? (await readFile(fileName));
  if (extension !== '.docx') return Buffer.from(bytes).toString('utf8');
  let html: string;
  try {
    // mammoth inflates the whole archive in memory: it only sees one proven to stay small.
    await checkDocxArchive(fileName, bytes);
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (cause) {
    if (cause instanceof DocumentTooComplexError) throw cause;
    throw new ImportError({
      file: fileName,
      line: null,
      expected: 'ett Word-dokument (.docx)',
      problem: `filen kan inte läsas som .docx (${cause instanceof Error ? cause.message : String(cause)})`,
      cause,
    });
  }
  return htmlToMarkdown(html);
}

/** Do the pieces, joined, end with `suffix`? */
function endsWith(pieces: readonly string[], suffix: string): boolean {
  let tail = '';
  for (let i = pieces.length - 1; i >= 0 && tail.length < suffix.length; i -= 1) tail = `${pieces[i]}${tail}`;
  return tail.endsWith(suffix);
}

/** Removes the last `count` characters of the pieces, joined. */
function dropEnd(pieces: string[], count: number): void {
  let left = count;
  while (left > 0) {
    const last = pieces.pop();
    if (last === undefined) return;
    if (last.length > left) pieces.push(last.slice(0, last.length - left));
    left -= last.length;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// mammoth's HTML to the Markdown the extractor reads. mammoth writes a small, regular subset of HTML (no
// attributes that matter, always closed), so a tag stream is enough; its own Markdown writer is deprecated and
// drops tables, which is where many responses put their actions.

interface ListState {
  ordered: boolean;
  count: number;
}

/**
 * Converts mammoth's HTML to Markdown: one block per line, blank lines between paragraphs. Exported for tests.
 * @example htmlToMarkdown('<p><strong>Svar:</strong> Ja.</p>') // '**Svar:** Ja.'
 */
export function htmlToMarkdown(html: string): string {
  const out: string[] = [];
  const lists: ListState[] = [];
  // The paragraph being read: `pieces` end in a character that is not white space (or are none), and `space` says
  // whether white space follows them. Closing a marker then looks at the last pieces only; rereading the paragraph
  // so far at every marker made one with many bold runs quadratic. How much white space there was does not
  // matter: flush folds every run of it to one space.
  let pieces: string[] = [];
  let space = false;
  let prefix = '';
  let row: string[] | null = null;
  let cell: string[] | null = null;

  const append = (text: string): void => {
    const body = text.trimEnd();
    if (body === '') {
      space ||= text !== '';
      return;
    }
    if (space) pieces.push(' ');
    pieces.push(body);
    space = body.length < text.length;
  };
  const flush = (): void => {
    const text = pieces.join('').replace(/\s+/g, ' ').trim();
    pieces = [];
    space = false;
    if (text === '' || text === '**' || text === '*') return;
    if (cell !== null) cell.push(text);
    else out.push(`${prefix}${text}`, '');
    prefix = '';
  };
  // Markdown emphasis must hug its text: "**Svar: **x" would not read as bold, so spaces go outside the marker.
  const mark = (marker: string, closing: boolean): void => {
    if (!closing) {
      append(marker);
      return;
    }
    if (!endsWith(pieces, marker)) {
      pieces.push(marker);
      return;
    }
    // An empty span ("**" right before "**") cancels out; white space before it joins the white space after it.
    dropEnd(pieces, marker.length);
    for (let last = pieces.pop(); last !== undefined; last = pieces.pop()) {
      const body = last.trimEnd();
      space ||= body.length < last.length;
      if (body !== '') {
        pieces.push(body);
        break;
      }
    }
  };

  for (const token of html.matchAll(/<(\/?)([a-z\d]+)(?:[^<>a-z\d][^<>]*)?>|([^<]+)/gi)) {
    const [, slash, rawTag, text] = token;
    if (text !== undefined) {
      // A literal * or | would read as emphasis or a table cell.
      append(decodeHtmlEntities(text).replace(/([*|\\])/g, '\\$1'));
      continue;
    }
    const tag = (rawTag ?? '').toLowerCase();
    const closing = slash === '/';
    switch (tag) {
      case 'p':
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        flush();
        if (!closing && tag.startsWith('h')) prefix = `${'#'.repeat(Number(tag.slice(1)))} `;
        break;
      case 'ul':
      case 'ol':
        flush();
        if (closing) lists.pop();
        else lists.push({ ordered: tag === 'ol', count: 0 });
        break;
      case 'li': {
        flush();
        const list = lists[lists.length - 1];
        if (!closing && list && cell === null) {
          list.count += 1;
          prefix = `${'  '.repeat(lists.length - 1)}${list.ordered ? `${list.count}.` : '-'} `;
        }
        break;
      }
      case 'table':
        flush();
        break;
      case 'tr':
        if (closing && row !== null) {
          out.push(`| ${row.join(' | ')} |`);
          // A table ends at its last row; the blank line keeps the next paragraph apart.
          row = null;
        } else if (!closing) {
          row = [];
        }
        break;
      case 'td':
      case 'th':
        if (closing) {
          flush();
          row?.push((cell ?? []).join(' '));
          cell = null;
        } else {
          cell = [];
        }
        break;
      case 'strong':
      case 'b':
        mark('**', closing);
        break;
      case 'em':
      case 'i':
        mark('*', closing);
        break;
      case 'br':
        append(' ');
        break;
      default:
        // Links keep their text; images, footnote anchors and spans add nothing the extractor reads.
        break;
    }
    if (tag === 'table' && closing) out.push('');
  }
  flush();
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
