import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { REPORT_FORMATS } from '../reports';
import { parseFormatList, parseLanguage, UsageError, type CliContext } from './context';

/** The extensions of every file the command line writes: a name ending in one of them is a base plus extension. */
const FILE_EXTENSIONS: readonly string[] = REPORT_FORMATS;

/** The flags of the commands that write documents (`report`, `review`), for `parseFlags`. */
export const DOCUMENT_FLAGS = {
  format: { type: 'string', default: 'md' },
  out: { type: 'string' },
  lang: { type: 'string', default: 'sv' },
  tenant: { type: 'string' },
} as const;

/** What a document command was asked for: its formats, its language, and its file (null: stdout). */
export interface DocumentRequest<T extends string> {
  formats: T[];
  language: 'sv' | 'en';
  out: string | null;
}

/**
 * Reads the {@link DOCUMENT_FLAGS} of a command whose formats are `known`.
 * @throws UsageError for an unknown format or language, or output that needs `--out` (see {@link outputTarget}).
 */
export function documentRequest<T extends string>(
  values: { format?: string; out?: string; lang?: string },
  known: readonly T[],
): DocumentRequest<T> {
  const formats = parseFormatList(values.format, known);
  const language = parseLanguage(values.lang);
  return { formats, language, out: outputTarget(values.out, formats) };
}

/**
 * Where a command that writes documents (`report`, `review`) puts them: the `--out` file, or null for stdout.
 * @throws UsageError when several formats, or the binary xlsx, are asked for without `--out`.
 */
export function outputTarget(flag: string | undefined, formats: readonly string[]): string | null {
  const out = flag?.trim() || null;
  if (out === null && formats.length > 1) {
    throw new UsageError('Flera format kräver --out <fil>; varje format skrivs med sin filändelse.');
  }
  if (out === null && formats[0] === 'xlsx') throw new UsageError('Formatet xlsx kräver --out <fil>.');
  return out;
}

/** Prints a document to stdout; its closing line break is dropped since `out` adds one, so stdout equals the file. */
export function printDocument(context: CliContext, text: string | Buffer): void {
  context.out(String(text).replace(/\r?\n$/, ''));
}

/**
 * The file of each format for `--out`:
 * - a directory (one that exists, or a name ending in `/`): `defaultName` plus each format's extension inside it;
 * - one format: the file exactly as given (`--out r2.md` with `--format html` writes r2.md);
 * - several formats: each format's extension on the name, without an extension of a known format
 *   (`--out rapport` and `--out rapport.md` both give rapport.md, rapport.html, ...).
 */
export function outputFiles<T extends string>(
  out: string,
  formats: readonly T[],
  options: { isDirectory: boolean; defaultName: string },
): Map<T, string> {
  if (options.isDirectory) {
    return new Map(formats.map((format) => [format, join(out, `${options.defaultName}.${format}`)]));
  }
  const [only] = formats;
  if (formats.length === 1 && only !== undefined) return new Map([[only, out]]);
  const extension = extname(out);
  const known = FILE_EXTENSIONS.includes(extension.slice(1).toLowerCase());
  const base = known ? out.slice(0, -extension.length) : out;
  return new Map(formats.map((format) => [format, `${base}.${format}`]));
}

/** Whether `--out` names a directory: one that exists, or any name ending in a path separator. */
async function isDirectory(out: string): Promise<boolean> {
  if (/[\\/]$/.test(out)) return true;
  try {
    return (await stat(out)).isDirectory();
  } catch {
    // Not there (or not readable): a file to create, and writing it says what is wrong.
    return false;
  }
}

/** What a command writes, for {@link writeFiles}. */
export interface WrittenDocument {
  /** The document in Swedish, for the error: "rapporten", "underlaget". */
  what: string;
  /** Its file name without extension when `--out` is a directory: "styrelserapport-2026-03-31". */
  defaultName: string;
}

/**
 * A name for a file made of free text (a diary number): letters, digits and dashes, at most 80 characters.
 */
export function fileNamePart(text: string): string {
  return text.replace(/[^\p{L}\p{N}-]+/gu, '-').slice(0, 80);
}

/**
 * Writes each format to its file (see {@link outputFiles}) and returns the files' names, all or nothing: `write`
 * fills a temporary file beside each target, and the temporary files are renamed into place only when all are
 * written, so a failure leaves nothing behind.
 * @throws UsageError naming `out` and the system's error code when a file cannot be written.
 */
export async function writeFiles<T extends string>(
  out: string,
  formats: readonly T[],
  document: WrittenDocument,
  write: (format: T, file: string) => Promise<void>,
): Promise<string[]> {
  const files = [
    ...outputFiles(out, formats, { isDirectory: await isDirectory(out), defaultName: document.defaultName }),
  ];
  const suffix = `.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const written: string[] = [];
  try {
    for (const [format, file] of files) {
      const temp = `${file}${suffix}`;
      written.push(temp);
      await write(format, temp);
    }
    for (const [, file] of files) await rename(`${file}${suffix}`, file);
  } catch (cause) {
    await Promise.all(written.map((temp) => rm(temp, { force: true })));
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === undefined) throw cause;
    throw new UsageError(`${out}: ${document.what} kan inte skrivas (${code}).`);
  }
  return files.map(([, file]) => file);
}
