import type { ActionLine, BoardReport, VerdictCounts } from './boardReport';
import { renderStatusChart } from './chart';
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
import { escapeHtml } from './escape';
import { formatDate, formatDays, formatNumber, formatPercent } from './format';
import type { SummaryRow } from './summary';

/** A piece of HTML that is already safe: built by {@link html} or by code that escaped its text. */
export class SafeHtml {
  constructor(readonly value: string) {}
}

type Interpolation = string | number | SafeHtml | readonly SafeHtml[] | null;

/** Each template's static parts without their source indentation, computed once per template. */
const dedented = new WeakMap<TemplateStringsArray, readonly string[]>();

/**
 * Builds HTML with every interpolated string escaped; only {@link SafeHtml} passes unchanged. Escaping is thus
 * the default and forgetting it is impossible, which matters since nearly every text in the report is user text.
 * The templates' own indentation (Prettier formats them as HTML) is dropped, so the page stays compact; the
 * interpolated text is never touched.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let parts = dedented.get(strings);
  if (!parts) {
    parts = strings.map((part) => part.replace(/\n[ \t]+/g, '\n'));
    dedented.set(strings, parts);
  }
  let out = parts[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (parts[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function toHtml(value: Interpolation): string {
  if (value === null) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((part: SafeHtml) => part.value).join('');
  return escapeHtml(String(value));
}

const STYLE = `
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
  @bottom-right { content: "Sida " counter(page) " av " counter(pages); font: 8pt Arial, sans-serif; color: #555; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10pt/1.45 "Segoe UI", Calibri, Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 180mm; padding: 12mm 0; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
header { border-bottom: 2px solid #1a1a1a; margin-bottom: 6mm; padding-bottom: 3mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; font-weight: 600; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #999; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
h2.part { break-before: page; }
p { margin: 0 0 2.5mm; }
.meta, .note, .counts { color: #444; }
.counts { font-size: 9pt; }
nav ol { margin: 0; padding-left: 5mm; }
dl.figures { display: grid; grid-template-columns: max-content auto; gap: 1mm 6mm; margin: 0 0 4mm; }
dl.figures dt { font-weight: 600; }
dl.figures dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef0f2; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 1.5px solid #1a1a1a; }
.status-Försenad { color: #a52a1c; font-weight: 600; }
.chart { width: 100%; height: auto; margin: 2mm 0 4mm; break-inside: avoid; }
.chart text { font: 11px Arial, sans-serif; fill: #1a1a1a; }
.chart text.count { font-size: 9.5px; }
.chart text.light { fill: #ffffff; }
.empty { font-style: italic; color: #555; }
`;

/**
 * The page's Content-Security-Policy: it needs no script, no fetch and no frame, only its own inline styles and
 * inline SVG chart, so everything else is refused. Should text from an import ever slip past the escaping, a
 * browser still runs nothing and loads nothing. (`base-uri` and `form-action` do not fall back to `default-src`.)
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * Renders the board report as one self-contained HTML page in Swedish, laid out as a board paper for A4 print:
 * summary, a status chart per committee (inline SVG), overdue actions, moved deadlines, unreachable owners, the
 * recommendations per audit, then every action per committee. No scripts, no external files; every user text is
 * escaped.
 */
export function renderHtml(report: BoardReport): string {
  return [...htmlChunks(report)].join('');
}

/**
 * The page of {@link renderHtml} in pieces (the head and summary, then an audit or a committee at a time), for
 * writing a large report to a file without holding all of it in memory. The pieces joined are exactly the page.
 */
export function* htmlChunks(report: BoardReport): Generator<string> {
  // The page is cut where the per-audit and per-committee parts begin; those unbalanced seams are plain strings,
  // every piece with content is a whole html`` template.
  yield '<!DOCTYPE html>\n<html lang="sv">\n';
  yield html`<head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${report.title} – per ${report.asOf}</title>
    <style>
      ${new SafeHtml(STYLE)}
    </style>
  </head>`.value;
  yield '\n<body>\n';
  yield html`<header>
      <h1>${report.title}</h1>
      <p class="meta">Lägesrapport per ${report.asOf}</p>
    </header>
    <nav aria-label="Innehåll">
      <ol>
        <li><a href="#sammanfattning">Sammanfattning</a></li>
        <li><a href="#status">Status per nämnd</a></li>
        <li><a href="#forsenade">Försenade åtgärder</a></li>
        <li><a href="#andrade">Ändrade slutdatum</a></li>
        <li><a href="#ej-nadda">Ansvariga som inte kunnat nås</a></li>
        <li><a href="#per-granskning">Per granskning</a></li>
        <li><a href="#per-namnd">Per nämnd</a></li>
      </ol>
    </nav>
    <section id="sammanfattning">
      <h2>Sammanfattning</h2>
      <dl class="figures">
        ${keyFigureLines(report).map(
          (f) =>
            html`<dt>${f.label}</dt>
              <dd>${f.value}</dd>`,
        )}
      </dl>
      <p class="note">${READING_NOTE}</p>
    </section>
    <section id="status">
      <h2>Status per nämnd</h2>
      ${new SafeHtml(renderStatusChart(report.summary.rows))}
      ${countsTable(
        'summary',
        ['Nämnd'],
        [
          ...report.summary.rows.map((row) => ({ cells: [row.committee], counts: row, total: false })),
          { cells: ['Totalt'], counts: report.summary.totals, total: true },
        ],
      )}
    </section>
    <section id="forsenade">
      <h2>Försenade åtgärder</h2>
      ${overdueTable(report.overdue)}
    </section>
    <section id="andrade">
      <h2>Ändrade slutdatum</h2>
      ${rescheduledTable(report.rescheduled)}
    </section>
    <section id="ej-nadda">
      <h2>Ansvariga som inte kunnat nås</h2>
      ${unreachable(report)}
    </section>`.value;

  if (report.verdictsByCommittee !== null) yield verdictSection(report, report.verdictsByCommittee).value;

  // Recommendations with their counts per audit; the actions themselves follow once, per committee.
  yield '\n<section id="per-granskning">\n<h2 class="part">Per granskning</h2>\n';
  for (const audit of report.audits) {
    const without = withoutActionsNote(audit);
    yield (
      html`<section class="audit">
        <h3>${audit.title}</h3>
        <p class="meta">${describeAudit(audit)}</p>
        <p class="counts">${describeCounts(audit.counts)}</p>
        ${countsTable(
          'recommendations',
          ['Rek.', 'Rekommendation', 'Nämnder'],
          audit.recommendations.map((rec) => ({
            cells: [rec.id, rec.text, rec.committees.join(', ')],
            counts: rec.counts,
            total: false,
          })),
        )}
        ${without ? html`<p class="empty">${without}</p>` : null}
      </section>`.value + '\n'
    );
  }
  yield '</section>\n<section id="per-namnd">\n<h2 class="part">Per nämnd</h2>\n';
  for (const committee of report.committees) {
    yield (
      html`<section class="committee">
        <h3>${committee.committee}</h3>
        <p class="counts">${describeCounts(committee.counts)}</p>
        ${actionTable(committee.actions)}
      </section>`.value + '\n'
    );
  }
  yield '</section>\n</body>\n</html>\n';
}

/** One row of a counts table: its label cells and the counts. */
interface CountsRow {
  cells: readonly string[];
  counts: SummaryRow;
  /** The totals row, set apart in bold. */
  total: boolean;
}

function countsTable(className: string, labels: readonly string[], rows: readonly CountsRow[]): SafeHtml {
  return html`<table class="${className}">
    <thead>
      <tr>
        ${labels.map((label) => html`<th scope="col">${label}</th>`)}
        ${STATUS_COLUMNS.map((column) => html`<th class="num" scope="col">${column.status}</th>`)}
        <th class="num" scope="col">Totalt</th>
        <th class="num" scope="col">Andel genomförda</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr class="${row.total ? 'total' : 'row'}">
            ${row.cells.map((cell) => html`<td>${cell}</td>`)}
            ${STATUS_COLUMNS.map((column) => html`<td class="num">${formatNumber(countOf(row.counts, column))}</td>`)}
            <td class="num">${formatNumber(row.counts.total)}</td>
            <td class="num">${formatPercent(row.counts.shareDone)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function overdueTable(lines: readonly ActionLine[]): SafeHtml {
  if (lines.length === 0) return html`<p class="empty">Inga åtgärder är försenade.</p>`;
  return html`<table class="overdue">
    <thead>
      <tr>
        <th scope="col">Ref</th>
        <th scope="col">Nämnd</th>
        <th scope="col">Åtgärd</th>
        <th scope="col">Ansvarig</th>
        <th scope="col">Slutdatum</th>
        <th class="num" scope="col">Försenad</th>
      </tr>
    </thead>
    <tbody>
      ${lines.map(
        (line) =>
          html`<tr>
            <td class="nowrap">${line.reference}</td>
            <td>${line.committee}</td>
            <td>${line.text}</td>
            <td>${line.owner ?? '–'}</td>
            <td>${describeDue(line.currentDue)}</td>
            <td class="num">${formatDays(line.daysOverdue ?? 0)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function rescheduledTable(lines: readonly ActionLine[]): SafeHtml {
  if (lines.length === 0) return html`<p class="empty">Inga slutdatum har ändrats.</p>`;
  return html`<table class="rescheduled">
    <thead>
      <tr>
        <th scope="col">Ref</th>
        <th scope="col">Nämnd</th>
        <th scope="col">Åtgärd</th>
        <th scope="col">Ursprungligt</th>
        <th scope="col">Aktuellt</th>
        <th class="num" scope="col">Antal</th>
        <th scope="col">Ändringar och skäl</th>
      </tr>
    </thead>
    <tbody>
      ${lines.map(
        (line) =>
          html`<tr>
            <td class="nowrap">${line.reference}</td>
            <td>${line.committee}</td>
            <td>${line.text}</td>
            <td class="nowrap">${formatDate(line.originalDue.date)}</td>
            <td class="nowrap">${formatDate(line.currentDue.date)}</td>
            <td class="num">${formatNumber(line.deadlineChangeCount)}</td>
            <td>
              ${
                line.deadlineChanges.length === 0
                  ? '–'
                  : line.deadlineChanges.map(
                      (change, i) => html`${i > 0 ? html`<br />` : null}${describeChange(change)}`,
                    )
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function unreachable(report: BoardReport): SafeHtml {
  const owners =
    report.unreachableOwners.length === 0
      ? html`<p class="empty">Alla ansvariga med öppna åtgärder har kunnat nås.</p>`
      : html`<table class="unreachable">
          <thead>
            <tr>
              <th scope="col">Ansvarig</th>
              <th scope="col">Sedan</th>
              <th scope="col">Orsak</th>
              <th scope="col">Öppna åtgärder</th>
            </tr>
          </thead>
          <tbody>
            ${report.unreachableOwners.map(
              (owner) =>
                html`<tr>
                  <td>${owner.email}</td>
                  <td class="nowrap">${formatDate(owner.since)}</td>
                  <td>${owner.reason ?? '–'}</td>
                  <td>${owner.openActions.map((line) => line.reference).join(', ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>`;
  const sentence = describeWithoutOwner(report.openWithoutOwner);
  return html`${owners}${sentence === null ? null : html`<p>${sentence}</p>`}`;
}

function actionTable(lines: readonly ActionLine[]): SafeHtml {
  return html`<table class="actions">
    <thead>
      <tr>
        <th scope="col">Ref</th>
        <th scope="col">Granskning</th>
        <th scope="col">Rek.</th>
        <th scope="col">Åtgärd</th>
        <th scope="col">Ansvarig</th>
        <th scope="col">Slutdatum</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      ${lines.map(
        (line) =>
          html`<tr>
            <td class="nowrap">${line.reference}</td>
            <td>${line.auditTitle}</td>
            <td>${line.recommendationId}</td>
            <td>${line.text}</td>
            <td>${line.owner ?? '–'}</td>
            <td>${describeDue(line.currentDue)}</td>
            <td class="status-${line.status}">${describeStatus(line)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function verdictSection(report: BoardReport, byCommittee: readonly VerdictCounts[]): SafeHtml {
  const table = (className: string, label: string, rows: readonly VerdictCounts[]) =>
    html`<table class="${className}">
      <thead>
        <tr>
          <th scope="col">${label}</th>
          ${VERDICT_HEADERS.map((header) => html`<th class="num" scope="col">${header}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (counts) =>
            html`<tr>
              <td>${counts.label}</td>
              ${verdictCells(counts).map((n) => html`<td class="num">${formatNumber(n)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`;
  const perAudit = report.audits.flatMap((audit) => (audit.verdicts ? [audit.verdicts] : []));
  return html` <section id="bedomningar">
    <h2>Revisorernas bedömningar</h2>
    <p class="note">${VERDICT_NOTE}</p>
    ${table('verdicts-committees', 'Nämnd', byCommittee)} ${table('verdicts-audits', 'Granskning', perAudit)}
  </section>`;
}
