/**
 * Retention of the outbox: rows whose story is over (sent, dead-lettered, cancelled) are removed once they are older
 * than the retention, so the table does not grow for ever. Rows that still matter are never touched: `pending` and
 * `sending` (owed or under way) and `check` (a person has to settle it). Nothing else is removed either: an action's
 * history lives in its own table.
 *
 * A row is also the proof that its message went out: its key is what stops a pass from sending the same reminder
 * again. The reminder policy looks {@link LOOKBACK_DAYS} back for a stage that is still owed, so a row is removed only
 * when its stage date lies further back than that (with a margin): its key can then never be owed again, whatever
 * the retention says.
 */
import { civilDateAt } from '../domain/dates';
import { ConflictError, type OutboxState } from '../storage';
import { addDays } from './calendar';
import { withLease } from './lease';
import { LOOKBACK_DAYS } from './policy';
import type { SchedulerRuntime } from './runtime';

/** The lease and run-record name of the retention job. */
export const OUTBOX_RETENTION_JOB = 'outboxRetention';

/** When retention runs: once a day at 03:15 local time, when no reminders or digests go out. */
export const OUTBOX_RETENTION_CRON = '15 3 * * *';

/** Days a finished row is kept after its last change (OUTBOX_RETENTION_DAYS). */
export const DEFAULT_OUTBOX_RETENTION_DAYS = 90;

/** States whose rows may be removed: the final ones. */
export const RETAINED_STATES: readonly OutboxState[] = ['sent', 'deadLetter', 'cancelled'];

/** Days beyond the policy's look-back before a key is let go: room for clock skew and a clock set back by hand. */
const KEY_MARGIN_DAYS = 7;

/** Options for {@link runOutboxRetention}. */
export interface RetentionOptions {
  /** Rows changed at least this many days before `now` may go. Default: {@link DEFAULT_OUTBOX_RETENTION_DAYS}. */
  retentionDays?: number;
  /** Stops between batches (shutdown, lease lost); what is left goes next time. */
  signal?: AbortSignal;
  /** The schedule slot the run is for, recorded as the job's last run when it completes. Default: none recorded. */
  slot?: Date;
}

/** What a retention run did. */
export interface RetentionReport {
  tenantId: string;
  /** False when another instance held the lease: it runs the job. */
  ran: boolean;
  /** Rows removed. */
  removed: number;
  /** Old enough by the retention, but kept because their key could still be owed (see the module comment). */
  keptForKey: number;
}

/**
 * Removes the tenant's finished outbox rows older than the retention, under the tenant's retention lease, in
 * transactions of up to 100 rows with the ETags they were read with.
 */
export async function runOutboxRetention(
  runtime: SchedulerRuntime,
  tenantId: string,
  now: Date,
  options: RetentionOptions = {},
): Promise<RetentionReport> {
  const retentionDays = options.retentionDays ?? DEFAULT_OUTBOX_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new RangeError(
      `runOutboxRetention: retentionDays must be a positive integer, not ${retentionDays}.`,
    );
  }
  const report: RetentionReport = { tenantId, ran: false, removed: 0, keptForKey: 0 };
  const run = await withLease(runtime, tenantId, OUTBOX_RETENTION_JOB, options.signal, async (keeper) => {
    const { deps } = runtime;
    const previous = await deps.leases.getLastRun(tenantId, OUTBOX_RETENTION_JOB);
    const old = await deps.outbox.listMessages(tenantId, {
      states: RETAINED_STATES,
      updatedBefore: new Date(now.getTime() - retentionDays * 86_400_000),
    });
    const lastOwedDate = addDays(civilDateAt(now, deps.timeZone), -(LOOKBACK_DAYS + KEY_MARGIN_DAYS));
    const expired = old.filter((message) => message.stageDate < lastOwedDate);
    report.keptForKey = old.length - expired.length;
    // Batches of the repository's transaction size, so the lease is kept alive and a stop is heeded between them.
    for (let start = 0; start < expired.length && !keeper.signal.aborted; start += 100) {
      await keeper.keepAlive();
      if (keeper.signal.aborted) break;
      report.removed += await deps.outbox.deleteMessages(tenantId, expired.slice(start, start + 100));
    }
    if (!keeper.signal.aborted && options.slot) {
      await deps.leases
        .recordRun(tenantId, OUTBOX_RETENTION_JOB, options.slot, previous, { now: deps.clock.now() })
        .catch((error: unknown) => {
          // Another instance recorded a run meanwhile: its record stands.
          if (!(error instanceof ConflictError)) throw error;
        });
    }
    if (report.removed > 0 || report.keptForKey > 0) {
      deps.log.info(
        { tenant: tenantId, removed: report.removed, keptForKey: report.keptForKey },
        'Utkorgen rensad',
      );
    }
  });
  report.ran = run.ran;
  return report;
}
