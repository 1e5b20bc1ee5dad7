/**
 * Deadline phrases from audit responses ("senast i april 2023", "under hösten 2021", "på sikt") resolved to the
 * last civil day they allow. The readings chosen for ambiguous words are documented where they are decided:
 * lead words at {@link Reading}, seasons and terms at {@link STRETCHES}, month parts at {@link partOfMonth},
 * phrases without a year at {@link lastAllowedDay}. What is not understood is never guessed: it gets no date.
 */
import { DateTime } from 'luxon';
import { parseCivilDate } from './dates';
import { isInvisible } from './text';
import type { CivilDate } from './types';

/**
 * How sure the resolution is. `relative` and `unknown` never carry a date: `relative` is a phrase we understood
 * but that names no day ("på sikt"), `unknown` one we did not understand or whose date does not exist.
 * Named stretches of months that are not calendar seasons (school terms, half-years) count as `season`.
 */
export type DeadlineKind =
  'exact' | 'month' | 'season' | 'year' | 'week' | 'quarter' | 'recurring' | 'relative' | 'unknown';

/** A deadline phrase from a document and the last civil day it allows. */
export interface ResolvedDeadline {
  /** Last civil day (YYYY-MM-DD) the phrase allows, or null: a person must set the date. */
  date: CivilDate | null;
  /** The original phrase, trimmed, exactly as written (never rewritten). */
  phrase: string;
  kind: DeadlineKind;
  /** true when date is null: flagged for a person to set. */
  needsDate: boolean;
  /** Only for `recurring` ("i mars och september 2020"): every date, earliest first; `date` is the last of them. */
  occurrences?: CivilDate[];
}

/**
 * Resolves a deadline phrase to the last day it allows, relative to the date of the document it comes from.
 *
 * The whole phrase must be a deadline; use {@link findDeadline} for a sentence. A phrase without a year means
 * the first such period that has not ended on `documentDate` ("innan sommaren" written 2023-09-01 is 2024-05-31).
 * @throws DomainError `InvalidDate` when `documentDate` is not a real `YYYY-MM-DD` date.
 * @example resolveDeadline('under hösten 2021', '2021-04-20') // { date: '2021-11-30', kind: 'season', ... }
 */
export function resolveDeadline(phrase: string, documentDate: string): ResolvedDeadline {
  const document = toDocumentDate(documentDate);
  const original = phrase.trim();
  // Trailing punctuation is sentence furniture, not part of the deadline ("under hösten 2021.").
  const text = withoutTrailingPunctuation(normalise(phrase).text);
  const found = wholeMatch(text, document) ?? laterOfTwo(text, document);
  if (found === null) return { date: null, phrase: original, kind: 'unknown', needsDate: true };
  return resolved(original, found.rule, found.resolution);
}

/** A rule and what it made of a text. */
interface RuleMatch {
  rule: CompiledRule;
  resolution: Resolution;
}

/** The first rule that matches the whole text, and its resolution; null when none does. */
function wholeMatch(text: string, document: DateTime): RuleMatch | null {
  for (const rule of RULES) {
    const match = rule.whole.exec(text);
    if (match) return { rule, resolution: rule.resolve(groupsOf(match), document) };
  }
  return null;
}

/**
 * Two periods joined by "eller" allow the later one's last day: "under slutet av år 2023 eller början av 2024" is
 * 2024-04-30. Only when both are dated and written earlier first, and not after "innan", "före", "inför" or
 * "efter", whose reading the second period would need as well.
 */
function laterOfTwo(text: string, document: DateTime): RuleMatch | null {
  const at = text.indexOf(OR);
  if (at < 0 || READS_AWAY.test(text)) return null;
  const first = wholeMatch(text.slice(0, at), document);
  const second = wholeMatch(text.slice(at + OR.length), document);
  return first !== null && second !== null && isLater(second, first) ? second : null;
}

const OR = ' eller ';

/** Lead words whose reading is not a period's last day (see {@link readingOf}). */
const READS_AWAY = /^(?:innan|före|inför|efter)\s/u;

function isLater(later: RuleMatch, earlier: RuleMatch): boolean {
  const a = later.resolution.date;
  const b = earlier.resolution.date;
  return a !== null && b !== null && a.toMillis() > b.toMillis();
}

/** Without the spaces and punctuation at its end: `/[\s.,;:!?…]+$/u`, which retries a long run from each of its characters. */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

const TRAILING = /[\s.,;:!?…]/u;

/**
 * Finds the first deadline phrase in a longer sentence and resolves it; null when the sentence has none.
 *
 * Dates that may just as well record the past ("Den 2 september 2019 fastställde …", "mellan oktober 2020 och
 * februari 2021") count only after a word that makes them a deadline: senast, till, innan, före, under, i ….
 * The returned `phrase` is the matching stretch of the original sentence, as written.
 * @throws DomainError `InvalidDate` when `documentDate` is not a real `YYYY-MM-DD` date.
 * @example findDeadline('Inventeringen kommer att göras under hösten 2021.', '2021-04-20')?.phrase // 'under hösten 2021'
 */
export function findDeadline(sentence: string, documentDate: string): ResolvedDeadline | null {
  const document = toDocumentDate(documentDate);
  const { text, origin } = normalise(sentence);
  const words = wordsOf(text);
  const found = RULES.flatMap((rule) => candidatesOf(rule, text, words, document));
  // A phrase inside a longer one in the past tense is part of it: "under hösten" in "Under hösten och vintern
  // 2021/2022 har Sweco arbetat" is not a deadline of its own; nor is the end of a range that has passed
  // ("t.o.m. 2017-11-30" in "2017-11-01 t.o.m. 2017-11-30" written in December).
  const blocking = found.filter((c) => c.past || c.passed);
  const within = (c: Candidate, p: Candidate): boolean => p.start <= c.start && c.end <= p.end;
  const usable = found.filter(
    (c) =>
      c.acceptable && !blocking.some((p) => within(c, p)) && (c.rule.alone !== true || !othersIn(text, c)),
  );
  const first = earliest(usable);
  if (first === undefined) return null;
  const chosen = completionAfter(first, usable, words) ?? first;
  const best = orLater(chosen, text, document) ?? chosen;
  const phrase = sentence.slice(origin[best.start][0], origin[best.end - 1][1]);
  return resolved(phrase, best.rule, best.resolution);
}

/** Does anything in the text besides `candidate` read as a date, with a cue or without? */
function othersIn(text: string, candidate: Candidate): boolean {
  return RULES.some((rule) =>
    [...text.matchAll(rule.anywhere)].some(
      (m) => m.index < candidate.start || m.index + m[0].length > candidate.end,
    ),
  );
}

/**
 * Two periods joined by "eller" in a sentence: the later one's last day, as for a whole phrase ({@link
 * laterOfTwo}); the phrase runs over both. The second needs no lead word of its own: it shares the first one's.
 */
function orLater(chosen: Candidate, text: string, document: DateTime): Candidate | undefined {
  if (!text.startsWith(OR, chosen.end) || READS_AWAY.test(text.slice(chosen.start, chosen.end))) {
    return undefined;
  }
  const from = chosen.end + OR.length;
  let longest: (RuleMatch & { end: number }) | undefined;
  for (const rule of RULES) {
    rule.following.lastIndex = from;
    const match = rule.following.exec(text);
    if (match === null || (longest !== undefined && from + match[0].length <= longest.end)) continue;
    longest = { rule, resolution: rule.resolve(groupsOf(match), document), end: from + match[0].length };
  }
  if (longest === undefined || !isLater(longest, chosen)) return undefined;
  return { ...chosen, end: longest.end, rule: longest.rule, resolution: longest.resolution };
}

/** The earliest phrase; at the same place the longer one ("i mars och september 2020" over "i mars"). */
function earliest(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (
      best === undefined ||
      candidate.start < best.start ||
      (candidate.start === best.start && candidate.end > best.end)
    ) {
      best = candidate;
    }
  }
  return best;
}

/**
 * A start followed by a completion: the completion is the deadline. In "Arbetet börjar torsdag 1 mars och väntas
 * vara klart i slutet av april" the work is due at the end of April; 1 March is only when it begins. The first
 * phrase must follow a word of starting ("påbörjas", "startar", "byggstart", "återupptas" …) and the later one a
 * word of completion ("klart", "färdigt") or "till" ("pågå fram till och med vecka 25"). A planned start alone
 * ("Upphandlingen beräknas påbörjas våren 2026") stays that step's deadline.
 */
function completionAfter(
  first: Candidate,
  candidates: readonly Candidate[],
  words: readonly Word[],
): Candidate | undefined {
  if (first.resolution.date === null || !wordsBefore(words, first.start, 4).some((w) => START_WORDS.has(w))) {
    return undefined;
  }
  const later = candidates.filter(
    (c) =>
      c.start >= first.end &&
      c.resolution.date !== null &&
      [...wordsBefore(words, c.start, 4), ...leadWords(words, c)].some(
        (w) => READY_WORDS.has(w) || w === 'till',
      ),
  );
  return earliest(later);
}

/** The first two words of a candidate: its lead word, if it has one ("till och med vecka 25"). */
function leadWords(words: readonly Word[], candidate: Candidate): string[] {
  return words
    .filter((word) => word.start >= candidate.start && word.end <= candidate.end)
    .slice(0, 2)
    .map((word) => word.text);
}

/** Words that make the date after them the start of the work, not its end. */
const START_WORDS = new Set(
  'påbörjas påbörja påbörjar starta startar startas start byggstart byggstarten börja börjar inleds inleda återupptas återupptar'.split(
    ' ',
  ),
);

/** Up to `count` words right before the word that `start` falls in, in order. */
function wordsBefore(words: readonly Word[], start: number, count: number): string[] {
  const index = words.findIndex((word) => word.end > start);
  const end = index < 0 ? words.length : index;
  return words.slice(Math.max(0, end - count), end).map((word) => word.text);
}

// ---------------------------------------------------------------------------------------------------------------
// Normalising what people wrote

const COMBINING_MARK = /^\p{M}$/u;
const SPACE = /^\s+$/u;

interface Normalised {
  /** NFC, lower case, invisibles removed, white space folded to single spaces, trimmed. */
  text: string;
  /** For every UTF-16 unit of `text`: the [start, end) of the original characters it came from. */
  origin: Array<readonly [number, number]>;
}

/**
 * Normalises like `normalizeInput` in text.ts, but keeps a map back to the original so that
 * {@link findDeadline} can return the phrase exactly as written.
 */
function normalise(original: string): Normalised {
  // Invisibles go first: left in place they would split a decomposed "a" from its combining ring.
  const visible: Array<{ char: string; start: number }> = [];
  let offset = 0;
  for (const char of original) {
    if (!isInvisible(char)) visible.push({ char, start: offset });
    offset += char.length;
  }
  // Built in parts: asking a string built by `+=` whether it ends with a space copies it whole, every time.
  const parts: string[] = [];
  let endsWithSpace = true;
  const origin: Array<readonly [number, number]> = [];
  let i = 0;
  while (i < visible.length) {
    // A base character and the marks that follow it compose together under NFC.
    let j = i + 1;
    while (j < visible.length && COMBINING_MARK.test(visible[j].char)) j += 1;
    const cluster = visible.slice(i, j);
    const raw = cluster.map((c) => c.char).join('');
    const span = [
      cluster[0].start,
      cluster[cluster.length - 1].start + cluster[cluster.length - 1].char.length,
    ] as const;
    if (SPACE.test(raw)) {
      if (!endsWithSpace) {
        parts.push(' ');
        origin.push(span);
        endsWithSpace = true;
      }
    } else {
      const out = raw.normalize('NFC').toLowerCase();
      parts.push(out);
      for (let k = 0; k < out.length; k += 1) origin.push(span);
      endsWithSpace = out.endsWith(' ');
    }
    i = j;
  }
  if (parts.length > 0 && endsWithSpace) {
    parts.pop();
    origin.pop();
  }
  return { text: parts.join(''), origin };
}

function toDocumentDate(documentDate: string): DateTime {
  return DateTime.fromISO(parseCivilDate(documentDate), { zone: 'utc' });
}

// ---------------------------------------------------------------------------------------------------------------
// Periods and how a lead word reads them

/** A stretch of whole days, both ends included. */
interface Period {
  first: DateTime;
  last: DateTime;
}

/**
 * How the word before a period picks its last allowed day:
 * - `end`: senast, under, i, till, till och med, vid, no word: the period's last day ("senast i april" = 30 april);
 * - `before`: innan, före, inför: the day before the period starts ("innan sommaren" = 31 maj,
 *   "före 2022-05-31" = 2022-05-30);
 * - `after`: efter, seasons only: the end of the month after the season ("efter sommaren" = 30 september),
 *   since an open-ended "after" would otherwise never fall due.
 */
type Reading = 'end' | 'before' | 'after';

function readingOf(lead: string | undefined): Reading {
  if (lead === 'innan' || lead === 'före' || lead === 'inför') return 'before';
  if (lead === 'efter') return 'after';
  return 'end';
}

function dayOf(period: Period, reading: Reading): DateTime {
  switch (reading) {
    case 'end':
      return period.last;
    case 'before':
      return period.first.minus({ days: 1 });
    case 'after':
      return period.last.plus({ months: 1 }).endOf('month').startOf('day');
  }
}

/** The period a phrase names in a given year; null when that year has no such period (vecka 53 2021). */
type PeriodOf = (year: number) => Period | null;

/**
 * The last allowed day of the period in `year` or, when the phrase names no year, of the first period that has
 * not ended on the document's date. The year before is tried too: "under vintern" written in January means the
 * winter already under way. Only three years are tried; beyond that ("vecka 53" in a year without one) we do
 * not guess.
 */
function lastAllowedDay(
  periodOf: PeriodOf,
  year: number | undefined,
  reading: Reading,
  documentDate: DateTime,
): DateTime | null {
  if (year !== undefined) {
    const period = periodOf(year);
    return period === null ? null : dayOf(period, reading);
  }
  for (const candidate of [documentDate.year - 1, documentDate.year, documentDate.year + 1]) {
    const period = periodOf(candidate);
    if (period === null) continue;
    const day = dayOf(period, reading);
    if (day.toMillis() >= documentDate.toMillis()) return day;
  }
  return null;
}

/**
 * The last allowed day of days named twice, by date and by a week or weekday: the next such days (see {@link
 * lastAllowedDay}) if `agrees` holds for them, else null. Another year where they would agree is not looked for:
 * when the two names disagree, one of them is wrong.
 */
function agreeingDay(
  periodOf: PeriodOf,
  year: number | undefined,
  reading: Reading,
  documentDate: DateTime,
  agrees: (period: Period) => boolean,
): DateTime | null {
  const last = lastAllowedDay(periodOf, year, 'end', documentDate);
  const period = last === null ? null : periodOf(last.year);
  return period !== null && agrees(period) ? dayOf(period, reading) : null;
}

/** ISO weekday numbers (Monday 1) by the first three letters of the Swedish name. */
const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = {
  mån: 1,
  tis: 2,
  ons: 3,
  tor: 4,
  fre: 5,
  lör: 6,
  sön: 7,
};

function calendarDay(year: number, month: number, day: number): DateTime | null {
  // luxon refuses 2023-02-30 instead of rolling it over to March, which is what we want.
  const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  return date.isValid ? date : null;
}

function oneDay(date: DateTime | null): Period | null {
  return date === null ? null : { first: date, last: date };
}

/** `count` whole months from the first of `firstMonth`; may run into the next year (winter). */
function monthSpan(year: number, firstMonth: number, count: number): Period {
  const first = DateTime.fromObject({ year, month: firstMonth, day: 1 }, { zone: 'utc' });
  return { first, last: first.plus({ months: count }).minus({ days: 1 }) };
}

/** Monday to Sunday of an ISO 8601 week; null for a week the year lacks (0, 54, 53 in a 52-week year). */
function isoWeek(weekYear: number, weekNumber: number): Period | null {
  const first = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: 'utc' });
  return first.isValid ? { first, last: first.plus({ days: 6 }) } : null;
}

/** The parts of a month a phrase may name; see {@link partOfMonth}. */
const MONTH_PARTS = 'början|mitten|slutet|första halvan|andra halvan';

/**
 * "i början av" = days 1–10, "i mitten av" = 11–20, "i slutet av" = 21 to the month's last day; "första halvan
 * av" = 1–15, "andra halvan av" = 16 to the last day.
 */
function partOfMonth(month: Period, part: string | undefined): Period {
  switch (part) {
    case 'första halvan':
      return { first: month.first, last: month.first.plus({ days: 14 }) };
    case 'andra halvan':
      return { first: month.first.plus({ days: 15 }), last: month.last };
    case 'början':
      return { first: month.first, last: month.first.plus({ days: 9 }) };
    case 'mitten':
      return { first: month.first.plus({ days: 10 }), last: month.first.plus({ days: 19 }) };
    case 'slutet':
      return { first: month.first.plus({ days: 20 }), last: month.last };
    default:
      return month;
  }
}

/**
 * Seasons follow the meteorological convention the domain uses (hösten 2021 -> 2021-11-30): våren Mar–May,
 * sommaren Jun–Aug, hösten Sep–Nov, vintern Dec–Feb, so "vintern 2023" ends on the last day of February 2024.
 * "försommaren" is June. School terms: vårterminen Jan–Jun, höstterminen Aug–Dec. Tertials (see
 * {@link TERTIAL_WORDS}) are not here: they are numbered. Keyed by the first three letters of the word.
 */
const STRETCHES: Readonly<Record<string, { firstMonth: number; count: number }>> = {
  vår: { firstMonth: 3, count: 3 },
  som: { firstMonth: 6, count: 3 },
  hös: { firstMonth: 9, count: 3 },
  vin: { firstMonth: 12, count: 3 },
  för: { firstMonth: 6, count: 1 },
  vt: { firstMonth: 1, count: 6 },
  ht: { firstMonth: 8, count: 5 },
  första: { firstMonth: 1, count: 6 },
  andra: { firstMonth: 7, count: 6 },
};

const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  maj: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  okt: 10,
  nov: 11,
  dec: 12,
};

const QUARTER_WORDS: Readonly<Record<string, number>> = {
  ett: 1,
  två: 2,
  tre: 3,
  fyra: 4,
  första: 1,
  andra: 2,
  tredje: 3,
  fjärde: 4,
  sista: 4,
};

/** Tertial n covers months 4n−3 to 4n: tertial 1 ends 30 April, tertial 2 31 August, tertial 3 31 December. */
const TERTIAL_WORDS: Readonly<Record<string, number>> = { första: 1, andra: 2, tredje: 3, sista: 3 };

/** Season words, definite or bare, for pairs ("sommar/höst", "våren och sommaren", "våren/försommaren"). */
const SEASON_WORD = '(?:våren|vår|sommaren|sommar|hösten|höst|vintern|vinter|försommaren|försommar)';

/** Two years of one winter: "2022/2023", "2022/23". */
const SPLIT_YEARS = '(?<splitFrom>2\\d{3})\\s?/\\s?(?<splitTo>2\\d{3}|\\d{2})(?![\\d/-])';

/**
 * The year a season is counted in when two are written ("vintern 2022/2023" is the winter that starts in
 * December 2022). Only a winter spans two years; a spring after it (`afterWinter`: "vinter/vår 2025/2026") is in
 * the second. Anything else, or years that do not follow each other, names no period we can trust: null.
 */
function splitSeasonYear(key: string, groups: Groups, afterWinter: boolean): string | null {
  const from = Number(groups.splitFrom);
  const text = groups.splitTo ?? '';
  const to = text.length === 2 ? Math.floor(from / 100) * 100 + Number(text) : Number(text);
  if (to !== from + 1) return null;
  if (key === 'vin') return String(from);
  return afterWinter ? String(to) : null;
}

/** A month range without years: the "to" month's next end, the "from" month in the same or the year before. */
function monthRange(fromMonth: number, toMonth: number): PeriodOf {
  return (year) => ({
    first: monthSpan(fromMonth <= toMonth ? year : year - 1, fromMonth, 1).first,
    last: monthSpan(year, toMonth, 1).last,
  });
}

/** A range written with "och" is a range only after "mellan"; without it, it is a list ("maj och juni"). */
function isRange(groups: Groups): boolean {
  return groups.joinedBy === undefined || groups.weakCue === 'mellan';
}

function monthNumber(word: string | undefined): number | undefined {
  return word === undefined ? undefined : MONTH_NUMBERS[word.slice(0, 3)];
}

/** A four-digit year, or a two-digit one as in "ht21" (always this century). */
function yearOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

// ---------------------------------------------------------------------------------------------------------------
// The phrases: pattern -> resolver

/** Four digits that are not the first half of a range or a date ("2019-2021", "2021/2022"). */
const YEAR = '2\\d{3}(?![-/–]\\d)';
/**
 * Month names and abbreviations. A bare "jul" is Christmas, so the abbreviation needs a dot or a year after it;
 * after a day number ("31 jul") it is unambiguous.
 */
const MONTH_WITH_DAY =
  '(?:januari|jan\\.?|februari|febr?\\.?|mars|mar\\.?|april|apr\\.?|maj|juni|jun\\.?|juli|jul\\.?|augusti|aug\\.?|september|sept?\\.?|oktober|okt\\.?|november|nov\\.?|december|dec\\.?)';
const MONTH = MONTH_WITH_DAY.replace('jul\\.?', `jul(?:\\.|(?=\\s${YEAR}))`);
/** A month written out in full: only these may follow another month after a bare space ("oktober november"). */
const FULL_MONTH =
  '(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?![\\p{L}\\p{N}])';
const WEEKDAY = '(?:mån|tis|ons|tors|fre|lör|sön)dag';
const LEADS =
  'som senast|senast|fram till och med|till och med|t\\.\\s?o\\.\\s?m\\.|fram till|till|innan|före|inför|under|vid';

/**
 * Optional lead word, then filler words; `pre` is what a sentence match is judged by (see {@link cueOf}). Real
 * phrases have two fillers at most ("senast under hela"); the bound keeps a long run of them from being reread
 * from each of its words, which made a sentence of fillers quadratic. A meeting may stand between the lead word
 * and its date ("till kommunstyrelsens sammanträde 4 oktober 2016"), and a weekday before "den" ("torsdagen den
 * 2 november"): both make the date an appointment ahead.
 */
function pre(extraLeads = ''): string {
  return `(?<pre>(?:(?<lead>${LEADS}${extraLeads})\\s(?:${MEETING}\\s)?)?(?:(?<weekday>${WEEKDAY})(?:en)?\\s)?(?:(?:i|den|under|hela|år|perioden)\\s){0,${MAX_FILLERS}})`;
}

/** "kommunstyrelsens sammanträde", "nämndens möte": a genitive is a single word ending in s. */
const MEETING = '(?:\\p{L}+s\\s)?(?:sammanträde|möte)t?';

/** Filler words after a lead word, and lead words before "årets slut"; see {@link pre}. */
const MAX_FILLERS = 3;

type Groups = Readonly<Partial<Record<string, string>>>;

interface Resolution {
  date: DateTime | null;
  occurrences?: DateTime[];
}

interface Rule {
  /** The kind of a successful resolution; a dated rule that yields no date (2023-02-30) makes it `unknown`. */
  kind: Exclude<DeadlineKind, 'unknown'>;
  /** Matched against normalised text: lower case, NFC, single spaces. */
  pattern: string;
  /** In a sentence, does the match need a lead word (senast, under, i …) to count as a deadline? */
  needsCue: boolean;
  /**
   * A range of days without a lead word ("Samråd 2 mars–30 april 2020") counts like "den": only for a day that
   * has not passed, since a past period is written the same way ("Beslut 2017-11-01 t.o.m. 2017-11-30").
   */
  bareIsWeak?: boolean;
  /**
   * Counts in a sentence only when nothing else in it reads as a date, with a cue or without ({@link othersIn}):
   * a bare year that a sentence sets as its goal.
   */
  alone?: boolean;
  resolve(groups: Groups, documentDate: DateTime): Resolution;
}

const noDate = (): Resolution => ({ date: null });

/** Ways of saying "no particular day"; understood, but a person must pick the date. */
const RELATIVE = [
  'inom kort',
  'inom (?:en )?(?:snar|nära) framtid',
  'på (?:(?:kort|kortare|lång|längre|något längre) )?sikt',
  '(?:fort)?löpande',
  'kontinuerligt',
  'snarast(?: möjligt)?',
  'så (?:snart|fort)(?: som)? (?:möjligt|det är möjligt|det går)',
  'framöver',
  'när (?:resurser finns(?: tillgängliga)?|det finns resurser)',
  'efter hand',
  'allteftersom',
  'årligen',
  'kvartalsvis',
  'varje (?:år|månad|kvartal|termin)',
  '(?:nästa|kommande) (?:vecka|veckor|månad|månader)',
  '(?:inom|om) (?:\\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|ett par|några) (?:dag|dagar|vecka|veckor|månad|månader|år)',
].join('|');

const RULES_SOURCE: readonly Rule[] = [
  {
    kind: 'relative',
    pattern: `(?:(?:senast|till|under|innan|före)\\s)?(?:${RELATIVE})`,
    needsCue: false,
    resolve: noDate,
  },
  {
    // Days relative to a moment the writer had in mind, not necessarily the document's date: never guessed.
    // Bare "i dag" in a sentence is usually a description of the present, so it needs a lead word there. A weekday
    // before a day number ("på tisdag 19 april", "måndag och tisdag 18-19 maj") belongs to that date instead.
    kind: 'relative',
    pattern: `(?<pre>(?:(?:senast|till|innan|före|under)\\s)?)(?:i ?dag|i ?går|i ?morgon|i övermorgon|i förrgår|(?:(?<cue>nästa|kommande|på)\\s)?${WEEKDAY}(?:en)?(?!\\s(?:(?:och|till)\\s${WEEKDAY}(?:en)?\\s)?(?:den\\s)?\\d)|i ${WEEKDAY}s)`,
    needsCue: true,
    resolve: noDate,
  },
  {
    // Every way of naming the end of a year means 31 December, whatever the lead word ("innan årets slut").
    kind: 'year',
    pattern: `(?:(?:senast|innan|före|till|fram till|vid|under|i)\\s){0,${MAX_FILLERS}}(?:årets slut|(?:slutet|utgången) (?:av|på) (?:året|innevarande år|(?:år\\s)?(?<endYear>2\\d{3}))|(?:(?:nästa|kommande)\\s)?årsskifte(?:t(?:\\s(?<turnFrom>2\\d{3})\\s?[/–-]\\s?(?<turnTo>2\\d{3}|\\d{2}))?)?)`,
    needsCue: false,
    resolve: (g, doc) => {
      if (g.turnFrom !== undefined && g.turnTo !== undefined) {
        const from = Number(g.turnFrom);
        const to = Number(g.turnTo);
        // "2021/2022" and "2021/22" name one turn of the year; "2021/2023" names none.
        const consecutive = g.turnTo.length === 2 ? to === (from + 1) % 100 : to === from + 1;
        return { date: consecutive ? calendarDay(from, 12, 31) : null };
      }
      const year = g.endYear !== undefined ? Number(g.endYear) : doc.year;
      return { date: calendarDay(year, 12, 31) };
    },
  },
  {
    kind: 'year',
    pattern:
      '(?:(?:senast|till|fram till)\\s)?(?:(?:under|i)\\s)?(?:hela\\s)?(?:innevarande|detta|nuvarande) år(?:et)?|(?:(?:senast|till|fram till)\\s)?under (?:hela )?året|i år',
    needsCue: false,
    resolve: (_g, doc) => ({ date: calendarDay(doc.year, 12, 31) }),
  },
  {
    // Only "nästa" and "nästkommande": "kommande år" is as often plural (the coming years). In a sentence it needs
    // a lead word: "pengar att röra sig med nästa år" names the budget year, not a deadline.
    kind: 'year',
    pattern: `${pre()}(?:nästa|nästkommande) år(?:et)?`,
    needsCue: true,
    resolve: (g, doc) => ({ date: dayOf(monthSpan(doc.year + 1, 1, 12), readingOf(g.lead)) }),
  },
  {
    kind: 'exact',
    pattern: `${pre()}(?<isoYear>2\\d{3})-(?<isoMonth>\\d{1,2})-(?<isoDay>\\d{1,2})`,
    needsCue: true,
    resolve: (g, doc) => ({
      date: lastAllowedDay(
        () => oneDay(calendarDay(Number(g.isoYear), Number(g.isoMonth), Number(g.isoDay))),
        Number(g.isoYear),
        readingOf(g.lead),
        doc,
      ),
    }),
  },
  {
    // "31/5" is day/month to a Swede and month/day to others, so a slashed date counts only after a weekday that
    // agrees with it ("måndag den 25/10", below).
    kind: 'exact',
    pattern: `${pre()}(?<day>\\d{1,2})(?::?[ae])?\\s(?<dayMonth>${MONTH_WITH_DAY})(?:\\s(?<year>${YEAR}))?`,
    needsCue: true,
    resolve: (g, doc) => {
      const month = monthNumber(g.dayMonth) ?? 0;
      const periodOf = (year: number) => oneDay(calendarDay(year, month, Number(g.day)));
      return { date: lastAllowedDay(periodOf, yearOf(g.year), readingOf(g.lead), doc) };
    },
  },
  {
    kind: 'week',
    // Two weeks end with the later one: "vecka 20 och 21", "vecka 10–12".
    pattern: `${pre()}(?:vecka|v\\.?)\\s?(?<week>\\d{1,2})(?:\\s?[-–]\\s?(?<lastWeek>\\d{1,2})|\\s(?:och|till)\\s(?<laterWeek>\\d{1,2})(?!\\d))?(?:\\s(?<year>${YEAR}))?`,
    needsCue: false,
    resolve: (g, doc) => {
      const week = Number(g.lastWeek ?? g.laterWeek ?? g.week);
      // "vecka 52–2" would run into the next year; not guessed.
      if (week < Number(g.week)) return { date: null };
      return { date: lastAllowedDay((year) => isoWeek(year, week), yearOf(g.year), readingOf(g.lead), doc) };
    },
  },
  {
    // Two weeks of two years end with the later one: "v48 2024 – v18 2025" = Sunday 2025-05-04. A time plan's
    // column of weeks leaves out "vecka" ("48, 2024 t o m 18, 2025"); then only at the start of the text, since
    // "48, 2024" may be anything elsewhere. Written without a lead word, it counts like a bare range of days.
    kind: 'week',
    pattern: `${pre()}(?:(?:vecka|v\\.?)\\s?|^)(?<fromWeek>\\d{1,2}),?\\s(?<fromYear>2\\d{3})(?:\\s?[-–]\\s?|\\s(?:till och med|till|t\\.?\\s?o\\.?\\s?m\\.?)\\s)(?:(?:vecka|v\\.?)\\s?)?(?<toWeek>\\d{1,2}),?\\s(?<year>${YEAR})`,
    needsCue: true,
    bareIsWeak: true,
    resolve: (g) => {
      const from = isoWeek(Number(g.fromYear), Number(g.fromWeek));
      const to = isoWeek(Number(g.year), Number(g.toWeek));
      if (from === null || to === null || to.first.toMillis() <= from.first.toMillis()) return { date: null };
      return { date: dayOf({ first: from.first, last: to.last }, readingOf(g.lead)) };
    },
  },
  {
    // A week with its days ("Vecka 21, 23-27 maj", "vecka 16 (19 april)"): the days are the period, when they fall
    // in that week; when they do not, one of the two is wrong and neither is guessed.
    kind: 'exact',
    pattern: `${pre()}(?:vecka|v\\.?)\\s?(?<week>\\d{1,2})(?:,\\s|\\s\\()(?:(?<fromDay>\\d{1,2})\\s?[-–]\\s?)?(?<toDay>\\d{1,2})\\s(?<toMonth>${MONTH_WITH_DAY})(?:\\s(?<year>${YEAR}))?\\)?`,
    needsCue: false,
    resolve: (g, doc) => {
      const month = monthNumber(g.toMonth) ?? 0;
      const periodOf = (year: number): Period | null => {
        const last = calendarDay(year, month, Number(g.toDay));
        const first = g.fromDay === undefined ? last : calendarDay(year, month, Number(g.fromDay));
        return first === null || last === null || first.toMillis() > last.toMillis() ? null : { first, last };
      };
      const week = Number(g.week);
      const inWeek = (days: Period) => days.first.weekNumber === week && days.last.weekNumber === week;
      return { date: agreeingDay(periodOf, yearOf(g.year), readingOf(g.lead), doc, inWeek) };
    },
  },
  {
    // "måndag den 25/10": a slashed date is day/month here, and counts only when its weekday agrees with it.
    kind: 'exact',
    pattern: `(?<pre>(?:(?<lead>${LEADS})\\s)?)(?<weekday>${WEEKDAY})(?:en)?\\s(?:den\\s)?(?<slashDay>\\d{1,2})/(?<slashMonth>\\d{1,2})(?![\\d/])(?:\\s(?<year>${YEAR}))?`,
    needsCue: true,
    resolve: (g, doc) => {
      const periodOf = (year: number) => oneDay(calendarDay(year, Number(g.slashMonth), Number(g.slashDay)));
      const weekday = WEEKDAY_NUMBERS[(g.weekday ?? '').slice(0, 3)];
      const named = (day: Period) => day.first.weekday === weekday;
      return { date: agreeingDay(periodOf, yearOf(g.year), readingOf(g.lead), doc, named) };
    },
  },
  {
    kind: 'quarter',
    pattern: `${pre()}(?:(?:q\\s?|kv\\.?\\s?|kvartal\\s?)(?<quarter>[1-4])|kvartal (?<quarterSpelled>ett|två|tre|fyra)|(?<quarterWord>första|andra|tredje|fjärde|sista) kvartalet|(?<quarterNumber>[1-4]):?[ae] kvartalet)(?:,?\\s(?<year>${YEAR}))?`,
    needsCue: false,
    resolve: (g, doc) => {
      const quarter = Number(
        g.quarter ?? g.quarterNumber ?? QUARTER_WORDS[g.quarterWord ?? g.quarterSpelled ?? ''],
      );
      const periodOf = (year: number) => monthSpan(year, quarter * 3 - 2, 3);
      return { date: lastAllowedDay(periodOf, yearOf(g.year), readingOf(g.lead), doc) };
    },
  },
  {
    kind: 'season',
    pattern: `${pre()}(?<half>första|andra) halvåret(?:\\s(?<year>${YEAR}))?`,
    needsCue: false,
    resolve: (g, doc) => stretch(STRETCHES[g.half ?? ''], g.year, readingOf(g.lead), doc),
  },
  {
    kind: 'season',
    pattern: `${pre()}(?:(?<term>vår|höst)termin(?:en)?(?:\\s(?<year>${YEAR}))?|(?<termShort>vt|ht)(?:\\s?-?\\s?(?<termYear>2\\d{3}|\\d{2}))?)`,
    needsCue: true,
    resolve: (g, doc) => {
      const key = g.termShort ?? (g.term === 'vår' ? 'vt' : 'ht');
      return stretch(STRETCHES[key], g.year ?? g.termYear, readingOf(g.lead), doc);
    },
  },
  {
    kind: 'recurring',
    pattern: `${pre()}(?<months>${MONTH}(?:,\\s(?:i\\s)?${MONTH}){0,10}\\s(?:och|samt|respektive)\\s(?:i\\s)?${MONTH})(?:\\s(?<year>${YEAR}))?`,
    needsCue: true,
    resolve: (g, doc) => {
      const numbers = (g.months ?? '')
        .split(/[\s,]+/u)
        .map(monthNumber)
        .filter((n): n is number => n !== undefined);
      const days = numbers.map((month) =>
        lastAllowedDay((year) => monthSpan(year, month, 1), yearOf(g.year), readingOf(g.lead), doc),
      );
      const found = days.filter((day): day is DateTime => day !== null);
      if (found.length !== days.length) return { date: null };
      // Without a year each month is its next occurrence, so "i mars och september" in May is Sep, then Mar.
      const unique = [...new Set(found.map((day) => day.toMillis()))].sort((a, b) => a - b);
      const occurrences = unique.map((ms) => DateTime.fromMillis(ms, { zone: 'utc' }));
      return { date: occurrences[occurrences.length - 1], occurrences };
    },
  },
  {
    // "innan jul 2026" is before Christmas Eve (23 December), not July. Without a year "jul" may be July cut
    // short, so it gets no date.
    kind: 'exact',
    pattern: `(?<lead>innan|före|inför|till|fram till)\\s(?:julhelgen|julen|jul)\\s(?<year>${YEAR})`,
    needsCue: false,
    resolve: (g, doc) => {
      const periodOf = (year: number) => ({
        first: monthSpan(year, 12, 1).first.plus({ days: 23 }),
        last: monthSpan(year, 12, 1).last,
      });
      return { date: lastAllowedDay(periodOf, yearOf(g.year), 'before', doc) };
    },
  },
  {
    // "i månadsskiftet oktober-november" is the last day of the earlier month, like "årsskiftet 2021/2022".
    kind: 'month',
    pattern: `${pre()}månadsskiftet\\s(?<fromMonth>${MONTH})\\s?[-–/]\\s?(?<toMonth>${MONTH})(?:\\s(?<year>${YEAR}))?`,
    needsCue: false,
    resolve: (g, doc) => {
      const from = monthNumber(g.fromMonth) ?? 0;
      if (monthNumber(g.toMonth) !== (from % 12) + 1) return { date: null };
      const periodOf = (year: number) => monthSpan(year, from, 1);
      return { date: lastAllowedDay(periodOf, yearOf(g.year), readingOf(g.lead), doc) };
    },
  },
  {
    // A range of ISO dates ends on its last day: "mellan 2022-06-27 och 2022-12-30" = 2022-12-30.
    kind: 'exact',
    pattern: `${pre()}(?:(?<weakCue>från och med|från|fr\\.o\\.m\\.|mellan)\\s)?2\\d{3}-\\d{1,2}-\\d{1,2}(?:\\s?[-–]\\s?|\\s(?<joinedBy>och)\\s|\\s(?:till och med|till|t\\.\\s?o\\.\\s?m\\.)\\s)(?<isoYear>2\\d{3})-(?<isoMonth>\\d{1,2})-(?<isoDay>\\d{1,2})`,
    needsCue: true,
    bareIsWeak: true,
    resolve: (g, doc) => {
      if (!isRange(g)) return { date: null };
      const year = Number(g.isoYear);
      const day = oneDay(calendarDay(year, Number(g.isoMonth), Number(g.isoDay)));
      return { date: lastAllowedDay(() => day, year, readingOf(g.lead), doc) };
    },
  },
  {
    // Days of one month: "18-19 maj" = 19 May, "under perioden 23-27 maj 2022" = 2022-05-27.
    kind: 'exact',
    pattern: `${pre()}(?:(?<weakCue>från och med|från|mellan)\\s)?\\d{1,2}\\s?[-–]\\s?(?<toDay>\\d{1,2})\\s(?<toMonth>${MONTH_WITH_DAY})(?:\\s(?<year>${YEAR}))?`,
    needsCue: true,
    bareIsWeak: true,
    resolve: (g, doc) => {
      const month = monthNumber(g.toMonth) ?? 0;
      const periodOf = (year: number) => oneDay(calendarDay(year, month, Number(g.toDay)));
      return { date: lastAllowedDay(periodOf, yearOf(g.year), readingOf(g.lead), doc) };
    },
  },
  {
    // A range of days ends on its last day: "från 16 april till och med 14 juni 2021" = 2021-06-14.
    kind: 'exact',
    pattern: `${pre()}(?:(?<weakCue>från och med|från|fr\\.o\\.m\\.|mellan)\\s)?(?<fromDay>\\d{1,2})\\s(?<fromMonth>${MONTH_WITH_DAY})(?:\\s(?<fromYear>${YEAR}))?(?:\\s?[-–/]\\s?|\\s(?<joinedBy>och)\\s|\\s(?:till och med|till|t\\.o\\.m\\.)\\s)(?:den\\s)?(?<toDay>\\d{1,2})\\s(?<toMonth>${MONTH_WITH_DAY})(?:\\s(?<year>${YEAR}))?`,
    needsCue: true,
    bareIsWeak: true,
    resolve: (g, doc) => {
      if (!isRange(g)) return { date: null };
      const month = monthNumber(g.toMonth) ?? 0;
      const periodOf = (year: number) => oneDay(calendarDay(year, month, Number(g.toDay)));
      return { date: lastAllowedDay(periodOf, yearOf(g.year ?? g.fromYear), readingOf(g.lead), doc) };
    },
  },
  {
    // A range of months ends with its last month: "maj-juni 2020", "i oktober/november 2016", "mellan augusti och
    // oktober månad", "från och med december 2021 till februari 2022", "fram till och med oktober november".
    kind: 'month',
    pattern: `${pre()}(?:(?<weakCue>från och med|från|fr\\.o\\.m\\.|mellan)\\s)?(?<fromMonth>${MONTH})(?:\\s(?<fromYear>${YEAR}))?(?:\\s?[-–/]\\s?|\\s(?<joinedBy>och)\\s|\\s(?:till och med|till|t\\.o\\.m\\.)\\s|\\s(?=${FULL_MONTH}))(?:i\\s)?(?<toMonth>${MONTH})(?:\\s(?<year>${YEAR}))?(?:\\smånad)?`,
    needsCue: true,
    resolve: (g, doc) => {
      if (!isRange(g)) return { date: null };
      const from = monthNumber(g.fromMonth) ?? 0;
      const to = monthNumber(g.toMonth) ?? 0;
      const fromYear = yearOf(g.fromYear);
      const year = yearOf(g.year) ?? (fromYear === undefined ? undefined : fromYear + (to < from ? 1 : 0));
      return { date: lastAllowedDay(monthRange(from, to), year, readingOf(g.lead), doc) };
    },
  },
  {
    // A range of years ends on 31 December of the last: "2015-2020" = 2020-12-31.
    kind: 'year',
    pattern: `${pre()}(?:(?<weakCue>från|mellan)\\s)?(?<rangeFrom>2\\d{3})\\s?[-–]\\s?(?<rangeTo>2\\d{3})(?![\\d/–-])`,
    needsCue: true,
    resolve: (g) => {
      const from = Number(g.rangeFrom);
      const to = Number(g.rangeTo);
      if (to <= from) return { date: null };
      return {
        date: dayOf(
          { first: monthSpan(from, 1, 1).first, last: monthSpan(to, 12, 1).last },
          readingOf(g.lead),
        ),
      };
    },
  },
  {
    kind: 'season',
    pattern: `${pre()}(?:tertial\\s?(?<tertial>[1-3])|t(?<tertialShort>[1-3])(?=,?\\s2\\d{3})|(?<tertialWord>första|andra|tredje|sista) tertialet|(?<tertialNumber>[1-3]):?[ae] tertialet)(?:,?\\s(?<year>${YEAR}))?`,
    needsCue: false,
    resolve: (g, doc) => {
      const tertial = Number(
        g.tertial ?? g.tertialShort ?? g.tertialNumber ?? TERTIAL_WORDS[g.tertialWord ?? ''],
      );
      const periodOf = (year: number) => monthSpan(year, tertial * 4 - 3, 4);
      return { date: lastAllowedDay(periodOf, yearOf(g.year), readingOf(g.lead), doc) };
    },
  },
  {
    // The turn of the half-year is 30 June.
    kind: 'exact',
    pattern: `${pre()}halvårsskiftet(?:\\s(?<year>${YEAR}))?`,
    needsCue: false,
    resolve: (g, doc) => ({
      date: lastAllowedDay(
        (year) => oneDay(calendarDay(year, 6, 30)),
        yearOf(g.year),
        readingOf(g.lead),
        doc,
      ),
    }),
  },
  {
    // "i början av 2023" is its first tertial, as "i början av" a month is its first third; "i början på nästa år"
    // is the first tertial of the year after the document's.
    kind: 'season',
    pattern: `${pre()}början (?:av|på) (?:år\\s)?(?:(?<year>${YEAR})|(?<next>nästa|nästkommande) år(?:et)?)`,
    needsCue: true,
    resolve: (g, doc) => {
      const year = g.year === undefined ? doc.year + 1 : Number(g.year);
      return { date: dayOf(monthSpan(year, 1, 4), readingOf(g.lead)) };
    },
  },
  {
    // "30.4.2026": with dots the day always comes first.
    kind: 'exact',
    pattern: `${pre()}(?<dotDay>\\d{1,2})\\.(?<dotMonth>\\d{1,2})\\.(?<dotYear>2\\d{3})`,
    needsCue: true,
    resolve: (g, doc) => {
      const year = Number(g.dotYear);
      const day = oneDay(calendarDay(year, Number(g.dotMonth), Number(g.dotDay)));
      return { date: lastAllowedDay(() => day, year, readingOf(g.lead), doc) };
    },
  },
  {
    // "cirka 2025" is that year; only at the end of a clause, so that "cirka 2500 kronor" is no year.
    kind: 'year',
    pattern: `(?:cirka|ca\\.?|omkring)\\s(?<year>${YEAR})(?=$|[.,;:!?)])`,
    needsCue: false,
    resolve: (g) => ({ date: calendarDay(Number(g.year), 12, 31) }),
  },
  {
    // A part of a month may be joined to a part of the next, the year written once at the end: "under slutet av
    // maj och första halvan av juni 2024" ends 2024-06-15. "sista mars" is the month's last day.
    kind: 'month',
    pattern: `${pre()}(?:(?<part>${MONTH_PARTS}) av\\s|(?<cue>de första dagarna i|sista)\\s)?(?<month>${MONTH})(?:\\s(?:och|samt)\\s(?<laterPart>${MONTH_PARTS}) av\\s(?<laterMonth>${MONTH}))?(?:\\s(?<year>${YEAR}))?(?:\\smånad)?`,
    needsCue: true,
    resolve: (g, doc) => {
      // "de första dagarna i juni" reads as "i början av juni".
      const part = g.cue === 'de första dagarna i' ? 'början' : g.part;
      const month = monthNumber(g.month) ?? 0;
      const later = monthNumber(g.laterMonth);
      if (later !== undefined && later < month) return { date: null };
      const periodOf = (year: number) =>
        later === undefined
          ? partOfMonth(monthSpan(year, month, 1), part)
          : partOfMonth(monthSpan(year, later, 1), g.laterPart);
      return { date: lastAllowedDay(periodOf, yearOf(g.year), readingOf(g.lead), doc) };
    },
  },
  {
    // "inom september månad" is by the end of September.
    kind: 'month',
    pattern: `inom (?<month>${MONTH})(?:\\s(?<year>${YEAR}))?(?:\\smånad)?`,
    needsCue: false,
    resolve: (g, doc) => {
      const month = monthNumber(g.month) ?? 0;
      return { date: lastAllowedDay((year) => monthSpan(year, month, 1), yearOf(g.year), 'end', doc) };
    },
  },
  {
    // "i vår" also means "in our" ("i vår kommun"), so it counts only at the end of a phrase or clause, or before
    // "någon gång" ("Jag skulle tro i vår någon gång").
    kind: 'season',
    pattern: `${pre('|efter')}(?:(?<season>våren|sommaren|hösten|vintern|försommaren)(?:\\s(?:år\\s)?(?:(?<year>${YEAR})|${SPLIT_YEARS}))?|(?<cue>i) (?<thisSeason>sommar|höst|vinter|vår(?=$|[.,;:!?)]|\\snågon gång)))`,
    needsCue: true,
    resolve: (g, doc) => {
      const name = (g.season ?? g.thisSeason ?? '').slice(0, 3);
      // "till sommaren" means before the summer holidays, like "innan sommaren"; "till våren" is spring itself.
      const beforeSummer = name === 'som' && (g.lead === 'till' || g.lead === 'fram till');
      const year = g.splitFrom === undefined ? g.year : splitSeasonYear(name, g, false);
      if (year === null) return { date: null };
      return stretch(STRETCHES[name], year, beforeSummer ? 'before' : readingOf(g.lead), doc);
    },
  },
  {
    // "nästa höst" is the first autumn that starts after the document's date: written in December 2022 it is the
    // autumn of 2023, written in October 2023 the autumn of 2024.
    kind: 'season',
    pattern: `${pre()}(?:nästa|nästkommande|kommande) (?<nextSeason>vår(?:en)?|sommar(?:en)?|höst(?:en)?|vinter(?:n)?)`,
    needsCue: false,
    resolve: (g, doc) => {
      const span = STRETCHES[(g.nextSeason ?? '').slice(0, 3)];
      if (span === undefined) return { date: null };
      for (const year of [doc.year, doc.year + 1]) {
        const period = monthSpan(year, span.firstMonth, span.count);
        if (period.first.toMillis() > doc.toMillis()) return { date: dayOf(period, readingOf(g.lead)) };
      }
      return { date: null };
    },
  },
  {
    // Two seasons end with the later one: "sommar/höst 2025" = 2025-11-30, "höst/vinter 2025/2026" = 2026-02-28.
    kind: 'season',
    pattern: `${pre()}(?<first>${SEASON_WORD})(?:\\s?/\\s?|\\s(?:och|till|eller)\\s)(?<second>${SEASON_WORD})(?:\\s(?:år\\s)?(?:(?<year>${YEAR})|${SPLIT_YEARS}))?`,
    needsCue: true,
    resolve: (g, doc) => {
      const first = (g.first ?? '').slice(0, 3);
      const second = (g.second ?? '').slice(0, 3);
      const year = g.splitFrom === undefined ? g.year : splitSeasonYear(second, g, first === 'vin');
      if (year === null) return { date: null };
      return stretch(STRETCHES[second], year, readingOf(g.lead), doc);
    },
  },
  {
    // A table cell or list item ("Vår 2018", "Vinter 2018/2019"): the bare season word needs its year, since
    // "vår" alone is also "our".
    kind: 'season',
    pattern: `${pre()}(?<shortSeason>vår|sommar|höst|vinter)\\s(?:(?<year>${YEAR})|${SPLIT_YEARS})`,
    needsCue: true,
    resolve: (g, doc) => {
      const name = (g.shortSeason ?? '').slice(0, 3);
      const year = g.splitFrom === undefined ? g.year : splitSeasonYear(name, g, false);
      if (year === null) return { date: null };
      return stretch(STRETCHES[name], year, readingOf(g.lead), doc);
    },
  },
  {
    // A year a sentence sets as its goal: "Växjö kommunkoncern ska vara fossilbränslefri 2020", "Finspång:
    // Fossilbränslefri kommunkoncern 2025". Only after a state to be reached ("-fri", "-neutral") that is what the
    // sentence says (after "vara" or "bli", or opening it or a clause after ":"), one noun between at most; at the
    // end of the sentence; and only when nothing else in it reads as a date, since a year alone is as often a name
    // ("förvaltningsplan 2023"). A goal mentioned on the way ("bidrar till en fossilbränslefri kommunförvaltning
    // 2025") is none. Like a bare range of days, it counts only for a year that has not passed.
    kind: 'year',
    pattern: `(?<=(?:^|[:;]\\s|\\s(?:vara|bli)\\s)\\p{L}*(?:fri|fritt|fria|neutral|neutralt|neutrala)(?:\\s\\p{L}+)?\\s)(?<year>${YEAR})(?=[.!]?$)`,
    needsCue: true,
    bareIsWeak: true,
    alone: true,
    resolve: (g) => ({ date: calendarDay(Number(g.year), 12, 31) }),
  },
  {
    kind: 'year',
    pattern: `${pre()}(?:(?:verksamhetsår|budgetår)\\s)?(?<year>${YEAR})`,
    needsCue: true,
    resolve: (g) => ({ date: dayOf(monthSpan(Number(g.year), 1, 12), readingOf(g.lead)) }),
  },
];

/** The last allowed day of a season, term or half-year (see {@link STRETCHES}). */
function stretch(
  span: { firstMonth: number; count: number } | undefined,
  yearText: string | undefined,
  reading: Reading,
  documentDate: DateTime,
): Resolution {
  if (span === undefined) return { date: null };
  const periodOf = (year: number) => monthSpan(year, span.firstMonth, span.count);
  return { date: lastAllowedDay(periodOf, yearOf(yearText), reading, documentDate) };
}

interface CompiledRule extends Rule {
  /** The whole normalised phrase. */
  whole: RegExp;
  /** Anywhere in a normalised sentence, between word boundaries (\b does not know å, ä, ö). */
  anywhere: RegExp;
  /** Sticky: right at `lastIndex`, up to a word boundary (the second of two periods, {@link orLater}). */
  following: RegExp;
}

const RULES: readonly CompiledRule[] = RULES_SOURCE.map((rule) => ({
  ...rule,
  whole: new RegExp(`^(?:${rule.pattern})$`, 'u'),
  anywhere: new RegExp(`(?<![\\p{L}\\p{N}])(?:${rule.pattern})(?![\\p{L}\\p{N}])`, 'gu'),
  following: new RegExp(`(?:${rule.pattern})(?![\\p{L}\\p{N}])`, 'uy'),
}));

function groupsOf(match: RegExpExecArray): Groups {
  return match.groups ?? {};
}

/**
 * How strongly the words before a match make it a deadline. `strong`: a lead word ("senast", "under", "i" …),
 * a weekday ("torsdagen den 2 november") or a cue of the rule's own. `weak`: "den" alone, "mellan", "från … till":
 * as often how past dates are written ("den 2 september 2019 fastställde"), so they count only for a day that has
 * not passed on the document's date.
 */
type Cue = 'strong' | 'weak' | 'none';

function cueOf(groups: Groups): Cue {
  if (groups.cue !== undefined || groups.weekday !== undefined) return 'strong';
  const lead = (groups.pre ?? '').trim();
  if (lead !== '' && lead !== 'den') return 'strong';
  return lead === 'den' || groups.weakCue !== undefined ? 'weak' : 'none';
}

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  resolution: Resolution;
  /** A dated phrase in a past-tense clause: it and every phrase inside it are history, not deadlines. */
  past: boolean;
  /** A date after "den", "mellan" or "från", or a bare range, that has passed: it and every phrase inside it. */
  passed: boolean;
  /** May be the sentence's deadline. */
  acceptable: boolean;
}

function candidatesOf(
  rule: CompiledRule,
  text: string,
  words: readonly Word[],
  documentDate: DateTime,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(rule.anywhere)) {
    const groups = groupsOf(match);
    const start = match.index;
    const end = start + match[0].length;
    let cue = rule.needsCue ? cueOf(groups) : 'strong';
    if (cue === 'none' && rule.kind !== 'relative' && followsCueWords(words, start)) cue = 'strong';
    if (cue === 'none' && rule.bareIsWeak === true) cue = 'weak';
    if (cue === 'none' || opensOrBounds(text, start) || marksStart(words, start, end)) continue;
    const resolution = rule.resolve(groups, documentDate);
    const dated = resolution.date !== null;
    const past = dated && isPastClause(words, start, end);
    const passed = dated && cue === 'weak' && (resolution.date?.toMillis() ?? 0) < documentDate.toMillis();
    candidates.push({ rule, start, end, resolution, past, passed, acceptable: !past && !passed });
  }
  return candidates;
}

/**
 * Words right before a date that make it a deadline without a lead word: "står klart 2020-12-15", "beräknas vara
 * färdigt 2026", "Sista dag att överklaga 2019-02-12", and "i stället" before a date that replaces a plan ("Nu
 * gäller i stället början av 2025"; "i stället för 2024" is the plan replaced, and "för" stands last).
 */
function followsCueWords(words: readonly Word[], start: number): boolean {
  const previous = wordsBefore(words, start, 4);
  const last = previous[previous.length - 1] ?? '';
  if (READY_WORDS.has(last) || PLANNED_WORDS.has(last)) return true;
  if (last === 'istället' || (last === 'stället' && previous[previous.length - 2] === 'i')) return true;
  const sista = previous.lastIndexOf('sista');
  return sista >= 0 && ['dag', 'dagen', 'datum'].includes(previous[sista + 1] ?? '');
}

/**
 * Words of a planned step right before its date: "beräknas påbörjas våren 2026", "inflyttning beräknas ske 2024",
 * "har målår 2023", "blir det byggstart våren 2025". A start followed by a completion in the same sentence yields
 * to it ({@link completionAfter}).
 */
const PLANNED_WORDS = new Set(['påbörjas', 'startar', 'starta', 'startas', 'ske', 'målår', 'byggstart']);

const READY_WORDS = new Set([
  'klar',
  'klart',
  'klara',
  'färdig',
  'färdigt',
  'färdiga',
  'färdigställt',
  'färdigställd',
]);

/**
 * Words that make the period after them a start or an earliest day, never a deadline: "från 1 juli 2022",
 * "tidigast kvartal 3, 2024", "sedan 2015", "påbörjas nu i januari" (what goes on now). A range with its end
 * ("från … till …") is matched from "från" on.
 */
const OPENERS = ['från ', 'från och med ', 'fr.o.m. ', 'fr o m ', 'tidigast ', 'sedan ', 'nu '];

function opensOrBounds(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 16), index);
  return OPENERS.some((opener) => before.endsWith(opener));
}

/**
 * "med start" before or right after a date makes it when something begins, never its deadline: "Med start
 * tisdag den 21 maj … kommer det att pågå", "Den 1 april med start kl. 07.00 påbörjar", "med start förhoppningsvis
 * efter sommaren 2026".
 */
function marksStart(words: readonly Word[], start: number, end: number): boolean {
  const before = wordsBefore(words, start, 3);
  const opens = before.some((word, i) => word === 'med' && before[i + 1] === 'start');
  const next = words.findIndex((word) => word.start >= end);
  return opens || (next >= 0 && words[next].text === 'med' && words[next + 1]?.text === 'start');
}

// ---------------------------------------------------------------------------------------------------------------
// Past tense: a period in a clause that reports what happened is no deadline

interface Word {
  /** Lower case, without the punctuation around it. */
  text: string;
  start: number;
  end: number;
  /** The word ends its clause (";", ":", "?", "!" right after it). */
  closes: boolean;
}

/** Conjunctions that start a new clause, whose tense is its own ("har beslutat att … ska vara klart 2026"). */
const CLAUSE_WORDS = new Set(['och', 'men', 'att', 'som', 'vilket', 'medan', 'där', 'samt', 'eftersom']);

/** Preterites and past forms that no suffix rule finds (strong and irregular verbs). */
const PAST_FORMS = new Set([
  'hade',
  'antog',
  'antogs',
  'skrev',
  'skrevs',
  'drog',
  'drogs',
  'inkom',
  'gjorde',
  'gjordes',
  'hölls',
  'höll',
  'gavs',
  'gav',
  'togs',
  'tog',
  'fick',
  'blev',
  'kom',
  'gick',
  'pågick',
  'beslöt',
  'skedde',
  'fanns',
  'stod',
  'sågs',
  'såg',
]);

/**
 * Words before which an "-ade" form is an adjective ("de planerade åtgärderna", "med planerade åtgärder"), not a
 * preterite: determiners and prepositions.
 */
const DETERMINERS = new Set([
  ...['de', 'den', 'det', 'dessa', 'denna', 'detta', 'våra', 'alla', 'sina', 'deras', 'era', 'inga', 'några'],
  ...[
    'med',
    'för',
    'av',
    'på',
    'i',
    'om',
    'till',
    'från',
    'utan',
    'mot',
    'inom',
    'efter',
    'vid',
    'genom',
    'samt',
  ],
]);

/** Nouns and ordinals that end like a preterite ("mervärde", "var fjärde månad", "förste vice ordförande"). */
const LOOK_LIKE_PAST = [
  'värde',
  'fjärde',
  'sjätte',
  'förste',
  'andre',
  'siste',
  'bäste',
  'störste',
  'minste',
  'herde',
];

/** Words that end like a supine but are not one ("har ett mål", "har mycket kvar"). */
const NOT_SUPINE = new Set([
  'ett',
  'mycket',
  'nytt',
  'rätt',
  'samt',
  'litet',
  'resultat',
  'mandat',
  'format',
  'stat',
]);

const VOWELS = 'aeiouyåäö';

function isConsonant(char: string): boolean {
  return char !== '' && !VOWELS.includes(char) && char.toLowerCase() !== char.toUpperCase();
}

/**
 * A preterite, active or passive: "startade", "genomförde", "köpte", "godkändes", "beslutades", "sattes".
 * `previous` tells the adjective "de planerade" from the verb.
 */
function isPreterite(word: string, previous: string): boolean {
  if (PAST_FORMS.has(word)) return true;
  if (word.length < 5 || LOOK_LIKE_PAST.some((noun) => word.endsWith(noun))) return false;
  if (word.endsWith('ades')) return true;
  if (word.endsWith('des') || word.endsWith('tes')) {
    // "boendes", "sökandes" are genitives; "mötes", "arbetes" have a vowel before the ending.
    return isConsonant(word.charAt(word.length - 4)) && !word.endsWith('andes') && !word.endsWith('endes');
  }
  if (DETERMINERS.has(previous)) return false;
  if (word.endsWith('ade')) return true;
  if (word.endsWith('de') || word.endsWith('te')) {
    const before = word.charAt(word.length - 3);
    // "-nde" is a present participle or a noun ("boende", "avgörande").
    return isConsonant(before) && before !== 'n';
  }
  return false;
}

/** A supine after "har": "startat", "ökat", "genomförts", "tagits", "gjort", "sett". */
function isSupine(word: string): boolean {
  if (word.length < 4 || NOT_SUPINE.has(word)) return false;
  return ['at', 'it', 'tt', 'ts', 'ort', 'ört'].some((ending) => word.endsWith(ending));
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let start = 0;
  for (const raw of text.split(' ')) {
    let first = 0;
    let last = raw.length;
    while (first < last && !isWordChar(raw.charAt(first))) first += 1;
    while (last > first && !isWordChar(raw.charAt(last - 1))) last -= 1;
    const tail = raw.slice(last);
    words.push({
      text: raw.slice(first, last),
      start,
      end: start + raw.length,
      closes: tail.includes(';') || tail.includes(':') || tail.includes('?') || tail.includes('!'),
    });
    start += raw.length + 1;
  }
  return words;
}

function isWordChar(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase() || (char >= '0' && char <= '9');
}

/**
 * Is the clause around [start, end) in the past tense? The clause runs to the nearest conjunction or ";" on each
 * side; the words of the match itself do not count ("under våren och sommaren" is one phrase). Past tense is a
 * preterite ("startade", "godkändes", "hölls") or "har"/"hade" with a supine ("har startat", "har … utförts").
 */
function isPastClause(words: readonly Word[], start: number, end: number): boolean {
  // "har skjutits upp till våren": the date a scheduling verb sets is ahead, whatever else the clause reports.
  if (wordsBefore(words, start, 4).some((word) => SCHEDULING.has(word))) return false;
  const clause: Word[] = [];
  let i = words.findIndex((word) => word.end > start) - 1;
  for (; i >= 0 && !words[i].closes && !CLAUSE_WORDS.has(words[i].text); i -= 1) clause.unshift(words[i]);
  const after = words.findIndex((word) => word.start >= end);
  for (let j = after; j >= 0 && j < words.length; j += 1) {
    const word = words[j];
    // "har en inventering över området på och kring Östberget utförts": after "har", "och" joins noun phrases.
    const joinsNouns = COORDINATORS.has(word.text) && clause.some((w) => w.text === 'har');
    if (CLAUSE_WORDS.has(word.text) && !joinsNouns) break;
    clause.push(word);
    if (word.closes) break;
  }
  let perfect = false;
  for (let k = 0; k < clause.length; k += 1) {
    const word = clause[k].text;
    if (SCHEDULING.has(word)) continue;
    if (isPreterite(word, k > 0 ? clause[k - 1].text : '')) return true;
    if (word === 'var' && !isDistributive(clause[k + 1]?.text ?? '')) return true;
    // "skulle genomförts" is what was meant to happen and did not: as past as "har genomförts".
    if (word === 'har' || word === 'skulle') perfect = true;
    else if (perfect && isSupine(word)) return true;
  }
  return false;
}

const COORDINATORS = new Set(['och', 'samt']);

/**
 * Past forms that report a date being set, not a thing done: "Utbildningen har planerats till hösten 2024" is
 * a deadline however past its verb.
 */
const SCHEDULING = new Set(
  'planerat planerats planerade planerades schemalagt schemalagts schemalades tidsatt tidsatts tidsattes bokat bokats bokade bokades senarelagt senarelagts senarelades skjutit skjutits förskjutit förskjutits flyttat flyttats flyttade flyttades förlängt förlängts förlängdes'.split(
    ' ',
  ),
);

/** "var" is "was" except before a number or an ordinal, where it is "every" ("var tredje månad", "var 14:e dag"). */
function isDistributive(next: string): boolean {
  return STARTS_WITH_DIGIT.test(next) || ORDINALS.has(next) || next === 'och';
}

const STARTS_WITH_DIGIT = /^\d/u;
const ORDINALS = new Set([
  'annan',
  'annat',
  'tredje',
  'fjärde',
  'femte',
  'sjätte',
  'sjunde',
  'åttonde',
  'nionde',
  'tionde',
]);

function resolved(phrase: string, rule: Rule, resolution: Resolution): ResolvedDeadline {
  const { date, occurrences } = resolution;
  if (date === null) {
    return { date: null, phrase, kind: rule.kind === 'relative' ? 'relative' : 'unknown', needsDate: true };
  }
  const result: ResolvedDeadline = { date: civil(date), phrase, kind: rule.kind, needsDate: false };
  if (occurrences !== undefined) result.occurrences = occurrences.map(civil);
  return result;
}

function civil(date: DateTime): CivilDate {
  return date.toISODate() ?? '';
}
