/**
 * A broken domain rule in English. The Swedish wording is the domain's own (`describeProblem`, which is also the
 * error's message); this is its English counterpart, sentence for sentence, worded for a chat reader. Like every
 * text of `messages.ts`, it takes values already escaped by the caller.
 */
import type { DomainProblem } from '../domain/problems';
import { VERDICTS } from '../domain/types';
import { VERDICTS_EN } from '../domain/verdicts';
import { statusLabel } from '../texts/locale';

/** The problem as an English sentence that says what was wrong and, where there is one, what to do. */
export function problemInEnglish(problem: DomainProblem): string {
  switch (problem.kind) {
    case 'notADate':
      return `"${problem.text}" is not a date; write it as YYYY-MM-DD, for example 2026-03-31.`;
    case 'dateNotInCalendar':
      return `${problem.date} is not in the calendar. Write a date that exists, as YYYY-MM-DD.`;
    case 'notACalendarDate':
      return `${problem.date} is not a date.`;
    case 'unknownTimeZone':
      return `Unknown time zone: ${problem.timeZone}`;
    case 'invalidLocalTime':
      return `${problem.date} ${problem.time} is not a valid time in ${problem.timeZone}.`;
    case 'noWorkingDay':
      return `There is no working day within a year after ${problem.date}; check the break in the reminder policy.`;
    case 'notAReference':
      return `"${problem.text}" is not an action reference; write one like A-17.`;
    case 'sameStatus':
      return `${problem.ref} is already ${statusLabel(problem.status, 'en')}; nothing was changed.`;
    case 'cancelNeedsReason':
      return `Please give a reason for cancelling ${problem.ref}.`;
    case 'reopenNeedsReason':
      return `${problem.ref} is ${lowerStatus(problem.status)}; please give a reason for reopening it.`;
    case 'closedNoNewDate':
      return `${problem.ref} is ${lowerStatus(problem.status)}; reopen it before you change its date.`;
    case 'sameDeadline':
      return `${problem.ref} already has the due date ${problem.date}.`;
    case 'emptyActionText':
      return "The action's text must not be empty.";
    case 'actionTextTooLong':
      return `The action's text is ${problem.length} characters long; at most ${problem.max} fit.`;
    case 'commentTooLong':
      return `The comment is ${problem.length} characters long; at most ${problem.max} characters fit.`;
    case 'snoozeNotAfterToday':
      return `The pause for ${problem.ref} must last until a date after today (${problem.today}).`;
    case 'snoozeTooLong':
      return `${problem.ref} can be paused for at most a year, and until ${problem.until} is ${problem.days} days. If more time is needed, set a new due date.`;
    case 'reasonTooLong':
      return `The reason is ${problem.length} characters long; at most ${problem.max} fit.`;
    case 'closedNoSnooze':
      return `${problem.ref} is ${lowerStatus(problem.status)}; it has no reminders to pause.`;
    case 'invalidPolicy': {
      // The schema's own issue texts are Swedish: English names only the fields to check.
      const fields = problem.issues.map((issue) => issue.field || 'the policy as a whole');
      return `The reminder policy is not valid; check ${[...new Set(fields)].join(', ')}.`;
    }
    case 'storedPolicyInvalid':
      return `${problemInEnglish(problem.problem)} Run "policy reset" or change the field with "policy set".`;
    case 'storedPolicyNotObject':
      return 'The stored reminder policy is not an object; run "policy reset".';
    case 'settingNotJson':
      return `The setting ${problem.key} cannot be saved as JSON.`;
    case 'settingWithoutJson':
      return `The setting ${problem.key} has no value that can be saved as JSON.`;
    case 'unknownRole':
      return `Unknown role ${problem.given}; choose one of ${problem.roles.join(', ')}.`;
    case 'coordinatorNeedsCommittee':
      return 'A coordinator needs a committee: name it after the role, for example `role add anna.andersson@kommun.se coordinator Social Services Committee`.';
    case 'roleHasNoCommittee':
      return `The role ${problem.role} covers the whole organisation and has no committee: leave the committee out.`;
    case 'badPrincipal':
      return `Give the person as an e-mail address or an Entra object id, not ${problem.given}.`;
    case 'noConversationId':
      return 'The conversation reference has no conversation id.';
    case 'foreignConversation':
      return `The conversation ${problem.conversationId} belongs to another tenant.`;
    case 'unknownConversationType':
      return `Unknown conversation type ${problem.given}; expected one of ${problem.types.join(', ')}.`;
    case 'badServiceUrl':
      return `The serviceUrl must be an absolute http(s) address, not ${problem.given}.`;
    case 'notARecommendationReference':
      return `"${problem.text}" is not a recommendation reference; write one like R-3.`;
    case 'emptyNote':
      return `Write the note for ${problem.ref} after the word note.`;
    case 'evidenceNotAUrl':
      return `"${problem.given}" is not a link; evidence is an https link, for example https://example.org/minutes.pdf.`;
    case 'evidenceNotHttps':
      return `Links with ${problem.scheme} are not accepted as evidence; only https links.`;
    case 'evidenceWithCredentials':
      return 'The link contains a user name or password; remove them before adding it as evidence.';
    case 'evidenceUrlTooLong':
      return `The link is ${problem.length} characters long; at most ${problem.max} fit.`;
    case 'evidenceBadFile':
      return `The file cannot be added as evidence (${problem.field} is missing or not valid).`;
    case 'tooMuchEvidence':
      return `${problem.ref} already has ${problem.max} items of evidence; remove one before adding more.`;
    case 'unknownEvidence':
      return `${problem.ref} has no evidence number ${problem.item}.`;
    case 'unknownVerdict':
      return `Unknown verdict ${problem.given}; choose one of ${problem.verdicts.map(verdictInEnglish).join(', ')}.`;
    case 'recommendationRefTaken':
      return `${problem.ref} already belongs to another recommendation; remove "ref" at "${problem.text}" or choose a free number.`;
    case 'recommendationHasOtherRef':
      return `The recommendation "${problem.text}" already has ${problem.has}, not ${problem.ref}.`;
    case 'badCardData':
      return `The card's data is not valid (${problem.field}). Write \`my actions\` for current cards.`;
  }
}

function verdictInEnglish(name: string): string {
  const verdict = VERDICTS.find((v) => v === name);
  return verdict ? VERDICTS_EN[verdict] : name;
}

function lowerStatus(status: Parameters<typeof statusLabel>[0]): string {
  return statusLabel(status, 'en').toLowerCase();
}
