import { runCli } from '../../src/cli/run';

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
