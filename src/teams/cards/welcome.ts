/** The welcome card: what the bot can do and its main commands. */
import { renderCard, type AdaptiveCard } from './render';
import { type CardTexts, type CommandTexts, type Locale, texts as catalogue } from '../../texts';
import welcomeTemplate from '../../../cards/welcome.json';

/**
 * The commands the welcome card offers, in this order: what a new user needs first. `hjälp` lists them all (the
 * command table in `src/bot/commands.ts`); a role grant is for admins, who find it there.
 */
const WELCOME_COMMANDS: readonly (keyof CommandTexts)[] = [
  'myActions',
  'overdue',
  'done',
  'inProgress',
  'newDate',
  'snooze',
  'show',
  'summary',
  'digestHere',
  'help',
];

// Posting the digest only means something in a channel.
const TEAM_ONLY: ReadonlySet<keyof CommandTexts> = new Set(['digestHere']);

/** The data `cards/welcome.json` binds to. */
export interface WelcomeCardData {
  labels: CardTexts['welcome'];
  isTeam: boolean;
  commands: { command: string; description: string }[];
}

/** The template data of {@link welcomeCard}. */
export function welcomeCardData(locale: Locale, scope: 'personal' | 'team'): WelcomeCardData {
  const { cards, commands } = catalogue(locale);
  return {
    labels: { ...cards.welcome },
    isTeam: scope === 'team',
    commands: WELCOME_COMMANDS.filter((key) => scope === 'team' || !TEAM_ONLY.has(key)).map((key) => ({
      command: commands[key].usage,
      description: commands[key].description,
    })),
  };
}

/** What the bot can do and its main commands; in a team it also says to @mention the bot. */
export function welcomeCard(locale: Locale, scope: 'personal' | 'team'): AdaptiveCard {
  return renderCard(welcomeTemplate, welcomeCardData(locale, scope));
}
