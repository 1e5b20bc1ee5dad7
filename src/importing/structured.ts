import { DateTime } from 'luxon';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../domain/actions';
import { DomainError } from '../domain/errors';
import { parseRecommendationRef } from '../domain/refs';
import { VERDICTS, type Verdict } from '../domain/types';
import { parseVerdict } from '../domain/verdicts';
import { removeInvisible } from '../domain/text';
import { ImportError } from './errors';
import { isRecord } from '../domain/guards';

/** One planned action of a recommendation, as the import file gives it. */
export interface ImportActionInput {
  text: string;
  /** The owner's e-mail, lower-cased; null when the file names none. */
  owner: string | null;
  /** One of the recommendation's committees. */
  committee: string;
  /** An ISO date or a Swedish phrase, kept as written; null: no date yet, a person sets it. */
  due: string | null;
  /** When the committee's response was dated; null: the importer uses the audit's reportDate. */
  documentDate: string | null;
}

/** An earlier verdict of the auditors on a recommendation, carried over from another system. */
export interface ImportVerdictInput {
  verdict: Verdict;
  /** `YYYY-MM-DD`: the day of the judgement. */
  date: string;
  /** Who judged: an e-mail (lower-cased) or a name. */
  by: string;
  comment: string | null;
}

/** A recommendation of an audit with the actions the committees committed to. */
export interface ImportRecommendationInput {
  text: string;
  /** Among the audit's committees. */
  committees: string[];
  actions: ImportActionInput[];
  /** The number of the reference `R-<n>` to keep; absent or null: the next free one. */
  ref?: number | null;
  /** Earlier verdicts, oldest first; absent: none. */
  verdicts?: ImportVerdictInput[];
}

/** One audit report as the import file gives it. */
export interface ImportAuditInput {
  title: string;
  auditor: string;
  /** `YYYY-MM-DD`. */
  reportDate: string;
  diaryNumber: string | null;
  committees: string[];
  /** Default `[]`. */
  responseDue: { committee: string; due: string }[];
  /** Default `[]`. */
  boardFeedback: { committee: string; due: string }[];
  recommendations: ImportRecommendationInput[];
}

/** A whole import file, validated and normalised. */
export interface ImportDocument {
  audits: ImportAuditInput[];
}

/** Extensions {@link parseImportFile} accepts, lower case. */
export const IMPORT_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/** At most this many audits in one file: a bigger file is more likely a mistake than a plan. */
export const MAX_AUDITS_PER_FILE = 1000;

/** At most this many actions in one file, over all its audits. */
export const MAX_ACTIONS_PER_FILE = 10_000;

/** At most this many earlier verdicts per recommendation: they are stored in one transaction with it. */
export const MAX_VERDICTS_PER_RECOMMENDATION = 50;

// Table Storage takes strings up to 32,768 characters; these stay well below so a row never hits that limit.
const MAX_TITLE = 500;
const MAX_TEXT = 4000;
const MAX_NAME = 200;
const MAX_DIARY_NUMBER = 100;
const MAX_DUE_PHRASE = 200;
// RFC 5321 limits a path (and so an address) to 254 characters.
const MAX_EMAIL = 254;

/** Control characters and lone surrogates: never meant in a name, and Table keys refuse some of them. */
const CONTROL_SINGLE_LINE = /[\p{Cc}\p{Cs}]/u;
/** As above, but line breaks and tabs are how a long text (YAML `|` block) is written. */
const CONTROL_MULTI_LINE = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------------------------
// Field schemas. The message of every built-in check is what was expected, in Swedish; `locate` adds what
// the file had. Custom issues carry the whole sentence in `params.problem`.

type Cleaner = (text: string) => string;
type PathSegment = string | number;

function cleanSingleLine(text: string): string {
  // Invisible characters go first: one between a letter and its combining ring would stop NFC composing them.
  return removeInvisible(text).normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function cleanMultiLine(text: string): string {
  return removeInvisible(text).normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

function rejectControl(pattern: RegExp): (text: string, ctx: z.RefinementCtx) => void {
  return (text, ctx) => {
    const found = pattern.exec(text);
    if (!found) return;
    const code = `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'en text utan styrtecken',
      params: { problem: `innehåller ett otillåtet styrtecken (${code})` },
    });
  };
}

/** A required string: cleaned, then checked non-empty and at most `max` characters. */
function textField(expected: string, max: number, clean: Cleaner = cleanSingleLine) {
  const control = clean === cleanMultiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE;
  return z
    .string({ invalid_type_error: expected, required_error: expected })
    .superRefine(rejectControl(control))
    .transform(clean)
    .pipe(z.string().min(1, `${expected} som inte är tom`).max(max, `${expected} på högst ${max} tecken`));
}

function isRealDate(match: RegExpExecArray): boolean {
  return DateTime.fromObject(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
    { zone: 'UTC' },
  ).isValid;
}

/** Adds "finns inte i kalendern" when `value` is shaped `YYYY-MM-DD` but is no real day (2023-02-30). */
function checkCalendar(value: string, ctx: z.RefinementCtx): void {
  const match = ISO_DATE.exec(value);
  if (match && !isRealDate(match)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'ett datum som finns i kalendern',
      params: { problem: `${value} finns inte i kalendern` },
    });
  }
}

const isoDate = z
  .string({ invalid_type_error: 'ett datum ÅÅÅÅ-MM-DD', required_error: 'ett datum ÅÅÅÅ-MM-DD' })
  .superRefine(rejectControl(CONTROL_SINGLE_LINE))
  .transform(cleanSingleLine)
  .pipe(z.string().regex(ISO_DATE, 'ett datum ÅÅÅÅ-MM-DD').superRefine(checkCalendar));

// An action's due date may be a phrase ("innan årets slut"); it is resolved later, by the importer, which knows
// the document date. Only a value that claims to be a date is held to the calendar here.
const duePhrase = textField('ett datum eller en tidsangivelse', MAX_DUE_PHRASE).pipe(
  z.string().superRefine(checkCalendar),
);

const email = z
  .string({ invalid_type_error: 'en e-postadress', required_error: 'en e-postadress' })
  .superRefine(rejectControl(CONTROL_SINGLE_LINE))
  // UPNs are case-insensitive; lower case lets the bot match the address the Bot Connector reports.
  .transform((value) => cleanSingleLine(value).toLowerCase())
  .pipe(z.string().max(MAX_EMAIL, `en e-postadress på högst ${MAX_EMAIL} tecken`).email('en e-postadress'));

const committeeName = textField('ett nämndnamn', MAX_NAME);

/** `null` and a missing field mean the same: no value. */
function optional<T extends z.ZodTypeAny>(schema: T) {
  return schema.nullish().transform((value): z.output<T> | null => value ?? null);
}

/** A list of committee names: at least one, no name twice. */
const committeeList = z
  .array(committeeName, {
    invalid_type_error: 'en lista med nämnder',
    required_error: 'en lista med nämnder',
  })
  .min(1, 'en lista med minst en nämnd')
  .superRefine((names, ctx) => {
    names.forEach((name, index) => {
      const first = names.indexOf(name);
      if (first < index) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index],
          message: 'varje nämnd en gång',
          params: { problem: `${quote(name)} står två gånger i listan` },
        });
      }
    });
  });

/** Objects are strict so a misspelt field is an error, not silently ignored; the message lists the right names. */
function strictObject<T extends z.ZodRawShape>(expected: string, shape: T) {
  return z
    .object(shape, { invalid_type_error: expected, required_error: expected })
    .strict({ message: Object.keys(shape).join(', ') });
}

const committeeDate = strictObject('ett objekt med committee och due', {
  committee: committeeName,
  due: isoDate,
});

const committeeDates = z.array(committeeDate, {
  invalid_type_error: 'en lista med { committee, due }',
  required_error: 'en lista med { committee, due }',
});

const actionSchema = strictObject('ett objekt som beskriver en åtgärd', {
  text: textField('en text', MAX_TEXT, cleanMultiLine),
  owner: optional(email),
  committee: committeeName,
  due: optional(duePhrase),
  documentDate: optional(isoDate),
});

/** A recommendation reference as the bot prints it (`R-12`), read with the domain's one grammar. */
const recommendationRef = textField('en referens som R-12', 20).transform((text, ctx): number => {
  try {
    return parseRecommendationRef(text);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'en referens som R-12',
      params: { problem: `${quote(text)} är ingen rekommendationsreferens; skriv till exempel R-12` },
    });
    return z.NEVER;
  }
});

const verdictName = textField(`en bedömning (${VERDICTS.join(', ')})`, 50).transform((text, ctx): Verdict => {
  try {
    return parseVerdict(text);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `en bedömning (${VERDICTS.join(', ')})`,
      params: { problem: `okänd bedömning ${quote(text)}; välj en av ${VERDICTS.join(', ')}` },
    });
    return z.NEVER;
  }
});

const verdictSchema = strictObject('ett objekt som beskriver en bedömning', {
  verdict: verdictName,
  date: isoDate,
  // An auditor's e-mail as a rule, but a name ("Stadsrevisionen") is what older systems often kept.
  by: textField('en e-postadress eller ett namn', MAX_NAME).transform((by) =>
    by.includes('@') ? by.toLowerCase() : by,
  ),
  comment: optional(textField('en kommentar', MAX_COMMENT_LENGTH, cleanMultiLine)),
});

const recommendationSchema = strictObject('ett objekt som beskriver en rekommendation', {
  text: textField('en text', MAX_TEXT, cleanMultiLine),
  committees: committeeList,
  actions: z.array(actionSchema, {
    invalid_type_error: 'en lista med åtgärder',
    required_error: 'en lista med åtgärder (den får vara tom)',
  }),
  // Both may be left out, and are then left out of the result too: most files carry neither.
  ref: recommendationRef.nullish(),
  verdicts: z
    .array(verdictSchema, { invalid_type_error: 'en lista med bedömningar' })
    .max(
      MAX_VERDICTS_PER_RECOMMENDATION,
      `högst ${MAX_VERDICTS_PER_RECOMMENDATION} bedömningar per rekommendation`,
    )
    .optional(),
});

const auditSchema = strictObject('ett objekt som beskriver en granskning', {
  title: textField('en titel', MAX_TITLE),
  auditor: textField('en revisor', MAX_NAME),
  reportDate: isoDate,
  diaryNumber: optional(textField('ett diarienummer', MAX_DIARY_NUMBER)),
  committees: committeeList,
  // Both lists may be left out: not every report states when answers or feedback are due.
  responseDue: committeeDates.default([]),
  boardFeedback: committeeDates.default([]),
  recommendations: z
    .array(recommendationSchema, {
      invalid_type_error: 'en lista med rekommendationer',
      required_error: 'en lista med rekommendationer',
    })
    .min(1, 'minst en rekommendation'),
});

/**
 * The rules that span fields of one audit: every committee named below the audit is one of its committees (and
 * an action's is one of its recommendation's), each committee has one date, and an action is not listed twice
 * under one recommendation (the importer matches actions by text, so a duplicate would silently become one).
 */
function checkAuditReferences(audit: ImportAuditInput, at: PathSegment[], ctx: z.RefinementCtx): void {
  const notAmong = (name: string, among: string[], whose: string, path: PathSegment[]): void => {
    if (among.includes(name)) return;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path,
      message: `en av ${whose} nämnder: ${among.join(', ')}`,
      params: { problem: `${quote(name)} finns inte bland ${whose} nämnder (${among.join(', ')})` },
    });
  };
  for (const key of ['responseDue', 'boardFeedback'] as const) {
    const seen = new Map<string, number>();
    audit[key].forEach((entry, index) => {
      const path = [...at, key, index, 'committee'];
      notAmong(entry.committee, audit.committees, 'granskningens', path);
      const first = seen.get(entry.committee);
      if (first === undefined) {
        seen.set(entry.committee, index);
        return;
      }
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path,
        message: 'ett datum per nämnd',
        params: {
          problem: `${quote(entry.committee)} har redan ett datum i ${formatPath([...at, key, first])}`,
        },
      });
    });
  }
  audit.recommendations.forEach((recommendation, r) => {
    const recommendationPath = [...at, 'recommendations', r];
    recommendation.committees.forEach((name, c) => {
      notAmong(name, audit.committees, 'granskningens', [...recommendationPath, 'committees', c]);
    });
    const seen = new Map<string, number>();
    recommendation.actions.forEach((action, a) => {
      const path = [...recommendationPath, 'actions', a];
      notAmong(action.committee, recommendation.committees, 'rekommendationens', [...path, 'committee']);
      const key = action.text.replace(/\s+/gu, ' ');
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, a);
        return;
      }
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [...path, 'text'],
        message: 'en åtgärd som inte redan finns under rekommendationen',
        params: { problem: `samma åtgärd som ${formatPath([...recommendationPath, 'actions', first])}` },
      });
    });
  });
}

/**
 * The schema of a whole import file (docs/import-format.md). Parsing with it normalises every string
 * (trimmed, NFC, invisible characters removed), lower-cases owners and fills the defaults. Every issue's
 * `message` says what was expected; custom issues carry their full sentence in `params.problem`.
 */
export const importFileSchema = strictObject('ett objekt med fältet audits', {
  audits: z
    .array(auditSchema, {
      invalid_type_error: 'en lista med granskningar',
      required_error: 'en lista med granskningar',
    })
    .min(1, 'minst en granskning')
    .max(MAX_AUDITS_PER_FILE, `högst ${MAX_AUDITS_PER_FILE} granskningar per fil`),
}).superRefine((file, ctx) => {
  const actions = file.audits.reduce(
    (sum, audit) => sum + audit.recommendations.reduce((n, r) => n + r.actions.length, 0),
    0,
  );
  if (actions > MAX_ACTIONS_PER_FILE) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['audits'],
      message: `högst ${MAX_ACTIONS_PER_FILE} åtgärder per fil`,
      params: {
        problem: `filen har ${actions} åtgärder, högst ${MAX_ACTIONS_PER_FILE} får importeras på en gång; dela upp den`,
      },
    });
  }
  file.audits.forEach((audit, index) => checkAuditReferences(audit, ['audits', index], ctx));
  // A reference names one recommendation: two in one file asking for the same one is a mistake to point at.
  const refs = new Map<number, PathSegment[]>();
  file.audits.forEach((audit, a) =>
    audit.recommendations.forEach((rec, r) => {
      if (rec.ref === null || rec.ref === undefined) return;
      const path = ['audits', a, 'recommendations', r, 'ref'];
      const first = refs.get(rec.ref);
      if (first === undefined) {
        refs.set(rec.ref, path);
        return;
      }
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path,
        message: 'en referens som ingen annan rekommendation i filen har',
        params: { problem: `R-${rec.ref} står redan vid ${formatPath(first.slice(0, -1))}` },
      });
    }),
  );
  // Audits are matched by diary number, else by title and report date (docs/import-format.md): two in one file would merge.
  const seen = new Map<string, number>();
  file.audits.forEach((audit, index) => {
    const key =
      audit.diaryNumber === null
        ? `title:${audit.title}\u0000${audit.reportDate}`
        : `diary:${audit.diaryNumber}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const field = audit.diaryNumber === null ? 'title' : 'diaryNumber';
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['audits', index, field],
      message: 'en granskning som inte redan finns i filen',
      params: {
        problem: `samma granskning som audits[${first}] (${
          field === 'title' ? 'samma titel och rapportdatum' : 'samma diarienummer'
        })`,
      },
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Parsing.

/**
 * Parses and validates a `.json`, `.yaml` or `.yml` import file, all or nothing: either the whole file is valid
 * and comes back normalised, or nothing does.
 * @param fileName the name the user gave; it picks the format by extension and names the file in errors.
 * @param text the file's content.
 * @throws ImportError naming file, line, path, field and what was expected, in one line of Swedish.
 * @example parseImportFile('granskningar.yaml', text).audits[0].recommendations[0].actions[0].owner
 */
export function parseImportFile(fileName: string, text: string): ImportDocument {
  const extension = extensionOf(fileName);
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ImportError({
      file: fileName,
      line: null,
      expected: `en fil som slutar på ${IMPORT_EXTENSIONS.join(', ')}`,
      problem: `kan inte importera ${extension === '' ? 'en fil utan filändelse' : `en ${extension}-fil`}; filen ska sluta på ${IMPORT_EXTENSIONS.join(', ')}`,
    });
  }
  // Editors on Windows often save a byte-order mark, which JSON.parse refuses. It is one character on line 1,
  // so removing it keeps every line number.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = extension === '.json' ? readJson(fileName, source) : readYaml(fileName, source);

  const result = importFileSchema.safeParse(parsed.data);
  if (!result.success) throw toImportError(fileName, parsed, result.error);
  const document: ImportDocument = result.data;
  return document;
}

/**
 * Validates an import document built in code rather than read from a file (a draft made from a response
 * document): the same schema, normalisation and one-line errors as {@link parseImportFile}, without line numbers.
 * @param fileName the file the data was made from; it names the file in errors.
 * @throws ImportError naming file, path, field and what was expected.
 */
export function validateImportDocument(fileName: string, data: unknown): ImportDocument {
  const result = importFileSchema.safeParse(data);
  if (!result.success) {
    throw toImportError(fileName, { data, linesOf: (paths) => paths.map(() => null) }, result.error);
  }
  const document: ImportDocument = result.data;
  return document;
}

interface ParsedSource {
  data: unknown;
  /** The 1-based line of each path's node, or of its nearest ancestor the file has; null when unknown. */
  linesOf: (paths: readonly PathSegment[][]) => (number | null)[];
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

function readYaml(fileName: string, source: string): ParsedSource {
  const lineCounter = new LineCounter();
  // YAML 1.2's core schema keeps 2021-12-01 and `yes` as strings, as a person writing the file means them.
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const [error] = doc.errors;
  if (error) {
    throw new ImportError({
      file: fileName,
      line: lineCounter.linePos(error.pos[0]).line,
      expected: 'giltig YAML',
      problem: `ogiltig YAML: ${error.message}`,
      cause: error,
    });
  }
  try {
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    return { data, linesOf: (paths) => paths.map((path) => yamlLineOf(doc, lineCounter, path)) };
  } catch (cause) {
    // toJS refuses alias bombs ("billion laughs"); the document itself parsed, so there is no better line.
    throw new ImportError({
      file: fileName,
      line: null,
      expected: 'giltig YAML',
      problem: `ogiltig YAML: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}

function readJson(fileName: string, source: string): ParsedSource {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (cause) {
    // Node 20's messages give a position for some errors only ("Unexpected token 'u', ... is not valid JSON"
    // has none), so the place and a Swedish reason come from a small scanner; V8's position is the fallback.
    const found = locateJsonError(source) ?? positionFromMessage(cause);
    throw new ImportError({
      file: fileName,
      line: found === null ? null : lineAt(source, found.offset),
      expected: 'giltig JSON',
      problem: `ogiltig JSON: ${found?.reason ?? 'filen kan inte läsas som JSON'}`,
      cause,
    });
  }
  // No YAML view of a JSON file: building one takes many times the memory of JSON.parse's value, and lines come
  // from the text itself, in one linear pass each, only when there is something to point at.
  const duplicate = findDuplicateKey(source);
  if (duplicate !== null) {
    // JSON.parse quietly keeps the last of two equal keys; the writer surely meant one of them, so ask which.
    throw new ImportError({
      file: fileName,
      line: lineAt(source, duplicate),
      expected: 'varje fält en gång per objekt',
      problem: 'samma fält står två gånger i ett objekt',
    });
  }
  return {
    data,
    linesOf: (paths) => {
      const lines = lineIndex(source);
      return jsonOffsetsOf(source, paths).map((offset) => lines(offset));
    },
  };
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Offset to 1-based line, by binary search over the text's line starts, which are found once. */
function lineIndex(source: string): (offset: number | null) => number | null {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    if (offset === null) return null;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

// The scanners below read text that JSON.parse has accepted, so they need no error handling of their own.

/** The offset just past the string that starts (with its quote) at `start`. */
function stringEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return source.length;
}

/** The offset just past the number, true, false or null that starts at `start`. */
function scalarEnd(source: string, start: number): number {
  let i = start;
  while (i < source.length && !',}] \t\n\r'.includes(source.charAt(i))) i++;
  return i;
}

/** The text of the string from `start` to `end` (quotes included), unescaped only when it has escapes. */
function stringText(source: string, start: number, end: number): string {
  const raw = source.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(source.slice(start, end)) as string) : raw;
}

/** The offset of the first key that repeats one before it in the same object, or null. One linear pass. */
function findDuplicateKey(source: string): number | null {
  const objects: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < source.length;) {
    const c = source.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(source, i);
      const keys = objects.at(-1);
      if (expectKey && keys) {
        const key = stringText(source, i, end);
        if (keys.has(key)) return i;
        keys.add(key);
        expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b) {
      objects.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      objects.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      objects.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = objects.at(-1) instanceof Set;
    }
    i++;
  }
  return null;
}

/** A node of the paths wanted by {@link jsonOffsetsOf}, with where the text has it. */
interface PathNode {
  children: Map<string, PathNode>;
  offset: number | null;
}

const segmentKey = (segment: PathSegment): string =>
  typeof segment === 'number' ? `#${segment}` : `.${segment}`;

/**
 * Where each path's node starts in JSON text (an object entry at its key, an array item at its value), or its
 * nearest ancestor the text has: the same places a YAML view would give, in one pass over the text for all paths.
 */
function jsonOffsetsOf(source: string, paths: readonly PathSegment[][]): (number | null)[] {
  const root: PathNode = { children: new Map(), offset: null };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key = segmentKey(segment);
      let child = node.children.get(key);
      if (child === undefined) {
        child = { children: new Map(), offset: null };
        node.children.set(key, child);
      }
      node = child;
    }
  }
  // Each open container knows the wanted node its path leads to (null when no wanted path goes through it).
  interface Frame {
    node: PathNode | null;
    isObject: boolean;
    index: number;
    key: string;
    keyOffset: number;
  }
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < source.length;) {
    const c = source.charCodeAt(i);
    const frame = stack.at(-1);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3a) {
      i++;
      continue;
    }
    if (c === 0x2c) {
      if (frame !== undefined && !frame.isObject) frame.index++;
      expectKey = frame?.isObject ?? false;
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
      i++;
      continue;
    }
    if (expectKey && frame !== undefined && c === 0x22) {
      const end = stringEnd(source, i);
      frame.key = stringText(source, i, end);
      frame.keyOffset = i;
      expectKey = false;
      i = end;
      continue;
    }
    // A value starts here.
    let node: PathNode | null = null;
    if (frame === undefined) {
      node = root;
      root.offset = i;
    } else if (frame.node !== null) {
      node = frame.node.children.get(frame.isObject ? `.${frame.key}` : `#${frame.index}`) ?? null;
      if (node !== null) node.offset = frame.isObject ? frame.keyOffset : i;
    }
    if (c === 0x7b || c === 0x5b) {
      stack.push({ node, isObject: c === 0x7b, index: 0, key: '', keyOffset: i });
      expectKey = c === 0x7b;
      i++;
      continue;
    }
    i = c === 0x22 ? stringEnd(source, i) : scalarEnd(source, i);
  }
  return paths.map((path) => {
    let node = root;
    let offset = root.offset;
    for (const segment of path) {
      const child = node.children.get(segmentKey(segment));
      if (child === undefined || child.offset === null) break;
      offset = child.offset;
      node = child;
    }
    return offset;
  });
}

interface JsonProblem {
  offset: number;
  reason: string;
}

function positionFromMessage(cause: unknown): JsonProblem | null {
  const match = cause instanceof Error ? /at position (\d+)/.exec(cause.message) : null;
  return match ? { offset: Number(match[1]), reason: 'fel i JSON-syntaxen' } : null;
}

/**
 * Finds where JSON text first goes wrong, and why, in Swedish; null when it finds nothing wrong. Iterative, so a
 * deeply nested file cannot overflow the stack.
 */
function locateJsonError(source: string): JsonProblem | null {
  const stack: ('{' | '[')[] = [];
  type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';
  let expect: Expect = 'value';
  let i = 0;
  const fail = (reason: string, offset = i): JsonProblem => ({ offset, reason });
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'commaOrClose');

  const scanString = (): JsonProblem | null => {
    const start = i;
    i++;
    while (i < source.length) {
      const c = source.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail('radbrytning eller styrtecken inuti en sträng (skriv \\n)');
      if (c === 0x5c) {
        const next = source.charAt(i + 1);
        if (next !== '' && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-f]{4}$/i.test(source.slice(i + 2, i + 6))) i += 6;
        else return fail('ogiltig \\-sekvens i en sträng');
        continue;
      }
      i++;
    }
    return fail('en sträng saknar avslutande citattecken', start);
  };

  const scanScalar = (): JsonProblem | null => {
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?/iy;
    number.lastIndex = i;
    if (number.exec(source)) {
      i = number.lastIndex;
      return null;
    }
    const word = /[\w.+-]+/y;
    word.lastIndex = i;
    const found = word.exec(source);
    if (found && ['true', 'false', 'null'].includes(found[0])) {
      i = word.lastIndex;
      return null;
    }
    return found
      ? fail(`okänt värde ${quote(found[0])} (text ska stå inom citattecken)`)
      : fail(`oväntat tecken ${quote(source.charAt(i))}`);
  };

  for (;;) {
    while (i < source.length && ' \t\n\r'.includes(source.charAt(i))) i++;
    if (i >= source.length) {
      return expect === 'end' ? null : fail('filen tar slut mitt i (saknas } eller ]?)', source.length);
    }
    const ch = source.charAt(i);
    const close = stack[stack.length - 1] === '{' ? '}' : ']';
    let problem: JsonProblem | null = null;
    switch (expect) {
      case 'end':
        return fail(`oväntat tecken ${quote(ch)} efter slutet av JSON-värdet`);
      case 'colon':
        if (ch !== ':') return fail(`förväntade ":" efter fältnamnet, fick ${quote(ch)}`);
        i++;
        expect = 'value';
        continue;
      case 'commaOrClose':
        if (ch === ',') {
          i++;
          expect = close === '}' ? 'key' : 'value';
        } else if (ch === close) {
          i++;
          stack.pop();
          expect = afterValue();
        } else {
          return fail(`förväntade "," eller "${close}", fick ${quote(ch)}`);
        }
        continue;
      case 'key':
      case 'keyOrClose':
        if (ch === '}' && expect === 'keyOrClose') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (ch !== '"') {
          const hint = ch === '}' ? ' (ett kommatecken för mycket?)' : '';
          return fail(`förväntade ett fältnamn inom citattecken, fick ${quote(ch)}${hint}`);
        }
        problem = scanString();
        if (problem) return problem;
        expect = 'colon';
        continue;
      case 'value':
      case 'valueOrClose':
        if (ch === ']' && expect === 'valueOrClose') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          expect = ch === '{' ? 'keyOrClose' : 'valueOrClose';
          continue;
        }
        if (ch === ']' || ch === '}') {
          return fail(`förväntade ett värde, fick ${quote(ch)} (ett kommatecken för mycket?)`);
        }
        problem = ch === '"' ? scanString() : scanScalar();
        if (problem) return problem;
        expect = afterValue();
        continue;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Turning zod's issues into one ImportError.

interface Located {
  path: PathSegment[];
  line: number | null;
  expected: string;
  problem: string;
}

function toImportError(fileName: string, parsed: ParsedSource, error: z.ZodError): ImportError {
  const described = error.issues.map((issue) => locate(parsed, issue));
  const lines = parsed.linesOf(described.map((issue) => issue.path));
  const located = described.map((issue, order) => ({ order, ...issue, line: lines[order] ?? null }));
  // The problem nearest the top of the file first: that is where the reader will start fixing.
  located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
  const first = located[0];
  // Two checks failing on one field are one thing to fix, so only other places are counted.
  const more = new Set(located.map((issue) => formatPath(issue.path))).size - 1;
  const field = [...first.path].reverse().find((segment): segment is string => typeof segment === 'string');
  return new ImportError({
    file: fileName,
    line: first.line,
    path: formatPath(first.path),
    field: field ?? '',
    expected: first.expected,
    problem: more === 0 ? first.problem : `${first.problem} (och ${more} fel till i filen)`,
    cause: error,
  });
}

function locate(parsed: ParsedSource, issue: z.ZodIssue): Omit<Located, 'line'> {
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const path = [...issue.path, issue.keys[0]];
    return {
      path,
      expected: `ett av fälten ${issue.message}`,
      problem: `okänt fält ${issue.keys.map(quote).join(', ')}; tillåtna fält är ${issue.message}`,
    };
  }
  const params: unknown = issue.code === z.ZodIssueCode.custom ? issue.params : undefined;
  const problem =
    isRecord(params) && typeof params.problem === 'string'
      ? params.problem
      : `förväntade ${issue.message}, fick ${describe(valueAt(parsed.data, issue.path))}`;
  return { path: issue.path, expected: issue.message, problem };
}

/** `audits[0].recommendations[2].actions[5].due`, as a reader of the file would name the place. */
function formatPath(path: PathSegment[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!/^[A-Z_]\w*$/i.test(segment)) return `[${quote(segment)}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}

const MISSING = Symbol('missing');

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return MISSING;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

/** What the file had, in words; strings quoted and escaped so the message stays one readable line. */
function describe(value: unknown): string {
  if (value === MISSING || value === undefined) return 'inget (fältet saknas)';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 60 ? `${quote(value.slice(0, 60))}… (${value.length} tecken)` : quote(value);
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `talet ${value}`;
  if (typeof value === 'boolean') return `${value} (ett sanningsvärde)`;
  if (Array.isArray(value)) return `en lista med ${value.length} element`;
  if (value instanceof Date) return 'ett datum utan citattecken (skriv det inom citattecken)';
  return 'ett objekt';
}

/** JSON-quotes `text` and also escapes invisible and bidi characters, which could scramble a terminal line. */
function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** The 1-based line of the node at `path` in a YAML document, or of its nearest ancestor the file has. */
function yamlLineOf(doc: Document, lineCounter: LineCounter, path: PathSegment[]): number {
  let node: unknown = doc.contents;
  // An empty file has no root node; its problem ("audits" missing) is on line 1.
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node) && typeof segment === 'string') {
      // A map entry is placed by its key: a block value ("actions:" and a list below) starts on a later line.
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | null {
  const range = (node as YamlNode | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : null;
}
