import { mayViewAction } from '../../domain/access';
import { NotFoundError, type StoredAction } from '../../storage';
import type { Turn } from '../turn';

/**
 * The action behind a reference, for a caller who may see it; null when there is no such action and when the caller
 * may not see it. Both are answered alike ({@link Turn.say}'s `notFound`), so typing references or forging card data
 * cannot tell which references exist.
 */
export async function findVisibleAction(turn: Turn, ref: number): Promise<StoredAction | null> {
  try {
    const stored = await turn.deps.actions.getAction(turn.caller.tenantId, ref);
    return mayViewAction(turn.caller, stored.action) ? stored : null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
