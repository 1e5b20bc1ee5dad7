import { DateTime } from 'luxon';
import pino, { type Logger } from 'pino';
import { describeUnreachable } from '../../domain/reach';
import { sv, texts } from '../../texts';
import {
  createSchedulerRuntime,
  findUnreachableOwners,
  runReminderPass,
  shownMessageId,
  type DeliveryOutcome,
  type SchedulerRuntime,
} from '../../scheduler';
import { openTables } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand, type CliContext } from '../context';
import { countOf } from '../plural';

/** `remind [--now <ISO time>]`: one reminder pass, exactly as the server runs it, printing what it sent. */
export const remindCommand: CliCommand = {
  name: 'remind',
  usage: 'remind [--now <ISO-tid>]                  kör en påminnelsekörning (som om klockan vore --now)',
  async run(args, context) {
    const { tenantId, now, runtime } = await prepareTimedRun(args, context, this.usage);
    const report = await runReminderPass(runtime, tenantId, now);
    if (!report.ran) {
      context.err('En annan instans kör påminnelserna just nu; inget skickades. Försök igen om en stund.');
      return 1;
    }
    context.out(`Påminnelser för ${tenantId} per ${now.toISOString()}:`);
    const all = [...report.markedForCheck, ...report.outcomes];
    if (all.length === 0) context.out('  Inget att skicka.');
    for (const outcome of all) context.out(`  ${describeOutcome(outcome)}`);
    for (const error of report.errors) context.out(`  fel i lagringen: ${error}`);
    const count = (state: DeliveryOutcome['state']) =>
      all.filter((outcome) => outcome.state === state).length;
    context.out(
      `Skickade: ${count('sent')}, kunde inte levereras: ${count('deadLetter')}, att kontrollera: ${count('check')}, ` +
        `väntar på nytt försök: ${count('pending')}, inte längre aktuella: ${count('cancelled')}.`,
    );
    // Owners nobody can remind are not in the outbox at all once their rows are dead letters: say who they are.
    const owners = await findUnreachableOwners(runtime, tenantId);
    if (owners.length > 0) {
      const actions = owners.reduce((sum, owner) => sum + owner.refs.length, 0);
      context.out(`${sv.reach.title}: ${sv.reach.count(owners.length, actions)}`);
      for (const owner of owners) context.out(`  ${describeUnreachable(owner, sv.reach, (text) => text)}`);
      context.out(`  ${sv.reach.whatToDo}`);
    }
    return report.errors.length > 0 || report.aborted ? 1 : 0;
  },
};

const STATE_WORDS: Record<DeliveryOutcome['state'], string> = {
  sent: 'skickad',
  deadLetter: 'kunde inte levereras',
  check: 'kontrollera',
  pending: 'nytt försök senare',
  cancelled: 'inte längre aktuell',
  skipped: 'sköts av en annan instans',
};

/**
 * One line per message, in the words of the outbox and the unreachable list: what happened, what it was (kind,
 * action or committee, which reminder), to whom, and why when it was not sent, with what to do about a message
 * whose delivery is uncertain. Owners nobody can reach are listed after the pass with what to do about them.
 */
export function describeOutcome(outcome: DeliveryOutcome): string {
  const kind = texts('sv').outbox.kinds[outcome.kind].toLowerCase();
  const stage = stageWords(outcome.stage);
  const what = [kind, subjectWords(outcome.subject), stage === '' ? '' : `(${stage})`]
    .filter(Boolean)
    .join(' ');
  const line = `${STATE_WORDS[outcome.state]}: ${what} till ${outcome.recipient}`;
  if (outcome.state === 'sent') {
    return `${line} (aktivitet ${outcome.activityId ?? '?'} i ${outcome.conversationId ?? '?'})`;
  }
  const why = outcome.reason ? `: ${outcome.reason.replace(/\.?$/, '.')}` : '';
  const todo =
    outcome.state === 'check'
      ? ` Se efter i Teams och avgör med npm run cli -- outbox settle ${shownMessageId(outcome)} delivered ` +
        'eller resend.'
      : '';
  return `${line}${why}${todo}`;
}

/** The action (`A-6`), the committee of an audit date, or nothing for the digest. */
function subjectWords(subject: string): string {
  if (subject.startsWith('audit:')) return subject.slice(subject.indexOf('|') + 1);
  return subject === 'digest' ? '' : subject;
}

/** Which reminder of its series a message is, in Swedish: `before-14` is "14 dagar före", `overdue-3` "försenad, påminnelse 3". */
function stageWords(stage: string): string {
  const before = /^before-(\d+)$/.exec(stage);
  if (before) return `${countOf(Number(before[1]), 'dag', 'dagar')} före`;
  const overdue = /^overdue-(\d+)$/.exec(stage);
  if (overdue) return `försenad, påminnelse ${overdue[1] ?? ''}`;
  const words: Record<string, string> = {
    due: 'på dagen',
    'no-date': 'datum saknas',
    'after-snooze': 'efter uppskovet',
    escalation: '',
  };
  return words[stage] ?? stage;
}

/** What `remind` and `digest` act for and on: the tenant, the instant, and the scheduler as the server builds it. */
export interface TimedRun {
  tenantId: string;
  now: Date;
  runtime: SchedulerRuntime;
}

/**
 * Reads the flags `remind` and `digest` share (`--now`, `--tenant`, nothing else) and builds the scheduler.
 * @throws UsageError showing `usage` for a stray argument, or for a bad `--now` or tenant.
 */
export async function prepareTimedRun(
  args: readonly string[],
  context: CliContext,
  usage: string,
): Promise<TimedRun> {
  const { values, positionals } = parseFlags(args, { now: { type: 'string' }, tenant: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`Skriv: npm run cli -- ${usage.split('  ')[0]}`);
  const tenantId = tenantOf(values.tenant, context);
  const now = parseNow(values.now, context);
  return { tenantId, now, runtime: await cliRuntime(context) };
}

/**
 * `--now` as an instant: an ISO time with offset (`2026-03-17T08:00Z`), or without one in the municipality's time
 * zone (`2026-03-17T09:00` is 09:00 in Stockholm). Default: the current time.
 * @throws UsageError for anything else.
 */
export function parseNow(text: string | undefined, context: CliContext): Date {
  if (text === undefined) return context.now();
  const parsed = DateTime.fromISO(text.trim(), { zone: context.timeZone });
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim()) || !parsed.isValid) {
    throw new UsageError(
      `--now "${text}" är ingen tidpunkt; skriv till exempel 2026-03-17T09:00 eller 2026-03-17T08:00Z.`,
    );
  }
  return parsed.toJSDate();
}

/**
 * The scheduler as the server builds it (same tables, same credentials and allow-list), with log lines going to
 * the command's error output.
 */
export async function cliRuntime(context: CliContext): Promise<SchedulerRuntime> {
  const config = context.config;
  const tables = await openTables(context.connectionString);
  const log: Logger = pino({ level: 'warn' }, { write: (line: string) => context.err(line.trimEnd()) });
  const schedulerConfig = config ?? {
    timeZone: context.timeZone,
    adminAadIds: [],
    localMode: true,
    microsoftAppId: null,
  };
  // The bot's credentials sign the sends, as the server's do. Loaded only when there are credentials: the Bot
  // Framework is slow to load and not needed in local mode.
  const connector = config?.microsoftAppId
    ? (await import('../../teams/adapter.js')).botConnectorFor(config)
    : undefined;
  // Pacing, backoff and leases run on the real clock; `--now` only sets what the pass considers due.
  return createSchedulerRuntime(tables, schedulerConfig, { log, ...(connector ? { connector } : {}) });
}
