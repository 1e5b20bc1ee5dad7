import { Cron } from 'croner';
import { DIGEST_JOB, runDigest, type DigestReport } from './digest';
import {
  DEFAULT_OUTBOX_RETENTION_DAYS,
  OUTBOX_RETENTION_CRON,
  OUTBOX_RETENTION_JOB,
  runOutboxRetention,
  type RetentionReport,
} from './outboxRetention';
import { REMIND_JOB, loadReminderPolicy, runReminderPass, type PassReport } from './reminderPass';
import type { SchedulerRuntime } from './runtime';
import { latestSlot } from './slots';

/** When reminder passes run by default: every quarter of an hour, local time (reminders are due at 09:00). */
export const DEFAULT_PASS_CRON = '*/15 * * * *';

/** How often the scheduler looks whether a pass or a digest is due. */
const HEARTBEAT_CRON = '* * * * *';

/** Options for {@link ReminderScheduler}. */
export interface ReminderSchedulerOptions {
  /** The tenants whose reminders this server sends. */
  tenants: readonly string[];
  /** Cron pattern of reminder passes, in the municipality's time zone. Default: {@link DEFAULT_PASS_CRON}. */
  passCron?: string;
  /** Days finished outbox rows are kept (OUTBOX_RETENTION_DAYS). Default: 90. */
  outboxRetentionDays?: number;
}

/** What one tick did, per tenant. */
export interface TickReport {
  passes: PassReport[];
  digests: DigestReport[];
  /** The daily outbox retention runs. */
  retention: RetentionReport[];
  /** Failures by tenant; the tick went on with the other tenants and the next tick tries again. */
  errors: string[];
}

/**
 * Runs reminder passes and the weekly digest on their schedules. Every minute it compares, per tenant and job, the
 * latest slot of the schedule with the last run recorded in storage, and runs the job when a slot has no run: on
 * time in normal operation, once after downtime however many slots were missed, and by one instance at a time (the
 * job's lease). The first tick runs at start, which is the catch-up after a restart.
 */
export class ReminderScheduler {
  private readonly passCron: string;
  private cron: Cron | null = null;
  private controller = new AbortController();
  private running: Promise<TickReport> | null = null;

  constructor(
    private readonly runtime: SchedulerRuntime,
    private readonly options: ReminderSchedulerOptions,
  ) {
    this.passCron = options.passCron ?? DEFAULT_PASS_CRON;
  }

  /** Starts ticking (the first tick at once). Calling it twice does nothing. */
  start(): void {
    if (this.cron) return;
    this.controller = new AbortController();
    this.cron = new Cron(HEARTBEAT_CRON, { timezone: this.runtime.deps.timeZone, protect: true }, () =>
      this.tickOnce(),
    );
    void this.tickOnce();
  }

  /**
   * Stops ticking, asks a job under way to stop between messages (what it has not sent stays owed in the outbox),
   * waits for it, and so releases its lease for another instance.
   */
  async stop(): Promise<void> {
    this.cron?.stop();
    this.cron = null;
    this.controller.abort(new Error('Schemaläggaren stängs av.'));
    await this.running?.catch(() => undefined);
  }

  /**
   * Looks once whether a pass or digest is due for each tenant at `now`, and runs it. Ticks do not overlap: a tick
   * asked for while one runs gets that one's report.
   */
  tick(now?: Date): Promise<TickReport> {
    this.running ??= this.runTick(now ?? this.runtime.deps.clock.now()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async tickOnce(): Promise<void> {
    const report = await this.tick();
    for (const error of report.errors)
      this.runtime.deps.log.error({ err: error }, 'Schemalagd körning misslyckades');
  }

  private async runTick(now: Date): Promise<TickReport> {
    const { deps } = this.runtime;
    const report: TickReport = { passes: [], digests: [], retention: [], errors: [] };
    const signal = this.controller.signal;
    for (const tenantId of this.options.tenants) {
      if (signal.aborted) break;
      try {
        const passSlot = latestSlot(this.passCron, deps.timeZone, now);
        if (passSlot && (await this.missed(tenantId, REMIND_JOB, passSlot))) {
          const pass = await runReminderPass(this.runtime, tenantId, now, { signal, slot: passSlot });
          report.passes.push(pass);
          logPass(this.runtime, pass);
        }
        const policy = await loadReminderPolicy(this.runtime, tenantId);
        const digestSlot = latestSlot(policy.digestCron, deps.timeZone, now);
        if (digestSlot && (await this.missed(tenantId, DIGEST_JOB, digestSlot))) {
          const digest = await runDigest(this.runtime, tenantId, now, { signal });
          report.digests.push(digest);
          if (digest.outcome)
            deps.log.info({ tenant: tenantId, state: digest.outcome.state }, 'Veckosammanfattning');
        }
        const retentionSlot = latestSlot(OUTBOX_RETENTION_CRON, deps.timeZone, now);
        if (retentionSlot && (await this.missed(tenantId, OUTBOX_RETENTION_JOB, retentionSlot))) {
          report.retention.push(
            await runOutboxRetention(this.runtime, tenantId, now, {
              signal,
              slot: retentionSlot,
              retentionDays: this.options.outboxRetentionDays ?? DEFAULT_OUTBOX_RETENTION_DAYS,
            }),
          );
        }
      } catch (error) {
        report.errors.push(`${tenantId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return report;
  }

  /** True when no run of `job` is recorded for `slot` or later. */
  private async missed(tenantId: string, job: string, slot: Date): Promise<boolean> {
    const last = await this.runtime.deps.leases.getLastRun(tenantId, job);
    return last === null || Date.parse(last.slot) < slot.getTime();
  }
}

function logPass(runtime: SchedulerRuntime, pass: PassReport): void {
  if (!pass.ran) return;
  const counts: Record<string, number> = {};
  for (const outcome of [...pass.outcomes, ...pass.markedForCheck])
    counts[outcome.state] = (counts[outcome.state] ?? 0) + 1;
  runtime.deps.log.info(
    { tenant: pass.tenantId, at: pass.at, ...counts, errors: pass.errors.length },
    'Påminnelsekörning',
  );
}
