import { writeFile } from 'node:fs/promises';
import { civilDateAt } from '../../domain/dates';
import type { Audit } from '../../domain/types';
import { buildReviewPack, type ReviewPackInput } from '../../reports/reviewPack';
import { renderReviewPack, REVIEW_FORMATS } from '../../reports/reviewRender';
import { ActionRepository, AuditRepository, NotFoundError, openTables, type Tables } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';
import { DOCUMENT_FLAGS, documentRequest, printDocument, writeFiles } from '../output';

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
    const { values, positionals } = parseFlags(args, DOCUMENT_FLAGS);
    const key = positionals.join(' ').trim();
    if (!key) throw new UsageError(`Ange granskningens diarienummer eller id. Skriv: ${this.usage}`);
    const { formats, language, out } = documentRequest(values, REVIEW_FORMATS);
    const tenantId = tenantOf(values.tenant, context);

    const input = await readReviewPackInput(await openTables(context.connectionString), tenantId, key);
    const pack = buildReviewPack(input, civilDateAt(context.now(), context.timeZone), {
      language,
      timeZone: context.timeZone,
    });
    if (out === null) {
      printDocument(context, await renderReviewPack(pack, formats[0] ?? 'md'));
      return 0;
    }
    const files = await writeFiles(out, formats, 'underlaget', async (format, file) =>
      writeFile(file, await renderReviewPack(pack, format)),
    );
    context.out(
      `Skrev ${files.join(', ')}: ${pack.recommendations.length} rekommendationer i "${pack.audit.title}", per ${pack.asOf}.`,
    );
    return 0;
  },
};
