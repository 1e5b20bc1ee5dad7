import { formatInstant } from '../../domain/dates';
import {
  DEFAULT_DEAD_LETTER_DAYS,
  listUncertain,
  OutboxSettleError,
  SETTLE_DECISIONS,
  settleOutboxMessage,
  shownMessageId,
  type SettleDecision,
} from '../../scheduler';
import { openTables, OutboxRepository, outboxSubjectText, type OutboxMessage } from '../../storage';
import { texts } from '../../texts';
import { parseFlags, tenantOf, UsageError, type CliCommand, type CliContext } from '../context';

const USAGE = 'outbox list [--days <n>] | outbox settle <id> delivered|resend';

/** Most days back `--days` reaches: dead letters older than that are history, not something to act on. */
const MAX_DAYS = 365;

/** Who settled a message, as the row's reason records it. */
const SETTLED_BY = 'kommandoraden';

/**
 * `outbox list [--days <n>]` and `outbox settle <id> delivered|resend`: the messages whose delivery is uncertain
 * (state `check`), and a person's verdict on one after looking in Teams. `list` also shows, apart, what was
 * dead-lettered in the last days, since that is the other thing an operator looks for here. Recipients are printed
 * as the outbox holds them, as `remind` prints them.
 *
 * Like `role` and `policy`, the CLI runs on the server with the storage's connection string, so there is no per-user
 * check; the move itself is conditional on the ETag, so a verdict never overwrites a change made meanwhile.
 */
export const outboxCommand: CliCommand = {
  name: 'outbox',
  usage: `${USAGE}   visa och avgör meddelanden med oklar leverans`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      days: { type: 'string' },
      tenant: { type: 'string' },
    });
    const [verb, ...rest] = positionals;
    if (verb === 'list' && rest.length === 0) {
      return list(context, tenantOf(values.tenant, context), parseDays(values.days));
    }
    if (verb === 'settle' && rest.length === 2 && values.days === undefined) {
      const [id = '', decision = ''] = rest;
      if (!isDecision(decision)) {
        throw new UsageError(
          `Okänt beslut "${decision}"; skriv delivered (kom fram) eller resend (skicka igen).`,
        );
      }
      return settle(context, tenantOf(values.tenant, context), id, decision);
    }
    throw new UsageError(`Skriv: npm run cli -- ${USAGE}`);
  },
};

async function outboxOf(context: CliContext): Promise<OutboxRepository> {
  return new OutboxRepository((await openTables(context.connectionString)).outbox);
}

async function list(context: CliContext, tenantId: string, days: number): Promise<number> {
  const now = context.now();
  const { check, deadLetters } = await listUncertain(await outboxOf(context), tenantId, {
    now,
    deadLetterDays: days,
  });
  context.out(`Att kontrollera för klient ${tenantId} (${check.length}): oklart om meddelandet kom fram.`);
  if (check.length === 0) context.out('  Inget.');
  for (const message of check) context.out(`  ${describeMessage(message, context.timeZone)}`);
  if (check.length > 0) {
    context.out(
      'Se efter i Teams och avgör med: npm run cli -- outbox settle <id> delivered (kom fram) eller resend ' +
        '(skicka igen vid nästa påminnelsekörning).',
    );
  }
  if (days > 0) {
    context.out('');
    context.out(
      `Kunde inte levereras ${days === 1 ? 'den senaste dagen' : `de senaste ${days} dagarna`} ` +
        `(${deadLetters.length}): skickas inte igen, ` +
        'ingen åtgärd här.',
    );
    if (deadLetters.length === 0) context.out('  Inget.');
    for (const message of deadLetters) context.out(`  ${describeMessage(message, context.timeZone)}`);
  }
  return 0;
}

async function settle(
  context: CliContext,
  tenantId: string,
  id: string,
  decision: SettleDecision,
): Promise<number> {
  let settled: OutboxMessage;
  try {
    settled = await settleOutboxMessage(await outboxOf(context), tenantId, id, decision, {
      now: context.now(),
      by: SETTLED_BY,
    });
  } catch (error) {
    if (error instanceof OutboxSettleError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  const what = `${shownMessageId(settled)} (${describeWhat(settled)})`;
  context.out(
    decision === 'delivered'
      ? `Meddelandet ${what} är markerat som levererat; inget skickades.`
      : `Meddelandet ${what} skickas igen vid nästa påminnelsekörning, om det fortfarande är aktuellt ` +
          '(annars markeras det som inte längre aktuellt).',
  );
  return 0;
}

/** One line: id, what, to whom, when it last changed, and why it stands where it does. */
function describeMessage(message: OutboxMessage, timeZone: string): string {
  const when = formatInstant(message.updatedAt, timeZone);
  const why = [message.code, message.reason].filter(Boolean).join(': ') || 'okänd orsak';
  return `${shownMessageId(message)}  ${describeWhat(message)}, ${when}: ${why}`;
}

/** The kind, what it is about (the action's reference where there is one) and the recipient. */
function describeWhat(message: OutboxMessage): string {
  const kind = texts('sv').outbox.kinds[message.kind].toLowerCase();
  return `${kind} ${outboxSubjectText(message)} → ${message.recipient}`;
}

function parseDays(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DEAD_LETTER_DAYS;
  const days = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(days >= 0 && days <= MAX_DAYS)) {
    throw new UsageError(
      `--days "${text}" ska vara ett antal dagar 0–${MAX_DAYS} (0 visar inga olevererade).`,
    );
  }
  return days;
}

function isDecision(value: string): value is SettleDecision {
  return (SETTLE_DECISIONS as readonly string[]).includes(value);
}
