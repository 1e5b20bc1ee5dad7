import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { civilDateAt } from '../../domain/dates';
import type { Audit } from '../../domain/types';
import { buildReviewPack, type ReviewPackInput } from '../../reports/reviewPack';
import { renderReviewPack, REVIEW_FORMATS, type ReviewFormat } from '../../reports/reviewRender';
import { ActionRepository, AuditRepository, NotFoundError, openTables, type Tables } from '../../storage';
import {
  parseFlags,
  parseFormatList,
  parseLanguage,
  tenantOf,
  UsageError,
  type CliCommand,
} from '../context';
import { outputFiles } from './reportCommand';

/**
 * Reads what the review pack of one audit needs: the audit (by id, else by diary number), its recommendations with
 * their references, its actions with their history, and the verdicts.
 * @throws UsageError when no audit has that id or diary number.
 */
export async function readReviewPackInput(
  tables: Tables,
  tenantId: string,
  key: string,
): Promise<ReviewPackInput> {
  const audits = new AuditRepository(tables.audits);
  const actionRepository = new ActionRepository(tables.actions);
  const audit = await findAudit(audits, tenantId, key);
  const [recommendations, actions] = await Promise.all([
    audits.recommendations.listRecommendations(tenantId, { auditId: audit.id }),
    actionRepository.listActions(tenantId, { auditId: audit.id }),
  ]);
  // One audit has a handful of actions and recommendations: a query each is cheaper than reading the tenant's all.
  const [history, verdicts] = await Promise.all([
    Promise.all(actions.map((action) => actionRepository.listHistory(tenantId, action.ref))),
    Promise.all(
      recommendations.map((rec) => audits.recommendations.listVerdicts(tenantId, { ref: rec.ref })),
    ),
  ]);
  return { audit, recommendations, actions, history: history.flat(), verdicts: verdicts.flat() };
}

async function findAudit(audits: AuditRepository, tenantId: string, key: string): Promise<Audit> {
  const byDiary = await audits.findAuditId(tenantId, { diaryNumber: key, title: '', reportDate: '' });
  try {
    return await audits.getAudit(tenantId, byDiary ?? key);
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new UsageError(`Ingen granskning har diarienummer eller id "${key}".`);
    }
    throw error;
  }
}

/** `review <diary number or audit id> [--format md,html,xlsx] [--out FILE] [--lang sv|en]`: the review pack. */
export const reviewCommand: CliCommand = {
  name: 'review',
  usage:
    'review <diarienummer eller gransknings-id> [--format md,html,xlsx] [--out FIL] [--lang sv|en]   underlag för uppföljande granskning',
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      lang: { type: 'string', default: 'sv' },
      tenant: { type: 'string' },
    });
    const key = positionals.join(' ').trim();
    if (!key) throw new UsageError(`Ange granskningens diarienummer eller id. Skriv: ${this.usage}`);
    const formats = parseFormats(values.format);
    const language = parseLanguage(values.lang);
    const out = values.out?.trim() || null;
    if (out === null && formats.length > 1) {
      throw new UsageError('Flera format kräver --out <fil>; varje format skrivs med sin filändelse.');
    }
    if (out === null && formats[0] === 'xlsx') throw new UsageError('Formatet xlsx kräver --out <fil>.');
    const tenantId = tenantOf(values.tenant, context);

    const input = await readReviewPackInput(await openTables(context.connectionString), tenantId, key);
    const pack = buildReviewPack(input, civilDateAt(context.now(), context.timeZone), {
      language,
      timeZone: context.timeZone,
    });
    if (out === null) {
      context.out(String(await renderReviewPack(pack, formats[0] ?? 'md')).replace(/\r?\n$/, ''));
      return 0;
    }
    const files = await writeFiles(pack, formats, out);
    context.out(
      `Skrev ${files.join(', ')}: ${pack.recommendations.length} rekommendationer i "${pack.audit.title}", per ${pack.asOf}.`,
    );
    return 0;
  },
};

function parseFormats(flag: string | undefined): ReviewFormat[] {
  return parseFormatList(flag, REVIEW_FORMATS);
}

/** Writes each format to its file, all or nothing: temporary files renamed into place once all are written. */
async function writeFiles(
  pack: Parameters<typeof renderReviewPack>[0],
  formats: readonly ReviewFormat[],
  out: string,
): Promise<string[]> {
  const files = [...outputFiles(out, formats)];
  const suffix = `.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const written: string[] = [];
  try {
    for (const [format, file] of files) {
      const temp = `${file}${suffix}`;
      written.push(temp);
      await writeFile(temp, await renderReviewPack(pack, format as ReviewFormat));
    }
    for (const [, file] of files) await rename(`${file}${suffix}`, file);
  } catch (cause) {
    await Promise.all(written.map((temp) => rm(temp, { force: true })));
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === undefined) throw cause;
    throw new UsageError(`${out}: underlaget kan inte skrivas (${code}).`);
  }
  return files.map(([, file]) => file);
}
