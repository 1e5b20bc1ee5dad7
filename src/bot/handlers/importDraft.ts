/**
 * Importing a committee's response document in Teams: an admin or coordinator sends the file to the bot in personal
 * chat and gets a draft card to correct and confirm. Nothing is saved until Spara, and what Spara sends back is user
 * input like any card data: the whole draft is validated again, and who may import it for which committees
 * (`importDecision` in domain/access.ts) decided again on what would be saved.
 */
import { importDecision, mayImport, type ImportFootprint } from '../../domain/access';
import type { DocumentDraft } from '../../importing/document';
import { documentExtension } from '../../importing/documentText';
import { DocumentTooComplexError } from '../../importing/documentTooComplexError';
import { ImportError } from '../../importing/errors';
import { DownloadRefusedError, FileTooLargeError } from '../../importing/fileDownload';
import { saveImport } from '../../importing/importService';
import { validateImportDocument, type ImportDocument } from '../../importing/structured';
import { cardSize } from '../../teams/cards/render';
import { draftCard, importedCard } from '../../teams/cards';
import { escapeMarkdown } from '../../teams/markdown';
import { MAX_CARD_BYTES } from '../../teams/limits';
import type { Reply, SentAttachment as Attachment, Turn } from '../turn';
import type { CardAnswer } from './cardActions';

/** Largest file the bot downloads: response documents are a few pages; more is a mistake or an attack. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** How long a download may take before the bot gives up. */
export const FILE_TIMEOUT_MS = 10_000;

/** What Teams sends when a user attaches a file in personal chat (the bot's manifest has `supportsFiles`). */
const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

/** Plain attachments with a `contentUrl` that are read as they are. */
const PLAIN_TYPES = ['text/plain', 'text/markdown', 'text/x-markdown'];

/** The longest draft JSON a confirm press may carry: far above any card's, so only forged data meets it. */
const MAX_DRAFT_CHARS = 200_000;

/** A file the user sent: its name and where to fetch it. */
export interface SentFile {
  name: string;
  url: string;
}

/** The files of a message that the importer may read, in the order sent. */
function sentFilesOf(attachments: readonly Attachment[] | undefined): SentFile[] {
  return (attachments ?? []).flatMap((attachment): SentFile[] => {
    const name = typeof attachment.name === 'string' ? attachment.name.trim() : '';
    if (attachment.contentType === TEAMS_FILE) {
      const content = attachment.content as { downloadUrl?: unknown } | undefined;
      return typeof content?.downloadUrl === 'string' ? [{ name, url: content.downloadUrl }] : [];
    }
    if (PLAIN_TYPES.includes(attachment.contentType) && typeof attachment.contentUrl === 'string') {
      return [{ name, url: attachment.contentUrl }];
    }
    return [];
  });
}

/** The first file of a message that the importer may read, or null when the message carries none. */
export function sentFileOf(attachments: readonly Attachment[] | undefined): SentFile | null {
  return sentFilesOf(attachments)[0] ?? null;
}

/** The names of the files a message carries, as a markdown reply shows them. */
export function sentFileNames(attachments: readonly Attachment[] | undefined): string[] {
  return sentFilesOf(attachments).map((file) => shownName(file.name));
}

/** Whether a message carries a file for the importer: such messages go to {@link onFileSent}, not to chat. */
export function hasSentFile(attachments: readonly Attachment[] | undefined): boolean {
  return sentFileOf(attachments) !== null;
}

/** A file name as it goes into a markdown reply: only the base name, short, escaped. */
function shownName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const short = base.length > 120 ? `${base.slice(0, 119)}…` : base;
  return escapeMarkdown(short === '' ? 'filen' : short);
}

/** An importer error as a reply detail: its one-line message, escaped (it quotes the file's words). */
function importDetail(error: ImportError): string {
  return escapeMarkdown(error.message.length > 600 ? `${error.message.slice(0, 599)}…` : error.message);
}

/**
 * A message with a file: downloads it (within {@link MAX_FILE_BYTES} and {@link FILE_TIMEOUT_MS}, from allowed
 * hosts only), reads it into a draft off the event loop and answers with the draft card. Nothing is saved here.
 */
export async function onFileSent(turn: Turn, attachments: readonly Attachment[] | undefined): Promise<Reply> {
  const { caller, deps, say } = turn;
  const file = sentFileOf(attachments);
  if (!file) return { text: say.unknown(null) };
  if (!mayImport(caller)) return { text: say.importNotAllowed() };
  const name = shownName(file.name);
  if (documentExtension(file.name) === null) return { text: say.importBadFile(name) };

  let bytes: Uint8Array;
  try {
    let url: URL;
    try {
      url = new URL(file.url);
    } catch {
      throw new Error('Ogiltig adress');
    }
    bytes = await deps.fetchFile(url.href, { maxBytes: MAX_FILE_BYTES, timeoutMs: FILE_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      return { text: say.importTooLarge(name, MAX_FILE_BYTES / (1024 * 1024)) };
    }
    if (error instanceof DownloadRefusedError) {
      deps.log.warn({ reason: error.reason, host: error.host }, 'Filens adress får inte hämtas');
      return { text: say.importAddressRefused(name, escapeMarkdown(error.host), error.reason) };
    }
    // The URL is pre-authenticated: it is a secret, so only the error's kind is logged.
    deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'Filen kunde inte hämtas');
    return { text: say.importDownloadFailed(name) };
  }

  let draft: DocumentDraft;
  try {
    draft = await deps.readDocument(file.name, bytes, { today: turn.today });
  } catch (error) {
    if (error instanceof ImportError) return { text: say.importNoDraft(importDetail(error)) };
    if (error instanceof DocumentTooComplexError) {
      deps.log.warn({ reason: error.reason, bytes: bytes.byteLength }, 'Dokumentet gavs upp');
      return { text: say.importTooComplex(name) };
    }
    throw error;
  }

  const audit = draft.document.audits[0];
  if (!audit) return { text: say.importNoDraft(name) };
  const card = draftCard(
    {
      fileName: file.name,
      audit,
      recommendationCount: audit.recommendations.length,
      actions: draft.details.actions.map((action, index) => ({
        text: action.text,
        committee: action.committee,
        owner: action.owner,
        phrase: action.phrase,
        due: action.due,
        confidence: draft.confidence.actions[index] ?? action.confidence,
        level: action.level,
      })),
      warnings: draft.warnings,
      document: draft.document,
    },
    caller.locale,
  );
  // The draft travels whole in the Spara button; one too big for a card cannot be confirmed in Teams.
  if (cardSize(card) > MAX_CARD_BYTES) return { text: say.importDraftTooLarge() };
  deps.log.info({ actions: draft.details.actions.length }, 'Importutkast visat');
  return { cards: [card] };
}

/** The audit fields the draft card lets a person correct: input id → what it sets. */
const EDITABLE = [
  'auditTitle',
  'auditDiaryNumber',
  'auditAuditor',
  'auditReportDate',
  'auditCommittees',
] as const;

/** Spara on a draft card: applies the edited fields, validates the whole draft again, saves it, shows the refs. */
export async function onConfirmDraft(turn: Turn, data: unknown): Promise<CardAnswer> {
  const { caller, deps, say } = turn;
  if (!mayImport(caller)) return say.importNotAllowed();
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const fileName =
    typeof fields['fileName'] === 'string' && fields['fileName'].trim() !== ''
      ? fields['fileName']
      : 'utkast';
  const raw = fields['draft'];
  if (typeof raw !== 'string' || raw.length > MAX_DRAFT_CHARS)
    return say.importInvalid(escapeMarkdown(`${fileName}: utkastet saknas i knappens data`));

  let document: ImportDocument;
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ImportError({
        file: fileName,
        line: null,
        expected: 'JSON',
        problem: 'utkastet är inte läsbart',
      });
    }
    const validated = validateImportDocument(fileName, parsed);
    // The card shows one audit; a draft with more (or none) did not come from this bot.
    if (validated.audits.length !== 1) {
      throw new ImportError({
        file: fileName,
        line: null,
        path: 'audits',
        expected: 'en granskning',
        problem: `utkastet ska ha en granskning, har ${validated.audits.length}`,
      });
    }
    document = validateImportDocument(fileName, withEdits(validated, fields, fileName));
  } catch (error) {
    if (error instanceof ImportError) return say.importInvalid(importDetail(error));
    throw error;
  }

  // Decided on the draft as it would be saved (after the card's edits), from the caller of this turn.
  const decision = importDecision(caller, footprintOf(document));
  if (!decision.allowed) {
    if (decision.reason === 'noRight') return say.importNotAllowed();
    const list = (names: readonly string[]): string => escapeMarkdown(names.join(', '));
    return say.importOtherCommittee(list(decision.committees), list(caller.coordinatorOf));
  }

  const result = await saveImport(caller.tenantId, document, deps, {
    by: caller.aadObjectId,
    now: deps.now(),
  });
  const audit = result.audits[0];
  const actions = audit?.actions ?? [];
  const created = actions
    .filter((a) => a.created && a.ref !== null)
    .map((a) => ({ ref: a.ref ?? '', text: a.text }));
  deps.log.info(
    { created: created.length, existing: actions.length - created.length },
    'Importutkast sparat',
  );
  return importedCard(
    { title: audit?.title ?? '', created, existing: actions.length - created.length },
    caller.locale,
  );
}

/** The committees a validated draft touches, as the import rule weighs them. */
function footprintOf(document: ImportDocument): ImportFootprint {
  const audits = document.audits;
  return {
    audit: audits.flatMap((audit) => audit.committees),
    recommendations: audits.flatMap((audit) => audit.recommendations.map((rec) => rec.committees)),
    committed: audits.flatMap((audit) => [
      ...audit.responseDue.map((entry) => entry.committee),
      ...audit.boardFeedback.map((entry) => entry.committee),
      ...audit.recommendations.flatMap((rec) => rec.actions.map((action) => action.committee)),
    ]),
  };
}

/** Avbryt on a draft card: nothing was saved, and nothing is. */
export function onRejectDraft(turn: Turn): CardAnswer {
  return turn.say.importCancelled();
}

/**
 * The draft with the card's inputs applied. A renamed committee (same line, new name) is renamed wherever the
 * draft uses it, so its recommendations and actions follow; a removed one that is still used fails validation.
 * @throws ImportError when an input is not text (forged data).
 */
function withEdits(
  document: ImportDocument,
  fields: Record<string, unknown>,
  fileName: string,
): ImportDocument {
  const [audit] = document.audits;
  if (!audit) return document;
  const edits: Partial<Record<(typeof EDITABLE)[number], string>> = {};
  for (const key of EDITABLE) {
    const value = fields[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      throw new ImportError({
        file: fileName,
        line: null,
        path: key,
        expected: 'en text',
        problem: `${key} är ingen text`,
      });
    }
    edits[key] = value;
  }
  const committees =
    edits.auditCommittees === undefined
      ? audit.committees
      : edits.auditCommittees
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== '');
  const renames = new Map<string, string>();
  audit.committees.forEach((old, index) => {
    const now = committees[index];
    if (now !== undefined && now !== old && !audit.committees.includes(now)) renames.set(old, now);
  });
  const rename = (name: string): string => renames.get(name) ?? name;
  const diary = edits.auditDiaryNumber?.trim();
  return {
    audits: [
      {
        ...audit,
        title: edits.auditTitle ?? audit.title,
        auditor: edits.auditAuditor ?? audit.auditor,
        reportDate: edits.auditReportDate ?? audit.reportDate,
        diaryNumber: diary === undefined ? audit.diaryNumber : diary === '' ? null : diary,
        committees,
        responseDue: audit.responseDue.map((entry) => ({ ...entry, committee: rename(entry.committee) })),
        boardFeedback: audit.boardFeedback.map((entry) => ({ ...entry, committee: rename(entry.committee) })),
        recommendations: audit.recommendations.map((rec) => ({
          ...rec,
          committees: rec.committees.map(rename),
          actions: rec.actions.map((action) => ({ ...action, committee: rename(action.committee) })),
        })),
      },
    ],
  };
}
