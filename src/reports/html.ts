import type { BoardReport, VerdictCounts } from './boardReport';
import type { BoardTexts } from './boardTexts';
import { renderStatusChart } from './chart';
import * as columns from './columns';
import { escapeHtml } from './escape';
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

const style = (texts: BoardTexts) => `
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
  @bottom-right { content: ${texts.page('counter(page)', 'counter(pages)')}; font: 8pt Arial, sans-serif; color: #555; } }
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
 * Renders the board report as one self-contained HTML page in the report's language, laid out as a board paper for
 * A4 print: summary, a status chart per committee (inline SVG), overdue actions, moved deadlines, the latest notes,
 * unreachable owners, the recommendations per audit, then every action per committee. No scripts, no external
 * files; every user text is escaped.
 */
export function renderHtml(report: BoardReport): string {
  return [...htmlChunks(report)].join('');
}

/**
 * The page of {@link renderHtml} in pieces (the head and summary, then an audit or a committee at a time), for
 * writing a large report to a file without holding all of it in memory. The pieces joined are exactly the page.
 */
export function* htmlChunks(report: BoardReport): Generator<string> {
  const t = columns.textsOf(report);
  const s = t.sections;
  const tables = columns.listTables(t);
  // The page is cut where the per-audit and per-committee parts begin; those unbalanced seams are plain strings,
  // every piece with content is a whole html`` template.
  yield `<!DOCTYPE html>\n<html lang="${report.language}">\n`;
  yield html`<head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${report.title} – ${t.asOf.toLowerCase()} ${report.asOf}</title>
    <style>
      ${new SafeHtml(style(t))}
    </style>
  </head>`.value;
  yield '\n<body>\n';
  yield html`<header>
      <h1>${report.title}</h1>
      <p class="meta">${t.statusReportAsOf} ${report.asOf}</p>
    </header>
    <nav aria-label="${t.contents}">
      <ol>
        <li><a href="#sammanfattning">${s.summary}</a></li>
        <li><a href="#status">${s.status}</a></li>
        <li><a href="#forsenade">${s.overdue}</a></li>
        <li><a href="#andrade">${s.rescheduled}</a></li>
        <li><a href="#kommentarer">${s.notes}</a></li>
        <li><a href="#ej-nadda">${s.unreachable}</a></li>
        <li><a href="#per-granskning">${s.perAudit}</a></li>
        <li><a href="#per-namnd">${s.perCommittee}</a></li>
      </ol>
    </nav>
    <section id="sammanfattning">
      <h2>${s.summary}</h2>
      <dl class="figures">
        ${columns.keyFigureLines(report).map(
          (f) =>
            html`<dt>${f.label}</dt>
              <dd>${f.value}</dd>`,
        )}
      </dl>
      <p class="note">${t.readingNote}</p>
    </section>
    <section id="status">
      <h2>${s.status}</h2>
      ${new SafeHtml(renderStatusChart(report.summary.rows, t))}
      ${countsTable(
        'summary',
        [t.columns.committee],
        [
          ...report.summary.rows.map((row) => ({ cells: [row.committee], counts: row, total: false })),
          { cells: [t.columns.total], counts: report.summary.totals, total: true },
        ],
        t,
      )}
    </section>
    <section id="forsenade">
      <h2>${s.overdue}</h2>
      ${listTable(tables.overdue, report.overdue)}
    </section>
    <section id="andrade">
      <h2>${s.rescheduled}</h2>
      ${listTable(tables.rescheduled, report.rescheduled)}
    </section>
    <section id="kommentarer">
      <h2>${s.notes}</h2>
      ${listTable(tables.notes, report.noted)}
    </section>
    <section id="ej-nadda">
      <h2>${s.unreachable}</h2>
      ${unreachable(report, t)}
    </section>`.value;

  if (report.verdictsByCommittee !== null) yield verdictSection(report, report.verdictsByCommittee, t).value;

  // Recommendations with their counts per audit; the actions themselves follow once, per committee.
  yield `\n<section id="per-granskning">\n<h2 class="part">${escapeHtml(s.perAudit)}</h2>\n`;
  for (const audit of report.audits) {
    const without = columns.withoutActionsNote(audit, t);
    yield (
      html`<section class="audit">
        <h3>${audit.title}</h3>
        <p class="meta">${columns.describeAudit(audit, t)}</p>
        <p class="counts">${columns.describeCounts(audit.counts, t)}</p>
        ${countsTable(
          'recommendations',
          [t.columns.recommendationShort, t.columns.recommendation, t.columns.committees],
          audit.recommendations.map((rec) => ({
            cells: [rec.id, rec.text, rec.committees.join(', ')],
            counts: rec.counts,
            total: false,
          })),
          t,
        )}
        ${without ? html`<p class="empty">${without}</p>` : null}
      </section>`.value + '\n'
    );
  }
  yield `</section>\n<section id="per-namnd">\n<h2 class="part">${escapeHtml(s.perCommittee)}</h2>\n`;
  for (const committee of report.committees) {
    yield (
      html`<section class="committee">
        <h3>${committee.committee}</h3>
        <p class="counts">${columns.describeCounts(committee.counts, t)}</p>
        ${listTable(tables.actions, committee.actions)}
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

function countsTable(
  className: string,
  labels: readonly string[],
  rows: readonly CountsRow[],
  texts: BoardTexts,
): SafeHtml {
  return html`<table class="${className}">
    <thead>
      <tr>
        ${labels.map((label) => html`<th scope="col">${label}</th>`)}
        ${columns.countHeaders(texts).map((header) => html`<th class="num" scope="col">${header}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr class="${row.total ? 'total' : 'row'}">
            ${row.cells.map((cell) => html`<td>${cell}</td>`)}
            ${columns.STATUS_COLUMNS.map(
              (column) => html`<td class="num">${texts.number(columns.countOf(row.counts, column))}</td>`,
            )}
            <td class="num">${texts.number(row.counts.total)}</td>
            <td class="num">${texts.percent(row.counts.shareDone)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * A table from its column definitions (see {@link columns.listTables}), or its sentence when it has no rows: every
 * table of the board report's page and of the review pack's is drawn here.
 */
export function listTable<T>(table: columns.ListTable<T>, rows: readonly T[]): SafeHtml {
  if (rows.length === 0 && table.empty !== null) return html`<p class="empty">${table.empty}</p>`;
  const cellClass = (column: columns.ListColumn<T>, row: T): string | null =>
    column.cellClass?.(row) ?? (column.numeric ? 'num' : column.nowrap ? 'nowrap' : null);
  // The rows are joined as plain strings rather than html`` pieces: 20,000 actions are 260,000 cells, and a
  // template object for each cell and its content made this loop half the page's time. Each text still goes
  // through escapeHtml here, as html`` would escape it; the tags around them are constants.
  const cell = (column: columns.ListColumn<T>, row: T): string => {
    const value = column.value(row);
    const content =
      typeof value === 'string'
        ? escapeHtml(value)
        : value.length === 0
          ? '–'
          : value.map(escapeHtml).join('<br />');
    const className = cellClass(column, row);
    return className === null
      ? `<td>${content}</td>`
      : `<td class="${escapeHtml(className)}">${content}</td>`;
  };
  const tableRow = (row: T): SafeHtml =>
    new SafeHtml(`<tr>\n${table.columns.map((column) => cell(column, row)).join('')}\n</tr>`);
  return html`<table class="${table.className}">
    <thead>
      <tr>
        ${table.columns.map((column) =>
          column.numeric
            ? html`<th class="num" scope="col">${column.header}</th>`
            : html`<th scope="col">${column.header}</th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${rows.map(tableRow)}
    </tbody>
  </table>`;
}

function unreachable(report: BoardReport, texts: BoardTexts): SafeHtml {
  const sentence = columns.describeWithoutOwner(report.openWithoutOwner, texts);
  return html`${listTable(columns.unreachableTable(texts), report.unreachableOwners)}${
    sentence === null ? null : html`<p>${sentence}</p>`
  }`;
}

function verdictSection(
  report: BoardReport,
  byCommittee: readonly VerdictCounts[],
  texts: BoardTexts,
): SafeHtml {
  const perAudit = report.audits.flatMap((audit) => (audit.verdicts ? [audit.verdicts] : []));
  const table = (className: string, label: string, rows: readonly VerdictCounts[]) =>
    listTable(columns.verdictTable(className, label, report.language), rows);
  return html` <section id="bedomningar">
    <h2>${texts.sections.verdicts}</h2>
    <p class="note">${texts.verdictNote}</p>
    ${table('verdicts-committees', texts.columns.committee, byCommittee)}
    ${table('verdicts-audits', texts.columns.audit, perAudit)}
  </section>`;
}
