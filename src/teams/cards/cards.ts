/**
 * Adaptive Cards the bot sends. Each card is a JSON template in `cards/` with a sample-data file beside it; this
 * module turns a view (plain values the handlers prepare) into the template's data and expands it. Labels come from
 * the table below, status words from {@link statusLabel}, and every piece of user-written text is escaped here, once,
 * before it reaches a template (reliability.md, "Markdown").
 */
import { MAX_CARD_BYTES } from '../limits';
import { escapeMarkdown } from '../markdown';
import { cardSize, renderCard, type AdaptiveCard } from './render';
import type { DisplayStatus } from '../../domain/types';
import { statusLabel, type Locale } from '../../texts/locale';
import actionTemplate from '../../../cards/action.json';
import confirmTemplate from '../../../cards/confirm.json';
import historyTemplate from '../../../cards/history.json';
import listTemplate from '../../../cards/list.json';
import summaryTemplate from '../../../cards/summary.json';
import welcomeTemplate from '../../../cards/welcome.json';
import draftTemplate from '../../../cards/draft.json';
import importedTemplate from '../../../cards/imported.json';
import type { SummaryRow } from '../../reports/summary';

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
} as const;

/** One of the {@link CARD_VERBS}. */
export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/** Most items a list card shows, whatever their size: beyond this a list is no longer read, only scrolled. */
export const MAX_LIST_ITEMS = 30;

/** Most history events a history card shows (the latest ones). */
export const MAX_HISTORY_EVENTS = 50;

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

const GRAPHEMES = new Intl.Segmenter('sv', { granularity: 'grapheme' });

/** Shortens text to at most `max` UTF-16 units, ending in "…"; whole graphemes only, so no emoji is cut in half. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
}

/** User text as it goes into template data: clipped to a size a card can carry, then escaped. */
function userText(text: string, max: number): string {
  return escapeMarkdown(clip(text, max));
}

/** The largest count in `0..upTo` whose card fits {@link MAX_CARD_BYTES} (the card shrinks as the count does). */
function largestFitting(upTo: number, render: (count: number) => AdaptiveCard): number {
  if (cardSize(render(upTo)) <= MAX_CARD_BYTES) return upTo;
  let low = 0;
  let high = upTo - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (cardSize(render(middle)) <= MAX_CARD_BYTES) low = middle;
    else high = middle - 1;
  }
  return low;
}

const STATUS_COLORS: Record<DisplayStatus, string> = {
  Planerad: 'Default',
  Pågår: 'Accent',
  Genomförd: 'Good',
  Försenad: 'Attention',
  Avbruten: 'Default',
};

// ---------------------------------------------------------------------------------------------------------------
// Labels

/** Words and phrases the cards show, per language. Strings go to the templates as `labels`; functions count. */
interface CardTexts {
  action: {
    audit: string;
    recommendation: string;
    action: string;
    committee: string;
    owner: string;
    due: string;
    original: string;
    lastComment: string;
    commentPlaceholder: string;
    newDate: string;
    newDateLabel: string;
    reasonLabel: string;
    reasonPlaceholder: string;
    newDateMissing: string;
    reasonMissing: string;
    saveDate: string;
    history: string;
  };
  list: { show: string };
  summary: {
    title: string;
    asOf: string;
    committee: string;
    total: string;
    shareDone: string;
    allCommittees: string;
    noRows: string;
  };
  history: { title: string; originalDue: string; currentDue: string; noEvents: string };
  confirm: { newStatus: string; comment: string; yes: string; no: string };
  welcome: {
    title: string;
    intro: string;
    commandsHeading: string;
    referenceHint: string;
    cardsHint: string;
    teamHint: string;
  };
  noOwner: string;
  dateMissing: string;
  noDate: string;
  days: (count: number) => string;
  moved: (count: number) => string;
  more: (count: number) => string;
  moreRows: (count: number) => string;
  earlierEvents: (count: number) => string;
  commands: { command: string; description: string; teamOnly?: boolean }[];
}

const TEXTS: Record<Locale, CardTexts> = {
  sv: {
    action: {
      audit: 'Granskning',
      recommendation: 'Rekommendation',
      action: 'Åtgärd',
      committee: 'Nämnd',
      owner: 'Ansvarig',
      due: 'Slutdatum',
      original: 'Ursprungligt',
      lastComment: 'Senaste kommentar',
      commentPlaceholder: 'Kommentar (valfritt)',
      newDate: 'Nytt datum',
      newDateLabel: 'Nytt slutdatum',
      reasonLabel: 'Motivering',
      reasonPlaceholder: 'Varför flyttas datumet?',
      newDateMissing: 'Välj ett datum.',
      reasonMissing: 'Skriv varför datumet flyttas.',
      saveDate: 'Spara nytt datum',
      history: 'Historik',
    },
    list: { show: 'Visa' },
    summary: {
      title: 'Sammanställning per nämnd',
      asOf: 'Läge per',
      committee: 'Nämnd',
      total: 'Totalt',
      shareDone: 'Andel genomförda',
      allCommittees: 'Alla nämnder',
      noRows: 'Det finns inga åtgärder ännu.',
    },
    history: {
      title: 'Historik',
      originalDue: 'Ursprungligt slutdatum',
      currentDue: 'Nuvarande slutdatum',
      noEvents: 'Ingen historik ännu.',
    },
    confirm: { newStatus: 'Ny status', comment: 'Kommentar', yes: 'Ja', no: 'Nej' },
    welcome: {
      title: 'Hej! Jag följer upp revisionens rekommendationer.',
      intro:
        'Jag påminner om åtgärder som nämnderna har lovat efter revisorernas granskningar, tar emot lägesrapporter och visar vad som är försenat. Skriv med egna ord eller använd kommandona nedan.',
      commandsHeading: 'Det här kan du skriva',
      referenceHint: 'Varje åtgärd har en referens, till exempel A-17. Stora eller små bokstäver går bra.',
      cardsHint: 'På korten kan du också rapportera med knapparna.',
      teamHint: 'I en kanal: skriv @ och mitt namn först, sedan kommandot.',
    },
    noOwner: 'Ingen ansvarig angiven',
    dateMissing: 'Datum saknas – sätt ett datum',
    noDate: 'datum saknas',
    days: (count) => (count === 1 ? '1 dag' : `${count} dagar`),
    moved: (count) => (count === 1 ? 'flyttat 1 gång' : `flyttat ${count} gånger`),
    more: (count) => `… och ${count} till`,
    moreRows: (count) => `… och ${count} nämnder till`,
    earlierEvents: (count) => `… ${count} tidigare händelser visas inte`,
    commands: [
      { command: 'mina åtgärder', description: 'dina öppna åtgärder' },
      { command: 'försenade', description: 'åtgärder som har passerat sitt slutdatum' },
      { command: 'A-17 klar [kommentar]', description: 'markera en åtgärd som genomförd' },
      { command: 'A-17 pågår [kommentar]', description: 'rapportera att arbetet pågår' },
      { command: 'A-17 nytt datum 2026-03-31 [motivering]', description: 'flytta slutdatumet' },
      { command: 'visa A-17', description: 'en åtgärd med hela dess historik' },
      { command: 'sammanställning', description: 'läget per nämnd, för kommunstyrelsen' },
      { command: 'digest här', description: 'veckans sammanfattning i den här kanalen', teamOnly: true },
      { command: 'hjälp', description: 'visar det här kortet igen' },
    ],
  },
  en: {
    action: {
      audit: 'Audit',
      recommendation: 'Recommendation',
      action: 'Action',
      committee: 'Committee',
      owner: 'Owner',
      due: 'Due date',
      original: 'Original',
      lastComment: 'Latest comment',
      commentPlaceholder: 'Comment (optional)',
      newDate: 'New date',
      newDateLabel: 'New due date',
      reasonLabel: 'Reason',
      reasonPlaceholder: 'Why is the date moving?',
      newDateMissing: 'Pick a date.',
      reasonMissing: 'Say why the date is moving.',
      saveDate: 'Save new date',
      history: 'History',
    },
    list: { show: 'Show' },
    summary: {
      title: 'Summary by committee',
      asOf: 'As of',
      committee: 'Committee',
      total: 'Total',
      shareDone: 'Share done',
      allCommittees: 'All committees',
      noRows: 'There are no actions yet.',
    },
    history: {
      title: 'History',
      originalDue: 'Original due date',
      currentDue: 'Current due date',
      noEvents: 'No history yet.',
    },
    confirm: { newStatus: 'New status', comment: 'Comment', yes: 'Yes', no: 'No' },
    welcome: {
      title: "Hi! I follow up the auditors' recommendations.",
      intro:
        "I remind you of the actions committees promised after the auditors' reviews, take your progress reports and show what is overdue. Write in your own words or use the commands below.",
      commandsHeading: 'What you can write',
      referenceHint: 'Every action has a reference such as A-17, in any case.',
      cardsHint: 'On the cards you can also report with the buttons.',
      teamHint: 'In a channel: type @ and my name first, then the command.',
    },
    noOwner: 'No owner set',
    dateMissing: 'No date – set a date',
    noDate: 'no date',
    days: (count) => (count === 1 ? '1 day' : `${count} days`),
    moved: (count) => (count === 1 ? 'moved once' : `moved ${count} times`),
    more: (count) => `… and ${count} more`,
    moreRows: (count) => `… and ${count} more committees`,
    earlierEvents: (count) => `… ${count} earlier events not shown`,
    commands: [
      { command: 'my actions', description: 'your open actions' },
      { command: 'overdue', description: 'actions past their due date' },
      { command: 'A-17 done [comment]', description: 'mark an action as done' },
      { command: 'A-17 in progress [comment]', description: 'report that work is under way' },
      { command: 'A-17 new date 2026-03-31 [reason]', description: 'move the due date' },
      { command: 'show A-17', description: 'one action with its full history' },
      { command: 'summary', description: 'status by committee, for the board' },
      { command: 'digest here', description: "the week's digest in this channel", teamOnly: true },
      { command: 'help', description: 'shows this card again' },
    ],
  },
};

/** "Försenad (12 dagar)" when overdue, else the status word. */
function statusText(
  status: DisplayStatus,
  daysOverdue: number | null,
  texts: CardTexts,
  locale: Locale,
): string {
  const word = statusLabel(status, locale);
  return status === 'Försenad' && daysOverdue !== null && daysOverdue > 0
    ? `${word} (${texts.days(daysOverdue)})`
    : word;
}

/**
 * "2021-11-30 (under hösten 2021)", escaped. The phrase is left out when it only repeats the date ("senast
 * 2022-05-31"): the phrase matters to a reader when it is vaguer than the date it was resolved to.
 */
function dateWithPhrase(date: string | null, phrase: string | null, missing: string): string {
  const words = phrase === null ? '' : clip(phrase.trim(), 200);
  const shown = escapeMarkdown(date ?? missing);
  return words === '' || (date !== null && words.includes(date))
    ? shown
    : `${shown} (${escapeMarkdown(words)})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Action card

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
}

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
  const texts = TEXTS[locale];
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
  return card;
}

// ---------------------------------------------------------------------------------------------------------------
// List card

/** One action in a list. */
export interface ListItemView {
  ref: string;
  text: string;
  status: DisplayStatus;
  dueDate: string | null;
  duePhrase: string;
  daysOverdue: number | null;
  owner: string | null;
}

/** A list of actions, optionally in groups (e.g. per committee); `empty` is shown when there is nothing. */
export interface ListCardView {
  title: string;
  groups: { heading: string | null; items: ListItemView[] }[];
  empty: string;
  /**
   * How many items the list has in all, when `groups` hold only the first of them (a long list, of which a card
   * shows at most {@link MAX_LIST_ITEMS}). Default: the items in `groups`.
   */
  total?: number;
}

/** The data `cards/list.json` binds to. */
export interface ListCardData {
  labels: CardTexts['list'];
  title: string;
  isEmpty: boolean;
  empty: string;
  groups: {
    hasHeading: boolean;
    heading: string;
    items: { ref: string; text: string; details: string; statusColor: string }[];
  }[];
  hasMore: boolean;
  more: string;
}

// The list shows the start of each text; the whole text is one "Visa" away.
const LIST_TEXT_MAX = 280;

/** The template data of {@link listCard}, showing the first `limit` items (in group order). */
export function listCardData(view: ListCardView, locale: Locale, limit = MAX_LIST_ITEMS): ListCardData {
  const texts = TEXTS[locale];
  const given = itemCount(view);
  const total = Math.max(view.total ?? given, given);
  let room = limit;
  const groups: ListCardData['groups'] = [];
  for (const group of view.groups) {
    const items = group.items.slice(0, Math.max(0, room));
    room -= items.length;
    if (items.length === 0) continue;
    groups.push({
      hasHeading: group.heading !== null && group.heading.trim() !== '',
      heading: userText(group.heading ?? '', 200),
      items: items.map((item) => ({
        ref: item.ref,
        text: userText(item.text, LIST_TEXT_MAX),
        details: [
          statusText(item.status, item.daysOverdue, texts, locale),
          dateWithPhrase(item.dueDate, item.duePhrase, texts.noDate),
          ...(item.owner === null ? [] : [userText(item.owner, 120)]),
        ].join(' · '),
        statusColor: STATUS_COLORS[item.status],
      })),
    });
  }
  const shown = Math.min(given, Math.max(0, limit));
  return {
    labels: { ...texts.list },
    title: userText(view.title, 200),
    isEmpty: total === 0,
    empty: userText(view.empty, 400),
    groups,
    hasMore: total > shown,
    more: total > shown ? texts.more(total - shown) : '',
  };
}

/**
 * A list of actions, each with a "Visa" button (verb `showAction`, data `{ ref }`). At most
 * {@link MAX_LIST_ITEMS} are shown, fewer if the card would pass {@link MAX_CARD_BYTES}; then a line
 * "… och 42 till" says how many are left out.
 */
export function listCard(view: ListCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard => renderCard(listTemplate, listCardData(view, locale, count));
  return render(largestFitting(Math.min(itemCount(view), MAX_LIST_ITEMS), render));
}

/** The items a list view holds (see {@link ListCardView.total} for the list's whole length). */
function itemCount(view: ListCardView): number {
  return view.groups.reduce((sum, group) => sum + group.items.length, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Summary card

/** One committee's numbers (or the totals): exactly the rows of `summarize`, so the card and the reports agree. */
export type SummaryRowView = SummaryRow;

/** The board's summary: one row per committee and the totals, as of a date. */
export interface SummaryCardView {
  asOf: string;
  rows: SummaryRowView[];
  totals: SummaryRowView;
}

/** A summary row as the card shows it: every number already formatted for the locale. */
type SummaryRowData = Record<keyof SummaryRowView, string>;

/** The data `cards/summary.json` binds to. */
export interface SummaryCardData {
  labels: CardTexts['summary'] & {
    planned: string;
    inProgress: string;
    done: string;
    overdue: string;
    cancelled: string;
  };
  asOf: string;
  hasRows: boolean;
  rows: SummaryRowData[];
  totals: SummaryRowData;
  hasMore: boolean;
  more: string;
}

/** "45 %" with a non-breaking space in Swedish (Språkrådet), "45%" in English; "–" when there is nothing to share. */
export function formatPercent(share: number, locale: Locale): string {
  if (!Number.isFinite(share)) return '–';
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 100);
  return locale === 'sv' ? `${percent}\u00a0%` : `${percent}%`;
}

function summaryRow(row: SummaryRowView, locale: Locale, committee: string): SummaryRowData {
  const count = (value: number): string => value.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB');
  return {
    committee,
    planned: count(row.planned),
    inProgress: count(row.inProgress),
    done: count(row.done),
    overdue: count(row.overdue),
    cancelled: count(row.cancelled),
    total: count(row.total),
    shareDone: row.total === 0 ? '–' : formatPercent(row.shareDone, locale),
  };
}

/** The template data of {@link summaryCard}, showing the first `limit` committees. */
export function summaryCardData(
  view: SummaryCardView,
  locale: Locale,
  limit = view.rows.length,
): SummaryCardData {
  const texts = TEXTS[locale];
  const shown = view.rows.slice(0, limit);
  const left = view.rows.length - shown.length;
  return {
    labels: {
      ...texts.summary,
      planned: statusLabel('Planerad', locale),
      inProgress: statusLabel('Pågår', locale),
      done: statusLabel('Genomförd', locale),
      overdue: statusLabel('Försenad', locale),
      cancelled: statusLabel('Avbruten', locale),
    },
    asOf: escapeMarkdown(view.asOf),
    hasRows: view.rows.length > 0,
    rows: shown.map((row) => summaryRow(row, locale, userText(row.committee, 120))),
    totals: summaryRow(view.totals, locale, texts.summary.allCommittees),
    hasMore: left > 0,
    more: left > 0 ? texts.moreRows(left) : '',
  };
}

/** Status per committee for the board, with totals and the share done ("45 %"). */
export function summaryCard(view: SummaryCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(summaryTemplate, summaryCardData(view, locale, count));
  return render(largestFitting(view.rows.length, render));
}

// ---------------------------------------------------------------------------------------------------------------
// History card

/** One history event as a person reads it. */
export interface HistoryEventView {
  /** '2026-03-02 10:15', local time. */
  at: string;
  who: string;
  what: string;
  comment: string | null;
}

/** An action's history, oldest event first. */
export interface HistoryCardView {
  ref: string;
  text: string;
  originalDue: string;
  currentDue: string;
  events: HistoryEventView[];
}

/** The data `cards/history.json` binds to. */
export interface HistoryCardData {
  labels: CardTexts['history'];
  ref: string;
  text: string;
  originalDue: string;
  currentDue: string;
  hasEvents: boolean;
  hasEarlier: boolean;
  earlier: string;
  events: { at: string; who: string; what: string; hasComment: boolean; comment: string }[];
}

/** The template data of {@link historyCard}, showing the latest `limit` events. */
export function historyCardData(
  view: HistoryCardView,
  locale: Locale,
  limit = MAX_HISTORY_EVENTS,
): HistoryCardData {
  const texts = TEXTS[locale];
  const shown = limit > 0 ? view.events.slice(-limit) : [];
  const earlier = view.events.length - shown.length;
  return {
    labels: { ...texts.history },
    ref: view.ref,
    text: userText(view.text, 1000),
    originalDue: userText(view.originalDue, 240),
    currentDue: userText(view.currentDue, 240),
    hasEvents: view.events.length > 0,
    hasEarlier: earlier > 0,
    earlier: earlier > 0 ? texts.earlierEvents(earlier) : '',
    events: shown.map((event) => ({
      at: escapeMarkdown(event.at),
      who: userText(event.who, 120),
      what: userText(event.what, 400),
      hasComment: event.comment !== null && event.comment.trim() !== '',
      comment: userText(event.comment ?? '', 600),
    })),
  };
}

/** Who changed what and when: every status change and deadline move, with the reasons given. */
export function historyCard(view: HistoryCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(historyTemplate, historyCardData(view, locale, count));
  return render(largestFitting(Math.min(view.events.length, MAX_HISTORY_EVENTS), render));
}

// ---------------------------------------------------------------------------------------------------------------
// Confirm card

/** A question about free text the bot placed with some doubt: "did you mean A-17 is done?" */
export interface ConfirmCardView {
  ref: string;
  version: number;
  text: string;
  status: 'Genomförd' | 'Pågår';
  comment: string | null;
  question: string;
}

/** The data `cards/confirm.json` binds to. */
export interface ConfirmCardData {
  labels: CardTexts['confirm'];
  ref: string;
  version: number;
  question: string;
  text: string;
  /** The stored status value sent back on "Ja". */
  status: 'Genomförd' | 'Pågår';
  statusText: string;
  hasComment: boolean;
  /** Escaped, for display. */
  commentText: string;
  /** As typed, sent back on "Ja" (the handler validates it like any card input); empty when none. */
  comment: string;
}

/** The template data of {@link confirmCard}. */
export function confirmCardData(view: ConfirmCardView, locale: Locale): ConfirmCardData {
  const comment = view.comment ?? '';
  return {
    labels: { ...TEXTS[locale].confirm },
    ref: view.ref,
    version: view.version,
    question: userText(view.question, 400),
    text: userText(view.text, 1000),
    status: view.status,
    statusText: statusLabel(view.status, locale),
    hasComment: comment.trim() !== '',
    commentText: userText(comment, 1000),
    // Not escaped: this is a value that travels back, not text to show.
    comment,
  };
}

/**
 * Asks before acting on a guess: Ja (verb `confirmMatch`, data `{ ref, version, status, comment }`) or Nej
 * (verb `rejectMatch`, data `{ ref }`).
 */
export function confirmCard(view: ConfirmCardView, locale: Locale): AdaptiveCard {
  return renderCard(confirmTemplate, confirmCardData(view, locale));
}

// ---------------------------------------------------------------------------------------------------------------
// Welcome card

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

// ---------------------------------------------------------------------------------------------------------------
// Draft card (a response document read into an import draft) and the imported card (what Spara saved)

/** Words of the draft and imported cards, per language; strings go to the templates as `labels`. */
interface DraftTexts {
  draft: {
    heading: string;
    title: string;
    diaryNumber: string;
    auditor: string;
    reportDate: string;
    datePlaceholder: string;
    committees: string;
    required: string;
    warnings: string;
    save: string;
    cancel: string;
  };
  imported: { heading: string };
  intro: (fileName: string) => string;
  counts: (recommendations: number, actions: number) => string;
  confidence: (percent: string) => string;
  created: (count: number) => string;
  nothingNew: string;
  existing: (count: number) => string;
  moreWarnings: (count: number) => string;
}

const DRAFT_TEXTS: Record<Locale, DraftTexts> = {
  sv: {
    draft: {
      heading: 'Utkast till import',
      title: 'Granskningens titel',
      diaryNumber: 'Diarienummer',
      auditor: 'Revisor',
      reportDate: 'Rapportdatum',
      datePlaceholder: 'ÅÅÅÅ-MM-DD',
      committees: 'Nämnder (en per rad)',
      required: 'Fältet behövs',
      warnings: 'Att kontrollera',
      save: 'Spara',
      cancel: 'Avbryt',
    },
    imported: { heading: 'Importen är sparad' },
    intro: (fileName) =>
      `Läst ur ${fileName}. Rätta granskningens uppgifter och tryck Spara; inget sparas förrän dess.`,
    counts: (recommendations, actions) =>
      `${recommendations} ${recommendations === 1 ? 'rekommendation' : 'rekommendationer'}, ${actions} ${actions === 1 ? 'åtgärd' : 'åtgärder'}`,
    confidence: (percent) => `säkerhet ${percent}`,
    created: (count) => `${count} ${count === 1 ? 'ny åtgärd sparades' : 'nya åtgärder sparades'}:`,
    nothingNew: 'Inget nytt sparades: granskningen och alla åtgärder fanns redan.',
    existing: (count) =>
      `${count} ${count === 1 ? 'åtgärd fanns' : 'åtgärder fanns'} redan och ändrades inte.`,
    moreWarnings: (count) => `… och ${count} till`,
  },
  en: {
    draft: {
      heading: 'Import draft',
      title: 'Audit title',
      diaryNumber: 'Diary number',
      auditor: 'Auditor',
      reportDate: 'Report date',
      datePlaceholder: 'YYYY-MM-DD',
      committees: 'Committees (one per line)',
      required: 'This field is needed',
      warnings: 'To check',
      save: 'Save',
      cancel: 'Cancel',
    },
    imported: { heading: 'The import is saved' },
    intro: (fileName) =>
      `Read from ${fileName}. Correct the audit's details and press Save; nothing is saved until then.`,
    counts: (recommendations, actions) =>
      `${recommendations} ${recommendations === 1 ? 'recommendation' : 'recommendations'}, ${actions} ${actions === 1 ? 'action' : 'actions'}`,
    confidence: (percent) => `confidence ${percent}`,
    created: (count) => `${count} new ${count === 1 ? 'action was' : 'actions were'} saved:`,
    nothingNew: 'Nothing new was saved: the audit and all its actions were there already.',
    existing: (count) =>
      `${count} ${count === 1 ? 'action was' : 'actions were'} there already and did not change.`,
    moreWarnings: (count) => `… and ${count} more`,
  },
};

/** Most actions a draft card lists; the rest are counted ("… och 12 till") and saved all the same. */
export const MAX_DRAFT_ACTIONS = 30;

/** Most warnings a draft card lists. */
const MAX_DRAFT_WARNINGS = 10;

/** What the draft card shows: one audit read from a response document, before anything is saved. */
export interface DraftCardView {
  /** The file's name as the user sent it. */
  fileName: string;
  audit: {
    title: string;
    diaryNumber: string | null;
    auditor: string;
    reportDate: string;
    committees: readonly string[];
  };
  recommendationCount: number;
  actions: readonly {
    text: string;
    committee: string;
    owner: string | null;
    /** The deadline words of the document; null when it has none. */
    phrase: string | null;
    /** The resolved due date; null: "Datum saknas". */
    due: string | null;
    /** 0..1. */
    confidence: number;
  }[];
  warnings: readonly string[];
  /** The whole draft, sent back on Spara; the handler validates it again, like all card data. */
  document: unknown;
}

/** The data `cards/draft.json` binds to. */
export interface DraftCardData {
  labels: DraftTexts['draft'];
  intro: string;
  /** Input values: shown as typed, never as markdown, so not escaped. */
  title: string;
  diaryNumber: string;
  auditor: string;
  reportDate: string;
  committees: string;
  counts: string;
  actions: { text: string; details: string }[];
  hasMore: boolean;
  more: string;
  hasWarnings: boolean;
  warnings: string;
  /** Travels back on Spara and Avbryt: the file name for messages, and the draft as JSON. */
  fileName: string;
  draft: string;
}

/** The template data of {@link draftCard}, listing the first `limit` actions. */
export function draftCardData(view: DraftCardView, locale: Locale, limit = MAX_DRAFT_ACTIONS): DraftCardData {
  const texts = TEXTS[locale];
  const draftTexts = DRAFT_TEXTS[locale];
  const shown = Math.min(view.actions.length, Math.max(0, limit));
  const warnings = view.warnings.slice(0, MAX_DRAFT_WARNINGS).map((w) => `- ${userText(w, 300)}`);
  if (view.warnings.length > MAX_DRAFT_WARNINGS) {
    warnings.push(draftTexts.moreWarnings(view.warnings.length - MAX_DRAFT_WARNINGS));
  }
  return {
    labels: { ...draftTexts.draft },
    intro: draftTexts.intro(userText(view.fileName, 200)),
    title: view.audit.title,
    diaryNumber: view.audit.diaryNumber ?? '',
    auditor: view.audit.auditor,
    reportDate: view.audit.reportDate,
    committees: view.audit.committees.join('\n'),
    counts: draftTexts.counts(view.recommendationCount, view.actions.length),
    actions: view.actions.slice(0, shown).map((action, index) => ({
      text: `${index + 1}. ${userText(action.text, LIST_TEXT_MAX)}`,
      details: [
        userText(action.committee, 200),
        action.owner === null ? texts.noOwner : userText(action.owner, 120),
        dateWithPhrase(action.due, action.phrase, texts.dateMissing),
        draftTexts.confidence(formatPercent(action.confidence, locale)),
      ].join(' · '),
    })),
    hasMore: view.actions.length > shown,
    more: view.actions.length > shown ? texts.more(view.actions.length - shown) : '',
    hasWarnings: warnings.length > 0,
    warnings: warnings.join('\n'),
    fileName: view.fileName,
    draft: JSON.stringify(view.document),
  };
}

/**
 * A draft import to correct and confirm: the audit's fields as inputs (`auditTitle`, `auditDiaryNumber`,
 * `auditAuditor`, `auditReportDate`, `auditCommittees`, one committee per line), the counts, each action with its
 * committee, owner, due date and confidence, the warnings, and Spara (verb `confirmDraft`, data
 * `{ fileName, draft }` plus the inputs) and Avbryt (verb `rejectDraft`). At most {@link MAX_DRAFT_ACTIONS}
 * actions are listed, fewer if the card would pass {@link MAX_CARD_BYTES}. The draft itself always travels whole,
 * so a draft too big for a card comes out above the limit: the caller checks {@link cardSize}.
 */
export function draftCard(view: DraftCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(draftTemplate, draftCardData(view, locale, count));
  return render(largestFitting(Math.min(view.actions.length, MAX_DRAFT_ACTIONS), render));
}

/** What Spara saved: the audit, and each action with its reference. */
export interface ImportedCardView {
  title: string;
  /** New actions, in file order. */
  created: readonly { ref: string; text: string }[];
  /** Actions that were there already (the same draft saved again). */
  existing: number;
}

/** The data `cards/imported.json` binds to. */
export interface ImportedCardData {
  labels: DraftTexts['imported'];
  title: string;
  summary: string;
  hasItems: boolean;
  items: { ref: string; text: string }[];
  hasMore: boolean;
  more: string;
}

/** The template data of {@link importedCard}, listing the first `limit` new actions. */
export function importedCardData(
  view: ImportedCardView,
  locale: Locale,
  limit = MAX_LIST_ITEMS,
): ImportedCardData {
  const texts = DRAFT_TEXTS[locale];
  const shown = Math.min(view.created.length, Math.max(0, limit));
  const summary = [
    view.created.length > 0 ? texts.created(view.created.length) : texts.nothingNew,
    ...(view.created.length > 0 && view.existing > 0 ? [texts.existing(view.existing)] : []),
  ].join(' ');
  return {
    labels: { ...texts.imported },
    title: userText(view.title, 400),
    summary,
    hasItems: shown > 0,
    items: view.created
      .slice(0, shown)
      .map((item) => ({ ref: item.ref, text: userText(item.text, LIST_TEXT_MAX) })),
    hasMore: view.created.length > shown,
    more: view.created.length > shown ? TEXTS[locale].more(view.created.length - shown) : '',
  };
}

/** Replaces the draft card after Spara: the references of the new actions (A-n), or that nothing was new. */
export function importedCard(view: ImportedCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(importedTemplate, importedCardData(view, locale, count));
  return render(largestFitting(Math.min(view.created.length, MAX_LIST_ITEMS), render));
}
