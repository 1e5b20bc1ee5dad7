/**
 * The answer to a consent card (`fileConsent/invoke`). Teams waits for the invoke's answer, so the bot answers it at
 * once and does the work after: the file made from storage, one PUT to the upload URL, then the file's card, or a
 * clear message when something failed or took too long. No retry loop: the user asks again, and nothing was lost
 * (the file is made from storage each time).
 */
import { z } from 'zod';
import { uploadFile, uploadUrlAllowed } from '../../teams/fileUpload';
import { texts } from '../../texts';
import type { Turn } from '../turn';
import { makeFile } from './fileRequests';

/** Teams' card for a file the bot uploaded. */
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

const text = z.string().min(1).max(2_000);
const acceptData = z.object({
  context: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('boardReport'), format: z.literal('html') }),
    z.object({
      kind: z.literal('reviewPack'),
      auditId: z.string().min(1).max(200),
      format: z.literal('html'),
    }),
  ]),
  uploadInfo: z.object({
    name: z.string().min(1).max(400),
    uploadUrl: text,
    contentUrl: text,
    uniqueId: z.string().min(1).max(200),
    fileType: z.string().max(20),
  }),
});

/**
 * Accept on a consent card, run once the invoke is answered (Teams shows no text from that answer): makes the file
 * (reading storage, checking the caller again), uploads it and shows its card. A request the caller may no longer
 * have, or malformed, ends in a message and no upload.
 */
export async function onFileAccepted(turn: Turn, value: unknown): Promise<void> {
  const words = texts(turn.caller.locale).followUp;
  const parsed = acceptData.safeParse(value);
  if (!parsed.success || !uploadUrlAllowed(parsed.data.uploadInfo.uploadUrl, turn.deps.localMode)) {
    await turn.send({ text: words.fileUploadFailed() });
    return;
  }
  const { context, uploadInfo } = parsed.data;
  const file = await makeFile(turn, context);
  if ('refused' in file) {
    const refusal =
      file.refused === 'noSuchAudit'
        ? words.fileAuditGone()
        : context.kind === 'boardReport'
          ? words.onlyBoard()
          : words.reviewPackNotAllowed();
    await turn.send({ text: refusal });
    return;
  }
  const outcome = await uploadFile(uploadInfo.uploadUrl, file.bytes);
  if (!outcome.ok) {
    turn.deps.log.warn({ status: outcome.status }, 'Filen kunde inte laddas upp');
    await turn.send({ text: words.fileUploadFailed() });
    return;
  }
  await turn.send({
    files: [
      {
        contentType: FILE_INFO,
        name: uploadInfo.name,
        contentUrl: uploadInfo.contentUrl,
        content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType },
      },
    ],
  });
}

/** Decline on a consent card: nothing is sent. */
export async function onFileDeclined(turn: Turn): Promise<void> {
  await turn.send({ text: texts(turn.caller.locale).followUp.fileDeclined() });
}
