import { formatInstant } from '../../domain/dates';
import { formatRef } from '../../domain/refs';
import { NotFoundError } from '../../storage';
import type { Action, Evidence, HistoryEvent } from '../../domain/types';
import { texts } from '../../texts';
import { actionCard, historyCard, type HistoryEventView } from '../../teams/cards';
import { mayChangeAction } from '../../domain/access';
import { statusLabel, type Locale } from '../../texts/locale';
import { findAudit, type Reply, type Turn } from '../turn';
import { actionCardView } from '../../teams/cards/views';
import { findVisibleAction } from './visibleAction';

/**
 * `visa A-17`: the action card and its history, for whoever may see it. Anyone else hears that there is no such
 * action, exactly as for a reference that does not exist.
 */
export async function showAction(turn: Turn, ref: number, options: { withHistory: boolean }): Promise<Reply> {
  const { caller, say } = turn;
  const stored = await findVisibleAction(turn, ref);
  if (stored === null) return { text: say.notFound(formatRef(ref)) };
  const { action } = stored;
  const audit = await findAudit(turn, action);
  const cards = [
    actionCard(
      actionCardView(action, audit, turn.today, { canEdit: mayChangeAction(caller, action) }),
      caller.locale,
    ),
  ];
  if (options.withHistory) cards.push(await historyCardFor(turn, action));
  return { cards };
}

/** The history card of one action (the caller's right to see it is checked by the caller of this function). */
export async function historyCardFor(turn: Turn, action: Action) {
  const events = await turn.deps.actions.listHistory(turn.caller.tenantId, action.ref);
  const names = await namesOf(turn, events);
  const format = (date: string | null, phrase: string | null): string =>
    date ? (phrase && phrase !== date ? `${date} (${phrase})` : date) : (phrase ?? '–');
  return historyCard(
    {
      ref: formatRef(action.ref),
      text: action.text,
      originalDue: format(action.originalDeadline.date, action.originalDeadline.phrase),
      currentDue: format(action.deadline.date, action.deadline.phrase),
      events: events.map((event): HistoryEventView => ({
        at: formatInstant(event.at, turn.deps.timeZone),
        who: names.get(event.by) ?? actorName(event.by, turn.caller.locale),
        what: describeEvent(event, turn.caller.locale),
        comment: event.comment,
      })),
    },
    turn.caller.locale,
  );
}

/**
 * Who made a change that no person made: `import:<file>` shows the file's name only (the path is the server's
 * business, not the reader's), `cli` and `system` a word; anything else as stored.
 */
function actorName(by: string, locale: Locale): string {
  const words = texts(locale).lists;
  if (by.startsWith('import:')) {
    const file = by.slice('import:'.length).split(/[\\/]/).pop() ?? '';
    return file ? `Import (${file})` : 'Import';
  }
  if (by === 'cli') return words.byCommandLine;
  if (by === 'system') return words.byBot;
  return by;
}

function describeEvent(event: HistoryEvent, locale: Locale): string {
  const words = texts(locale).lists;
  switch (event.kind) {
    case 'created':
      return words.created;
    case 'status': {
      const label = (value: string | null): string =>
        value === 'Planerad' || value === 'Pågår' || value === 'Genomförd' || value === 'Avbruten'
          ? statusLabel(value, locale)
          : (value ?? '–');
      return `${words.statusChange}: ${label(event.from)} → ${label(event.to)}`;
    }
    case 'deadline':
      return `${words.dateChange}: ${event.from ?? '–'} → ${event.to ?? '–'}`;
    case 'note':
      return words.note;
    case 'evidence':
      return event.evidence
        ? texts(locale).followUp.evidenceLine(evidenceText(event.evidence), event.evidence.description)
        : words.evidenceAdded;
    case 'evidenceRemoved':
      return words.evidenceRemoved;
  }
}

/** Evidence as the history card names it: the address or file name, escaped by the card. */
function evidenceText(evidence: Evidence): string {
  return evidence.kind === 'link' ? evidence.url : `${evidence.name} (${evidence.contentUrl})`;
}

async function namesOf(turn: Turn, events: readonly HistoryEvent[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const by of new Set(events.map((e) => e.by))) {
    // import:<file>, cli, system: not a person, shown as they are.
    if (!/^[A-Z0-9-]{1,100}$/i.test(by)) continue;
    const user = await turn.deps.users.getUser(turn.caller.tenantId, by).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (user) names.set(by, user.name ?? user.email ?? by);
  }
  return names;
}
