import { displayStatus } from '../domain/actions';
import type { Action, CivilDate, DisplayStatus } from '../domain/types';

/** Counts for one committee (or the total): per displayed status, with the share done. */
export interface SummaryRow {
  committee: string;
  planned: number;
  inProgress: number;
  done: number;
  overdue: number;
  cancelled: number;
  total: number;
  /** Done as a share of all actions that were not cancelled, 0..1; 0 when there are none. */
  shareDone: number;
}

/** The numbers of the board summary as of one day: one row per committee (sorted by name) and the totals. */
export interface Summary {
  asOf: CivilDate;
  rows: SummaryRow[];
  totals: SummaryRow;
}

/** Swedish alphabetical order; one collator, since `localeCompare(x, 'sv')` builds one per call. */
const SWEDISH = new Intl.Collator('sv');

const FIELD: Record<DisplayStatus, keyof Omit<SummaryRow, 'committee' | 'total' | 'shareDone'>> = {
  Planerad: 'planned',
  Pågår: 'inProgress',
  Genomförd: 'done',
  Försenad: 'overdue',
  Avbruten: 'cancelled',
};

/**
 * Summarises actions per committee as of `asOf`. Every format of the board report and the chat summary card takes
 * its numbers from here, so they cannot disagree.
 */
export function summarize(actions: readonly Action[], asOf: CivilDate): Summary {
  const rows = new Map<string, SummaryRow>();
  const totals = emptyRow('Totalt');
  for (const action of actions) {
    let row = rows.get(action.committee);
    if (!row) {
      row = emptyRow(action.committee);
      rows.set(action.committee, row);
    }
    tally([row, totals], displayStatus(action, asOf));
  }
  return {
    asOf,
    rows: [...rows.values()].sort((a, b) => SWEDISH.compare(a.committee, b.committee)).map(finish),
    totals: finish(totals),
  };
}

/**
 * Counts one group of actions (an audit, a recommendation) the way {@link summarize} counts a committee, so that a
 * report's subtotals are made by the same rules as its totals. `label` becomes the row's `committee`.
 */
export function countActions(actions: readonly Action[], asOf: CivilDate, label: string): SummaryRow {
  const row = emptyRow(label);
  for (const action of actions) tally([row], displayStatus(action, asOf));
  return finish(row);
}

function tally(targets: readonly SummaryRow[], status: DisplayStatus): void {
  const field = FIELD[status];
  for (const target of targets) {
    target[field] += 1;
    target.total += 1;
  }
}

function finish(row: SummaryRow): SummaryRow {
  // Cancelled actions are left out of the share: the board asks how much of what is still wanted has been done.
  const counted = row.total - row.cancelled;
  return { ...row, shareDone: counted === 0 ? 0 : row.done / counted };
}

function emptyRow(committee: string): SummaryRow {
  return { committee, planned: 0, inProgress: 0, done: 0, overdue: 0, cancelled: 0, total: 0, shareDone: 0 };
}
