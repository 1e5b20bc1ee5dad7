import { open } from 'node:fs/promises';
import { civilDateAt, parseCivilDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import type { Action, Audit, CivilDate, HistoryEvent, TrackedRecommendation } from '../../domain/types';
import {
  buildBoardReport,
  renderReport,
  REPORT_FORMATS,
  writeReport,
  type BoardReport,
  type ReportFormat,
  type UnreachableOwner,
} from '../../reports';
import {
  ActionRepository,
  AuditRepository,
  ConversationRepository,
  NotFoundError,
  openTables,
  UserRepository,
  type Tables,
} from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand } from '../context';
import { DOCUMENT_FLAGS, documentRequest, printDocument, writeFiles } from '../output';

/** What the board report is built from: everything it needs and nothing more. */
export interface ReportInput {
  audits: Audit[];
  actions: Action[];
  /** Only the `deadline` and `note` events: the reasons for moved deadlines and the progress notes. */
  history: HistoryEvent[];
  /** Who wrote the notes: each user's e-mail (else name) by Entra object id. */
  people: Map<string, string>;
  unreachableOwners: UnreachableOwner[];
  /** The recommendations with their latest verdicts, for the verdict counts. */
  recommendations: TrackedRecommendation[];
}

/**
 * Reads what the board report needs for one tenant, in a handful of range queries run side by side: audits with
 * their recommendations, every action, the deadline changes and the notes of all actions (one query each, not one
 * per action), the users (to name who wrote a note), and the owners whose personal chat with the bot no longer
 * accepts messages.
 */
export async function readReportInput(tables: Tables, tenantId: string): Promise<ReportInput> {
  const actionRepository = new ActionRepository(tables.actions);
  const auditRepository = new AuditRepository(tables.audits);
  const [audits, actions, deadlines, notes, users, unreachableOwners, recommendations] = await Promise.all([
    auditRepository.listAudits(tenantId),
    actionRepository.listActions(tenantId),
    actionRepository.listTenantHistory(tenantId, { kind: 'deadline' }),
    actionRepository.listTenantHistory(tenantId, { kind: 'note' }),
    new UserRepository(tables.users).listUsers(tenantId),
    readUnreachableOwners(tables, tenantId),
    auditRepository.recommendations.listRecommendations(tenantId),
  ]);
  const people = new Map<string, string>();
  for (const user of users) {
    const known = user.email ?? user.name;
    if (known) people.set(user.aadObjectId, known);
  }
  return { audits, actions, history: [...deadlines, ...notes], people, unreachableOwners, recommendations };
}

/**
 * Owners the bot could not reach: users whose personal chat was marked inactive when a send failed for good.
 * Inactive chats are few, so each user's e-mail is read on its own. Owners registered by e-mail who never met the
 * bot are not here: finding them needs a list of all users, which UserRepository does not offer yet.
 */
async function readUnreachableOwners(tables: Tables, tenantId: string): Promise<UnreachableOwner[]> {
  // TODO: also report owners with open actions whose e-mail no Teams user has (they never installed the app),
  // once UserRepository can list a tenant's users in one query.
  const users = new UserRepository(tables.users);
  const inactive = (
    await new ConversationRepository(tables.conversations).listConversations(tenantId, { type: 'personal' })
  ).filter((conversation) => !conversation.active);
  const owners = await Promise.all(
    inactive.map(async (conversation): Promise<UnreachableOwner | null> => {
      const aadObjectId = conversation.reference.user?.aadObjectId;
      if (!aadObjectId) return null;
      try {
        const user = await users.getUser(tenantId, aadObjectId);
        return user.email
          ? { email: user.email, reason: conversation.inactiveReason, since: conversation.updatedAt }
          : null;
      } catch (error) {
        // A chat whose user row is gone names nobody the report could match to actions.
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    }),
  );
  return owners.filter((owner): owner is UnreachableOwner => owner !== null);
}

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

    const input = await readReportInput(await openTables(context.connectionString), tenantId);
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
      `Skrev ${files.join(', ')}: ${report.summary.totals.total} åtgärder i ${report.keyFigures.audits} ` +
        `granskningar, per ${report.asOf}.`,
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
  return writeFiles(out, formats, 'rapporten', async (format, file) => {
    // Opened first, so a bad path fails here and not later as an unhandled error event of the stream.
    const handle = await open(file, 'w');
    await writeReport(report, format, handle.createWriteStream());
  });
}
