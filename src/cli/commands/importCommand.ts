import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { saveImport, type ImportResult } from '../../importing/importService';
import { parseImportFile } from '../../importing/structured';
import { ActionRepository, AuditRepository, openTables } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';

/** `import <file> [--json] [--yes]`: audits from JSON or YAML (contract.md's format). */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <fil> [--json] [--yes]            importera granskningar från .json eller .yaml',
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
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
    context.out(values.json ? JSON.stringify(importJson(result)) : describeImport(result));
    return 0;
  },
};

/** The `--json` shape of contract.md. */
export function importJson(result: ImportResult) {
  return {
    audits: result.audits.map((audit) => ({
      id: audit.id,
      title: audit.title,
      actions: audit.actions.map((a) => ({ ref: a.ref, text: a.text, owner: a.owner, due: a.due })),
    })),
  };
}

/** The human-readable listing of an import or a draft. */
export function describeImport(result: ImportResult): string {
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
