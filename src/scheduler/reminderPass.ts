/**
 * One reminder pass for one tenant: what the policy says is owed at `now` becomes outbox rows (once each), the rows
 * still owed from earlier passes are swept up, and all of them are delivered. The server runs a pass on every slot of
 * its schedule; `cli remind` runs the same function.
 */
import { grantedRoles, mayChangeAction, type Principal } from '../domain/access';
import { committeeKey } from '../domain/committees';
import { civilDateAt } from '../domain/dates';
import { formatRef } from '../domain/refs';
import type { Action, Audit, CivilDate } from '../domain/types';
import { actionCard } from '../teams/cards/cards';
import { type AdaptiveCard } from '../teams/cards/render';
import { actionCardView } from '../teams/cards/views';
import { principalOf, type RoleGrant } from '../domain/roles';
import {
  ConflictError,
  outboxKey,
  StorageError,
  type OutboxDraft,
  type OutboxKind,
  type OutboxMessage,
} from '../storage';
import type { OutgoingActivity } from './connector';
import { Courier, forEachConcurrently, toOutcome, type DeliveryOutcome, type Rendered } from './delivery';
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

/** A message the policy says is owed now, with how to build it. */
interface DueMessage {
  draft: OutboxDraft;
  render(): Rendered;
}

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
    const due = await dueMessages(runtime, tenantId, now);
    const work = await collectWork(runtime, tenantId, due, report);

    const courier = new Courier(runtime, tenantId, keeper.signal);
    const render = async (message: OutboxMessage): Promise<Rendered> =>
      due.get(message.key)?.render() ?? {
        cancel:
          'Inte längre aktuell: åtgärden är avslutad eller pausad, har fått ett nytt datum, eller en senare ' +
          'påminnelse har ersatt den.',
      };
    await forEachConcurrently(work, deps.tuning.concurrency, keeper.signal, async (message) => {
      await keeper.keepAlive();
      // The lease was lost (or the server is stopping): what is left stays owed to the next pass.
      if (keeper.signal.aborted) return;
      try {
        report.outcomes.push(await courier.deliver(message, render));
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
        // Storage trouble with one message must not stop the others; the row stays owed.
        deps.log.error(
          { subject: message.subject, stage: message.stage, err: error.message },
          'Påminnelsen kunde inte levereras',
        );
        report.errors.push(`${message.key}: ${error.message}`);
      }
    });
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
          code: message.code,
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
): Promise<Map<string, DueMessage>> {
  const { deps } = runtime;
  const policy = await loadReminderPolicy(runtime, tenantId);
  const [actions, audits, grants, snoozes] = await Promise.all([
    deps.actions.listOpenActions(tenantId),
    deps.audits.listAudits(tenantId),
    deps.roles.listRoles(tenantId),
    deps.snoozes.listSnoozes(tenantId),
  ]);
  const people = await resolvePeople(runtime, tenantId, grants);
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
    render: (recipient: string) => Rendered,
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
      result.set(outboxKey(draft), { draft, render: () => render(recipient) });
    }
  };

  for (const action of actions) {
    const subject: ReminderSubject = {
      kind: 'action',
      action,
      snoozedUntil: snoozedUntil.get(action.ref) ?? null,
    };
    const audit = auditsById.get(action.auditId) ?? null;
    for (const reminder of dueReminders(subject, policy, deps.timeZone, now)) {
      if (reminder.track === 'owner') {
        const owner = action.ownerEmail === null ? '' : principalOf(action.ownerEmail);
        const recipients = owner ? [owner] : people.coordinatorsOr(action.committee);
        add('reminder', formatRef(action.ref), reminder, recipients, action.ref, (recipient) =>
          cardMessage(
            ownerReminderText({
              ref: formatRef(action.ref),
              stage: reminder.stage,
              due: action.deadline.date,
              today,
            }),
            action,
            audit,
            today,
            mayChangeAction(people.principal(recipient), action),
          ),
        );
      } else if (reminder.track === 'escalation' && action.deadline.date !== null) {
        const due = action.deadline.date;
        const text = escalationText({
          ref: formatRef(action.ref),
          due,
          today,
          committee: action.committee,
          owner: action.ownerEmail,
          reminders: policy.escalateAfterOverdue,
        });
        add(
          'escalation',
          formatRef(action.ref),
          reminder,
          people.chairsAndAdmins(),
          action.ref,
          (recipient) =>
            // A chair may look but not change: the card has buttons only for those the access rules let change it.
            cardMessage(text, action, audit, today, mayChangeAction(people.principal(recipient), action)),
        );
      }
    }
  }

  for (const audit of audits) {
    for (const { committee, due } of audit.responseDue) {
      const subject: ReminderSubject = { kind: 'responseDue', auditId: audit.id, committee, due };
      for (const reminder of dueReminders(subject, policy, deps.timeZone, now)) {
        add(
          'responseDue',
          `audit:${audit.id}|${committee}`,
          reminder,
          people.coordinatorsOr(committee),
          null,
          () => textMessage(responseDueText({ committee, title: audit.title, due, today })),
        );
      }
    }
    for (const { committee, due } of audit.boardFeedback) {
      const subject: ReminderSubject = { kind: 'boardFeedback', auditId: audit.id, committee, due };
      for (const reminder of dueReminders(subject, policy, deps.timeZone, now)) {
        add('boardFeedback', `audit:${audit.id}|${committee}`, reminder, people.admins, null, () =>
          textMessage(boardFeedbackText({ committee, title: audit.title, due, today })),
        );
      }
    }
  }
  return result;
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

async function resolvePeople(
  runtime: SchedulerRuntime,
  tenantId: string,
  grants: readonly RoleGrant[],
): Promise<People> {
  const { users, adminAadIds } = runtime.deps;
  const resolved = new Map<string, string>();
  const resolve = async (principal: string): Promise<string> => {
    const known = resolved.get(principal);
    if (known) return known;
    // One person may be granted a role by e-mail and listed in ADMIN_AAD_IDS by object id: name them one way.
    const user = principal.includes('@') ? await users.findUserByEmail(tenantId, principal) : null;
    const id = principalOf(user?.aadObjectId ?? principal);
    resolved.set(principal, id);
    return id;
  };
  // The grants as the recipients are named, so each recipient's roles come from the same rule as a caller's.
  const named: RoleGrant[] = [];
  for (const grant of grants) named.push({ ...grant, principal: await resolve(grant.principal) });
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
): Rendered {
  const card: AdaptiveCard = actionCard(actionCardView(action, audit, today, { canEdit }), 'sv');
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
