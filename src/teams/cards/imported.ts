/** The imported card: what Spara saved from a draft. */
import { renderCard, type AdaptiveCard } from './render';
import { type DraftTexts, type Locale, texts as catalogue } from '../../texts';
import { largestFitting, LIST_TEXT_MAX, userText } from './helpers';
import { MAX_LIST_ITEMS } from './list';
import importedTemplate from '../../../cards/imported.json';

/** What Spara saved: the audit, and each action with its reference. */
export interface ImportedCardView {
  title: string;
  /** New actions, in file order. */
  created: readonly { ref: string; text: string }[];
  /** Actions that were there already (the same draft saved again). */
  existing: number;
}

/** The data `cards/imported.json` binds to. */
export interface ImportedCardData {
  labels: DraftTexts['imported'];
  title: string;
  summary: string;
  hasItems: boolean;
  items: { ref: string; text: string }[];
  hasMore: boolean;
  more: string;
}

/** The template data of {@link importedCard}, listing the first `limit` new actions. */
export function importedCardData(
  view: ImportedCardView,
  locale: Locale,
  limit = MAX_LIST_ITEMS,
): ImportedCardData {
  const texts = catalogue(locale).drafts;
  const shown = Math.min(view.created.length, Math.max(0, limit));
  const summary = [
    view.created.length > 0 ? texts.created(view.created.length) : texts.nothingNew,
    ...(view.created.length > 0 && view.existing > 0 ? [texts.existing(view.existing)] : []),
  ].join(' ');
  return {
    labels: { ...texts.imported },
    title: userText(view.title, 400),
    summary,
    hasItems: shown > 0,
    items: view.created
      .slice(0, shown)
      .map((item) => ({ ref: item.ref, text: userText(item.text, LIST_TEXT_MAX) })),
    hasMore: view.created.length > shown,
    more: view.created.length > shown ? catalogue(locale).cards.more(view.created.length - shown) : '',
  };
}

/** Replaces the draft card after Spara: the references of the new actions (A-n), or that nothing was new. */
export function importedCard(view: ImportedCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(importedTemplate, importedCardData(view, locale, count));
  return render(largestFitting(Math.min(view.created.length, MAX_LIST_ITEMS), render));
}
