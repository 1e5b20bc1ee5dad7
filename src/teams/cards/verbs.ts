/** Card verbs: shared by the card JSON (verb values) and the handlers. Ids travel in data, never in the verb. */
export const CARD_VERBS = {
  setStatus: 'setStatus',
  setDate: 'setDate',
  showAction: 'showAction',
  showHistory: 'showHistory',
  confirmMatch: 'confirmMatch',
  rejectMatch: 'rejectMatch',
  /** Spara on a draft card: the draft document travels in the data, with the card's edited fields. */
  confirmDraft: 'confirmDraft',
  /** Avbryt on a draft card: nothing is saved. */
  rejectDraft: 'rejectDraft',
  /** A verdict button on a recommendation card: `{ ref, version, verdict }` in the data, with the comment input. */
  recordVerdict: 'recordVerdict',
  /** Spara underlag on an action card: `{ ref, version }` in the data, with the link and description inputs. */
  addEvidence: 'addEvidence',
  /** Levererat / Skicka igen on the outbox card: `{ id, decision }` in the data. */
  settleOutbox: 'settleOutbox',
} as const;

/** One of the {@link CARD_VERBS}. */
export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];
