/**
 * The import format of a JSON or YAML file (docs/import-format.md) as a zod schema: its types, its limits, how each
 * field is cleaned (NFC, invisible characters removed) and checked, and the checks across fields (committees among
 * the audit's, an action's text once per recommendation, references given once). Reading the file and turning a
 * failed check into one line for the user are elsewhere (structured.ts, importIssues.ts).
 */
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../domain/actions';
import { isCalendarDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import { parseRecommendationRef } from '../domain/refs';
import { removeInvisible } from '../domain/text';
import { VERDICTS, type Verdict } from '../domain/types';
import { parseVerdict } from '../domain/verdicts';
import { httpsUrl, MAX_EVIDENCE_PER_ACTION, MAX_URL_LENGTH } from '../domain/evidence';
import { formatPath, quote } from './issueText';

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
  /** Evidence behind the action (underlag): https links, as `A-17 underlag <länk>` adds them in chat. */
  evidence: ImportEvidenceInput[];
}

/** One link of evidence an import file gives for an action; the link is checked and kept as httpsUrl returns it. */
export interface ImportEvidenceInput {
  url: string;
  description: string | null;
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
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------------------------
// Field schemas. The message of every built-in check is what was expected, in Swedish; `locate` adds what
// the file had. Custom issues carry the whole sentence in `params.problem`.

type Cleaner = (text: string) => string;
/** A place in the file: object keys and list indexes, from the root. */
export type PathSegment = string | number;

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

/** Adds "finns inte i kalendern" when `value` is shaped `YYYY-MM-DD` but is no real day (2023-02-30). */
function checkCalendar(value: string, ctx: z.RefinementCtx): void {
  if (ISO_DATE.test(value) && !isCalendarDate(value)) {
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

/** A link of evidence, with the same rules as in chat (domain/evidence.ts): https only, no user name or password. */
const evidenceUrl = textField('en https-länk', MAX_URL_LENGTH).transform((text, ctx): string => {
  try {
    return httpsUrl(text);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'en https-länk',
      params: { problem: error.message.replace(/\.$/, '') },
    });
    return z.NEVER;
  }
});

const evidenceSchema = strictObject('ett objekt med en https-länk (url) och en valfri beskrivning', {
  url: evidenceUrl,
  description: optional(textField('en beskrivning', MAX_COMMENT_LENGTH, cleanMultiLine)),
});

/** An action's evidence: at most as many links as an action may have in chat, each link once. */
const evidenceList = z
  .array(evidenceSchema, { invalid_type_error: 'en lista med underlag' })
  .max(MAX_EVIDENCE_PER_ACTION, `högst ${MAX_EVIDENCE_PER_ACTION} underlag per åtgärd`)
  .superRefine((items, ctx) => {
    items.forEach((item, index) => {
      const first = items.findIndex((other) => other.url === item.url);
      if (first < index) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index, 'url'],
          message: 'varje länk en gång per åtgärd',
          params: { problem: `länken står två gånger under åtgärden (också som underlag ${first + 1})` },
        });
      }
    });
  })
  .nullish()
  .transform((items): ImportEvidenceInput[] => items ?? []);

const actionSchema = strictObject('ett objekt som beskriver en åtgärd', {
  text: textField('en text', MAX_TEXT, cleanMultiLine),
  owner: optional(email),
  committee: committeeName,
  due: optional(duePhrase),
  documentDate: optional(isoDate),
  evidence: evidenceList,
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
