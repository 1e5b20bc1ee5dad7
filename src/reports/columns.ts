import { VERDICTS, type DisplayStatus } from '../domain/types';
import type { ActionLine, AuditSection, BoardReport, DeadlineChangeLine, VerdictCounts } from './boardReport';
import { formatDate, formatDays, formatNumber, formatPercent } from './format';
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

/** One column of the per-action table of CSV and XLSX: both take header and value from here, so they agree. */
export interface ActionColumn {
  header: string;
  /** How a spreadsheet should treat the value. */
  kind: 'text' | 'date' | 'number';
  /** Width in characters for XLSX. */
  width: number;
  value(line: ActionLine): string | number | null;
}

/** The moves of the deadline with their reasons, one per line (XLSX wraps this column). */
export const REASONS_COLUMN: ActionColumn = {
  header: 'Datumändringar med skäl',
  kind: 'text',
  width: 60,
  value: (l) => describeChanges(l),
};

/** The per-action columns of CSV and XLSX. */
export const ACTION_COLUMNS: readonly ActionColumn[] = [
  { header: 'Granskning', kind: 'text', width: 36, value: (l) => l.auditTitle },
  { header: 'Rekommendation', kind: 'text', width: 48, value: (l) => l.recommendationText },
  { header: 'Nämnd', kind: 'text', width: 28, value: (l) => l.committee },
  { header: 'Ref', kind: 'text', width: 9, value: (l) => l.reference },
  { header: 'Åtgärd', kind: 'text', width: 60, value: (l) => l.text },
  { header: 'Ansvarig', kind: 'text', width: 30, value: (l) => l.owner },
  { header: 'Ursprungligt slutdatum', kind: 'date', width: 14, value: (l) => l.originalDue.date },
  { header: 'Ursprunglig formulering', kind: 'text', width: 24, value: (l) => l.originalDue.phrase },
  { header: 'Aktuellt slutdatum', kind: 'date', width: 14, value: (l) => l.currentDue.date },
  { header: 'Status', kind: 'text', width: 12, value: (l) => l.status },
  { header: 'Dagar försenad', kind: 'number', width: 10, value: (l) => l.daysOverdue },
  { header: 'Antal datumändringar', kind: 'number', width: 10, value: (l) => l.deadlineChangeCount },
  REASONS_COLUMN,
];

/** One move of a deadline in a line: "2026-01-15: 2025-12-31 → 2026-03-31 (skäl)". */
export function describeChange(change: DeadlineChangeLine): string {
  const reason = change.reason ?? 'inget skäl angivet';
  return `${formatDate(change.changedOn)}: ${formatDate(change.from)} → ${formatDate(change.to)} (${reason})`;
}

/** Every move of an action's deadline, one per line; empty when it never moved. */
export function describeChanges(line: ActionLine): string {
  return line.deadlineChanges.map(describeChange).join('\n');
}

/** The count of one status in a summary row. */
export function countOf(row: SummaryRow, column: StatusColumn): number {
  return row[column.field];
}

/** A deadline for reading: "2021-11-30 (under hösten 2021)", or "datum saknas (på sikt)" when it gives none. */
export function describeDue(deadline: { date: string | null; phrase: string }): string {
  if (deadline.date === null) return deadline.phrase ? `datum saknas (${deadline.phrase})` : 'datum saknas';
  return deadline.phrase && deadline.phrase !== deadline.date
    ? `${deadline.date} (${deadline.phrase})`
    : deadline.date;
}

/** The status for reading, with the days for Försenad: "Försenad (12 dagar)". */
export function describeStatus(line: ActionLine): string {
  if (line.daysOverdue !== null) return `${line.status} (${formatDays(line.daysOverdue)})`;
  return line.status;
}

/** One key figure of the summary: the same words and numbers in Markdown, HTML and XLSX. */
export interface KeyFigureLine {
  label: string;
  value: string;
}

/** The key figures at the top of the report, formatted the Swedish way. */
export function keyFigureLines(report: BoardReport): KeyFigureLine[] {
  const figures = report.keyFigures;
  const totals = report.summary.totals;
  const without = figures.recommendationsWithoutActions;
  return [
    { label: 'Granskningar', value: formatNumber(figures.audits) },
    {
      label: 'Rekommendationer',
      value:
        formatNumber(figures.recommendations) +
        (without > 0 ? `, varav ${formatNumber(without)} utan åtgärd` : ''),
    },
    { label: 'Åtgärder', value: formatNumber(totals.total) },
    {
      label: 'Genomförda',
      value: `${formatNumber(totals.done)} (${formatPercent(totals.shareDone)} av de ej avbrutna)`,
    },
    { label: 'Försenade', value: formatNumber(totals.overdue) },
    {
      label: 'Åtgärder med ändrat slutdatum',
      value: `${formatNumber(figures.rescheduledActions)} (sammanlagt ${formatNumber(figures.deadlineChanges)} ändringar)`,
    },
    { label: 'Ansvariga som inte kunnat nås', value: formatNumber(figures.unreachableOwners) },
    { label: 'Öppna åtgärder utan ansvarig med e-post', value: formatNumber(figures.openWithoutOwner) },
    { label: 'Öppna åtgärder utan slutdatum', value: formatNumber(figures.openWithoutDueDate) },
  ];
}

/** The counts of a summary row in one line: "Planerad 1 · Pågår 2 · … · Andel genomförda 33 %". */
export function describeCounts(row: SummaryRow): string {
  return [
    ...STATUS_COLUMNS.map((column) => `${column.status} ${formatNumber(countOf(row, column))}`),
    `Totalt ${formatNumber(row.total)}`,
    `Andel genomförda ${formatPercent(row.shareDone)}`,
  ].join(' · ');
}

/** The audit's facts in one line: auditor, report date, diary number, committees, response deadlines. */
export function describeAudit(audit: AuditSection): string {
  const parts: string[] = [];
  if (audit.auditor) parts.push(`Revisor: ${audit.auditor}`);
  if (audit.reportDate) parts.push(`Rapportdatum: ${audit.reportDate}`);
  if (audit.diaryNumber) parts.push(`Dnr: ${audit.diaryNumber}`);
  if (audit.committees.length > 0) parts.push(`Nämnder: ${audit.committees.join(', ')}`);
  if (audit.responseDue.length > 0) {
    parts.push(`Svar senast: ${audit.responseDue.map((due) => `${due.committee} ${due.due}`).join(', ')}`);
  }
  return parts.join(' · ');
}

/** Explains the numbers: how Försenad and the share done are reckoned. */
export const READING_NOTE =
  'Försenad betyder att slutdatumet har passerat utan att åtgärden är genomförd eller avbruten. ' +
  'Andel genomförda räknas på de åtgärder som inte är avbrutna.';

/** The sentence about open actions nobody can be reminded of, or null when there are none. */
export function describeWithoutOwner(lines: readonly ActionLine[]): string | null {
  if (lines.length === 0) return null;
  const what = lines.length === 1 ? 'öppen åtgärd saknar' : 'öppna åtgärder saknar';
  return (
    `${formatNumber(lines.length)} ${what} ansvarig med e-post och får inga påminnelser: ` +
    `${lines.map((line) => line.reference).join(', ')}.`
  );
}

/** The sentence naming an audit's recommendations that no action answers, or null when every one has some. */
export function withoutActionsNote(audit: AuditSection): string | null {
  const ids = audit.recommendations.filter((rec) => rec.actions.length === 0).map((rec) => rec.id);
  if (ids.length === 0) return null;
  return `${ids.length === 1 ? 'Rekommendation' : 'Rekommendationer'} utan registrerad åtgärd: ${ids.join(', ')}.`;
}

/** The columns of the verdict tables, after the label: each verdict, then none yet, then all. */
export const VERDICT_HEADERS: readonly string[] = [...VERDICTS, 'Ingen bedömning', 'Rekommendationer'];

/** The numbers of one verdict row, in the order of {@link VERDICT_HEADERS}. */
export function verdictCells(counts: VerdictCounts): number[] {
  return [...VERDICTS.map((verdict) => counts.byVerdict[verdict]), counts.none, counts.total];
}

/** Explains the verdict tables: which verdict counts, and why a total can exceed the recommendations. */
export const VERDICT_NOTE =
  'Revisorernas senaste bedömning per rekommendation. En rekommendation till flera nämnder räknas hos var och en.';
