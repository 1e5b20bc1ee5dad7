import type { BoardReport } from './boardReport';
import { ACTION_COLUMNS } from './columns';

/** Swedish Excel reads `;` as the list separator (the comma is the decimal sign). */
export const CSV_SEPARATOR = ';';

/** Byte order mark: without it Excel reads UTF-8 as Windows-1252 and "Nämnd" becomes "NÃ¤mnd". */
const BOM = '\ufeff';

/**
 * Renders one row per action (the columns of {@link ACTION_COLUMNS}) as CSV the way Swedish Excel opens it:
 * UTF-8 with BOM, `;` between fields, CRLF between rows, fields quoted when they hold `;`, quotes or line breaks.
 */
export function renderCsv(report: BoardReport): string {
  const rows = [ACTION_COLUMNS.map((column) => field(column.header))];
  for (const line of report.actions) rows.push(ACTION_COLUMNS.map((column) => field(column.value(line))));
  return BOM + rows.map((row) => row.join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // A cell that starts like a formula would be run by Excel; imported text is not trusted (CSV injection).
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
