import type { TabCounts, TabStatus, TabTrendMonth } from '../src/tab/apiTypes';
import { STATUS_ORDER } from './texts';

/** The count field of each status. */
export const STATUS_FIELD: Record<TabStatus, keyof Omit<TabCounts, 'committee' | 'total' | 'shareDone'>> = {
  Planerad: 'planned',
  Pågår: 'inProgress',
  Genomförd: 'done',
  Försenad: 'overdue',
  Avbruten: 'cancelled',
};

/** Class names per status (CSS cannot select on å, ä, ö comfortably). */
export const STATUS_CLASS: Record<TabStatus, string> = {
  Planerad: 'planned',
  Pågår: 'in-progress',
  Genomförd: 'done',
  Försenad: 'overdue',
  Avbruten: 'cancelled',
};

const BAR_WIDTH = 300;
const BAR_HEIGHT = 22;
/** Narrower segments get no number: it would not fit. */
const LABEL_MIN_WIDTH = 16;

/**
 * One stacked bar of a committee's actions per status, scaled to the largest committee so bars compare. Hidden
 * from screen readers: the table beside it holds the same numbers and is what they read.
 */
export function StackedBar({ counts, max }: { counts: TabCounts; max: number }) {
  let x = 0;
  const scale = max > 0 ? BAR_WIDTH / max : 0;
  return (
    <svg
      class="bar"
      viewBox={`0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`}
      preserveAspectRatio="xMinYMid meet"
      aria-hidden="true"
      focusable="false"
    >
      {STATUS_ORDER.map((status) => {
        const count = counts[STATUS_FIELD[status]];
        if (count === 0) return null;
        const width = count * scale;
        const start = x;
        x += width;
        return (
          <g key={status} class={`seg seg-${STATUS_CLASS[status]}`}>
            <rect x={start} y={0} width={width} height={BAR_HEIGHT} />
            {width >= LABEL_MIN_WIDTH ? (
              <text x={start + width / 2} y={BAR_HEIGHT / 2} dominant-baseline="central" text-anchor="middle">
                {count}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

const TREND_HEIGHT = 120;
const MONTH_WIDTH = 30;

/** Closed and newly overdue actions per month as paired bars; hidden from screen readers like {@link StackedBar}. */
export function TrendChart({ months }: { months: readonly TabTrendMonth[] }) {
  const max = Math.max(1, ...months.flatMap((m) => [m.closed, m.becameOverdue]));
  const plot = TREND_HEIGHT - 16;
  const height = (value: number) => (value / max) * plot;
  return (
    <svg
      class="trend"
      viewBox={`0 0 ${months.length * MONTH_WIDTH} ${TREND_HEIGHT}`}
      preserveAspectRatio="xMinYMid meet"
      aria-hidden="true"
      focusable="false"
    >
      {months.map((month, index) => {
        const x = index * MONTH_WIDTH;
        return (
          <g key={month.month}>
            <rect
              class="trend-closed"
              x={x + 4}
              y={plot - height(month.closed)}
              width={10}
              height={height(month.closed)}
            />
            <rect
              class="trend-overdue"
              x={x + 15}
              y={plot - height(month.becameOverdue)}
              width={10}
              height={height(month.becameOverdue)}
            />
            <text class="trend-label" x={x + 15} y={TREND_HEIGHT - 3} text-anchor="middle">
              {month.month.slice(5)}
            </text>
          </g>
        );
      })}
      <line class="trend-axis" x1={0} x2={months.length * MONTH_WIDTH} y1={plot} y2={plot} />
    </svg>
  );
}
