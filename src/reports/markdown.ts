import type { ActionLine, BoardReport, VerdictCounts } from './boardReport';
import * as columns from './columns';
import { formatDate, formatNumber, formatPercent } from './format';
import type { SummaryRow } from './summary';

/**
 * Renders the board report as Markdown (CommonMark with GitHub tables) in the report's language. User text is
 * escaped, so a title with `|`, `*` or `<script>` reads as written and never becomes markup.
 */
export function renderMarkdown(report: BoardReport): string {
  return [...markdownChunks(report)].join('');
}

/**
 * The Markdown of {@link renderMarkdown} in pieces (a section, a committee), for writing a large report to a file
 * without holding all of it in memory. The pieces joined are exactly the document.
 */
export function* markdownChunks(report: BoardReport): Generator<string> {
  const t = columns.textsOf(report);
  const s = t.sections;
  const c = t.columns;
  const tables = columns.listTables(t);
  const countHeaders = columns.countHeaders(t);
  const countAlign = countHeaders.map(() => '---:');
  yield lines(
    `# ${md(report.title)}`,
    '',
    `${t.asOf} ${report.asOf}.`,
    '',
    t.readingNote,
    '',
    `## ${s.summary}`,
    '',
    ...columns.keyFigureLines(report).map((figure) => `- ${figure.label}: ${figure.value}`),
    '',
    `## ${s.status}`,
    '',
    row([c.committee, ...countHeaders]),
    row(['---', ...countAlign]),
    ...report.summary.rows.map((summaryRow) => countsRow([md(summaryRow.committee)], summaryRow)),
    countsRow([`**${c.total}**`], report.summary.totals),
    '',
  );

  yield lines(`## ${s.overdue}`, '', ...listTable(tables.overdue, report.overdue));
  yield lines(`## ${s.rescheduled}`, '', ...listTable(tables.rescheduled, report.rescheduled));
  yield lines(`## ${s.notes}`, '', ...listTable(tables.notes, report.noted));

  yield lines(`## ${s.unreachable}`, '');
  if (report.unreachableOwners.length === 0) yield lines(t.empty.unreachable);
  else {
    yield lines(
      row([c.owner, c.since, c.reason, c.openActions]),
      row(['---', '---', '---', '---']),
      ...report.unreachableOwners.map((owner) =>
        row([
          md(owner.email),
          formatDate(owner.since),
          md(owner.reason ?? '–'),
          owner.openActions.map((line) => line.reference).join(', '),
        ]),
      ),
    );
  }
  const withoutOwner = columns.describeWithoutOwner(report.openWithoutOwner, t);
  yield lines(...(withoutOwner === null ? [] : ['', withoutOwner]), '');

  if (report.verdictsByCommittee !== null) {
    const headers = columns.verdictHeaders(report.language);
    const verdictRow = (label: string, counts: VerdictCounts) =>
      row([md(label), ...columns.verdictCells(counts).map(formatNumber)]);
    yield lines(
      `## ${s.verdicts}`,
      '',
      t.verdictNote,
      '',
      row([c.committee, ...headers]),
      row(['---', ...headers.map(() => '---:')]),
      ...report.verdictsByCommittee.map((counts) => verdictRow(counts.label, counts)),
      '',
      row([c.audit, ...headers]),
      row(['---', ...headers.map(() => '---:')]),
      ...report.audits.flatMap((audit) => (audit.verdicts ? [verdictRow(audit.title, audit.verdicts)] : [])),
      '',
    );
  }

  // Recommendations with their counts per audit; the actions themselves follow once, per committee.
  yield lines(`## ${s.perAudit}`, '');
  for (const audit of report.audits) {
    const facts = columns.describeAudit(audit, t);
    const without = columns.withoutActionsNote(audit, t);
    yield lines(
      `### ${md(audit.title)}`,
      '',
      ...(facts ? [md(facts), ''] : []),
      columns.describeCounts(audit.counts, t),
      '',
      row([c.recommendationShort, c.recommendation, c.committees, ...countHeaders]),
      row(['---', '---', '---', ...countAlign]),
      ...audit.recommendations.map((rec) =>
        countsRow([md(rec.id), md(rec.text), md(rec.committees.join(', '))], rec.counts),
      ),
      '',
      ...(without ? [md(without), ''] : []),
    );
  }

  yield lines(`## ${s.perCommittee}`, '');
  for (const committee of report.committees) {
    yield lines(
      `### ${md(committee.committee)}`,
      '',
      columns.describeCounts(committee.counts, t),
      '',
      ...listTable(tables.actions, committee.actions),
    );
  }
}

/**
 * A table of actions from its column definitions (see {@link columns.listTables}) as lines ending in a blank one,
 * or its sentence when empty. Several texts in a cell are joined with `; `.
 */
function listTable(table: columns.ListTable, actionLines: readonly ActionLine[]): string[] {
  if (actionLines.length === 0 && table.empty !== null) return [table.empty, ''];
  const cell = (column: columns.ListColumn, line: ActionLine): string => {
    const value = column.value(line);
    return typeof value === 'string' ? md(value) : value.map(md).join('; ') || '–';
  };
  return [
    row(table.columns.map((column) => column.header)),
    row(table.columns.map((column) => (column.numeric ? '---:' : '---'))),
    ...actionLines.map((line) => row(table.columns.map((column) => cell(column, line)))),
    '',
  ];
}

/** Lines ending in a line break each, so chunks join into the document as they are. */
function lines(...text: string[]): string {
  return text.length === 0 ? '' : `${text.join('\n')}\n`;
}

function countsRow(label: readonly string[], counts: SummaryRow): string {
  return row([
    ...label,
    ...columns.STATUS_COLUMNS.map((column) => formatNumber(columns.countOf(counts, column))),
    formatNumber(counts.total),
    formatPercent(counts.shareDone),
  ]);
}

/** One row of a GitHub table from cells already escaped. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * Escapes user text for Markdown: every character that could start markup gets a backslash (CommonMark lets any
 * ASCII punctuation be escaped), and line breaks become spaces since a table row is one line.
 */
export function md(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|&~#!]/g, (ch) => `\\${ch}`);
}
