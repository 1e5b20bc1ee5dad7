/** The confirm card: Ja/Nej before acting on a guess. */
import { renderCard, type AdaptiveCard } from './render';
import { type CardTexts, type Locale, statusLabel, texts as catalogue } from '../../texts';
import { userText } from './helpers';
import confirmTemplate from '../../../cards/confirm.json';

/** A question about free text the bot placed with some doubt: "did you mean A-17 is done?" */
export interface ConfirmCardView {
  ref: string;
  version: number;
  text: string;
  status: 'Genomförd' | 'Pågår';
  comment: string | null;
  question: string;
}

/** The data `cards/confirm.json` binds to. */
export interface ConfirmCardData {
  labels: CardTexts['confirm'];
  ref: string;
  version: number;
  question: string;
  text: string;
  /** The stored status value sent back on "Ja". */
  status: 'Genomförd' | 'Pågår';
  statusText: string;
  hasComment: boolean;
  /** Escaped, for display. */
  commentText: string;
  /** As typed, sent back on "Ja" (the handler validates it like any card input); empty when none. */
  comment: string;
}

/** The template data of {@link confirmCard}. */
export function confirmCardData(view: ConfirmCardView, locale: Locale): ConfirmCardData {
  const comment = view.comment ?? '';
  return {
    labels: { ...catalogue(locale).cards.confirm },
    ref: view.ref,
    version: view.version,
    question: userText(view.question, 400),
    text: userText(view.text, 1000),
    status: view.status,
    statusText: statusLabel(view.status, locale),
    hasComment: comment.trim() !== '',
    commentText: userText(comment, 1000),
    // Not escaped: this is a value that travels back, not text to show.
    comment,
  };
}

/**
 * Asks before acting on a guess: Ja (verb `confirmMatch`, data `{ ref, version, status, comment }`) or Nej
 * (verb `rejectMatch`, data `{ ref }`).
 */
export function confirmCard(view: ConfirmCardView, locale: Locale): AdaptiveCard {
  return renderCard(confirmTemplate, confirmCardData(view, locale));
}
