import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { civilDateAt } from '../../domain/dates';
import { buildBoardReport, renderPublicCsv, renderPublicHtml } from '../../reports';
import { ActionRepository, AuditRepository, openTables } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';

/** The files `export public` writes in its directory. */
export const PUBLIC_FILES = { html: 'revisionsuppfoljning.html', csv: 'revisionsuppfoljning.csv' } as const;

/** Where the files go without `--out`. */
const DEFAULT_DIR = 'publik';

/**
 * `export public [--out DIR]`: the public follow-up table for one tenant, as a static HTML page and a CSV, with
 * no names, e-mail addresses, comments, notes or evidence (src/reports/publicTable.ts).
 */
export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export public [--out KATALOG]   den publika uppföljningstabellen (HTML och CSV, utan namn)',
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      out: { type: 'string' },
      tenant: { type: 'string' },
    });
    const [what, ...rest] = positionals;
    if (what !== 'public' || rest.length > 0) {
      throw new UsageError(`Skriv: ${this.usage}`);
    }
    const dir = resolve(values.out?.trim() || DEFAULT_DIR);
    const tenantId = tenantOf(values.tenant, context);
    const asOf = civilDateAt(context.now(), context.timeZone);

    const tables = await openTables(context.connectionString);
    const actions = new ActionRepository(tables.actions);
    // The history is not read: deadline reasons are comments, and nothing of them is published.
    const [audits, actionList] = await Promise.all([
      new AuditRepository(tables.audits).listAudits(tenantId),
      actions.listActions(tenantId),
    ]);
    const report = buildBoardReport(audits, actionList, [], asOf, { timeZone: context.timeZone });
    const files = await writeAll(dir, [
      [PUBLIC_FILES.html, renderPublicHtml(report)],
      [PUBLIC_FILES.csv, renderPublicCsv(report)],
    ]);
    context.out(
      `Skrev ${files.join(' och ')}: ${report.summary.totals.total} åtgärder i ${report.keyFigures.audits} ` +
        `granskningar, per ${asOf}.`,
    );
    return 0;
  },
};

/** Writes every file to a temporary name first and renames them into place only when all are written. */
async function writeAll(dir: string, files: readonly [string, string][]): Promise<string[]> {
  const suffix = `.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const written: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, text] of files) {
      const temp = join(dir, `${name}${suffix}`);
      await writeFile(temp, text, 'utf8');
      written.push(temp);
    }
    for (const [name] of files) await rename(join(dir, `${name}${suffix}`), join(dir, name));
  } catch (cause) {
    await Promise.all(written.map((temp) => rm(temp, { force: true })));
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === undefined) throw cause;
    throw new UsageError(`${dir}: den publika tabellen kan inte skrivas (${code}).`);
  }
  return files.map(([name]) => join(dir, name));
}
