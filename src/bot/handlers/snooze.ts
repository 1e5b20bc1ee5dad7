import { maySnooze } from '../../domain/access';
import { formatRef } from '../../domain/refs';
import type { Reply, Turn } from '../turn';
import { findVisibleAction } from './visibleAction';

/**
 * `pausa A-17 till 2026-08-15 [motivering]`: pauses the action's reminders, for whoever may change the action
 * (owner, the committee's coordinator, an admin). The pause is recorded with who and why.
 */
export async function snooze(turn: Turn, ref: number, until: string, reason: string | null): Promise<Reply> {
  const { caller, deps, say } = turn;
  const stored = await findVisibleAction(turn, ref);
  // Someone who may not even see the action learns nothing about it, not even that it exists.
  if (stored === null) return { text: say.notFound(formatRef(ref)) };
  if (!maySnooze(caller, stored.action)) return { text: say.readOnly() };
  await deps.snooze(caller.tenantId, { ref, until, reason, by: caller.aadObjectId, now: deps.now() });
  deps.log.info({ ref }, 'Påminnelser pausade');
  return { text: say.snoozed(formatRef(ref), until) };
}
