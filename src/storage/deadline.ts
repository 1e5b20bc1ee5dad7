/**
 * Time limits on storage requests. Teams waits 15 s for a turn and then sends the activity again; a Table service
 * that answers slowly (or not at all) must end the turn with a clear message well before that, not hold it open.
 *
 * Two limits, both applied by one pipeline policy on every TableClient that {@link openTables} opens:
 * - a deadline for all the storage work of a piece of work (a turn), carried in an AsyncLocalStorage, so that no
 *   repository method needs an extra parameter: once it has passed, every request in flight is aborted and every
 *   later one fails at once;
 * - a limit per attempt for requests made outside such work (scheduler, CLI), so that a hung connection does not
 *   stall a pass for ever.
 *
 * An aborted request becomes a StorageError with code `Timeout` (see translateError).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TableServiceClientOptions } from '@azure/data-tables';

/** The Azure SDK's pipeline policy type, as the Tables client takes it (core-rest-pipeline is not ours to import). */
type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/** How long one attempt of a request may take when no deadline is set. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The name of the policy in the Azure SDK's pipeline. */
const POLICY_NAME = 'revisionsuppfoljningStorageDeadline';

const deadlines = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` with a deadline of `ms` for every storage request it makes (across awaits). Requests still running
 * when it passes are aborted; `work` itself is not stopped, so it can still answer the user.
 */
export function withStorageDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return deadlines.run(AbortSignal.timeout(ms), work);
}

/**
 * The Azure SDK pipeline policy behind {@link withStorageDeadline}. Placed per call (before the retry policy), so
 * that the deadline also cuts short the waits between retries.
 */
export const storageDeadlinePolicy: PipelinePolicy = {
  name: POLICY_NAME,
  sendRequest: (request, next) => {
    const deadline = deadlines.getStore();
    if (deadline) {
      const own = request.abortSignal;
      // A caller's own signal (none of ours passes one) is kept, joined with the deadline when it is a standard one.
      request.abortSignal = own instanceof AbortSignal ? AbortSignal.any([own, deadline]) : (own ?? deadline);
    } else if (!request.timeout) {
      request.timeout = REQUEST_TIMEOUT_MS;
    }
    return next(request);
  },
};
