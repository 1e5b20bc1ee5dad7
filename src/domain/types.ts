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

/**
 * What changed in one history event. `note` is a progress comment that leaves the status as it is; `evidence`
 * attaches an item of evidence (underlag), `evidenceRemoved` takes one back (the item stays in the history).
 */
export type HistoryKind = 'created' | 'status' | 'deadline' | 'note' | 'evidence' | 'evidenceRemoved';

/** Every {@link HistoryKind}, for checking stored values. */
export const HISTORY_KINDS: readonly HistoryKind[] = [
  'created',
  'status',
  'deadline',
  'note',
  'evidence',
  'evidenceRemoved',
];

/**
 * Evidence (underlag) behind an action: an https link, or a reference to a file shared in Teams. A file stays in
 * the sender's OneDrive; only the reference is kept.
 */
export type Evidence =
  | { kind: 'link'; url: string; description: string | null }
  | { kind: 'file'; name: string; contentUrl: string; uniqueId: string; description: string | null };

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
  /** The comment or reason given; for `note`, the note itself. */
  comment: string | null;
  /** For `evidence`: the item attached; for `evidenceRemoved`: the item taken back. */
  evidence?: Evidence | null;
  /** For `evidenceRemoved`: the seq of the `evidence` event it takes back. */
  removes?: number | null;
}

/** The auditors' judgement of a recommendation in a follow-up review (uppföljande granskning). */
export const VERDICTS = ['Åtgärdad', 'Delvis åtgärdad', 'Ej åtgärdad', 'Inte längre aktuell'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * A stored recommendation with its tenant-wide reference `R-<ref>`: what the auditors' verdicts are recorded on.
 * The recommendation's content is the audit's {@link Recommendation}; `recommendationId` is that one's id.
 */
export interface TrackedRecommendation {
  /** The number of the short reference `R-<ref>`, unique per tenant. */
  ref: number;
  auditId: string;
  /** The id within its audit (`R1`, `R2`, ...), which actions name. */
  recommendationId: string;
  text: string;
  committees: string[];
  /** Sequence number of the last verdict event, 0 before any: the version a card was rendered from. */
  version: number;
  /** The latest verdict (by its date, then order of recording), or null before any. */
  latestVerdict: Verdict | null;
  /** The day of the latest verdict, or null. */
  latestVerdictDate: CivilDate | null;
}

/** One append-only entry of a recommendation's verdict history. The first has seq 1. */
export interface VerdictEvent {
  /** The recommendation's reference number. */
  ref: number;
  seq: number;
  verdict: Verdict;
  /** The day of the judgement, as the auditors date it. */
  date: CivilDate;
  /**
   * ISO instant the verdict stands for, compared with the actions' changes: when it was recorded, or for one
   * carried over by an import, the start (UTC) of its date.
   */
  at: string;
  /** Who judged: an Entra object id, or the e-mail an import names. */
  by: string;
  comment: string | null;
}
