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
    const field = FIELD[displayStatus(action, asOf)];
    for (const target of [row, totals]) {
      target[field] += 1;
      target.total += 1;
    }
  }
  const finish = (row: SummaryRow): SummaryRow => {
    const counted = row.total - row.cancelled;
    return { ...row, shareDone: counted === 0 ? 0 : row.done / counted };
  };
  return {
    asOf,
    rows: [...rows.values()].sort((a, b) => a.committee.localeCompare(b.committee, 'sv')).map(finish),
    totals: finish(totals),
  };
}

function emptyRow(committee: string): SummaryRow {
  return { committee, planned: 0, inProgress: 0, done: 0, overdue: 0, cancelled: 0, total: 0, shareDone: 0 };
}
