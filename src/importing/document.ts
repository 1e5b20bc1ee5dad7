/**
 * A draft import from a committee's response document (.txt, .md, .docx): the audit, its recommendations and the
 * actions the committee commits to, each with how sure the reading is and warnings for what a person must check.
 * The draft is an {@link ImportDocument} validated by the same schema as a JSON or YAML import, so confirming it
 * goes through the same saving code (saveImport); nothing here saves anything.
 */
import { civilDateAt } from '../domain/dates';
import type { CivilDate } from '../domain/types';
import { findActions, type FoundAction } from './documentActions';
import {
  MAX_BLOCKS,
  MAX_ITEM,
  MAX_LINE,
  MAX_PARAGRAPH,
  MAX_SENTENCE,
  readBlocks,
  sentencesOf,
  type Block,
} from './documentBlocks';
import { matchCommittee, readFacts, sameCommittee, type DocumentFacts } from './documentFacts';
import { ImportError } from './errors';
import { validateImportDocument, type ImportDocument, type ImportRecommendationInput } from './structured';

/** How sure each audit field of a draft is, 0 (not found) to 1. */
export interface AuditConfidence {
  title: number;
  auditor: number;
  reportDate: number;
  diaryNumber: number;
  committees: number;
  responseDue: number;
  recommendations: number;
}

/**
 * How far a person can trust one action of a draft, in words: `high` is right on the corpus of real documents at
 * least 95 % of the time (test/importing/confidence.spec.ts measures it), `low` must be checked.
 */
export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** One action of a draft as the reader found it, in the order of the import document. */
export interface DraftAction {
  /** Index of its recommendation in `document.audits[0].recommendations`. */
  recommendation: number;
  /** Index within that recommendation's actions. */
  index: number;
  text: string;
  committee: string;
  /** An e-mail, or null: a person must name the owner. */
  owner: string | null;
  /** The responsible role the document names, when it names one. */
  role: string | null;
  /** The deadline phrase exactly as written; null when the action has none. */
  phrase: string | null;
  /** The last day the phrase allows, read against the document's date; null: a person must set it. */
  due: CivilDate | null;
  /** How sure the reading is (0..1): that it is a commitment, and that it belongs to its recommendation. */
  confidence: number;
  /** {@link confidence} in words, from the reasons behind it (see {@link levelOf}). */
  level: ConfidenceLevel;
  /** What a person should check in this action, in Swedish, one sentence each; empty when nothing. */
  warnings: string[];
}

/** What the draft read besides the import document itself. */
export interface DraftDetails {
  municipality: string | null;
  respondingCommittee: string;
  /** The response's date, which deadline phrases are read against, and where it came from. */
  documentDate: CivilDate;
  documentDateConfidence: number;
  documentDateSource: string;
  /** True when the document answers recommendation by recommendation; false when as a whole. */
  answersEachRecommendation: boolean;
  actions: DraftAction[];
}

/** A draft import made from a response document: nothing is saved until a person confirms it. */
export interface DocumentDraft {
  /** One audit, validated like a JSON or YAML import. */
  document: ImportDocument;
  confidence: AuditConfidence & {
    /** Per action, in the order of {@link DraftDetails.actions}. */
    actions: number[];
  };
  details: DraftDetails;
  /** What a person should check or fill in, in Swedish, one line each. */
  warnings: string[];
}

/** Options for {@link extractDraft}. */
export interface ExtractOptions {
  /** Today's date, for a document that states no date at all. Default: today in Europe/Stockholm. */
  today?: CivilDate;
  /** The response's date when the caller knows it; it then overrides what the document says. */
  documentDate?: CivilDate;
}

// Kept below the import schema's limits so that a long sentence shortens instead of failing validation.
const MAX_TEXT = 3900;
const MAX_TITLE = 480;

/**
 * Reads a committee's response document (plain text or Markdown; see readDocumentText for .docx) into a draft
 * import with a confidence per field and per action and warnings for a person to check.
 * @param fileName names the file in errors and warnings.
 * @param text the document's text.
 * @throws ImportError when the document commits to no recognisable action (nothing to import), or when the draft
 *   fails the import schema.
 * @example extractDraft('svar.txt', text).details.actions[0] // { phrase: 'under hösten 2021', due: '2021-11-30', … }
 */
export function extractDraft(fileName: string, text: string, options: ExtractOptions = {}): DocumentDraft {
  const today = options.today ?? civilDateAt(new Date(), 'Europe/Stockholm');
  const { blocks, complete } = readBlocks(text);
  const facts = readFacts(blocks, {
    today,
    ...(options.documentDate ? { documentDate: options.documentDate } : {}),
  });
  const found = findActions(blocks, facts);
  if (found.actions.length === 0) {
    throw new ImportError({
      file: fileName,
      line: null,
      expected: 'ett svarsdokument med planerade åtgärder',
      problem:
        'hittade inga åtgärder i dokumentet: ingen mening lovar något ("kommer att", "ska", "avser att", ' +
        '"planeras", "beräknas vara klar" eller en tidsangivelse) i svaret på revisionens rekommendationer',
    });
  }

  const warnings: string[] = [];
  const committees = [...facts.committees.value];
  const addCommittee = (name: string): string => {
    const known = matchCommittee(name, committees);
    if (known !== null) return known;
    committees.push(name);
    return name;
  };
  const responseDue = facts.responseDue.value.map((entry) => ({
    ...entry,
    committee: addCommittee(entry.committee),
  }));
  const recommendations =
    found.recommendations.length > 0
      ? found.recommendations
      : [{ text: 'Rekommendationerna framgår inte av dokumentet', committees: [], source: 'list' as const }];
  if (found.recommendations.length === 0) {
    warnings.push(
      'Inga rekommendationer hittades; åtgärderna står under en gemensam rad – skriv in rekommendationerna.',
    );
  }
  const named = recommendations.map((rec) => rec.committees.map(addCommittee));
  for (const action of found.actions) action.committee = addCommittee(action.committee);

  const ordered = orderActions(found.actions, recommendations.length);
  const input: ImportRecommendationInput[] = recommendations.map((rec, r) => {
    const actions = ordered.filter((a) => a.recommendation === r);
    const addressed = named[r]?.length ? [...(named[r] ?? [])] : [...committees];
    for (const action of actions)
      if (!addressed.some((c) => sameCommittee(c, action.committee))) addressed.push(action.committee);
    return {
      // A recommendation set apart only by its heading ("Rekommendation 2") has that for text; never nothing.
      text: shorten(rec.text.trim() === '' ? `Rekommendation ${r + 1}` : rec.text, MAX_TEXT),
      committees: addressed,
      actions: actions.map((action) => ({
        text: shorten(actionText(action), MAX_TEXT),
        owner: action.owner,
        committee: action.committee,
        due: action.phrase,
        documentDate: facts.documentDate.value,
        evidence: [],
      })),
    };
  });

  const document = validateImportDocument(fileName, {
    audits: [
      {
        title: shorten(facts.title.value, MAX_TITLE),
        auditor: facts.auditor.value,
        reportDate: facts.reportDate.value,
        diaryNumber: facts.diaryNumber.value,
        committees,
        responseDue,
        boardFeedback: [],
        recommendations: input,
      },
    ],
  });

  const details = detailsOf(facts, found.structured, ordered, input);
  warnings.unshift(...lengthWarnings(blocks, complete), ...factWarnings(facts));
  if (!found.structured && found.recommendations.length > 0) {
    warnings.push(
      'Dokumentet svarar inte rekommendation för rekommendation; varje åtgärd står under den rekommendation den ' +
        'liknar mest – kontrollera kopplingen.',
    );
  }
  const tied = found.recommendations.length > 0;
  details.actions.forEach((action, n) => {
    const source = ordered[n];
    const name = `Åtgärd ${n + 1} (rekommendation ${action.recommendation + 1})`;
    warnings.push(...actionWarnings(action, source, name, facts));
    action.warnings = actionWarnings(action, source, 'Åtgärden', facts);
    if (source !== undefined) action.level = levelOf(action, source, facts, tied);
  });

  return {
    document,
    confidence: {
      title: facts.title.confidence,
      auditor: facts.auditor.confidence,
      reportDate: facts.reportDate.confidence,
      diaryNumber: facts.diaryNumber.confidence,
      committees: facts.committees.confidence,
      responseDue: facts.responseDue.confidence,
      recommendations: recommendationConfidence(found.recommendations),
      actions: details.actions.map((a) => a.confidence),
    },
    details,
    warnings,
  };
}

/** Actions grouped by recommendation, in document order within each: the order of the import document. */
function orderActions(actions: readonly FoundAction[], count: number): FoundAction[] {
  const ordered: FoundAction[] = [];
  for (let r = 0; r < count; r += 1) ordered.push(...actions.filter((a) => a.recommendation === r));
  return ordered;
}

/**
 * Without an e-mail the role the document names is the only owner there is, so it stays with the text, unless the
 * text opens with it already ("Förvaltningschefen ansvarar för att …").
 */
function actionText(action: FoundAction): string {
  return action.owner === null && action.role !== null && !action.text.startsWith(action.role)
    ? `${action.text} (ansvarig: ${action.role})`
    : action.text;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function recommendationConfidence(recommendations: readonly { source: string }[]): number {
  if (recommendations.length === 0) return 0;
  if (recommendations.every((r) => r.source === 'list+answer')) return 0.95;
  if (recommendations.every((r) => r.source !== 'list')) return 0.85;
  return recommendations.some((r) => r.source !== 'list') ? 0.75 : 0.8;
}

function detailsOf(
  facts: DocumentFacts,
  structured: boolean,
  ordered: readonly FoundAction[],
  input: readonly ImportRecommendationInput[],
): DraftDetails {
  const positions = new Map<number, number>();
  const assumedDate = facts.documentDate.confidence < 0.7;
  return {
    municipality: facts.municipality.value,
    respondingCommittee: facts.respondingCommittee.value,
    documentDate: facts.documentDate.value,
    documentDateConfidence: facts.documentDate.confidence,
    documentDateSource: facts.documentDate.source,
    answersEachRecommendation: structured,
    actions: ordered.map((action) => {
      const index = positions.get(action.recommendation) ?? 0;
      positions.set(action.recommendation, index + 1);
      const imported = input[action.recommendation]?.actions[index];
      // A phrase without a year is read against the document's date; when that date is assumed, so is the year.
      const yearless = (action.deadline?.date ?? null) !== null && !/\d{4}/.test(action.phrase ?? '');
      const confidence =
        action.strength *
        (0.5 + 0.5 * action.linked) *
        (assumedDate && yearless ? 0.8 : 1) *
        (action.ownerFrom === 'contact' ? 0.95 : 1);
      return {
        recommendation: action.recommendation,
        index,
        text: imported?.text ?? action.text,
        committee: action.committee,
        owner: action.owner,
        role: action.role,
        phrase: action.phrase,
        due: action.deadline?.date ?? null,
        confidence: Math.round(confidence * 100) / 100,
        // Set with the warnings, once the whole draft is read.
        level: 'low' as ConfidenceLevel,
        warnings: [],
      };
    }),
  };
}

/**
 * Text past the caps of documentBlocks.ts was cut or left unread, and a sentence past {@link MAX_SENTENCE} was not read for
 * actions: a person must check those places against the original.
 */
function lengthWarnings(blocks: readonly Block[], complete: boolean): string[] {
  const warnings: string[] = [];
  if (!complete) {
    warnings.push(
      `Dokumentet har fler än ${thousands(MAX_BLOCKS)} stycken, rubriker och rader; det som följer efter rad ` +
        `${blocks[blocks.length - 1]?.line ?? 0} har inte lästs – kontrollera att inga åtgärder står där.`,
    );
  }
  const cut = blocks.filter((block) => block.cut).map((block) => block.line);
  if (cut.length > 0) {
    warnings.push(
      `Texten ${onLines(cut)} var för lång för att läsas hel (mer än ${thousands(MAX_LINE)} tecken på en rad, ` +
        `${thousands(MAX_ITEM)} i en punkt eller ${thousands(MAX_PARAGRAPH)} i ett stycke) och har kortats – ` +
        'kontrollera mot originalet att inget som ska importeras föll bort.',
    );
  }
  const unread = blocks
    .filter((block) => block.kind !== 'row' && sentencesOf(block.text).some((s) => s.length > MAX_SENTENCE))
    .map((block) => block.line);
  if (unread.length > 0) {
    warnings.push(
      `En mening ${onLines(unread)} är längre än ${thousands(MAX_SENTENCE)} tecken och har inte tolkats – ` +
        'kontrollera om den innehåller en åtgärd.',
    );
  }
  return warnings;
}

/** "på rad 3", "på rad 3, 17 och 40", "på rad 3, 17, 40, 52, 60 med flera". */
function onLines(lines: readonly number[]): string {
  const shown = lines.slice(0, 5).map(String);
  if (lines.length > shown.length) return `på rad ${shown.join(', ')} med flera`;
  const last = shown.pop() ?? '';
  return `på rad ${shown.length > 0 ? `${shown.join(', ')} och ` : ''}${last}`;
}

/** 10000 as "10 000". */
function thousands(count: number): string {
  const digits = String(count);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(' ');
}

function factWarnings(facts: DocumentFacts): string[] {
  const warnings: string[] = [];
  if (facts.title.confidence < 0.5) warnings.push(`Titeln är osäker ("${facts.title.value}") – kontrollera.`);
  if (facts.auditor.confidence < 0.5)
    warnings.push(`Revisorn framgår inte tydligt; "${facts.auditor.value}" är antaget.`);
  if (facts.documentDate.confidence < 0.7) {
    warnings.push(
      `Svaret har inget eget datum; ${facts.documentDate.value} (${facts.documentDate.source}) används för att ` +
        'tolka tidsangivelser utan årtal – kontrollera.',
    );
  }
  if (facts.reportDate.source === 'dokumentets datum') {
    warnings.push(`Rapportens datum framgår inte; ${facts.reportDate.value} är antaget – kontrollera.`);
  }
  if (facts.diaryNumber.value === null) warnings.push('Inget diarienummer (Dnr) hittades.');
  if (facts.committees.confidence < 0.5) {
    warnings.push('Berörda nämnder framgår inte; nämnderna som nämns i svaret används – kontrollera.');
  }
  if (facts.respondingCommittee.confidence < 0.5) {
    warnings.push(
      `Det framgår inte tydligt vilken nämnd som svarar; "${facts.respondingCommittee.value}" är antaget.`,
    );
  }
  if (facts.responseDue.value.length === 0)
    warnings.push('Ingen svarsfrist ("emotser svar … senast") hittades.');
  return warnings;
}

/**
 * The level of one action, from three reasons a person can check:
 * - the sentence commits clearly (strength 0.85 or more: a listed action, "kommer att", "ska" with a verb of doing,
 *   "avser att", "planeras", "beräknas vara klar"), not only by a date or a passive;
 * - it is tied to its recommendation by the document's structure (or the document names no recommendations, so
 *   there is no tie to get wrong);
 * - it has a date on or after the response's own date, read from a year the document states or a date it gives.
 * All three: `high`. No date, a weak reading (below 0.7) or a tie by resemblance alone: `low`. Otherwise `medium`.
 */
function levelOf(
  action: DraftAction,
  found: FoundAction,
  facts: DocumentFacts,
  hasRecommendations: boolean,
): ConfidenceLevel {
  const assumedYear = facts.documentDate.confidence < 0.7 && !/\d{4}/.test(action.phrase ?? '');
  const dated = action.due !== null && action.due >= facts.documentDate.value && !assumedYear;
  const tiedSurely = !hasRecommendations || found.linked >= 0.8;
  if (action.due === null || found.strength < 0.7 || (hasRecommendations && found.linked < 0.5)) return 'low';
  return found.strength >= 0.85 && tiedSurely && dated ? 'high' : 'medium';
}

/** What a person should check in one action; `name` opens each sentence ("Åtgärd 3 (rekommendation 1)"). */
function actionWarnings(
  action: DraftAction,
  found: FoundAction | undefined,
  name: string,
  facts: DocumentFacts,
): string[] {
  const warnings: string[] = [];
  if (action.due === null) {
    warnings.push(
      action.phrase === null
        ? `${name} saknar tidsangivelse – sätt ett datum.`
        : `${name}: "${action.phrase}" ger inget datum – sätt ett datum.`,
    );
  } else if (action.due < facts.documentDate.value) {
    warnings.push(
      `${name}: "${action.phrase ?? ''}" (${action.due}) ligger före svarets datum – kontrollera.`,
    );
  } else if (facts.documentDate.confidence < 0.7 && !/\d{4}/.test(action.phrase ?? '')) {
    warnings.push(
      `${name}: "${action.phrase ?? ''}" saknar årtal och läses mot ett antaget datum – kontrollera ${action.due}.`,
    );
  }
  if (action.owner === null) {
    warnings.push(
      action.role === null
        ? `${name} saknar ägare – ange en e-postadress.`
        : `${name} saknar ägarens e-postadress; ansvarig enligt dokumentet: ${action.role}.`,
    );
  } else if (found?.ownerFrom === 'contact') {
    warnings.push(`${name}: ägaren ${action.owner} är dokumentets kontaktperson, inte utpekad för åtgärden.`);
  }
  return warnings;
}
