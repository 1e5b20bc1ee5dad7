/** The card a file command gets outside personal chat: the file comes in personal chat, and what to write there. */
import { type Locale, texts as catalogue } from '../../texts';
import { userText } from './helpers';
import { renderCard, type AdaptiveCard } from './render';
import filePersonalTemplate from '../../../cards/filePersonal.json';

/** The data `cards/filePersonal.json` binds to. */
export interface FilePersonalCardData {
  labels: { title: string };
  text: string;
  /** The command to write in personal chat, as the user wrote it (escaped). */
  command: string;
}

/** The template data of {@link filePersonalCard}. */
export function filePersonalCardData(command: string, locale: Locale): FilePersonalCardData {
  const words = catalogue(locale).followUp;
  return {
    labels: { title: words.filePersonalTitle },
    text: words.filePersonalOnly(),
    command: userText(command, 200),
  };
}

/** Says that the file comes in personal chat, with the command to write there. */
export function filePersonalCard(command: string, locale: Locale): AdaptiveCard {
  return renderCard(filePersonalTemplate, filePersonalCardData(command, locale));
}
