import type { ActionLine, BoardReport } from './boardReport';
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
} from './columns';
import { formatDate, formatDays, formatNumber, formatPercent } from './format';
import type { SummaryRow } from './summary';

/**
 * Renders the board report as Markdown (CommonMark with GitHub tables). User text is escaped, so a title with
 * `|`, `*` or `<script>` reads as written and never becomes markup.
 */
export function renderMarkdown(report: BoardReport): string {
  const out: string[] = [];
  out.push(`# ${md(report.title)}`, '', `Per ${report.asOf}.`, '', READING_NOTE, '');

  out.push('## Sammanfattning', '');
  for (const figure of keyFigureLines(report)) out.push(`- ${figure.label}: ${figure.value}`);
  out.push('');

  out.push('## Status per nämnd', '');
  out.push(
    row(['Nämnd', ...STATUS_COLUMNS.map((c) => c.status), 'Totalt', 'Andel genomförda']),
    row(['---', ...STATUS_COLUMNS.map(() => '---:'), '---:', '---:']),
  );
  for (const summaryRow of report.summary.rows) out.push(countsRow(md(summaryRow.committee), summaryRow));
  out.push(countsRow('**Totalt**', report.summary.totals), '');

  out.push('## Försenade åtgärder', '');
  if (report.overdue.length === 0) out.push('Inga åtgärder är försenade.', '');
  else {
    out.push(
      row(['Ref', 'Nämnd', 'Åtgärd', 'Ansvarig', 'Slutdatum', 'Försenad']),
      row(['---', '---', '---', '---', '---', '---:']),
    );
    for (const line of report.overdue) {
      out.push(
        row([
          line.reference,
          md(line.committee),
          md(line.text),
          owner(line),
          md(describeDue(line.currentDue)),
          formatDays(line.daysOverdue ?? 0),
        ]),
      );
    }
    out.push('');
  }

  out.push('## Ändrade slutdatum', '');
  if (report.rescheduled.length === 0) out.push('Inga slutdatum har ändrats.', '');
  else {
    out.push(
      row(['Ref', 'Nämnd', 'Åtgärd', 'Ursprungligt', 'Aktuellt', 'Antal', 'Ändringar och skäl']),
      row(['---', '---', '---', '---', '---', '---:', '---']),
    );
    for (const line of report.rescheduled) {
      out.push(
        row([
          line.reference,
          md(line.committee),
          md(line.text),
          formatDate(line.originalDue.date),
          formatDate(line.currentDue.date),
          formatNumber(line.deadlineChangeCount),
          line.deadlineChanges.map((change) => md(describeChange(change))).join('; ') || '–',
        ]),
      );
    }
    out.push('');
  }

  out.push('## Ansvariga som inte kunnat nås', '');
  if (report.unreachableOwners.length === 0) out.push('Alla ansvariga med öppna åtgärder har kunnat nås.');
  else {
    out.push(row(['Ansvarig', 'Sedan', 'Orsak', 'Öppna åtgärder']), row(['---', '---', '---', '---']));
    for (const owner of report.unreachableOwners) {
      out.push(
        row([
          md(owner.email),
          formatDate(owner.since),
          md(owner.reason ?? '–'),
          owner.openActions.map((line) => line.reference).join(', '),
        ]),
      );
    }
  }
  const withoutOwner = describeWithoutOwner(report.openWithoutOwner);
  if (withoutOwner !== null) out.push('', withoutOwner);
  out.push('');

  out.push('## Per nämnd', '');
  for (const committee of report.committees) {
    out.push(`### ${md(committee.committee)}`, '', describeCounts(committee.counts), '');
    out.push(
      row(['Ref', 'Granskning', 'Åtgärd', 'Ansvarig', 'Slutdatum', 'Status']),
      row(['---', '---', '---', '---', '---', '---']),
    );
    for (const line of committee.actions) {
      out.push(
        row([
          line.reference,
          md(line.auditTitle),
          md(line.text),
          owner(line),
          md(describeDue(line.currentDue)),
          md(describeStatus(line)),
        ]),
      );
    }
    out.push('');
  }

  out.push('## Per granskning', '');
  for (const audit of report.audits) {
    out.push(`### ${md(audit.title)}`, '');
    const facts = describeAudit(audit);
    if (facts) out.push(md(facts), '');
    out.push(describeCounts(audit.counts), '');
    for (const rec of audit.recommendations) {
      out.push(`#### ${md(rec.id)}. ${md(rec.text)}`, '');
      if (rec.committees.length > 0) out.push(`Nämnder: ${md(rec.committees.join(', '))}`, '');
      if (rec.actions.length === 0) {
        out.push('*Inga åtgärder registrerade.*', '');
        continue;
      }
      out.push(describeCounts(rec.counts), '');
      out.push(
        row(['Ref', 'Nämnd', 'Åtgärd', 'Ansvarig', 'Slutdatum', 'Status']),
        row(['---', '---', '---', '---', '---', '---']),
      );
      for (const line of rec.actions) {
        out.push(
          row([
            line.reference,
            md(line.committee),
            md(line.text),
            owner(line),
            md(describeDue(line.currentDue)),
            md(describeStatus(line)),
          ]),
        );
      }
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function countsRow(label: string, counts: SummaryRow): string {
  return row([
    label,
    ...STATUS_COLUMNS.map((column) => formatNumber(countOf(counts, column))),
    formatNumber(counts.total),
    formatPercent(counts.shareDone),
  ]);
}

function owner(line: ActionLine): string {
  return line.owner === null ? '–' : md(line.owner);
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * Escapes user text for Markdown: every character that could start markup gets a backslash (CommonMark lets any
 * ASCII punctuation be escaped), and line breaks become spaces since a table row is one line.
 */
function md(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|&~#!]/g, (ch) => `\\${ch}`);
}
