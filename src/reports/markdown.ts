import type { BoardReport } from './boardReport';
import * as columns from './columns';
import type { BoardTexts } from './boardTexts';
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
    ...report.summary.rows.map((summaryRow) => countsRow([md(summaryRow.committee)], summaryRow, t)),
    countsRow([`**${c.total}**`], report.summary.totals, t),
    '',
  );

  yield lines(`## ${s.overdue}`, '', ...listTable(tables.overdue, report.overdue));
  yield lines(`## ${s.rescheduled}`, '', ...listTable(tables.rescheduled, report.rescheduled));
  yield lines(`## ${s.notes}`, '', ...listTable(tables.notes, report.noted));

  // The sentence about open actions without an owner follows the table, or the sentence that stands for it.
  const withoutOwner = columns.describeWithoutOwner(report.openWithoutOwner, t);
  yield lines(
    `## ${s.unreachable}`,
    '',
    ...listTable(columns.unreachableTable(t), report.unreachableOwners).slice(0, -1),
    ...(withoutOwner === null ? [] : ['', withoutOwner]),
    '',
  );

  if (report.verdictsByCommittee !== null) {
    yield lines(
      `## ${s.verdicts}`,
      '',
      t.verdictNote,
      '',
      ...listTable(columns.verdictTable('', c.committee, report.language), report.verdictsByCommittee),
      ...listTable(
        columns.verdictTable('', c.audit, report.language),
        report.audits.flatMap((audit) => (audit.verdicts ? [audit.verdicts] : [])),
      ),
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
        countsRow([md(rec.id), md(rec.text), md(rec.committees.join(', '))], rec.counts, t),
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
 * A table from its column definitions (see {@link columns.listTables}) as lines ending in a blank one, or its
 * sentence when it has no rows. Several texts in a cell are joined with `; `.
 */
function listTable<T>(table: columns.ListTable<T>, rows: readonly T[]): string[] {
  if (rows.length === 0 && table.empty !== null) return [table.empty, ''];
  const cell = (column: columns.ListColumn<T>, value: T): string => {
    const text = column.value(value);
    return typeof text === 'string' ? md(text) : text.map(md).join('; ') || '–';
  };
  return [
    row(table.columns.map((column) => column.header)),
    row(table.columns.map((column) => (column.numeric ? '---:' : '---'))),
    ...rows.map((value) => row(table.columns.map((column) => cell(column, value)))),
    '',
  ];
}

/** Lines ending in a line break each, so chunks join into the document as they are. */
function lines(...text: string[]): string {
  return text.length === 0 ? '' : `${text.join('\n')}\n`;
}

function countsRow(label: readonly string[], counts: SummaryRow, texts: BoardTexts): string {
  return row([
    ...label,
    ...columns.STATUS_COLUMNS.map((column) => texts.number(columns.countOf(counts, column))),
    texts.number(counts.total),
    texts.percent(counts.shareDone),
  ]);
}

/** One row of a GitHub table from cells already escaped. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Line breaks and the characters {@link md} escapes. */
const MARKDOWN_SPECIAL = /[\r\n\\`*_[\]<>|&~#!]/;

/**
 * Escapes user text for Markdown: every character that could start markup gets a backslash (CommonMark lets any
 * ASCII punctuation be escaped), and line breaks become spaces since a table row is one line.
 */
export function md(text: string): string {
  // Most texts need neither; one scan for both saves two replacements per cell of a 20,000-row table.
  if (!MARKDOWN_SPECIAL.test(text)) return text;
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|&~#!]/g, (ch) => `\\${ch}`);
}
