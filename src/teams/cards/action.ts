/** The action card: one action with its deadline story and, for someone who may change it, the buttons. */
import { MAX_CARD_BYTES } from '../limits';
import { cardSize, renderCard, type AdaptiveCard } from './render';
import type { DisplayStatus } from '../../domain/types';
import { type CardTexts, type Locale, statusLabel, texts as catalogue } from '../../texts';
import { dateWithPhrase, STATUS_COLORS, statusText, userText } from './helpers';
import actionTemplate from '../../../cards/action.json';

/** What the action card shows: one action, as the handler loaded it for this user. */
export interface ActionCardView {
  /** `A-17`. */
  ref: string;
  /** The version the card is rendered from; it comes back in the data of every button. */
  version: number;
  auditTitle: string;
  recommendation: string;
  text: string;
  committee: string;
  owner: string | null;
  dueDate: string | null;
  duePhrase: string;
  originalDueDate: string | null;
  originalDuePhrase: string | null;
  deadlineChanges: number;
  status: DisplayStatus;
  daysOverdue: number | null;
  lastComment: string | null;
  /** Whether this user may change the action: shows the comment field and the buttons. */
  canEdit: boolean;
  /** A notice shown first, e.g. that the card pressed was stale. */
  note: string | null;
  /**
   * What the user had typed in the card's fields when it came back stale or in conflict: put back in the same
   * fields, so that nothing has to be typed twice. Default: nothing.
   */
  typed?: ActionCardInputs;
}

/** The card's input fields by id, as their values come back in the data of a button. */
export interface ActionCardInputs {
  comment?: string;
  newDate?: string;
  reason?: string;
  evidenceUrl?: string;
  evidenceDescription?: string;
}

/** The longest value each field accepts (its `maxLength`, in cards/action.json); a longer value is not put back. */
const INPUT_MAX_LENGTHS: Required<Record<keyof ActionCardInputs, number>> = {
  comment: 1000,
  newDate: 10,
  reason: 1000,
  evidenceUrl: 2000,
  evidenceDescription: 1000,
};

/** The data `cards/action.json` binds to. */
export interface ActionCardData {
  labels: CardTexts['action'] & { done: string; inProgress: string };
  ref: string;
  version: number;
  hasNote: boolean;
  note: string;
  auditTitle: string;
  recommendation: string;
  text: string;
  committee: string;
  owner: string;
  due: string;
  isMoved: boolean;
  original: string;
  status: string;
  statusColor: string;
  hasLastComment: boolean;
  lastComment: string;
  canEdit: boolean;
  /** Every field's value to show, '' for an empty field. */
  typed: Required<ActionCardInputs>;
}

// Field budgets in UTF-16 units at scale 1; halved until the card fits (a 100,000-character import must not stop it).
const ACTION_LIMITS = {
  text: 4000,
  recommendation: 2000,
  auditTitle: 400,
  lastComment: 2000,
  note: 600,
  name: 200,
};

/** The template data of {@link actionCard}; `scale` shrinks the budgets of long texts. */
export function actionCardData(view: ActionCardView, locale: Locale, scale = 1): ActionCardData {
  const texts = catalogue(locale).cards;
  const limit = (units: number): number => Math.max(40, Math.floor(units * scale));
  const isMoved = view.deadlineChanges > 0;
  return {
    labels: {
      ...texts.action,
      done: statusLabel('Genomförd', locale),
      inProgress: statusLabel('Pågår', locale),
    },
    ref: view.ref,
    version: view.version,
    hasNote: view.note !== null && view.note.trim() !== '',
    note: userText(view.note ?? '', limit(ACTION_LIMITS.note)),
    auditTitle: userText(view.auditTitle, limit(ACTION_LIMITS.auditTitle)),
    recommendation: userText(view.recommendation, limit(ACTION_LIMITS.recommendation)),
    text: userText(view.text, limit(ACTION_LIMITS.text)),
    committee: userText(view.committee, ACTION_LIMITS.name),
    owner: view.owner === null ? texts.noOwner : userText(view.owner, ACTION_LIMITS.name),
    due: dateWithPhrase(view.dueDate, view.duePhrase, texts.dateMissing),
    isMoved,
    original: isMoved
      ? `${dateWithPhrase(view.originalDueDate, view.originalDuePhrase, texts.noDate)}, ${texts.moved(view.deadlineChanges)}`
      : '',
    status: statusText(view.status, view.daysOverdue, texts, locale),
    statusColor: STATUS_COLORS[view.status],
    hasLastComment: view.lastComment !== null && view.lastComment.trim() !== '',
    lastComment: userText(view.lastComment ?? '', limit(ACTION_LIMITS.lastComment)),
    canEdit: view.canEdit,
    typed: typedValues(view.typed ?? {}),
  };
}

/**
 * The values to put back: each as it was typed, or '' where nothing was typed or the value is longer than its
 * field accepts (a shortened link or comment, saved by a second press, would be worse than an empty field).
 */
function typedValues(typed: ActionCardInputs): Required<ActionCardInputs> {
  const value = (id: keyof ActionCardInputs): string => {
    const text = typed[id] ?? '';
    return text.length <= INPUT_MAX_LENGTHS[id] ? text : '';
  };
  return {
    comment: value('comment'),
    newDate: value('newDate'),
    reason: value('reason'),
    evidenceUrl: value('evidenceUrl'),
    evidenceDescription: value('evidenceDescription'),
  };
}

/**
 * One action with its deadline story and, for someone who may change it, a comment field and the buttons
 * Genomförd, Pågår and Nytt datum (verbs `setStatus` and `setDate`, data `{ ref, version, ... }`); Historik for all.
 */
export function actionCard(view: ActionCardView, locale: Locale): AdaptiveCard {
  let card = renderCard(actionTemplate, actionCardData(view, locale));
  for (let scale = 0.5; cardSize(card) > MAX_CARD_BYTES && scale >= 1 / 16; scale /= 2) {
    card = renderCard(actionTemplate, actionCardData(view, locale, scale));
  }
  dropEmptyInputValues(card);
  return card;
}

/**
 * Removes `"value": ""` from the card's inputs: an empty field is one without a value, and a date input's value must
 * otherwise be a date.
 */
function dropEmptyInputValues(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(dropEmptyInputValues);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const element = node as Record<string, unknown>;
  if (
    typeof element['type'] === 'string' &&
    element['type'].startsWith('Input.') &&
    element['value'] === ''
  ) {
    delete element['value'];
  }
  Object.values(element).forEach(dropEmptyInputValues);
}
