/** The summary card: status per committee for the board. */
import { escapeMarkdown } from '../markdown';
import { renderCard, type AdaptiveCard } from './render';
import { type CardTexts, type Locale, statusLabel, texts as catalogue } from '../../texts';
import { formatPercent, largestFitting, userText } from './helpers';
import type { SummaryRow } from '../../reports/summary';
import summaryTemplate from '../../../cards/summary.json';

/** One committee's numbers (or the totals): exactly the rows of `summarize`, so the card and the reports agree. */
export type SummaryRowView = SummaryRow;

/** The board's summary: one row per committee and the totals, as of a date. */
export interface SummaryCardView {
  asOf: string;
  rows: SummaryRowView[];
  totals: SummaryRowView;
}

/** A summary row as the card shows it: every number already formatted for the locale. */
type SummaryRowData = Record<keyof SummaryRowView, string>;

/** The data `cards/summary.json` binds to. */
export interface SummaryCardData {
  labels: CardTexts['summary'] & {
    planned: string;
    inProgress: string;
    done: string;
    overdue: string;
    cancelled: string;
  };
  asOf: string;
  hasRows: boolean;
  rows: SummaryRowData[];
  totals: SummaryRowData;
  hasMore: boolean;
  more: string;
}

function summaryRow(row: SummaryRowView, locale: Locale, committee: string): SummaryRowData {
  const count = (value: number): string => value.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB');
  return {
    committee,
    planned: count(row.planned),
    inProgress: count(row.inProgress),
    done: count(row.done),
    overdue: count(row.overdue),
    cancelled: count(row.cancelled),
    total: count(row.total),
    shareDone: row.total === 0 ? '–' : formatPercent(row.shareDone, locale),
  };
}

/** The template data of {@link summaryCard}, showing the first `limit` committees. */
export function summaryCardData(
  view: SummaryCardView,
  locale: Locale,
  limit = view.rows.length,
): SummaryCardData {
  const texts = catalogue(locale).cards;
  const shown = view.rows.slice(0, limit);
  const left = view.rows.length - shown.length;
  return {
    labels: {
      ...texts.summary,
      planned: statusLabel('Planerad', locale),
      inProgress: statusLabel('Pågår', locale),
      done: statusLabel('Genomförd', locale),
      overdue: statusLabel('Försenad', locale),
      cancelled: statusLabel('Avbruten', locale),
    },
    asOf: escapeMarkdown(view.asOf),
    hasRows: view.rows.length > 0,
    rows: shown.map((row) => summaryRow(row, locale, userText(row.committee, 120))),
    totals: summaryRow(view.totals, locale, texts.summary.allCommittees),
    hasMore: left > 0,
    more: left > 0 ? texts.moreRows(left) : '',
  };
}

/** Status per committee for the board, with totals and the share done ("45 %"). */
export function summaryCard(view: SummaryCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(summaryTemplate, summaryCardData(view, locale, count));
  return render(largestFitting(view.rows.length, render));
}
