/**
 * `uppföljning <diarienummer, id eller titel>` / `follow-up <…>`: an audit's follow-up review pack (as `cli review`
 * writes it) as a file in personal chat, through Teams' file consent flow; for auditors, the chair and admins.
 */
import { findAudits } from '../../domain/auditLookup';
import { mayHaveReviewPack } from '../../domain/access';
import type { Audit } from '../../domain/types';
import { escapeMarkdown } from '../../teams/markdown';
import { texts, type FollowUpTexts } from '../../texts';
import { filePersonalCard } from '../../teams/cards/filePersonal';
import type { Reply, Turn } from '../turn';
import { commandOf, consentCard, makeFile, type FileRequest } from './fileRequests';

/** How many audits an answer lists when none matched: enough to recognise the right one. */
const SHOWN_AUDITS = 5;

/** Answers `uppföljning <x>`: finds the audit (see {@link findAudits}) and offers its review pack. */
export async function reviewPackFile(turn: Turn, query: string): Promise<Reply> {
  const { caller, deps } = turn;
  const words = texts(caller.locale).followUp;
  if (!mayHaveReviewPack(caller)) return { text: words.reviewPackNotAllowed() };
  if (turn.activity.scope !== 'personal')
    return { cards: [filePersonalCard(commandOf(turn), caller.locale)] };
  const audits = await deps.audits.listAudits(caller.tenantId);
  const matches = findAudits(audits, query);
  const shownQuery = escapeMarkdown(query);
  const notFound = (): Reply => {
    const latest = [...audits].sort((a, b) => b.reportDate.localeCompare(a.reportDate));
    const known = latest.slice(0, SHOWN_AUDITS).map((each) => choice(words, each));
    return { text: words.auditNotFound(shownQuery, known, latest.length - known.length) };
  };
  const [audit] = matches;
  if (audit === undefined) return notFound();
  if (matches.length > 1) {
    return {
      text: words.auditAmbiguous(
        shownQuery,
        matches.map((each) => choice(words, each)),
      ),
    };
  }
  const request: FileRequest = { kind: 'reviewPack', auditId: audit.id, format: 'html' };
  const file = await makeFile(turn, request);
  if ('refused' in file) {
    return file.refused === 'noSuchAudit' ? notFound() : { text: words.reviewPackNotAllowed() };
  }
  return { files: [consentCard(request, file)] };
}

function choice(words: FollowUpTexts, audit: Audit): string {
  return words.auditChoice(
    escapeMarkdown(audit.title),
    audit.diaryNumber === null ? null : escapeMarkdown(audit.diaryNumber),
    audit.reportDate,
    audit.id,
  );
}
