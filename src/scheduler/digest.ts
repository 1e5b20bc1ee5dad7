/**
 * The weekly digest to the channel an admin chose with `digest här`: what happened in the week and what is coming.
 * {@link buildDigest} and {@link renderDigest} are pure; {@link runDigest} reads storage and posts through the outbox,
 * so a digest is posted once per slot however many instances or restarts there are.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isClosed, isOverdue } from '../domain/actions';
import { civilDateAt, daysBetween } from '../domain/dates';
import { describeUnreachable, type UnreachableOwner } from '../domain/reach';
import { toReview, type ReviewItem } from '../domain/recommendations';
import { formatRecommendationRef, formatRef } from '../domain/refs';
import { clip } from '../domain/text';
import type {
  Action,
  CivilDate,
  HistoryEvent,
  TrackedRecommendation,
  Verdict,
  VerdictEvent,
} from '../domain/types';
import { MAX_TEXT_BYTES } from '../teams/limits';
import { escapeMarkdown } from '../teams/markdown';
import { texts, type Locale } from '../texts';
import {
  ConflictError,
  DIGEST_CHANNEL_SETTING,
  INTERRUPTED_SEND_CODE,
  outboxKey,
  type OutboxDraft,
  type OutboxMessage,
} from '../storage';
import { addDays } from './calendar';
import { Courier, toOutcome, type DeliveryOutcome, type Rendered } from './delivery';
import { findUnreachableOwners } from './directory';
import { withLease } from './lease';
import { loadReminderPolicy } from './reminderPass';
import type { SchedulerRuntime } from './runtime';
import { latestSlot } from './slots';

/** The lease and run-record name of the digest. */
export const DIGEST_JOB = 'digest';

/** Days ahead that "due soon" covers. */
export const DUE_SOON_DAYS = 14;

/** Most lines a section shows; the rest is counted ("… och 12 till"). */
const MAX_LINES_PER_SECTION = 15;

/** Teams refuses messages above roughly 28 KB; the digest stays well below, with room for the activity around it. */

/** One action as a digest line. */
export interface DigestItem {
  ref: number;
  text: string;
  committee: string;
  owner: string | null;
  due: CivilDate | null;
}

/** A deadline moved during the week. */
export interface DigestDeadlineChange {
  ref: number;
  text: string;
  committee: string;
  from: CivilDate | null;
  to: CivilDate | null;
  reason: string | null;
  at: string;
}

/** The latest progress note of the week on one action (`A-17 kommentar …`). */
export interface DigestNote {
  ref: number;
  text: string;
  committee: string;
  note: string;
  /** When it was written, ISO instant. */
  at: string;
}

/** A recommendation waiting for the auditors' verdict, as `att granska` lists it. */
export interface DigestReviewItem {
  ref: number;
  text: string;
  committees: string[];
  /** Why it waits, with the verdict it had (`changedSinceVerdict`). */
  reason: 'ready' | 'changedSinceVerdict';
  latestVerdict: { verdict: Verdict; date: CivilDate } | null;
}

/** A person a reminder did not reach (dead-lettered), or did not surely reach (marked for checking). */
export interface DigestUnreachable {
  recipient: string;
  subject: string;
  stage: string;
  state: 'deadLetter' | 'check';
  reason: string | null;
  code: string | null;
}

/** The digest's content: pure data, rendered by {@link renderDigest}. */
export interface DigestContent {
  /** Start of the week covered (inclusive), ISO instant. */
  from: string;
  /** End of the week covered (exclusive), ISO instant: the slot. */
  to: string;
  /** The local day the digest is for (the day `to` falls on). */
  today: CivilDate;
  newActions: DigestItem[];
  doneActions: DigestItem[];
  /** Open actions due from today to today + 14 days, soonest first. */
  dueSoon: DigestItem[];
  /** Overdue actions per committee (committees by name, actions by due date). */
  overdueByCommittee: { committee: string; items: (DigestItem & { daysOverdue: number })[] }[];
  deadlineChanges: DigestDeadlineChange[];
  /** The latest note of the week per action, newest first. */
  notes: DigestNote[];
  /**
   * Recommendations waiting for the auditors' verdict, by reference; null when the section is not shown (the tenant
   * has no auditors, see {@link DigestInput.toReview}).
   */
  toReview: DigestReviewItem[] | null;
  unreachable: DigestUnreachable[];
  /** Owners of open actions the bot cannot reach at all (no Teams user with their e-mail, chat not working). */
  unreachableOwners: UnreachableOwner[];
}

/** What {@link buildDigest} reads. */
export interface DigestInput {
  /** Every action of the tenant, open and closed. */
  actions: readonly Action[];
  /** The history of actions that may have moved or had a note this week, by reference. */
  history: ReadonlyMap<number, readonly HistoryEvent[]>;
  /**
   * The recommendations waiting for the auditors (the rule of `att granska`), or null to leave the section out: the
   * digest shows it only to a tenant that has auditors. Default: null.
   */
  toReview?: readonly ReviewItem[] | null;
  /** Outbox rows dead-lettered or marked for checking (any time; the week is picked here). */
  undelivered: readonly OutboxMessage[];
  /** Owners of open actions the bot cannot reach, as `unreachableOwners` found them. Default: none. */
  owners?: readonly UnreachableOwner[];
  from: Date;
  to: Date;
  timeZone: string;
}

/** Picks the week's news out of the tenant's actions, history and outbox. */
export function buildDigest(input: DigestInput): DigestContent {
  const { from, to, timeZone } = input;
  const inWeek = (iso: string) => {
    const at = Date.parse(iso);
    return at >= from.getTime() && at < to.getTime();
  };
  const today = civilDateAt(new Date(to.getTime() - 1), timeZone);
  const item = (action: Action): DigestItem => ({
    ref: action.ref,
    text: action.text,
    committee: action.committee,
    owner: action.ownerEmail,
    due: action.deadline.date,
  });
  const byRef = (a: DigestItem, b: DigestItem) => a.ref - b.ref;
  const byDue = (a: DigestItem, b: DigestItem) => (a.due ?? '').localeCompare(b.due ?? '') || a.ref - b.ref;
  const actions = input.actions;

  const overdue = new Map<string, (DigestItem & { daysOverdue: number })[]>();
  for (const action of actions) {
    if (!isOverdue(action, today) || action.deadline.date === null) continue;
    const entry = { ...item(action), daysOverdue: daysBetween(action.deadline.date, today) };
    overdue.set(action.committee, [...(overdue.get(action.committee) ?? []), entry]);
  }

  const deadlineChanges: DigestDeadlineChange[] = [];
  for (const action of actions) {
    for (const event of input.history.get(action.ref) ?? []) {
      if (event.kind !== 'deadline' || !inWeek(event.at)) continue;
      deadlineChanges.push({
        ref: action.ref,
        text: action.text,
        committee: action.committee,
        from: event.from,
        to: event.to,
        reason: event.comment,
        at: event.at,
      });
    }
  }

  const notes: DigestNote[] = [];
  for (const action of actions) {
    const latest = (input.history.get(action.ref) ?? [])
      .filter((event) => event.kind === 'note' && event.comment !== null && inWeek(event.at))
      .at(-1);
    if (!latest?.comment) continue;
    notes.push({
      ref: action.ref,
      text: action.text,
      committee: action.committee,
      note: latest.comment,
      at: latest.at,
    });
  }

  const dueLimit = addDays(today, DUE_SOON_DAYS);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    today,
    newActions: actions
      .filter((action) => inWeek(action.createdAt))
      .map(item)
      .sort(byRef),
    // A closed action changes no more, so its last change is when it was done.
    doneActions: actions
      .filter((action) => action.status === 'Genomförd' && inWeek(action.updatedAt))
      .map(item)
      .sort(byRef),
    dueSoon: actions
      .filter(
        (action) =>
          !isClosed(action.status) &&
          action.deadline.date !== null &&
          action.deadline.date >= today &&
          action.deadline.date <= dueLimit,
      )
      .map(item)
      .sort(byDue),
    overdueByCommittee: [...overdue.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'sv'))
      .map(([committee, items]) => ({ committee, items: items.sort(byDue) })),
    deadlineChanges: deadlineChanges.sort((a, b) => a.at.localeCompare(b.at) || a.ref - b.ref),
    notes: notes.sort((a, b) => b.at.localeCompare(a.at) || a.ref - b.ref),
    toReview:
      input.toReview === undefined || input.toReview === null
        ? null
        : input.toReview
            .map(({ recommendation, reason, latestVerdict }) => ({
              ref: recommendation.ref,
              text: recommendation.text,
              committees: [...recommendation.committees],
              reason,
              latestVerdict: latestVerdict && { verdict: latestVerdict.verdict, date: latestVerdict.date },
            }))
            .sort((a, b) => a.ref - b.ref),
    unreachable: input.undelivered
      .filter(
        (message): message is OutboxMessage & { state: 'deadLetter' | 'check' } =>
          message.kind !== 'digest' &&
          (message.state === 'deadLetter' || message.state === 'check') &&
          inWeek(message.updatedAt),
      )
      .map((message) => ({
        recipient: message.recipient,
        subject: message.subject,
        stage: message.stage,
        state: message.state,
        reason: message.reason,
        code: message.code,
      }))
      .sort((a, b) => a.recipient.localeCompare(b.recipient) || a.subject.localeCompare(b.subject)),
    unreachableOwners: [...(input.owners ?? [])],
  };
}

/**
 * The digest as a Teams message in markdown, in the channel's language (Swedish unless `digest here` was written in
 * English); user text escaped. Long sections show their first lines and count the rest, and the whole stays under
 * Teams' message size.
 */
export function renderDigest(content: DigestContent, timeZone: string, locale: Locale = 'sv'): string {
  for (let lines = MAX_LINES_PER_SECTION; ; lines = Math.floor(lines / 2)) {
    const text = renderWith(content, timeZone, Math.max(lines, 1), locale);
    if (Buffer.byteLength(text, 'utf8') <= MAX_TEXT_BYTES || lines <= 1) return text;
  }
}

function renderWith(content: DigestContent, timeZone: string, maxLines: number, locale: Locale): string {
  const catalogue = texts(locale);
  const words = catalogue.digest;
  const reach = catalogue.reach;
  const start = DateTime.fromISO(content.from, { zone: timeZone });
  const end = DateTime.fromISO(content.to, { zone: timeZone });
  const heading = words.heading(
    start.weekNumber,
    start.toFormat('yyyy-MM-dd HH:mm'),
    end.toFormat('yyyy-MM-dd HH:mm'),
  );
  const line = (item: DigestItem, detail: string) =>
    `- ${formatRef(item.ref)} ${clipped(item.text)} (${escapeMarkdown(item.committee)}${detail})`;
  const owner = (item: DigestItem) => `, ${item.owner ? escapeMarkdown(item.owner) : words.noOwner}`;
  const section = (title: string, lines: string[], empty: string, count = lines.length): string => {
    if (lines.length === 0) return `**${title}**\n\n${empty}`;
    const shown = lines.slice(0, maxLines);
    const more = lines.length > shown.length ? [`- ${words.moreLines(lines.length - shown.length)}`] : [];
    return `**${title} (${count})**\n\n${[...shown, ...more].join('\n')}`;
  };
  const overdueLines = content.overdueByCommittee.flatMap(({ committee, items }) => [
    `- **${escapeMarkdown(committee)}** (${items.length})`,
    ...items.map(
      (item) =>
        `    - ${formatRef(item.ref)} ${clipped(item.text)} (${words.overdueLine(item.due ?? '–', item.daysOverdue)}${owner(item)})`,
    ),
  ]);
  const ownerLines = content.unreachableOwners.map(
    (entry) => `- ${describeUnreachable(entry, reach, escapeMarkdown)}`,
  );
  const parts = [
    heading,
    section(
      words.newActions,
      content.newActions.map((item) => line(item, owner(item))),
      words.noNewActions,
    ),
    section(
      words.done,
      content.doneActions.map((item) => line(item, owner(item))),
      words.noneDone,
    ),
    section(
      words.dueWithin(DUE_SOON_DAYS),
      content.dueSoon.map((item) => line(item, `, ${words.dueOn(item.due ?? '–')}${owner(item)}`)),
      words.noneDueSoon,
    ),
    section(
      words.overdueByCommittee,
      overdueLines,
      words.noneOverdue,
      content.overdueByCommittee.reduce((sum, group) => sum + group.items.length, 0),
    ),
    section(
      words.deadlineChanges,
      content.deadlineChanges.map(
        (change) =>
          `- ${formatRef(change.ref)} ${clipped(change.text)} (${escapeMarkdown(change.committee)}): ${change.from ?? words.noDate} → ${change.to ?? words.noDate}` +
          (change.reason ? `, "${clipped(change.reason)}"` : ''),
      ),
      words.noDeadlineChanges,
    ),
    section(
      words.notes,
      content.notes.map(
        (note) =>
          `- ${formatRef(note.ref)} ${clipped(note.text)} (${escapeMarkdown(note.committee)}): "${clipped(note.note, 200)}"`,
      ),
      words.noNotes,
    ),
    ...(content.toReview === null
      ? []
      : [
          section(
            words.toReview,
            content.toReview.map((item) => {
              const why =
                item.reason === 'changedSinceVerdict' && item.latestVerdict
                  ? catalogue.followUp.toReviewChanged(
                      catalogue.verdicts[item.latestVerdict.verdict],
                      item.latestVerdict.date,
                    )
                  : catalogue.followUp.toReviewReady();
              return `- ${formatRecommendationRef(item.ref)} ${clipped(item.text)} (${escapeMarkdown(item.committees.join(', '))}): ${why}`;
            }),
            words.noneToReview,
          ),
        ]),
    section(
      words.unreachable,
      content.unreachable.map((entry) => {
        const cause = words.deliveryCause({ ...entry, interrupted: entry.code === INTERRUPTED_SEND_CODE });
        return (
          `- ${escapeMarkdown(entry.recipient)}: ${escapeMarkdown(entry.subject)} ${escapeMarkdown(entry.stage)} – ` +
          (entry.state === 'check' ? words.deliveryUncertain : words.deliveryFailed) +
          (cause ? ` (${clipped(cause)})` : '')
        );
      }),
      words.allDelivered,
    ),
    ownerLines.length === 0
      ? section(reach.title, [], reach.none)
      : `${section(reach.title, ownerLines, '')}\n\n${reach.whatToDo}`,
  ];
  return parts.join('\n\n');
}

/** Clipped and escaped: a digest line shows the start of a text. */
function clipped(text: string, max = 120): string {
  return escapeMarkdown(clip(text.replace(/\s+/g, ' ').trim(), max));
}

// ---------------------------------------------------------------------------------------------------------------
// Posting the digest

/** Where the digest goes, as `digest här` stored it (older values may lack the serviceUrl). */
const digestChannelSchema = z.object({
  conversationId: z.string().min(1).max(1_000),
  serviceUrl: z.string().min(1).max(2_000).optional(),
  /** The language `digest här` / `digest here` was written in; older values lack it (Swedish). */
  language: z.enum(['sv', 'en']).optional(),
});

/** What a digest run did. */
export interface DigestReport {
  tenantId: string;
  /** False when another instance held the lease. */
  ran: boolean;
  /** The slot (scheduled) or instant (on demand) the digest is for; null when the schedule has none yet. */
  slot: string | null;
  /** Why nothing was posted, when nothing was. */
  skipped: string | null;
  /** The outbox outcome of the digest message. */
  outcome: DeliveryOutcome | null;
  /** True when this run delivered it (false when it had been posted for this slot before). */
  delivered: boolean;
  /** The text that was (or would have been) posted. */
  text: string | null;
}

/** Options for {@link runDigest}. */
export interface DigestOptions {
  /** Post for the instant `now` rather than the last slot of the schedule (`cli digest`). Default: false. */
  onDemand?: boolean;
  signal?: AbortSignal;
}

/**
 * Posts the weekly digest to the tenant's digest channel: for the latest slot of the tenant's digest schedule at or
 * before `now` (once per slot: a missed one is posted late, once), or, on demand, for the week up to `now`.
 */
export async function runDigest(
  runtime: SchedulerRuntime,
  tenantId: string,
  now: Date,
  options: DigestOptions = {},
): Promise<DigestReport> {
  const { deps } = runtime;
  const report: DigestReport = {
    tenantId,
    ran: false,
    slot: null,
    skipped: null,
    outcome: null,
    delivered: false,
    text: null,
  };
  const stored = await deps.settings.getSetting(tenantId, DIGEST_CHANNEL_SETTING);
  const channel = digestChannelSchema.safeParse(stored?.value);
  if (!stored || !channel.success) {
    report.ran = true;
    report.skipped = stored
      ? 'Inställningen för digestkanalen är skadad; skriv "digest här" i kanalen igen.'
      : 'Ingen digestkanal är vald; en administratör skriver "digest här" i kanalen.';
    return report;
  }
  const policy = await loadReminderPolicy(runtime, tenantId);
  const slot = options.onDemand ? now : latestSlot(policy.digestCron, deps.timeZone, now);
  if (!slot) {
    report.ran = true;
    report.skipped = 'Schemat för veckosammanfattningen har ännu ingen tidpunkt.';
    return report;
  }
  report.slot = slot.toISOString();
  const run = await withLease(runtime, tenantId, DIGEST_JOB, options.signal, async (keeper) => {
    const previous = await deps.leases.getLastRun(tenantId, DIGEST_JOB);
    const { conversationId, serviceUrl } = channel.data;
    const draft: OutboxDraft = {
      kind: 'digest',
      subject: 'digest',
      stage: slot.toISOString(),
      stageDate: civilDateAt(slot, deps.timeZone),
      recipient: `conversation:${conversationId}`,
      dueAt: slot.toISOString(),
      ref: null,
    };
    let message: OutboxMessage;
    try {
      message = await deps.outbox.createMessage(tenantId, draft, { now: deps.clock.now() });
      await deps.tuning.hooks?.afterCreate?.(message);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      message = await deps.outbox.getMessage(tenantId, outboxKey(draft));
    }
    if (
      message.state === 'sending' &&
      deps.clock.now().getTime() - Date.parse(message.sendingSince ?? message.updatedAt) >=
        deps.tuning.staleSendingMs
    ) {
      message = await deps.outbox.moveMessage(tenantId, message, 'check', {
        now: deps.clock.now(),
        reason: 'Avbröts mitt i sändningen; oklart om sammanfattningen kom fram. Kontrollera i kanalen.',
        code: INTERRUPTED_SEND_CODE,
      });
    }
    const courier = new Courier(
      runtime,
      tenantId,
      keeper.signal,
      serviceUrl ? new Map([[conversationId, serviceUrl]]) : undefined,
    );
    const locale = channel.data.language ?? 'sv';
    const render = async (): Promise<Rendered> => {
      const text = await digestText(runtime, tenantId, slot, locale);
      report.text = text;
      return {
        activity: { type: 'message', text, textFormat: 'markdown', summary: texts(locale).digest.summary },
      };
    };
    await keeper.keepAlive();
    const retryAt = message.nextAttemptAt === null ? 0 : Date.parse(message.nextAttemptAt);
    const due =
      !keeper.signal.aborted && message.state === 'pending' && retryAt <= deps.clock.now().getTime();
    report.outcome = due ? await courier.deliver(message, render) : toOutcome(message);
    report.delivered = due && report.outcome.state === 'sent';
    // A digest on demand is no slot of the schedule: recording it would skip the scheduled one (or, with --now in
    // the future, all of them until then).
    if (!options.onDemand && report.outcome.state !== 'pending' && !keeper.signal.aborted) {
      await deps.leases
        .recordRun(tenantId, DIGEST_JOB, slot, previous, { now: deps.clock.now() })
        .catch((error: unknown) => {
          if (!(error instanceof ConflictError)) throw error;
        });
    }
  });
  report.ran = run.ran;
  return report;
}

/** The digest text for the week before `slot`, from storage. */
async function digestText(
  runtime: SchedulerRuntime,
  tenantId: string,
  slot: Date,
  locale: Locale,
): Promise<string> {
  const { deps } = runtime;
  // A calendar week back in local time: across a change to or from summer time the week is 167 or 169 hours.
  const from = DateTime.fromJSDate(slot, { zone: deps.timeZone }).minus({ weeks: 1 }).toJSDate();
  const [actions, undelivered, owners, review] = await Promise.all([
    deps.actions.listActions(tenantId),
    deps.outbox.listMessages(tenantId, { states: ['deadLetter', 'check'], updatedSince: from }),
    findUnreachableOwners(runtime, tenantId),
    reviewSources(runtime, tenantId),
  ]);
  const history = new Map<number, HistoryEvent[]>();
  // Only actions changed during the week can have moved their deadline or had a note during it; a note sets the
  // last comment, so an action that never had one has no note to show.
  const changed = actions.filter(
    (action) =>
      (action.deadlineChanges > 0 || action.lastComment !== null) &&
      Date.parse(action.updatedAt) >= from.getTime(),
  );
  const histories = await Promise.all(
    changed.map((action) => deps.actions.listHistory(tenantId, action.ref)),
  );
  changed.forEach((action, index) => history.set(action.ref, histories[index] ?? []));
  const content = buildDigest({
    actions,
    history,
    undelivered,
    owners,
    toReview: review && toReview(review.recommendations, actions, review.verdicts),
    from,
    to: slot,
    timeZone: deps.timeZone,
  });
  return renderDigest(content, deps.timeZone, locale);
}

/**
 * The recommendations waiting for the auditors, for the digest's "Redo för granskning": only when the tenant has
 * granted the auditor role to someone, else null (no section). The digest channel is the follow-up's shared channel,
 * and who reads it is not stored (its roster is read only to link owners); a tenant with auditors runs the follow-up
 * review in the bot, so its channel carries the list, and one without them is not shown an empty section that no
 * one acts on. The list names recommendations and committees only, no more than the digest shows of the actions.
 */
async function reviewSources(
  runtime: SchedulerRuntime,
  tenantId: string,
): Promise<{ recommendations: TrackedRecommendation[]; verdicts: VerdictEvent[] } | null> {
  const { deps } = runtime;
  const grants = await deps.roles.listRoles(tenantId);
  if (!grants.some((grant) => grant.role === 'auditor')) return null;
  // The actions are the digest's own: `att granska`'s rule (domain toReview) is applied to them once read.
  const [recommendations, verdicts] = await Promise.all([
    deps.audits.recommendations.listRecommendations(tenantId),
    deps.audits.recommendations.listVerdicts(tenantId),
  ]);
  return { recommendations, verdicts };
}
