/** What an {@link ImportError} says about where and what the problem is. */
export interface ImportErrorDetails {
  /** The file name as the user gave it. */
  file: string;
  /** 1-based line of the problem, or null when it cannot be placed (e.g. the extension is wrong). */
  line: number | null;
  /** Where in the document, e.g. `audits[0].recommendations[2].actions[5].due`; `''` for the file as a whole. */
  path?: string;
  /** The field named last in `path` (`due`), or `''` when the problem is not one field's. */
  field?: string;
  /** What was expected, in Swedish, e.g. `en e-postadress`. */
  expected: string;
  /** The problem in one Swedish sentence, e.g. `förväntade en e-postadress, fick "anna.andersson"`. */
  problem: string;
  cause?: unknown;
}

/**
 * An import file is unusable: bad syntax, a wrong field, a broken rule. Nothing of the file may be imported.
 * The message is one line in Swedish, `<file> rad <line>: <path>: <problem>`, so the CLI can print it as is.
 * @example
 * // exempel.yaml rad 40: audits[0].recommendations[1].actions[3].owner: förväntade en e-postadress, fick "anna.andersson"
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly file: string;
  readonly line: number | null;
  readonly path: string;
  readonly field: string;
  readonly expected: string;

  constructor(details: ImportErrorDetails) {
    const path = details.path ?? '';
    const where = details.line === null ? '' : ` rad ${details.line}`;
    const message = `${oneLine(details.file)}${where}: ${path === '' ? '' : `${oneLine(path)}: `}${oneLine(details.problem)}`;
    super(message, { cause: details.cause });
    this.file = details.file;
    this.line = details.line;
    this.path = path;
    this.field = details.field ?? '';
    this.expected = details.expected;
  }
}

/** A CLI prints the message as one line (docs/cli.md), whatever a file name or a parser's text contains. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}
