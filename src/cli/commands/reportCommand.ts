import { open } from 'node:fs/promises';
import { civilDateAt, parseCivilDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import type { CivilDate } from '../../domain/types';
import {
  buildBoardReport,
  readReportInput,
  renderReport,
  reportSourcesOf,
  REPORT_FORMATS,
  writeReport,
  type BoardReport,
  type ReportFormat,
} from '../../reports';
import { openTables } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';
import { countOf } from '../plural';
import { DOCUMENT_FLAGS, documentRequest, printDocument, writeFiles } from '../output';

/**
 * `report [--format md,html,csv,xlsx] [--as-of YYYY-MM-DD] [--out FILE] [--lang sv|en]`: the board's report, for one
 * tenant.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  usage:
    'report [--format md,html,csv,xlsx] [--as-of ÅÅÅÅ-MM-DD] [--out FIL] [--lang sv|en]   rapport till styrelsen',
  async run(args, context) {
    const { values, positionals } = parseFlags(args, { ...DOCUMENT_FLAGS, 'as-of': { type: 'string' } });
    if (positionals.length > 0)
      throw new UsageError(`Okänt argument "${positionals[0]}". Skriv: ${this.usage}`);
    const { formats, language, out } = documentRequest(values, REPORT_FORMATS);
    const asOf = parseAsOf(values['as-of']) ?? civilDateAt(context.now(), context.timeZone);
    const tenantId = tenantOf(values.tenant, context);

    const input = await readReportInput(
      reportSourcesOf(await openTables(context.connectionString)),
      tenantId,
    );
    const report = buildBoardReport(input.audits, input.actions, input.history, asOf, {
      unreachableOwners: input.unreachableOwners,
      recommendations: input.recommendations,
      timeZone: context.timeZone,
      people: input.people,
      language,
    });

    if (out === null) {
      printDocument(context, await renderReport(report, formats[0] ?? 'md'));
      return 0;
    }
    const files = await writeReportFiles(report, formats, out);
    context.out(
      `Skrev ${files.join(', ')}: ${countOf(report.summary.totals.total, 'åtgärd', 'åtgärder')} i ` +
        `${countOf(report.keyFigures.audits, 'granskning', 'granskningar')}, per ${report.asOf}.`,
    );
    return 0;
  },
};

function parseAsOf(flag: string | undefined): CivilDate | null {
  if (flag === undefined) return null;
  try {
    return parseCivilDate(flag);
  } catch (error) {
    if (error instanceof DomainError) throw new UsageError(`--as-of: ${error.message}`);
    throw error;
  }
}

/**
 * Writes the report in each format to its file (see {@link writeFiles}) and returns the files' names. Each is
 * streamed piece by piece, so a large report is never in memory whole.
 * @throws UsageError naming the file and the system's error code when a file cannot be written.
 */
export async function writeReportFiles(
  report: BoardReport,
  formats: readonly ReportFormat[],
  out: string,
): Promise<string[]> {
  const document = { what: 'rapporten', defaultName: `styrelserapport-${report.asOf}` };
  return writeFiles(out, formats, document, async (format, file) => {
    // Opened first, so a bad path fails here and not later as an unhandled error event of the stream.
    const handle = await open(file, 'w');
    await writeReport(report, format, handle.createWriteStream());
  });
}
