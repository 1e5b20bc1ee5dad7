import { optionalComment, type ChangeContext } from './actions';
import { parseCivilDate } from './dates';
import { DomainError } from './errors';
import { normalizeInput } from './text';
import {
  VERDICTS,
  type CivilDate,
  type TrackedRecommendation,
  type Verdict,
  type VerdictEvent,
} from './types';

/** The verdicts in English, as English readers see them. */
export const VERDICTS_EN: Readonly<Record<Verdict, string>> = {
  Åtgärdad: 'Implemented',
  'Delvis åtgärdad': 'Partly implemented',
  'Ej åtgärdad': 'Not implemented',
  'Inte längre aktuell': 'No longer relevant',
};

/** Words a person may write for each verdict, folded to lower case: the names, the short forms and English. */
const VERDICT_WORDS: ReadonlyMap<string, Verdict> = new Map<string, Verdict>([
  ...VERDICTS.map((verdict): [string, Verdict] => [verdict.toLowerCase(), verdict]),
  ...VERDICTS.map((verdict): [string, Verdict] => [VERDICTS_EN[verdict].toLowerCase(), verdict]),
  ['inaktuell', 'Inte längre aktuell'],
  ['ej längre aktuell', 'Inte längre aktuell'],
  ['inte åtgärdad', 'Ej åtgärdad'],
]);

/** A verdict to record: what the auditors judged, on which day, with an optional comment. */
export interface VerdictInput {
  verdict: Verdict;
  /** The day of the judgement. */
  date: CivilDate;
  comment?: string | null;
  /** The instant it stands for; default: the context's `now`. An import gives the start of `date`. */
  at?: string;
}

/** A verdict recorded on a recommendation, with the event that records it: stored together or not at all. */
export interface VerdictChange {
  recommendation: TrackedRecommendation;
  event: VerdictEvent;
}

/**
 * Reads a verdict as written in an import file or typed: its Swedish name, the short `inaktuell`, or the English
 * name, in any case.
 * @throws DomainError `InvalidValue` for anything else.
 * @example parseVerdict('delvis åtgärdad') // 'Delvis åtgärdad'
 */
export function parseVerdict(text: string): Verdict {
  const verdict = VERDICT_WORDS.get(normalizeInput(text).toLowerCase());
  if (!verdict) throw new DomainError({ kind: 'unknownVerdict', given: text, verdicts: VERDICTS });
  return verdict;
}

/** The verdict as a reader in `locale` sees it. */
export function verdictLabel(verdict: Verdict, locale: 'sv' | 'en'): string {
  return locale === 'en' ? VERDICTS_EN[verdict] : verdict;
}

/**
 * Records a verdict on a recommendation: the next event of its verdict history and the recommendation one version
 * further. The latest verdict is the one with the latest date (of two on one day, the later recorded), so a verdict
 * carried over from an earlier review never hides a newer one. A verdict never touches the actions.
 * @throws DomainError `InvalidDate` for a date the calendar lacks; `InvalidValue` for a too long comment.
 */
export function recordVerdict(
  recommendation: TrackedRecommendation,
  input: VerdictInput,
  context: ChangeContext,
): VerdictChange {
  const date = parseCivilDate(input.date);
  const seq = recommendation.version + 1;
  const event: VerdictEvent = {
    ref: recommendation.ref,
    seq,
    verdict: input.verdict,
    date,
    at: input.at ?? context.now.toISOString(),
    by: context.by,
    comment: optionalComment(input.comment),
  };
  const newest = recommendation.latestVerdictDate === null || date >= recommendation.latestVerdictDate;
  return {
    recommendation: {
      ...recommendation,
      version: seq,
      latestVerdict: newest ? event.verdict : recommendation.latestVerdict,
      latestVerdictDate: newest ? date : recommendation.latestVerdictDate,
    },
    event,
  };
}

/** The instant an imported verdict stands for: the start of its day in UTC, before any change made that day. */
export function importedVerdictInstant(date: CivilDate): string {
  return `${parseCivilDate(date)}T00:00:00.000Z`;
}

/** The latest of a recommendation's verdicts by the rule of {@link recordVerdict}, or null when it has none. */
export function latestVerdict(events: readonly VerdictEvent[]): VerdictEvent | null {
  let latest: VerdictEvent | null = null;
  for (const event of events) {
    if (
      latest === null ||
      event.date > latest.date ||
      (event.date === latest.date && event.seq > latest.seq)
    ) {
      latest = event;
    }
  }
  return latest;
}

/** True when two verdicts say the same (verdict, day, who, comment): an import that carries one again adds nothing. */
export function sameVerdict(
  a: Pick<VerdictEvent, 'verdict' | 'date' | 'by' | 'comment'>,
  b: Pick<VerdictEvent, 'verdict' | 'date' | 'by' | 'comment'>,
): boolean {
  return (
    a.verdict === b.verdict &&
    a.date === b.date &&
    a.by.toLowerCase() === b.by.toLowerCase() &&
    (a.comment ?? null) === (b.comment ?? null)
  );
}
