import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '../domain/errors';
import { ROLES, type Role } from '../domain/roles';
import { ImportError } from '../importing/errors';
import { saveImport, type ImportResult } from '../importing/importService';
import { parseImportFile } from '../importing/structured';
import { ActionRepository } from '../storage/actionRepository';
import { AuditRepository } from '../storage/auditRepository';
import { StorageError } from '../storage/errors';
import { RoleRepository } from '../storage/roleRepository';
import { openTables } from '../storage/tables';

/** What the command line needs from its surroundings; `main.ts` wires the real ones, tests their own. */
export interface CliContext {
  /** The Table service's connection string. */
  connectionString: string;
  /** The tenant used without `--tenant`; null when there is no single obvious one. */
  defaultTenantId: string | null;
  now: () => Date;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A problem with what the user typed: printed as one line, exit status 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const USAGE = [
  'Användning: npm run cli -- <kommando> [flaggor]',
  '  import <fil> [--json] [--yes]            importera granskningar från .json eller .yaml',
  '  role add|remove <e-post eller objekt-id> admin|chair|coordinator [--committee <nämnd>]',
  '  remind [--now <ISO-tid>]                 (kommer med påminnelserna)',
  '  digest [--now <ISO-tid>]                 (kommer med veckosammanfattningen)',
  '  report [--format md,html,csv,xlsx] [--as-of ÅÅÅÅ-MM-DD] [--out FIL]   (kommer med rapporterna)',
  'Alla kommandon tar --tenant <id>.',
].join('\n');

/** Runs one CLI command and returns the exit status: 0 on success, 1 on bad input or failure. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'import':
        return await importCommand(rest, context);
      case 'role':
        return await roleCommand(rest, context);
      case 'remind':
      case 'digest':
      case 'report':
        throw new UsageError(`Kommandot ${command} finns inte ännu i den här versionen.`);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        context.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`Okänt kommando "${command}". Skriv "npm run cli -- help" för en lista.`);
    }
  } catch (error) {
    context.err(describeError(error));
    return 1;
  }
}

async function importCommand(args: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean', default: false },
    yes: { type: 'boolean', default: false },
    tenant: { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw new UsageError('Ange en fil: npm run cli -- import <fil> [--json] [--yes]');
  const extension = extname(file).toLowerCase();
  if (['.txt', '.md', '.docx'].includes(extension)) {
    throw new UsageError(
      `${file}: import från svarsdokument (${extension}) finns inte ännu; använd .json eller .yaml.`,
    );
  }
  const tenantId = tenantOf(values.tenant, context);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new UsageError(
      `${file}: filen kan inte läsas (${(cause as NodeJS.ErrnoException).code ?? 'okänt fel'}).`,
    );
  }
  const document = parseImportFile(file, text);
  const tables = await openTables(context.connectionString);
  const result = await saveImport(
    tenantId,
    document,
    { audits: new AuditRepository(tables.audits), actions: new ActionRepository(tables.actions) },
    { by: `import:${file}`, now: context.now() },
  );
  context.out(values.json ? JSON.stringify(toJson(result)) : describeImport(result));
  return 0;
}

async function roleCommand(args: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parse(args, { committee: { type: 'string' }, tenant: { type: 'string' } });
  const [verb, principal, role, ...extra] = positionals;
  if ((verb !== 'add' && verb !== 'remove') || !principal || !role || extra.length > 0) {
    throw new UsageError(
      'Skriv: npm run cli -- role add|remove <e-post eller objekt-id> admin|chair|coordinator [--committee <nämnd>]',
    );
  }
  if (!isRole(role)) throw new UsageError(`Okänd roll "${role}"; välj admin, chair eller coordinator.`);
  const tenantId = tenantOf(values.tenant, context);
  const tables = await openTables(context.connectionString);
  const roles = new RoleRepository(tables.roles);
  const grant = {
    role,
    principal,
    committee: typeof values.committee === 'string' ? values.committee : null,
  };
  if (verb === 'add') {
    await roles.addRole(tenantId, grant);
    context.out(`Rollen ${role} gavs till ${principal}${grant.committee ? ` för ${grant.committee}` : ''}.`);
  } else {
    await roles.removeRole(tenantId, grant);
    context.out(
      `Rollen ${role} togs bort från ${principal}${grant.committee ? ` för ${grant.committee}` : ''}.`,
    );
  }
  return 0;
}

type Options = Record<string, { type: 'string' | 'boolean'; default?: boolean }>;

function parse(args: readonly string[], options: Options) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new UsageError((cause as Error).message.split('\n')[0] ?? 'Felaktiga flaggor.');
  }
}

function tenantOf(flag: unknown, context: CliContext): string {
  if (typeof flag === 'string' && flag.trim()) return flag.trim().toLowerCase();
  if (context.defaultTenantId) return context.defaultTenantId;
  throw new UsageError('Ange klient med --tenant <id> (ALLOWED_TENANT_IDS har inte exakt en klient).');
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The `--json` shape of contract.md. */
function toJson(result: ImportResult) {
  return {
    audits: result.audits.map((audit) => ({
      id: audit.id,
      title: audit.title,
      actions: audit.actions.map((a) => ({ ref: a.ref, text: a.text, owner: a.owner, due: a.due })),
    })),
  };
}

function describeImport(result: ImportResult): string {
  const lines: string[] = [];
  for (const audit of result.audits) {
    const created = audit.actions.filter((a) => a.created).length;
    lines.push(
      `${audit.title} (${audit.created ? 'ny granskning' : 'fanns redan'}): ${created} nya åtgärder, ` +
        `${audit.actions.length - created} fanns redan`,
    );
    for (const action of audit.actions) {
      const due = action.due ?? 'DATUM SAKNAS – sätt ett datum';
      const phrase = action.phrase && action.phrase !== action.due ? ` ("${action.phrase}")` : '';
      lines.push(`  ${action.ref ?? '-'}  ${due}${phrase}  ${action.owner ?? 'ingen ägare'}  ${action.text}`);
    }
  }
  return lines.join('\n');
}

/** Errors become one line for the user; only an unexpected error says so, still without a stack trace. */
function describeError(error: unknown): string {
  if (error instanceof UsageError || error instanceof ImportError || error instanceof DomainError) {
    return `Fel: ${error.message}`;
  }
  if (error instanceof StorageError) return `Fel i lagringen: ${error.message}`;
  return `Oväntat fel: ${error instanceof Error ? error.message : String(error)}`;
}
