import type { DisplayStatus } from '../domain/types';
import type { Catalogue } from './catalogue';
import { en } from './en';
import { sv } from './sv';

/** The languages the bot speaks: Swedish by default, English when the user's Teams locale is English. */
export type Locale = 'sv' | 'en';

/** Picks the language from an activity's locale (`en-US`, `sv-SE`, ...); anything not English is Swedish. */
export function localeOf(activityLocale: string | undefined | null): Locale {
  return typeof activityLocale === 'string' && /^en\b/i.test(activityLocale) ? 'en' : 'sv';
}

/** Every text in one language. */
export function texts(locale: Locale): Catalogue {
  return locale === 'en' ? en : sv;
}

/** The status word users see (docs/commands.md): Planerad, Pågår, Genomförd, Försenad, Avbruten; or the English ones. */
export function statusLabel(status: DisplayStatus, locale: Locale): string {
  return texts(locale).status[status];
}
