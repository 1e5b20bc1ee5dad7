import { wholePercent } from '../domain/percent';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import type { BoardReport, VerdictCounts as VerdictRow } from './boardReport';
import {
  ACTION_COLUMNS,
  countOf,
  REASONS_COLUMN,
  STATUS_COLUMNS,
  VERDICT_HEADERS,
  verdictCells,
} from './columns';
import type { SummaryRow } from './summary';

/** Sheet names, as a reader of the workbook (and the tests) finds them. */
export const XLSX_SHEETS = { summary: 'Sammanfattning', actions: 'Åtgärder' } as const;

/** Whole percent with the Swedish non-breaking space: the cell holds the share 0..1 itself, "45 %" is display. */
export const PERCENT_FORMAT = '0"\u00a0"%';
/** Dates are real dates (sortable, filterable), shown as Swedish documents write them. */
export const DATE_FORMAT = 'yyyy-mm-dd';
/** Whole numbers with a digit-group separator; Excel shows the reader's own (a space in Swedish Excel). */
const COUNT_FORMAT = '#,##0';
/**
 * Excel's Text format. A string cell is text as written, but a person who edits one that starts like a formula
 * (`=`, `+`, `-`, `@`) and presses Enter makes it a live formula, and imported texts are not trusted. A cell
 * formatted as Text keeps what is typed into it as text. Excel's other guard, the quotePrefix attribute, cannot
 * be set through exceljs 4.4 (it neither reads nor writes it); the Text format is its public-API equivalent.
 */
export const TEXT_FORMAT = '@';
/** How a cell's text starts when Excel would take an edit of it for a formula (OWASP's formula-injection list). */
const FORMULA_START = /^[=+\-@]/;

/** Whether `value` is text that Excel would run as a formula once someone edits the cell. */
function looksLikeFormula(value: ExcelJS.CellValue): boolean {
  return typeof value === 'string' && FORMULA_START.test(value);
}

/** Formats the formula-like text cells of a row as Text, so that editing them cannot make them formulas. */
function keepFormulaText(row: ExcelJS.Row): ExcelJS.Row {
  row.eachCell((cell) => {
    if (looksLikeFormula(cell.value)) cell.numFmt = TEXT_FORMAT;
  });
  return row;
}

/**
 * Renders the board report as an XLSX workbook: a summary sheet (key figures, status per committee and per audit,
 * unreachable owners) and an actions sheet with one row per action. The numbers are cells of numbers, not text,
 * so the board can calculate.
 */
export async function renderXlsx(report: BoardReport): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeXlsx(report, stream);
  await finished(stream);
  return Buffer.concat(chunks);
}

/**
 * Writes the workbook of {@link renderXlsx} into `stream` (a file, say) and ends it. exceljs's streaming writer
 * keeps memory flat for 20,000 actions; it is loaded on first use, since most reports are Markdown only.
 */
export async function writeXlsx(report: BoardReport, stream: Writable): Promise<void> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  // The report's date, not the clock: renderers are pure, and the workbook describes that day.
  const asOf = toDate(report.asOf) ?? new Date(0);
  workbook.creator = 'Revisionsuppföljning';
  workbook.created = asOf;
  workbook.modified = asOf;
  workbook.title = `${report.title} per ${report.asOf}`;

  writeSummary(workbook.addWorksheet(XLSX_SHEETS.summary), report, asOf);
  writeActions(
    workbook.addWorksheet(XLSX_SHEETS.actions, { views: [{ state: 'frozen', ySplit: 1 }] }),
    report,
  );
  // Resolves once the zip is written and `stream` has finished.
  await workbook.commit();
}

function writeSummary(sheet: ExcelJS.Worksheet, report: BoardReport, asOf: Date): void {
  sheet.columns = [{ width: 42 }, ...Array.from({ length: 8 }, () => ({ width: 13 }))];
  const add = (values: (string | number | Date | null)[], font?: Partial<ExcelJS.Font>): ExcelJS.Row => {
    const row = sheet.addRow(values);
    if (font) row.font = font;
    return keepFormulaText(row);
  };
  add([report.title], { bold: true, size: 16 }).commit();
  const dated = add(['Per', asOf]);
  dated.getCell(2).numFmt = DATE_FORMAT;
  dated.commit();
  add([]).commit();

  const figures = report.keyFigures;
  const totals = report.summary.totals;
  const keyFigures: [string, number, string?][] = [
    ['Granskningar', figures.audits],
    ['Rekommendationer', figures.recommendations],
    ['Rekommendationer utan åtgärd', figures.recommendationsWithoutActions],
    ['Åtgärder', totals.total],
    ['Genomförda', totals.done],
    ['Andel genomförda (av ej avbrutna)', shownShare(totals.shareDone), PERCENT_FORMAT],
    ['Försenade', totals.overdue],
    ['Åtgärder med ändrat slutdatum', figures.rescheduledActions],
    ['Datumändringar', figures.deadlineChanges],
    ['Ansvariga som inte kunnat nås', figures.unreachableOwners],
    ['Öppna åtgärder utan ansvarig med e-post', figures.openWithoutOwner],
    ['Öppna åtgärder utan slutdatum', figures.openWithoutDueDate],
  ];
  add(['Nyckeltal'], { bold: true, size: 12 }).commit();
  for (const [label, value, format] of keyFigures) {
    const row = add([label, value]);
    row.getCell(2).numFmt = format ?? COUNT_FORMAT;
    row.commit();
  }
  add([]).commit();

  const countHeaders = [...STATUS_COLUMNS.map((column) => column.status), 'Totalt', 'Andel genomförda'];
  add(['Status per nämnd'], { bold: true, size: 12 }).commit();
  add(['Nämnd', ...countHeaders], { bold: true }).commit();
  for (const row of report.summary.rows) countsRow(sheet, row.committee, row, false);
  countsRow(sheet, 'Totalt', totals, true);
  add([]).commit();

  add(['Status per granskning'], { bold: true, size: 12 }).commit();
  add(['Granskning', ...countHeaders], { bold: true }).commit();
  for (const audit of report.audits) countsRow(sheet, audit.title, audit.counts, false);
  add([]).commit();

  if (report.verdictsByCommittee !== null) {
    const verdictRows = (label: string, rows: readonly VerdictRow[]) => {
      add([label, ...VERDICT_HEADERS], { bold: true }).commit();
      for (const counts of rows) add([counts.label, ...verdictCells(counts)]).commit();
    };
    add(['Revisorernas bedömningar'], { bold: true, size: 12 }).commit();
    verdictRows('Nämnd', report.verdictsByCommittee);
    verdictRows(
      'Granskning',
      report.audits.flatMap((audit) => (audit.verdicts ? [audit.verdicts] : [])),
    );
    add([]).commit();
  }

  add(['Ansvariga som inte kunnat nås'], { bold: true, size: 12 }).commit();
  add(['E-post', 'Sedan', 'Orsak', 'Öppna åtgärder'], { bold: true }).commit();
  for (const owner of report.unreachableOwners) {
    const row = add([
      owner.email,
      toDate(owner.since),
      owner.reason,
      owner.openActions.map((line) => line.reference).join(', '),
    ]);
    row.getCell(2).numFmt = DATE_FORMAT;
    row.commit();
  }
  sheet.commit();
}

/** The share as the other formats show it (see wholePercent): Excel would round 0.996 up to 100 % on its own. */
function shownShare(share: number): number {
  return wholePercent(share) / 100;
}

function countsRow(sheet: ExcelJS.Worksheet, label: string, counts: SummaryRow, bold: boolean): void {
  const row = sheet.addRow([
    label,
    ...STATUS_COLUMNS.map((column) => countOf(counts, column)),
    counts.total,
    shownShare(counts.shareDone),
  ]);
  for (let i = 2; i <= STATUS_COLUMNS.length + 2; i++) row.getCell(i).numFmt = COUNT_FORMAT;
  row.getCell(STATUS_COLUMNS.length + 3).numFmt = PERCENT_FORMAT;
  if (bold) row.font = { bold: true };
  keepFormulaText(row).commit();
}

function writeActions(sheet: ExcelJS.Worksheet, report: BoardReport): void {
  sheet.columns = ACTION_COLUMNS.map((column) => ({ width: column.width }));
  // One style object per column, shared by all its cells: exceljs caches a style's id by object, whereas the
  // fresh style it would give each cell makes it work the id out 260,000 times for 20,000 actions.
  const styles: Partial<ExcelJS.Style>[] = ACTION_COLUMNS.map((column) =>
    column.kind === 'date'
      ? { numFmt: DATE_FORMAT }
      : column === REASONS_COLUMN
        ? { alignment: { wrapText: true, vertical: 'top' } }
        : {},
  );
  const textStyles = styles.map((style) => ({ ...style, numFmt: TEXT_FORMAT }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ACTION_COLUMNS.length } };
  const header = sheet.addRow(ACTION_COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  for (const line of report.actions) {
    const row = sheet.addRow(
      ACTION_COLUMNS.map((column) => {
        const value = column.value(line);
        return column.kind === 'date' && typeof value === 'string' ? toDate(value) : value;
      }),
    );
    styles.forEach((style, index) => {
      const cell = row.getCell(index + 1);
      cell.style = looksLikeFormula(cell.value) ? (textStyles[index] ?? style) : style;
    });
    row.commit();
  }
  sheet.commit();
}

/** A civil date as the UTC midnight Excel's serial dates count from; null for none or an unreadable date. */
function toDate(date: string | null): Date | null {
  const match = date === null ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}
