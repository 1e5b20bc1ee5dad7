import { inScope, overdueScope, summaryScope } from '../../domain/access';
import type { ActionSummary } from '../../domain/types';
import { summarize } from '../../reports/summary';
import { listCard, MAX_LIST_ITEMS, summaryCard, type ListCardView } from '../../teams/cards';
import { texts } from '../../texts';
import type { Reply, Turn } from '../turn';
import { listItemView } from '../../teams/cards/views';

/** `mina åtgärder`: the caller's own open actions, soonest due first. */
export async function myActions(turn: Turn): Promise<Reply> {
  const { caller, deps, say } = turn;
  if (!caller.email) return { text: say.noActions() };
  const actions = await deps.actions.listOwnOpenActions(caller.tenantId, caller.email);
  if (actions.length === 0) return { text: say.noActions() };
  const view: ListCardView = {
    title: texts(caller.locale).lists.myActionsTitle,
    groups: [{ heading: null, items: byDueDate(actions).map((a) => listItemView(a, turn.today)) }],
    empty: say.noActions(),
  };
  return { cards: [listCard(view, caller.locale)] };
}

/**
 * `försenade`: the overdue actions in the caller's scope (`overdueScope`: all, their committees', or their own),
 * grouped by committee. Reads only the open-action index.
 */
export async function overdue(turn: Turn): Promise<Reply> {
  const { caller, deps } = turn;
  const visible = await deps.actions.listOverdueActions(caller.tenantId, turn.today, {
    scope: overdueScope(caller),
  });
  const words = texts(caller.locale).lists;
  const empty = words.nothingOverdue;
  if (visible.length === 0) return { text: empty };
  // One pass into groups: a chair's list can hold thousands of actions over dozens of committees.
  const byCommittee = new Map<string, ActionSummary[]>();
  for (const action of visible) {
    const group = byCommittee.get(action.committee);
    if (group) group.push(action);
    else byCommittee.set(action.committee, [action]);
  }
  const committees = [...byCommittee.keys()].sort((a, b) => a.localeCompare(b, 'sv'));
  // A card shows at most MAX_LIST_ITEMS: only those become views; the rest are counted.
  let room = MAX_LIST_ITEMS;
  const groups = committees.map((committee) => {
    const items = byDueDate(byCommittee.get(committee) ?? []).slice(0, room);
    room -= items.length;
    return { heading: committee, items: items.map((a) => listItemView(a, turn.today)) };
  });
  const view: ListCardView = {
    title: words.overdueTitle(visible.length),
    groups: groups.filter((group) => group.items.length > 0),
    empty,
    total: visible.length,
  };
  return { cards: [listCard(view, caller.locale)] };
}

/** `sammanställning`: counts per committee and status for the board, over the caller's `summaryScope`. */
export async function summary(turn: Turn): Promise<Reply> {
  const { caller, deps, say } = turn;
  const scope = summaryScope(caller);
  if (scope.kind === 'none') return { text: say.readOnly() };
  const actions = await deps.actions.listActions(caller.tenantId);
  const scoped = scope.kind === 'all' ? actions : actions.filter((action) => inScope(scope, action));
  const numbers = summarize(scoped, turn.today);
  return {
    cards: [summaryCard(numbers, caller.locale)],
  };
}

function byDueDate<A extends ActionSummary>(actions: readonly A[]): A[] {
  // Actions without a date come last: they need a person to set one, but nothing is due yet. ISO dates sort as
  // plain strings, without localeCompare's cost.
  const due = (action: A) => action.deadline.date ?? '9999';
  return [...actions].sort((a, b) => (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : a.ref - b.ref));
}
