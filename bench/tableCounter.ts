/*
 * Counts the HTTP requests a TableClient sends, as an Azure SDK pipeline policy (passed to openTables through
 * `clientOptions.additionalPolicies`). It sits per retry, so every request on the wire counts, retries included,
 * and adds no latency, unlike a counting proxy in front of Azurite would.
 *
 * Each request is also named by its kind and table (`get users`, `query actions`, `batch actions`, ...), so that
 * a turn's requests can be listed and compared with the least a turn of its kind needs.
 */
import type { TableServiceClientOptions } from '@azure/data-tables';

type PolicyConfig = NonNullable<TableServiceClientOptions['additionalPolicies']>[number];
type PipelineRequest = Parameters<PolicyConfig['policy']['sendRequest']>[0];

/** Requests counted since the last reset, by kind and table. */
export class TableRequestCounter {
  private counts = new Map<string, number>();

  /** The policy to add to a TableClient's pipeline. */
  readonly policyConfig: PolicyConfig = {
    position: 'perRetry',
    policy: {
      name: 'benchTableRequestCounter',
      sendRequest: (request, next) => {
        const name = describeRequest(request);
        this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
        return next(request);
      },
    },
  };

  /** Options for openTables: every client counts here. */
  get openTablesOptions(): { clientOptions: TableServiceClientOptions } {
    return { clientOptions: { additionalPolicies: [this.policyConfig] } };
  }

  /** How many requests since the last reset. */
  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  /** The requests since the last reset, by kind and table, e.g. `{ 'get users': 1, 'batch actions': 1 }`. */
  get byKind(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts = new Map();
  }
}

/**
 * `get`, `query`, `insert`, `update`, `delete` or `batch`, and the table: from the URL, or for a batch from its
 * first sub-request.
 */
function describeRequest(request: PipelineRequest): string {
  const path = new URL(request.url).pathname;
  if (path.endsWith('/$batch')) {
    const body = typeof request.body === 'string' ? request.body : '';
    const table = /^(?:POST|PUT|PATCH|MERGE|DELETE|GET) \S*?\/([A-Za-z][A-Za-z0-9]*)[(?\s]/m.exec(body)?.[1];
    return `batch ${table ?? '?'}`;
  }
  const match = /\/([A-Z][A-Z0-9]*)(\(.*\))?$/i.exec(decodeURIComponent(path));
  const table = match?.[1] ?? '?';
  const keys = match?.[2];
  switch (request.method) {
    case 'GET':
      // A point read names both keys; a query has empty parentheses or none.
      return `${keys && keys !== '()' ? 'get' : 'query'} ${table}`;
    case 'POST':
      return `insert ${table}`;
    case 'DELETE':
      return `delete ${table}`;
    default:
      return `update ${table}`;
  }
}
