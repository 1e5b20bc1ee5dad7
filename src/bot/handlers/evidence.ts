/**
 * `A-17 underlag <https-länk> [beskrivning]`, or a file sent in personal chat with `A-17 underlag` as its text:
 * evidence on an action. Only the file's reference is kept (its name, address and Teams id); the file is not
 * downloaded. The link is checked by the domain (`https:` only), so a `javascript:` link is refused and nothing is
 * stored.
 */
import { mayAnnotateAction } from '../../domain/access';
import { fileEvidence, linkEvidence } from '../../domain/evidence';
import { formatRef } from '../../domain/refs';
import type { Evidence } from '../../domain/types';
import { attachEvidence } from '../../storage/followUp';
import { escapeMarkdown } from '../../teams/markdown';
import { texts } from '../../texts';
import type { Reply, SentAttachment, Turn } from '../turn';
import { followUpReply } from './followUpReply';
import { findVisibleAction } from './visibleAction';

/** What Teams sends for a file a user attaches in personal chat. */
const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

/** Attaches the link, or else the file sent with the message, to an action the caller may change. */
export async function attachEvidenceReply(
  turn: Turn,
  ref: number,
  link: string | null,
  description: string | null,
): Promise<Reply> {
  const { caller, deps, say } = turn;
  const words = texts(caller.locale).followUp;
  const stored = await findVisibleAction(turn, ref);
  if (stored === null) return { text: say.notFound(formatRef(ref)) };
  if (caller.isAuditor) return { text: words.auditorReadsOnly(formatRef(ref)) };
  // Checked before anything is written: a refused link throws a DomainError, answered in the user's words.
  let evidence: Evidence;
  if (link !== null) {
    evidence = linkEvidence(link, description);
  } else {
    const file = sentTeamsFile(turn.activity.attachments);
    if (file === null) return { text: words.evidenceMissing(formatRef(ref)) };
    evidence = fileEvidence(file, description);
  }
  const outcome = await attachEvidence(
    deps,
    caller.tenantId,
    { ref, expectedVersion: null, evidence },
    { by: caller.aadObjectId, now: deps.now() },
    (action) => mayAnnotateAction(caller, action),
  );
  return followUpReply(turn, outcome, words.evidenceSaved(formatRef(ref), evidenceName(evidence)));
}

/** How a piece of evidence is named in a reply or on a card: its address or file name, as plain text. */
export function evidenceName(evidence: Evidence): string {
  return escapeMarkdown(evidence.kind === 'link' ? evidence.url : evidence.name);
}

/** The Teams file of a message, as its attachment names it; null when the message carries none. */
export function sentTeamsFile(
  attachments: readonly SentAttachment[],
): { name: string; contentUrl: string; uniqueId: string } | null {
  for (const attachment of attachments) {
    if (attachment.contentType !== TEAMS_FILE) continue;
    const content = attachment.content;
    const uniqueId =
      typeof content === 'object' && content !== null && 'uniqueId' in content ? content.uniqueId : null;
    return {
      name: typeof attachment.name === 'string' ? attachment.name : '',
      contentUrl: typeof attachment.contentUrl === 'string' ? attachment.contentUrl : '',
      uniqueId: typeof uniqueId === 'string' ? uniqueId : '',
    };
  }
  return null;
}
