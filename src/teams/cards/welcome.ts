/** The welcome card: what the bot can do and its main commands. */
import { renderCard, type AdaptiveCard } from './render';
import type { Locale } from '../../texts/locale';
import { TEXTS, type CardTexts } from './labels';
import welcomeTemplate from '../../../cards/welcome.json';

/** The data `cards/welcome.json` binds to. */
export interface WelcomeCardData {
  labels: CardTexts['welcome'];
  isTeam: boolean;
  commands: { command: string; description: string }[];
}

/** The template data of {@link welcomeCard}. */
export function welcomeCardData(locale: Locale, scope: 'personal' | 'team'): WelcomeCardData {
  const texts = TEXTS[locale];
  return {
    labels: { ...texts.welcome },
    isTeam: scope === 'team',
    // Posting the digest only means something in a channel.
    commands: texts.commands
      .filter((entry) => scope === 'team' || entry.teamOnly !== true)
      .map(({ command, description }) => ({ command, description })),
  };
}

/** What the bot can do and its main commands; in a team it also says to @mention the bot. */
export function welcomeCard(locale: Locale, scope: 'personal' | 'team'): AdaptiveCard {
  return renderCard(welcomeTemplate, welcomeCardData(locale, scope));
}
