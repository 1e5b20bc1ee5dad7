/**
 * `A-17 kommentar <text>`: a progress note on an action, its status unchanged; also `A-17 pågår <text>` on an action
 * already in progress, so that the official's words are kept rather than refused as "already in progress".
 */
import { mayAnnotateAction } from '../../domain/access';
import { formatRef } from '../../domain/refs';
import { addNote } from '../../storage/followUp';
import { texts } from '../../texts';
import type { Reply, Turn } from '../turn';
import { changeAction, outcomeAnswer, type RequestedChange } from './changeAction';
import { followUpReply } from './followUpReply';
import { findVisibleAction } from './visibleAction';

/** Adds a note typed in chat to an action the caller may change; others hear what they would for any change. */
export async function noteOnAction(turn: Turn, ref: number, text: string): Promise<Reply> {
  const { caller, deps, say } = turn;
  const stored = await findVisibleAction(turn, ref);
  if (stored === null) return { text: say.notFound(formatRef(ref)) };
  if (caller.isAuditor) return { text: texts(caller.locale).followUp.auditorReadsOnly(formatRef(ref)) };
  const outcome = await addNote(
    deps,
    caller.tenantId,
    { ref, expectedVersion: null, text },
    { by: caller.aadObjectId, now: deps.now() },
    (action) => mayAnnotateAction(caller, action),
  );
  return followUpReply(turn, outcome, texts(caller.locale).followUp.noteSaved(formatRef(ref)));
}

/**
 * `A-17 pågår <text>`: on an action already in progress the text becomes a note (the status stays); otherwise it is
 * the status change it says.
 */
export async function reportProgress(turn: Turn, ref: number, comment: string | null): Promise<Reply> {
  if (comment !== null) {
    const stored = await findVisibleAction(turn, ref);
    if (stored !== null && stored.action.status === 'Pågår') return noteOnAction(turn, ref, comment);
  }
  const change: RequestedChange = { kind: 'status', to: 'Pågår', comment };
  const answer = outcomeAnswer(turn, await changeAction(turn, ref, change, null));
  return typeof answer === 'string' ? { text: answer } : { cards: [answer] };
}
