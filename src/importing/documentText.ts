import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
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
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (cause) {
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

// ---------------------------------------------------------------------------------------------------------------
// mammoth's HTML to the Markdown the extractor reads. mammoth writes a small, regular subset of HTML (no
// attributes that matter, always closed), so a tag stream is enough; its own Markdown writer is deprecated and
// drops tables, which is where many responses put their actions.

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

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
  let buffer = '';
  let prefix = '';
  let row: string[] | null = null;
  let cell: string[] | null = null;

  const flush = (): void => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    buffer = '';
    if (text === '' || text === '**' || text === '*') return;
    if (cell !== null) cell.push(text);
    else out.push(`${prefix}${text}`, '');
    prefix = '';
  };
  // Markdown emphasis must hug its text: "**Svar: **x" would not read as bold, so spaces go outside the marker.
  const mark = (marker: string, closing: boolean): void => {
    if (!closing) {
      buffer += marker;
      return;
    }
    // trimEnd, not /\s*$/: the pattern retries a long run of spaces from each of them.
    const body = buffer.trimEnd();
    const trailing = buffer.slice(body.length);
    buffer = body.endsWith(marker) ? body.slice(0, -marker.length) + trailing : body + marker + trailing;
  };

  // The tag's name is all its letters and digits, so what follows cannot trade characters with it; and a tag ends
  // before the next "<", which mammoth always escapes in text and attributes.
  for (const token of html.matchAll(/<(\/?)([a-z\d]+)(?:[^<>a-z\d][^<>]*)?>|([^<]+)/gi)) {
    const [, slash, rawTag, text] = token;
    if (text !== undefined) {
      // A literal * or | would read as emphasis or a table cell.
      buffer += decodeEntities(text).replace(/([*|\\])/g, '\\$1');
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
        buffer += ' ';
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
