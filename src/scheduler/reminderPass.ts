/**
 * One reminder pass for one tenant: what the policy says is owed at `now` becomes outbox rows (once each), the rows
 * still owed from earlier passes are swept up, and all of them are delivered. The server runs a pass on every slot of
 * its schedule; `cli remind` runs the same function.
 *
 * A person gets one message per pass, in their language: one item as the action card itself, several as a line that
 * says how many and one card listing them (a second card only when one cannot hold them). Each item keeps its own
 * outbox row, the idempotency record; the rows of one message are moved together (`Courier.deliverBatch`), so an item
 * delivered once is never listed again, and a message refused for now is sent later with what is still owed.
 */
import { displayStatus } from '../domain/actions';
import { grantedRoles, mayChangeAction, type Principal } from '../domain/access';
import { committeeKey } from '../domain/committees';
import { civilDateAt, daysBetween } from '../domain/dates';
import { formatRef } from '../domain/refs';
import type { Action, Audit, CivilDate } from '../domain/types';
import {
  actionCard,
  pageReminderItems,
  reminderBatchCard,
  type AdaptiveCard,
  type ReminderBatchCardView,
  type ReminderItemView,
} from '../teams/cards';
import { actionCardView, daysOverdue } from '../teams/cards/views';
import { escapeMarkdown } from '../teams/markdown';
import { principalOf, type RoleGrant } from '../domain/roles';
import { texts, type Locale } from '../texts';
import {
  ConflictError,
  INTERRUPTED_SEND_CODE,
  outboxKey,
  StorageError,
  type OutboxDraft,
  type OutboxKind,
  type OutboxMessage,
} from '../storage';
import type { OutgoingActivity } from '../teams/connector';
import {
  Courier,
  forEachConcurrently,
  toOutcome,
  type BatchRendered,
  type DeliveryOutcome,
  type Rendered,
} from './delivery';
import { loadDirectory, type Directory } from './directory';
import { withLease } from './lease';
import {
  dueReminders,
  parseReminderPolicy,
  REMINDER_POLICY_SETTING,
  type ReminderPolicy,
  type ReminderSubject,
  type ScheduledReminder,
} from './policy';
import type { SchedulerRuntime } from './runtime';
import { boardFeedbackText, escalationText, ownerReminderText, responseDueText } from './texts';

/** Outbox rows created at once: creating is a plain insert, and a tenant may owe hundreds of reminders at 09:00. */
const CREATE_CONCURRENCY = 16;

/** The lease and run-record name of the reminder pass. */
export const REMIND_JOB = 'remind';

/** What a pass did. */
export interface PassReport {
  tenantId: string;
  /** The instant the pass ran as (`--now`, or the scheduled slot). */
  at: string;
  /** False when another instance held the lease: it runs the pass. */
  ran: boolean;
  /** True when the pass stopped early (lease lost, shutdown); what is left is owed to the next pass. */
  aborted: boolean;
  /** Every message the pass delivered or settled, in order of completion. */
  outcomes: DeliveryOutcome[];
  /** Messages a process left `sending` (it died mid-send), now marked for a person to check. */
  markedForCheck: DeliveryOutcome[];
  /** Messages whose delivery failed in storage; they stay in the outbox for the next pass. */
  errors: string[];
}

/** Options for {@link runReminderPass}. */
export interface PassOptions {
  /** Stops the pass between messages (shutdown). */
  signal?: AbortSignal;
  /**
   * The schedule slot the pass is for, recorded as the job's last run when the pass completes. Default: none, and
   * nothing is recorded: a pass run by hand (`cli remind --now` in the future) never stands in for the schedule.
   */
  slot?: Date;
}

/** Where an item goes on a reminder card that lists several. */
type Section = 'own' | 'escalated' | 'committeeDates';

const SECTIONS: readonly Section[] = ['own', 'escalated', 'committeeDates'];

/** A message the policy says is owed now, with how to show it on its own and as one item of several. */
interface DueMessage {
  draft: OutboxDraft;
  section: Section;
  /** Order within the section: the date, then the reference. */
  order: string;
  /** Whether it is about an overdue action (counted in the line above a card of several). */
  overdue: boolean;
  /** The item as a message of its own: the action card with the reminder's words above it, or a sentence. */
  alone(locale: Locale): Rendered;
  /** The item as a line of a card that lists several. */
  line(locale: Locale): ReminderItemView;
}

/** Why a row left owed by an earlier pass is no longer sent (recorded on the row, for `cli outbox list`). */
const NOT_OWED =
  'Inte längre aktuell: åtgärden är avslutad eller pausad, har fått ett nytt datum, eller en senare påminnelse har ' +
  'ersatt den.';

/**
 * Runs one reminder pass for the tenant as if it were `now`, under the tenant's `remind` lease.
 * @returns what was sent, dead-lettered, marked for checking or cancelled; `ran: false` when another instance holds
 * the lease.
 */
export async function runReminderPass(
  runtime: SchedulerRuntime,
  tenantId: string,
  now: Date,
  options: PassOptions = {},
): Promise<PassReport> {
  const report: PassReport = {
    tenantId,
    at: now.toISOString(),
    ran: false,
    aborted: false,
    outcomes: [],
    markedForCheck: [],
    errors: [],
  };
  const run = await withLease(runtime, tenantId, REMIND_JOB, options.signal, async (keeper) => {
    const { deps } = runtime;
    const previous = await deps.leases.getLastRun(tenantId, REMIND_JOB);
    const directory = await loadDirectory(runtime, tenantId);
    const due = await dueMessages(runtime, tenantId, now, directory);
    const work = await collectWork(runtime, tenantId, due, report);
    const today = civilDateAt(now, deps.timeZone);

    const courier = new Courier(runtime, tenantId, keeper.signal);
    const notOwed = async (): Promise<Rendered> => ({ cancel: NOT_OWED });
    // One message per person: rows naming them by e-mail and by object id go together.
    const byPerson = new Map<string, OutboxMessage[]>();
    for (const message of work) {
      const person = directory.person(message.recipient);
      byPerson.set(person, [...(byPerson.get(person) ?? []), message]);
    }
    await forEachConcurrently(
      [...byPerson],
      deps.tuning.concurrency,
      keeper.signal,
      async ([person, rows]) => {
        const locale = directory.language(person);
        const owed = rows.filter((row) => due.has(row.key));
        const deliveries: Array<() => Promise<DeliveryOutcome[]>> = [
          ...rows
            .filter((row) => !due.has(row.key))
            .map((row) => async () => [await courier.deliver(row, notOwed)]),
          ...pagesOf(owed, due, locale, today).map(
            (page, index, pages) => () =>
              courier.deliverBatch(page, person, async (live) =>
                renderBatch(live, due, locale, today, index + 1, pages.length),
              ),
          ),
        ];
        for (const delivery of deliveries) {
          await keeper.keepAlive();
          // The lease was lost (or the server is stopping): what is left stays owed to the next pass.
          if (keeper.signal.aborted) return;
          try {
            report.outcomes.push(...(await delivery()));
          } catch (error) {
            if (!(error instanceof StorageError)) throw error;
            // Storage trouble with one message must not stop the others; the rows stay owed.
            deps.log.error({ err: error.message }, 'Påminnelsen kunde inte levereras');
            report.errors.push(`${rows.map((row) => row.key).join(', ')}: ${error.message}`);
          }
        }
      },
    );
    report.aborted = keeper.signal.aborted;
    if (!report.aborted && options.slot) {
      await deps.leases
        .recordRun(tenantId, REMIND_JOB, options.slot, previous, { now: deps.clock.now() })
        .catch((error: unknown) => {
          // Another instance recorded a run meanwhile (it held the lease after ours expired): its record stands.
          if (!(error instanceof ConflictError)) throw error;
        });
    }
  });
  report.ran = run.ran;
  return report;
}

/**
 * The rows to deliver in this pass: new rows for what is owed now (created once; a 409 means an earlier pass or
 * another instance has it), and pending rows of earlier passes whose retry time has come. A `sending` row left by a
 * dead process goes to `check`; a pending row no longer owed is cancelled when delivery renders it.
 */
async function collectWork(
  runtime: SchedulerRuntime,
  tenantId: string,
  due: ReadonlyMap<string, DueMessage>,
  report: PassReport,
): Promise<OutboxMessage[]> {
  const { outbox, clock, tuning, log } = runtime.deps;
  const known = runtime.knownKeys(tenantId);
  const work = new Map<string, OutboxMessage>();
  const clockNow = clock.now().getTime();

  for (const message of await outbox.listMessages(tenantId, { states: ['pending', 'sending'] })) {
    // The digest job owns its rows: a digest is owed for its slot, not by the reminder policy.
    if (message.kind === 'digest') continue;
    known.add(message.key);
    if (message.state === 'sending') {
      const since = Date.parse(message.sendingSince ?? message.updatedAt);
      if (clockNow - since < tuning.staleSendingMs) continue;
      try {
        const checked = await outbox.moveMessage(tenantId, message, 'check', {
          now: clock.now(),
          reason: 'Avbröts mitt i sändningen; oklart om meddelandet kom fram. Kontrollera i Teams.',
          code: INTERRUPTED_SEND_CODE,
        });
        report.markedForCheck.push(toOutcome(checked));
        log.warn(
          { subject: message.subject, stage: message.stage },
          'Avbruten sändning markerad för kontroll',
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
      continue;
    }
    const retryAt = message.nextAttemptAt === null ? 0 : Date.parse(message.nextAttemptAt);
    // A row no longer owed is cancelled at once; an owed one waits for its retry time.
    if (retryAt <= clockNow || !due.has(message.key)) work.set(message.key, message);
  }

  const toCreate = [...due].filter(([key]) => !known.has(key) && !work.has(key));
  await forEachConcurrently(
    toCreate,
    CREATE_CONCURRENCY,
    new AbortController().signal,
    async ([key, message]) => {
      try {
        const created = await outbox.createMessage(tenantId, message.draft, { now: clock.now() });
        known.add(key);
        await runtime.deps.tuning.hooks?.afterCreate?.(created);
        work.set(key, created);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        known.add(key);
      }
    },
  );
  return [...work.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
}

/** Everything the policy says is owed at `now`, by outbox key. */
async function dueMessages(
  runtime: SchedulerRuntime,
  tenantId: string,
  now: Date,
  directory: Directory,
): Promise<Map<string, DueMessage>> {
  const { deps } = runtime;
  const policy = await loadReminderPolicy(runtime, tenantId);
  const [actions, audits, grants, snoozes] = await Promise.all([
    deps.actions.listOpenActions(tenantId),
    deps.audits.listAudits(tenantId),
    deps.roles.listRoles(tenantId),
    deps.snoozes.listSnoozes(tenantId),
  ]);
  const people = resolvePeople(runtime, tenantId, grants, directory);
  const auditsById = new Map(audits.map((audit) => [audit.id, audit]));
  const snoozedUntil = new Map(snoozes.map((snooze) => [snooze.ref, snooze.until]));
  const today = civilDateAt(now, deps.timeZone);
  const result = new Map<string, DueMessage>();
  const add = (
    kind: OutboxKind,
    subject: string,
    reminder: ScheduledReminder,
    recipients: readonly string[],
    ref: number | null,
    item: (recipient: string) => Omit<DueMessage, 'draft'>,
  ) => {
    for (const recipient of recipients) {
      const draft: OutboxDraft = {
        kind,
        subject,
        stage: reminder.stage,
        stageDate: reminder.stageDate,
        recipient,
        dueAt: reminder.sendAt.toISOString(),
        ref,
      };
      result.set(outboxKey(draft), { draft, ...item(recipient) });
    }
  };

  for (const action of actions) {
    const subject: ReminderSubject = {
      kind: 'action',
      action,
      snoozedUntil: snoozedUntil.get(action.ref) ?? null,
    };
    const audit = auditsById.get(action.auditId) ?? null;
    const ref = formatRef(action.ref);
    const overdue = daysOverdue(action, today) !== null;
    const order = `${action.deadline.date ?? '9999-99-99'}|${String(action.ref).padStart(9, '0')}`;
    const asLine = (note: string): ReminderItemView => ({
      ref,
      text: action.text,
      status: displayStatus(action, today),
      dueDate: action.deadline.date,
      duePhrase: action.deadline.phrase,
      daysOverdue: daysOverdue(action, today),
      note,
    });
    // The action's card under the reminder's words when it goes alone, a line with a note among several.
    const actionItem =
      (section: Section, sentence: (locale: Locale) => string, note: (locale: Locale) => string) =>
      (recipient: string): Omit<DueMessage, 'draft'> => ({
        section,
        order,
        overdue,
        alone: (locale) =>
          // A chair may look but not change: the card has buttons only for those the access rules let change it.
          cardMessage(
            sentence(locale),
            action,
            audit,
            today,
            mayChangeAction(people.principal(recipient), action),
            locale,
          ),
        line: (locale) => asLine(note(locale)),
      });
    for (const reminder of dueReminders(subject, policy, deps.timeZone, now)) {
      if (reminder.track === 'owner') {
        const owner = action.ownerEmail === null ? '' : principalOf(action.ownerEmail);
        const recipients = owner ? [owner] : people.coordinatorsOr(action.committee);
        const words = {
          ref,
          stage: reminder.stage,
          due: action.deadline.date,
          today,
        };
        add(
          'reminder',
          ref,
          reminder,
          recipients,
          action.ref,
          actionItem(
            'own',
            (locale) => ownerReminderText(words, locale),
            (locale) =>
              texts(locale).reminderBatch.ownNote({
                due: action.deadline.date,
                daysLeft: action.deadline.date === null ? 0 : daysBetween(today, action.deadline.date),
                afterSnooze: reminder.stage === 'after-snooze',
              }),
          ),
        );
      } else if (reminder.track === 'escalation' && action.deadline.date !== null) {
        const words = {
          ref,
          due: action.deadline.date,
          today,
          committee: action.committee,
          owner: action.ownerEmail,
        };
        add(
          'escalation',
          ref,
          reminder,
          people.chairsAndAdmins(),
          action.ref,
          actionItem(
            'escalated',
            (locale) => escalationText(words, locale),
            (locale) =>
              texts(locale).reminderBatch.escalatedNote({
                committee: escapeMarkdown(action.committee),
                owner: action.ownerEmail === null ? null : escapeMarkdown(action.ownerEmail),
              }),
          ),
        );
      }
    }
  }

  for (const audit of audits) {
    const dateItem = (
      committee: string,
      due: CivilDate,
      sentence: (locale: Locale) => string,
      note: (locale: Locale) => string,
    ): Omit<DueMessage, 'draft'> => ({
      section: 'committeeDates',
      order: `${due}|${committeeKey(committee)}|${audit.title}`,
      overdue: false,
      alone: (locale) => textMessage(sentence(locale)),
      line: (locale) => ({
        ref: null,
        text: audit.title,
        status: null,
        dueDate: due,
        duePhrase: null,
        daysOverdue: null,
        note: note(locale),
      }),
    });
    for (const { committee, due } of audit.responseDue) {
      const subject: ReminderSubject = { kind: 'responseDue', auditId: audit.id, committee, due };
      const words = { committee, title: audit.title, due, today };
      const note = { committee: escapeMarkdown(committee), due, daysLeft: daysBetween(today, due) };
      for (const reminder of dueReminders(subject, policy, deps.timeZone, now)) {
        add(
          'responseDue',
          `audit:${audit.id}|${committee}`,
          reminder,
          people.coordinatorsOr(committee),
          null,
          () =>
            dateItem(
              committee,
              due,
              (locale) => responseDueText(words, locale),
              (locale) => texts(locale).reminderBatch.responseDueNote(note),
            ),
        );
      }
    }
    for (const { committee, due } of audit.boardFeedback) {
      const subject: ReminderSubject = { kind: 'boardFeedback', auditId: audit.id, committee, due };
      const words = { committee, title: audit.title, due, today };
      const note = { committee: escapeMarkdown(committee), due, daysLeft: daysBetween(today, due) };
      for (const reminder of dueReminders(subject, policy, deps.timeZone, now)) {
        add('boardFeedback', `audit:${audit.id}|${committee}`, reminder, people.admins, null, () =>
          dateItem(
            committee,
            due,
            (locale) => boardFeedbackText(words, locale),
            (locale) => texts(locale).reminderBatch.boardFeedbackNote(note),
          ),
        );
      }
    }
  }
  return result;
}

/** The owed rows of one person in card order (section, then date), split into cards that fit Teams' limit. */
function pagesOf(
  rows: readonly OutboxMessage[],
  due: ReadonlyMap<string, DueMessage>,
  locale: Locale,
  today: CivilDate,
): OutboxMessage[][] {
  const item = (row: OutboxMessage) => due.get(row.key) as DueMessage;
  const sorted = [...rows].sort(
    (a, b) =>
      SECTIONS.indexOf(item(a).section) - SECTIONS.indexOf(item(b).section) ||
      item(a).order.localeCompare(item(b).order) ||
      a.key.localeCompare(b.key),
  );
  if (sorted.length <= 1) return sorted.length === 0 ? [] : [sorted];
  // Measured with the longest page label, so that numbering the pages afterwards cannot push a card over the limit.
  return pageReminderItems(sorted, (page) =>
    reminderBatchCard(batchView(page, due, locale, today, texts(locale).reminderBatch.page(99, 99)), locale),
  );
}

/** What a card of several items shows: one section per kind of item, in the reader's language. */
function batchView(
  rows: readonly OutboxMessage[],
  due: ReadonlyMap<string, DueMessage>,
  locale: Locale,
  today: CivilDate,
  page: string | null,
): ReminderBatchCardView {
  const words = texts(locale).reminderBatch;
  const items = rows.flatMap((row) => {
    const item = due.get(row.key);
    return item ? [item] : [];
  });
  return {
    title: words.title(today),
    page,
    sections: SECTIONS.map((section) => ({
      heading: words[section],
      items: items.filter((item) => item.section === section).map((item) => item.line(locale)),
    })),
  };
}

/**
 * The one activity for the rows of a page still owed: a single item as it always was (the action card), several as
 * a line that says how many and a card that lists them.
 */
function renderBatch(
  rows: readonly OutboxMessage[],
  due: ReadonlyMap<string, DueMessage>,
  locale: Locale,
  today: CivilDate,
  page: number,
  pages: number,
): BatchRendered {
  const owed = rows.filter((row) => due.has(row.key));
  const cancel = new Map(rows.filter((row) => !due.has(row.key)).map((row) => [row.key, NOT_OWED]));
  if (owed.length === 0) return { activity: null, cancel };
  if (owed.length === 1 && pages === 1) {
    const alone = (due.get((owed[0] as OutboxMessage).key) as DueMessage).alone(locale);
    return 'cancel' in alone ? { activity: null, cancel } : { activity: alone.activity, cancel };
  }
  const words = texts(locale).reminderBatch;
  const items = owed.map((row) => due.get(row.key) as DueMessage);
  const exampleRef = owed.find((row) => row.ref !== null)?.ref ?? null;
  const text = words.summary({
    count: owed.length,
    overdue: items.filter((item) => item.overdue).length,
    exampleRef: exampleRef === null ? null : formatRef(exampleRef),
    page,
    pages,
  });
  const card = reminderBatchCard(
    batchView(owed, due, locale, today, pages > 1 ? words.page(page, pages) : null),
    locale,
  );
  return {
    activity: {
      type: 'message',
      text,
      summary: text,
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    },
    cancel,
  };
}

/**
 * The tenant's reminder policy from settings, over the defaults.
 * @throws DomainError `InvalidValue` when the stored policy is malformed (the pass then sends nothing and says why).
 */
export async function loadReminderPolicy(
  runtime: SchedulerRuntime,
  tenantId: string,
): Promise<ReminderPolicy> {
  const stored = await runtime.deps.settings.getSetting(tenantId, REMINDER_POLICY_SETTING);
  return parseReminderPolicy(stored?.value ?? null);
}

/** Who holds which role, each person named by Entra object id where the bot knows it (else by e-mail). */
interface People {
  admins: string[];
  chairsAndAdmins(): string[];
  /** The committee's coordinators; the admins when it has none (someone must hear of it). */
  coordinatorsOr(committee: string): string[];
  /** A recipient as the access rules see them: their roles, and their e-mail when they are named by one. */
  principal(recipient: string): Principal;
}

function resolvePeople(
  runtime: SchedulerRuntime,
  tenantId: string,
  grants: readonly RoleGrant[],
  directory: Directory,
): People {
  const { adminAadIds } = runtime.deps;
  // One person may be granted a role by e-mail and listed in ADMIN_AAD_IDS by object id: name them one way.
  const resolve = (principal: string): string => directory.person(principal);
  // The grants as the recipients are named, so each recipient's roles come from the same rule as a caller's.
  const named: RoleGrant[] = [];
  for (const grant of grants) named.push({ ...grant, principal: resolve(grant.principal) });
  const unique = (ids: string[]) => [...new Set(ids)].sort();
  const admins = unique([
    ...adminAadIds.map(principalOf),
    ...named.filter((g) => g.role === 'admin').map((g) => g.principal),
  ]);
  const chairs = unique(named.filter((g) => g.role === 'chair').map((g) => g.principal));
  const coordinators = new Map<string, string[]>();
  for (const grant of named) {
    if (grant.role !== 'coordinator' || grant.committee === null) continue;
    const committee = committeeKey(grant.committee);
    coordinators.set(committee, unique([...(coordinators.get(committee) ?? []), grant.principal]));
  }
  return {
    admins,
    chairsAndAdmins: () => unique([...chairs, ...admins]),
    coordinatorsOr: (committee) => coordinators.get(committeeKey(committee)) ?? admins,
    principal: (recipient) => {
      const email = recipient.includes('@') ? recipient : null;
      const person = { aadObjectId: email === null ? recipient : '', email, isGuest: false };
      return { tenantId, ...person, ...grantedRoles(named, person, adminAadIds) };
    },
  };
}

/** A reminder that is the action card itself, with the reminder's words above it. */
function cardMessage(
  text: string,
  action: Action,
  audit: Audit | null,
  today: CivilDate,
  canEdit: boolean,
  locale: Locale,
): Rendered {
  const card: AdaptiveCard = actionCard(actionCardView(action, audit, today, { canEdit }), locale);
  const activity: OutgoingActivity = {
    type: 'message',
    text,
    summary: text,
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
  return { activity };
}

function textMessage(text: string): Rendered {
  return { activity: { type: 'message', text, summary: text } };
}
