import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { guarded } from './errorHelpers';

/** The tables of the app. Every PartitionKey in them begins with the tenant id. */
export const TABLE_NAMES = {
  audits: 'audits',
  actions: 'actions',
  users: 'users',
  roles: 'roles',
  settings: 'settings',
  conversations: 'conversations',
  botState: 'botstate',
  activities: 'activities',
  outbox: 'outbox',
  leases: 'leases',
  snoozes: 'snoozes',
} as const;

export type TableName = keyof typeof TABLE_NAMES;

/** One TableClient per table of the app, all on one storage account. */
export type Tables = Record<TableName, TableClient>;

/** Options for {@link openTables}. */
export interface OpenTablesOptions {
  /** Prepended to every table name, so several apps (or test suites) can share an account. Default: ''. */
  prefix?: string;
  /** Passed to every TableClient. */
  clientOptions?: TableServiceClientOptions;
}

/**
 * Opens (and creates if missing) every table of the app. Plain-HTTP endpoints (Azurite) are allowed, since
 * the SDK refuses them by default.
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
          ...options.clientOptions,
        },
      );
      // createTable treats "already exists" as success.
      await guarded(`Tabellen ${client.tableName}`, () => client.createTable());
      return [name, client] as const;
    }),
  );
  return Object.fromEntries(entries) as Tables;
}
