import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { civilDateAt } from '../../domain/dates';
import { formatRecommendationRef } from '../../domain/refs';
import type { TrackedRecommendation } from '../../domain/types';
import {
  buildBoardReport,
  recommendationKey,
  renderPublicCsv,
  renderPublicHtml,
  type PublicTableOptions,
  type PublicVerdict,
} from '../../reports';
import { ActionRepository, AuditRepository, openTables } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';
import { countOf } from '../plural';

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
    const auditRepository = new AuditRepository(tables.audits);
    const [audits, actionList, recommendations] = await Promise.all([
      auditRepository.listAudits(tenantId),
      actions.listActions(tenantId),
      auditRepository.recommendations.listRecommendations(tenantId),
    ]);
    const report = buildBoardReport(audits, actionList, [], asOf, { timeZone: context.timeZone });
    const options = publicTableOptions(recommendations);
    const files = await writeAll(dir, [
      [PUBLIC_FILES.html, renderPublicHtml(report, options)],
      [PUBLIC_FILES.csv, renderPublicCsv(report, options)],
    ]);
    context.out(
      `Skrev ${files.join(' och ')}: ${countOf(report.summary.totals.total, 'åtgärd', 'åtgärder')} i ` +
        `${countOf(report.keyFigures.audits, 'granskning', 'granskningar')}, per ${asOf}.`,
    );
    return 0;
  },
};

/** The references and latest verdicts the table publishes: the verdict and its day, never who gave it or why. */
function publicTableOptions(recommendations: readonly TrackedRecommendation[]): PublicTableOptions {
  const recommendationRefs = new Map<string, string>();
  const verdicts = new Map<string, PublicVerdict>();
  for (const rec of recommendations) {
    const key = recommendationKey(rec.auditId, rec.recommendationId);
    recommendationRefs.set(key, formatRecommendationRef(rec.ref));
    if (rec.latestVerdict !== null && rec.latestVerdictDate !== null) {
      verdicts.set(key, { verdict: rec.latestVerdict, date: rec.latestVerdictDate });
    }
  }
  return { recommendationRefs, verdicts };
}

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
