import { wholePercent } from '../domain/percent';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { BoardReport, VerdictCounts as VerdictRow } from './boardReport';
import { BOARD_TEXTS } from './boardTexts';
import {
  actionColumns,
  countHeaders,
  countOf,
  STATUS_COLUMNS,
  textsOf,
  verdictCells,
  verdictHeaders,
} from './columns';
import type { SummaryRow } from './summary';
import { openWorkbook, workbookBytes } from './workbook';

/** Sheet names of the Swedish workbook, as a reader of it (and the tests) finds them. */
export const XLSX_SHEETS = BOARD_TEXTS.sv.sheets;

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
  return workbookBytes((stream) => writeXlsx(report, stream));
}

/** Writes the workbook of {@link renderXlsx} into `stream` (a file, say) and ends it. */
export async function writeXlsx(report: BoardReport, stream: Writable): Promise<void> {
  const asOf = toDate(report.asOf) ?? new Date(0);
  const texts = textsOf(report);
  const workbook = await openWorkbook(stream, {
    title: `${report.title} ${texts.asOf.toLowerCase()} ${report.asOf}`,
    date: asOf,
  });

  writeSummary(workbook.addWorksheet(texts.sheets.summary), report, asOf);
  writeActions(
    workbook.addWorksheet(texts.sheets.actions, { views: [{ state: 'frozen', ySplit: 1 }] }),
    report,
  );
  // Resolves once the zip is written and `stream` has finished.
  await workbook.commit();
}

function writeSummary(sheet: ExcelJS.Worksheet, report: BoardReport, asOf: Date): void {
  const t = textsOf(report);
  const f = t.figures;
  const c = t.columns;
  sheet.columns = [{ width: 42 }, ...Array.from({ length: 8 }, () => ({ width: 13 }))];
  const add = (values: (string | number | Date | null)[], font?: Partial<ExcelJS.Font>): ExcelJS.Row => {
    const row = sheet.addRow(values);
    if (font) row.font = font;
    return keepFormulaText(row);
  };
  add([report.title], { bold: true, size: 16 }).commit();
  const dated = add([t.asOf, asOf]);
  dated.getCell(2).numFmt = DATE_FORMAT;
  dated.commit();
  add([]).commit();

  const figures = report.keyFigures;
  const totals = report.summary.totals;
  const keyFigures: [string, number, string?][] = [
    [f.audits, figures.audits],
    [f.recommendations, figures.recommendations],
    [f.recommendationsWithoutActions, figures.recommendationsWithoutActions],
    [f.actions, totals.total],
    [f.done, totals.done],
    [f.shareDone, shownShare(totals.shareDone), PERCENT_FORMAT],
    [f.overdue, totals.overdue],
    [f.rescheduled, figures.rescheduledActions],
    [f.deadlineChanges, figures.deadlineChanges],
    [f.unreachable, figures.unreachableOwners],
    [f.withoutOwner, figures.openWithoutOwner],
    [f.withoutDueDate, figures.openWithoutDueDate],
  ];
  add([t.sections.keyFigures], { bold: true, size: 12 }).commit();
  for (const [label, value, format] of keyFigures) {
    const row = add([label, value]);
    row.getCell(2).numFmt = format ?? COUNT_FORMAT;
    row.commit();
  }
  add([]).commit();

  const headers = countHeaders(t);
  add([t.sections.status], { bold: true, size: 12 }).commit();
  add([c.committee, ...headers], { bold: true }).commit();
  for (const row of report.summary.rows) countsRow(sheet, row.committee, row, false);
  countsRow(sheet, c.total, totals, true);
  add([]).commit();

  add([t.sections.statusPerAudit], { bold: true, size: 12 }).commit();
  add([c.audit, ...headers], { bold: true }).commit();
  for (const audit of report.audits) countsRow(sheet, audit.title, audit.counts, false);
  add([]).commit();

  if (report.verdictsByCommittee !== null) {
    const verdictRows = (label: string, rows: readonly VerdictRow[]) => {
      add([label, ...verdictHeaders(report.language)], { bold: true }).commit();
      for (const counts of rows) add([counts.label, ...verdictCells(counts)]).commit();
    };
    add([t.sections.verdicts], { bold: true, size: 12 }).commit();
    verdictRows(c.committee, report.verdictsByCommittee);
    verdictRows(
      c.audit,
      report.audits.flatMap((audit) => (audit.verdicts ? [audit.verdicts] : [])),
    );
    add([]).commit();
  }

  add([t.sections.unreachable], { bold: true, size: 12 }).commit();
  add([c.email, c.since, c.reason, c.openActions], { bold: true }).commit();
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
  const columns = actionColumns(report.language);
  sheet.columns = columns.map((column) => ({ width: column.width }));
  // One style object per column, shared by all its cells: exceljs caches a style's id by object, whereas the
  // fresh style it would give each cell makes it work the id out 260,000 times for 20,000 actions.
  const styles: Partial<ExcelJS.Style>[] = columns.map((column) =>
    column.kind === 'date'
      ? { numFmt: DATE_FORMAT }
      : column.wrap
        ? { alignment: { wrapText: true, vertical: 'top' } }
        : {},
  );
  const textStyles = styles.map((style) => ({ ...style, numFmt: TEXT_FORMAT }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  for (const line of report.actions) {
    const row = sheet.addRow(
      columns.map((column) => {
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
