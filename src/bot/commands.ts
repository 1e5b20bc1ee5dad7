/**
 * The chat commands, one entry each: the words that call it in Swedish and English, the intent it gives (which
 * names its handler in `handlers/chat.ts`), who may use it and where, and its place in the parse. Its line in
 * `hjälp` and its entry in Teams' command menu are in the text catalogue under the same key
 * (`src/texts`, `commands`).
 *
 * Generated from this table: the parser's command steps (`intents.ts`), `hjälp`/`help` (`messages.ts`), the
 * words that tell the language of a message (`commandLanguage.ts`) and the manifest's `commandLists`
 * (`scripts/appPackage/commandLists.ts`, checked by a test).
 *
 * **The order is the design.** The parser tries the entries top to bottom within fixed stages: positional
 * commands first (their arguments hold e-mail addresses and ids, which must not be read as references), then
 * writes (which need a reference; the keyword that comes first in the sentence wins), then reading one action,
 * then read-only lists, and last the guess of a status sentence without a reference. Between the stages the
 * parser's own guards answer messages naming an impossible reference or several actions. A new command is one
 * entry here and one text per language in the catalogue; a write with a new kind of argument also needs its
 * reader in `intents.ts`.
 *
 * Patterns are regular-expression sources matched case-insensitively, as whole words, on the cleaned text; the
 * two languages' patterns together are what the parser accepts, so "roll add" works as well as "role add".
 */
import type { CommandTexts } from '../texts';
import type { Intent, Message, ReportedStatus } from './intents';

/** The key of a command: its entry here and its texts in the catalogue. */
export type CommandKey = keyof CommandTexts;

/** Teams' conversation kinds, as the manifest's `commandLists` name them. */
export type MenuScope = 'personal' | 'team' | 'groupChat';

interface CommandBase {
  /** Why the entry sits where it does; read by people, not code. */
  readonly why: string;
  /** Words that call the command, per language; also how the bot tells which language a message is in. */
  readonly patterns: { readonly sv: readonly string[]; readonly en: readonly string[] };
  /**
   * Who may use it; `hjälp` says so for all but `everyone`. `auditor`: auditors only; `reviewers`: auditors, the
   * chair and admins; `board`: the chair and admins; `coordinators`: admins, and coordinators for their committees.
   */
  readonly who: 'everyone' | 'admin' | 'auditor' | 'reviewers' | 'board' | 'coordinators';
  /** `team`: it means something only in a team channel (the menu offers it only there). */
  readonly where: 'anywhere' | 'team';
  /**
   * The conversation kinds whose Teams command menu offers it. Each kind's menu is the same for every user and
   * holds at most ten commands (Teams' limit), so each offers what most users of that kind need: in personal chat
   * an official's own work (status, note, evidence, which may be a file sent there, new date); in a team channel and
   * a group chat the shared views (overdue, summary, to review) and, in a channel, `digest här`. Commands few people
   * use (roles, verdicts, the file commands of the chair and auditors, unreachable owners, snooze) are left to
   * `hjälp` and the welcome card. A file command, were it offered, belongs in personal chat only, where files come;
   * a `team` command in the team menu only.
   */
  readonly menu: readonly MenuScope[];
  /** Its place in `hjälp`, on the menu and on the welcome card: what a user needs first comes first. */
  readonly listed: number;
}

/** One chat command; the stage decides where the parser tries it and how it reads the rest of the message. */
export type Command = CommandBase &
  (
    | { readonly stage: 'positional'; readonly intent: 'role' | 'reviewPackFile' }
    | { readonly stage: 'recommendation'; readonly intent: 'showRecommendation' | 'verdict' }
    | { readonly stage: 'write'; readonly intent: 'snooze' | 'newDate'; readonly argument: 'date' }
    | {
        readonly stage: 'write';
        readonly intent: 'setStatus';
        readonly argument: 'status';
        readonly status: ReportedStatus;
      }
    | { readonly stage: 'write'; readonly intent: 'note'; readonly argument: 'text' }
    | { readonly stage: 'write'; readonly intent: 'evidence'; readonly argument: 'link' }
    | { readonly stage: 'reference'; readonly intent: 'show' }
    | {
        readonly stage: 'read';
        readonly intent: Extract<
          Intent['kind'],
          | 'digestHere'
          | 'overdue'
          | 'myActions'
          | 'summary'
          | 'unreachable'
          | 'outbox'
          | 'help'
          | 'toReview'
          | 'boardReportFile'
        >;
        /** Whole messages that call it besides its patterns (`mina`, `?`, `hej`). */
        readonly also?: (message: Message) => boolean;
      }
  );

/** Every chat command, in parse order within each stage (see the module comment). */
export const COMMANDS: { readonly [K in CommandKey]: Command } = {
  role: {
    why: 'Positional, and its arguments are e-mails and ids, which must not be read as references.',
    stage: 'positional',
    intent: 'role',
    patterns: { sv: ['roll'], en: ['role'] },
    who: 'admin',
    where: 'anywhere',
    menu: [],
    listed: 100,
  },
  reviewPackFile: {
    why: 'Positional: `uppföljning <diarienummer>`; a diary number holds digits and dashes, never a reference.',
    stage: 'positional',
    intent: 'reviewPackFile',
    patterns: { sv: ['uppföljning(?:en)?'], en: ['follow-up', 'follow\\s+up'] },
    who: 'reviewers',
    where: 'anywhere',
    menu: [],
    listed: 77,
  },
  showRecommendation: {
    why: 'Before the action guards: `visa R-3` names a recommendation, which the action references never match.',
    stage: 'recommendation',
    intent: 'showRecommendation',
    patterns: { sv: ['visa', 'öppna'], en: ['show', 'open'] },
    who: 'everyone',
    where: 'anywhere',
    menu: [],
    listed: 72,
  },
  verdict: {
    why: '`R-3 delvis åtgärdad [kommentar]`: the longer verdict names come first, so "delvis åtgärdad" wins.',
    stage: 'recommendation',
    intent: 'verdict',
    patterns: {
      sv: [
        'delvis\\s+åtgärdad',
        'ej\\s+åtgärdad',
        'inte\\s+åtgärdad',
        'åtgärdad',
        'inaktuell',
        'inte\\s+längre\\s+aktuell',
        'ej\\s+längre\\s+aktuell',
      ],
      en: ['partly\\s+implemented', 'not\\s+implemented', 'implemented', 'no\\s+longer\\s+relevant'],
    },
    who: 'auditor',
    where: 'anywhere',
    menu: [],
    listed: 74,
  },
  snooze: {
    why: 'A write: `pausa A-17 till 2026-08-15 [motivering]`.',
    stage: 'write',
    intent: 'snooze',
    argument: 'date',
    patterns: { sv: ['pausa', 'snooza'], en: ['snooze'] },
    who: 'everyone',
    where: 'anywhere',
    menu: [],
    listed: 60,
  },
  newDate: {
    why: 'A write: `A-17 nytt datum 2026-03-31 [motivering]`, `flytta A-17 till 2026-03-31`.',
    stage: 'write',
    intent: 'newDate',
    argument: 'date',
    patterns: {
      sv: ['nytt\\s+(?:slut)?datum', 'ny\\s+deadline', 'flytta[rs]?', 'skjut[s]?\\s+upp'],
      en: ['new\\s+(?:due\\s+)?date', 'new\\s+deadline', 'move', 'postpone'],
    },
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal', 'groupChat'],
    listed: 50,
  },
  done: {
    why: 'A write: `A-17 klar [kommentar]`, `klar med A-17: …`; a question about it shows the action.',
    stage: 'write',
    intent: 'setStatus',
    argument: 'status',
    status: 'Genomförd',
    patterns: {
      sv: [
        'klar',
        'klart',
        'klara',
        'färdig',
        'färdigt',
        'färdiga',
        'genomförd',
        'genomfört',
        'genomförda',
        'genomförts',
        'slutförd',
        'slutfört',
        'avklarad',
        'avklarat',
      ],
      en: ['done', 'finished', 'completed'],
    },
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal', 'team', 'groupChat'],
    listed: 30,
  },
  inProgress: {
    why: 'A write: `A-17 pågår [kommentar]`, `A-17 in progress`.',
    stage: 'write',
    intent: 'setStatus',
    argument: 'status',
    status: 'Pågår',
    patterns: {
      sv: [
        'pågår',
        'pågående',
        'påbörjad',
        'påbörjat',
        'påbörjats',
        'påbörjade',
        'startad',
        'startat',
        'startats',
        'startade',
        'igång',
        'under\\s+arbete',
      ],
      en: ['in\\s+progress', 'started', 'ongoing'],
    },
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal', 'team', 'groupChat'],
    listed: 40,
  },
  note: {
    why: 'A write: `A-17 kommentar <text>`; the status stays as it is.',
    stage: 'write',
    intent: 'note',
    argument: 'text',
    patterns: { sv: ['kommentar', 'anteckning', 'notering'], en: ['note', 'comment'] },
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal', 'team', 'groupChat'],
    listed: 42,
  },
  evidence: {
    why: 'A write: `A-17 underlag <https-länk> [beskrivning]`, or a file sent with `A-17 underlag` as its text.',
    stage: 'write',
    intent: 'evidence',
    argument: 'link',
    patterns: { sv: ['underlag', 'bevis'], en: ['evidence'] },
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal'],
    listed: 44,
  },
  show: {
    why: '`visa A-17`, `status för A-17`, or a reference on its own: show it.',
    stage: 'reference',
    intent: 'show',
    patterns: {
      sv: ['visa', 'öppna', 'status', 'historik', 'detaljer', 'info', 'hur går det med'],
      en: ['show', 'open', 'status', 'history', 'details', 'info', 'how is', 'what about'],
    },
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal', 'team', 'groupChat'],
    listed: 70,
  },
  digestHere: {
    why: 'Before the overdue words: "digest" is the more specific request.',
    stage: 'read',
    intent: 'digestHere',
    patterns: {
      sv: ['(?:veckans\\s+)?digest(?:en)?\\s+(?:här|hit|i den här kanalen)'],
      en: ['(?:veckans\\s+)?digest(?:en)?\\s+(?:here|in this channel)'],
    },
    who: 'admin',
    where: 'team',
    menu: ['team'],
    listed: 90,
  },
  overdue: {
    why: 'Before `mina åtgärder`: "mina försenade åtgärder" wants the overdue list, which shows an official their own.',
    stage: 'read',
    intent: 'overdue',
    patterns: {
      sv: ['försenade', 'försenad', 'försenat', 'förfallna', 'sena åtgärder'],
      en: ['overdue', 'late actions'],
    },
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal', 'team', 'groupChat'],
    listed: 20,
  },
  myActions: {
    why: "The caller's own open actions; `mina` alone is accepted too.",
    stage: 'read',
    intent: 'myActions',
    patterns: {
      sv: ['mina\\s+(?:öppna\\s+|egna\\s+)?(?:åtgärder|uppgifter|ärenden)'],
      en: ['my\\s+(?:open\\s+|own\\s+)?(?:actions|tasks|items)'],
    },
    also: (m) => /^(?:visa )?mina$|^mine$/u.test(m.bare),
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal', 'team', 'groupChat'],
    listed: 10,
  },
  toReview: {
    why: 'Read-only: the recommendations waiting for the auditors, before the summary words.',
    stage: 'read',
    intent: 'toReview',
    patterns: { sv: ['att\\s+granska'], en: ['to\\s+review'] },
    who: 'reviewers',
    where: 'anywhere',
    menu: ['personal', 'team', 'groupChat'],
    listed: 76,
  },
  boardReportFile: {
    why: 'Read-only: the board report as a file in personal chat; "rapportera" is another word.',
    stage: 'read',
    intent: 'boardReportFile',
    patterns: { sv: ['rapport(?:en)?', 'styrelserapport(?:en)?'], en: ['report', 'board\\s+report'] },
    who: 'board',
    where: 'anywhere',
    menu: [],
    listed: 78,
  },
  summary: {
    why: 'Read-only, so a stray "översikt" costs nothing.',
    stage: 'read',
    intent: 'summary',
    patterns: {
      sv: ['sammanställning(?:en)?', 'sammanfattning(?:en)?', 'översikt(?:en)?'],
      en: ['summary', 'overview'],
    },
    who: 'everyone',
    where: 'anywhere',
    menu: ['team', 'groupChat'],
    listed: 80,
  },
  outbox: {
    why: 'Read-only until a button is pressed; admins only (the handler asks the access rules).',
    stage: 'read',
    intent: 'outbox',
    patterns: { sv: ['utkorg(?:en)?'], en: ['outbox'] },
    who: 'admin',
    where: 'anywhere',
    menu: [],
    listed: 96,
  },
  unreachable: {
    why: 'Read-only; admins see every owner, coordinators their committees (the handler asks the access rules).',
    stage: 'read',
    intent: 'unreachable',
    patterns: {
      sv: ['oåtkomliga(?:\\s+ägare)?', 'onåbara(?:\\s+ägare)?'],
      en: ['unreachable(?:\\s+owners)?'],
    },
    who: 'coordinators',
    where: 'anywhere',
    menu: [],
    listed: 95,
  },
  help: {
    why: 'After the lists: "hjälp mig se mina åtgärder" is better answered with the list.',
    stage: 'read',
    intent: 'help',
    patterns: {
      sv: ['hjälp', 'hjalp', 'vad kan du(?:\\s+göra)?', 'hur funkar du', 'hur fungerar du', 'kommandon'],
      en: ['help', 'what can you do', 'how do you work', 'commands'],
    },
    also: (m) => /^\?+$/u.test(m.compact) || /^(?:hej|hejsan|hallå|tjena|hi|hello|hey)$/u.test(m.bare),
    who: 'everyone',
    where: 'anywhere',
    menu: ['personal', 'team', 'groupChat'],
    listed: 110,
  },
};

/** The commands as a list, each with its key, in parse order. */
export function commandEntries(): readonly (Command & { readonly key: CommandKey })[] {
  return (Object.keys(COMMANDS) as CommandKey[]).map((key) => ({ ...COMMANDS[key], key }));
}

/** The commands in the order users see them: `hjälp`, the command menu, the welcome card. */
export function listedCommands(): readonly (Command & { readonly key: CommandKey })[] {
  return [...commandEntries()].sort((a, b) => a.listed - b.listed);
}

/** Every pattern of a command, both languages, as one whole-word regular expression source. */
export function patternSource(command: Command): string {
  return [...command.patterns.sv, ...command.patterns.en].join('|');
}

/** The menu's scopes a command appears in; none when the menus leave it out. */
export function menuScopes(command: Command): readonly MenuScope[] {
  return command.menu;
}
