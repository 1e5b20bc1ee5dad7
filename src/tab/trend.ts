import {
  CLOSED_STATUSES,
  type Action,
  type CivilDate,
  type HistoryEvent,
  type Status,
} from '../domain/types';
import { dateOfInstant } from '../reports/format';
import type { TabTrendMonth } from './apiTypes';

/** The trend covers this many months, the current one last. */
export const TREND_MONTHS = 12;

/** A day before any action could exist: an action's first deadline counts from before it was imported. */
const BEGINNING = '0000-01-01';

interface Change {
  date: CivilDate;
  status?: Status;
  /** The new due date; null when the new deadline names no day. */
  deadline?: CivilDate | null;
}

/**
 * Per month of the last {@link TREND_MONTHS} up to `asOf`: how many actions were closed (set to Genomförd or
 * Avbruten from an open status) and how many became overdue (an open action's due date passed, or a deadline was
 * moved to a day already past). Read from each action's history of status and deadline changes, so a reopened
 * action that is closed again counts twice, as it was closed twice. An action's first deadline counts from the
 * day it fell, even when the action was imported later: it was overdue then, whatever the system knew.
 *
 * @param history Status and deadline events of the actions (others are ignored), in any order.
 */
export function trendByMonth(
  actions: readonly Action[],
  history: readonly HistoryEvent[],
  asOf: CivilDate,
  timeZone: string,
): TabTrendMonth[] {
  const months = lastMonths(asOf, TREND_MONTHS);
  const rows = new Map(months.map((month) => [month, { month, closed: 0, becameOverdue: 0 }]));
  const first = `${months[0] ?? asOf.slice(0, 7)}-01`;
  const changesByRef = new Map<number, Change[]>();
  for (const event of history) {
    if (event.kind !== 'status' && event.kind !== 'deadline') continue;
    const date = dateOfInstant(event.at, timeZone);
    if (date === null) continue;
    const change: Change =
      event.kind === 'status' ? { date, status: event.to as Status } : { date, deadline: event.to };
    const list = changesByRef.get(event.ref);
    if (list) list.push(change);
    else changesByRef.set(event.ref, [change]);
  }
  for (const action of actions) {
    const changes = (changesByRef.get(action.ref) ?? []).sort(byDate);
    for (const closedOn of closures(changes)) count(rows, closedOn, first, asOf, 'closed');
    for (const overdueOn of overdueOnsets(action, changes, asOf)) {
      count(rows, overdueOn, first, asOf, 'becameOverdue');
    }
  }
  return months.map((month) => rows.get(month) ?? { month, closed: 0, becameOverdue: 0 });
}

function closures(changes: readonly Change[]): CivilDate[] {
  const days: CivilDate[] = [];
  let open = true;
  for (const change of changes) {
    if (change.status === undefined) continue;
    const closed = CLOSED_STATUSES.includes(change.status);
    if (open && closed) days.push(change.date);
    open = !closed;
  }
  return days;
}

/**
 * The days the action turned overdue. Between two days with changes its state is fixed, and "overdue on day d" is
 * then `open and due < d`: false up to the due date, true after. Changes on one day take effect together.
 */
function overdueOnsets(action: Action, changes: readonly Change[], asOf: CivilDate): CivilDate[] {
  // The first deadline is the one before the first recorded move; the action starts Planerad.
  const firstMove = changes.find((change) => change.deadline !== undefined);
  let deadline = firstMove ? action.originalDeadline.date : action.deadline.date;
  let open = true;
  let wasOverdue = false;
  let start = BEGINNING;
  const onsets: CivilDate[] = [];
  let index = 0;
  while (start <= asOf) {
    // The segment runs from `start` to the day before the next change (or through asOf).
    const next = changes[index];
    const end = next ? previousDay(next.date) : asOf;
    if (open && deadline !== null) {
      const onset = nextDay(deadline) > start ? nextDay(deadline) : start;
      const lastDay = end < asOf ? end : asOf;
      if (onset <= lastDay && !(onset === start && wasOverdue)) onsets.push(onset);
      wasOverdue = onset <= lastDay;
    } else {
      wasOverdue = false;
    }
    if (!next) break;
    start = next.date;
    while (index < changes.length && changes[index]?.date === start) {
      const change = changes[index];
      if (change?.status !== undefined) open = !CLOSED_STATUSES.includes(change.status);
      if (change?.deadline !== undefined) deadline = change.deadline;
      index += 1;
    }
  }
  return onsets;
}

function byDate(a: Change, b: Change): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

function count(
  rows: Map<string, TabTrendMonth>,
  day: CivilDate,
  first: CivilDate,
  asOf: CivilDate,
  field: 'closed' | 'becameOverdue',
): void {
  if (day < first || day > asOf) return;
  const row = rows.get(day.slice(0, 7));
  if (row) row[field] += 1;
}

/** `YYYY-MM` of the `count` months up to and including `asOf`'s, oldest first. */
export function lastMonths(asOf: CivilDate, count: number): string[] {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

function nextDay(date: CivilDate): CivilDate {
  return shift(date, 1);
}

function previousDay(date: CivilDate): CivilDate {
  return shift(date, -1);
}

function shift(date: CivilDate, days: number): CivilDate {
  if (date === BEGINNING) return date;
  const time = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return Number.isNaN(time) ? date : new Date(time).toISOString().slice(0, 10);
}
