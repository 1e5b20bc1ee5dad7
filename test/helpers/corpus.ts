/**
 * Loads the corpus of real Swedish municipal wording (test/fixtures/corpus): deadline phrases and sentences with
 * the day they allow, and response documents or excerpts with the actions a careful reader finds in them.
 * See test/fixtures/corpus/README.md for the sources and the rules behind the expected dates.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isCalendarDate } from '../../src/domain/dates';

export const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'corpus');
const DOCUMENTS_DIR = join(CORPUS_DIR, 'documents');

/** One line of phrases.tsv. */
export interface CorpusPhrase {
  /** 1-based line in phrases.tsv (the header is line 1). */
  line: number;
  /** The phrase or sentence exactly as written in the source. */
  text: string;
  /** `phrase`: the whole text is a deadline (resolveDeadline); `sentence`: find it in the text (findDeadline). */
  mode: 'phrase' | 'sentence';
  /** The source's own date, which phrases without a year are read against. */
  documentDate: string;
  /** The last day the text allows, or null: no date is meant (vague, past, earliest, start). */
  expected: string | null;
  kind: string;
  source: string;
  note: string;
}

/** One action a careful reader finds in a corpus document. */
export interface CorpusAction {
  /** A stretch of the action's text that identifies it. */
  includes: string;
  /** 1-based; null where the document has no recommendations or does not say. */
  recommendation: number | null;
  /** The responsible role the document names, or null. */
  role: string | null;
  /** The last day the action's deadline allows, or null: no date is meant. */
  due: string | null;
}

/** A corpus document and what a careful reader finds in it (documents/<slug>.expected.json). */
export interface CorpusDocument {
  slug: string;
  /** File name of the text under documents/. */
  document: string;
  source: string;
  layout: string;
  documentDate: string;
  documentDateNote: string;
  notes: string[];
  actions: CorpusAction[];
  /** Sentences that may be found as actions or not: both are right. */
  acceptable: string[];
  /** The document's text. */
  text: string;
}

/** True for a real calendar day written YYYY-MM-DD (the product's one check). */
export const isCivilDate = isCalendarDate;

/** Reads phrases.tsv; throws on a line that does not have the seven columns. */
export function loadPhrases(): CorpusPhrase[] {
  const lines = readFileSync(join(CORPUS_DIR, 'phrases.tsv'), 'utf8').split('\n');
  const header = lines[0]?.split('\t') ?? [];
  const columns = ['text', 'mode', 'documentDate', 'expected', 'kind', 'source', 'note'];
  if (header.join('\t') !== columns.join('\t'))
    throw new Error(`phrases.tsv: unexpected header ${header.join(',')}`);
  const rows: CorpusPhrase[] = [];
  lines.slice(1).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const cells = raw.split('\t');
    const line = index + 2;
    if (cells.length !== columns.length) throw new Error(`phrases.tsv:${line}: ${cells.length} columns`);
    const [text, mode, documentDate, expected, kind, source, note] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (mode !== 'phrase' && mode !== 'sentence') throw new Error(`phrases.tsv:${line}: mode "${mode}"`);
    rows.push({
      line,
      text,
      mode,
      documentDate,
      expected: expected === '' ? null : expected,
      kind,
      source,
      note,
    });
  });
  return rows;
}

/** Reads every documents/<slug>.expected.json with its document's text. */
export function loadDocuments(): CorpusDocument[] {
  return readdirSync(DOCUMENTS_DIR)
    .filter((name) => name.endsWith('.expected.json'))
    .sort()
    .map((name) => {
      const slug = name.slice(0, -'.expected.json'.length);
      const parsed = JSON.parse(readFileSync(join(DOCUMENTS_DIR, name), 'utf8')) as Omit<
        CorpusDocument,
        'slug' | 'text'
      >;
      return { ...parsed, slug, text: readFileSync(join(DOCUMENTS_DIR, parsed.document), 'utf8') };
    });
}
