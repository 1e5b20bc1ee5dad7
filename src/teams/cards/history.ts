/** The history card: who changed what and when. */
import { escapeMarkdown } from '../markdown';
import { renderCard, type AdaptiveCard } from './render';
import { type CardTexts, type Locale, texts as catalogue } from '../../texts';
import { largestFitting, userText } from './helpers';
import historyTemplate from '../../../cards/history.json';

/** Most history events a history card shows (the latest ones). */
export const MAX_HISTORY_EVENTS = 50;

/** One history event as a person reads it. */
export interface HistoryEventView {
  /** '2026-03-02 10:15', local time. */
  at: string;
  who: string;
  what: string;
  comment: string | null;
}

/** An action's history, oldest event first. */
export interface HistoryCardView {
  ref: string;
  text: string;
  originalDue: string;
  currentDue: string;
  events: HistoryEventView[];
}

/** The data `cards/history.json` binds to. */
export interface HistoryCardData {
  labels: CardTexts['history'];
  ref: string;
  text: string;
  originalDue: string;
  currentDue: string;
  hasEvents: boolean;
  hasEarlier: boolean;
  earlier: string;
  events: { at: string; who: string; what: string; hasComment: boolean; comment: string }[];
}

/** The template data of {@link historyCard}, showing the latest `limit` events. */
export function historyCardData(
  view: HistoryCardView,
  locale: Locale,
  limit = MAX_HISTORY_EVENTS,
): HistoryCardData {
  const texts = catalogue(locale).cards;
  const shown = limit > 0 ? view.events.slice(-limit) : [];
  const earlier = view.events.length - shown.length;
  return {
    labels: { ...texts.history },
    ref: view.ref,
    text: userText(view.text, 1000),
    originalDue: userText(view.originalDue, 240),
    currentDue: userText(view.currentDue, 240),
    hasEvents: view.events.length > 0,
    hasEarlier: earlier > 0,
    earlier: earlier > 0 ? texts.earlierEvents(earlier) : '',
    events: shown.map((event) => ({
      at: escapeMarkdown(event.at),
      who: userText(event.who, 120),
      what: userText(event.what, 400),
      hasComment: event.comment !== null && event.comment.trim() !== '',
      comment: userText(event.comment ?? '', 600),
    })),
  };
}

/** Who changed what and when: every status change and deadline move, with the reasons given. */
export function historyCard(view: HistoryCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(historyTemplate, historyCardData(view, locale, count));
  return render(largestFitting(Math.min(view.events.length, MAX_HISTORY_EVENTS), render));
}
