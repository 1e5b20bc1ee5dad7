/**
 * The recommendation card (`visa R-3`): the recommendation, its committees, its actions with status, dates, evidence
 * and notes, and the auditors' verdicts; for an auditor, the four verdict buttons.
 */
import type { DisplayStatus, Verdict } from '../../domain/types';
import { type Locale, statusLabel, texts as catalogue, type FollowUpTexts } from '../../texts';
import { clip } from '../../domain/text';
import { largestFitting, userText } from './helpers';
import { renderCard, type AdaptiveCard } from './render';
import recommendationTemplate from '../../../cards/recommendation.json';

/** Most actions, evidence items and notes per action, and verdicts the card shows (the latest ones). */
export const MAX_RECOMMENDATION_ITEMS = 20;

/** One action of the recommendation as the card shows it. */
export interface RecommendationActionView {
  ref: string;
  text: string;
  status: DisplayStatus;
  /** The due date or phrase as shown, e.g. `2026-06-30` or `under hösten 2026`. */
  due: string;
  /** Each item of evidence: its address or file name, and a description. */
  evidence: { what: string; description: string | null }[];
  /** Notes, oldest first: the day and the words. */
  notes: { date: string; text: string }[];
}

/** What the recommendation card shows, as the handler loaded it for this user. */
export interface RecommendationCardView {
  /** `R-3`. */
  ref: string;
  /** The recommendation's version (its latest verdict event); it comes back in the data of every verdict button. */
  version: number;
  text: string;
  audit: string;
  committees: readonly string[];
  latestVerdict: { verdict: Verdict; date: string } | null;
  actions: RecommendationActionView[];
  /** Oldest first. */
  verdicts: { date: string; verdict: Verdict; comment: string | null }[];
  /** Whether this user may record a verdict: shows the comment field and the buttons. */
  canJudge: boolean;
  /** A notice shown first, e.g. that the verdict was saved. */
  note: string | null;
}

/** The data `cards/recommendation.json` binds to. */
export interface RecommendationCardData {
  labels: FollowUpTexts['recommendationCard'];
  hasNote: boolean;
  note: string;
  ref: string;
  version: number;
  text: string;
  audit: string;
  committees: string;
  latestVerdict: string;
  hasActions: boolean;
  actions: {
    title: string;
    state: string;
    hasEvidence: boolean;
    evidenceLabel: string;
    evidence: { line: string }[];
    hasNotes: boolean;
    notesLabel: string;
    notes: { line: string }[];
  }[];
  hasVerdicts: boolean;
  verdicts: { line: string }[];
  canJudge: boolean;
  verdictTitles: { implemented: string; partly: string; notImplemented: string; noLongerRelevant: string };
}

/** The template data of {@link recommendationCard}, showing at most `limit` of each list. */
export function recommendationCardData(
  view: RecommendationCardView,
  locale: Locale,
  limit = MAX_RECOMMENDATION_ITEMS,
): RecommendationCardData {
  const texts = catalogue(locale);
  const labels = texts.followUp.recommendationCard;
  const verdictWord = (verdict: Verdict): string => texts.verdicts[verdict];
  const latest = <T>(items: readonly T[]): T[] => (limit > 0 ? items.slice(-limit) : []);
  return {
    labels: { ...labels },
    hasNote: view.note !== null,
    note: view.note ?? '',
    ref: view.ref,
    version: view.version,
    text: userText(view.text, 1000),
    audit: userText(view.audit, 300),
    committees: userText(view.committees.join(', '), 400),
    latestVerdict: view.latestVerdict
      ? `${verdictWord(view.latestVerdict.verdict)} (${view.latestVerdict.date})`
      : labels.noVerdict,
    hasActions: view.actions.length > 0,
    actions: latest(view.actions).map((action) => ({
      title: `${action.ref}: ${userText(action.text, 300)}`,
      state: `${statusLabel(action.status, locale)} · ${labels.due} ${userText(action.due, 120)}`,
      hasEvidence: action.evidence.length > 0,
      evidenceLabel: labels.evidence,
      evidence: latest(action.evidence).map((item) => ({
        line: userText(item.description ? `${item.what} – ${clip(item.description, 300)}` : item.what, 2_400),
      })),
      hasNotes: action.notes.length > 0,
      notesLabel: labels.notes,
      notes: latest(action.notes).map((note) => ({ line: `${note.date}: ${userText(note.text, 600)}` })),
    })),
    hasVerdicts: view.verdicts.length > 0,
    verdicts: latest(view.verdicts).map((event) => ({
      line: [
        event.date,
        verdictWord(event.verdict),
        ...(event.comment ? [userText(event.comment, 600)] : []),
      ].join(' · '),
    })),
    canJudge: view.canJudge,
    verdictTitles: {
      implemented: verdictWord('Åtgärdad'),
      partly: verdictWord('Delvis åtgärdad'),
      notImplemented: verdictWord('Ej åtgärdad'),
      noLongerRelevant: verdictWord('Inte längre aktuell'),
    },
  };
}

/**
 * The recommendation card; the verdict buttons (verb `recordVerdict`, data `{ ref, version, verdict }` and the
 * `comment` input) only for someone who may record a verdict. Lists are cut to the latest items that fit a message.
 */
export function recommendationCard(view: RecommendationCardView, locale: Locale): AdaptiveCard {
  const render = (count: number): AdaptiveCard =>
    renderCard(recommendationTemplate, recommendationCardData(view, locale, count));
  return render(largestFitting(MAX_RECOMMENDATION_ITEMS, render));
}
