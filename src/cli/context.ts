import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isEntraId, type Config } from '../server/config';

/** What the command line needs from its surroundings; `main.ts` wires the real ones, tests their own. */
export interface CliContext {
  /** The Table service's connection string. */
  connectionString: string;
  /** The tenant used without `--tenant`; null when there is no single obvious one. */
  defaultTenantId: string | null;
  /** ALLOWED_TENANT_IDS, lower case: the only tenants `--tenant` may name; empty means every tenant (local mode). */
  allowedTenantIds: readonly string[];
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
  /** Whether the command's usage follows the message (a mistyped flag). */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.showUsage = options.showUsage ?? false;
  }
}

/** One CLI command: its name, a line of usage, and what it does (returns the exit status). */
export interface CliCommand {
  name: string;
  usage: string;
  run(args: readonly string[], context: CliContext): Promise<number>;
}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs with strict options.
 * @throws UsageError (with the command's usage) saying in Swedish which flag is wrong and how.
 */
export function parseFlags<T extends FlagOptions>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch {
    throw new UsageError(flagProblem(args, options), { showUsage: true });
  }
}

/** What is wrong with the flags that strict parsing refused, read again leniently token by token. */
function flagProblem(args: readonly string[], options: FlagOptions): string {
  const { tokens } = parseArgs({
    args: [...args],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (option === undefined) return `Okänd flagga ${token.rawName}.`;
    if (option.type === 'boolean' && token.value !== undefined) {
      return `Flaggan ${token.rawName} tar inget värde (skriv bara ${token.rawName}).`;
    }
    if (option.type !== 'string') continue;
    if (token.value === undefined) return `Flaggan ${token.rawName} saknar värde.`;
    if (!token.inlineValue && token.value.startsWith('-')) {
      return (
        `Flaggan ${token.rawName} saknar värde ("${token.value}" ser ut som en flagga; ` +
        `skriv ${token.rawName}=${token.value} om det är värdet).`
      );
    }
  }
  return 'Felaktiga flaggor.';
}

/**
 * The tenant a command acts for: `--tenant`, else the context's default.
 * @throws UsageError when `--tenant` is empty, not shaped like a tenant id, or not in ALLOWED_TENANT_IDS.
 */
export function tenantOf(flag: unknown, context: CliContext): string {
  if (typeof flag === 'string') {
    const tenantId = flag.trim().toLowerCase();
    if (tenantId === '') throw new UsageError('Flaggan --tenant saknar värde; ange klientens id.');
    if (!isEntraId(tenantId)) {
      throw new UsageError(
        `--tenant "${flag.trim()}" är inget klient-id (tenant id); ange ett GUID som ` +
          '72f988bf-86f1-41af-91ab-2d7cd011db47. Inget har ändrats.',
      );
    }
    const allowed = context.allowedTenantIds;
    if (allowed.length > 0 && !allowed.includes(tenantId)) {
      throw new UsageError(
        `--tenant ${tenantId}: klienten finns inte i ALLOWED_TENANT_IDS, och boten tar inte emot den; ange ` +
          `${allowed.length === 1 ? 'klienten' : 'en av klienterna'} där (${allowed.join(', ')}). Inget har ändrats.`,
      );
    }
    return tenantId;
  }
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
