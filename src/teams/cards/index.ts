/** The bot's Adaptive Cards: one module per card, each a JSON template in `cards/` and a mapper from a view. */
export {
  actionCard,
  actionCardData,
  type ActionCardData,
  type ActionCardInputs,
  type ActionCardView,
} from './action';
export { confirmCard, confirmCardData, type ConfirmCardData, type ConfirmCardView } from './confirm';
export { draftCard, draftCardData, MAX_DRAFT_ACTIONS, type DraftCardData, type DraftCardView } from './draft';
export { formatPercent } from './helpers';
export {
  historyCard,
  historyCardData,
  MAX_HISTORY_EVENTS,
  type HistoryCardData,
  type HistoryCardView,
  type HistoryEventView,
} from './history';
export { importedCard, importedCardData, type ImportedCardData, type ImportedCardView } from './imported';
export {
  listCard,
  listCardData,
  MAX_LIST_ITEMS,
  type ListCardData,
  type ListCardView,
  type ListItemView,
} from './list';
export {
  MAX_OUTBOX_ROWS,
  outboxCard,
  outboxCardData,
  type OutboxCardData,
  type OutboxCardView,
  type OutboxRowView,
} from './outbox';
export { cardSize, renderCard, type AdaptiveCard } from './render';
export {
  MAX_REMINDER_ITEMS,
  pageReminderItems,
  reminderBatchCard,
  reminderBatchCardData,
  type ReminderBatchCardData,
  type ReminderBatchCardView,
  type ReminderItemView,
} from './reminderBatch';
export {
  summaryCard,
  summaryCardData,
  type SummaryCardData,
  type SummaryCardView,
  type SummaryRowView,
} from './summary';
export { CARD_VERBS, type CardVerb } from './verbs';
export { actionCardView, daysOverdue, listItemView } from './views';
export { welcomeCard, welcomeCardData, type WelcomeCardData } from './welcome';
