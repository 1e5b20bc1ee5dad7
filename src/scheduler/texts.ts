/**
 * The words of reminders, in Swedish: the municipality's language (a proactive message has no user turn to take the
 * language from). User-written text (committee names, audit titles, e-mails) is escaped for markdown here, since
 * Teams renders message text as markdown (reliability.md, "Markdown").
 */
import { daysBetween } from '../domain/dates';
import type { CivilDate } from '../domain/types';
import { escapeMarkdown } from '../teams/markdown';

/** What a reminder about an action says, given its stage and the day it is sent. */
export interface ActionReminderText {
  ref: string;
  stage: string;
  due: CivilDate | null;
  today: CivilDate;
}

/** The line above an owner's reminder card. */
export function ownerReminderText(input: ActionReminderText): string {
  const { ref, due, today } = input;
  const pause = `Svara med knapparna på kortet, eller skriv "pausa ${ref} till ÅÅÅÅ-MM-DD" för att pausa påminnelserna.`;
  if (due === null) {
    return (
      `Påminnelse: ${ref} saknar slutdatum. Sätt ett datum med knappen Nytt datum på kortet, eller skriv ` +
      `"${ref} nytt datum ÅÅÅÅ-MM-DD".`
    );
  }
  const ended = input.stage === 'after-snooze' ? `Pausen för ${ref} är slut. ` : '';
  return `${ended}Påminnelse: ${ref} ${dueSentence(due, today)} ${pause}`;
}

/** The line above an escalation card to the chair and the admins. */
export function escalationText(input: {
  ref: string;
  due: CivilDate;
  today: CivilDate;
  committee: string;
  owner: string | null;
  reminders: number;
}): string {
  const owner = input.owner === null ? 'ingen ansvarig angiven' : `ansvarig ${escapeMarkdown(input.owner)}`;
  return (
    `Eskalering: ${input.ref} (${escapeMarkdown(input.committee)}, ${owner}) ${dueSentence(input.due, input.today)} ` +
    `Ansvarig har påmints ${input.reminders} gånger efter slutdatumet utan att åtgärden blivit klar.`
  );
}

/** The reminder to a coordinator that the committee's response to an audit is due (svar senast). */
export function responseDueText(input: {
  committee: string;
  title: string;
  due: CivilDate;
  today: CivilDate;
}): string {
  return (
    `Påminnelse: ${escapeMarkdown(input.committee)} ska svara på granskningen "${escapeMarkdown(input.title)}" ` +
    `senast ${input.due}${whenSuffix(input.due, input.today)}.`
  );
}

/** The reminder to the admins that the board expects feedback on an audit (återrapportering). */
export function boardFeedbackText(input: {
  committee: string;
  title: string;
  due: CivilDate;
  today: CivilDate;
}): string {
  return (
    `Påminnelse: ${escapeMarkdown(input.committee)} ska återrapportera till kommunstyrelsen om granskningen ` +
    `"${escapeMarkdown(input.title)}" senast ${input.due}${whenSuffix(input.due, input.today)}.`
  );
}

/** "ska vara klar 2026-03-31, om 14 dagar." or "är försenad: slutdatumet 2026-03-31 passerades för 8 dagar sedan." */
function dueSentence(due: CivilDate, today: CivilDate): string {
  const left = daysBetween(today, due);
  if (left > 1) return `ska vara klar ${due}, om ${left} dagar.`;
  if (left === 1) return `ska vara klar i morgon, ${due}.`;
  if (left === 0) return `ska vara klar i dag, ${due}.`;
  const late = -left;
  return `är försenad: slutdatumet ${due} passerades för ${late === 1 ? '1 dag' : `${late} dagar`} sedan.`;
}

function whenSuffix(due: CivilDate, today: CivilDate): string {
  const left = daysBetween(today, due);
  if (left > 1) return ` (om ${left} dagar)`;
  if (left === 1) return ' (i morgon)';
  if (left === 0) return ' (i dag)';
  return ` (${-left === 1 ? '1 dag' : `${-left} dagar`} sedan)`;
}
