/**
 * What a chat message asks for, read from Swedish or English text (docs/commands.md).
 *
 * Pure: no I/O, no clock. The parser works in three stages:
 *  1. {@link readMessage} cleans the text once (Teams mention tags and HTML removed, entities decoded, NFC,
 *     invisible characters dropped, white space folded) and finds every reference-looking token in it.
 *  2. {@link STEPS}, the command table's entries (`commands.ts`) with the parser's own guards between its
 *     stages, is tried in order; the first that recognises the message decides. The order is the design:
 *     explicit commands before free phrasing, anything that writes before anything that reads, and read-only
 *     answers before guesses.
 *  3. Write commands (status, new date, snooze) share one sub-table, {@link VERBS}, built from the table's
 *     writes; the keyword that comes first in the sentence wins, so "A-17 klar, vi fick flytta mötet" is a
 *     status report, not a new date.
 *
 * Safety over convenience: a status is never reported from a negated, hedged or questioning sentence ("A-17
 * är inte klar", "A-17 blir klar i maj", "är A-17 klar?"), a date is never guessed ("nästa fredag"), and a
 * message naming two actions changes neither.
 */
import { parseCivilDate } from '../domain/dates';
import { resolveDeadline } from '../domain/deadlines';
import { DomainError } from '../domain/errors';
import { parseRecommendationRef, parseRef } from '../domain/refs';
import type { Role } from '../domain/roles';
import { clip, decodeHtmlEntities, normalizeInput } from '../domain/text';
import type { Verdict } from '../domain/types';
import { parseVerdict } from '../domain/verdicts';
import { COMMANDS, commandEntries, patternSource, type Command } from './commands';

/** A status a person can report from chat. */
export type ReportedStatus = 'Genomförd' | 'Pågår';

/** What is wrong with a command the parser understood. */
export type InvalidProblem =
  | 'badDate'
  | 'missingDate'
  /** As `badDate` and `missingDate`, for `pausa A-17 till …`: the example shows that command. */
  | 'badSnoozeDate'
  | 'missingSnoozeDate'
  /** `roll` with neither `lägg till` nor `ta bort`: the answer shows how the role commands are written. */
  | 'missingRoleVerb'
  | 'badReference'
  | 'badRole'
  | 'missingPrincipal'
  | 'tooLong'
  | 'missingNote'
  | 'missingDiaryNumber';

/** What a chat message asks for. */
export type Intent =
  | { kind: 'help' }
  | { kind: 'myActions' }
  | { kind: 'overdue' }
  | { kind: 'summary' }
  | { kind: 'digestHere' }
  | { kind: 'unreachable' }
  /** `utkorg` / `outbox`: the proactive messages whose delivery is uncertain, on an admin card. */
  | { kind: 'outbox' }
  /** `att granska` / `to review`: the recommendations waiting for the auditors' verdict. */
  | { kind: 'toReview' }
  /** `uppföljning <diarienummer>`: the follow-up review pack of one audit as a file in personal chat. */
  | { kind: 'reviewPackFile'; diaryNumber: string }
  /** `rapport` / `report`: the board report as a file in personal chat. */
  | { kind: 'boardReportFile' }
  | { kind: 'show'; ref: number }
  | { kind: 'setStatus'; ref: number; status: ReportedStatus; comment: string | null }
  | { kind: 'newDate'; ref: number; date: string; reason: string | null }
  /** `A-17 kommentar <text>`: a progress note, the status unchanged. */
  | { kind: 'note'; ref: number; text: string }
  /**
   * `A-17 underlag <https-länk> [beskrivning]`; `link` is null when none was written (a file sent with the message
   * is then the evidence). `text` is all that follows the keyword: with a file, when the first word is no link, it
   * is the file's description. The link is checked by the domain, not here.
   */
  | { kind: 'evidence'; ref: number; link: string | null; description: string | null; text: string | null }
  /**
   * "inventeringen är klar": the bot matches it against the sender's own open actions and asks to confirm.
   */
  | { kind: 'statusWithoutRef'; status: ReportedStatus; text: string }
  /** `visa R-3` / `show R-3`: one recommendation with its actions, evidence and verdicts. */
  | { kind: 'showRecommendation'; ref: number }
  /** `R-3 delvis åtgärdad [kommentar]`: the auditors' verdict on a recommendation. */
  | { kind: 'verdict'; ref: number; verdict: Verdict; comment: string | null }
  | { kind: 'role'; verb: 'add' | 'remove'; principal: string; role: Role; committee: string | null }
  /** `pausa A-17 till 2026-08-15 [motivering]` / `snooze A-17 until 2026-08-15 [reason]`. */
  | { kind: 'snooze'; ref: number; until: string; reason: string | null }
  /** The command was understood, but an argument is wrong; `detail` is the offending text, clipped. */
  | { kind: 'invalid'; problem: InvalidProblem; ref: number | null; detail: string }
  /** A message naming several actions: the bot takes one at a time and changes none of them. */
  | { kind: 'severalActions'; refs: number[] }
  /** "tack", "thanks": a short answer. */
  | { kind: 'thanks' }
  | { kind: 'unknown'; mentionedRef: number | null };

/**
 * The longest message parsed; longer text is answered as 'invalid'/'tooLong' without scanning it (a
 * 100,000-char message must return fast).
 */
export const MAX_MESSAGE_LENGTH = 2000;

/** Offending text quoted back in `detail` is clipped to this, so an error never echoes a whole paragraph. */
const MAX_DETAIL_LENGTH = 40;

/**
 * Reads one chat message. Never throws: text it cannot place is `unknown`, a command with a bad argument is
 * `invalid`.
 * @example
 * parseIntent('klar med A-17: protokollet är skickat');
 * // { kind: 'setStatus', ref: 17, status: 'Genomförd', comment: 'protokollet är skickat' }
 * parseIntent('A-17 nytt datum 2023-02-30');
 * // { kind: 'invalid', problem: 'badDate', ref: 17, detail: '2023-02-30' }
 */
export function parseIntent(text: string): Intent {
  // Checked on the raw length, before any regular expression runs: cost stays bounded whatever is sent.
  if (text.length > MAX_MESSAGE_LENGTH) {
    return { kind: 'invalid', problem: 'tooLong', ref: null, detail: String(text.length) };
  }
  const message = readMessage(text);
  for (const step of STEPS) {
    const intent = step.parse(message);
    if (intent) return intent;
  }
  return { kind: 'unknown', mentionedRef: null };
}

// -----------------------------------------------------------------------------------------------------------
// Stage 1: the message, cleaned once

/** A reference-looking token: `A-17`, `a17`, `A–17`; `ref` is null when it is not a valid reference (A-0). */
interface RefToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly ref: number | null;
}

/** A message as the steps see it. Positions in `refs` are positions in `text`. */
export interface Message {
  /** Cleaned text in its original case: comments and reasons are cut from it. */
  readonly text: string;
  /**
   * `text` without emoji and punctuation at the ends, lower case: for whole-message commands such as `mina`.
   */
  readonly bare: string;
  /** `text` without emoji and white space: for messages of symbols only, such as `?`. */
  readonly compact: string;
  readonly refs: readonly RefToken[];
}

/*
 * A reference: "a", an optional dash (Word and phones turn "-" into "–"; a space either side is forgiven),
 * digits. The look-arounds keep it from matching inside words, e-mail addresses, URLs, ids and decimals
 * ("data17", "a17@kommun.se", "A4-papper", "A-17.5"), while "A-17." and "(A-17)" still count.
 */
const REF_TOKEN =
  /(?<![\p{L}\p{N}@._/\\-])a(?:\s?[-\u2010-\u2015\u2212]\s?)?(\d+)(?![\p{L}\p{N}@]|[._\-\u2010-\u2015][\p{L}\p{N}])/giu;

/** Emoji and their joiners, modifiers and keycaps: decoration around a command, never part of it. */
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\uFE0E\uFE0F\u20E3]/gu;

/** A whole message of thanks, as {@link Message.bare} has it. */
const THANKS =
  /^(?:(?:stort\s+|tusen\s+)?tack(?:\s+så\s+mycket|\s+ska\s+du\s+ha)?|tackar|thanks?(?:\s+a\s+lot)?|thank\s+you(?:\s+very\s+much)?|many\s+thanks)$/u;

function readMessage(raw: string): Message {
  const text = normalizeInput(decodeHtmlEntities(stripTags(raw)));
  const bare = text
    .replace(EMOJI, ' ')
    .replace(/^[\s\p{P}\p{S}]+|(?<![\s\p{P}\p{S}])[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  const refs = findRefs(text);
  return {
    text,
    bare,
    compact: text.replace(EMOJI, '').replace(/\s/g, ''),
    refs: refs.length > 0 ? refs : spacedRef(text),
  };
}

/**
 * "visa A 1": a space where the dash goes. Read as a reference only when the message is nothing else (after a word
 * of `visa`, or alone), so that "a 2 week delay" in a reason never names A-2.
 */
const SPACED_REF = new RegExp(`^(?:(?:${patternSource(COMMANDS.show)})\\s+)?(a\\s(\\d+))[.!?]?$`, 'iu');

function spacedRef(text: string): RefToken[] {
  const match = SPACED_REF.exec(text);
  const token = match?.[1];
  if (!match || token === undefined) return [];
  const start = match[0].indexOf(token);
  return [{ text: token, start, end: start + token.length, ref: refNumber(`A-${match[2] ?? ''}`) }];
}

/**
 * Teams sends `<at>Bot</at>` for a mention (in channels always) and HTML when the user formats text. The
 * mention goes with its content: the bot's display name is not part of the command and could contain a
 * keyword.
 */
function stripTags(text: string): string {
  return text.replace(/<at\b[^>]*>[\s\S]*?<\/at\s*>/gi, ' ').replace(/<\/?[a-z][^<>]*>/gi, ' ');
}

function findRefs(text: string): RefToken[] {
  const refs: RefToken[] = [];
  for (const match of text.matchAll(REF_TOKEN)) {
    const start = match.index ?? 0;
    refs.push({
      text: match[0],
      start,
      end: start + match[0].length,
      ref: refNumber(`A-${match[1] ?? ''}`),
    });
  }
  return refs;
}

/** One rule for what a valid reference is: {@link parseRef}'s (1 to MAX_REF). */
function refNumber(token: string): number | null {
  try {
    return parseRef(token);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

// -----------------------------------------------------------------------------------------------------------
// Stage 2: the pattern table

/*
 * Keyword patterns. All are matched case-insensitively on the cleaned text with Unicode word edges:
 * JavaScript's \b knows only ASCII and would split "åtgärder" at the "å".
 */
const W0 = '(?<![\\p{L}\\p{N}])';
const W1 = '(?![\\p{L}\\p{N}])';
function words(alternatives: string): RegExp {
  return new RegExp(`${W0}(?:${alternatives})${W1}`, 'iu');
}

interface Step {
  /** Why the step sits where it does; read by people, not code. */
  readonly why: string;
  readonly parse: (message: Message) => Intent | null;
}

const STEPS: readonly Step[] = [
  {
    why: 'Nothing to read: the unknown answer explains what to write.',
    parse: (m) => (m.text === '' ? { kind: 'unknown', mentionedRef: null } : null),
  },
  {
    why: 'Thanks on its own is no command; it gets a short answer instead of "I did not understand".',
    parse: (m) => (THANKS.test(m.bare) ? { kind: 'thanks' } : null),
  },
  ...commandSteps('positional'),
  ...commandSteps('recommendation'),
  {
    why: 'A message that starts with a recommendation reference but no command we know: never read as an action.',
    parse: (m) => (readRecommendationCommand(m) ? { kind: 'unknown', mentionedRef: null } : null),
  },
  {
    why: 'A reference that cannot exist (A-0, A-123456789) is named back before anything acts on the message.',
    parse: (m) => {
      const bad = m.refs.find((token) => token.ref === null);
      return bad
        ? { kind: 'invalid', problem: 'badReference', ref: null, detail: clipDetail(bad.text) }
        : null;
    },
  },
  {
    why: 'Two actions in one message: changing one of them, or both, would be a guess.',
    parse: (m) => {
      const distinct = [...new Set(m.refs.flatMap((token) => (token.ref === null ? [] : [token.ref])))];
      return distinct.length > 1 ? { kind: 'severalActions', refs: distinct } : null;
    },
  },
  {
    why: 'Writes (status, new date, snooze) need a reference; the first keyword in the sentence decides.',
    parse: parseWriteCommand,
  },
  ...commandSteps('reference'),
  {
    why: 'A reference with words we cannot place: say that we saw it, never fall through to a list command.',
    parse: (m) => {
      const ref = singleRef(m);
      return ref ? { kind: 'unknown', mentionedRef: ref.ref } : null;
    },
  },
  ...commandSteps('read'),
  {
    why: 'Last, as it is the loosest: a status sentence without reference is matched and confirmed by the bot.',
    parse: parseStatusWithoutRef,
  },
];

/** The steps of the table's commands of one stage, in table order (writes are read together, by {@link VERBS}). */
function commandSteps(stage: 'positional' | 'recommendation' | 'reference' | 'read'): Step[] {
  return commandEntries().flatMap((command): Step[] => {
    if (command.stage !== stage) return [];
    const keyword = words(patternSource(command));
    switch (command.stage) {
      case 'positional':
        return [
          {
            why: command.why,
            parse: command.intent === 'role' ? parseRoleCommand : (m) => parseReviewPackCommand(m, command),
          },
        ];
      case 'recommendation':
        return [
          {
            why: command.why,
            parse:
              command.intent === 'showRecommendation'
                ? (m) => parseShowRecommendation(m, keyword)
                : (m) => parseVerdictCommand(m, keyword),
          },
        ];
      case 'reference':
        return [
          {
            why: command.why,
            parse: (m) => {
              const ref = singleRef(m);
              if (!ref) return null;
              return keyword.test(m.text) || m.bare === ref.text.toLowerCase()
                ? { kind: command.intent, ref: ref.ref }
                : null;
            },
          },
        ];
      case 'read': {
        const { also } = command;
        return [
          {
            why: command.why,
            parse: (m) => (keyword.test(m.text) || also?.(m) ? { kind: command.intent } : null),
          },
        ];
      }
    }
  });
}

/** A reference token that names a possible action. */
type ValidRef = RefToken & { readonly ref: number };

/**
 * The message's reference when it has exactly one valid one; the steps before have already answered messages
 * with an invalid reference or with several.
 */
function singleRef(m: Message): ValidRef | null {
  const first = m.refs[0];
  return first && first.ref !== null ? { ...first, ref: first.ref } : null;
}

// -----------------------------------------------------------------------------------------------------------
// Role: `roll lägg till <e-post|objekt-id> admin|ordförande|samordnare [nämnd]`, `role add|remove ...`

const ROLE_COMMAND = new RegExp(
  `^(?:${patternSource(COMMANDS.role)})\\s+(lägg\\s+till|ge|add|grant|ta\\s+bort|remove|revoke)(?=\\s|$)\\s*(\\S.*)?$`,
  'iu',
);

/**
 * Swedish and English role words are accepted in either language: the CLI's English words are what admins
 * know.
 */
const ROLE_WORDS: Readonly<Record<string, Role>> = {
  admin: 'admin',
  administratör: 'admin',
  administrator: 'admin',
  chair: 'chair',
  ordförande: 'chair',
  ordföranden: 'chair',
  coordinator: 'coordinator',
  samordnare: 'coordinator',
  samordnaren: 'coordinator',
  auditor: 'auditor',
  revisor: 'auditor',
  revisorn: 'auditor',
};

const EMAIL = /^[^\s@]+@[^\s@](?=[^\s@]*\.[^\s@])[^\s@]+$/u;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** The role command's word opening a message, with no verb the command knows after it. */
const ROLE_WORD = new RegExp(`^(?:${patternSource(COMMANDS.role)})(?![\\p{L}\\p{N}])`, 'iu');

function parseRoleCommand(m: Message): Intent | null {
  const match = ROLE_COMMAND.exec(m.text);
  if (!match) {
    return ROLE_WORD.test(m.text) && m.refs.length === 0
      ? { kind: 'invalid', problem: 'missingRoleVerb', ref: null, detail: '' }
      : null;
  }
  const verb = /^(?:lägg|ge|add|grant)/iu.test(match[1] ?? '') ? 'add' : 'remove';
  const args = (match[2] ?? '').split(' ').filter((arg) => arg !== '');
  // Teams turns a typed address into a mailto link; the tag is gone but a "mailto:" may be left.
  const principalText = (args[0] ?? '').replace(/^mailto:/iu, '').replace(/[,;]$/u, '');
  if (!EMAIL.test(principalText) && !OBJECT_ID.test(principalText)) {
    const detail = principalText.toLowerCase() in ROLE_WORDS ? '' : clipDetail(principalText);
    return { kind: 'invalid', problem: 'missingPrincipal', ref: null, detail };
  }
  const roleText = (args[1] ?? '').replace(/(?<![.,;:!])[.,;:!]+$/u, '');
  const role = ROLE_WORDS[roleText.toLowerCase()];
  if (!role) return { kind: 'invalid', problem: 'badRole', ref: null, detail: clipDetail(roleText) };
  // Only the flags are dropped here: "för Socialnämnden" and "nämnd: Socialnämnden" are resolved against the
  // tenant's committees (domain/committees.ts), since a name may itself start with "Nämnd", "För" or "I".
  const committee = args
    .slice(2)
    .join(' ')
    .replace(/^--(?:committee|nämnd)(?=[\s=]|$)[\s=]*/iu, '')
    .replace(/(?<![.,;!])[.,;!]+$/u, '')
    .trim();
  return { kind: 'role', verb, principal: principalText.toLowerCase(), role, committee: committee || null };
}

// -----------------------------------------------------------------------------------------------------------
// The review pack: `uppföljning <diarienummer>`

function parseReviewPackCommand(m: Message, command: Command): Intent | null {
  if (m.refs.length > 0) return null;
  const match = new RegExp(`^(?:${patternSource(command)})(?![\\p{L}\\p{N}])(.*)$`, 'iu').exec(m.text);
  if (!match) return null;
  const diaryNumber = (match[1] ?? '').replace(/^[\s:]+/u, '').trim();
  return diaryNumber === ''
    ? { kind: 'invalid', problem: 'missingDiaryNumber', ref: null, detail: '' }
    : { kind: 'reviewPackFile', diaryNumber };
}

// -----------------------------------------------------------------------------------------------------------
// Recommendations: `visa R-3`, `R-3 åtgärdad [kommentar]`

/**
 * A message about one recommendation: an optional leading word, then the reference (`R-3`, `r3`, `R 3`), then the
 * rest. The reference's own rule (1 to MAX_REF) is {@link parseRecommendationRef}'s.
 */
const RECOMMENDATION_COMMAND =
  /^(?:(\p{L}+)\s+)?r(?:\s?[-\u2010-\u2015\u2212])?\s?(\d+)(?![\p{L}\p{N}@._/\\-])(.*)$/iu;

interface RecommendationCommand {
  readonly lead: string | null;
  readonly ref: number | null;
  readonly digits: string;
  /** What follows the reference, separators at its start removed. */
  readonly rest: string;
}

function readRecommendationCommand(m: Message): RecommendationCommand | null {
  const match = RECOMMENDATION_COMMAND.exec(m.text);
  if (!match) return null;
  const digits = match[2] ?? '';
  let ref: number | null = null;
  try {
    ref = parseRecommendationRef(`R-${digits}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  return {
    lead: match[1] ?? null,
    ref,
    digits,
    rest: (match[3] ?? '').replace(/^[\s:;,.\-\u2013\u2014]+/u, ''),
  };
}

function parseShowRecommendation(m: Message, keyword: RegExp): Intent | null {
  const command = readRecommendationCommand(m);
  if (!command || !/^[\s.!?]*$/u.test(command.rest)) return null;
  if (command.lead !== null && !keyword.test(command.lead)) return null;
  if (command.ref === null) {
    return { kind: 'invalid', problem: 'badReference', ref: null, detail: clipDetail(`R-${command.digits}`) };
  }
  return { kind: 'showRecommendation', ref: command.ref };
}

function parseVerdictCommand(m: Message, keyword: RegExp): Intent | null {
  const command = readRecommendationCommand(m);
  if (!command || command.lead !== null) return null;
  const span = find(keyword, command.rest);
  if (!span || span.start !== 0) return null;
  if (command.ref === null) {
    return { kind: 'invalid', problem: 'badReference', ref: null, detail: clipDetail(`R-${command.digits}`) };
  }
  return {
    kind: 'verdict',
    ref: command.ref,
    verdict: parseVerdict(span.text.replace(/\s+/gu, ' ')),
    comment: commentFrom(command.rest.slice(span.end)),
  };
}

// -----------------------------------------------------------------------------------------------------------
// Stage 3: write commands

/** Words that report an action done, in Swedish inflections and English. */
const DONE_WORDS = [...COMMANDS.done.patterns.sv, ...COMMANDS.done.patterns.en];
/** Words that report work in progress. */
const PROGRESS_WORDS = [...COMMANDS.inProgress.patterns.sv, ...COMMANDS.inProgress.patterns.en];

/** Whole words only: "klarar", "progress report" and "startsida" report nothing. */
const STATUS_WORD = words([...PROGRESS_WORDS, ...DONE_WORDS].join('|'));

function statusOf(word: string): ReportedStatus {
  return DONE_WORDS.includes(word.toLowerCase()) ? 'Genomförd' : 'Pågår';
}

/** One write command: the keyword that announces it and how the rest of the message is read. */
interface Verb {
  readonly keyword: RegExp;
  readonly build: (m: Message, ref: ValidRef, keyword: Span) => Intent;
}

/** A piece of the cleaned text: where it starts and ends, and what it says. */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The sub-table of writes, from the command table. The keyword found first in the sentence wins
 * ({@link parseWriteCommand}); no two of these keywords can start at the same place, so the order is for reading
 * only.
 */
const VERBS: readonly Verb[] = commandEntries().flatMap((command) =>
  command.stage === 'write' ? [{ keyword: words(patternSource(command)), build: writeBuilder(command) }] : [],
);

/** How a write command reads the rest of the message, by the kind of argument it takes. */
function writeBuilder(command: Extract<Command, { stage: 'write' }>): Verb['build'] {
  if (command.argument === 'status') {
    // A question about the status shows the action; a negated or future sentence reports nothing.
    const { status } = command;
    return (m, ref, keyword) => {
      const reading = readClaim(m.text, keyword, status);
      if (reading === 'question') return { kind: 'show', ref: ref.ref };
      if (reading === 'notAClaim') return { kind: 'unknown', mentionedRef: ref.ref };
      const start = Math.max(ref.end, keyword.end);
      return { kind: 'setStatus', ref: ref.ref, status, comment: commentFrom(m.text.slice(start)) };
    };
  }
  if (command.argument === 'text') {
    return (m, ref, keyword) => {
      const text = commentFrom(m.text.slice(Math.max(ref.end, keyword.end)));
      return text === null
        ? { kind: 'invalid', problem: 'missingNote', ref: ref.ref, detail: '' }
        : { kind: 'note', ref: ref.ref, text };
    };
  }
  if (command.argument === 'link') {
    return (m, ref, keyword) => {
      const rest = m.text.slice(Math.max(ref.end, keyword.end)).replace(/^[\s:;,\-\u2013\u2014]+/u, '');
      const link = /^\S+/u.exec(rest)?.[0] ?? null;
      return {
        kind: 'evidence',
        ref: ref.ref,
        link,
        description: link === null ? null : commentFrom(rest.slice(link.length)),
        text: commentFrom(rest),
      };
    };
  }
  const { intent } = command;
  return (m, ref, keyword) => {
    const date = readDate(m, ref, keyword);
    if (date.kind !== 'date') {
      // The answer's example is the command the user wrote.
      const problem =
        intent !== 'snooze'
          ? date.problem
          : date.problem === 'badDate'
            ? 'badSnoozeDate'
            : 'missingSnoozeDate';
      return { kind: 'invalid', problem, ref: ref.ref, detail: date.detail };
    }
    return intent === 'snooze'
      ? { kind: 'snooze', ref: ref.ref, until: date.date, reason: date.rest }
      : { kind: 'newDate', ref: ref.ref, date: date.date, reason: date.rest };
  };
}

function parseWriteCommand(m: Message): Intent | null {
  const ref = singleRef(m);
  if (!ref) return null;
  let first: { verb: Verb; span: Span } | null = null;
  for (const verb of VERBS) {
    const span = find(verb.keyword, m.text);
    if (span && (!first || span.start < first.span.start)) first = { verb, span };
  }
  return first ? first.verb.build(m, ref, first.span) : null;
}

/** The first match of `pattern` in `text`, with its position (a copy of the pattern: no shared lastIndex). */
function find(pattern: RegExp, text: string): Span | null {
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length, text: match[0] } : null;
}

// --- Dates -------------------------------------------------------------------------------------------------

type DateReading =
  | { kind: 'date'; date: string; rest: string | null }
  | { kind: 'problem'; problem: 'badDate' | 'missingDate'; detail: string };

/**
 * Words allowed between the keyword and the date: "flytta A-17 till den 2026-03-31", "nytt datum för A-17
 * blir …".
 */
const DATE_FILLERS = new Set([
  'till',
  'tills',
  'until',
  'to',
  'den',
  'the',
  'på',
  'on',
  'för',
  'for',
  'blir',
  'är',
  'is',
  'ska',
  'vara',
  'be',
  'will',
  'nu',
  'now',
  'sätt',
  'set',
  'datum',
  'date',
]);

/** Words that end a quoted non-date ("nästa fredag eftersom …" names "nästa fredag"). */
const DETAIL_STOPS = new Set(['eftersom', 'pga', 'p.g.a.', 'då', 'because', 'since', 'due', 'as']);

/**
 * Reads the date right after the keyword (skipping the reference and filler words). A date is `YYYY-MM-DD` that
 * exists in the calendar, or a Swedish day, month and year ("30 september 2026") that the deadline phrases read
 * as exactly that day: "31/4", "2026-3-31", "30 september" (no year), "igår" and "nästa fredag" are named back,
 * never guessed.
 */
function readDate(m: Message, ref: RefToken, keyword: Span): DateReading {
  let position = keyword.end;
  for (;;) {
    const rest = m.text.slice(position);
    const lead = /^[\s:;,=\-\u2013\u2014]*/u.exec(rest)?.[0] ?? '';
    position += lead.length;
    if (position === ref.start) {
      position = ref.end;
      continue;
    }
    const word = /^\p{L}+/u.exec(m.text.slice(position))?.[0];
    if (word && DATE_FILLERS.has(word.toLowerCase())) {
      position += word.length;
      continue;
    }
    break;
  }
  const rest = m.text.slice(position);
  if (rest.trim() === '') return { kind: 'problem', problem: 'missingDate', detail: '' };
  const token = (/^\S+/u.exec(rest)?.[0] ?? '').replace(/(?<![.,;:!?)])[.,;:!?)]+$/u, '');
  if (/^\d{4}-\d{2}-\d{2}$/u.test(token)) {
    try {
      const date = parseCivilDate(token);
      return { kind: 'date', date, rest: reasonFrom(m.text.slice(position + token.length), ref) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { kind: 'problem', problem: 'badDate', detail: token };
    }
  }
  const written = DAY_AND_MONTH.exec(rest);
  if (written) {
    const date = exactSwedishDate(written);
    if (date === null) return { kind: 'problem', problem: 'badDate', detail: clipDetail(written[0]) };
    return { kind: 'date', date, rest: reasonFrom(m.text.slice(position + written[0].length), ref) };
  }
  if (/^\d/u.test(token)) return { kind: 'problem', problem: 'badDate', detail: clipDetail(token) };
  return { kind: 'problem', problem: 'badDate', detail: phraseAt(rest) };
}

/** A day and a word after it ("30 september", "2 veckor"), and a year when one follows: the date text as written. */
const DAY_AND_MONTH = /^\d{1,2}(?::?[ae])?\s+\p{L}+\.?(?:\s+(\d{4})(?![\p{L}\p{N}]))?/u;

/**
 * The day a written Swedish date names, read by the deadline phrases (`resolveDeadline`); null unless it has a
 * year and names exactly one day. The phrases resolve a date without a year against the document's date, which
 * chat does not have: so the year is required, and with it the reference date makes no difference.
 */
function exactSwedishDate(written: RegExpExecArray): string | null {
  const year = written[1];
  if (year === undefined) return null;
  const resolved = resolveDeadline(written[0], `${year}-01-01`);
  return resolved.kind === 'exact' ? resolved.date : null;
}

/** The few words a non-date begins with, up to a separator or "eftersom". */
function phraseAt(text: string): string {
  const phrase = /^[^,.;:!?]*/u.exec(text)?.[0] ?? '';
  const kept: string[] = [];
  for (const word of phrase.trim().split(' ')) {
    if (kept.length === 3 || DETAIL_STOPS.has(word.toLowerCase())) break;
    kept.push(word);
  }
  return clipDetail(kept.join(' '));
}

/**
 * The reason after a date; a reference written after it ("… 2026-03-31 för A-17") is not part of the reason.
 */
function reasonFrom(text: string, ref: RefToken): string | null {
  const withoutRef = text.includes(ref.text)
    ? text.replace(
        new RegExp(`(?:${W0}(?:för|for|på|on|gäller|re)\\s+)?${escapeRegExp(ref.text)}`, 'iu'),
        ' ',
      )
    : text;
  return commentFrom(withoutRef.replace(/\s+/gu, ' '));
}

// --- Status ------------------------------------------------------------------------------------------------

/*
 * Words that make a status word not a report, when they stand in the same clause before it: negations ("inte
 * klar"), future and modal verbs ("blir klar", "ska vara klar"), conditions and hedges ("om", "när",
 * "nästan", "tror"). Checked on whole words, lower case.
 */
const NEGATIONS = new Set([
  'inte',
  'ej',
  'icke',
  'aldrig',
  'inget',
  'inga',
  'ingen',
  'knappt',
  'not',
  'never',
  'no',
  'none',
  'nothing',
  'hardly',
  'nor',
]);
/** English contractions ending in n't (with or without the apostrophe, which phones often leave out). */
const ENGLISH_NEGATION =
  /^(?:is|are|was|were|has|have|had|do|does|did|wo|ca|could|should|would)n'?t$|^cannot$/u;
const HEDGES = new Set([
  'ska',
  'skall',
  'skulle',
  'kommer',
  'blir',
  'bli',
  'borde',
  'bör',
  'måste',
  'kan',
  'kunde',
  'kanske',
  'tror',
  'hoppas',
  'nästan',
  'snart',
  'troligen',
  'förhoppningsvis',
  'om',
  'ifall',
  'när',
  'innan',
  'förrän',
  'will',
  'would',
  'should',
  'shall',
  'could',
  'can',
  'must',
  'might',
  'may',
  'maybe',
  'perhaps',
  'probably',
  'almost',
  'nearly',
  'soon',
  'hopefully',
  'hope',
  'think',
  'if',
  'when',
  'whether',
  'once',
  'until',
  'going',
]);
/**
 * After a done word, these make it future: "klar snart", "klar till maj", "done by Friday", "klar om en
 * vecka".
 */
const FUTURE_AFTER = new Set([
  'snart',
  'soon',
  'senare',
  'later',
  'imorgon',
  'tomorrow',
  'nästa',
  'next',
  'om',
  'till',
  'by',
]);
/**
 * Verbs of a request ("kan du markera A-17 som klar?"): polite modals and a question mark then still mean "do
 * it".
 */
const COMMAND_VERBS = new Set([
  'markera',
  'sätt',
  'ändra',
  'rapportera',
  'registrera',
  'mark',
  'set',
  'change',
  'report',
]);
/**
 * A clause that starts with one of these and does not go straight to the status word is a question: "är A-17
 * klar".
 */
const QUESTION_AUX = new Set(['är', 'var', 'har', 'blev', 'is', 'was', 'are', 'has', 'have', 'did', 'does']);

/** Clause edges: punctuation, and "men"/"but" (what was negated before them is not negated after). */
const CLAUSE_EDGE = /[.;:!?,]|(?<![\p{L}\p{N}])(?:men|but|utan)(?![\p{L}\p{N}])/giu;

type ClaimReading = 'claim' | 'question' | 'notAClaim';

/**
 * Decides whether a status word is a report ("A-17 är klar"), a question, or something else (negated,
 * future).
 */
function readClaim(text: string, status: Span, kind: ReportedStatus): ClaimReading {
  let clauseStart = 0;
  for (const edge of text.slice(0, status.start).matchAll(CLAUSE_EDGE)) {
    clauseStart = (edge.index ?? 0) + edge[0].length;
  }
  const before = wordsOf(text.slice(clauseStart, status.start));
  const afterClause = text.slice(status.end);
  const nextEdge = /[.;:!?,]/u.exec(afterClause);
  const after = wordsOf(nextEdge ? afterClause.slice(0, nextEdge.index) : afterClause).slice(0, 2);
  const isNegation = (word: string) => NEGATIONS.has(word) || ENGLISH_NEGATION.test(word);

  if (before.some(isNegation) || after.some(isNegation)) return 'notAClaim';
  const request = before.some((word) => COMMAND_VERBS.has(word));
  if (request) return 'claim';
  if (nextEdge?.[0] === '?') return 'question';
  if (before.length > 1 && QUESTION_AUX.has(before[0] ?? '')) return 'question';
  if (before.some((word) => HEDGES.has(word) || word.endsWith("'ll"))) return 'notAClaim';
  if (kind === 'Genomförd' && after.length > 0 && FUTURE_AFTER.has(after[0] ?? '')) return 'notAClaim';
  return 'claim';
}

function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\u2019/gu, "'")
      .match(/[\p{L}\p{N}']+/gu) ?? []
  ).map((word) => word.replace(/^'+|(?<!')'+$/gu, ''));
}

/** Words that carry no comment on their own: "A-17 är klar nu" has no comment. */
const EMPTY_COMMENT_WORDS = new Set([
  'nu',
  'now',
  'tack',
  'thanks',
  'idag',
  'today',
  'också',
  'too',
  'då',
  'ok',
]);

/**
 * The comment or reason: what follows the command, separators trimmed, the user's text otherwise as written
 * (case, quotes, apostrophes). Null when nothing with letters or digits is left, or only filler ("nu").
 */
function commentFrom(text: string): string | null {
  const comment = text.replace(/^[\s:;,.!\-\u2013\u2014|]+/u, '').trim();
  if (!/[\p{L}\p{N}]/u.test(comment)) return null;
  if (wordsOf(comment).every((word) => EMPTY_COMMENT_WORDS.has(word))) return null;
  return comment;
}

// --- Status without reference ------------------------------------------------------------------------------

/** Words too common to identify an action: "jag är klar" names nothing, "inventeringen är klar" does. */
const NON_NAMING_WORDS = new Set([
  'jag',
  'vi',
  'det',
  'den',
  'detta',
  'allt',
  'alla',
  'också',
  'redan',
  'idag',
  'helt',
  'gjort',
  'hej',
  'tack',
  'this',
  'that',
  'have',
  'been',
  'with',
  'today',
  'already',
  'everything',
  'done',
  'thanks',
  'hello',
]);

function parseStatusWithoutRef(m: Message): Intent | null {
  const span = find(STATUS_WORD, m.text);
  if (!span) return null;
  const status = statusOf(span.text);
  if (readClaim(m.text, span, status) !== 'claim') return { kind: 'unknown', mentionedRef: null };
  const text = `${m.text.slice(0, span.start)} ${m.text.slice(span.end)}`
    .replace(EMOJI, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}]+|(?<![\s\p{P}])[\s\p{P}]+$/gu, '');
  const naming = wordsOf(text).filter((word) => /^\p{L}{4,}$/u.test(word) && !NON_NAMING_WORDS.has(word));
  return naming.length > 0
    ? { kind: 'statusWithoutRef', status, text }
    : { kind: 'unknown', mentionedRef: null };
}

// -----------------------------------------------------------------------------------------------------------

function clipDetail(text: string): string {
  return clip(text, MAX_DETAIL_LENGTH);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
