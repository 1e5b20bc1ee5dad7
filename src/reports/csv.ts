import type { BoardReport } from './boardReport';
import { actionColumns } from './columns';

/** Swedish Excel reads `;` as the list separator (the comma is the decimal sign). */
export const CSV_SEPARATOR = ';';

/** Byte order mark: without it Excel reads UTF-8 as Windows-1252 and "Nämnd" becomes "NÃ¤mnd". */
const BOM = '\ufeff';

/** Rows per chunk of {@link csvChunks}: large enough to write efficiently, small enough to stay light. */
const ROWS_PER_CHUNK = 500;

/**
 * Renders one row per action (the columns of {@link actionColumns}, in the report's language) as CSV the way Swedish Excel opens it:
 * UTF-8 with BOM, `;` between fields, CRLF between rows, fields quoted when they hold `;`, quotes or line breaks.
 */
export function renderCsv(report: BoardReport): string {
  return [...csvChunks(report)].join('');
}

/** The CSV of {@link renderCsv} in pieces of a few hundred rows, for writing without holding it all in memory. */
export function* csvChunks(report: BoardReport): Generator<string> {
  const columns = actionColumns(report.language);
  yield BOM + columns.map((column) => field(column.header)).join(CSV_SEPARATOR) + '\r\n';
  for (let start = 0; start < report.actions.length; start += ROWS_PER_CHUNK) {
    let chunk = '';
    for (const line of report.actions.slice(start, start + ROWS_PER_CHUNK)) {
      chunk += columns.map((column) => field(column.value(line))).join(CSV_SEPARATOR) + '\r\n';
    }
    yield chunk;
  }
}

/**
 * Text a spreadsheet must not run: a cell that starts like a formula would be run by Excel, and imported text is
 * not trusted (CSV injection), so it gets a leading apostrophe.
 * @example neutralizeFormula('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One CSV field as every CSV of the app writes it: empty for null, quoted when it holds `;`, quotes or line
 * breaks, and with a `'` before text that Excel would run as a formula.
 */
export function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralizeFormula(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
