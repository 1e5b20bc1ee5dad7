/**
 * `rapport` / `report`: the board report as a file in personal chat, through Teams' file consent flow. The bot sends
 * a consent card; the bytes are not kept anywhere: on accept the report is made again from storage, for the caller
 * as they are then (the card's context names only what to make, never who may have it).
 */
import { mayHaveBoardReport } from '../../domain/access';
import { buildBoardReport, renderReport } from '../../reports';
import { texts } from '../../texts';
import type { FileCard, Reply, Turn } from '../turn';

/** What a consent card asks for, as its `acceptContext` carries it back. */
export interface FileRequest {
  kind: 'boardReport';
  format: 'html';
}

/** Teams' consent card. */
const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

/** Answers `rapport`: a consent card in personal chat, a pointer to it elsewhere, a refusal for others. */
export async function boardReportFile(turn: Turn): Promise<Reply> {
  const { caller } = turn;
  const words = texts(caller.locale).followUp;
  if (!mayHaveBoardReport(caller)) return { text: words.onlyBoard() };
  if (turn.activity.scope !== 'personal') return { text: words.filePersonalOnly() };
  const request: FileRequest = { kind: 'boardReport', format: 'html' };
  const file = await makeFile(turn, request);
  if (file === null) return { text: words.onlyBoard() };
  const consent: FileCard = {
    contentType: FILE_CONSENT,
    name: file.name,
    content: {
      description: words.boardReportDescription(turn.today),
      sizeInBytes: file.bytes.byteLength,
      acceptContext: request,
      declineContext: request,
    },
  };
  return { files: [consent] };
}

/**
 * Makes the file a request names, for the caller as they are now; null when they may not have it. Called when
 * the consent card is sent and again when it is accepted.
 */
export async function makeFile(
  turn: Turn,
  request: FileRequest,
): Promise<{ name: string; bytes: Uint8Array } | null> {
  const { caller, deps } = turn;
  if (request.kind !== 'boardReport' || !mayHaveBoardReport(caller)) return null;
  const [audits, actions, history, recommendations] = await Promise.all([
    deps.audits.listAudits(caller.tenantId),
    deps.actions.listActions(caller.tenantId),
    deps.actions.listTenantHistory(caller.tenantId, { kind: 'deadline' }),
    deps.audits.recommendations.listRecommendations(caller.tenantId),
  ]);
  const report = buildBoardReport(audits, actions, history, turn.today, {
    recommendations,
    timeZone: deps.timeZone,
  });
  const rendered = await renderReport(report, request.format);
  const bytes = typeof rendered === 'string' ? Buffer.from(rendered, 'utf8') : rendered;
  return { name: `styrelserapport-${turn.today}.html`, bytes };
}
