/** The statuses a person can set. "Försenad" is never stored: it is derived (see {@link displayStatus}). */
export const STATUSES = ['Planerad', 'Pågår', 'Genomförd', 'Avbruten'] as const;
export type Status = (typeof STATUSES)[number];

/** What a user sees: a stored status, or Försenad when an unfinished action is past its due date. */
export type DisplayStatus = Status | 'Försenad';

/** Statuses that end the work; an action in one of them is closed and never overdue. */
export const CLOSED_STATUSES: readonly Status[] = ['Genomförd', 'Avbruten'];

/** A civil date in the municipality's time zone, `YYYY-MM-DD`. */
export type CivilDate = string;

/** A deadline as the document said it and the last day it allows. */
export interface Deadline {
  /** The last day the phrase allows, or null when it gives no date (a person must set one). */
  date: CivilDate | null;
  /** The words used, e.g. "under hösten 2021"; for an exact date, the date as written. */
  phrase: string;
}

/** A committee's response to an audit: when the auditors expect it (svar senast). */
export interface CommitteeDate {
  committee: string;
  due: CivilDate;
}

/** A recommendation of an audit, addressed to one or more committees. */
export interface Recommendation {
  /** Stable within its audit: `R1`, `R2`, ... in document order. */
  id: string;
  text: string;
  committees: string[];
}

/** An audit report (granskning) with its recommendations. */
export interface Audit {
  id: string;
  title: string;
  auditor: string;
  reportDate: CivilDate;
  diaryNumber: string | null;
  committees: string[];
  /** Per committee: when the auditors expect the answer. */
  responseDue: CommitteeDate[];
  /** Per committee: when the board expects feedback (återrapportering). */
  boardFeedback: CommitteeDate[];
  recommendations: Recommendation[];
}

/** A planned action (åtgärd) a committee committed to. */
export interface Action {
  /** The number of the short reference `A-<ref>`, unique per tenant. */
  ref: number;
  auditId: string;
  recommendationId: string;
  text: string;
  committee: string;
  /** The owner's e-mail (UPN), or null when the document named only a role. */
  ownerEmail: string | null;
  /** The current deadline. */
  deadline: Deadline;
  /** The deadline first committed to; never changes. */
  originalDeadline: Deadline;
  status: Status;
  /** Why the action was cancelled, when status is Avbruten. */
  cancelReason: string | null;
  /** The latest comment given with a change. */
  lastComment: string | null;
  /** How many times the deadline has been moved. */
  deadlineChanges: number;
  /** Sequence number of the last history event: the version a card was rendered from. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What a list shows of an action: enough to group, filter and show a line, without the rest of the record. */
export type ActionSummary = Pick<Action, 'ref' | 'text' | 'committee' | 'ownerEmail' | 'deadline' | 'status'>;

/** What changed in one history event. */
export type HistoryKind = 'created' | 'status' | 'deadline';

/** One append-only entry of an action's history. The first has seq 1 and kind `created`. */
export interface HistoryEvent {
  ref: number;
  seq: number;
  kind: HistoryKind;
  /** ISO instant of the change. */
  at: string;
  /** Who made it: an Entra object id, or `import:<file>`, `cli`, `system`. */
  by: string;
  /** Old and new value: statuses for `status`, civil dates (or null) for `deadline`. */
  from: string | null;
  to: string | null;
  /** For `deadline`: the phrase of the new deadline. */
  phrase?: string | null;
  /** The comment or reason given. */
  comment: string | null;
}
