import type { BoardReport } from './boardReport';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderXlsx } from './xlsx';

/** The formats of the board report, each also its file extension. */
export const REPORT_FORMATS = ['md', 'html', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** True when `value` names a report format. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders the report in one format: text for md, html and csv (UTF-8 when written), bytes for xlsx. */
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
