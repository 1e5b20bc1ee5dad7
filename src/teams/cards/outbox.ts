/** The outbox card (`utkorg`): proactive messages whose delivery is uncertain, each with Levererat and Skicka igen. */
import { type Locale, texts as catalogue } from '../../texts';
import { largestFitting, userText } from './helpers';
import { renderCard, type AdaptiveCard } from './render';
import outboxTemplate from '../../../cards/outbox.json';

/** Most rows one card lists; the rest are counted, and come up as the first ones are settled. */
export const MAX_OUTBOX_ROWS = 20;

/** One message to check, as the handler describes it in the reader's language. */
export interface OutboxRowView {
  /** The message's id (hex): what the buttons send back, looked up again when pressed. */
  id: string;
  /** What it is and to whom: `Påminnelse A-4 (overdue-1) → bo@kommun.se`. */
  what: string;
  /** Its id as lists show it, when it last changed, and why it is uncertain. */
  detail: string;
  /** Whether Skicka igen is offered (a weekly digest is not resent from here). */
  canResend: boolean;
}

/** What the outbox card shows. */
export interface OutboxCardView {
  rows: OutboxRowView[];
  /** A notice shown first: what the last press did. */
  note: string | null;
}

/** The data `cards/outbox.json` binds to. */
export interface OutboxCardData {
  labels: { intro: string; empty: string; delivered: string; resend: string };
  title: string;
  hasNote: boolean;
  note: string;
  isEmpty: boolean;
  rows: { id: string; what: string; detail: string; canResend: boolean }[];
  hasMore: boolean;
  more: string;
}

// Field budgets in UTF-16 units: a reason from the connector can be long.
const OUTBOX_LIMITS = { what: 400, detail: 600, note: 600 };

/** The template data of {@link outboxCard}, showing the first `shown` rows. */
export function outboxCardData(
  view: OutboxCardView,
  locale: Locale,
  shown = MAX_OUTBOX_ROWS,
): OutboxCardData {
  const words = catalogue(locale).outbox;
  const rows = view.rows.slice(0, Math.min(shown, MAX_OUTBOX_ROWS));
  const more = view.rows.length - rows.length;
  return {
    labels: { intro: words.intro, empty: words.empty, delivered: words.delivered, resend: words.resend },
    title: words.title(view.rows.length),
    hasNote: view.note !== null && view.note.trim() !== '',
    note: userText(view.note ?? '', OUTBOX_LIMITS.note),
    isEmpty: view.rows.length === 0,
    rows: rows.map((row) => ({
      id: row.id,
      what: userText(row.what, OUTBOX_LIMITS.what),
      detail: userText(row.detail, OUTBOX_LIMITS.detail),
      canResend: row.canResend,
    })),
    hasMore: more > 0,
    more: more > 0 ? words.more(more) : '',
  };
}

/**
 * The messages in `check`, each with Levererat (verb `settleOutbox`, data `{ id, decision: 'delivered' }`) and,
 * unless it is a weekly digest, Skicka igen (`decision: 'resend'`); with no rows, a line saying nothing is
 * uncertain. Within Teams' card size: fewer rows are shown (and the rest counted) when long texts need it.
 */
export function outboxCard(view: OutboxCardView, locale: Locale): AdaptiveCard {
  const render = (count: number) => renderCard(outboxTemplate, outboxCardData(view, locale, count));
  return render(largestFitting(Math.min(view.rows.length, MAX_OUTBOX_ROWS), render));
}
