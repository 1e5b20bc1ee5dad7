/**
 * The words of reminders, from the text catalogue (`src/texts`, `reminders`), in the recipient's language (the pass
 * takes it from the user's row or their Teams locale, `directory.ts`; Swedish when neither says). User-written
 * text (committee names, audit titles, e-mails) is escaped for markdown here, since Teams renders message text as
 * markdown (reliability.md, "Markdown").
 */
import { daysBetween } from '../domain/dates';
import type { CivilDate } from '../domain/types';
import { escapeMarkdown } from '../teams/markdown';
import { texts, type Locale } from '../texts';

/** What a reminder about an action says, given its stage and the day it is sent. */
export interface ActionReminderText {
  ref: string;
  stage: string;
  due: CivilDate | null;
  today: CivilDate;
}

/** The line above an owner's reminder card. */
export function ownerReminderText(input: ActionReminderText, locale: Locale = 'sv'): string {
  return texts(locale).reminders.owner({
    ref: input.ref,
    due: input.due,
    daysLeft: input.due === null ? 0 : daysBetween(input.today, input.due),
    afterSnooze: input.stage === 'after-snooze',
  });
}

/** The line above an escalation card to the chair and the admins. */
export function escalationText(
  input: {
    ref: string;
    due: CivilDate;
    today: CivilDate;
    committee: string;
    owner: string | null;
  },
  locale: Locale = 'sv',
): string {
  return texts(locale).reminders.escalation({
    ref: input.ref,
    due: input.due,
    daysLeft: daysBetween(input.today, input.due),
    committee: escapeMarkdown(input.committee),
    owner: input.owner === null ? null : escapeMarkdown(input.owner),
  });
}

/** The reminder to a coordinator that the committee's response to an audit is due (svar senast). */
export function responseDueText(
  input: { committee: string; title: string; due: CivilDate; today: CivilDate },
  locale: Locale = 'sv',
): string {
  return texts(locale).reminders.responseDue(auditReminder(input));
}

/** The reminder to the admins that the board expects feedback on an audit (återrapportering). */
export function boardFeedbackText(
  input: { committee: string; title: string; due: CivilDate; today: CivilDate },
  locale: Locale = 'sv',
): string {
  return texts(locale).reminders.boardFeedback(auditReminder(input));
}

function auditReminder(input: { committee: string; title: string; due: CivilDate; today: CivilDate }): {
  committee: string;
  title: string;
  due: string;
  daysLeft: number;
} {
  return {
    committee: escapeMarkdown(input.committee),
    title: escapeMarkdown(input.title),
    due: input.due,
    daysLeft: daysBetween(input.today, input.due),
  };
}
