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

/**
 * Reads `--format a,b`: each name once, in the order given, each one of `known`; `md` when the flag is absent.
 * @throws UsageError naming the known formats when the list is empty or a name is unknown.
 */
export function parseFormatList<T extends string>(flag: string | undefined, known: readonly T[]): T[] {
  const names = (flag ?? 'md')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0)
    throw new UsageError(`Ange format med --format, en eller flera av ${known.join(',')}.`);
  const formats: T[] = [];
  for (const name of names) {
    const format = known.find((candidate) => candidate === name);
    if (format === undefined) throw new UsageError(`Okänt format "${name}"; välj bland ${known.join(', ')}.`);
    if (!formats.includes(format)) formats.push(format);
  }
  return formats;
}

/**
 * Reads `--lang sv|en`, in any case; Swedish when the flag is absent.
 * @throws UsageError naming the languages for any other value.
 */
export function parseLanguage(flag: string | undefined): 'sv' | 'en' {
  const value = (flag ?? 'sv').trim().toLowerCase();
  if (value === 'sv' || value === 'en') return value;
  throw new UsageError(`Okänt språk "${flag ?? ''}"; välj sv eller en.`);
}
