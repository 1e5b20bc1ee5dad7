import type { TabStatus } from '../src/tab/apiTypes';

/** The page's languages: Swedish by default, English when Teams' locale is English. */
export type Lang = 'sv' | 'en';

/** Picks the language from a locale such as `en-us` or `sv-SE`; anything not English is Swedish. */
export function langOf(locale: string | null | undefined): Lang {
  return typeof locale === 'string' && /^en\b/i.test(locale) ? 'en' : 'sv';
}

/** The statuses in the order the bars and tables show them. */
export const STATUS_ORDER: readonly TabStatus[] = ['Planerad', 'Pågår', 'Genomförd', 'Försenad', 'Avbruten'];

const sv = {
  title: 'Uppföljning av revisionsgranskningar',
  asOf: (date: string) => `Läget ${date}`,
  loading: 'Hämtar uppföljningen …',
  views: 'Vyer',
  committees: 'Nämnder',
  overdue: 'Försenade åtgärder',
  audits: 'Granskningar',
  trend: 'Utveckling',
  downloads: 'Rapport',
  status: {
    Planerad: 'Planerad',
    Pågår: 'Pågår',
    Genomförd: 'Genomförd',
    Försenad: 'Försenad',
    Avbruten: 'Avbruten',
  } as Record<TabStatus, string>,
  committee: 'Nämnd',
  total: 'Totalt',
  totals: 'Alla nämnder',
  shareDone: 'Andel genomförda',
  countsCaption: 'Åtgärder per nämnd och status',
  chartNote: 'Staplarna visar samma siffror som tabellen.',
  noActions: 'Det finns inga åtgärder som du kan se här.',
  unknownEmail:
    'Boten känner inte din e-postadress än, så inga åtgärder visas som dina. Skriv till boten i chatten en gång, så hittar den dig.',
  localMode: 'Lokalt läge: du ser demodatan som Agents Playgrounds demoanvändare Alex Wilber.',
  selected: (names: string) => `Fliken visar: ${names}.`,
  action: 'Åtgärd',
  text: 'Text',
  owner: 'Ägare',
  audit: 'Granskning',
  due: 'Slutdatum',
  daysOverdue: 'Dagar försenad',
  all: 'Alla',
  noOwner: 'ingen ägare angiven',
  filter: 'Filtrera',
  noOverdue: 'Inga försenade åtgärder.',
  overdueCount: (shown: number, all: number) =>
    shown === all ? `${all} försenade åtgärder.` : `${shown} av ${all} försenade åtgärder visas.`,
  openInChat: (ref: string) => `Öppna ${ref} i chatten med boten`,
  showCommand: 'visa',
  showAudit: 'Visa granskningen',
  diaryNumber: 'Diarienummer',
  reportDate: 'Rapportdatum',
  recommendations: 'Rekommendationer',
  back: 'Tillbaka till granskningarna',
  recommendation: 'Rekommendation',
  verdicts: 'Revisorernas bedömningar',
  verdictBy: (who: string) => `av ${who}`,
  evidence: 'Underlag',
  file: 'fil',
  noActionsForRecommendation: 'Inga åtgärder att visa.',
  noDate: 'inget datum',
  month: 'Månad',
  closed: 'Avslutade',
  becameOverdue: 'Blev försenade',
  trendCaption: 'Avslutade och nyss försenade åtgärder per månad, de senaste tolv månaderna',
  reportTitle: 'Återrapportering till kommunstyrelsen',
  reportText: 'Samma rapport som kommandoraden skriver (npm run cli -- report), för de nämnder du ser.',
  download: (format: string) => `Ladda ner som ${format}`,
  downloading: 'Hämtar rapporten …',
  downloadFailed: 'Rapporten kunde inte hämtas.',
  reviewPackTitle: 'Underlag för uppföljande granskning',
  reviewPackText:
    'Samma underlag som chattkommandot uppföljning: per rekommendation nämndens åtgärder, underlag och revisorernas bedömningar.',
  reviewPackDownloading: 'Hämtar underlaget …',
  reviewPackFailed: 'Underlaget kunde inte hämtas.',
  errorTitle: 'Uppföljningen kunde inte visas',
  errors: {
    401: 'Inloggningen gick inte att kontrollera. Ladda om fliken.',
    403: 'Du har inte tillgång till det här.',
    404: 'Det du sökte finns inte, eller är inte ditt att se.',
    503: 'Tjänsten svarar inte just nu. Försök igen om en stund.',
    other: 'Något gick fel. Försök igen.',
  } as Record<number | 'other', string>,
  retry: 'Försök igen',
  configTitle: 'Välj vad fliken ska visa',
  configHelp: 'Kryssa i de nämnder som kanalen följer. Utan kryss visas alla nämnder du får se.',
  configSaved: 'Inställningen sparas när du väljer Spara.',
  configLegend: 'Nämnder',
  tabName: 'Uppföljning',
};

type Texts = typeof sv;

const en: Texts = {
  title: 'Follow-up of audit reports',
  asOf: (date) => `As of ${date}`,
  loading: 'Loading the follow-up …',
  views: 'Views',
  committees: 'Committees',
  overdue: 'Overdue actions',
  audits: 'Audits',
  trend: 'Trend',
  downloads: 'Report',
  status: {
    Planerad: 'Planned',
    Pågår: 'In progress',
    Genomförd: 'Done',
    Försenad: 'Overdue',
    Avbruten: 'Cancelled',
  },
  committee: 'Committee',
  total: 'Total',
  totals: 'All committees',
  shareDone: 'Share done',
  countsCaption: 'Actions per committee and status',
  chartNote: 'The bars show the same numbers as the table.',
  noActions: 'There are no actions you can see here.',
  unknownEmail:
    'The bot does not know your e-mail address yet, so no actions show as yours. Write to the bot in chat once and it will find you.',
  localMode: "Local mode: you see the demo data as the Agents Playground's demo user Alex Wilber.",
  selected: (names) => `This tab shows: ${names}.`,
  action: 'Action',
  text: 'Text',
  owner: 'Owner',
  audit: 'Audit',
  due: 'Due',
  daysOverdue: 'Days overdue',
  all: 'All',
  noOwner: 'no owner named',
  filter: 'Filter',
  noOverdue: 'No overdue actions.',
  overdueCount: (shown, all) =>
    shown === all ? `${all} overdue actions.` : `Showing ${shown} of ${all} overdue actions.`,
  openInChat: (ref) => `Open ${ref} in the chat with the bot`,
  showCommand: 'show',
  showAudit: 'Show the audit',
  diaryNumber: 'Diary number',
  reportDate: 'Report date',
  recommendations: 'Recommendations',
  back: 'Back to the audits',
  recommendation: 'Recommendation',
  verdicts: "The auditors' verdicts",
  verdictBy: (who) => `by ${who}`,
  evidence: 'Evidence',
  file: 'file',
  noActionsForRecommendation: 'No actions to show.',
  noDate: 'no date',
  month: 'Month',
  closed: 'Closed',
  becameOverdue: 'Became overdue',
  trendCaption: 'Actions closed and actions that became overdue per month, the last twelve months',
  reportTitle: 'Report to the municipal board',
  reportText: 'The same report the command line writes (npm run cli -- report), for the committees you see.',
  download: (format) => `Download as ${format}`,
  downloading: 'Fetching the report …',
  downloadFailed: 'The report could not be fetched.',
  reviewPackTitle: 'Follow-up review pack',
  reviewPackText:
    "The same pack as the chat command follow-up: per recommendation the committee's actions, evidence and the auditors' verdicts.",
  reviewPackDownloading: 'Fetching the pack …',
  reviewPackFailed: 'The pack could not be fetched.',
  errorTitle: 'The follow-up could not be shown',
  errors: {
    401: 'Your sign-in could not be checked. Reload the tab.',
    403: 'You do not have access to this.',
    404: 'What you asked for does not exist, or is not yours to see.',
    503: 'The service is not answering right now. Try again in a moment.',
    other: 'Something went wrong. Try again.',
  },
  retry: 'Try again',
  configTitle: 'Choose what the tab shows',
  configHelp:
    'Tick the committees the channel follows. With none ticked, every committee you may see is shown.',
  configSaved: 'The setting is kept when you choose Save.',
  configLegend: 'Committees',
  tabName: 'Follow-up',
};

/** Every text of the page in one language. */
export const TEXTS: Record<Lang, Texts> = { sv, en };

/** The auditors' verdicts in English (the API sends the Swedish words). */
const VERDICTS_EN: Record<string, string> = {
  Åtgärdad: 'Implemented',
  'Delvis åtgärdad': 'Partly implemented',
  'Ej åtgärdad': 'Not implemented',
  'Inte längre aktuell': 'No longer relevant',
};

/** A verdict in the page's language. */
export function verdictLabel(verdict: string, lang: Lang): string {
  return lang === 'en' ? (VERDICTS_EN[verdict] ?? verdict) : verdict;
}

/** A share as a percentage, `42 %` in Swedish and `42%` in English. */
export function formatShare(share: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}
