/** The draft card: a response document read into an import draft, to correct and confirm. */
import { renderCard, type AdaptiveCard } from './render';
import { type DraftTexts, type Locale, texts as catalogue } from '../../texts';
import { dateWithPhrase, formatPercent, largestFitting, LIST_TEXT_MAX, userText } from './helpers';
import draftTemplate from '../../../cards/draft.json';

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
    /** The confidence in words; the card lists `low` first, then `medium`, then `high`. */
    level: ConfidenceLevel;
  }[];
  warnings: readonly string[];
  /** The whole draft, sent back on Spara; the handler validates it again, like all card data. */
  document: unknown;
}

/** How far a person can trust an action the reader found (high is right at least 95 % of the time). */
export type ConfidenceLevel = 'high' | 'medium' | 'low';

const LEVEL_ORDER: Record<ConfidenceLevel, number> = { low: 0, medium: 1, high: 2 };

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
  const texts = catalogue(locale).cards;
  const draftTexts = catalogue(locale).drafts;
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
    // What a person must check comes first: lowest confidence first, document order within a level. Each action
    // keeps its number in the document, which the warnings use.
    actions: view.actions
      .map((action, index) => ({ action, number: index + 1 }))
      .sort((a, b) => LEVEL_ORDER[a.action.level] - LEVEL_ORDER[b.action.level] || a.number - b.number)
      .slice(0, shown)
      .map(({ action, number }) => ({
        text: `${number}. ${userText(action.text, LIST_TEXT_MAX)}`,
        details: [
          userText(action.committee, 200),
          action.owner === null ? texts.noOwner : userText(action.owner, 120),
          dateWithPhrase(action.due, action.phrase, texts.dateMissing),
          draftTexts.confidence(formatPercent(action.confidence, locale), action.level),
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
 * actions are listed, fewer if the card would pass `MAX_CARD_BYTES`. The draft itself always travels whole,
 * so a draft too big for a card comes out above the limit: the caller checks `cardSize`.
 */
export function draftCard(view: DraftCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(draftTemplate, draftCardData(view, locale, count));
  return render(largestFitting(Math.min(view.actions.length, MAX_DRAFT_ACTIONS), render));
}
