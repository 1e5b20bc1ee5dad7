import type { BoardReport, VerdictCounts } from './boardReport';
import {
  countOf,
  describeAudit,
  describeChange,
  describeCounts,
  describeDue,
  describeStatus,
  describeWithoutOwner,
  keyFigureLines,
  READING_NOTE,
  STATUS_COLUMNS,
  VERDICT_HEADERS,
  VERDICT_NOTE,
  verdictCells,
  withoutActionsNote,
} from './columns';
import { formatDate, formatDays, formatNumber, formatPercent } from './format';
import type { SummaryRow } from './summary';

const COUNT_HEADERS = [...STATUS_COLUMNS.map((column) => column.status), 'Totalt', 'Andel genomförda'];
const COUNT_ALIGN = COUNT_HEADERS.map(() => '---:');

/**
 * Renders the board report as Markdown (CommonMark with GitHub tables). User text is escaped, so a title with
 * `|`, `*` or `<script>` reads as written and never becomes markup.
 */
export function renderMarkdown(report: BoardReport): string {
  return [...markdownChunks(report)].join('');
}

/**
 * The Markdown of {@link renderMarkdown} in pieces (a section, a committee), for writing a large report to a file
 * without holding all of it in memory. The pieces joined are exactly the document.
 */
export function* markdownChunks(report: BoardReport): Generator<string> {
  yield lines(
    `# ${md(report.title)}`,
    '',
    `Per ${report.asOf}.`,
    '',
    READING_NOTE,
    '',
    '## Sammanfattning',
    '',
    ...keyFigureLines(report).map((figure) => `- ${figure.label}: ${figure.value}`),
    '',
    '## Status per nämnd',
    '',
    row(['Nämnd', ...COUNT_HEADERS]),
    row(['---', ...COUNT_ALIGN]),
    ...report.summary.rows.map((summaryRow) => countsRow([md(summaryRow.committee)], summaryRow)),
    countsRow(['**Totalt**'], report.summary.totals),
    '',
  );

  yield lines('## Försenade åtgärder', '');
  if (report.overdue.length === 0) yield lines('Inga åtgärder är försenade.', '');
  else {
    yield lines(
      row(['Ref', 'Nämnd', 'Åtgärd', 'Ansvarig', 'Slutdatum', 'Försenad']),
      row(['---', '---', '---', '---', '---', '---:']),
      ...report.overdue.map((line) =>
        row([
          line.reference,
          md(line.committee),
          md(line.text),
          md(line.owner ?? '–'),
          md(describeDue(line.currentDue)),
          formatDays(line.daysOverdue ?? 0),
        ]),
      ),
      '',
    );
  }

  yield lines('## Ändrade slutdatum', '');
  if (report.rescheduled.length === 0) yield lines('Inga slutdatum har ändrats.', '');
  else {
    yield lines(
      row(['Ref', 'Nämnd', 'Åtgärd', 'Ursprungligt', 'Aktuellt', 'Antal', 'Ändringar och skäl']),
      row(['---', '---', '---', '---', '---', '---:', '---']),
      ...report.rescheduled.map((line) =>
        row([
          line.reference,
          md(line.committee),
          md(line.text),
          formatDate(line.originalDue.date),
          formatDate(line.currentDue.date),
          formatNumber(line.deadlineChangeCount),
          line.deadlineChanges.map((change) => md(describeChange(change))).join('; ') || '–',
        ]),
      ),
      '',
    );
  }

  yield lines('## Ansvariga som inte kunnat nås', '');
  if (report.unreachableOwners.length === 0) yield lines('Alla ansvariga med öppna åtgärder har kunnat nås.');
  else {
    yield lines(
      row(['Ansvarig', 'Sedan', 'Orsak', 'Öppna åtgärder']),
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
  const withoutOwner = describeWithoutOwner(report.openWithoutOwner);
  yield lines(...(withoutOwner === null ? [] : ['', withoutOwner]), '');

  if (report.verdictsByCommittee !== null) {
    const verdictRow = (label: string, counts: VerdictCounts) =>
      row([md(label), ...verdictCells(counts).map(formatNumber)]);
    yield lines(
      '## Revisorernas bedömningar',
      '',
      VERDICT_NOTE,
      '',
      row(['Nämnd', ...VERDICT_HEADERS]),
      row(['---', ...VERDICT_HEADERS.map(() => '---:')]),
      ...report.verdictsByCommittee.map((counts) => verdictRow(counts.label, counts)),
      '',
      row(['Granskning', ...VERDICT_HEADERS]),
      row(['---', ...VERDICT_HEADERS.map(() => '---:')]),
      ...report.audits.flatMap((audit) => (audit.verdicts ? [verdictRow(audit.title, audit.verdicts)] : [])),
      '',
    );
  }

  // Recommendations with their counts per audit; the actions themselves follow once, per committee.
  yield lines('## Per granskning', '');
  for (const audit of report.audits) {
    const facts = describeAudit(audit);
    const without = withoutActionsNote(audit);
    yield lines(
      `### ${md(audit.title)}`,
      '',
      ...(facts ? [md(facts), ''] : []),
      describeCounts(audit.counts),
      '',
      row(['Rek.', 'Rekommendation', 'Nämnder', ...COUNT_HEADERS]),
      row(['---', '---', '---', ...COUNT_ALIGN]),
      ...audit.recommendations.map((rec) =>
        countsRow([md(rec.id), md(rec.text), md(rec.committees.join(', '))], rec.counts),
      ),
      '',
      ...(without ? [md(without), ''] : []),
    );
  }

  yield lines('## Per nämnd', '');
  for (const committee of report.committees) {
    yield lines(
      `### ${md(committee.committee)}`,
      '',
      describeCounts(committee.counts),
      '',
      row(['Ref', 'Granskning', 'Rek.', 'Åtgärd', 'Ansvarig', 'Slutdatum', 'Status']),
      row(['---', '---', '---', '---', '---', '---', '---']),
      ...committee.actions.map((line) =>
        row([
          line.reference,
          md(line.auditTitle),
          md(line.recommendationId),
          md(line.text),
          md(line.owner ?? '–'),
          md(describeDue(line.currentDue)),
          md(describeStatus(line)),
        ]),
      ),
      '',
    );
  }
}

/** Lines ending in a line break each, so chunks join into the document as they are. */
function lines(...text: string[]): string {
  return text.length === 0 ? '' : `${text.join('\n')}\n`;
}

function countsRow(label: readonly string[], counts: SummaryRow): string {
  return row([
    ...label,
    ...STATUS_COLUMNS.map((column) => formatNumber(countOf(counts, column))),
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
