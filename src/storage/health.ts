import { TableServiceClient } from '@azure/data-tables';
import { guarded } from './errorHelpers';

/** How long a health probe may wait for the Table service before calling it down. */
const PROBE_TIMEOUT_MS = 3_000;

/**
 * Asks the Table service for its properties: one cheap request that needs a working account. Resolves when
 * storage answers; throws a StorageError (code `Unavailable` when nothing answers) otherwise.
 */
export async function checkTableService(connectionString: string): Promise<void> {
  const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connectionString);
  const client = TableServiceClient.fromConnectionString(connectionString, {
    allowInsecureConnection: insecure,
    retryOptions: { maxRetries: 0 },
  });
  await guarded('Hälsokontroll av lagringen', () =>
    client.getProperties({ abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }),
  );
}
