/** The list card: actions in groups, each with a "Visa" button. */
import { renderCard, type AdaptiveCard } from './render';
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
import listTemplate from '../../../cards/list.json';

/** Most items a list card shows, whatever their size: beyond this a list is no longer read, only scrolled. */
export const MAX_LIST_ITEMS = 30;

/** One action in a list. */
export interface ListItemView {
  ref: string;
  text: string;
  status: DisplayStatus;
  dueDate: string | null;
  duePhrase: string;
  daysOverdue: number | null;
  owner: string | null;
}

/** A list of actions, optionally in groups (e.g. per committee); `empty` is shown when there is nothing. */
export interface ListCardView {
  title: string;
  groups: { heading: string | null; items: ListItemView[] }[];
  empty: string;
  /**
   * How many items the list has in all, when `groups` hold only the first of them (a long list, of which a card
   * shows at most {@link MAX_LIST_ITEMS}). Default: the items in `groups`.
   */
  total?: number;
}

/** The data `cards/list.json` binds to. */
export interface ListCardData {
  labels: CardTexts['list'];
  title: string;
  isEmpty: boolean;
  empty: string;
  groups: {
    hasHeading: boolean;
    heading: string;
    items: { ref: string; text: string; details: string; statusColor: string }[];
  }[];
  hasMore: boolean;
  more: string;
}

/** The template data of {@link listCard}, showing the first `limit` items (in group order). */
export function listCardData(view: ListCardView, locale: Locale, limit = MAX_LIST_ITEMS): ListCardData {
  const texts = catalogue(locale).cards;
  const given = itemCount(view);
  const total = Math.max(view.total ?? given, given);
  let room = limit;
  const groups: ListCardData['groups'] = [];
  for (const group of view.groups) {
    const items = group.items.slice(0, Math.max(0, room));
    room -= items.length;
    if (items.length === 0) continue;
    groups.push({
      hasHeading: group.heading !== null && group.heading.trim() !== '',
      heading: userText(group.heading ?? '', 200),
      items: items.map((item) => ({
        ref: item.ref,
        text: userText(item.text, LIST_TEXT_MAX),
        details: [
          statusText(item.status, item.daysOverdue, texts, locale),
          dateWithPhrase(item.dueDate, item.duePhrase, texts.noDate),
          ...(item.owner === null ? [] : [userText(item.owner, 120)]),
        ].join(' · '),
        statusColor: STATUS_COLORS[item.status],
      })),
    });
  }
  const shown = Math.min(given, Math.max(0, limit));
  return {
    labels: { ...texts.list },
    title: userText(view.title, 200),
    isEmpty: total === 0,
    empty: userText(view.empty, 400),
    groups,
    hasMore: total > shown,
    more: total > shown ? texts.more(total - shown) : '',
  };
}

/**
 * A list of actions, each with a "Visa" button (verb `showAction`, data `{ ref }`). At most
 * {@link MAX_LIST_ITEMS} are shown, fewer if the card would pass `MAX_CARD_BYTES`; then a line
 * "… och 42 till" says how many are left out.
 */
export function listCard(view: ListCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard => renderCard(listTemplate, listCardData(view, locale, count));
  return render(largestFitting(Math.min(itemCount(view), MAX_LIST_ITEMS), render));
}

/** The items a list view holds (see {@link ListCardView.total} for the list's whole length). */
function itemCount(view: ListCardView): number {
  return view.groups.reduce((sum, group) => sum + group.items.length, 0);
}
