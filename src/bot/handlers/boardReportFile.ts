/** `rapport` / `report`: the board report as a file in personal chat, through Teams' file consent flow. */
import { mayHaveBoardReport } from '../../domain/access';
import { texts } from '../../texts';
import { filePersonalCard } from '../../teams/cards/filePersonal';
import type { Reply, Turn } from '../turn';
import { commandOf, consentCard, makeFile, type FileRequest } from './fileRequests';

/** Answers `rapport`: a consent card in personal chat, a pointer to it elsewhere, a refusal for others. */
export async function boardReportFile(turn: Turn): Promise<Reply> {
  const { caller } = turn;
  const words = texts(caller.locale).followUp;
  if (!mayHaveBoardReport(caller)) return { text: words.onlyBoard() };
  if (turn.activity.scope !== 'personal')
    return { cards: [filePersonalCard(commandOf(turn), caller.locale)] };
  const request: FileRequest = { kind: 'boardReport', format: 'html' };
  const file = await makeFile(turn, request);
  if ('refused' in file) return { text: words.onlyBoard() };
  return { files: [consentCard(request, file)] };
}
