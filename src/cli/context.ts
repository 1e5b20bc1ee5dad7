import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../server/config';

/** What the command line needs from its surroundings; `main.ts` wires the real ones, tests their own. */
export interface CliContext {
  /** The Table service's connection string. */
  connectionString: string;
  /** The tenant used without `--tenant`; null when there is no single obvious one. */
  defaultTenantId: string | null;
  /** The municipality's time zone (TIME_ZONE). */
  timeZone: string;
  now: () => Date;
  /**
   * The validated configuration, for commands that talk to Teams (`remind`, `digest`: the bot's credentials, local
   * mode, ADMIN_AAD_IDS). Absent, they act as in local mode (no token, loopback connectors only).
   */
  config?: Config;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A problem with what the user typed: printed as one line, exit status 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One CLI command: its name, a line of usage, and what it does (returns the exit status). */
export interface CliCommand {
  name: string;
  usage: string;
  run(args: readonly string[], context: CliContext): Promise<number>;
}

/** `node:util` parseArgs with strict options; an unknown flag becomes a UsageError naming it. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new UsageError((cause as Error).message.split('\n')[0] ?? 'Felaktiga flaggor.');
  }
}

/** The tenant a command acts for: `--tenant`, else the context's default. */
export function tenantOf(flag: unknown, context: CliContext): string {
  if (typeof flag === 'string' && flag.trim()) return flag.trim().toLowerCase();
  if (context.defaultTenantId) return context.defaultTenantId;
  throw new UsageError('Ange klient med --tenant <id> (ALLOWED_TENANT_IDS har inte exakt en klient).');
}
