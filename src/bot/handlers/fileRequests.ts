/**
 * The files the bot sends in personal chat through Teams' consent flow: the board report (`rapport`) and an audit's
 * follow-up review pack (`uppföljning <diarienummer, id eller titel>`). A consent card carries only what to make
 * ({@link FileRequest}); the bytes are made from storage when the card is sent (for its size) and again on Allow,
 * for the caller as they are then: the card's context is never trusted for who may have the file.
 */
import { mayHaveBoardReport, mayHaveReviewPack } from '../../domain/access';
import {
  buildBoardReport,
  buildReviewPack,
  readReportInput,
  readReviewPackInput,
  renderReport,
  renderReviewPack,
} from '../../reports';
import type { Audit } from '../../domain/types';
import { NotFoundError } from '../../storage';
import { escapeMarkdown } from '../../teams/markdown';
import { texts } from '../../texts';
import type { FileCard, Turn } from '../turn';

/** What a consent card asks for, as its `acceptContext` carries it back: a review pack names its audit by id. */
export type FileRequest =
  { kind: 'boardReport'; format: 'html' } | { kind: 'reviewPack'; auditId: string; format: 'html' };

/** A file made for the caller: its name, a line describing it, and its bytes. */
export interface MadeFile {
  name: string;
  description: string;
  bytes: Uint8Array;
}

/** Teams' consent card. */
const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

/** Why no file was made: the caller may not have it, or the audit is unknown. */
export type FileRefusal = { refused: 'notAllowed' } | { refused: 'noSuchAudit' };

/** Makes the file a request names for the caller as they are now. */
export async function makeFile(turn: Turn, request: FileRequest): Promise<MadeFile | FileRefusal> {
  const { caller, deps } = turn;
  const words = texts(caller.locale).followUp;
  if (request.kind === 'boardReport') {
    if (!mayHaveBoardReport(caller)) return { refused: 'notAllowed' };
    const input = await readReportInput(deps, caller.tenantId);
    const report = buildBoardReport(input.audits, input.actions, input.history, turn.today, {
      unreachableOwners: input.unreachableOwners,
      recommendations: input.recommendations,
      people: input.people,
      timeZone: deps.timeZone,
      language: caller.locale,
    });
    return {
      name: `styrelserapport-${turn.today}.html`,
      description: words.boardReportDescription(turn.today),
      bytes: bytesOf(await renderReport(report, request.format)),
    };
  }
  if (!mayHaveReviewPack(caller)) return { refused: 'notAllowed' };
  let audit: Audit;
  try {
    audit = await deps.audits.getAudit(caller.tenantId, request.auditId);
  } catch (error) {
    if (error instanceof NotFoundError) return { refused: 'noSuchAudit' };
    throw error;
  }
  const pack = buildReviewPack(await readReviewPackInput(deps, caller.tenantId, audit), turn.today, {
    language: caller.locale,
    timeZone: deps.timeZone,
  });
  const safeName = (audit.diaryNumber ?? audit.id).replace(/[^\p{L}\p{N}-]+/gu, '-').slice(0, 80);
  return {
    name: `uppfoljning-${safeName}-${turn.today}.html`,
    description: words.reviewPackDescription(escapeMarkdown(audit.title), turn.today),
    bytes: bytesOf(await renderReviewPack(pack, request.format)),
  };
}

/** The consent card for a file that was made: name, description, size, and what to make again on Allow. */
export function consentCard(request: FileRequest, file: MadeFile): FileCard {
  return {
    contentType: FILE_CONSENT,
    name: file.name,
    content: {
      description: file.description,
      sizeInBytes: file.bytes.byteLength,
      acceptContext: request,
      declineContext: request,
    },
  };
}

/** The command as the user wrote it, without a channel's mention of the bot: to write again in personal chat. */
export function commandOf(turn: Turn): string {
  return turn.activity.text
    .replace(/<at\b[^>]*>[^<]*<\/at\s*>/giu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function bytesOf(rendered: string | Uint8Array): Uint8Array {
  return typeof rendered === 'string' ? Buffer.from(rendered, 'utf8') : rendered;
}
