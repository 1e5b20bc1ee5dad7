import { daysBetween, parseCivilDate } from './dates';
import { DomainError } from './errors';
import { formatRef } from './refs';
import { normalizeInput, stripInvisible } from './text';
import {
  CLOSED_STATUSES,
  type Action,
  type CivilDate,
  type Deadline,
  type DisplayStatus,
  type HistoryEvent,
  type Status,
} from './types';

/** Longest comment or reason kept with a change; Table strings hold 32,768 characters, history must fit. */
export const MAX_COMMENT_LENGTH = 2_000;

/** Longest action text; far below Tables' 32,768 characters, and more than any real action needs. */
export const MAX_TEXT_LENGTH = 4_000;

/** A change of an action together with the history event that records it; both are stored together or not at all. */
export interface ActionChange {
  action: Action;
  event: HistoryEvent;
}

/** Who changes and when: the clock is passed in, the domain never reads it. */
export interface ChangeContext {
  by: string;
  now: Date;
}

/** What a new action needs; its reference is allocated by storage. */
export type NewAction = Pick<
  Action,
  'ref' | 'auditId' | 'recommendationId' | 'text' | 'committee' | 'ownerEmail' | 'deadline'
>;

/** True when the status ends the work. */
export function isClosed(status: Status): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** Försenad: past its due date (the day after it, in the municipality's calendar) and not finished. */
export function isOverdue(action: Pick<Action, 'status' | 'deadline'>, today: CivilDate): boolean {
  return !isClosed(action.status) && action.deadline.date !== null && action.deadline.date < today;
}

/** The status a user sees, with Försenad derived. */
export function displayStatus(action: Pick<Action, 'status' | 'deadline'>, today: CivilDate): DisplayStatus {
  return isOverdue(action, today) ? 'Försenad' : action.status;
}

/** Builds a new action in status Planerad, with its first history event. */
export function createAction(input: NewAction, context: ChangeContext): ActionChange {
  const at = context.now.toISOString();
  const action: Action = {
    ...input,
    text: requireText(input.text),
    originalDeadline: { ...input.deadline },
    status: 'Planerad',
    cancelReason: null,
    lastComment: null,
    deadlineChanges: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const event: HistoryEvent = {
    ref: input.ref,
    seq: 1,
    kind: 'created',
    at,
    by: context.by,
    from: null,
    to: 'Planerad',
    phrase: input.deadline.phrase,
    comment: null,
  };
  return { action, event };
}

/**
 * Moves an action to another status.
 * Cancelling (Avbruten) and reopening (from Genomförd or Avbruten back to work) need a reason: auditors ask why.
 * @throws DomainError `InvalidStatusChange` when the status would not change; `ReasonRequired` when a reason is missing.
 */
export function changeStatus(
  action: Action,
  change: { to: Status; comment?: string | null },
  context: ChangeContext,
): ActionChange {
  const comment = optionalComment(change.comment);
  if (action.status === change.to) {
    throw new DomainError({ kind: 'sameStatus', ref: formatRef(action.ref), status: change.to });
  }
  if (change.to === 'Avbruten' && !comment) {
    throw new DomainError({ kind: 'cancelNeedsReason', ref: formatRef(action.ref) });
  }
  if (isClosed(action.status) && !isClosed(change.to) && !comment) {
    throw new DomainError({ kind: 'reopenNeedsReason', ref: formatRef(action.ref), status: action.status });
  }
  return recordEvent(
    action,
    { status: change.to, cancelReason: change.to === 'Avbruten' ? comment : null },
    context,
    {
      kind: 'status',
      from: action.status,
      to: change.to,
      comment,
    },
  );
}

/**
 * Gives an action a new deadline. The original deadline is kept as it was; each move is counted and recorded
 * with its reason, since boards look for repeated postponements. `today` (the municipality's date) is given when a
 * person asks for the change: a new deadline cannot then lie in the past. Records of history (imports, tests of
 * reports) give none.
 * @throws DomainError `InvalidDate` for a date the calendar lacks or one before `today`; `InvalidStatusChange` for a
 * closed action or the same date.
 */
export function changeDeadline(
  action: Action,
  change: { date: string; phrase?: string; reason?: string | null; today?: CivilDate },
  context: ChangeContext,
): ActionChange {
  const date = parseCivilDate(change.date);
  const reason = optionalComment(change.reason);
  if (isClosed(action.status)) {
    throw new DomainError({ kind: 'closedNoNewDate', ref: formatRef(action.ref), status: action.status });
  }
  if (action.deadline.date === date) {
    throw new DomainError({ kind: 'sameDeadline', ref: formatRef(action.ref), date });
  }
  if (change.today !== undefined && daysBetween(change.today, date) < 0) {
    throw new DomainError({ kind: 'deadlineInPast', ref: formatRef(action.ref), date, today: change.today });
  }
  const deadline: Deadline = { date, phrase: change.phrase ?? date };
  return recordEvent(action, { deadline, deadlineChanges: action.deadlineChanges + 1 }, context, {
    kind: 'deadline',
    from: action.deadline.date,
    to: date,
    phrase: deadline.phrase,
    comment: reason,
  });
}

/**
 * Adds a progress note (`A-17 kommentar <text>`): the status stays as it is, the note becomes the action's
 * `lastComment`, and the version moves on, so a card rendered before is seen to be stale.
 * @throws DomainError `InvalidValue` for an empty or too long note.
 */
export function addNote(action: Action, text: string, context: ChangeContext): ActionChange {
  const note = optionalComment(text);
  if (note === null) throw new DomainError({ kind: 'emptyNote', ref: formatRef(action.ref) });
  return recordEvent(action, {}, context, { kind: 'note', from: null, to: null, comment: note });
}

/**
 * Applies `patch` to an action and records it as the next history event: one version further, `updatedAt` now,
 * and the event's comment (when it has one) as the latest comment. Every change of an action goes through here.
 */
export function recordEvent(
  action: Action,
  patch: Partial<Action>,
  context: ChangeContext,
  event: Pick<HistoryEvent, 'kind' | 'from' | 'to' | 'comment'> &
    Pick<Partial<HistoryEvent>, 'phrase' | 'evidence' | 'removes'>,
): ActionChange {
  const at = context.now.toISOString();
  const version = action.version + 1;
  const lastComment = event.comment ?? action.lastComment;
  return {
    action: { ...action, ...patch, lastComment, version, updatedAt: at },
    event: { ref: action.ref, seq: version, at, by: context.by, phrase: null, ...event },
  };
}

function requireText(text: string): string {
  const value = normalizeInput(text);
  if (!value) throw new DomainError({ kind: 'emptyActionText' });
  if (value.length > MAX_TEXT_LENGTH) {
    throw new DomainError({ kind: 'actionTextTooLong', length: value.length, max: MAX_TEXT_LENGTH });
  }
  return value;
}

/**
 * A comment, reason or note as kept: invisible characters removed, trimmed, null when nothing is left.
 * @throws DomainError `InvalidValue` when longer than {@link MAX_COMMENT_LENGTH}.
 */
export function optionalComment(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  // Line breaks stay; the cap keeps a history row well within Tables' limits.
  const value = stripInvisible(text).trim();
  if (!value) return null;
  if (value.length > MAX_COMMENT_LENGTH) {
    throw new DomainError({ kind: 'commentTooLong', length: value.length, max: MAX_COMMENT_LENGTH });
  }
  return value;
}
