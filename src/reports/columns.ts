import { VERDICTS, type DisplayStatus } from '../domain/types';
import { verdictLabel } from '../domain/verdicts';
import type {
  ActionLine,
  AuditSection,
  BoardReport,
  DeadlineChangeLine,
  UnreachableOwnerLine,
  VerdictCounts,
} from './boardReport';
import { BOARD_TEXTS, type BoardTexts, type ReportLanguage } from './boardTexts';
import { formatDate } from './format';
import type { SummaryRow } from './summary';

/** A count column of the status tables: the same order and words in every format. */
export interface StatusColumn {
  status: DisplayStatus;
  field: 'planned' | 'inProgress' | 'overdue' | 'done' | 'cancelled';
  /** The chart's colour; chosen to stay apart in greyscale print too. */
  colour: string;
}

/** Statuses in the order a board reads them: work ahead, work late, work finished. */
export const STATUS_COLUMNS: readonly StatusColumn[] = [
  { status: 'Planerad', field: 'planned', colour: '#b0b7bf' },
  { status: 'Pågår', field: 'inProgress', colour: '#2f6fb3' },
  { status: 'Försenad', field: 'overdue', colour: '#c0392b' },
  { status: 'Genomförd', field: 'done', colour: '#2e7d4f' },
  { status: 'Avbruten', field: 'cancelled', colour: '#6d4c41' },
];

/** The words of the report's language. */
export function textsOf(report: Pick<BoardReport, 'language'>): BoardTexts {
  return BOARD_TEXTS[report.language];
}

/** One column of the per-action table of CSV and XLSX: both take header and value from here, so they agree. */
export interface ActionColumn {
  header: string;
  /** How a spreadsheet should treat the value. */
  kind: 'text' | 'date' | 'number';
  /** Width in characters for XLSX. */
  width: number;
  /** Text of several lines, which XLSX wraps. Default: false. */
  wrap?: boolean;
  value(line: ActionLine): string | number | null;
}

/** The per-action columns of CSV and XLSX in one language. */
export function actionColumns(language: ReportLanguage): readonly ActionColumn[] {
  const texts = BOARD_TEXTS[language];
  const c = texts.columns;
  return [
    { header: c.audit, kind: 'text', width: 36, value: (l) => l.auditTitle },
    { header: c.recommendation, kind: 'text', width: 48, value: (l) => l.recommendationText },
    { header: c.committee, kind: 'text', width: 28, value: (l) => l.committee },
    { header: c.reference, kind: 'text', width: 9, value: (l) => l.reference },
    { header: c.action, kind: 'text', width: 60, value: (l) => l.text },
    { header: c.owner, kind: 'text', width: 30, value: (l) => l.owner },
    { header: c.originalDueDate, kind: 'date', width: 14, value: (l) => l.originalDue.date },
    { header: c.originalPhrase, kind: 'text', width: 24, value: (l) => l.originalDue.phrase },
    { header: c.currentDueDate, kind: 'date', width: 14, value: (l) => l.currentDue.date },
    { header: c.status, kind: 'text', width: 12, value: (l) => texts.statuses[l.status] },
    { header: c.daysOverdue, kind: 'number', width: 10, value: (l) => l.daysOverdue },
    { header: c.changeCount, kind: 'number', width: 10, value: (l) => l.deadlineChangeCount },
    {
      header: c.changesWithReasons,
      kind: 'text',
      width: 60,
      wrap: true,
      value: (l) => describeChanges(l, texts),
    },
    { header: c.latestNote, kind: 'text', width: 60, wrap: true, value: (l) => l.latestNote?.text ?? null },
    { header: c.noteBy, kind: 'text', width: 30, value: (l) => l.latestNote?.by ?? null },
    { header: c.noteDate, kind: 'date', width: 14, value: (l) => l.latestNote?.writtenOn ?? null },
  ];
}

/** The per-action columns of CSV and XLSX in Swedish. */
export const ACTION_COLUMNS: readonly ActionColumn[] = actionColumns('sv');

/** One column of the tables of Markdown and HTML: both take header and cell from here, so they agree. */
export interface ListColumn<T = ActionLine> {
  header: string;
  /** Right-aligned (a number). Default: false. */
  numeric?: boolean;
  /** Kept on one line in HTML (a reference, a date). Default: false. */
  nowrap?: boolean;
  /** The cell's text, or several texts shown one per line (a dash when there are none). */
  value(row: T): string | readonly string[];
  /** A class for the HTML cell, from the row. */
  cellClass?(row: T): string;
}

/** A table in Markdown and HTML: its class, its columns and what stands instead when it has no rows. */
export interface ListTable<T = ActionLine> {
  className: string;
  columns: readonly ListColumn<T>[];
  /** The sentence shown instead of an empty table; null to show the table anyway. */
  empty: string | null;
}

/** The action tables of Markdown and HTML in one language. */
export function listTables(
  texts: BoardTexts,
): Record<'overdue' | 'rescheduled' | 'notes' | 'actions', ListTable> {
  const c = texts.columns;
  const reference: ListColumn = { header: c.reference, nowrap: true, value: (l) => l.reference };
  const committee: ListColumn = { header: c.committee, value: (l) => l.committee };
  const action: ListColumn = { header: c.action, value: (l) => l.text };
  const owner: ListColumn = { header: c.owner, value: (l) => l.owner ?? '–' };
  const due: ListColumn = { header: c.due, value: (l) => describeDue(l.currentDue, texts) };
  return {
    overdue: {
      className: 'overdue',
      empty: texts.empty.overdue,
      columns: [
        reference,
        committee,
        action,
        owner,
        due,
        { header: c.overdue, numeric: true, value: (l) => texts.days(l.daysOverdue ?? 0) },
      ],
    },
    rescheduled: {
      className: 'rescheduled',
      empty: texts.empty.rescheduled,
      columns: [
        reference,
        committee,
        action,
        { header: c.original, nowrap: true, value: (l) => formatDate(l.originalDue.date) },
        { header: c.current, nowrap: true, value: (l) => formatDate(l.currentDue.date) },
        { header: c.count, numeric: true, value: (l) => texts.number(l.deadlineChangeCount) },
        {
          header: c.changesAndReasons,
          value: (l) => l.deadlineChanges.map((change) => describeChange(change, texts)),
        },
      ],
    },
    notes: {
      className: 'notes',
      empty: texts.empty.notes,
      columns: [
        reference,
        committee,
        action,
        { header: c.date, nowrap: true, value: (l) => formatDate(l.latestNote?.writtenOn ?? null) },
        { header: c.by, value: (l) => l.latestNote?.by ?? '–' },
        { header: c.note, value: (l) => l.latestNote?.text ?? '–' },
      ],
    },
    actions: {
      className: 'actions',
      empty: null,
      columns: [
        reference,
        { header: c.audit, value: (l) => l.auditTitle },
        { header: c.recommendationShort, value: (l) => l.recommendationId },
        action,
        owner,
        due,
        { header: c.status, value: (l) => describeStatus(l, texts), cellClass: (l) => `status-${l.status}` },
      ],
    },
  };
}

/** The table of owners who could not be reached, in Markdown and HTML. */
export function unreachableTable(texts: BoardTexts): ListTable<UnreachableOwnerLine> {
  const c = texts.columns;
  return {
    className: 'unreachable',
    empty: texts.empty.unreachable,
    columns: [
      { header: c.owner, value: (owner) => owner.email },
      { header: c.since, nowrap: true, value: (owner) => formatDate(owner.since) },
      { header: c.reason, value: (owner) => owner.reason ?? '–' },
      { header: c.openActions, value: (owner) => owner.openActions.map((line) => line.reference).join(', ') },
    ],
  };
}

/** A table of verdict counts in Markdown and HTML: the label, then each verdict, none yet and all. */
export function verdictTable(
  className: string,
  label: string,
  language: ReportLanguage,
): ListTable<VerdictCounts> {
  return {
    className,
    empty: null,
    columns: [
      { header: label, value: (counts) => counts.label },
      ...verdictHeaders(language).map((header, index): ListColumn<VerdictCounts> => ({
        header,
        numeric: true,
        value: (counts) => BOARD_TEXTS[language].number(verdictCells(counts)[index] ?? 0),
      })),
    ],
  };
}

/** One move of a deadline in a line: "2026-01-15: 2025-12-31 → 2026-03-31 (skäl)". */
export function describeChange(change: DeadlineChangeLine, texts: BoardTexts = BOARD_TEXTS.sv): string {
  const reason = change.reason ?? texts.noReason;
  return `${formatDate(change.changedOn)}: ${formatDate(change.from)} → ${formatDate(change.to)} (${reason})`;
}

/** Every move of an action's deadline, one per line; empty when it never moved. */
export function describeChanges(line: ActionLine, texts: BoardTexts = BOARD_TEXTS.sv): string {
  return line.deadlineChanges.map((change) => describeChange(change, texts)).join('\n');
}

/** The count of one status in a summary row. */
export function countOf(row: SummaryRow, column: StatusColumn): number {
  return row[column.field];
}

/** A deadline for reading: "2021-11-30 (under hösten 2021)", or "datum saknas (på sikt)" when it gives none. */
export function describeDue(
  deadline: { date: string | null; phrase: string },
  texts: BoardTexts = BOARD_TEXTS.sv,
): string {
  if (deadline.date === null)
    return deadline.phrase ? `${texts.missingDate} (${deadline.phrase})` : texts.missingDate;
  return deadline.phrase && deadline.phrase !== deadline.date
    ? `${deadline.date} (${deadline.phrase})`
    : deadline.date;
}

/** The status for reading, with the days for Försenad: "Försenad (12 dagar)". */
export function describeStatus(line: ActionLine, texts: BoardTexts = BOARD_TEXTS.sv): string {
  const status = texts.statuses[line.status];
  if (line.daysOverdue !== null) return `${status} (${texts.days(line.daysOverdue)})`;
  return status;
}

/** One key figure of the summary: the same words and numbers in Markdown, HTML and XLSX. */
export interface KeyFigureLine {
  label: string;
  value: string;
}

/** The key figures at the top of the report, formatted the Swedish way. */
export function keyFigureLines(report: BoardReport): KeyFigureLine[] {
  const t = textsOf(report);
  const f = t.figures;
  const figures = report.keyFigures;
  const totals = report.summary.totals;
  const without = figures.recommendationsWithoutActions;
  return [
    { label: f.audits, value: t.number(figures.audits) },
    {
      label: f.recommendations,
      value:
        t.number(figures.recommendations) + (without > 0 ? f.recommendationsWithout(t.number(without)) : ''),
    },
    { label: f.actions, value: t.number(totals.total) },
    {
      label: f.done,
      value: f.doneOfNotCancelled(t.number(totals.done), t.percent(totals.shareDone)),
    },
    { label: f.overdue, value: t.number(totals.overdue) },
    {
      label: f.rescheduled,
      value: f.rescheduledWithTotal(t.number(figures.rescheduledActions), t.number(figures.deadlineChanges)),
    },
    { label: f.unreachable, value: t.number(figures.unreachableOwners) },
    { label: f.withoutOwner, value: t.number(figures.openWithoutOwner) },
    { label: f.withoutDueDate, value: t.number(figures.openWithoutDueDate) },
  ];
}

/** The headers of the count columns after the label: each status, the total, the share done. */
export function countHeaders(texts: BoardTexts): string[] {
  return [
    ...STATUS_COLUMNS.map((column) => texts.statuses[column.status]),
    texts.columns.total,
    texts.columns.shareDone,
  ];
}

/** The counts of a summary row in one line: "Planerad 1 · Pågår 2 · … · Andel genomförda 33 %". */
export function describeCounts(row: SummaryRow, texts: BoardTexts = BOARD_TEXTS.sv): string {
  return [
    ...STATUS_COLUMNS.map(
      (column) => `${texts.statuses[column.status]} ${texts.number(countOf(row, column))}`,
    ),
    `${texts.columns.total} ${texts.number(row.total)}`,
    `${texts.columns.shareDone} ${texts.percent(row.shareDone)}`,
  ].join(' · ');
}

/** The audit's facts in one line: auditor, report date, diary number, committees, response deadlines. */
export function describeAudit(audit: AuditSection, texts: BoardTexts = BOARD_TEXTS.sv): string {
  const a = texts.audit;
  const parts: string[] = [];
  if (audit.auditor) parts.push(`${a.auditor}: ${audit.auditor}`);
  if (audit.reportDate) parts.push(`${a.reportDate}: ${audit.reportDate}`);
  if (audit.diaryNumber) parts.push(`${a.diaryNumber}: ${audit.diaryNumber}`);
  if (audit.committees.length > 0) parts.push(`${a.committees}: ${audit.committees.join(', ')}`);
  if (audit.responseDue.length > 0) {
    parts.push(
      `${a.responseDue}: ${audit.responseDue.map((due) => `${due.committee} ${due.due}`).join(', ')}`,
    );
  }
  return parts.join(' · ');
}

/** The sentence about open actions nobody can be reminded of, or null when there are none. */
export function describeWithoutOwner(
  lines: readonly ActionLine[],
  texts: BoardTexts = BOARD_TEXTS.sv,
): string | null {
  if (lines.length === 0) return null;
  return texts.withoutOwner(lines.length, lines.map((line) => line.reference).join(', '));
}

/** The sentence naming an audit's recommendations that no action answers, or null when every one has some. */
export function withoutActionsNote(audit: AuditSection, texts: BoardTexts = BOARD_TEXTS.sv): string | null {
  const ids = audit.recommendations.filter((rec) => rec.actions.length === 0).map((rec) => rec.id);
  if (ids.length === 0) return null;
  return texts.withoutActions(ids.length, ids.join(', '));
}

/** The columns of the verdict tables, after the label: each verdict, then none yet, then all. */
export function verdictHeaders(language: ReportLanguage): string[] {
  const c = BOARD_TEXTS[language].columns;
  return [...VERDICTS.map((verdict) => verdictLabel(verdict, language)), c.noVerdict, c.recommendations];
}

/** The numbers of one verdict row, in the order of {@link verdictHeaders}. */
export function verdictCells(counts: VerdictCounts): number[] {
  return [...VERDICTS.map((verdict) => counts.byVerdict[verdict]), counts.none, counts.total];
}
