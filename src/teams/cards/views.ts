import { displayStatus, isOverdue } from '../../domain/actions';
import { daysBetween } from '../../domain/dates';
import { formatRef } from '../../domain/refs';
import type { Action, ActionSummary, Audit, CivilDate } from '../../domain/types';
import type { ActionCardInputs, ActionCardView } from './action';
import type { ListItemView } from './list';

/** Days an action is overdue on `today`, or null when it is not. */
export function daysOverdue(action: ActionSummary, today: CivilDate): number | null {
  return isOverdue(action, today) && action.deadline.date ? daysBetween(action.deadline.date, today) : null;
}

/** What the action card shows of an action; `canEdit` decides whether it gets buttons. */
export function actionCardView(
  action: Action,
  audit: Audit | null,
  today: CivilDate,
  options: { canEdit: boolean; note?: string | null; typed?: ActionCardInputs },
): ActionCardView {
  const moved = action.deadlineChanges > 0;
  return {
    ref: formatRef(action.ref),
    version: action.version,
    auditTitle: audit?.title ?? '',
    recommendation: audit?.recommendations.find((r) => r.id === action.recommendationId)?.text ?? '',
    text: action.text,
    committee: action.committee,
    owner: action.ownerEmail,
    dueDate: action.deadline.date,
    duePhrase: action.deadline.phrase,
    originalDueDate: moved ? action.originalDeadline.date : null,
    originalDuePhrase: moved ? action.originalDeadline.phrase : null,
    deadlineChanges: action.deadlineChanges,
    status: displayStatus(action, today),
    daysOverdue: daysOverdue(action, today),
    lastComment: action.lastComment,
    canEdit: options.canEdit,
    note: options.note ?? null,
    typed: options.typed,
  };
}

/** One line of a list card. */
export function listItemView(action: ActionSummary, today: CivilDate): ListItemView {
  return {
    ref: formatRef(action.ref),
    text: action.text,
    status: displayStatus(action, today),
    dueDate: action.deadline.date,
    duePhrase: action.deadline.phrase,
    daysOverdue: daysOverdue(action, today),
    owner: action.ownerEmail,
  };
}
