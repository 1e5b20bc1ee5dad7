// The public surface of reports: every name other folders may use, one by one.
export { summarize, countActions } from './summary';
export type { Summary, SummaryRow } from './summary';
export { buildBoardReport, isOpen, BOARD_REPORT_TITLE } from './boardReport';
export { readReportInput, readReviewPackInput, reportSourcesOf } from './input';
export type { ReportInput, ReportSources, ReviewPackSources } from './input';
export type {
  ActionLine,
  AuditSection,
  BoardReport,
  BoardReportOptions,
  CommitteeSection,
  DeadlineChangeLine,
  KeyFigures,
  RecommendationSection,
  UnreachableOwner,
  UnreachableOwnerLine,
} from './boardReport';
export { ACTION_COLUMNS, STATUS_COLUMNS } from './columns';
export { formatDate, formatNumber, formatPercent, NBSP } from './format';
export { escapeHtml } from './escape';
export { renderMarkdown, markdownChunks } from './markdown';
export { renderHtml, htmlChunks } from './html';
export { renderCsv, csvChunks, CSV_SEPARATOR } from './csv';
export {
  publicRows,
  recommendationKey,
  renderPublicCsv,
  renderPublicHtml,
  PUBLIC_TABLE_TITLE,
} from './publicTable';
export type { PublicRow, PublicTableOptions, PublicVerdict } from './publicTable';
export { renderXlsx, writeXlsx, XLSX_SHEETS, PERCENT_FORMAT, DATE_FORMAT } from './xlsx';
export { renderReport, reportChunks, writeReport, REPORT_FORMATS, isReportFormat } from './render';
export type { ReportFormat, TextReportFormat } from './render';
export { buildReviewPack, PACK_TEXTS } from './reviewPack';
export type {
  PackAction,
  PackDeadlineChange,
  PackEvidence,
  PackLanguage,
  PackNote,
  PackRecommendation,
  PackVerdict,
  ReviewPack,
  ReviewPackInput,
  ReviewPackOptions,
} from './reviewPack';
export { renderReviewMarkdown } from './reviewMarkdown';
export { renderReviewHtml } from './reviewHtml';
export { renderReviewXlsx, writeReviewXlsx, REVIEW_SHEETS } from './reviewXlsx';
export { renderReviewPack, isReviewFormat, REVIEW_FORMATS } from './reviewRender';
export type { ReviewFormat } from './reviewRender';
