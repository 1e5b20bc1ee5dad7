/**
 * The reminder card for several items at once: one message per person per reminder pass, listing what is due
 * (their own actions, actions escalated to them, their committee's dates), each action with a "Visa" button.
 */
import type { DisplayStatus } from '../../domain/types';
import { type CardTexts, type Locale, texts as catalogue } from '../../texts';
import {
  dateWithPhrase,
  largestFitting,
  LIST_TEXT_MAX,
  STATUS_COLORS,
  statusText,
  userText,
} from './helpers';
import { renderCard, type AdaptiveCard } from './render';
import reminderBatchTemplate from '../../../cards/reminderBatch.json';

/** Most items one reminder card lists: beyond this a list is scrolled rather than read, and a second card follows. */
export const MAX_REMINDER_ITEMS = 30;

/** One item of a reminder card: an action, or a committee's date (no reference). */
export interface ReminderItemView {
  /** `A-17`; null for a committee's date, which has no action to show. */
  ref: string | null;
  /** The action's text, or the audit's title for a committee's date: user text, escaped here. */
  text: string;
  /** The action's status on the day; null for a committee's date. */
  status: DisplayStatus | null;
  dueDate: string | null;
  duePhrase: string | null;
  daysOverdue: number | null;
  /** What the reminder says of the item, in the reader's language; escaped by the text that built it. */
  note: string;
}

/** A reminder card: a title, sections of items, and which part it is when one card could not hold them all. */
export interface ReminderBatchCardView {
  title: string;
  sections: { heading: string; items: ReminderItemView[] }[];
  /** "Del 2 av 3", or null when one card holds everything. */
  page: string | null;
}

/** The data `cards/reminderBatch.json` binds to. */
export interface ReminderBatchCardData {
  labels: CardTexts['list'];
  title: string;
  hasPage: boolean;
  page: string;
  sections: {
    heading: string;
    items: { hasRef: boolean; ref: string; line: string; details: string; statusColor: string }[];
  }[];
}

/** The template data of {@link reminderBatchCard}. */
export function reminderBatchCardData(view: ReminderBatchCardView, locale: Locale): ReminderBatchCardData {
  const texts = catalogue(locale).cards;
  return {
    labels: { ...texts.list },
    title: userText(view.title, 200),
    hasPage: view.page !== null,
    page: view.page ?? '',
    sections: view.sections
      .filter((section) => section.items.length > 0)
      .map((section) => ({
        heading: section.heading,
        items: section.items.map((item) => ({
          hasRef: item.ref !== null,
          ref: item.ref ?? '',
          line:
            item.ref === null
              ? userText(item.text, LIST_TEXT_MAX)
              : `**${item.ref}**: ${userText(item.text, LIST_TEXT_MAX)}`,
          details: [
            ...(item.status === null ? [] : [statusText(item.status, item.daysOverdue, texts, locale)]),
            ...(item.status === null ? [] : [dateWithPhrase(item.dueDate, item.duePhrase, texts.noDate)]),
            ...(item.note === '' ? [] : [item.note]),
          ].join(' · '),
          statusColor: item.status === null ? 'Default' : STATUS_COLORS[item.status],
        })),
      })),
  };
}

/** A reminder card listing several items; {@link pageReminderItems} decides beforehand how many one card holds. */
export function reminderBatchCard(view: ReminderBatchCardView, locale: Locale): AdaptiveCard {
  return renderCard(reminderBatchTemplate, reminderBatchCardData(view, locale));
}

/**
 * Splits items, in order, into pages that each make a card within Teams' size limit (`MAX_CARD_BYTES`) and of at
 * most {@link MAX_REMINDER_ITEMS}; `build` renders a card of the given items. One page unless the items cannot fit
 * one card; an item too large for a card of its own still gets a page (the card clips its texts).
 */
export function pageReminderItems<T>(
  items: readonly T[],
  build: (items: readonly T[]) => AdaptiveCard,
): T[][] {
  const pages: T[][] = [];
  let rest = [...items];
  while (rest.length > 0) {
    const upTo = Math.min(rest.length, MAX_REMINDER_ITEMS);
    const count = Math.max(
      1,
      largestFitting(upTo, (n) => build(rest.slice(0, n))),
    );
    pages.push(rest.slice(0, count));
    rest = rest.slice(count);
  }
  return pages;
}
