import { BOARD_TEXTS, type BoardTexts } from './boardTexts';
import { countOf, STATUS_COLUMNS } from './columns';
import { escapeHtml } from './escape';
import type { SummaryRow } from './summary';

const WIDTH = 640;
const LABEL_WIDTH = 210;
const TOTAL_WIDTH = 58;
const BAR_HEIGHT = 14;
const ROW_HEIGHT = 22;
const LEGEND_HEIGHT = 30;
/** Longest committee name drawn in full; longer ones are shortened (the full name is in the bar's tooltip). */
const MAX_LABEL = 32;

/**
 * A horizontal 100 % stacked bar per committee, one segment per status, as inline SVG: it prints with the page and
 * needs no script or external file. Each segment carries a `<title>` with its count, and the whole chart a text
 * alternative, so the numbers are there for screen readers too.
 */
export function renderStatusChart(rows: readonly SummaryRow[], texts: BoardTexts = BOARD_TEXTS.sv): string {
  const height = LEGEND_HEIGHT + Math.max(rows.length, 1) * ROW_HEIGHT + 4;
  const barWidth = WIDTH - LABEL_WIDTH - TOTAL_WIDTH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${height}" ` +
      `width="${WIDTH}" height="${height}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">${escapeHtml(texts.sections.status)}</title>`,
    `<desc id="chart-desc">${escapeHtml(describe(rows, texts))}</desc>`,
  );
  let x = LABEL_WIDTH;
  for (const column of STATUS_COLUMNS) {
    const status = texts.statuses[column.status];
    parts.push(
      `<rect x="${x}" y="6" width="10" height="10" fill="${column.colour}"/>`,
      `<text x="${x + 14}" y="15" class="legend">${escapeHtml(status)}</text>`,
    );
    x += 14 + status.length * 7 + 14;
  }
  rows.forEach((row, index) => {
    const y = LEGEND_HEIGHT + index * ROW_HEIGHT;
    const label =
      row.committee.length > MAX_LABEL ? `${row.committee.slice(0, MAX_LABEL - 1)}…` : row.committee;
    parts.push(
      `<text x="${LABEL_WIDTH - 6}" y="${y + BAR_HEIGHT - 3}" text-anchor="end" class="label">` +
        `<title>${escapeHtml(row.committee)}</title>${escapeHtml(label)}</text>`,
    );
    let offset = LABEL_WIDTH;
    for (const column of STATUS_COLUMNS) {
      const count = countOf(row, column);
      if (count === 0 || row.total === 0) continue;
      const width = (count / row.total) * barWidth;
      parts.push(
        `<rect x="${round(offset)}" y="${y}" width="${round(width)}" height="${BAR_HEIGHT}" fill="${column.colour}">` +
          `<title>${escapeHtml(`${row.committee}: ${texts.statuses[column.status]} ${texts.number(count)}`)}</title></rect>`,
      );
      const digits = texts.number(count);
      // The count goes inside its segment only where it fits; the tooltip and the table carry it anyway.
      if (width >= digits.length * 7 + 6) {
        parts.push(
          `<text x="${round(offset + width / 2)}" y="${y + BAR_HEIGHT - 3}" text-anchor="middle" ` +
            `class="count${column.status === 'Planerad' ? '' : ' light'}">${digits}</text>`,
        );
      }
      offset += width;
    }
    parts.push(
      `<text x="${WIDTH - TOTAL_WIDTH + 6}" y="${y + BAR_HEIGHT - 3}" class="total">${texts.number(row.total)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function describe(rows: readonly SummaryRow[], texts: BoardTexts): string {
  if (rows.length === 0) return texts.empty.actions;
  return rows
    .map(
      (row) =>
        `${row.committee}: ` +
        STATUS_COLUMNS.map(
          (column) => `${texts.statuses[column.status]} ${texts.number(countOf(row, column))}`,
        ).join(', ') +
        `; ${texts.chartShareDone} ${texts.percent(row.shareDone)}.`,
    )
    .join(' ');
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
