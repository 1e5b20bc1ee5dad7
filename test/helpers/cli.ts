import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli/run';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from './azurite';
import { newTenantId } from './ids';

/** The outcome of one in-process CLI run. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the CLI in-process against a given Table service and tenant, collecting what it prints. `allowedTenantIds`
 * is ALLOWED_TENANT_IDS; default: none, so any tenant (local mode).
 */
export async function runCliForTest(
  argv: string[],
  options: { connectionString: string; tenantId: string; now?: Date; allowedTenantIds?: readonly string[] },
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    connectionString: options.connectionString,
    defaultTenantId: options.tenantId,
    allowedTenantIds: options.allowedTenantIds ?? [],
    timeZone: 'Europe/Stockholm',
    now: () => options.now ?? new Date('2026-03-02T09:00:00Z'),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * Runs `npm run --silent cli -- <argv>` as a user does, in a child process, against the Table service at
 * `connectionString` with only `allowedTenantId` in ALLOWED_TENANT_IDS. Resolves with the exit code and what it
 * printed, whether it succeeded or not.
 */
export async function runNpmCli(
  argv: string[],
  options: { connectionString: string; allowedTenantId: string },
): Promise<CliRun> {
  const env = {
    ...process.env,
    TABLES_CONNECTION_STRING: options.connectionString,
    ALLOWED_TENANT_IDS: options.allowedTenantId,
    MicrosoftAppId: '',
    LOG_LEVEL: 'silent',
  };
  return promisify(execFile)('npm', ['run', '--silent', 'cli', '--', ...argv], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout, err: stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      out: error.stdout,
      err: error.stderr,
    }),
  );
}

/** The Table service a CLI spec runs against, and a fresh tenant per test: see {@link useCliStorage}. */
export interface CliStorage {
  readonly connectionString: string;
  readonly tables: Tables;
  readonly tenantId: string;
}

/**
 * Call inside a `describe`: the tests' Azurite and its tables once, a new tenant before each test (so no test sees
 * another's rows). Read the fields inside hooks and tests, not while the describe is being defined.
 */
export function useCliStorage(): CliStorage {
  let opened: { connectionString: string; tables: Tables } | null = null;
  let tenantId: string | null = null;
  const ready = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`useCliStorage: ${what} is read before the hooks ran`);
    return value;
  };
  before(async () => {
    const { connectionString } = await testAzurite();
    opened = { connectionString, tables: await openTables(connectionString) };
  });
  beforeEach(() => {
    tenantId = newTenantId();
  });
  return {
    get connectionString() {
      return ready(opened, 'connectionString').connectionString;
    },
    get tables() {
      return ready(opened, 'tables').tables;
    },
    get tenantId() {
      return ready(tenantId, 'tenantId');
    },
  };
}
