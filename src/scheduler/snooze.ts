import { isClosed, MAX_COMMENT_LENGTH } from '../domain/actions';
import { civilDateAt, daysBetween, parseCivilDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import { formatRef } from '../domain/refs';
import { stripInvisible } from '../domain/text';
import type { CivilDate } from '../domain/types';
import type { ActionRepository, SnoozeRepository, StoredSnooze } from '../storage';

/** Longest pause: a year. Longer means the action needs a new date, not a pause. */
export const MAX_SNOOZE_DAYS = 366;

/** What {@link snoozeAction} needs. */
export interface SnoozeDeps {
  readonly actions: Pick<ActionRepository, 'getAction'>;
  readonly snoozes: Pick<SnoozeRepository, 'upsertSnooze'>;
  /** The municipality's time zone: "today" is decided in it. */
  readonly timeZone: string;
}

/** A pause as asked for: `pausa A-17 till 2026-08-15 [motivering]`. */
export interface SnoozeRequest {
  /** The action's reference number (17 for A-17). */
  ref: number;
  /** `YYYY-MM-DD`: the first day reminders may come again. */
  until: string;
  /** Why, as the user wrote it; optional. */
  reason?: string | null;
  /** Entra object id of who asks. */
  by: string;
  now: Date;
}

/**
 * Pauses the reminders of an action until a date (`pausa A-17 till 2026-08-15 [motivering]`): none are sent before
 * it, and on that day (or the first working day after) the owner gets one reminder that the pause is over. An
 * escalation that falls inside the pause waits for its end. The pause is recorded with who set it and why, and a new
 * pause replaces the old one.
 *
 * It checks the request, not the person: the bot decides beforehand who may pause (the owner, the committee's
 * coordinator, an admin), as for any change of the action.
 * @throws DomainError `InvalidDate` for a date that is not `YYYY-MM-DD` or not in the calendar, `InvalidValue` for a
 * date not after today or more than a year ahead or a reason too long, `InvalidStatusChange` for a closed action.
 * @throws NotFoundError when the tenant has no such action.
 */
export async function snoozeAction(
  deps: SnoozeDeps,
  tenantId: string,
  request: SnoozeRequest,
): Promise<StoredSnooze> {
  const until: CivilDate = parseCivilDate(request.until);
  const today = civilDateAt(request.now, deps.timeZone);
  const ref = formatRef(request.ref);
  const ahead = daysBetween(today, until);
  if (ahead <= 0) {
    throw new DomainError({ kind: 'snoozeNotAfterToday', ref, today });
  }
  if (ahead > MAX_SNOOZE_DAYS) {
    throw new DomainError({ kind: 'snoozeTooLong', ref, until, days: ahead });
  }
  const reason =
    request.reason === null || request.reason === undefined ? '' : stripInvisible(request.reason).trim();
  if (reason.length > MAX_COMMENT_LENGTH) {
    throw new DomainError({ kind: 'reasonTooLong', length: reason.length, max: MAX_COMMENT_LENGTH });
  }
  const { action } = await deps.actions.getAction(tenantId, request.ref);
  if (isClosed(action.status)) {
    throw new DomainError({ kind: 'closedNoSnooze', ref, status: action.status });
  }
  return deps.snoozes.upsertSnooze(tenantId, {
    ref: request.ref,
    until,
    by: request.by.toLowerCase(),
    reason: reason === '' ? null : reason,
    at: request.now.toISOString(),
  });
}
