import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BoardReport } from './boardReport';
import { csvChunks, renderCsv } from './csv';
import { htmlChunks, renderHtml } from './html';
import { markdownChunks, renderMarkdown } from './markdown';
import { renderXlsx, writeXlsx } from './xlsx';

/** The formats of the board report, each also its file extension. */
export const REPORT_FORMATS = ['md', 'html', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The formats that are text (UTF-8 when written). */
export type TextReportFormat = Exclude<ReportFormat, 'xlsx'>;

/** True when `value` names a report format. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders the report in one format: text for md, html and csv, bytes for xlsx. */
export async function renderReport(report: BoardReport, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'csv':
      return renderCsv(report);
    case 'xlsx':
      return renderXlsx(report);
  }
}

/** A text format in pieces that join into exactly what {@link renderReport} gives. */
export function reportChunks(report: BoardReport, format: TextReportFormat): Iterable<string> {
  switch (format) {
    case 'md':
      return markdownChunks(report);
    case 'html':
      return htmlChunks(report);
    case 'csv':
      return csvChunks(report);
  }
}

/**
 * Writes the report in one format into `stream`, piece by piece and minding back-pressure, so a report of 20,000
 * actions is never in memory whole; ends the stream. The stream is the caller's: reports do no I/O of their own.
 */
export async function writeReport(
  report: BoardReport,
  format: ReportFormat,
  stream: Writable,
): Promise<void> {
  if (format === 'xlsx') return writeXlsx(report, stream);
  await pipeline(Readable.from(reportChunks(report, format)), stream);
}
