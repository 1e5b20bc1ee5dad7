import { open } from 'node:fs/promises';
import { civilDateAt, parseCivilDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import {
  assessDraftAction,
  assessImportedAction,
  type ActionAssessment,
} from '../../importing/actionAssessment';
import type { ConfidenceLevel, DocumentDraft, DraftAction } from '../../importing/document';
import { documentExtension } from '../../importing/documentText';
import { DocumentTooComplexError } from '../../importing/documentTooComplexError';
import { extractDocument } from '../../importing/extraction';
import {
  describeDraft,
  saveImport,
  type ImportedRecommendation,
  type ImportResult,
  type NotAppliedValue,
} from '../../importing/importService';
import { parseImportFile, type ImportDocument } from '../../importing/structured';
import { DEFAULT_IMPORT_MAX_BYTES } from '../../server/config';
import { ActionRepository, AuditRepository, openTables } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand, type CliContext } from '../context';
import { countOf } from '../plural';

/**
 * `import <file> [--json] [--yes] [--date YYYY-MM-DD]`: audits from JSON or YAML (docs/import-format.md), saved at
 * once; or a draft from a committee's response document (.txt, .md, .docx), printed and saved only with --yes.
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'import <fil> [--json] [--yes] [--date ÅÅÅÅ-MM-DD]   importera från .json/.yaml, eller ett utkast från ett ' +
    'svarsdokument (.txt, .md, .docx) som sparas med --yes',
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      json: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      date: { type: 'string' },
      tenant: { type: 'string' },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0)
      throw new UsageError('Ange en fil: npm run cli -- import <fil> [--json] [--yes]');
    const isDocument = documentExtension(file) !== null;
    if (values.date !== undefined && !isDocument) {
      throw new UsageError(
        '--date gäller bara svarsdokument (.txt, .md, .docx): en .json- eller .yaml-fil har sina datum.',
      );
    }
    const tenantId = tenantOf(values.tenant, context);
    const content = await readInput(file, context.config?.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES);

    let document: ImportDocument;
    let draft: DocumentDraft | null = null;
    if (isDocument) {
      draft = await readDraft(file, content, {
        today: civilDateAt(context.now(), context.timeZone),
        ...(values.date === undefined ? {} : { documentDate: parseCivilDate(values.date) }),
      });
      if (!values.yes) {
        printDraft(file, draft, values.json, context);
        return 0;
      }
      document = draft.document;
    } else {
      document = parseImportFile(file, content.toString('utf8'));
    }

    const tables = await openTables(context.connectionString);
    const result = await saveImport(
      tenantId,
      document,
      { audits: new AuditRepository(tables.audits), actions: new ActionRepository(tables.actions) },
      { by: `import:${file}`, now: context.now() },
    ).catch((error: unknown) => {
      // The file's own problems name the file (ImportError); one found against storage must too.
      if (error instanceof DomainError) {
        throw new UsageError(`${file}: ${error.message} Inget har importerats.`, { cause: error });
      }
      throw error;
    });
    if (values.json) {
      context.out(JSON.stringify(importJson(result, draft, { saved: true })));
      const notKept = result.audits.flatMap((audit) => audit.recommendations.map(describeRefNotKept));
      for (const warning of [...(draft?.warnings ?? []), ...notKept]) {
        if (warning !== null) context.err(`Varning: ${warning}`);
      }
    } else {
      context.out(describeImport(result));
      if (draft !== null) context.out(describeWarnings(draft.warnings));
    }
    return 0;
  },
};

/**
 * The file's bytes, refused unread when its size is over `maxBytes`: a 50 MB import file would take the CLI
 * gigabytes to parse. The size is taken from the open file, so a file swapped after the check is not read either.
 */
async function readInput(file: string, maxBytes: number): Promise<Buffer> {
  let content: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw tooLarge(file, size, maxBytes);
      content = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    throw new UsageError(
      `${file}: filen kan inte läsas (${(cause as NodeJS.ErrnoException).code ?? 'okänt fel'}).`,
    );
  }
  // A file that grew while it was read (a log, a pipe) is held to the same limit.
  if (content.length > maxBytes) throw tooLarge(file, content.length, maxBytes);
  return content;
}

function tooLarge(file: string, size: number, maxBytes: number): UsageError {
  const mb = (bytes: number) =>
    bytes < 1024 * 1024 ? `${bytes} byte` : `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return new UsageError(
    `${file}: filen är ${mb(size)}, större än gränsen ${mb(maxBytes)} (IMPORT_MAX_BYTES); dela upp den i ` +
      'flera filer. Inget har importerats.',
  );
}

/** A response document read in the extraction worker; a document given up on is one line like any bad input. */
async function readDraft(
  file: string,
  content: Buffer,
  options: { today: string; documentDate?: string },
): Promise<DocumentDraft> {
  try {
    return await extractDocument(file, content, options);
  } catch (error) {
    if (error instanceof DocumentTooComplexError) throw new UsageError(`${error.message}.`);
    throw error;
  }
}

/**
 * A draft saves nothing. `--json` prints the shape docs/cli.md gives with `"ref": null` on stdout, so scripts can parse it,
 * and the warnings on stderr; otherwise everything is one readable listing.
 */
function printDraft(file: string, draft: DocumentDraft, json: boolean, context: CliContext): void {
  if (json) {
    context.out(JSON.stringify(importJson(describeDraft(draft.document), draft, { saved: false })));
    for (const warning of draft.warnings) context.err(`Varning: ${warning}`);
    return;
  }
  context.out(describeDocumentDraft(file, draft));
}

/**
 * The `--json` shape (docs/cli.md): per action `ref`, `text`, `owner`, `due`, and in addition `phrase`, `role`,
 * `confidence` (high, medium, low) and `warnings`. From a response document they are the reader's (the draft's
 * actions are in the result's order); from a JSON or YAML file they follow from the action itself. `saved` says
 * whether anything was stored: a draft's audits have no id yet (`"id": null`), as its actions have no reference.
 */
export function importJson(result: ImportResult, draft: DocumentDraft | null, options: { saved: boolean }) {
  return {
    saved: options.saved,
    audits: result.audits.map((audit, a) => ({
      id: options.saved ? audit.id : null,
      title: audit.title,
      actions: audit.actions.map((action, n) => {
        const read = a === 0 ? draft?.details.actions[n] : undefined;
        const assessed: ActionAssessment =
          read === undefined ? assessImportedAction(action) : assessDraftAction(read);
        return { ref: action.ref, text: action.text, owner: action.owner, due: action.due, ...assessed };
      }),
    })),
  };
}

/** The human-readable listing of an import or a draft. */
export function describeImport(result: ImportResult): string {
  const lines: string[] = [];
  for (const audit of result.audits) {
    const created = audit.actions.filter((a) => a.created).length;
    lines.push(
      `${audit.title} (${audit.created ? 'ny granskning' : 'fanns redan'}): ` +
        `${countOf(created, 'ny åtgärd', 'nya åtgärder')}, ` +
        `${audit.actions.length - created} fanns redan`,
    );
    for (const recommendation of audit.recommendations) {
      const line = describeRefNotKept(recommendation);
      if (line !== null) lines.push(`  ${line}`);
    }
    for (const action of audit.actions) {
      const due = action.due ?? 'DATUM SAKNAS – sätt ett datum';
      const phrase = action.phrase && action.phrase !== action.due ? ` ("${action.phrase}")` : '';
      const evidence =
        action.evidenceAdded > 0
          ? `  (${countOf(action.evidenceAdded, 'nytt underlag', 'nya underlag')})`
          : '';
      lines.push(
        `  ${action.ref ?? '-'}  ${due}${phrase}  ${action.owner ?? 'ingen ägare'}  ${action.text}${evidence}`,
      );
      for (const value of action.notApplied)
        lines.push(`      ${describeNotApplied(action.ref ?? '', value)}`);
    }
  }
  return lines.join('\n');
}

/** A reference the file asked for that the recommendation did not get, and which it has instead; null if none. */
function describeRefNotKept(recommendation: ImportedRecommendation): string | null {
  const { refNotKept, ref, text } = recommendation;
  if (refNotKept === null || ref === null) return null;
  const reason =
    refNotKept.because === 'taken'
      ? `${refNotKept.asked} är redan given åt en annan rekommendation, så den här fick ${ref}`
      : `rekommendationen är redan sparad med ${ref} och behåller den`;
  return `${ref}  Filen anger ${refNotKept.asked}, men ${reason}: "${text}"`;
}

/** Why a stored action shows another value than the file's, and how to change it. */
function describeNotApplied(ref: string, value: NotAppliedValue): string {
  if (value.field === 'due') {
    const file = value.file === null ? 'Filen har inget datum' : `Filen säger "${value.file}"`;
    return (
      `${file}, men en import ändrar inte en sparad åtgärd. Ändra datumet i chatten: ` +
      `${ref} nytt datum ÅÅÅÅ-MM-DD <motivering>.`
    );
  }
  const file = value.file === null ? 'Filen har ingen ägare' : `Filen har ägaren ${value.file}`;
  return `${file}, men en import ändrar inte ägaren på en sparad åtgärd.`;
}

function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

/** A draft as a person checks it: each field with how sure the reading is, each action, then the warnings. */
export function describeDocumentDraft(file: string, draft: DocumentDraft): string {
  const audit = draft.document.audits[0];
  if (audit === undefined) return '';
  const { confidence, details } = draft;
  const orMissing = (value: string | null): string => value ?? 'saknas';
  const lines = [
    `Utkast från ${file} – inget är sparat. Kör igen med --yes för att spara.`,
    '',
    `Granskning:       ${audit.title} (${percent(confidence.title)})`,
    `Revisor:          ${audit.auditor} (${percent(confidence.auditor)})`,
    `Kommun:           ${orMissing(details.municipality)}`,
    `Svarande nämnd:   ${details.respondingCommittee}`,
    `Svarets datum:    ${details.documentDate} (${details.documentDateSource}, ${percent(details.documentDateConfidence)})`,
    `Rapportdatum:     ${audit.reportDate} (${percent(confidence.reportDate)})`,
    `Diarienummer:     ${orMissing(audit.diaryNumber)}`,
    `Berörda nämnder:  ${audit.committees.join(', ')} (${percent(confidence.committees)})`,
    `Svar senast:      ${
      audit.responseDue.length === 0
        ? 'saknas'
        : audit.responseDue.map((r) => `${r.committee} ${r.due}`).join(', ')
    }`,
    '',
    `Rekommendationer (${audit.recommendations.length}, ${percent(confidence.recommendations)}) och ` +
      `åtgärder (${details.actions.length}):`,
  ];
  lines.splice(lines.length - 1, 0, ...checkFirst(details.actions));
  let n = 0;
  audit.recommendations.forEach((recommendation, r) => {
    lines.push(`  ${r + 1}. ${recommendation.text}`);
    for (const action of details.actions.filter((a) => a.recommendation === r)) {
      n += 1;
      const due = action.due ?? 'DATUM SAKNAS';
      const phrase = action.phrase === null ? '' : ` ("${action.phrase}")`;
      lines.push(
        `     Åtgärd ${n}: ${due}${phrase}  ${action.committee}  ${action.owner ?? 'ingen ägare'}  ` +
          `(säkerhet ${LEVEL_WORDS[action.level]}, ${percent(action.confidence)})`,
        `       ${action.text}`,
      );
    }
  });
  lines.push('', describeWarnings(draft.warnings));
  return lines.join('\n');
}

const LEVEL_WORDS: Record<ConfidenceLevel, string> = { high: 'hög', medium: 'medel', low: 'låg' };
const LEVEL_ORDER: Record<ConfidenceLevel, number> = { low: 0, medium: 1, high: 2 };

/**
 * The actions to check before saving, lowest confidence first (then in document order), each with its number in
 * the listing below and what to check; nothing when every action is read with high confidence.
 */
function checkFirst(actions: readonly DraftAction[]): string[] {
  const unsure = actions
    .map((action, index) => ({ action, number: index + 1 }))
    .filter(({ action }) => action.level !== 'high')
    .sort((a, b) => LEVEL_ORDER[a.action.level] - LEVEL_ORDER[b.action.level] || a.number - b.number);
  if (unsure.length === 0) return [];
  const lines = [`Kontrollera först (${unsure.length}, lägst säkerhet först):`];
  for (const { action, number } of unsure) {
    const what = action.warnings[0] ?? 'läsningen är osäker – jämför med dokumentet.';
    lines.push(`  Åtgärd ${number} (säkerhet ${LEVEL_WORDS[action.level]}): ${what}`);
  }
  lines.push('');
  return lines;
}

function describeWarnings(warnings: readonly string[]): string {
  if (warnings.length === 0) return 'Inget att kontrollera.';
  return [`Kontrollera (${warnings.length}):`, ...warnings.map((w) => `  - ${w}`)].join('\n');
}
