import { formatRef } from '../../domain/refs';
import { canEdit, canView } from '../identity';
import type { Reply, Turn } from '../turn';

/**
 * `pausa A-17 till 2026-08-15 [motivering]`: pauses the action's reminders, for whoever may change the action
 * (owner, the committee's coordinator, an admin). The pause is recorded with who and why.
 */
export async function snooze(turn: Turn, ref: number, until: string, reason: string | null): Promise<Reply> {
  const { caller, deps, say } = turn;
  const { action } = await deps.actions.getAction(caller.tenantId, ref);
  if (!canEdit(caller, action)) {
    // Someone who may not even see the action learns nothing about it.
    return { text: canView(caller, action) ? say.readOnly() : say.notAllowed(formatRef(ref)) };
  }
  await deps.snooze(caller.tenantId, { ref, until, reason, by: caller.aadObjectId, now: deps.now() });
  deps.log.info({ ref }, 'Påminnelser pausade');
  return { text: say.snoozed(formatRef(ref), until) };
}
