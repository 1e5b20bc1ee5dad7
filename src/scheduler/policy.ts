/**
 * The reminder policy: who is reminded of what, and when. Pure: every function is given the policy, the time zone
 * and `now`, and reads no clock and no storage, so the rules are tested table by table.
 *
 * How "when" is decided. Each subject has stages with a nominal day (14 and 3 days before the due date, the due date,
 * every 7 days after it, ...). A stage is sent at `sendTime` local time on the first working day on or after its
 * nominal day (never on a weekend, a Swedish holiday or in the summer pause). At any instant, the reminder owed on a
 * track is the *latest* stage whose send instant has come: a stage that was missed (the bot was down, or the summer
 * pause piled several onto one Monday) is replaced by the later one instead of arriving as a burst. The outbox
 * records each stage once, so asking again at any later instant owes nothing new until the next stage comes.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { isClosed } from '../domain/actions';
import { civilDateAt, daysBetween, isCalendarDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import type { Action, CivilDate } from '../domain/types';
import { addDays, localInstant, nextWorkingDay, type WorkingCalendarOptions } from './calendar';

/** The settings key of a tenant's reminder policy (a partial policy; unset fields take the defaults). */
export const REMINDER_POLICY_SETTING = 'reminderPolicy';

/** A tenant's reminder policy. Every field has a Swedish default ({@link DEFAULT_REMINDER_POLICY}). */
export interface ReminderPolicy extends WorkingCalendarOptions {
  /** Days before an action's due date that its owner is reminded. Default: 14 and 3. */
  ownerDaysBefore: readonly number[];
  /** Remind the owner on the due date itself. Default: true. */
  remindOnDueDate: boolean;
  /** While overdue, remind the owner every this many days after the due date; 0 for never. Default: 7. */
  overdueEveryDays: number;
  /**
   * After this many overdue reminders, escalate once to the chair and the admins, one interval after the last of
   * them (so the owner had a week to act on it); 0 for never. Default: 3.
   */
  escalateAfterOverdue: number;
  /** Remind the owner of an action without a date every this many days to set one; 0 for never. Default: 7. */
  noDateEveryDays: number;
  /** Days before a committee's response date (svar senast) that its coordinator is reminded; also on the day. Default: 14, 3. */
  responseDaysBefore: readonly number[];
  /** Days before a board feedback date (återrapportering) that the admins are reminded; also on the day. Default: 14, 3. */
  boardFeedbackDaysBefore: readonly number[];
  /** Local time of day reminders go out, `HH:MM`. Default: 09:00. */
  sendTime: string;
  /** When the weekly digest is posted: a cron pattern in the municipality's time zone. Default: Monday 08:00. */
  digestCron: string;
}

/** The defaults: Swedish municipal practice, with July as the summer pause. */
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  ownerDaysBefore: [14, 3],
  remindOnDueDate: true,
  overdueEveryDays: 7,
  escalateAfterOverdue: 3,
  noDateEveryDays: 7,
  responseDaysBefore: [14, 3],
  boardFeedbackDaysBefore: [14, 3],
  sendTime: '09:00',
  summerPause: { from: '07-01', to: '07-31' },
  extraDaysOff: [],
  digestCron: '0 8 * * 1',
};

/** How far back a stage may lie and still be sent: far enough to see past the summer pause, not a year of backlog. */
export const LOOKBACK_DAYS = 120;

/** How far ahead {@link nextReminder} looks. */
const LOOKAHEAD_DAYS = 400;

/** Who a track reminds: the action's owner, the chair and admins, the committee's coordinator, the admins. */
export type ReminderTrack = 'owner' | 'escalation' | 'responseDue' | 'boardFeedback';

/** An action as the policy sees it, with its pause of reminders if any. */
export interface ActionSubject {
  kind: 'action';
  action: Pick<Action, 'ref' | 'status' | 'deadline' | 'createdAt'>;
  /** The first day reminders may be sent again; null when not paused. */
  snoozedUntil: CivilDate | null;
}

/** A committee's date of an audit: its response (svar senast) or the board's feedback date. */
export interface CommitteeDateSubject {
  kind: 'responseDue' | 'boardFeedback';
  auditId: string;
  committee: string;
  due: CivilDate;
}

/** What reminders are about. */
export type ReminderSubject = ActionSubject | CommitteeDateSubject;

/** One stage of a subject's reminders, with when it is sent. */
export interface ScheduledReminder {
  track: ReminderTrack;
  /** `before-14`, `before-3`, `due`, `overdue-1`, ..., `no-date`, `after-snooze`, `escalation`. */
  stage: string;
  /** The day the stage belongs to, before moving it to a working day: part of the outbox key. */
  stageDate: CivilDate;
  /** The working day it is sent. */
  sendDate: CivilDate;
  /** `sendTime` on `sendDate`, local time, as an instant. */
  sendAt: Date;
  /** The due date the stage was derived from; null for `no-date` and `after-snooze` of an undated action. */
  basis: CivilDate | null;
}

interface Stage {
  track: ReminderTrack;
  stage: string;
  stageDate: CivilDate;
  basis: CivilDate | null;
}

/**
 * The reminders owed at `now`: per track, the latest stage whose send instant has come (at most one per track).
 * A closed action owes nothing; a paused one nothing before its pause ends, then an `after-snooze` reminder.
 * @example dueReminders({ kind: 'action', action, snoozedUntil: null }, DEFAULT_REMINDER_POLICY, 'Europe/Stockholm', now)
 */
export function dueReminders(
  subject: ReminderSubject,
  policy: ReminderPolicy,
  timeZone: string,
  now: Date,
): ScheduledReminder[] {
  const today = civilDateAt(now, timeZone);
  const scheduled = schedule(subject, policy, timeZone, addDays(today, -LOOKBACK_DAYS), today);
  const latest = new Map<ReminderTrack, ScheduledReminder>();
  for (const reminder of scheduled) {
    if (reminder.sendAt.getTime() > now.getTime()) continue;
    const best = latest.get(reminder.track);
    if (!best || isLater(reminder, best)) latest.set(reminder.track, reminder);
  }
  return [...latest.values()];
}

/** The next reminder after `now` on any track, or null when none is coming (closed, or nothing scheduled). */
export function nextReminder(
  subject: ReminderSubject,
  policy: ReminderPolicy,
  timeZone: string,
  now: Date,
): ScheduledReminder | null {
  const today = civilDateAt(now, timeZone);
  const scheduled = schedule(
    subject,
    policy,
    timeZone,
    addDays(today, -LOOKBACK_DAYS),
    addDays(today, LOOKAHEAD_DAYS),
  );
  let next: ScheduledReminder | null = null;
  for (const reminder of scheduled) {
    if (reminder.sendAt.getTime() <= now.getTime()) continue;
    // Among stages sent at the same instant, the latest replaces the others (see dueReminders).
    if (
      !next ||
      reminder.sendAt < next.sendAt ||
      (reminder.sendAt.getTime() === next.sendAt.getTime() && isLater(reminder, next))
    ) {
      next = reminder;
    }
  }
  return next;
}

/** The subject's stages with nominal day in `[from, to]`, with send instants, the pause applied. */
function schedule(
  subject: ReminderSubject,
  policy: ReminderPolicy,
  timeZone: string,
  from: CivilDate,
  to: CivilDate,
): ScheduledReminder[] {
  const timed = (stage: Stage): ScheduledReminder => {
    const sendDate = nextWorkingDay(stage.stageDate, policy);
    return { ...stage, sendDate, sendAt: localInstant(sendDate, policy.sendTime, timeZone) };
  };
  if (subject.kind !== 'action') {
    const days = subject.kind === 'responseDue' ? policy.responseDaysBefore : policy.boardFeedbackDaysBefore;
    return committeeStages(subject, days, from, to).map(timed);
  }
  if (isClosed(subject.action.status)) return [];
  const stages = actionStages(subject, policy, timeZone, from, to).map(timed);
  const until = subject.snoozedUntil;
  if (until === null) return stages;

  // Nothing about a paused action before the pause ends; then one reminder that it has ended, and an escalation
  // that fell inside the pause comes with it rather than never.
  const pauseEnds = localInstant(until, '00:00', timeZone);
  const resume = timed({
    track: 'owner',
    stage: 'after-snooze',
    stageDate: until,
    basis: subject.action.deadline.date,
  });
  const result: ScheduledReminder[] = [];
  for (const stage of stages) {
    if (stage.sendAt >= pauseEnds) result.push(stage);
    else if (stage.track === 'escalation')
      result.push({ ...stage, sendDate: resume.sendDate, sendAt: resume.sendAt });
  }
  if (until >= from && until <= to) result.push(resume);
  return result;
}

function actionStages(
  subject: ActionSubject,
  policy: ReminderPolicy,
  timeZone: string,
  from: CivilDate,
  to: CivilDate,
): Stage[] {
  const due = subject.action.deadline.date;
  const stages: Stage[] = [];
  const add = (track: ReminderTrack, stage: string, stageDate: CivilDate) => {
    if (stageDate >= from && stageDate <= to) stages.push({ track, stage, stageDate, basis: due });
  };
  if (due === null) {
    if (policy.noDateEveryDays > 0) {
      const created = civilDateAt(new Date(subject.action.createdAt), timeZone);
      for (const n of multiples(created, policy.noDateEveryDays, 0, from, to)) {
        add('owner', 'no-date', addDays(created, n * policy.noDateEveryDays));
      }
    }
    return stages;
  }
  for (const days of [...new Set(policy.ownerDaysBefore)].sort((a, b) => b - a)) {
    if (days > 0) add('owner', `before-${days}`, addDays(due, -days));
  }
  if (policy.remindOnDueDate) add('owner', 'due', due);
  if (policy.overdueEveryDays > 0) {
    for (const n of multiples(due, policy.overdueEveryDays, 1, from, to)) {
      add('owner', `overdue-${n}`, addDays(due, n * policy.overdueEveryDays));
    }
    if (policy.escalateAfterOverdue > 0) {
      add(
        'escalation',
        'escalation',
        addDays(due, policy.overdueEveryDays * (policy.escalateAfterOverdue + 1)),
      );
    }
  }
  return stages;
}

function committeeStages(
  subject: CommitteeDateSubject,
  daysBefore: readonly number[],
  from: CivilDate,
  to: CivilDate,
): Stage[] {
  const stages: Stage[] = [];
  const add = (stage: string, stageDate: CivilDate) => {
    if (stageDate >= from && stageDate <= to) {
      stages.push({ track: subject.kind, stage, stageDate, basis: subject.due });
    }
  };
  for (const days of [...new Set(daysBefore)].sort((a, b) => b - a)) {
    if (days > 0) add(`before-${days}`, addDays(subject.due, -days));
  }
  add('due', subject.due);
  return stages;
}

/** The n >= `first` for which `start + n * every` lies in `[from, to]`. */
function multiples(start: CivilDate, every: number, first: number, from: CivilDate, to: CivilDate): number[] {
  const low = Math.max(first, Math.ceil(daysBetween(start, from) / every));
  const high = Math.floor(daysBetween(start, to) / every);
  const result: number[] = [];
  for (let n = low; n <= high; n++) result.push(n);
  return result;
}

/** Sent later, or at the same instant for a later day: the stage that replaces the other. */
function isLater(a: ScheduledReminder, b: ScheduledReminder): boolean {
  if (a.sendAt.getTime() !== b.sendAt.getTime()) return a.sendAt > b.sendAt;
  if (a.stageDate !== b.stageDate) return a.stageDate > b.stageDate;
  // The end of a pause says more than a stage that fell on the same day.
  return a.stage === 'after-snooze';
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a policy from settings

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const days = z.array(z.number().int().min(0).max(365)).max(10);
const policySchema = z
  .object({
    ownerDaysBefore: days,
    remindOnDueDate: z.boolean(),
    overdueEveryDays: z.number().int().min(0).max(365),
    escalateAfterOverdue: z.number().int().min(0).max(52),
    noDateEveryDays: z.number().int().min(0).max(365),
    responseDaysBefore: days,
    boardFeedbackDaysBefore: days,
    sendTime: z.string().regex(TIME, 'ska vara en tid HH:MM'),
    summerPause: z
      .object({
        from: z.string().regex(MONTH_DAY, 'ska vara MM-DD'),
        to: z.string().regex(MONTH_DAY, 'ska vara MM-DD'),
      })
      .strict()
      .nullable(),
    extraDaysOff: z
      .array(
        z
          .string()
          .regex(ISO_DATE, 'ska vara ÅÅÅÅ-MM-DD')
          .refine(isCalendarDate, 'ska vara ett datum som finns i kalendern'),
      )
      .max(366),
    digestCron: z.string().max(100).superRefine(checkCronPattern),
  })
  .strict()
  .partial();

/**
 * Reads a tenant's stored policy (a partial one; absent fields take the defaults). `null` (not set) gives the
 * defaults.
 * @throws DomainError `InvalidValue` naming every bad field.
 */
export function parseReminderPolicy(value: unknown): ReminderPolicy {
  if (value === null || value === undefined) return DEFAULT_REMINDER_POLICY;
  const parsed = policySchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      message: issue.message,
    }));
    throw new DomainError({ kind: 'invalidPolicy', issues });
  }
  // JSON has no undefined: every key zod kept was given, and replaces its default.
  return { ...DEFAULT_REMINDER_POLICY, ...parsed.data };
}

function checkCronPattern(pattern: string, context: z.RefinementCtx): void {
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (error) {
    // croner's own words say what is wrong with the pattern.
    const detail = error instanceof Error ? ` (${error.message})` : '';
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `ska vara ett cron-mönster, t.ex. "0 8 * * 1"${detail}`,
    });
  }
}
