/**
 * What every card mapper needs: user text clipped and escaped once, the largest item count that fits Teams' size
 * limit, status colours and the status and date phrases the cards share.
 */
import { wholePercent } from '../../domain/percent';
import { clip } from '../../domain/text';
import { MAX_CARD_BYTES } from '../limits';
import { escapeMarkdown } from '../markdown';
import { cardSize, type AdaptiveCard } from './render';
import type { DisplayStatus } from '../../domain/types';
import { type CardTexts, type Locale, statusLabel } from '../../texts';

/** User text as it goes into template data: clipped to a size a card can carry, then escaped. */
export function userText(text: string, max: number): string {
  return escapeMarkdown(clip(text, max));
}

/** The largest count in `0..upTo` whose card fits {@link MAX_CARD_BYTES} (the card shrinks as the count does). */
export function largestFitting(upTo: number, render: (count: number) => AdaptiveCard): number {
  if (cardSize(render(upTo)) <= MAX_CARD_BYTES) return upTo;
  let low = 0;
  let high = upTo - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (cardSize(render(middle)) <= MAX_CARD_BYTES) low = middle;
    else high = middle - 1;
  }
  return low;
}

export const STATUS_COLORS: Record<DisplayStatus, string> = {
  Planerad: 'Default',
  Pågår: 'Accent',
  Genomförd: 'Good',
  Försenad: 'Attention',
  Avbruten: 'Default',
};

/** Most characters of an action's text a list line shows; the whole text is one "Visa" away. */
export const LIST_TEXT_MAX = 280;

/** "Försenad (12 dagar)" when overdue, else the status word. */
export function statusText(
  status: DisplayStatus,
  daysOverdue: number | null,
  texts: CardTexts,
  locale: Locale,
): string {
  const word = statusLabel(status, locale);
  return status === 'Försenad' && daysOverdue !== null && daysOverdue > 0
    ? `${word} (${texts.days(daysOverdue)})`
    : word;
}

/**
 * "2021-11-30 (under hösten 2021)", escaped. The phrase is left out when it only repeats the date ("senast
 * 2022-05-31"): the phrase matters to a reader when it is vaguer than the date it was resolved to.
 */
export function dateWithPhrase(date: string | null, phrase: string | null, missing: string): string {
  const words = phrase === null ? '' : clip(phrase.trim(), 200);
  const shown = escapeMarkdown(date ?? missing);
  return words === '' || (date !== null && words.includes(date))
    ? shown
    : `${shown} (${escapeMarkdown(words)})`;
}

/** "45 %" with a non-breaking space in Swedish (Språkrådet), "45%" in English; "–" when there is nothing to share. */
export function formatPercent(share: number, locale: Locale): string {
  if (!Number.isFinite(share)) return '–';
  const percent = wholePercent(share);
  return locale === 'sv' ? `${percent}\u00a0%` : `${percent}%`;
}
