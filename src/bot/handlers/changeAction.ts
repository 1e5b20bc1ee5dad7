import { mayChangeAction } from '../../domain/access';
import { changeDeadline, changeStatus, type ActionChange } from '../../domain/actions';
import { formatRef } from '../../domain/refs';
import type { Action, Audit, Status } from '../../domain/types';
import { ConflictError, type StoredAction } from '../../storage';
import { actionCard, type ActionCardInputs } from '../../teams/cards';
import { type AdaptiveCard } from '../../teams/cards/render';
import { statusLabel } from '../../texts/locale';
import { findAudit, type Turn } from '../turn';
import { actionCardView } from '../../teams/cards/views';
import { findVisibleAction } from './visibleAction';

/** A change a user asked for, by chat or on a card. */
export type RequestedChange =
  | { kind: 'status'; to: Status; comment: string | null }
  | { kind: 'deadline'; date: string; reason: string | null };

/** How a change ended for an action the caller may see; each carries the action as it is now, for the answer card. */
export type ShownOutcome =
  | { kind: 'saved'; action: Action; audit: Audit | null; summary: string }
  | { kind: 'stale' | 'conflict' | 'notAllowed'; action: Action; audit: Audit | null };

/**
 * How a requested change ended. `notFound` is both "no such action" and "an action the caller may not see": it
 * carries nothing of the action, so the answer cannot tell the two apart.
 */
export type ChangeOutcome = ShownOutcome | { kind: 'notFound'; ref: number };

/**
 * Applies a change to an action for the caller: loads it from storage (never trusting ids or versions from the
 * card beyond comparing them), checks who is asking, lets the domain decide, and writes with the ETag it read.
 * `expectedVersion` is the version a card was rendered from; a different current version means the card is stale
 * and nothing is written. A concurrent write between read and write ends as `conflict`, also writing nothing.
 * An unknown reference, or one the caller may not see, ends as `notFound`.
 * @throws DomainError when the change breaks a rule.
 */
export async function changeAction(
  turn: Turn,
  ref: number,
  change: RequestedChange,
  expectedVersion: number | null,
): Promise<ChangeOutcome> {
  const stored = await findVisibleAction(turn, ref);
  if (stored === null) return { kind: 'notFound', ref };
  // The audit is only shown on the answer card, so it is read while the change is written rather than before.
  const [audit, written] = await Promise.all([
    findAudit(turn, stored.action),
    writeChange(turn, stored, change, expectedVersion),
  ]);
  return { ...written, audit };
}

/** A change's outcome before the audit is added for the answer card. */
type WrittenChange =
  | { kind: 'saved'; action: Action; summary: string }
  | { kind: 'stale' | 'conflict' | 'notAllowed'; action: Action };

async function writeChange(
  turn: Turn,
  stored: StoredAction,
  change: RequestedChange,
  expectedVersion: number | null,
): Promise<WrittenChange> {
  const { caller, deps } = turn;
  const { ref } = stored.action;
  // Only someone who may see the action gets here: the chair and auditors, who read but never change.
  if (!mayChangeAction(caller, stored.action)) return { kind: 'notAllowed', action: stored.action };
  if (expectedVersion !== null && expectedVersion !== stored.action.version) {
    return { kind: 'stale', action: stored.action };
  }
  const context = { by: caller.aadObjectId, now: deps.now() };
  const domainChange: ActionChange =
    change.kind === 'status'
      ? changeStatus(stored.action, { to: change.to, comment: change.comment }, context)
      : changeDeadline(
          stored.action,
          { date: change.date, reason: change.reason, today: turn.today },
          context,
        );
  let saved: StoredAction;
  try {
    saved = await deps.actions.updateAction(caller.tenantId, domainChange, stored.etag);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const current = await deps.actions.getAction(caller.tenantId, ref);
    return { kind: 'conflict', action: current.action };
  }
  deps.log.info({ ref, kind: change.kind, version: saved.action.version }, 'Åtgärd ändrad');
  const summary =
    change.kind === 'status'
      ? turn.say.saved(`A-${ref}`, statusLabel(change.to, caller.locale))
      : turn.say.dateChanged(`A-${ref}`, change.date);
  return { kind: 'saved', action: saved.action, summary };
}

/**
 * The answer to a change: the card of the action as it is now, with a note; or only the not-found answer, for a
 * missing action and for one the caller may not see, so that pressing a forwarded card or typing another's
 * reference reveals nothing.
 */
export function outcomeAnswer(
  turn: Turn,
  outcome: ChangeOutcome,
  typed: ActionCardInputs = {},
): AdaptiveCard | string {
  if (outcome.kind === 'notFound') return turn.say.notFound(formatRef(outcome.ref));
  return outcomeCard(turn, outcome, typed);
}

/**
 * The card that answers a change: the action as it is now, with a note saying what happened. When the card pressed
 * was stale or lost a race, what was `typed` in its fields is put back, to press again on the new card.
 */
export function outcomeCard(turn: Turn, outcome: ShownOutcome, typed: ActionCardInputs = {}): AdaptiveCard {
  const ref = `A-${outcome.action.ref}`;
  const note =
    outcome.kind === 'saved'
      ? outcome.summary
      : outcome.kind === 'stale'
        ? turn.say.staleCard(ref)
        : outcome.kind === 'conflict'
          ? turn.say.conflict(ref)
          : turn.say.notAllowed(ref);
  const view = actionCardView(outcome.action, outcome.audit, turn.today, {
    canEdit: mayChangeAction(turn.caller, outcome.action),
    note,
    typed: outcome.kind === 'stale' || outcome.kind === 'conflict' ? typed : {},
  });
  return actionCard(view, turn.caller.locale);
}
