import { ConflictError, type Lease } from '../storage';
import type { SchedulerRuntime } from './runtime';

/** Keeps a lease alive while a job works, and tells the job (through `signal`) when it lost it. */
export interface LeaseKeeper {
  /** Aborted when the lease was lost (taken over after a stall) or the caller's signal aborted. */
  readonly signal: AbortSignal;
  /** Renews the lease when a third of its time has passed; call it before each unit of work. */
  keepAlive(): Promise<void>;
}

/** What {@link withLease} answers: the job's result, or that another instance holds the lease. */
export type LeaseRun<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` while holding the tenant's lease `name`, so that of several instances only one runs the job at a time.
 * The lease is renewed as the work goes (with its ETag) and released at the end, also when the work fails.
 */
export async function withLease<T>(
  runtime: SchedulerRuntime,
  tenantId: string,
  name: string,
  outer: AbortSignal | undefined,
  work: (keeper: LeaseKeeper) => Promise<T>,
): Promise<LeaseRun<T>> {
  const { leases, clock, tuning, holder, log } = runtime.deps;
  let lease: Lease | null = await leases.acquireLease(tenantId, name, holder, {
    now: clock.now(),
    durationMs: tuning.leaseMs,
  });
  if (!lease) return { ran: false };
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  if (outer?.aborted) controller.abort(outer.reason);
  let renewedAt = clock.now().getTime();
  let renewing: Promise<void> | null = null;
  const keeper: LeaseKeeper = {
    signal: controller.signal,
    async keepAlive() {
      if (!lease || clock.now().getTime() - renewedAt < tuning.leaseMs / 3) return;
      // One renewal at a time: concurrent workers wait for the same one.
      renewing ??= (async () => {
        try {
          if (!lease) return;
          lease = await leases.renewLease(lease, { now: clock.now(), durationMs: tuning.leaseMs });
          renewedAt = clock.now().getTime();
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          log.warn({ tenant: tenantId, lease: name }, 'Lånet togs över av en annan instans; avbryter');
          lease = null;
          controller.abort(error);
        } finally {
          renewing = null;
        }
      })();
      await renewing;
    },
  };
  try {
    return { ran: true, value: await work(keeper) };
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
    if (lease) {
      await leases.releaseLease(lease).catch((error: unknown) => {
        // An unreleased lease only delays the next pass until it expires; the work's own outcome matters more.
        log.warn(
          { err: error instanceof Error ? error.message : String(error), lease: name },
          'Lånet kunde inte lämnas tillbaka',
        );
      });
    }
  }
}
