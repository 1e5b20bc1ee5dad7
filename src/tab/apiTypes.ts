/**
 * The tab API's JSON, as the server sends it and the page (web/) reads it. Types only: the page's bundle imports
 * this file, so it names nothing from the rest of src/.
 */

/** A status as users see it (Swedish words; the page translates them). */
export type TabStatus = 'Planerad' | 'Pågår' | 'Genomförd' | 'Försenad' | 'Avbruten';

/** Counts per status for one committee, audit or recommendation, or the total: the board summary's numbers. */
export interface TabCounts {
  /** The committee's name (for the total: `Totalt`; for an audit or recommendation its label). */
  committee: string;
  planned: number;
  inProgress: number;
  done: number;
  overdue: number;
  cancelled: number;
  total: number;
  /** Done as a share of all that were not cancelled, 0..1. */
  shareDone: number;
}

/** Who the page is shown to, as far as the page needs to know. */
export interface TabViewer {
  name: string | null;
  /** Which actions the person sees: every one, their committees' (and their own), their own, or none. */
  scope: 'all' | 'committees' | 'own' | 'none';
  /** May download the board report: the chair and admins (chat's `rapport`). */
  mayDownload: boolean;
  /** May download an audit's follow-up review pack: auditors, the chair and admins (chat's `uppföljning`). */
  mayDownloadReviewPack: boolean;
  /** The server runs in local mode and the person is the Agents Playground's demo user. */
  localMode: boolean;
  /** Whether the bot knows the person's e-mail (without it, no action is theirs). */
  knownEmail: boolean;
}

/** An overdue action in the list. */
export interface TabOverdueAction {
  ref: number;
  /** `A-17`. */
  reference: string;
  text: string;
  committee: string;
  /** The owner's e-mail; null when the document named only a role. */
  owner: string | null;
  auditId: string;
  auditTitle: string;
  /** The current due date, `YYYY-MM-DD`. */
  due: string;
  daysOverdue: number;
}

/** An audit in the overview: what it is and its counts. */
export interface TabAuditHeader {
  id: string;
  title: string;
  auditor: string;
  reportDate: string | null;
  diaryNumber: string | null;
  committees: string[];
  counts: TabCounts;
  recommendationCount: number;
}

/** Actions closed and actions that became overdue in one month. */
export interface TabTrendMonth {
  /** `YYYY-MM`. */
  month: string;
  /** Actions set to Genomförd or Avbruten that month. */
  closed: number;
  /** Actions whose due date passed that month while they were still open. */
  becameOverdue: number;
}

/** `GET /tab/api/dashboard`. */
export interface TabDashboard {
  /** The day the numbers are for, `YYYY-MM-DD`. */
  asOf: string;
  viewer: TabViewer;
  /** The bot's app id, for deep links to its chat; null in local mode. */
  botAppId: string | null;
  /** The committees shown, when a channel tab picks some; null: every committee the person may see. */
  selectedCommittees: string[] | null;
  /** Per committee, as the board summary counts them. */
  committees: TabCounts[];
  totals: TabCounts;
  /** Longest overdue first. */
  overdue: TabOverdueAction[];
  audits: TabAuditHeader[];
  /** The last 12 months, oldest first. */
  trend: TabTrendMonth[];
}

/** `GET /tab/api/committees`: what a channel tab's configuration page offers. */
export interface TabCommitteeChoice {
  committees: string[];
}

/** One of the auditors' verdicts on a recommendation. */
export interface TabVerdict {
  /** The verdict in Swedish (the page translates it). */
  verdict: string;
  /** The day of the judgement, `YYYY-MM-DD`. */
  date: string;
  /** Who recorded it: their name or e-mail as the bot knows them, else the e-mail or id stored with it. */
  by: string;
  comment: string | null;
}

/** An item of evidence (underlag) behind an action or recommendation. */
export interface TabEvidence {
  description: string | null;
  /** The https link, when the item is a link (checked when it was attached; the page checks it again). */
  url: string | null;
  /** A file's name, when the item is a file shared in Teams (shown by name: the file stays in its owner's OneDrive). */
  name: string | null;
}

/** An action as the audit view shows it. */
export interface TabAction {
  ref: number;
  reference: string;
  text: string;
  committee: string;
  owner: string | null;
  status: TabStatus;
  /** The current due date, or null when none is set. */
  due: string | null;
  /** The deadline as written, e.g. "under hösten 2021". */
  duePhrase: string;
  daysOverdue: number | null;
  evidence?: TabEvidence[];
}

/** A recommendation with its actions; `ref`, `verdicts` and `evidence` appear once the server has them. */
export interface TabRecommendation {
  id: string;
  /** `R-3`. */
  ref?: string;
  text: string;
  committees: string[];
  counts: TabCounts;
  actions: TabAction[];
  verdicts?: TabVerdict[];
  evidence?: TabEvidence[];
}

/** `GET /tab/api/audits/:id`. */
export interface TabAuditDetail {
  audit: TabAuditHeader;
  recommendations: TabRecommendation[];
}

/** Every error answer. */
export interface TabErrorBody {
  error: string;
}
