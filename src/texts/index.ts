/** The bot's words: one catalogue per language, and the language of a user. */
export type {
  Catalogue,
  CardTexts,
  ChatTexts,
  CommandText,
  CommandTexts,
  DigestTexts,
  DraftTexts,
  FollowUpTexts,
  HelpTexts,
  ListTexts,
  ReminderTexts,
} from './catalogue';
export { en } from './en';
export { localeOf, statusLabel, texts, type Locale } from './locale';
export { sv } from './sv';
