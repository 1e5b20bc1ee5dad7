import { writeFile } from 'node:fs/promises';
import { civilDateAt } from '../../domain/dates';
import type { Audit } from '../../domain/types';
import { readReviewPackInput } from '../../reports';
import { buildReviewPack } from '../../reports/reviewPack';
import { renderReviewPack, REVIEW_FORMATS } from '../../reports/reviewRender';
import { ActionRepository, AuditRepository, NotFoundError, openTables } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';
import { DOCUMENT_FLAGS, documentRequest, fileNamePart, printDocument, writeFiles } from '../output';
import { countOf } from '../plural';

/**
 * The audit with this diary number, else this id.
 * @throws UsageError when no audit has that id or diary number.
 */
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

    const tables = await openTables(context.connectionString);
    const audits = new AuditRepository(tables.audits);
    const audit = await findAudit(audits, tenantId, key);
    const input = await readReviewPackInput(
      { actions: new ActionRepository(tables.actions), audits },
      tenantId,
      audit,
    );
    const pack = buildReviewPack(input, civilDateAt(context.now(), context.timeZone), {
      language,
      timeZone: context.timeZone,
    });
    if (out === null) {
      printDocument(context, await renderReviewPack(pack, formats[0] ?? 'md'));
      return 0;
    }
    const document = {
      what: 'underlaget',
      defaultName: `uppfoljning-${fileNamePart(audit.diaryNumber ?? audit.id)}-${pack.asOf}`,
    };
    const files = await writeFiles(out, formats, document, async (format, file) =>
      writeFile(file, await renderReviewPack(pack, format)),
    );
    context.out(
      `Skrev ${files.join(', ')}: ${countOf(pack.recommendations.length, 'rekommendation', 'rekommendationer')} ` +
        `i "${pack.audit.title}", per ${pack.asOf}.`,
    );
    return 0;
  },
};
