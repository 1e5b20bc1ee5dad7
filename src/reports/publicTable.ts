/**
 * The public follow-up table: what the municipality may publish about its audits — audits, recommendations,
 * committees, the committees' actions with their statuses and dates, and the auditors' verdicts when there are
 * any. Built from the board report's numbers, but only from fields that name nobody: no owners, e-mail addresses,
 * comments, reasons for moved or cancelled deadlines, notes or evidence links ever reach it.
 */
import { createHash } from 'node:crypto';
import { formatRef } from '../domain/refs';
import type { DisplayStatus } from '../domain/types';
import type { AuditSection, BoardReport, RecommendationSection } from './boardReport';
import { CSV_SEPARATOR, field } from './csv';
import { escapeHtml } from './escape';

/** The page's title. */
export const PUBLIC_TABLE_TITLE = 'Uppföljning av revisionsgranskningar';

/** A verdict that may be published: the auditors' judgement and its day, without their comment or name. */
export interface PublicVerdict {
  verdict: string;
  date: string;
}

/** What the public table adds to the board report, keyed by `<audit id>|<recommendation id>`. */
export interface PublicTableOptions {
  /** Recommendation references (`R-3`), when they exist. Default: none; recommendations are then numbered. */
  recommendationRefs?: ReadonlyMap<string, string>;
  /** The latest verdict per recommendation, when there is one. Default: none. */
  verdicts?: ReadonlyMap<string, PublicVerdict>;
}

/** One line of the public table: an action, or a recommendation without actions (its action fields empty). */
export interface PublicRow {
  audit: string;
  diaryNumber: string | null;
  reportDate: string | null;
  auditor: string;
  recommendation: string;
  recommendationText: string;
  verdict: string | null;
  verdictDate: string | null;
  committee: string | null;
  action: string | null;
  actionText: string | null;
  status: DisplayStatus | null;
  originalDue: string | null;
  currentDue: string | null;
}

/** The key of a recommendation in {@link PublicTableOptions}. */
export function recommendationKey(auditId: string, recommendationId: string): string {
  return `${auditId}|${recommendationId}`;
}

/** Every line of the public table, audits in the report's order. Only the fields of {@link PublicRow}. */
export function publicRows(report: BoardReport, options: PublicTableOptions = {}): PublicRow[] {
  const rows: PublicRow[] = [];
  for (const audit of report.audits) {
    audit.recommendations.forEach((rec, index) => {
      const base = recommendationFields(audit, rec, index, options);
      if (rec.actions.length === 0) {
        rows.push({ ...base, ...NO_ACTION });
        return;
      }
      for (const line of rec.actions) {
        rows.push({
          ...base,
          committee: line.committee,
          action: formatRef(line.ref),
          actionText: line.text,
          status: line.status,
          originalDue: dueText(line.originalDue),
          currentDue: dueText(line.currentDue),
        });
      }
    });
  }
  return rows;
}

const NO_ACTION = {
  committee: null,
  action: null,
  actionText: null,
  status: null,
  originalDue: null,
  currentDue: null,
} as const;

const COLUMNS: readonly [string, (row: PublicRow) => string | null][] = [
  ['Granskning', (row) => row.audit],
  ['Diarienummer', (row) => row.diaryNumber],
  ['Rapportdatum', (row) => row.reportDate],
  ['Revisor', (row) => row.auditor],
  ['Rekommendation', (row) => row.recommendation],
  ['Rekommendationens text', (row) => row.recommendationText],
  ['Bedömning', (row) => row.verdict],
  ['Bedömd', (row) => row.verdictDate],
  ['Nämnd', (row) => row.committee],
  ['Åtgärd', (row) => row.action],
  ['Åtgärdens text', (row) => row.actionText],
  ['Status', (row) => row.status],
  ['Ursprungligt slutdatum', (row) => row.originalDue],
  ['Aktuellt slutdatum', (row) => row.currentDue],
];

/** The table as CSV for Swedish Excel: UTF-8 with BOM, `;`, CRLF, formula-looking text defused. */
export function renderPublicCsv(report: BoardReport, options: PublicTableOptions = {}): string {
  const lines = [COLUMNS.map(([header]) => field(header)).join(CSV_SEPARATOR)];
  for (const row of publicRows(report, options)) {
    lines.push(COLUMNS.map(([, value]) => field(value(row))).join(CSV_SEPARATOR));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:75rem;color:#1b1b1b;background:#fff;line-height:1.45}',
  'table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}',
  'th,td{border-bottom:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}',
  'caption{text-align:left;font-weight:600}',
  '.scroll{overflow-x:auto}',
  '.date{white-space:nowrap}',
].join('');

/**
 * A self-contained page, ready to publish: every text escaped, no script, and a Content-Security-Policy that
 * allows nothing but its own inline style (by hash), so even a text that slipped through could run nothing.
 */
export function renderPublicHtml(report: BoardReport, options: PublicTableOptions = {}): string {
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;
  const rows = publicRows(report, options);
  const byAudit = new Map<string, PublicRow[]>();
  for (const row of rows) {
    const key = `${row.audit}\u0000${row.diaryNumber ?? ''}\u0000${row.reportDate ?? ''}`;
    const list = byAudit.get(key);
    if (list) list.push(row);
    else byAudit.set(key, [row]);
  }
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="sv">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(PUBLIC_TABLE_TITLE)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(PUBLIC_TABLE_TITLE)}</h1>`,
    `<p>Läget per <span class="date">${escapeHtml(report.asOf)}</span>. Revisorernas rekommendationer, nämndernas ` +
      'åtgärder och deras status. En åtgärd är försenad när slutdatumet har passerat utan att den är genomförd.</p>',
  ];
  for (const auditRows of byAudit.values()) parts.push(auditHtml(auditRows));
  parts.push('</main>', '</body>', '</html>', '');
  return parts.join('\n');
}

function auditHtml(rows: readonly PublicRow[]): string {
  const first = rows[0];
  if (!first) return '';
  const facts = [
    first.diaryNumber ? `Diarienummer ${escapeHtml(first.diaryNumber)}` : null,
    first.reportDate ? `rapport <span class="date">${escapeHtml(first.reportDate)}</span>` : null,
    first.auditor ? escapeHtml(first.auditor) : null,
  ].filter((fact): fact is string => fact !== null);
  const parts = [`<section>`, `<h2>${escapeHtml(first.audit)}</h2>`];
  if (facts.length > 0) parts.push(`<p>${facts.join(', ')}.</p>`);
  const byRecommendation = new Map<string, PublicRow[]>();
  for (const row of rows) {
    const list = byRecommendation.get(row.recommendation);
    if (list) list.push(row);
    else byRecommendation.set(row.recommendation, [row]);
  }
  for (const [recommendation, recRows] of byRecommendation) {
    const head = recRows[0];
    if (!head) continue;
    parts.push(
      `<h3>Rekommendation ${escapeHtml(recommendation)}</h3>`,
      `<p>${escapeHtml(head.recommendationText)}</p>`,
    );
    if (head.verdict) {
      const date = head.verdictDate ? ` (<span class="date">${escapeHtml(head.verdictDate)}</span>)` : '';
      parts.push(`<p>Revisorernas bedömning: ${escapeHtml(head.verdict)}${date}.</p>`);
    }
    const actions = recRows.filter((row) => row.action !== null);
    if (actions.length === 0) {
      parts.push('<p>Inga åtgärder.</p>');
      continue;
    }
    parts.push(
      '<div class="scroll"><table>',
      `<caption>Åtgärder, rekommendation ${escapeHtml(recommendation)}</caption>`,
      '<thead><tr><th scope="col">Åtgärd</th><th scope="col">Text</th><th scope="col">Nämnd</th>' +
        '<th scope="col">Status</th><th scope="col">Ursprungligt slutdatum</th>' +
        '<th scope="col">Aktuellt slutdatum</th></tr></thead>',
      '<tbody>',
      ...actions.map(
        (row) =>
          `<tr><th scope="row">${escapeHtml(row.action ?? '')}</th><td>${escapeHtml(row.actionText ?? '')}</td>` +
          `<td>${escapeHtml(row.committee ?? '')}</td><td>${escapeHtml(row.status ?? '')}</td>` +
          `<td class="date">${escapeHtml(row.originalDue ?? '')}</td>` +
          `<td class="date">${escapeHtml(row.currentDue ?? '')}</td></tr>`,
      ),
      '</tbody></table></div>',
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function recommendationFields(
  audit: AuditSection,
  rec: RecommendationSection,
  index: number,
  options: PublicTableOptions,
): Omit<PublicRow, keyof typeof NO_ACTION> {
  const key = recommendationKey(audit.id, rec.id);
  const verdict = options.verdicts?.get(key) ?? null;
  return {
    audit: audit.title,
    diaryNumber: audit.diaryNumber,
    reportDate: audit.reportDate,
    auditor: audit.auditor,
    recommendation: options.recommendationRefs?.get(key) ?? String(index + 1),
    recommendationText: rec.text,
    verdict: verdict?.verdict ?? null,
    verdictDate: verdict?.date ?? null,
  };
}

/** A deadline as published: its day, or the words when it names none ("på sikt"). */
function dueText(due: { date: string | null; phrase: string }): string | null {
  return due.date ?? (due.phrase.trim() || null);
}
