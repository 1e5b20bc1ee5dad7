/**
 * `A-17 underlag <https-länk> [beskrivning]`, or a file sent in personal chat with `A-17 underlag` as its text:
 * evidence on an action; also Spara underlag on the action card (verb `addEvidence`), under the same rules. Only
 * the file's reference is kept (its name, address and Teams id); the file is not downloaded. The link is checked by
 * the domain (`https:` only), so a `javascript:` link is refused and nothing is stored.
 */
import { z } from 'zod';
import { mayAnnotateAction } from '../../domain/access';
import { MAX_COMMENT_LENGTH } from '../../domain/actions';
import { fileEvidence, linkEvidence, MAX_URL_LENGTH } from '../../domain/evidence';
import { formatRef, parseRef } from '../../domain/refs';
import type { Evidence } from '../../domain/types';
import { attachEvidence } from '../../storage/followUp';
import type { ActionCardInputs } from '../../teams/cards';
import type { AdaptiveCard } from '../../teams/cards/render';
import { escapeMarkdown } from '../../teams/markdown';
import { texts } from '../../texts';
import type { Reply, SentAttachment, Turn } from '../turn';
import { parseCardData, type CardAnswer } from './cardActions';
import { followUpCard } from './followUpReply';
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
  const words = texts(turn.caller.locale).followUp;
  const answer = await attachEvidenceFor(turn, ref, null, () => {
    if (link !== null) return linkEvidence(link, description);
    const file = sentTeamsFile(turn.activity.attachments);
    return file === null ? words.evidenceMissing(formatRef(ref)) : fileEvidence(file, description);
  });
  return typeof answer === 'string' ? { text: answer } : { cards: [answer] };
}

/*
 * Card data is user input: checked against a strict schema before use; the reference is parsed like typed text and
 * the action is read from storage; who is asking comes from the activity, never from here. The link may be longer
 * than the card's field allows, so that the domain, not the schema, says what is wrong with it.
 */
const evidenceData = z.object({
  ref: z.string().max(20),
  version: z.number().int().min(1).max(1_000_000),
  evidenceUrl: z
    .string()
    .max(4 * MAX_URL_LENGTH)
    .optional(),
  evidenceDescription: z.string().max(MAX_COMMENT_LENGTH).optional(),
});

/**
 * Spara underlag on an action card: the same as `A-17 underlag <länk> [beskrivning]`, checked against the version
 * the card was rendered from. Saved, the card is updated in place; a refused link is answered with a message, so
 * the card keeps what was typed.
 */
export async function onAddEvidence(turn: Turn, data: unknown): Promise<CardAnswer> {
  const input = parseCardData(evidenceData, data);
  const ref = parseRef(input.ref);
  const link = input.evidenceUrl?.trim() ?? '';
  const description = input.evidenceDescription?.trim() || null;
  return attachEvidenceFor(
    turn,
    ref,
    input.version,
    () =>
      link === ''
        ? texts(turn.caller.locale).followUp.evidenceLinkMissing(formatRef(ref))
        : linkEvidence(link, description),
    { evidenceUrl: input.evidenceUrl, evidenceDescription: input.evidenceDescription },
  );
}

/**
 * Attaches evidence to an action for the caller: someone who may not see it hears that there is no such action, an
 * auditor that auditors only read, and the rest is decided by the access rules against the action as stored.
 * `evidenceOf` checks the input only once the action is known to be the caller's to see; a string it returns is
 * the answer, and nothing is written. The answer is the action's card as it is now (with what a stale card's
 * fields held, `typed`, put back), or a text.
 * @throws DomainError for a link the domain refuses or an action that has the most evidence it may.
 */
async function attachEvidenceFor(
  turn: Turn,
  ref: number,
  expectedVersion: number | null,
  evidenceOf: () => Evidence | string,
  typed: ActionCardInputs = {},
): Promise<AdaptiveCard | string> {
  const { caller, deps, say } = turn;
  const words = texts(caller.locale).followUp;
  const stored = await findVisibleAction(turn, ref);
  if (stored === null) return say.notFound(formatRef(ref));
  if (caller.isAuditor) return words.auditorReadsOnly(formatRef(ref));
  // Checked before anything is written: a refused link throws a DomainError, answered in the user's words.
  const evidence = evidenceOf();
  if (typeof evidence === 'string') return evidence;
  const outcome = await attachEvidence(
    deps,
    caller.tenantId,
    { ref, expectedVersion, evidence },
    { by: caller.aadObjectId, now: deps.now() },
    (action) => mayAnnotateAction(caller, action),
  );
  return followUpCard(turn, outcome, words.evidenceSaved(formatRef(ref), evidenceName(evidence)), typed);
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
