import type { DomainErrorCode } from './errors';
import type { Role } from './roles';
import type { Status, Verdict } from './types';

/**
 * What rule was broken, with the values a message needs: the data behind a {@link DomainError}. The domain says
 * what went wrong; the sentences are in the text catalogue (`src/texts`, `problem`), in Swedish and English. Parameters named `ref` hold a formatted reference such as `A-17`; values are as given, unescaped.
 */
export type DomainProblem =
  // Dates and references
  | { kind: 'notADate'; text: string }
  | { kind: 'dateNotInCalendar'; date: string }
  | { kind: 'notACalendarDate'; date: string }
  | { kind: 'unknownTimeZone'; timeZone: string }
  | { kind: 'invalidLocalTime'; date: string; time: string; timeZone: string }
  | { kind: 'noWorkingDay'; date: string }
  | { kind: 'notAReference'; text: string }
  | { kind: 'notARecommendationReference'; text: string }
  // Changes of an action
  | { kind: 'sameStatus'; ref: string; status: Status }
  | { kind: 'cancelNeedsReason'; ref: string }
  | { kind: 'reopenNeedsReason'; ref: string; status: Status }
  | { kind: 'closedNoNewDate'; ref: string; status: Status }
  | { kind: 'sameDeadline'; ref: string; date: string }
  /** `today` is the municipality's date when the change was asked for. */
  | { kind: 'deadlineInPast'; ref: string; date: string; today: string }
  | { kind: 'emptyActionText' }
  | { kind: 'actionTextTooLong'; length: number; max: number }
  | { kind: 'commentTooLong'; length: number; max: number }
  | { kind: 'emptyNote'; ref: string }
  // Evidence (underlag) and verdicts (`given` is the offending value, clipped)
  | { kind: 'evidenceNotAUrl'; given: string }
  | { kind: 'evidenceNotHttps'; scheme: string }
  | { kind: 'evidenceWithCredentials' }
  | { kind: 'evidenceUrlTooLong'; length: number; max: number }
  | { kind: 'evidenceBadFile'; field: string }
  | { kind: 'tooMuchEvidence'; ref: string; max: number }
  | { kind: 'unknownEvidence'; ref: string; item: number }
  | { kind: 'unknownVerdict'; given: string; verdicts: readonly Verdict[] }
  | { kind: 'recommendationRefTaken'; ref: string; text: string }
  /** `names`: the links and file names (as kept) already attached to the action. */
  | { kind: 'evidenceAlreadyAttached'; ref: string; names: readonly string[] }
  /** Several items at once that would take the action past `max`: it has `live`, the message brought `adding`. */
  | { kind: 'tooMuchEvidenceAtOnce'; ref: string; max: number; live: number; adding: number }
  // Pausing reminders
  | { kind: 'snoozeNotAfterToday'; ref: string; today: string }
  | { kind: 'snoozeTooLong'; ref: string; until: string; days: number }
  | { kind: 'reasonTooLong'; length: number; max: number }
  | { kind: 'closedNoSnooze'; ref: string; status: Status }
  // The reminder policy (`field` is a dotted path, '' for the policy as a whole)
  | { kind: 'invalidPolicy'; issues: readonly { field: string; message: string }[] }
  | { kind: 'storedPolicyInvalid'; problem: DomainProblem }
  | { kind: 'storedPolicyNotObject' }
  // Stored settings, roles and conversations (`given` is the offending value as JSON)
  | { kind: 'settingNotJson'; key: string }
  | { kind: 'settingWithoutJson'; key: string }
  | { kind: 'unknownRole'; given: string; roles: readonly string[] }
  | { kind: 'coordinatorNeedsCommittee' }
  | { kind: 'roleHasNoCommittee'; role: Role }
  /** Taking back a role the person does not hold (for that committee). */
  | { kind: 'roleNotHeld'; principal: string; role: Role; committee: string | null }
  | { kind: 'badPrincipal'; given: string }
  | { kind: 'principalTooLong'; length: number; max: number }
  | { kind: 'committeeTooLong'; length: number; max: number }
  /** `known`: every committee the tenant's audits name; a message shows the first few. */
  | { kind: 'unknownCommittee'; given: string; known: readonly string[] }
  | { kind: 'noConversationId' }
  | { kind: 'foreignConversation'; conversationId: string }
  | { kind: 'unknownConversationType'; given: string; types: readonly string[] }
  | { kind: 'badServiceUrl'; given: string }
  // Card presses
  | { kind: 'badCardData'; field: string };

/** Every kind of {@link DomainProblem}. */
export type DomainProblemKind = DomainProblem['kind'];

/** The code (the broken rule's category) of each kind of problem. */
export const PROBLEM_CODES: Readonly<Record<DomainProblemKind, DomainErrorCode>> = {
  notADate: 'InvalidDate',
  dateNotInCalendar: 'InvalidDate',
  notACalendarDate: 'InvalidDate',
  unknownTimeZone: 'InvalidValue',
  invalidLocalTime: 'InvalidValue',
  noWorkingDay: 'InvalidValue',
  notAReference: 'InvalidReference',
  notARecommendationReference: 'InvalidReference',
  sameStatus: 'InvalidStatusChange',
  cancelNeedsReason: 'ReasonRequired',
  reopenNeedsReason: 'ReasonRequired',
  closedNoNewDate: 'InvalidStatusChange',
  sameDeadline: 'InvalidStatusChange',
  deadlineInPast: 'InvalidDate',
  emptyActionText: 'InvalidValue',
  actionTextTooLong: 'InvalidValue',
  commentTooLong: 'InvalidValue',
  emptyNote: 'InvalidValue',
  evidenceNotAUrl: 'InvalidValue',
  evidenceNotHttps: 'InvalidValue',
  evidenceWithCredentials: 'InvalidValue',
  evidenceUrlTooLong: 'InvalidValue',
  evidenceBadFile: 'InvalidValue',
  tooMuchEvidence: 'InvalidValue',
  unknownEvidence: 'UnknownReference',
  unknownVerdict: 'InvalidValue',
  recommendationRefTaken: 'InvalidValue',
  evidenceAlreadyAttached: 'InvalidValue',
  tooMuchEvidenceAtOnce: 'InvalidValue',
  snoozeNotAfterToday: 'InvalidValue',
  snoozeTooLong: 'InvalidValue',
  reasonTooLong: 'InvalidValue',
  closedNoSnooze: 'InvalidStatusChange',
  invalidPolicy: 'InvalidValue',
  storedPolicyInvalid: 'InvalidValue',
  storedPolicyNotObject: 'InvalidValue',
  settingNotJson: 'InvalidValue',
  settingWithoutJson: 'InvalidValue',
  unknownRole: 'InvalidValue',
  coordinatorNeedsCommittee: 'InvalidValue',
  roleHasNoCommittee: 'InvalidValue',
  roleNotHeld: 'InvalidValue',
  badPrincipal: 'InvalidValue',
  principalTooLong: 'InvalidValue',
  committeeTooLong: 'InvalidValue',
  unknownCommittee: 'InvalidValue',
  noConversationId: 'InvalidValue',
  foreignConversation: 'InvalidValue',
  unknownConversationType: 'InvalidValue',
  badServiceUrl: 'InvalidValue',
  badCardData: 'InvalidValue',
};
