/**
 * The recommendations of a response document and the actions the committee commits to under each. Three shapes
 * are read, and mixed when a document mixes them:
 * - a recommendation followed by a labelled answer ("**…**" then "**Svar:** …", "*…*" then
 *   "Förvaltningens kommentar:"), or restated later in bold, italics or a heading;
 * - a table with a recommendation column and an action, answer, responsible and deadline column;
 * - a list of recommendations ("Under granskningen har följande förbättringsområden identifierats:") answered as
 *   a whole, where each action is tied to the recommendation it resembles most, and says so.
 */
import { findDeadline, resolveDeadline, type ResolvedDeadline } from '../domain/deadlines';
import type { CivilDate } from '../domain/types';
import { commitmentOf, quotesNorm } from './commitments';
import { MAX_SENTENCE, STEP_LINE, sentencesOf, type Block } from './documentBlocks';
import { CLOSING_SECTION, committeesIn, emailsIn, type DocumentFacts } from './documentFacts';
import { overlap, resemblance, shared, stems } from './similarity';

/** A recommendation found in a document. */
export interface FoundRecommendation {
  text: string;
  /** Committees its text names, canonical; empty when it names none (then it is addressed to all). */
  committees: string[];
  /** How it was found; `list` alone means the document answers the recommendations as a whole. */
  source: 'list' | 'answer' | 'list+answer' | 'table';
}

/** An action found in a document. */
export interface FoundAction {
  /** The sentence(s) as written. */
  text: string;
  /** Index into the recommendations. */
  recommendation: number;
  committee: string;
  owner: string | null;
  /** `text`: an e-mail in the answer; `contact`: the document's contact person, named for no action. */
  ownerFrom: 'text' | 'contact' | null;
  /** A responsible role the answer names ("Förvaltningschef … ansvarar för detta"). */
  role: string | null;
  /** The deadline phrase exactly as written, or null when the action has none. */
  phrase: string | null;
  /** The phrase resolved against the document's date. */
  deadline: ResolvedDeadline | null;
  /** How clearly the text commits to it (0..1). */
  strength: number;
  /** How sure the tie to its recommendation is (0..1): 1 where the document answers per recommendation. */
  linked: number;
}

/** Everything {@link findActions} read. */
export interface FoundStructure {
  recommendations: FoundRecommendation[];
  actions: FoundAction[];
  /** True when the document answers recommendation by recommendation (or in a table). */
  structured: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Labels

const INTRO = /rekommend|förbättringsområ|utvecklingsområ|förbättringsförslag/i;
const AUDIT_REFERENCE = /granskning|revision|revisor|rapport/i;
/**
 * "Svar:", "Förvaltningens kommentar:", "Socialnämndens svar:", "Nämndens ställningstagande:". What follows the
 * colon starts at its first non-space, here and in the labels below, so the spaces can be read only one way.
 */
const ANSWER_LABEL =
  /^(?:[\p{L}-]+\s){0,3}(?:svar|kommentar|kommentarer|yttrande|synpunkter|ställningstagande|bedömning)\s*:\s*(\S.*)?$/iu;
/** A heading that is itself the label: "Svar", "Nämndens svar", "Kommunstyrelsens kommentar". */
const BARE_ANSWER_HEADING = /^(?:[\p{L}-]+s\s)?(?:svar|kommentar|kommentarer)$/iu;
/** "Åtgärd:", "Planerade åtgärder:": what follows is an action whatever its wording. */
const ACTION_LABEL =
  /^(?:planerade\s+|föreslagna\s+|beslutade\s+)?åtgärd(?:er)?(?:\s+\p{L}+){0,2}\s*:\s*(\S.*)?$/iu;
/** A heading over a list of actions: "Planerade åtgärder", "Åtgärdsplan", "Handlingsplan". */
const ACTION_HEADING =
  /^(?:planerade\s+|föreslagna\s+|beslutade\s+|nämndens\s+)?(?:åtgärder|åtgärdsplan|handlingsplan)(?:\s+\p{L}+){0,3}$/iu;
const FIELD =
  /^(ansvarig(?:\s+för\s+\p{L}+)?|ansvar|tidplan|tidpunkt|klart(?:\s+senast)?|klar\s+senast|datum|deadline|när|slutdatum|beräknas\s+klart?)\s*:\s*(\S.*)$/iu;
/** A paragraph whose list items are actions: it ends in a colon after a promise or the word "åtgärder". */
const INTRODUCES_ACTIONS =
  /(?:(?<!\p{L})(?:kommer|ska|skall|avser|planerar|planeras)(?!\p{L})|åtgärder(?:na)?(?!\p{L}))[^.!?]*:$/iu;

/** Only a paragraph's last sentence can introduce the list below it; looking no further keeps this linear. */
function introducesActions(text: string): boolean {
  return INTRODUCES_ACTIONS.test(text.slice(-MAX_SENTENCE));
}

/** Paragraphs that end the answers: consequences and the child's best interest are the paper's own sections. */
const CLOSING_PARAGRAPH =
  /^(?:(?:förslaget|beslutet|ärendet)(?: till beslut)? (?:har|medför|innebär|bedöms ha) (?:inga|ingen|inte)|en prövning av barnets bästa|ekonomiska konsekvenser)/i;

function isLabel(block: Block | undefined): boolean {
  if (block === undefined) return false;
  return (
    ANSWER_LABEL.test(block.text) ||
    ACTION_LABEL.test(block.text) ||
    FIELD.test(block.text) ||
    (block.kind === 'heading' && (BARE_ANSWER_HEADING.test(block.text) || ACTION_HEADING.test(block.text)))
  );
}

function recommendationText(text: string): string {
  const cleaned = text
    .replace(/^rekommendation\s*(?:nr\.?\s*)?(?:\d+\s*)?[:.–-]\s*/i, '')
    .replace(/^\d{1,2}[.)]\s+/, '')
    .replace(/^att\s+/i, '')
    .trim();
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Finding recommendations and their answers

interface Part {
  text: string;
  /** Under an "Åtgärd:" label or in a table's action column: an action whatever its wording. */
  explicit: boolean;
  /** Index of the block, for scoping roles and owners to a paragraph. */
  block: number;
}

interface Answered {
  text: string;
  /** Block index of the recommendation. */
  at: number;
  parts: Part[];
  source: 'answer' | 'table';
  /** Table rows carry their own responsible and deadline. */
  rows?: { role: string | null; due: string | null }[];
}

interface Listed {
  text: string;
  at: number;
  committees: string[];
  /** A "Rekommendation 3: …" paragraph or heading: the prose after it, up to the next one, answers it. */
  headed?: boolean;
  /**
   * Stated in a sentence of a paragraph ("… vad revisorerna rekommenderar kommunen att göra …"): that sentence, which
   * alone is left out of the answer; the rest of its paragraph may still commit.
   */
  sentence?: string;
}

/** "Rekommendation 3: …", "Förbättringsområde 2. …": a recommendation that heads its own answer. */
const HEADED_RECOMMENDATION =
  /^(?:rekommendation|förbättringsområde|utvecklingsområde)\s(?:nr\s)?\d{1,2}\s?[:.)–-]\s?(?<text>\S.*)$/iu;

/** Recommendations that head their answers, numbered, one block each; only when no list names them. */
function headedRecommendations(blocks: readonly Block[]): Listed[] {
  const found: Listed[] = [];
  blocks.forEach((block, at) => {
    if (block.kind === 'row' || block.text.length > MAX_SENTENCE) return;
    const text = HEADED_RECOMMENDATION.exec(block.text)?.groups?.text;
    if (text === undefined) return;
    const recommendation = recommendationText(text);
    found.push({ text: recommendation, at, committees: committeesIn(recommendation), headed: true });
  });
  return found;
}

/**
 * Recommendations in a list after an intro that names them ("Revisorerna rekommenderar kommunstyrelsen att:").
 * An item that does not open with a committee is addressed to the committees of the intro, if it names any:
 * "säkerställa att krisledningsnämnden övar" is for kommunstyrelsen, about krisledningsnämnden.
 */
function listedRecommendations(blocks: readonly Block[]): Listed[] {
  const found: Listed[] = [];
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    if (next?.kind !== 'item' || block.kind === 'item' || block.kind === 'row' || isLabel(block)) return;
    if (!INTRO.test(block.text) || !(block.kind === 'heading' || AUDIT_REFERENCE.test(block.text))) return;
    const depth = next.level;
    const addressees = committeesIn(block.text);
    for (let i = index + 1; i < blocks.length; i += 1) {
      const item = blocks[i];
      if (item?.kind !== 'item') break;
      const last = found[found.length - 1];
      // A nested item elaborates its parent.
      if (item.level > depth && last !== undefined) {
        last.text = `${last.text} ${item.text}`;
        continue;
      }
      const text = recommendationText(item.text);
      const named = committeesIn(text);
      const opensWithCommittee = named.some((name) => text.toLowerCase().startsWith(name.toLowerCase()));
      found.push({
        text,
        at: i,
        committees: opensWithCommittee || addressees.length === 0 ? named : addressees,
      });
    }
  });
  return found;
}

/**
 * Recommendations stated in a sentence rather than a list: "Revisorerna rekommenderar nämnden att förbättra
 * kontrollen av redovisningar och att tydliggöra bedömningsgrunderna." gives two.
 */
function inlineRecommendations(blocks: readonly Block[]): Listed[] {
  const found: Listed[] = [];
  blocks.forEach((block, at) => {
    if (block.kind === 'row') return;
    for (const sentence of sentencesOf(block.text)) {
      if (sentence.length > MAX_SENTENCE) continue;
      const m =
        /(?<!\p{L})(?:rekommenderar|rekommenderas|föreslår)(?<whom>(?:\s+\p{L}[\p{L}-]*){0,6}?)\s+att\s+(?<what>\S.*?)[.:]?$/iu.exec(
          sentence,
        );
      if (!m?.groups || !/revisor|revision|granskning|rapport/i.test(sentence.slice(0, m.index + 20)))
        continue;
      const addressees = committeesIn(m.groups.whom ?? '');
      // Block text has its white space folded to single spaces (plainText), so a space is all there is to match.
      for (const part of (m.groups.what ?? '').split(/,? (?:och|samt) att |; ?(?:att )?/iu)) {
        const text = recommendationText(part.trim());
        if (text.split(' ').length >= 2)
          found.push({
            text,
            at,
            committees: addressees.length > 0 ? addressees : committeesIn(text),
            sentence,
          });
      }
    }
  });
  return found;
}

/** Where an answer that starts after block `from` ends: the next heading, closing paragraph or `limit`. */
function answerEnd(blocks: readonly Block[], from: number, limit: number): number {
  for (let i = from; i < limit; i += 1) {
    const block = blocks[i];
    if (block === undefined) return i;
    if (block.kind === 'heading' && !isLabel(block)) return i;
    if (CLOSING_PARAGRAPH.test(block.text)) return i;
  }
  return limit;
}

/** The text after an "Åtgärd:" or "Svar:" label, and whether the label named an action outright. */
function labelled(text: string): { text: string; explicit: boolean } | null {
  for (const [pattern, explicit] of [
    [ACTION_LABEL, true],
    [ANSWER_LABEL, false],
  ] as const) {
    const match = pattern.exec(text);
    if (match) return { text: (match[1] ?? '').trim(), explicit };
  }
  return null;
}

function partsOf(
  blocks: readonly Block[],
  from: number,
  to: number,
  firstText: string,
  explicitFirst: boolean,
): Part[] {
  const parts: Part[] = [];
  if (firstText.trim() !== '')
    parts.push({ text: firstText.trim(), explicit: explicitFirst, block: from - 1 });
  let explicit = explicitFirst;
  for (let i = from; i < to; i += 1) {
    const block = blocks[i];
    if (block === undefined) continue;
    if (block.kind === 'heading' && ACTION_HEADING.test(block.text)) {
      explicit = true;
      continue;
    }
    // "Åtgärd: …" names an action outright; "Svar: …" is the committee's answer, read for the actions in it.
    const label = labelled(block.text);
    if (label) {
      explicit = label.explicit;
      if (label.text !== '') parts.push({ text: label.text, explicit, block: i });
      continue;
    }
    // Under "Åtgärder:" the list items are the actions; a plain paragraph after them is comment again. So are the
    // items after "Nämnden kommer att:" or "… följande åtgärder:".
    parts.push({ text: block.text, explicit: explicit && block.kind === 'item', block: i });
    if (block.kind !== 'item') explicit = introducesActions(block.text);
  }
  return parts;
}

/** Recommendations followed by a labelled answer ("Svar:", "Förvaltningens kommentar:"). */
function labelledAnswers(blocks: readonly Block[]): Answered[] {
  const openers: { at: number; label: number; rest: string; explicit: boolean }[] = [];
  blocks.forEach((block, index) => {
    const previous = blocks[index - 1];
    if (previous === undefined || isLabel(previous) || previous.kind === 'row') return;
    const answer = ANSWER_LABEL.exec(block.text);
    const bare = block.kind === 'heading' && BARE_ANSWER_HEADING.test(block.text);
    const action = ACTION_LABEL.exec(block.text);
    // "Åtgärd:" opens an answer only right after a recommendation set apart; inside an answer it is a sub-label.
    const setApart = previous.emphasis !== null || previous.kind === 'item' || previous.kind === 'heading';
    // After a list of two or more items, the label answers the list as a whole ("Kommunstyrelsens svar").
    if (previous.kind === 'item' && blocks[index - 2]?.kind === 'item') return;
    // A plain paragraph is a recommendation only under a heading that says so ("### Rekommendation 1") or when it
    // says so itself; otherwise it is background, and the label answers the document as a whole.
    if (previous.kind === 'paragraph' && previous.emphasis === null) {
      const heading = blocks[index - 2];
      const named = (text: string): boolean =>
        /^(?:rekommendation|förbättringsområde|iakttagelse|revisorernas)/i.test(text);
      if (
        !named(previous.text) &&
        !(heading?.kind === 'heading' && (named(heading.text) || /^\d/.test(heading.text)))
      )
        return;
    }
    if (answer || bare) {
      openers.push({ at: index - 1, label: index, rest: answer?.[1] ?? '', explicit: false });
    } else if (action && setApart) {
      openers.push({ at: index - 1, label: index, rest: action[1] ?? '', explicit: true });
    }
  });
  return openers.map((opener, i) => {
    const nextRecommendation = openers[i + 1]?.at ?? blocks.length;
    const end = answerEnd(blocks, opener.label + 1, nextRecommendation);
    return {
      text: recommendationText(blocks[opener.at]?.text ?? ''),
      at: opener.at,
      parts: partsOf(blocks, opener.label + 1, end, opener.rest, opener.explicit),
      source: 'answer' as const,
    };
  });
}

/**
 * Recommendations restated later in bold, italics, a heading or a list item, each followed by its answer with no
 * label: found by resembling a listed recommendation, or, with no list, by emphasis alone.
 */
function restatedAnswers(blocks: readonly Block[], listed: readonly Listed[]): Answered[] {
  const afterList = listed.length === 0 ? 0 : Math.max(...listed.map((l) => l.at)) + 1;
  const anchors: { at: number; text: string }[] = [];
  for (let i = afterList; i < blocks.length; i += 1) {
    const block = blocks[i];
    const next = blocks[i + 1];
    if (block === undefined || next === undefined || next.kind !== 'paragraph' || next.emphasis !== null)
      continue;
    const setApart = block.emphasis !== null || block.kind === 'heading' || block.kind === 'item';
    if (!setApart || block.text.endsWith('?') || isLabel(block)) continue;
    if (listed.length > 0) {
      // Two shared words at least: "Kommunstyrelsens bedömning" shares one with any recommendation to it.
      const restates = (l: Listed): boolean =>
        resemblance(l.text, block.text) >= 0.6 && shared(stems(l.text), stems(block.text)) >= 2;
      if (listed.some(restates)) anchors.push({ at: i, text: block.text });
    } else if (block.emphasis !== null && block.text.split(' ').length >= 8) {
      anchors.push({ at: i, text: block.text });
    }
  }
  // One restated recommendation is as likely a coincidence as a structure.
  if (anchors.length < Math.min(2, Math.max(1, listed.length))) return [];
  return anchors.map((anchor, i) => {
    const end = answerEnd(blocks, anchor.at + 1, anchors[i + 1]?.at ?? blocks.length);
    return {
      text: recommendationText(anchor.text),
      at: anchor.at,
      parts: partsOf(blocks, anchor.at + 1, end, '', false),
      source: 'answer' as const,
    };
  });
}

const COLUMN = {
  recommendation: /rekommendation|förbättringsområde|iakttagelse|revisorernas|granskningens/i,
  action: /åtgärd|planerad|aktivitet/i,
  // Word starts only: "Ansvarig" holds "svar".
  answer: /(?<!\p{L})(?:svar|kommentar|yttrande|ställningstagande|bedömning)/iu,
  role: /(?<!\p{L})ansvar/iu,
  due: /(?<!\p{L})(?:tidplan|tidpunkt|klart|klar|datum|när|deadline|senast|tid)/iu,
};

/**
 * Tables with a recommendation column: one row per action or answer. A table of actions alone (an "åtgärdsplan"
 * with no recommendation column) comes back as one entry with no text: its actions are tied by resemblance.
 */
function tableAnswers(blocks: readonly Block[]): { answered: Answered[]; loose: Answered[] } {
  const answered: Answered[] = [];
  const loose: Answered[] = [];
  let i = 0;
  while (i < blocks.length) {
    if (blocks[i]?.kind !== 'row') {
      i += 1;
      continue;
    }
    const start = i;
    while (blocks[i]?.kind === 'row') i += 1;
    const [header, ...rows] = blocks.slice(start, i);
    if (header === undefined) continue;
    const column = (pattern: RegExp, except: number[] = []): number =>
      header.cells.findIndex((cell, c) => !except.includes(c) && pattern.test(cell));
    const rec = column(COLUMN.recommendation);
    const action = column(COLUMN.action, [rec]);
    if (rec < 0 && action < 0) continue;
    const role = column(COLUMN.role, [rec, action]);
    const answer = column(COLUMN.answer, [rec, action, role]);
    const due = column(COLUMN.due, [rec, action, answer, role]);
    let current: Answered | undefined;
    rows.forEach((row, r) => {
      const at = start + 1 + r;
      const text = rec < 0 ? '' : (row.cells[rec]?.trim() ?? '');
      // Merged cells leave the recommendation empty on the rows after its first.
      if (text !== '' || current === undefined) {
        current = { text: recommendationText(text), at, parts: [], source: 'table', rows: [] };
        (rec < 0 ? loose : answered).push(current);
      }
      const body = row.cells[action >= 0 ? action : answer]?.trim() ?? '';
      if (body === '') return;
      current.parts.push({ text: body, explicit: action >= 0, block: at });
      current.rows?.push({
        role: role >= 0 ? row.cells[role]?.trim() || null : null,
        due: due >= 0 ? row.cells[due]?.trim() || null : null,
      });
    });
  }
  return { answered: answered.filter((a) => a.text !== ''), loose };
}

// ---------------------------------------------------------------------------------------------------------------
// Actions in an answer

interface ActionContext {
  documentDate: CivilDate;
  committee: string;
  contact: string | null;
}

const ANAPHORA =
  /^(?:arbetet|detta|det|dessa|denna|uppdraget|åtgärden|åtgärderna|insatsen|insatserna|projektet|översynen|utredningen|inventeringen|kartläggningen)(?!\p{L})/iu;

/** Does `sentence` lean on the one before it ("Arbetet beräknas vara slutfört …" after "Ett arbete har påbörjats …")? */
function refersBack(sentence: string, previous: string): boolean {
  if (ANAPHORA.test(sentence)) return true;
  // "Inventeringen" after "En inventering": a definite noun whose indefinite form the sentence before introduced.
  const first = /^(\p{L}+)/u.exec(sentence)?.[1]?.toLowerCase() ?? '';
  for (const m of previous.matchAll(/(?<!\p{L})(?:en|ett)\s+(\p{L}{4,})/giu)) {
    const noun = (m[1] ?? '').toLowerCase();
    if (first.startsWith(noun) && first.length - noun.length <= 3) return true;
  }
  return false;
}

const ROLE_PATTERNS = [
  /^(?<role>\p{Lu}[^.;:]{2,100}?)\s+(?:ansvarar|har (?:huvud)?ansvaret|har ansvar|är ansvarig|blir ansvarig)(?!\p{L})/u,
  /^ansvarig(?:\s+för\s+\p{L}+)?\s*(?:är|:)\s*(?<role>[^.;]{2,100})/iu,
  /(?<!\p{L})ansvariga?\s+(?:för\s+(?:detta|arbetet|åtgärden|åtgärderna|genomförandet)\s+)?är\s+(?<role>[^.;,]{2,100})/iu,
];

/** The role a sentence makes responsible, or null. */
function roleIn(sentence: string): string | null {
  for (const pattern of ROLE_PATTERNS) {
    const role = pattern.exec(sentence)?.groups?.role?.trim();
    if (role !== undefined && !/\s(?:ska|som|kommer|avser|och att)\s/i.test(` ${role} `)) return role;
  }
  return null;
}

/** A deadline the rules of deadlines.ts do not date but that is worth keeping as written. */
function undatedPhrase(sentence: string): string | null {
  const m =
    /(?<!\p{L})i samband med [^,.;]{3,80}|(?<!\p{L})(?:vid|inför) (?:nästa|kommande|sista|första|årets) [^,.;]{3,60}|(?<!\p{L})(?:från och med|fr\.\s?o\.\s?m\.|från) (?:den )?(?:\d{1,2} \p{L}+ \d{4}|\d{4}-\d{2}-\d{2})/iu.exec(
      sentence,
    );
  return m ? m[0].trim() : null;
}

/**
 * In an action listed as such ("Revidera delegationsordningen (klart december 2024)", "Utbildning, hösten 2024") a
 * date needs no "senast" to be its deadline: the last parenthesis, the value after the first " - " or ": " of a
 * time plan line ("Inre rivning - maj-juni 2020", "Utredda vattentäkter: 2025-12-31 (kan ändras)"), or the stretch
 * after the last comma is tried as a whole phrase, without a leading "klart", "klar" or "tidplan".
 */
function listedDeadline(text: string, documentDate: CivilDate): ResolvedDeadline | null {
  const candidates = [/\(([^()]+)\)\s*\.?$/u.exec(text)?.[1], ...afterSeparator(text), afterLastDash(text)];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const phrase = candidate
      .replace(/^(?:klart|klar|färdigt?|slutfört|genomförs|tidplan|deadline)\s*:?\s*/iu, '')
      .trim();
    const resolved = resolveDeadline(phrase, documentDate);
    if (resolved.kind !== 'unknown') return resolved;
  }
  return null;
}

/**
 * What follows the first " - ", " – " or ": " of a line, whole and without a closing parenthesis: a time plan line
 * puts its step first and its date after ("Start - april 2020", "Avloppsreningsverk: 2023-12-31 (kan ändras)").
 */
function afterSeparator(text: string): string[] {
  const at = [' - ', ' – ', ': ']
    .map((separator) => ({ index: text.indexOf(separator), length: separator.length }))
    .filter((found) => found.index > 0)
    .sort((a, b) => a.index - b.index)[0];
  if (at === undefined) return [];
  const value = text.slice(at.index + at.length).trim();
  const open = value.indexOf(' (');
  return open > 0 ? [value, value.slice(0, open)] : [value];
}

/**
 * The stretch after the last comma or dash, without the spaces around it and a closing full stop; undefined when
 * there is none. What `/[,–-]\s*([^,–-]+?)\s*\.?$/u` captured, without its quadratic retries on a run of spaces.
 */
function afterLastDash(text: string): string | undefined {
  const dash = Math.max(text.lastIndexOf(','), text.lastIndexOf('–'), text.lastIndexOf('-'));
  if (dash < 0 || dash === text.length - 1) return undefined;
  const stretch = text.slice(dash + 1).trimStart();
  return (stretch.endsWith('.') ? stretch.slice(0, -1) : stretch).trimEnd();
}

/**
 * The deadline a "Tidplan" cell or line gives: the whole text when it is a phrase ("senast i april 2024"), else the
 * phrase within it; when none is understood, the text itself, kept (shortened) for a person to read.
 */
function cellDeadline(text: string, documentDate: CivilDate): ResolvedDeadline {
  const whole = resolveDeadline(text, documentDate);
  if (whole.kind !== 'unknown') return whole;
  const within = findDeadline(text, documentDate) ?? listedDeadline(text, documentDate);
  if (within !== null) return within;
  return resolveDeadline(
    text.length <= MAX_PHRASE ? text : `${text.slice(0, MAX_PHRASE - 1)}…`,
    documentDate,
  );
}

/** A time cell that says a step is done rather than when it will be. */
const DONE_CELL = /^(?:klart?|genomfört|genomförd|avslutat|avslutad|färdigt?|slutfört|utfört)\.?$/iu;

/** The import schema keeps deadline phrases to 200 characters. */
const MAX_PHRASE = 200;

/**
 * The deadline of a numbered stage ("etapp 4-hus 9 dec 2020"). Such a line names the stage, then what it covers
 * with numbers ("hus 9", "hus 2, 4,5"), then when; those numbers are no day of the month, so they are taken out
 * and only what follows is read as a phrase ("dec 2020", "sommaren 2021", "2021"). Nothing after them: no date.
 */
function stepDeadline(line: string, documentDate: CivilDate): ResolvedDeadline | null {
  const rest = line
    .replace(STEP_LINE, '')
    .replace(/^\s*[-–:]?\s*/u, '')
    .replace(/^\p{L}+\s?\d{1,3}(?!\d)(?:\s?[,&]\s?\d{1,3}(?!\d))*/u, '')
    .replace(/^[\s,.;:–-]+/u, '');
  // Trimmed by hand: /[\s.]+$/ retries from every space of a long run.
  let end = rest.length;
  while (end > 0 && /[\s.]/u.test(rest.charAt(end - 1))) end -= 1;
  const when = rest.slice(0, end);
  if (when === '') return null;
  const found = findDeadline(when, documentDate) ?? listedDeadline(when, documentDate);
  if (found !== null) return found;
  // "upphandling hösten 2026": the step's words, then the phrase; its last three words at most, longest first.
  const words = when.split(' ');
  for (let from = Math.max(0, words.length - 3); from < words.length; from += 1) {
    const resolved = resolveDeadline(words.slice(from).join(' '), documentDate);
    if (resolved.kind !== 'unknown') return resolved;
  }
  return null;
}

function deadlineOf(
  sentences: readonly string[],
  documentDate: CivilDate,
  explicit: boolean,
): { phrase: string | null; deadline: ResolvedDeadline | null } {
  const step = sentences.length === 1 && STEP_LINE.test(sentences[0] ?? '') ? sentences[0] : undefined;
  if (step !== undefined) {
    const deadline = stepDeadline(step, documentDate);
    return { phrase: deadline?.phrase ?? null, deadline };
  }
  for (const sentence of sentences) {
    const found =
      findDeadline(sentence, documentDate) ?? (explicit ? listedDeadline(sentence, documentDate) : null);
    if (found !== null) return { phrase: found.phrase, deadline: found };
  }
  for (const sentence of sentences) {
    const phrase = undatedPhrase(sentence);
    if (phrase !== null) return { phrase, deadline: resolveDeadline(phrase, documentDate) };
  }
  return { phrase: null, deadline: null };
}

/** "Tidplan", "Tidsplan för projektet", "Preliminär tidplan": the lines below are steps with their dates. */
const TIME_PLAN_HEADING = /^(?:\p{L}+\s){0,2}tids?plan(?:en)?(?:\s\p{L}+){0,3}$/iu;

/** A time plan line is short: one step and its date. */
const MAX_TIME_PLAN_LINE = 160;

/**
 * Is a block under a "Tidplan" heading a step of the plan? It is when it gives a date ("Start - april 2020",
 * "Samråd beräknas ske kvartal 2 2023"), or when it is a list item that holds a step's place for a date to come
 * ("Utredning och förstudie för området Lofsdalen: Pågående", "Börja arbete … (2026- )"). Prose under the heading
 * ("Den aktuella tidsplanen beslutades 5 oktober 2022 …") is read as everywhere else.
 */
function isTimePlanLine(block: Block, documentDate: CivilDate): boolean {
  if (block.text.length > MAX_TIME_PLAN_LINE || sentencesOf(block.text).length > 1) return false;
  const deadline = findDeadline(block.text, documentDate) ?? listedDeadline(block.text, documentDate);
  if (deadline !== null && deadline.date !== null) return true;
  return (
    block.kind === 'item' && (afterSeparator(block.text).length > 0 || block.text.trimEnd().endsWith(')'))
  );
}

/** A numbered stage of a plan ("etapp 2 - hus 1,3, 2021"): an action by what it is, dated or not. */
function isStep(block: Block): boolean {
  return block.kind === 'item' && STEP_LINE.test(block.text);
}

/** A paragraph that opens with a committee speaking ("Fritids- och folkhälsonämnden instämmer …") is theirs. */
function speaker(text: string): string | null {
  const first = committeesIn(text.slice(0, 120))[0];
  if (first === undefined) return null;
  const opening = text.slice(0, first.length + 1).toLowerCase();
  return opening.startsWith(first.toLowerCase()) &&
    /^\s\p{Ll}/u.test(text.slice(first.length, first.length + 2))
    ? first
    : null;
}

interface Draft {
  /** The part the action is in, for its own e-mail. */
  part: string;
  /** Listed as an action (under "Åtgärder", in a table): its dates need no "senast". */
  explicit: boolean;
  text: string;
  sentences: string[];
  strength: number;
  block: number;
  committee: string;
  /** The role the action's own sentence names ("Förvaltningschefen ansvarar för att … senast i juni 2024"). */
  role?: string;
}

/**
 * "<Roll> ansvarar för att <åtgärd> <deadline>" names a role and commits to an action at once. Without a deadline
 * ahead ("Kulturchefen ansvarar för att åtgärderna genomförs") it only names who answers for the others.
 */
function isDuty(sentence: string, documentDate: CivilDate): boolean {
  if (!/\sansvarar\sför\satt\s/iu.test(sentence)) return false;
  const deadline = findDeadline(sentence, documentDate);
  return deadline !== null && deadline.date !== null && deadline.date >= documentDate;
}

/** The actions of one answer (or one paragraph, when the document answers as a whole). */
function actionsIn(
  parts: readonly Part[],
  context: ActionContext,
  rows?: Answered['rows'],
): Omit<FoundAction, 'recommendation' | 'linked'>[] {
  const drafts: Draft[] = [];
  let role: string | null = null;
  let fieldDue: string | null = null;
  for (const [index, part] of parts.entries()) {
    const field = FIELD.exec(part.text);
    if (field) {
      const name = (field[1] ?? '').toLowerCase();
      const value = (field[2] ?? '').trim();
      if (!name.startsWith('ansvar')) fieldDue = value;
      else if (emailsIn(value).length === 0) role = value;
      // An e-mail under "Ansvarig:" is found with the answer's other addresses below.
      continue;
    }
    const committee = speaker(part.text) ?? context.committee;
    if (part.explicit) {
      drafts.push({
        part: part.text,
        explicit: true,
        text: part.text,
        sentences: [part.text],
        strength: rows ? 0.9 : 0.85,
        block: index,
        committee,
      });
      continue;
    }
    const sentences = sentencesOf(part.text);
    let previousAction: Draft | null = null;
    sentences.forEach((sentence, s) => {
      if (sentence.length > MAX_SENTENCE) {
        previousAction = null;
        return;
      }
      const named = roleIn(sentence);
      if (named !== null) {
        role = named;
        previousAction = null;
        if (isDuty(sentence, context.documentDate)) {
          drafts.push({
            part: part.text,
            explicit: false,
            text: sentence,
            sentences: [sentence],
            strength: 0.7,
            block: index,
            committee,
            role: named,
          });
        }
        return;
      }
      const previous = sentences[s - 1];
      const continuesNorm = previous !== undefined && quotesNorm(previous) && refersBack(sentence, previous);
      const commitment = continuesNorm
        ? null
        : commitmentOf(sentence, findDeadline(sentence, context.documentDate), context.documentDate);
      if (commitment === null) {
        previousAction = null;
        return;
      }
      if (previous !== undefined && roleIn(previous) === null && refersBack(sentence, previous)) {
        // "En inventering kommer att göras …. Inventeringen kommer att göras under hösten 2021." is one action.
        const merged: Draft = previousAction ?? {
          part: part.text,
          explicit: false,
          text: previous,
          sentences: [previous],
          strength: 0,
          block: index,
          committee,
        };
        if (previousAction === null) drafts.push(merged);
        merged.text = `${merged.text} ${sentence}`;
        merged.sentences = [sentence, ...merged.sentences];
        merged.strength = Math.max(merged.strength, commitment.strength);
        previousAction = merged;
        return;
      }
      const draft: Draft = {
        part: part.text,
        explicit: false,
        text: sentence,
        sentences: [sentence],
        strength: commitment.strength,
        block: index,
        committee,
      };
      drafts.push(draft);
      previousAction = draft;
    });
  }
  const owners = emailsIn(parts.map((p) => p.text).join(' '));
  const ownEmails = new Map<string, string[]>();
  // A row whose time cell says the step is done ("Klart", "Genomfört") records the past: nothing to follow up.
  const open = drafts.filter((draft) => !DONE_CELL.test(rows?.[draft.block]?.due ?? ''));
  return open.map((draft) => {
    const row = rows?.[draft.block];
    let { phrase, deadline } = deadlineOf(draft.sentences, context.documentDate, draft.explicit);
    const due = row?.due ?? (phrase === null ? fieldDue : null);
    if (due !== null && due !== undefined) {
      deadline = cellDeadline(due, context.documentDate);
      phrase = deadline.phrase;
    }
    const rowRole = row?.role ?? null;
    const rowOwner = rowRole !== null ? (emailsIn(rowRole)[0] ?? null) : null;
    // The action's own paragraph first; else the answer's, when it gives one address only.
    const own = ownEmails.get(draft.part) ?? emailsIn(draft.part);
    ownEmails.set(draft.part, own);
    const owner =
      rowOwner ?? (own.length === 1 ? (own[0] ?? null) : owners.length === 1 ? (owners[0] ?? null) : null);
    return {
      text: draft.text,
      committee: draft.committee,
      owner: owner ?? context.contact,
      ownerFrom: owner !== null ? ('text' as const) : context.contact !== null ? ('contact' as const) : null,
      role: rowOwner !== null ? null : (rowRole ?? draft.role ?? role),
      phrase,
      deadline,
      strength: draft.strength,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The whole document

/**
 * Finds the recommendations and the actions of a response document.
 * @param facts the audit-level facts: the answering committee, the date deadlines are read against, the title
 *   (everything above it is letterhead).
 */
export function findActions(blocks: readonly Block[], facts: DocumentFacts): FoundStructure {
  let listed = listedRecommendations(blocks);
  if (listed.length === 0) listed = headedRecommendations(blocks);
  const labelled = labelledAnswers(blocks);
  const tables = tableAnswers(blocks);
  let answered = [...labelled, ...tables.answered];
  if (answered.length === 0) answered = restatedAnswers(blocks, listed);
  answered.sort((a, b) => a.at - b.at);
  if (listed.length === 0 && answered.length === 0) listed = inlineRecommendations(blocks);

  const contact = facts.contactEmails.length === 1 ? (facts.contactEmails[0] ?? null) : null;
  const context: ActionContext = {
    documentDate: facts.documentDate.value,
    committee: facts.respondingCommittee.value,
    contact,
  };

  const recommendations: FoundRecommendation[] = [];
  const actions: FoundAction[] = [];
  const seen = new Set<string>();
  const keyOf = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ');
  const addActions = (
    found: Omit<FoundAction, 'recommendation' | 'linked'>[],
    recommendation: number,
    linked: number,
  ): void => {
    for (const action of found) {
      const key = keyOf(action.text);
      if (seen.has(key)) continue;
      seen.add(key);
      actions.push({ ...action, recommendation, linked });
    }
  };

  // Actions from a table without a recommendation column go where they resemble most.
  const addLoose = (tablesOfActions: readonly Answered[]): void => {
    for (const table of tablesOfActions) {
      for (const action of actionsIn(table.parts, context, table.rows)) {
        const { recommendation, linked } = closestRecommendation(
          action.text,
          stems(action.text),
          action.committee,
          recommendations,
        );
        addActions([action], recommendation, linked);
      }
    }
  };

  if (answered.length > 0) {
    const taken = new Set<Answered>();
    // Listed recommendations keep their order; each takes the answer that restates it. Each text is stemmed once:
    // every listed recommendation is compared with every answer.
    const answerStems = new Map(answered.map((a) => [a, stems(a.text)] as const));
    for (const item of listed) {
      const own = stems(item.text);
      const match = answered
        .filter((a) => !taken.has(a))
        .map((a) => ({ a, score: overlap(own, answerStems.get(a) ?? new Set<string>()) }))
        .sort((x, y) => y.score - x.score)[0];
      if (match !== undefined && match.score >= 0.5) {
        taken.add(match.a);
        const named = committeesIn(match.a.text);
        recommendations.push({
          text: match.a.text,
          committees: named.length > 0 ? named : item.committees,
          source: 'list+answer',
        });
        addActions(actionsIn(match.a.parts, context, match.a.rows), recommendations.length - 1, 1);
      } else {
        recommendations.push({ text: item.text, committees: item.committees, source: 'list' });
      }
    }
    for (const a of answered.filter((x) => !taken.has(x))) {
      recommendations.push({
        text: a.text,
        committees: committeesIn(a.text),
        source: a.source === 'table' ? 'table' : 'answer',
      });
      addActions(actionsIn(a.parts, context, a.rows), recommendations.length - 1, 1);
    }
    addLoose(tables.loose);
    return { recommendations, actions, structured: true };
  }

  for (const item of listed)
    recommendations.push({ text: item.text, committees: item.committees, source: 'list' });
  // Answered as a whole: every paragraph of the body may commit, and is tied to the recommendation it resembles.
  const excluded = new Set<number>(listed.filter((l) => l.sentence === undefined).map((l) => l.at));
  // A list's intro is not an answer; the paragraph before a headed recommendation answers the one before it.
  for (const l of listed) if (l.headed !== true && l.sentence === undefined) excluded.add(l.at - 1);
  // A recommendation stated in a sentence takes only that sentence out of its paragraph.
  const recommending = new Map<number, Set<string>>();
  for (const l of listed) {
    if (l.sentence === undefined) continue;
    const sentences = recommending.get(l.at) ?? new Set<string>();
    recommending.set(l.at, sentences.add(l.sentence));
  }
  const headedAt = new Map(listed.flatMap((l, r) => (l.headed === true ? [[l.at, r] as const] : [])));
  let answering: number | null = null;
  let closing = false;
  let actionList = false;
  let sectionStart = 0;
  let timePlan = false;
  let section: string | null = null;
  blocks.forEach((block, index) => {
    const headed = headedAt.get(index);
    if (headed !== undefined) {
      // A role named under one recommendation must not reach the actions of the one before.
      answering = headed;
      sectionStart = actions.length;
      return;
    }
    if (block.kind === 'heading' && TIME_PLAN_HEADING.test(block.text)) {
      timePlan = true;
      closing = false;
      return;
    }
    // Table rows are read with their table (tableAnswers), also under a "Tidplan" heading.
    if (
      timePlan &&
      !closing &&
      block.kind !== 'row' &&
      index > facts.titleBlock &&
      isTimePlanLine(block, context.documentDate)
    ) {
      const found = actionsIn([{ text: block.text, explicit: true, block: index }], context);
      for (const action of found) {
        // The same step under another sub-heading ("Utredda vattentäkter: 2025-12-31" for two areas) is another
        // action: it is named by its sub-heading, which also keeps the texts apart under one recommendation.
        if (seen.has(keyOf(action.text)) && section !== null) action.text = `${section}: ${action.text}`;
        const { recommendation, linked } = closestRecommendation(
          action.text,
          stems(action.text),
          action.committee,
          recommendations,
        );
        addActions([action], recommendation, linked);
      }
      return;
    }
    // A heading over prose ends the time plan; one over more lines ("Vemdalsområdet") divides it.
    if (block.kind === 'heading' && blocks[index + 1]?.kind === 'paragraph') timePlan = false;
    if (block.kind === 'heading') {
      section = block.text;
      closing = CLOSING_SECTION.test(block.text);
      actionList = ACTION_HEADING.test(block.text);
      sectionStart = actions.length;
    } else if (block.kind !== 'item') {
      actionList = introducesActions(block.text) || ACTION_LABEL.test(block.text);
    }
    if (
      closing ||
      index <= facts.titleBlock ||
      excluded.has(index) ||
      block.kind === 'heading' ||
      block.kind === 'row'
    )
      return;
    const label = ACTION_LABEL.exec(block.text);
    const left = recommending.get(index);
    const body =
      left === undefined
        ? block.text
        : sentencesOf(block.text)
            .filter((sentence) => !left.has(sentence))
            .join(' ');
    const part: Part =
      label !== null
        ? { text: label[1] ?? '', explicit: true, block: index }
        : { text: body, explicit: (actionList || isStep(block)) && block.kind === 'item', block: index };
    if (part.text === '') return;
    const found = actionsIn([part], context);
    // "Socialchefen ansvarar för åtgärderna." after a list names who is responsible for the section's actions.
    const role =
      found.length === 0
        ? (sentencesOf(block.text)
            .filter((sentence) => sentence.length <= MAX_SENTENCE)
            .map(roleIn)
            .find((r) => r !== null) ?? null)
        : null;
    if (role !== null) {
      for (const action of actions.slice(sectionStart))
        if (action.role === null && action.ownerFrom !== 'text') action.role = role;
    }
    // Stemmed once per paragraph: a long one may hold many actions.
    const paragraph = found.length > 0 ? stems(block.text) : new Set<string>();
    for (const action of found) {
      // Under a headed recommendation the answer's place says which it answers; elsewhere its words do.
      const { recommendation, linked } =
        answering !== null
          ? { recommendation: answering, linked: 1 }
          : closestRecommendation(action.text, paragraph, action.committee, recommendations);
      addActions([action], recommendation, linked);
    }
  });
  addLoose(tables.loose);
  return { recommendations, actions, structured: false };
}

/**
 * The recommendation an action resembles most: its own words count most, its paragraph's next; one addressed to
 * the action's committee is preferred, one addressed only to others is not.
 */
function closestRecommendation(
  action: string,
  paragraph: Set<string>,
  committee: string,
  recommendations: readonly FoundRecommendation[],
): { recommendation: number; linked: number } {
  const own = stems(action);
  let best = { recommendation: 0, score: -Infinity };
  recommendations.forEach((rec, index) => {
    const words = stems(rec.text);
    const addressed = rec.committees.some((c) => c.toLowerCase() === committee.toLowerCase());
    const elsewhere = !addressed && rec.committees.length > 0;
    const score =
      2 * shared(own, words) + 0.5 * shared(paragraph, words) + (addressed ? 1 : elsewhere ? -1 : 0);
    if (score > best.score) best = { recommendation: index, score };
  });
  const linked = best.score < 2 ? 0.3 : Math.min(0.8, 0.4 + best.score * 0.05);
  return { recommendation: best.recommendation, linked };
}
