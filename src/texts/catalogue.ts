/**
 * The shape of the bot's words in one language. Swedish (`sv.ts`) and English (`en.ts`) are each one value of this
 * type, so a text missing in either language fails the build.
 *
 * Texts with values are functions; values go in only through their parameters. **Callers escape user-written text**
 * (comments, action texts, e-mail addresses, committee names, a domain problem's values) with `escapeMarkdown`
 * before passing it: Teams renders these texts as markdown, and `[Godkänt](https://evil)` must show as text.
 * References (`A-17`), checked dates (`2026-03-31`), counts and status words are safe as they are. Commands are
 * shown in `backticks` so that they stand out and can be copied.
 *
 * This folder is words only: it imports nothing at run time from the rest of `src/` (types only), so every layer,
 * the domain included, may use it.
 */
import type { InvalidProblem } from '../bot/intents';
import type { DomainProblem } from '../domain/problems';
import type { GraphRefusalCode } from '../domain/reach';
import type { Role } from '../domain/roles';
import type { DownloadRefusal } from '../importing/fileDownload';
import type { DisplayStatus, Verdict } from '../domain/types';

/** Every text of one language. */
export interface Catalogue {
  /** The status words users see (docs/commands.md): Planerad, Pågår, Genomförd, Försenad, Avbruten. */
  status: Record<DisplayStatus, string>;
  /** Role names as a sentence uses them ("har nu rollen samordnare"). */
  roles: Record<Role, string>;
  /** The auditors' verdicts as users read them (Åtgärdad …; Implemented …). */
  verdicts: Record<Verdict, string>;
  /** Chat answers. */
  chat: ChatTexts;
  /** Each chat command's line in `hjälp` and on the welcome card, and its entry in Teams' command menu. */
  commands: CommandTexts;
  /** The frame around the command lines of `hjälp`. */
  help: HelpTexts;
  /** Titles and lines the list and history handlers put on cards. */
  lists: ListTexts;
  /** Words of the Adaptive Cards. */
  cards: CardTexts;
  /** Words of the import draft card and the card that says what was saved. */
  drafts: DraftTexts;
  /**
   * A broken domain rule as a sentence that says what was wrong and, where there is one, what to do. The Swedish one
   * is also what the command line prints, so it names the command line's flags (`--committee`).
   */
  problem(problem: DomainProblem): string;
  /** A broken domain rule as chat says it: as {@link problem}, but with chat's own syntax where the two differ. */
  chatProblem(problem: DomainProblem): string;
  /** Proactive messages: reminders and escalations. */
  reminders: ReminderTexts;
  /** The weekly digest posted in a channel. */
  digest: DigestTexts;
  /** A reminder that lists several items in one message (one message per person per pass). */
  reminderBatch: ReminderBatchTexts;
  /** Owners the bot cannot reach: `oåtkomliga`, the digest's section, `cli remind`. */
  reach: ReachTexts;
  /** The auditors' follow-up in chat: notes, evidence, recommendations, verdicts and files. */
  followUp: FollowUpTexts;
  /** `utkorg`: proactive messages whose delivery is uncertain, settled by an admin on a card. */
  outbox: OutboxTexts;
}

/** Chat answers. Parameters named `ref` take a formatted reference such as `A-17`. */
export interface ChatTexts {
  /** A message the bot could not place; names the reference it saw, if any, and what to write instead. */
  unknown(mentionedRef: string | null): string;
  /**
   * A command with a wrong argument; `detail` is the offending text (escaped by the caller), `maxLength` the
   * longest message the bot reads.
   */
  invalid(problem: InvalidProblem, detail: string, ref: string | null, maxLength: number): string;
  /** The caller has no open actions. */
  noActions(): string;
  /** A status change was saved; `statusLabel` is a word of {@link Catalogue.status}. */
  saved(ref: string, statusLabel: string): string;
  /** A new due date was saved. */
  dateChanged(ref: string, date: string): string;
  /** No action has this reference. */
  notFound(ref: string): string;
  /** What the turn needed was not in storage (removed meanwhile): nothing was changed. */
  gone(): string;
  /** A message naming several actions (`refs`, formatted): the bot takes one at a time and changes nothing. */
  severalActions(refs: readonly string[]): string;
  /** The answer to "tack", "thanks". */
  thanks(): string;
  /** The caller may not see or change the action. */
  notAllowed(ref: string): string;
  /** A card was answered after someone else changed the action; the current card follows. */
  staleCard(ref: string): string;
  /** Two changes at once: this one was not saved; the current card follows. */
  conflict(ref: string): string;
  /** The question on a confirmation card for a free sentence ("inventeringen är klar"). */
  confirmMatch(ref: string, text: string, statusLabel: string): string;
  /** No open action of the caller's matched a free sentence. */
  noMatch(): string;
  /** The answer to Nej on a confirmation card. */
  nothingChanged(): string;
  /** A card button whose verb the bot does not know (a card from an older version, or a forged one). */
  unknownButton(): string;
  /** A card button that opened something in a new message. */
  shown(ref: string): string;
  /** Storage cannot be reached: nothing was saved. */
  storageDown(): string;
  /** Storage did not answer in time: a change sent to it may or may not have been saved. */
  storageTimeout(): string;
  /** Any other error: an apology, never a stack trace. */
  unexpected(): string;
  /** A card press Teams delivered again after it was already handled. */
  alreadyHandled(): string;
  /** The activity came from a tenant that is not allowed. */
  tenantNotAllowed(): string;
  /** The activity names no Entra user, so nothing can be shown or changed. */
  unknownUser(): string;
  /** Greeting after installation in a personal chat. */
  welcomePersonal(): string;
  /** Greeting after installation in a team. */
  welcomeTeam(): string;
  /** `digest här` was saved. */
  digestChannelSet(): string;
  /** `digest här` outside a team channel. */
  digestOnlyInChannel(): string;
  /** A role was granted. */
  roleAdded(principal: string, role: Role, committee: string | null): string;
  /** A role was taken back. */
  roleRemoved(principal: string, role: Role, committee: string | null): string;
  /** Only an admin may do this. */
  onlyAdmin(): string;
  /** The caller may read at most (guests, external users, officials asking for board views). */
  readOnly(): string;
  /** Reminders for an action are paused until a date. */
  snoozed(ref: string, until: string): string;
  /** A list was cut to fit one Teams message. */
  trimmed(shown: number, total: number): string;
  /** A file was sent, but only admins and coordinators may import. */
  importNotAllowed(): string;
  /**
   * Spara by a coordinator on a draft that touches committees they do not coordinate; `committees` (escaped by the
   * caller) names those, `own` the caller's.
   */
  importOtherCommittee(committees: string, own: string): string;
  /** The file's address is not one the bot fetches from; `host` escaped by the caller. Nothing was fetched. */
  importAddressRefused(fileName: string, host: string, reason: DownloadRefusal): string;
  /** Reading the document took too long, needed too much memory, or it unpacks too far (a zip bomb). */
  importTooComplex(fileName: string): string;
  /** A file of a kind the importer does not read; `fileName` escaped by the caller. */
  importBadFile(fileName: string): string;
  /** The file could not be downloaded (refused address, network, timeout). */
  importDownloadFailed(fileName: string): string;
  /** The file is bigger than the importer reads; `maxMegabytes` is the limit. */
  importTooLarge(fileName: string, maxMegabytes: number): string;
  /** No draft could be made (no recognisable action, unreadable file); `detail` is the importer's reason, escaped. */
  importNoDraft(detail: string): string;
  /** The draft is too big to show and confirm in a card. */
  importDraftTooLarge(): string;
  /** Spara on a draft that does not validate (an edited field, or forged data); `detail` escaped. */
  importInvalid(detail: string): string;
  /** Avbryt on a draft card. */
  importCancelled(): string;
}

/** How one command is shown to users. */
export interface CommandText {
  /** The command as written, with placeholders in brackets: `A-17 klar [kommentar]`. */
  usage: string;
  /** What it does, after the usage in `hjälp` and on the welcome card; starts in lower case. */
  description: string;
  /**
   * Its entry in Teams' command menu: the title goes into the compose box when chosen (at most 32 characters), the
   * description is shown beside it (at most 128). Absent for a command the menu leaves out.
   */
  menu?: { title: string; description: string };
}

/** The chat commands users may write; the keys are those of the command table (`src/bot/commands.ts`). */
export interface CommandTexts {
  role: CommandText;
  snooze: CommandText;
  newDate: CommandText;
  done: CommandText;
  inProgress: CommandText;
  show: CommandText;
  digestHere: CommandText;
  overdue: CommandText;
  myActions: CommandText;
  summary: CommandText;
  help: CommandText;
  unreachable: CommandText;
  note: CommandText;
  evidence: CommandText;
  showRecommendation: CommandText;
  verdict: CommandText;
  toReview: CommandText;
  outbox: CommandText;
  boardReportFile: CommandText;
  reviewPackFile: CommandText;
}

/** The frame of `hjälp`. */
export interface HelpTexts {
  heading: string;
  /** Said after a command only a team channel takes. */
  teamOnly: string;
  /** Said after a command only admins may use. */
  adminOnly: string;
  /** Said after a command only auditors may use. */
  auditorOnly: string;
  /** Said after a command for auditors, the chair and admins. */
  reviewersOnly: string;
  /** Said after a command for the chair and admins. */
  boardOnly: string;
  /** Said after a command for admins, and for coordinators about their own committees. */
  coordinatorsOnly: string;
  /** After the list: references, free phrasing, dates, the other language. */
  footer: string;
}

/** Titles and lines the list and history handlers put on cards. */
export interface ListTexts {
  myActionsTitle: string;
  overdueTitle(count: number): string;
  nothingOverdue: string;
  /** Who made a change that no person made. */
  byCommandLine: string;
  byBot: string;
  /** History events. */
  created: string;
  statusChange: string;
  dateChange: string;
  note: string;
  evidenceAdded: string;
  evidenceRemoved: string;
}

/** Words and phrases the cards show. Strings go to the templates as `labels`; functions count. */
export interface CardTexts {
  action: {
    audit: string;
    recommendation: string;
    action: string;
    committee: string;
    owner: string;
    due: string;
    original: string;
    lastComment: string;
    commentPlaceholder: string;
    newDate: string;
    newDateLabel: string;
    reasonLabel: string;
    reasonPlaceholder: string;
    newDateMissing: string;
    reasonMissing: string;
    saveDate: string;
    addEvidence: string;
    evidenceUrlLabel: string;
    evidenceUrlPlaceholder: string;
    evidenceUrlMissing: string;
    evidenceDescriptionLabel: string;
    evidenceDescriptionPlaceholder: string;
    saveEvidence: string;
    history: string;
  };
  list: { show: string };
  summary: {
    title: string;
    asOf: string;
    committee: string;
    total: string;
    shareDone: string;
    allCommittees: string;
    noRows: string;
  };
  history: { title: string; originalDue: string; currentDue: string; noEvents: string };
  confirm: { newStatus: string; comment: string; yes: string; no: string };
  welcome: {
    title: string;
    intro: string;
    commandsHeading: string;
    referenceHint: string;
    cardsHint: string;
    teamHint: string;
  };
  noOwner: string;
  dateMissing: string;
  noDate: string;
  days(count: number): string;
  moved(count: number): string;
  more(count: number): string;
  moreRows(count: number): string;
  earlierEvents(count: number): string;
}

/** Words of the draft and imported cards; strings go to the templates as `labels`. */
export interface DraftTexts {
  draft: {
    heading: string;
    title: string;
    diaryNumber: string;
    auditor: string;
    reportDate: string;
    datePlaceholder: string;
    committees: string;
    required: string;
    warnings: string;
    save: string;
    cancel: string;
  };
  imported: { heading: string };
  intro(fileName: string): string;
  counts(recommendations: number, actions: number): string;
  /** An action's confidence: its level in words and the percentage; a low one asks to be checked. */
  confidence(percent: string, level: 'high' | 'medium' | 'low'): string;
  created(count: number): string;
  nothingNew: string;
  existing(count: number): string;
  moreWarnings(count: number): string;
}

/** Proactive texts about one action. `daysLeft` is negative once the due date has passed. */
export interface ReminderTexts {
  /** The line above an owner's reminder card; `due` null: the action has no due date. */
  owner(input: { ref: string; due: string | null; daysLeft: number; afterSnooze: boolean }): string;
  /**
   * The line above an escalation card to the chair and the admins; `owner` escaped, null when none is set. It says
   * nothing of how often the owner was reminded: a pause or an owner the bot cannot reach means fewer reminders than
   * the policy's count, or none.
   */
  escalation(input: {
    ref: string;
    due: string;
    daysLeft: number;
    committee: string;
    owner: string | null;
  }): string;
  /** The reminder to a coordinator that the committee's response to an audit is due; values escaped. */
  responseDue(input: { committee: string; title: string; due: string; daysLeft: number }): string;
  /** The reminder to the admins that the board expects feedback on an audit; values escaped. */
  boardFeedback(input: { committee: string; title: string; due: string; daysLeft: number }): string;
}

/** The weekly digest's headings and fixed phrases. */
export interface DigestTexts {
  heading(week: number, from: string, to: string): string;
  /** The notification preview of the digest message. */
  summary: string;
  noOwner: string;
  moreLines(count: number): string;
  newActions: string;
  noNewActions: string;
  done: string;
  noneDone: string;
  dueWithin(days: number): string;
  noneDueSoon: string;
  overdueByCommittee: string;
  noneOverdue: string;
  overdueLine(due: string, days: number): string;
  dueOn(due: string): string;
  deadlineChanges: string;
  noDate: string;
  noDeadlineChanges: string;
  /** The week's progress notes (`A-17 kommentar …`), the latest per action. */
  notes: string;
  noNotes: string;
  /** Recommendations waiting for the auditors, when the tenant has auditors. */
  toReview: string;
  noneToReview: string;
  unreachable: string;
  deliveryUncertain: string;
  deliveryFailed: string;
  /**
   * Why, in parentheses after the line, or null for nothing: `reason` is the scheduler's Swedish sentence, `code`
   * the connector's status and code, `interrupted` whether the send was cut off before any answer came.
   */
  deliveryCause(input: { code: string | null; interrupted: boolean; reason: string | null }): string | null;
  allDelivered: string;
}

/** A reminder that lists several items in one message. `daysLeft` is negative once the due date has passed. */
export interface ReminderBatchTexts {
  /**
   * The line above the card: how many items, how many about overdue actions, an example reference to open (null
   * when no item is an action), and which part this is when the items needed more than one card.
   */
  summary(input: {
    count: number;
    overdue: number;
    exampleRef: string | null;
    page: number;
    pages: number;
  }): string;
  /** The card's title on the day of the pass. */
  title(today: string): string;
  /** "Del 2 av 3" on a card that is one of several. */
  page(page: number, pages: number): string;
  /** Section headings: the reader's own actions, actions escalated to them, committees' dates. */
  own: string;
  escalated: string;
  committeeDates: string;
  /** What is said of one of the reader's own actions, after its status and date ('' when they say it all). */
  ownNote(input: { due: string | null; daysLeft: number; afterSnooze: boolean }): string;
  /** What is said of an escalated action; `committee` and `owner` escaped. */
  escalatedNote(input: { committee: string; owner: string | null }): string;
  /** A committee's response date for an audit; `committee` escaped. */
  responseDueNote(input: { committee: string; due: string; daysLeft: number }): string;
  /** A committee's date for feedback to the board on an audit; `committee` escaped. */
  boardFeedbackNote(input: { committee: string; due: string; daysLeft: number }): string;
}

/** Owners of open actions the bot cannot reach, and why; e-mails escaped by the caller. */
export interface ReachTexts {
  title: string;
  /** Nobody is unreachable. */
  none: string;
  /** How many owners, with how many open actions. */
  count(owners: number, actions: number): string;
  /** One owner and their actions (`A-3, A-7`), with why. */
  owner(input: { owner: string; refs: string; why: string }): string;
  /** No Teams user the bot has met has this e-mail. */
  noTeamsUser: string;
  /**
   * Microsoft Graph refused to install the app for them: the bot lacks a permission (`GraphForbidden`, with what the
   * admin grants) or no user has the e-mail (`GraphUserNotFound`).
   */
  graphRefused(code: GraphRefusalCode): string;
  /** The person's chat with the bot stopped working on a day; `code` is the connector's, e.g. `403 …`. */
  chatInactive(since: string, code: string | null): string;
  /** What to do about it. */
  whatToDo: string;
  /** `oåtkomliga` from someone who is neither admin nor coordinator. */
  notAllowed: string;
}

/** The auditors' follow-up in chat. Parameters named `ref` take `A-17` or `R-3`; user text is escaped by callers. */
export interface FollowUpTexts {
  /** A note was saved; the status is unchanged. */
  noteSaved(ref: string): string;
  /** Evidence was attached; `what` is the link or file name, escaped as inline code by the caller. */
  evidenceSaved(ref: string, what: string): string;
  /** `A-17 underlag` with neither a link nor a file. */
  evidenceMissing(ref: string): string;
  /** Spara underlag on an action card with the link field left empty. */
  evidenceLinkMissing(ref: string): string;
  /** Auditors read actions but never change them, notes and evidence included. */
  auditorReadsOnly(ref: string): string;
  /** No recommendation has this reference, or the caller may not see it (answered alike). */
  recommendationNotFound(ref: string): string;
  /** A verdict was recorded; `verdict` is a word of {@link Catalogue.verdicts}. */
  verdictSaved(ref: string, verdict: string): string;
  /** Someone who is not an auditor tried to record a verdict: nothing was stored. */
  onlyAuditors(): string;
  /** A verdict card was pressed after another verdict was recorded; the current card follows. */
  verdictStale(ref: string): string;
  /** Two verdicts at once: this one was not saved. */
  verdictConflict(ref: string): string;
  /** `att granska` by someone who is not an auditor, the chair or an admin. */
  onlyReviewers(): string;
  /** `uppföljning <diarienummer>` by someone who is not an auditor, the chair or an admin. */
  reviewPackNotAllowed(): string;
  /** The heading of `att granska`. */
  toReviewHeading(count: number): string;
  /** Nothing waits for review. */
  toReviewNone(): string;
  /** Why one waits: every action is closed and there is no verdict since. */
  toReviewReady(): string;
  /** Why one waits: an action changed after its latest verdict; `verdict` a word of {@link Catalogue.verdicts}. */
  toReviewChanged(verdict: string, date: string): string;
  /** After the list: how many more there are, and how to open one. */
  toReviewMore(count: number): string;
  toReviewHint(ref: string): string;
  /** `rapport` by someone who is not the chair or an admin. */
  onlyBoard(): string;
  /**
   * `uppföljning <x>` matched no audit by diary number, id or title; `known` lists some audits (each from
   * {@link FollowUpTexts.auditChoice}), `more` how many more there are. The query is escaped by the caller.
   */
  auditNotFound(query: string, known: readonly string[], more: number): string;
  /** Allow on a consent card whose audit is gone since the card was sent (deleted or imported again). */
  fileAuditGone(): string;
  /** The description on the consent card of a review pack; values escaped by the caller. */
  reviewPackDescription(title: string, asOf: string): string;
  /** A file command outside personal chat: files come in personal chat only. */
  filePersonalOnly(): string;
  /** The title of the card that says so. */
  filePersonalTitle: string;
  /** The description on the consent card of the board report. */
  boardReportDescription(asOf: string): string;
  /** The file was declined: nothing was sent, and it can be asked for again. */
  fileDeclined(): string;
  /** The upload failed or took too long: nothing was lost, it can be asked for again. */
  fileUploadFailed(): string;
  /** Words of the recommendation card; strings go to the template as `labels`. */
  recommendationCard: {
    title: string;
    audit: string;
    committees: string;
    latestVerdict: string;
    noVerdict: string;
    actions: string;
    noActions: string;
    evidence: string;
    notes: string;
    verdicts: string;
    noVerdicts: string;
    judge: string;
    commentLabel: string;
    commentPlaceholder: string;
    due: string;
  };
  /** History card lines for evidence: the link or file name (escaped as inline code by the caller). */
  evidenceLine(what: string, description: string | null): string;
  /** Several items of evidence were attached in one change; `names` are escaped by the caller. */
  evidenceSavedMany(ref: string, names: readonly string[]): string;
  /**
   * A command was sent with files that it did not keep (escaped names); `ref` the action it named, or null. Said
   * after the command's own answer, so that a file is never dropped silently.
   */
  filesNotKept(names: readonly string[], ref: string | null): string;
  /** `uppföljning <x>` matched several audits (each from {@link FollowUpTexts.auditChoice}); nothing was sent. */
  auditAmbiguous(query: string, matches: readonly string[]): string;
  /** One audit in a list, with the command that asks for exactly it; the title is escaped by the caller. */
  auditChoice(title: string, diaryNumber: string | null, reportDate: string, id: string): string;
}

/** The outbox card (`utkorg`); values (recipients, reasons) are escaped by the card. */
export interface OutboxTexts {
  /** The card's title, with how many messages wait. */
  title(count: number): string;
  /** Above the rows: what is uncertain and what the buttons do. */
  intro: string;
  /** Nothing is uncertain. */
  empty: string;
  delivered: string;
  resend: string;
  /** After the rows: how many more there are. */
  more(count: number): string;
  /** What kind of message it is. */
  kinds: { reminder: string; escalation: string; responseDue: string; boardFeedback: string; digest: string };
  /** The second line of a row: its short id, when it last changed, and why delivery is uncertain. */
  detail(input: { id: string; when: string; why: string }): string;
  /**
   * Why delivery is uncertain: `code` is the connector's status and code (null when none was recorded),
   * `interrupted` whether the send was cut off before any answer came, `reason` the scheduler's own sentence, in
   * Swedish (an English card says it in its own words instead).
   */
  uncertainBecause(input: { code: string | null; interrupted: boolean; reason: string | null }): string;
  /** Levererat was pressed: recorded as delivered, nothing sent. `what` is the row's first line. */
  settledDelivered(what: string): string;
  /** Skicka igen was pressed: owed again, sent by the next reminder pass if still due. */
  settledResend(what: string): string;
  /** Someone else settled it first; `state` is where it stands now. */
  alreadySettled(what: string, state: 'delivered' | 'resend' | 'other'): string;
  /** The message is no longer in the outbox (removed after its retention). */
  gone(): string;
  /** Skicka igen on a weekly digest, which is not resent from here. */
  digestResend(what: string): string;
}
