/**
 * `A-17 underlag <https-länk> [beskrivning]`, or files sent in personal chat with `A-17 underlag [beskrivning]` as
 * their text: evidence on an action; also Spara underlag on the action card (verb `addEvidence`), under the same
 * rules. Only a file's reference is kept (its name, address and Teams id); the file is not downloaded. The link is
 * checked by the domain (`https:` only), so a `javascript:` link is refused and nothing is stored. A link and files
 * in one message are all kept, in one change; so are several files.
 */
import { z } from 'zod';
import { mayAnnotateAction } from '../../domain/access';
import { MAX_COMMENT_LENGTH } from '../../domain/actions';
import {
  distinctEvidence,
  fileEvidence,
  linkEvidence,
  looksLikeLink,
  MAX_URL_LENGTH,
  type SharedFile,
} from '../../domain/evidence';
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

/** `A-17 underlag` as chat reads it (intents.ts): the first word as a link, and all that follows the keyword. */
export interface EvidenceRequest {
  ref: number;
  link: string | null;
  description: string | null;
  text: string | null;
}

/**
 * Attaches the link and the files sent with the message to an action the caller may change. With a file, a first
 * word that is no link (`A-17 underlag protokollet från mötet`) is the start of the files' description.
 */
export async function attachEvidenceReply(turn: Turn, request: EvidenceRequest): Promise<Reply> {
  const words = texts(turn.caller.locale).followUp;
  const { ref } = request;
  const files = sentTeamsFiles(turn.activity.attachments);
  const link =
    request.link !== null && (files.length === 0 || looksLikeLink(request.link)) ? request.link : null;
  const description = link === null ? request.text : request.description;
  const answer = await attachEvidenceFor(turn, ref, null, () => {
    const items = [
      ...(link === null ? [] : [linkEvidence(link, description)]),
      ...files.map((file) => fileEvidence(file, description)),
    ];
    return items.length === 0 ? words.evidenceMissing(formatRef(ref)) : items;
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
        : [linkEvidence(link, description)],
    { evidenceUrl: input.evidenceUrl, evidenceDescription: input.evidenceDescription },
  );
}

/**
 * Attaches evidence to an action for the caller: someone who may not see it hears that there is no such action, an
 * auditor that auditors only read, and the rest is decided by the access rules against the action as stored.
 * `evidenceOf` checks the input only once the action is known to be the caller's to see; a string it returns is
 * the answer, and nothing is written. The answer is the action's card as it is now (with what a stale card's
 * fields held, `typed`, put back), or a text.
 * @throws DomainError for a link the domain refuses, an item already attached, or more evidence than the action
 * may have.
 */
async function attachEvidenceFor(
  turn: Turn,
  ref: number,
  expectedVersion: number | null,
  evidenceOf: () => readonly Evidence[] | string,
  typed: ActionCardInputs = {},
): Promise<AdaptiveCard | string> {
  const { caller, deps, say } = turn;
  const words = texts(caller.locale).followUp;
  const stored = await findVisibleAction(turn, ref);
  if (stored === null) return say.notFound(formatRef(ref));
  if (caller.isAuditor) return words.auditorReadsOnly(formatRef(ref));
  // Checked before anything is written: a refused link throws a DomainError, answered in the user's words.
  const given = evidenceOf();
  if (typeof given === 'string') return given;
  const evidence = distinctEvidence(given);
  const outcome = await attachEvidence(
    deps,
    caller.tenantId,
    { ref, expectedVersion, evidence },
    { by: caller.aadObjectId, now: deps.now() },
    (action) => mayAnnotateAction(caller, action),
  );
  const names = evidence.map(evidenceName);
  const saved =
    names.length === 1
      ? words.evidenceSaved(formatRef(ref), names.join(''))
      : words.evidenceSavedMany(formatRef(ref), names);
  return followUpCard(turn, outcome, saved, typed);
}

/** How a piece of evidence is named in a reply or on a card: its address or file name, as plain text. */
export function evidenceName(evidence: Evidence): string {
  return escapeMarkdown(evidence.kind === 'link' ? evidence.url : evidence.name);
}

/** The Teams files of a message, as their attachments name them, in the order sent; empty when it carries none. */
export function sentTeamsFiles(attachments: readonly SentAttachment[]): SharedFile[] {
  return attachments.flatMap((attachment) => {
    if (attachment.contentType !== TEAMS_FILE) return [];
    const content = attachment.content;
    const uniqueId =
      typeof content === 'object' && content !== null && 'uniqueId' in content ? content.uniqueId : null;
    return [
      {
        name: typeof attachment.name === 'string' ? attachment.name : '',
        contentUrl: typeof attachment.contentUrl === 'string' ? attachment.contentUrl : '',
        uniqueId: typeof uniqueId === 'string' ? uniqueId : '',
      },
    ];
  });
}
