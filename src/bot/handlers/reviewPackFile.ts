/**
 * `uppföljning <diarienummer>` / `follow-up <diary number>`: an audit's follow-up review pack (as `cli review`
 * writes it) as a file in personal chat, through Teams' file consent flow; for auditors, the chair and admins.
 */
import { mayHaveReviewPack } from '../../domain/access';
import { escapeMarkdown } from '../../teams/markdown';
import { texts } from '../../texts';
import { filePersonalCard } from '../../teams/cards/filePersonal';
import type { Reply, Turn } from '../turn';
import { commandOf, consentCard, makeFile, type FileRequest } from './fileRequests';

/** Answers `uppföljning <diarienummer>`. */
export async function reviewPackFile(turn: Turn, diaryNumber: string): Promise<Reply> {
  const { caller } = turn;
  const words = texts(caller.locale).followUp;
  if (!mayHaveReviewPack(caller)) return { text: words.reviewPackNotAllowed() };
  if (turn.activity.scope !== 'personal')
    return { cards: [filePersonalCard(commandOf(turn), caller.locale)] };
  const request: FileRequest = { kind: 'reviewPack', diaryNumber, format: 'html' };
  const file = await makeFile(turn, request);
  if ('refused' in file) {
    return {
      text:
        file.refused === 'noSuchAudit'
          ? words.auditNotFound(escapeMarkdown(diaryNumber))
          : words.reviewPackNotAllowed(),
    };
  }
  return { files: [consentCard(request, file)] };
}
