/**
 * The facts about an audit that a committee's response states in passing: title, auditor, municipality, diary
 * number, the committees concerned, which committee answers, and the dates. Each comes with how sure the reading
 * is (0..1) so a person knows what to check; what a document does not say is left empty, never made up.
 */
import { z } from 'zod';
import { calendarDate } from '../domain/dates';
import { findDeadline } from '../domain/deadlines';
import type { CivilDate } from '../domain/types';
import { MAX_SENTENCE, sentencesOf, type Block } from './documentBlocks';

/** A value read from a document and how sure the reading is, 0 (not found) to 1. */
export interface Reading<T> {
  value: T;
  confidence: number;
  /** Where the value came from, in Swedish, for the draft's reader ("Beslutsunderlag", "antaget"). */
  source: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Committees

/**
 * A committee's name: "Socialnämnden", "Kommunstyrelsens", "Gymnasie- och vuxenutbildningsnämnden",
 * "Miljö-, bygg- och hälsoskyddsnämnden", "Sociala omsorgsnämnden", "tekniska nämnden", "KULTURNÄMNDEN". Plural
 * and bare forms ("nämnderna", "Nämnden", "styrelsen") are not names: a compound needs two letters before the
 * committee word, a bare word an adjective. Six hyphenated parts at most ("Miljö-, bygg- och …" has two): unbounded,
 * a long run of "a- " was reread from each of its words.
 */
const COMMITTEE = new RegExp(
  '(?<![\\p{L}\\p{N}-])(?:' +
    '(?:(?:\\p{L}+-,?\\s){1,6}(?:och|samt)\\s)?\\p{L}{2,}?(?:nämnd|styrelse)' +
    '|(?<adjective>\\p{L}+a)\\s(?:\\p{L}{2,}?)?(?:nämnd|styrelse)' +
    ')(?:en|n)?s?(?![\\p{L}\\p{N}])',
  'giu',
);
/** Words ending in -a before a committee word that are not part of its name ("samma nämnd", "båda nämnderna"). */
const NOT_ADJECTIVES = new Set(
  (
    'båda dessa andra samtliga berörda granskade övriga alla vissa flera enda egna nya varenda samma ' +
    'denna vilka sina hela ansvariga aktuella nuvarande ena stora politiska kommunala respektive ' +
    'ovanstående nämnda bägge'
  ).split(' '),
);

/** "kommunstyrelsens" -> "Kommunstyrelsen", "socialnämnd" -> "Socialnämnden", "KULTURNÄMNDEN" -> "Kulturnämnden". */
export function canonicalCommittee(name: string): string {
  let text = name.replace(/\s+/g, ' ').trim();
  if (text === text.toUpperCase()) text = text.toLowerCase();
  text = text.replace(/(nämnden|styrelsen)s$/iu, '$1').replace(/(nämnd|styrelse)s$/iu, '$1');
  if (/nämnd$/iu.test(text)) text += 'en';
  else if (/styrelse$/iu.test(text)) text += 'n';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every committee named in `text`, canonical, in order, each once. */
export function committeesIn(text: string): string[] {
  // A line break inside a word ("familjeomsorgs-nämnden") is left as a hyphen by many exports.
  const joined = text.replace(/(\p{Ll})-(nämnd|styrelse)/gu, '$1$2');
  const found: string[] = [];
  for (const match of joined.matchAll(COMMITTEE)) {
    let name = match[0];
    const adjective = match.groups?.adjective;
    if (adjective !== undefined && NOT_ADJECTIVES.has(adjective.toLowerCase())) {
      name = name.slice(adjective.length + 1);
      // "samma nämnd" names no committee; "båda socialnämnderna" would not match at all.
      if (/^(?:nämnd|styrelse)/iu.test(name)) continue;
    }
    const canonical = canonicalCommittee(name);
    if (!found.some((known) => sameCommittee(known, canonical))) found.push(canonical);
  }
  return found;
}

/** Two names of one committee: case does not matter ("socialnämnden", "Socialnämnden"). */
export function sameCommittee(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y;
}

/** The name in `among` that `name` refers to, also when `name` lacks a leading adjective; null when none. */
export function matchCommittee(name: string, among: readonly string[]): string | null {
  const exact = among.find((known) => sameCommittee(known, name));
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  const endings = among.filter((known) => known.toLowerCase().endsWith(` ${lower}`));
  return endings.length === 1 ? (endings[0] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const MONTH_NAMES = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** A date written in a document. */
export interface FoundDate {
  date: CivilDate;
  /** Where it starts in the text searched, and how long it is there. */
  index: number;
  length: number;
}

/**
 * Full dates in `text`: 2019-11-25, 25 november 2019 and, when `compact` is set, 191125 and 20191125 (how
 * lists of enclosures often date their documents; elsewhere six digits are as likely a phone number).
 */
export function datesIn(text: string, compact = false): FoundDate[] {
  const found: FoundDate[] = [];
  const push = (date: CivilDate | null, index: number, length: number): void => {
    if (date !== null && !found.some((f) => f.index === index)) found.push({ date, index, length });
  };
  for (const m of text.matchAll(/(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g)) {
    push(calendarDate(Number(m[1]), Number(m[2]), Number(m[3])), m.index ?? 0, m[0].length);
  }
  const months = MONTH_NAMES.join('|');
  for (const m of text.matchAll(new RegExp(`(?<!\\d)(\\d{1,2}):?[ae]? (${months}) (\\d{4})(?!\\d)`, 'giu'))) {
    const month = MONTH_NAMES.indexOf((m[2] ?? '').toLowerCase()) + 1;
    push(calendarDate(Number(m[3]), month, Number(m[1])), m.index ?? 0, m[0].length);
  }
  if (compact) {
    for (const m of text.matchAll(/(?<![\d-])((?:19|20)?\d{2})(\d{2})(\d{2})(?![\d-])/g)) {
      const year = (m[1] ?? '').length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
      push(calendarDate(year, Number(m[2]), Number(m[3])), m.index ?? 0, m[0].length);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function latest(dates: readonly CivilDate[]): CivilDate | null {
  return dates.length === 0 ? null : ([...dates].sort().reverse()[0] ?? null);
}

// ---------------------------------------------------------------------------------------------------------------
// Sections

/** Headings that end the body of a response: its enclosures, consequences, who gets the decision. */
export const CLOSING_SECTION =
  /^(?:beslutsunderlag|underlag|bilag(?:a|or)|ekonomiska konsekvenser|konsekvenser|barnperspektiv|barnets bästa|barnkonsekvens|jämställdhet|miljökonsekvenser|juridiska|beslutet (?:skickas|expedieras) till|expedieras till|sändlista|för kännedom|underskrift)/i;

/** The blocks of the section under the heading `heading` (case-insensitive start), up to the next heading. */
function section(blocks: readonly Block[], heading: RegExp): Block[] {
  const start = blocks.findIndex((block) => block.kind === 'heading' && heading.test(block.text));
  if (start < 0) return [];
  // Under a Markdown heading, only a heading of its level or above ends the section; a short line that merely
  // looks like a heading in plain text does not.
  const level = blocks[start]?.level ?? 0;
  const end = blocks.findIndex(
    (block, i) =>
      i > start && block.kind === 'heading' && (level === 0 || (block.level >= 1 && block.level <= level)),
  );
  return blocks.slice(start + 1, end < 0 ? blocks.length : end);
}

// ---------------------------------------------------------------------------------------------------------------
// The facts

/** What {@link readFacts} finds about the audit and the response. */
export interface DocumentFacts {
  title: Reading<string>;
  /** Index of the block the title came from, or -1; blocks before it are the letterhead. */
  titleBlock: number;
  auditor: Reading<string>;
  municipality: Reading<string | null>;
  diaryNumber: Reading<string | null>;
  /** The committees the audit concerns (berörda nämnder). */
  committees: Reading<string[]>;
  /** The committee that answers. */
  respondingCommittee: Reading<string>;
  /** The response's own date: what deadline phrases are read against. */
  documentDate: Reading<CivilDate>;
  reportDate: Reading<CivilDate>;
  /** Dates from "emotser svar … senast …": committee and date. */
  responseDue: Reading<{ committee: string; due: CivilDate }[]>;
  /** E-mail addresses in the letterhead (before the title): the document's contact. */
  contactEmails: string[];
}

/** Options that decide what cannot be read from the document itself. */
export interface FactOptions {
  /** Today, for a document that states no date at all. */
  today: CivilDate;
  /** The response's date when the caller knows it (the CLI's --date): read from the document otherwise. */
  documentDate?: CivilDate;
}

/**
 * Reads the audit-level facts of a response document.
 * @example readFacts(toBlocks(text), { today: '2026-03-02' }).auditor.value // 'Ernst & Young'
 */
export function readFacts(blocks: readonly Block[], options: FactOptions): DocumentFacts {
  const { title, index: titleBlock } = readTitle(blocks);
  const committees = readCommittees(blocks);
  const responding = readRespondingCommittee(blocks, titleBlock);
  // The import needs at least one committee, and the answering one is always concerned.
  if (!committees.value.some((name) => sameCommittee(name, responding.value))) {
    committees.value = [...committees.value, responding.value];
  }
  const dates = readDates(blocks, options);
  const text = blocks.map((block) => block.text).join('\n');
  return {
    title,
    titleBlock,
    auditor: readAuditor(blocks),
    municipality: readMunicipality(text),
    diaryNumber: readDiaryNumber(blocks),
    committees,
    respondingCommittee: responding,
    documentDate: dates.document,
    reportDate: dates.report,
    responseDue: readResponseDue(blocks, committees.value, responding.value, dates.document.value),
    contactEmails: emailsIn(
      blocks
        .slice(0, titleBlock < 0 ? 12 : titleBlock)
        .map((b) => b.text)
        .join(' '),
    ),
  };
}

/**
 * E-mail addresses in `text`, lower case, each once: only those the import schema accepts as an owner, so that a
 * draft never fails on an address ("inköpschef@kommun.se" is kept as text, not made the owner).
 */
export function emailsIn(text: string): string[] {
  // The lookbehind starts an address only at its first character, so a long run of letters is scanned once.
  const found = [
    ...text.matchAll(/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu),
  ].map((m) => m[0].replace(/\.$/, '').toLowerCase());
  return [...new Set(found)].filter((address) => EMAIL.safeParse(address).success);
}

const EMAIL = z.string().max(254).email();

const GENERIC_HEADINGS =
  /^(?:sammanfattning|ärendet|bakgrund|beskrivning|beslutsunderlag|förslag till beslut|beslut|mottagare|yttrande|svar|inledning|bedömning|resultat|rekommendationer|ärendebeskrivning)$/i;
const TITLE_WORDS =
  /^(?:svar på|svar avseende|yttrande (?:över|gällande|avseende|angående|om)|revisionsrapport|revisionsskrivelse|revisionskrivelse|granskningsrapport|granskning av|uppföljande granskning|fördjupad granskning|rapport)(?!\p{L})/iu;

function readTitle(blocks: readonly Block[]): { title: Reading<string>; index: number } {
  const window = blocks.slice(0, 40);
  const candidates: { index: number; confidence: number }[] = [];
  window.forEach((block, index) => {
    if (block.kind === 'row' || block.kind === 'item' || block.text.length > 300) return;
    if (TITLE_WORDS.test(block.text)) candidates.push({ index, confidence: 0.85 });
    else if (block.kind === 'heading' && block.level > 0 && /granskning|revision/i.test(block.text)) {
      candidates.push({ index, confidence: 0.85 });
    } else if (block.kind === 'heading' && block.level > 0 && !GENERIC_HEADINGS.test(block.text)) {
      candidates.push({ index, confidence: 0.5 });
    }
  });
  const best = candidates.sort((a, b) => b.confidence - a.confidence || a.index - b.index)[0];
  if (best === undefined) {
    const first = window.findIndex(
      (b) => b.kind !== 'row' && b.text.split(' ').length >= 4 && b.text.length <= 300,
    );
    if (first < 0)
      return { title: { value: 'Granskning utan titel', confidence: 0, source: 'saknas' }, index: -1 };
    return {
      title: { value: cleanTitle(window[first]?.text ?? ''), confidence: 0.3, source: 'första raden' },
      index: first,
    };
  }
  const value = cleanTitle(window[best.index]?.text ?? '');
  // The title repeated elsewhere ("att godkänna svar på revisionsrapport *Granskning av …*") confirms the reading.
  const repeated = blocks.some(
    (b, i) => i !== best.index && b.text.toLowerCase().includes(value.toLowerCase()),
  );
  return {
    title: { value, confidence: Math.min(0.95, best.confidence + (repeated ? 0.1 : 0)), source: 'rubrik' },
    index: best.index,
  };
}

/** "Svar på revisionskrivelse gällande samverkan …" is the answer; the audit is "Samverkan …". */
function cleanTitle(text: string): string {
  const named = text
    .replace(/^(?:svar på|svar avseende|yttrande (?:över|gällande|avseende|angående|om))\s+/i, '')
    .replace(
      /^(?:(?:de förtroendevalda )?revisorernas\s+)?(?:revisionsrapport(?:en)?|revisionss?krivelsen?|granskningsrapport(?:en)?|rapport(?:en)?)(?:\s*[-–:]\s*|\s+(?:gällande|om|avseende|angående|kring)\s+)/i,
      '',
    )
    .replace(/^(?:de förtroendevalda )?revisorernas\s+(?=granskning|rapport|uppföljning)/i, '')
    // 'revisionsrapporten "Granskning av upphandling"': the name is what is quoted.
    .replace(
      /^(?:revisionsrapport(?:en)?|granskningsrapport(?:en)?|rapport(?:en)?|granskning(?:en)?)\s+["“”'«*](.+?)["“”'»*]$/iu,
      '$1',
    )
    // "Revisionsrapport Granskning av …": the report's name follows its kind.
    .replace(
      /^(?:revisionsrapport(?:en)?|granskningsrapport(?:en)?|rapport(?:en)?)\s+(?=granskning|uppföljning)/i,
      '',
    );
  let title = withoutDiaryNumber(named).replace(/[.:]$/, '').trim();
  if (title === '') title = text.trim();
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/**
 * The title without a diary number and what follows it ("…, dnr KS 2021/12"): what
 * `/\s*(?:[-–,]\s*)?\(?dnr\b.*$/i` removed, without retrying it from every space of a long run.
 */
function withoutDiaryNumber(title: string): string {
  const dnr = /\(?dnr\b/i.exec(title);
  if (dnr === null) return title;
  let start = dnr.index;
  const spaceBefore = (at: number): boolean => at > 0 && /\s/.test(title.charAt(at - 1));
  while (spaceBefore(start)) start -= 1;
  if (start > 0 && /[-–,]/.test(title.charAt(start - 1))) {
    start -= 1;
    while (spaceBefore(start)) start -= 1;
  }
  return title.slice(0, start);
}

const CONCERNED =
  /berörda nämnder|nämnder (?:som )?(?:är )?berörda|är berörda|berörs|(?:granskningen|rapporten|revisionen) (?:berör|avser|omfattar|riktar sig|har avsett|har omfattat)|granskade nämnder (?:är|var)/i;

function readCommittees(blocks: readonly Block[]): Reading<string[]> {
  const names: string[] = [];
  for (const block of blocks) {
    for (const sentence of sentencesOf(block.text)) {
      if (sentence.length > MAX_SENTENCE || !CONCERNED.test(sentence)) continue;
      for (const name of committeesIn(sentence)) {
        if (!names.some((known) => sameCommittee(known, name))) names.push(name);
      }
    }
  }
  if (names.length > 0) return { value: names, confidence: 0.85, source: 'berörda nämnder' };
  return { value: [], confidence: 0.3, source: 'nämnder som nämns i svaret' };
}

/** Where a committee shows that it is the one answering, and how much that counts. */
const RESPONDER_CUES: readonly { pattern: (name: string) => RegExp; weight: number }[] = [
  {
    pattern: (n) =>
      new RegExp(
        `^${n}s? (?:beslut|synpunkter|bedömning|yttrande|svar|ställningstagande|förslag till beslut)$`,
        'iu',
      ),
    weight: 4,
  },
  {
    pattern: (n) => new RegExp(`${n} (?:föreslås|beslutar|beslutade|föreslår) (?:besluta|att)`, 'iu'),
    weight: 4,
  },
  { pattern: (n) => new RegExp(`${n}s (?:ordförande|sekreterare)`, 'iu'), weight: 3 },
  { pattern: (n) => new RegExp(`förslag till beslut till ${n}`, 'iu'), weight: 2 },
];

function readRespondingCommittee(blocks: readonly Block[], titleBlock: number): Reading<string> {
  const scores = new Map<string, number>();
  const add = (name: string, weight: number): void => {
    const known = [...scores.keys()].find((k) => sameCommittee(k, name)) ?? name;
    scores.set(known, (scores.get(known) ?? 0) + weight);
  };
  blocks.forEach((block, index) => {
    const named = committeesIn(block.text);
    if (named.length === 0) return;
    const previous = blocks[index - 1];
    if (previous && /^(?:mottagare|till)$/i.test(previous.text) && named[0]) add(named[0], 5);
    // A committee alone on a letterhead line is the sender.
    const header = titleBlock < 0 ? index < 10 : index < titleBlock;
    if (header && named.length === 1 && named[0] && block.text.length <= named[0].length + 2)
      add(named[0], 2);
    for (const name of named) {
      for (const cue of RESPONDER_CUES) {
        if (cue.pattern(escapeRegExp(name)).test(block.text)) add(name, cue.weight);
      }
      // Sentences opening with the committee in the answers ("Socialnämnden delar uppfattningen …").
      const opening = new RegExp(
        `(?:^|[.!?] )${escapeRegExp(name)} (?:delar|anser|bedömer|instämmer|avser|kommer|ska)`,
        'iu',
      );
      if (opening.test(block.text)) add(name, 1);
    }
  });
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  if (best !== undefined && best[1] >= 2) {
    return { value: best[0], confidence: Math.min(0.95, 0.5 + best[1] * 0.07), source: 'avsändare' };
  }
  // No cue: the committee named most often is the best guess there is.
  const counts = new Map<string, number>();
  for (const block of blocks)
    for (const name of committeesIn(block.text)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const most = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (most !== undefined) return { value: most[0], confidence: 0.3, source: 'oftast nämnd' };
  return { value: 'Okänd nämnd', confidence: 0, source: 'saknas' };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Firms that carry out most Swedish municipal audits, and how documents write them. */
const FIRMS =
  /\b(Ernst & Young(?: AB)?|EY|PwC|PricewaterhouseCoopers(?: AB)?|KPMG(?: AB)?|Deloitte(?: AB)?|Grant Thornton(?: Sweden AB)?|BDO(?: Mälardalen AB| Sweden AB)?|Helsplan[\p{L} ]{0,60}?AB|Revisionskontoret|Komrev)\b/u;
const AUDIT_BODIES =
  'Stadsrevisionen|Kommunrevisionen|Regionrevisionen|Revisionskontoret|Revisorerna|Revisionen|De förtroendevalda revisorerna|Förtroendevalda revisorer|Kommunens revisorer';
const AUDIT_BODY = new RegExp(`\\b(${AUDIT_BODIES})\\b`, 'u');

function readAuditor(blocks: readonly Block[]): Reading<string> {
  const sentences = blocks.flatMap((block) => sentencesOf(block.text));
  for (const sentence of sentences) {
    // "Ernst & Young har på uppdrag av kommunens revisorer genomfört …"
    const commissioned =
      /^(\p{Lu}[\p{L}\p{N}&.\- ]{1,60}?),? har,? på (?:uppdrag av|revisorernas uppdrag)\b/u.exec(sentence);
    if (commissioned?.[1] && /genomfört|granskat|granskning/.test(sentence)) {
      return { value: commissioned[1].trim(), confidence: 0.85, source: 'har på uppdrag av' };
    }
  }
  for (const sentence of sentences) {
    // "Revisorerna i Region Skåne har, via Helsplan Consulting Gruoup AB, genomfört …"
    const via =
      /\b(?:via|genom|med hjälp av|biträdda av|biträdd av) (\p{Lu}[\p{L}\p{N}&.\- ]{1,60}?)(?:,| har| genomfört| granskat)/u.exec(
        sentence,
      );
    if (via?.[1] && /genomfört|granskat/.test(sentence) && /revis/i.test(sentence)) {
      return { value: via[1].trim(), confidence: 0.8, source: 'via' };
    }
  }
  // "Stadsrevisionen i Borås stad har genomfört en granskning …"
  const body = new RegExp(
    `^(${AUDIT_BODIES})(?: i \\p{Lu}[\\p{L} ]{1,40}?)?,? har (?:\\p{L}+ )?(?:genomfört|granskat)`,
    'u',
  );
  for (const sentence of sentences) {
    const found = body.exec(sentence);
    if (found?.[1]) return { value: capitalise(found[1]), confidence: 0.8, source: 'har genomfört' };
  }
  const text = sentences.join(' ');
  const firm = FIRMS.exec(text);
  if (firm?.[1]) return { value: firm[1], confidence: 0.6, source: 'revisionsbyrå som nämns' };
  const named = AUDIT_BODY.exec(text);
  if (named?.[1]) return { value: capitalise(named[1]), confidence: 0.5, source: 'revisorerna nämns' };
  return { value: 'Revisorerna', confidence: 0.1, source: 'antaget' };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const NOT_MUNICIPALITIES = new Set([
  'varje',
  'vilken',
  'denna',
  'den',
  'hela',
  'samma',
  'egen',
  'annan',
  'en',
  'vår',
  'er',
]);

function readMunicipality(text: string): Reading<string | null> {
  // "Borås Stad" and "Borås stad" are one name: counted together, shown as written most often.
  const names = new Map<string, { forms: Map<string, number>; count: number; first: number }>();
  for (const m of text.matchAll(
    /(?<![\p{L}-])(\p{Lu}\p{L}+(?:-\p{Lu}\p{L}+)?) (kommun|[Ss]tad)s?(?!\p{L})/gu,
  )) {
    const place = m[1] ?? '';
    if (NOT_MUNICIPALITIES.has(place.toLowerCase())) continue;
    const form = `${place} ${m[2] ?? ''}`;
    const entry = names.get(form.toLowerCase()) ?? {
      forms: new Map<string, number>(),
      count: 0,
      first: m.index ?? 0,
    };
    entry.count += 1;
    entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
    names.set(form.toLowerCase(), entry);
  }
  const best = [...names.values()].sort((a, b) => b.count - a.count || a.first - b.first)[0];
  if (best === undefined) return { value: null, confidence: 0, source: 'saknas' };
  const form = [...best.forms.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { value: form, confidence: Math.min(0.9, 0.5 + best.count * 0.1), source: 'nämns i texten' };
}

function readDiaryNumber(blocks: readonly Block[]): Reading<string | null> {
  const label =
    /(?<!\p{L})(?<!er |ert |ert\. )(?:dnr|diarienummer|diarie-?nr|vårt dnr|vår beteckning|ärendenummer|ärende-?nr)\.?\s*(?::\s*)?(\p{Lu}{1,10}[ /-]?)?(\d{2,4}(?:[-/.:]\d{1,6}){1,2}(?: \d+(?:\.\d+){1,4})?)/iu;
  for (const block of blocks) {
    const m = label.exec(block.text);
    if (m) {
      const value = `${m[1] ?? ''}${m[2] ?? ''}`.trim();
      return { value, confidence: 0.9, source: 'Dnr' };
    }
  }
  return { value: null, confidence: 0, source: 'saknas' };
}

/** "Datum 2021-10-05", "Sammanträdesdatum: 16 maj 2022", also beside other letterhead text on the same line. */
const LABELLED_DATE =
  /(?<!\p{L})(?:datum|beslutsdatum|sammanträdesdatum|dokumentdatum|datum för beslut|upprättad|upprättat|daterad|beslutad|mötesdatum|justeringsdatum)\s*(?::\s*)?(?:den\s+)?(?=\d)/iu;
const OWN_DOCUMENT = /^(?:tjänste)?skrivelse|^yttrande|^svar|^förslag|^tjänsteutlåtande|^missiv|^protokoll/i;
const FROM_AUDITORS = /från (?:revision|revisor|stadsrevision|kommunrevision|de förtroendevalda)/i;
const ABOUT_REPORT = /revision|revisor|granskning|rapport/i;

function readDates(
  blocks: readonly Block[],
  options: FactOptions,
): { document: Reading<CivilDate>; report: Reading<CivilDate> } {
  let own: Reading<CivilDate> | null = null;
  let report: Reading<CivilDate> | null = null;
  const consider = (current: Reading<CivilDate> | null, next: Reading<CivilDate>): Reading<CivilDate> =>
    current === null || next.confidence > current.confidence ? next : current;

  for (const [index, block] of blocks.entries()) {
    const first = datesIn(block.text)[0];
    if (first === undefined) continue;
    const label =
      LABELLED_DATE.exec(block.text) ?? /(?<!\p{L})sammanträdet? (?:den )?(?=\d)/iu.exec(block.text);
    const labelled = label ? datesIn(block.text.slice(label.index + label[0].length))[0] : undefined;
    if (labelled?.index === 0) {
      own = consider(own, { value: labelled.date, confidence: 0.9, source: 'datum i dokumentet' });
    } else if (index < 15 && block.text.replace(/\s+/g, '').length <= first.length + 2) {
      own = consider(own, { value: first.date, confidence: 0.8, source: 'datum i sidhuvudet' });
    } else if (
      index < 15 &&
      (/^(?:tjänsteskrivelse|skrivelse|yttrande|protokollsutdrag)\b/i.test(block.text) ||
        block.text.split(' ').length <= 6)
    ) {
      // "Tjänsteskrivelse 2023-03-10", "Stockholm den 3 mars 2023": a letterhead line that dates the paper.
      own = consider(own, { value: first.date, confidence: 0.8, source: 'datum i sidhuvudet' });
    }
    // "Revisionsrapport …, daterad 2021-12-01" in the running text.
    const mention =
      /(?:revisionsrapport(?:en)?|granskningsrapport(?:en)?|rapport(?:en)?) (?:daterad|från|av den) /i.exec(
        block.text,
      );
    const after = mention ? datesIn(block.text.slice(mention.index))[0] : undefined;
    if (after) report = consider(report, { value: after.date, confidence: 0.6, source: 'rapportens datum' });
  }

  // The enclosures date both documents: "Skrivelse, …, 2019-11-25" is the answer, "Revisionsrapport …, 2019-01-22"
  // the report, "Skrivelse från Revisionen … 210207" the auditors' letter that sent it.
  const enclosures = section(blocks, /^(?:beslutsunderlag|underlag)/i);
  for (const block of enclosures) {
    const found = datesIn(block.text, true);
    const last = found[found.length - 1];
    if (last === undefined) continue;
    if (OWN_DOCUMENT.test(block.text) && !FROM_AUDITORS.test(block.text)) {
      own = consider(own, { value: last.date, confidence: 0.75, source: 'Beslutsunderlag' });
    } else if (ABOUT_REPORT.test(block.text)) {
      report = consider(report, { value: last.date, confidence: 0.7, source: 'Beslutsunderlag' });
    }
  }

  let document: Reading<CivilDate>;
  if (options.documentDate !== undefined) {
    document = { value: options.documentDate, confidence: 1, source: 'angivet' };
  } else if (own !== null) {
    document = own;
  } else {
    document = assumeDocumentDate(blocks, options.today, report);
  }
  const reportReading: Reading<CivilDate> = report ?? {
    value: document.value,
    confidence: Math.min(0.2, document.confidence),
    source: 'dokumentets datum',
  };
  return { document, report: reportReading };
}

/**
 * A response is written after everything it cites, so with no date of its own the latest date it mentions (outside
 * a deadline) is the earliest it can be; failing that, 1 January of the latest year it mentions; failing that,
 * today. Each is marked as assumed: deadline phrases without a year depend on it.
 */
function assumeDocumentDate(
  blocks: readonly Block[],
  today: CivilDate,
  report: Reading<CivilDate> | null,
): Reading<CivilDate> {
  const past: CivilDate[] = report === null ? [] : [report.value];
  const years: number[] = [];
  const thisYear = Number(today.slice(0, 4));
  for (const block of blocks) {
    for (const sentence of sentencesOf(block.text)) {
      // Only a sentence with a number can hold a year or a date; the deadline rules are not run on the others.
      if (!/\d/.test(sentence) || sentence.length > MAX_SENTENCE) continue;
      const deadline = findDeadline(sentence, today);
      const outside = deadline === null ? sentence : sentence.replace(deadline.phrase, ' ');
      for (const found of datesIn(outside, /beslutsunderlag|skrivelse/i.test(outside))) {
        // "från och med 1 januari 2022" starts something ahead of the paper, not behind it.
        const before = outside.slice(Math.max(0, found.index - 20), found.index);
        const ahead =
          /(?:från och med|fr\.?\s?o\.?\s?m\.?|från|senast|till|innan|före|efter|inför)\s+(?:den\s+)?$/i.test(
            before,
          );
        if (found.date <= today && !ahead) past.push(found.date);
      }
      for (const m of outside.matchAll(/(?<![\d-])(20\d{2}|19\d{2})(?![\d-])/g)) {
        const year = Number(m[1]);
        if (year <= thisYear) years.push(year);
      }
    }
  }
  const latestDate = latest(past);
  if (latestDate !== null) return { value: latestDate, confidence: 0.3, source: 'senaste datum i texten' };
  if (years.length > 0) {
    return { value: `${Math.max(...years)}-01-01`, confidence: 0.2, source: 'antaget från årtal i texten' };
  }
  return { value: today, confidence: 0.05, source: 'dagens datum' };
}

const RESPONSE_REQUEST =
  /(?:emotser|önskar|begär|vill ha|förväntar sig|ser fram emot)\b[^.]+\bsvar|svar(?:et)? (?:ska|skall|bör) (?:lämnas|vara|inkomma)|(?:ska|skall|bör) besvaras|\bsvara senast/i;

function readResponseDue(
  blocks: readonly Block[],
  committees: readonly string[],
  responding: string,
  documentDate: CivilDate,
): Reading<{ committee: string; due: CivilDate }[]> {
  const due: { committee: string; due: CivilDate }[] = [];
  for (const block of blocks) {
    for (const sentence of sentencesOf(block.text)) {
      if (sentence.length > MAX_SENTENCE || !RESPONSE_REQUEST.test(sentence)) continue;
      const deadline = findDeadline(sentence, documentDate);
      if (deadline === null || deadline.date === null) continue;
      const named = committeesIn(sentence)
        .map((name) => matchCommittee(name, committees))
        .filter((name): name is string => name !== null);
      for (const committee of named.length > 0 ? named : [responding]) {
        if (!due.some((d) => d.committee === committee)) due.push({ committee, due: deadline.date });
      }
    }
  }
  return due.length > 0
    ? { value: due, confidence: 0.85, source: 'emotser svar' }
    : { value: [], confidence: 0, source: 'saknas' };
}
