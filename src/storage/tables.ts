import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { storageDeadlinePolicy } from './deadline';
import { guarded } from './errorHelpers';

/** The tables of the app. Every PartitionKey in them begins with the tenant id. */
export const TABLE_NAMES = {
  audits: 'audits',
  actions: 'actions',
  users: 'users',
  roles: 'roles',
  settings: 'settings',
  conversations: 'conversations',
  activities: 'activities',
  outbox: 'outbox',
  leases: 'leases',
  snoozes: 'snoozes',
} as const;

export type TableName = keyof typeof TABLE_NAMES;

/** One TableClient per table of the app, all on one storage account. */
export type Tables = Record<TableName, TableClient>;

/**
 * Retries of a failed request: few and short, since a person waits for most of them (a turn has ten seconds of
 * storage time in all, see httpServer). The SDK's default (three retries from 0.8 s, doubling) spends six of them.
 */
const RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 };

/** Options for {@link openTables}. */
export interface OpenTablesOptions {
  /** Prepended to every table name, so several apps (or test suites) can share an account. Default: ''. */
  prefix?: string;
  /** Passed to every TableClient; its `additionalPolicies` come after the deadline policy. */
  clientOptions?: TableServiceClientOptions;
}

/**
 * Opens (and creates if missing) every table of the app. Plain-HTTP endpoints (Azurite) are allowed, since
 * the SDK refuses them by default. Every request keeps to the deadline of the work it is part of (deadline.ts).
 */
export async function openTables(connectionString: string, options: OpenTablesOptions = {}): Promise<Tables> {
  const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connectionString);
  const entries = await Promise.all(
    (Object.keys(TABLE_NAMES) as TableName[]).map(async (name) => {
      const client = TableClient.fromConnectionString(
        connectionString,
        `${options.prefix ?? ''}${TABLE_NAMES[name]}`,
        {
          allowInsecureConnection: insecure,
          retryOptions: RETRY_OPTIONS,
          ...options.clientOptions,
          additionalPolicies: [
            { policy: storageDeadlinePolicy, position: 'perCall' },
            ...(options.clientOptions?.additionalPolicies ?? []),
          ],
        },
      );
      // createTable treats "already exists" as success.
      await guarded(`Tabellen ${client.tableName}`, () => client.createTable());
      return [name, client] as const;
    }),
  );
  return Object.fromEntries(entries) as Tables;
}
