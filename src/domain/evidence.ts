import { optionalComment, recordEvent, type ActionChange, type ChangeContext } from './actions';
import { DomainError } from './errors';
import { formatRef } from './refs';
import { clip, normalizeInput } from './text';
import type { Action, Evidence, HistoryEvent } from './types';

/** Live (not removed) items of evidence an action may have: enough for any follow-up, few enough to read. */
export const MAX_EVIDENCE_PER_ACTION = 20;

/** Longest link kept; browsers and SharePoint links stay far below it. */
export const MAX_URL_LENGTH = 2_000;

/** Longest file name kept; OneDrive allows 400 characters in a whole path. */
export const MAX_FILE_NAME_LENGTH = 400;

/** Longest Teams file id kept; they are GUIDs in practice. */
const MAX_UNIQUE_ID_LENGTH = 200;

/** One item of evidence that is still attached, with the event that attached it. */
export interface EvidenceItem {
  /** The seq of the `evidence` event: the item's number within its action, stable for good. */
  seq: number;
  evidence: Evidence;
  at: string;
  by: string;
}

/** A file shared in Teams, as its attachment names it; every field is checked by {@link fileEvidence}. */
export interface SharedFile {
  name: string;
  contentUrl: string;
  uniqueId: string;
}

/**
 * Checks a link given as evidence and returns it as kept: only `https:`, no user name or password in it, at most
 * {@link MAX_URL_LENGTH} characters. `javascript:`, `data:`, `http:` and the like are refused: a link a reader
 * clicks in a report must not run anything or travel unencrypted.
 * @throws DomainError `InvalidValue` naming what is wrong.
 * @example httpsUrl('https://kommun.se/protokoll.pdf') // 'https://kommun.se/protokoll.pdf'
 */
export function httpsUrl(text: string): string {
  const trimmed = normalizeInput(text);
  if (trimmed.length > MAX_URL_LENGTH) {
    throw new DomainError({ kind: 'evidenceUrlTooLong', length: trimmed.length, max: MAX_URL_LENGTH });
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new DomainError({ kind: 'evidenceNotAUrl', given: clip(trimmed, 81) });
  }
  if (url.protocol !== 'https:') throw new DomainError({ kind: 'evidenceNotHttps', scheme: url.protocol });
  if (url.username !== '' || url.password !== '') throw new DomainError({ kind: 'evidenceWithCredentials' });
  // The parser's form: percent-encoded, so what is stored is exactly what a reader's browser would open.
  if (url.href.length > MAX_URL_LENGTH) {
    throw new DomainError({ kind: 'evidenceUrlTooLong', length: url.href.length, max: MAX_URL_LENGTH });
  }
  return url.href;
}

/**
 * Evidence from a link with an optional description.
 * @throws DomainError `InvalidValue` for a link {@link httpsUrl} refuses or a too long description.
 */
export function linkEvidence(url: string, description: string | null = null): Evidence {
  return { kind: 'link', url: httpsUrl(url), description: optionalComment(description) };
}

/**
 * Evidence from a file shared in Teams: only the reference is kept, the file stays where the sender keeps it.
 * @throws DomainError `InvalidValue` for a missing name or id, or a content URL {@link httpsUrl} refuses.
 */
export function fileEvidence(file: SharedFile, description: string | null = null): Evidence {
  const name = normalizeInput(file.name);
  if (!name || name.length > MAX_FILE_NAME_LENGTH)
    throw new DomainError({ kind: 'evidenceBadFile', field: 'name' });
  const uniqueId = normalizeInput(file.uniqueId);
  if (!uniqueId || uniqueId.length > MAX_UNIQUE_ID_LENGTH || /\s/.test(uniqueId)) {
    throw new DomainError({ kind: 'evidenceBadFile', field: 'uniqueId' });
  }
  return {
    kind: 'file',
    name,
    contentUrl: httpsUrl(file.contentUrl),
    uniqueId,
    description: optionalComment(description),
  };
}

/** The evidence still attached, oldest first: every `evidence` event not taken back by an `evidenceRemoved`. */
export function liveEvidence(history: readonly HistoryEvent[]): EvidenceItem[] {
  const removed = new Set(
    history.filter((event) => event.kind === 'evidenceRemoved').map((event) => event.removes ?? 0),
  );
  return history
    .filter((event) => event.kind === 'evidence' && event.evidence && !removed.has(event.seq))
    .sort((a, b) => a.seq - b.seq)
    .map((event) => ({ seq: event.seq, evidence: event.evidence as Evidence, at: event.at, by: event.by }));
}

/** Whether two items are the same evidence: the same link, or the same Teams file (by its id, whatever its name). */
export function sameEvidence(a: Evidence, b: Evidence): boolean {
  if (a.kind === 'link') return b.kind === 'link' && a.url === b.url;
  return b.kind === 'file' && a.uniqueId === b.uniqueId;
}

/** The items without repeats (the same file sent twice is one item), in the order given. */
export function distinctEvidence(items: readonly Evidence[]): Evidence[] {
  return items.filter((item, index) => items.findIndex((other) => sameEvidence(item, other)) === index);
}

/** How an item is named in a message: its link or its file name, as kept (unescaped). */
export function evidenceLabel(evidence: Evidence): string {
  return evidence.kind === 'link' ? evidence.url : evidence.name;
}

/**
 * Whether a word written after `underlag` is meant as a link: it has a scheme (`https:`, `javascript:`), starts
 * with `www.`, or is a host with a path (`kommun.se/x`). A file name (`protokoll.pdf`) or an ordinary word, also one
 * ending in a colon (`Protokoll:`), is not.
 */
export function looksLikeLink(word: string): boolean {
  return /^[a-z][a-z\d+.-]*:\S/iu.test(word) || /^www\./iu.test(word) || /^[\w-]+(?:\.[\w-]+)+\//u.test(word);
}

/**
 * Attaches evidence to an action as a history event; status and deadline stay as they are. `history` is the
 * action's history as read with it, to count the live items and find the same item already attached.
 * @throws DomainError `InvalidValue` when the item is already attached or the action already has
 * {@link MAX_EVIDENCE_PER_ACTION} live items.
 */
export function attachEvidence(
  action: Action,
  history: readonly HistoryEvent[],
  evidence: Evidence,
  context: ChangeContext,
): ActionChange {
  checkRoomFor(action, history, [evidence]);
  return evidenceEvent(action, evidence, context);
}

/**
 * Attaches several items at once (the files of one message, a link with them), one history event each, each
 * change built on the one before: all or nothing. The same item given twice is attached once.
 * @throws DomainError `InvalidValue` when one of them is already attached, or they would take the action past
 * {@link MAX_EVIDENCE_PER_ACTION} live items.
 */
export function attachEvidenceItems(
  action: Action,
  history: readonly HistoryEvent[],
  items: readonly Evidence[],
  context: ChangeContext,
): ActionChange[] {
  const distinct = distinctEvidence(items);
  checkRoomFor(action, history, distinct);
  const changes: ActionChange[] = [];
  let current = action;
  for (const evidence of distinct) {
    const change = evidenceEvent(current, evidence, context);
    changes.push(change);
    current = change.action;
  }
  return changes;
}

/** Refuses items already attached (live), and more items than the action has room for. */
function checkRoomFor(action: Action, history: readonly HistoryEvent[], items: readonly Evidence[]): void {
  const live = liveEvidence(history);
  const attached = items.filter((item) => live.some((other) => sameEvidence(other.evidence, item)));
  const ref = formatRef(action.ref);
  if (attached.length > 0) {
    throw new DomainError({ kind: 'evidenceAlreadyAttached', ref, names: attached.map(evidenceLabel) });
  }
  if (live.length + items.length <= MAX_EVIDENCE_PER_ACTION) return;
  if (live.length >= MAX_EVIDENCE_PER_ACTION || items.length === 1) {
    throw new DomainError({ kind: 'tooMuchEvidence', ref, max: MAX_EVIDENCE_PER_ACTION });
  }
  throw new DomainError({
    kind: 'tooMuchEvidenceAtOnce',
    ref,
    max: MAX_EVIDENCE_PER_ACTION,
    live: live.length,
    adding: items.length,
  });
}

function evidenceEvent(action: Action, evidence: Evidence, context: ChangeContext): ActionChange {
  return recordEvent(action, {}, context, {
    kind: 'evidence',
    from: null,
    to: null,
    comment: null,
    evidence,
  });
}

/**
 * Takes back an item of evidence: a new event that names the item (its seq); the item's own event stays, since
 * history is never rewritten.
 * @throws DomainError `UnknownReference` when the action has no live item with that number.
 */
export function removeEvidence(
  action: Action,
  history: readonly HistoryEvent[],
  item: number,
  reason: string | null,
  context: ChangeContext,
): ActionChange {
  const found = liveEvidence(history).find((live) => live.seq === item);
  if (!found) throw new DomainError({ kind: 'unknownEvidence', ref: formatRef(action.ref), item });
  return recordEvent(action, {}, context, {
    kind: 'evidenceRemoved',
    from: null,
    to: null,
    comment: optionalComment(reason),
    evidence: found.evidence,
    removes: item,
  });
}
