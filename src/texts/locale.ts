import type { DisplayStatus } from '../domain/types';

/** The languages the bot speaks: Swedish by default, English when the user's Teams locale is English. */
export type Locale = 'sv' | 'en';

/** Picks the language from an activity's locale (`en-US`, `sv-SE`, ...); anything not English is Swedish. */
export function localeOf(activityLocale: string | undefined | null): Locale {
  return typeof activityLocale === 'string' && /^en\b/i.test(activityLocale) ? 'en' : 'sv';
}

const STATUS_LABELS: Record<Locale, Record<DisplayStatus, string>> = {
  sv: {
    Planerad: 'Planerad',
    Pågår: 'Pågår',
    Genomförd: 'Genomförd',
    Försenad: 'Försenad',
    Avbruten: 'Avbruten',
  },
  en: {
    Planerad: 'Planned',
    Pågår: 'In progress',
    Genomförd: 'Done',
    Försenad: 'Overdue',
    Avbruten: 'Cancelled',
  },
};

/** The status word users see (contract.md): Planerad, Pågår, Genomförd, Försenad, Avbruten; or the English ones. */
export function statusLabel(status: DisplayStatus, locale: Locale): string {
  return STATUS_LABELS[locale][status];
}
