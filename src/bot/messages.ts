/**
 * Every chat text the bot says, in Swedish and English: one place to read and correct the bot's voice.
 *
 * Each text is a function; values go in only through its parameters. **Callers escape user-written text**
 * (comments, action texts, e-mail addresses, committee names, an `invalid` detail, a domain problem's values)
 * with `escapeMarkdown` from `cards.ts` before passing it: Teams renders these texts as markdown, and
 * `[Godkänt](https://evil)` must show as text (reliability.md, "Markdown"). References (`A-17`, built by
 * `formatRef`), dates the parser has checked (`2026-03-31`), counts and status labels are safe as they are.
 * Commands are shown in `backticks` so that they stand out and can be copied.
 */
import { describeProblem, type DomainProblem } from '../domain/problems';
import type { Role } from '../domain/roles';
import { MAX_MESSAGE_LENGTH, type InvalidProblem } from './intents';
import type { Locale } from '../texts/locale';
import { problemInEnglish } from './problems';

/** The texts of one language. Parameters named `ref` take a formatted reference such as `A-17`. */
export interface Messages {
  /** Answer to `hjälp`/`help`: every command, with examples. */
  help(): string;
  /** A message the bot could not place; names the reference it saw, if any, and what to write instead. */
  unknown(mentionedRef: string | null): string;
  /** A command with a wrong argument; `detail` is the offending text (escaped by the caller). */
  invalid(problem: InvalidProblem, detail: string, ref?: string | null): string;
  /** The caller has no open actions. */
  noActions(): string;
  /** A status change was saved; `statusLabel` from `statusLabel()`. */
  saved(ref: string, statusLabel: string): string;
  /** A new due date was saved. */
  dateChanged(ref: string, date: string): string;
  /** No action has this reference. */
  notFound(ref: string): string;
  /** A storage `NotFoundError`'s own (Swedish) message, put in the user's language's frame. */
  notFoundMessage(message: string): string;
  /** The caller may not see or change the action. */
  notAllowed(ref: string): string;
  /** A card was answered after someone else changed the action; the current card follows. */
  staleCard(ref: string): string;
  /** Two changes at once: this one was not saved; the current card follows. */
  conflict(ref: string): string;
  /** The question on a confirmation card for a free sentence ("inventeringen är klar"). */
  confirmMatch(ref: string, text: string, statusLabel: string): string;
  /** No open action of the caller's matched a free sentence. */
  noMatch(): string;
  /** The answer to Nej on a confirmation card. */
  nothingChanged(): string;
  /** A card button whose verb the bot does not know (a card from an older version, or a forged one). */
  unknownButton(): string;
  /** A card button that opened something in a new message. */
  shown(ref: string): string;
  /**
   * A domain rule was broken: the problem in this language (Swedish as the domain words it, which is also the
   * error's message; English from `problems.ts`). Its string values are escaped by the caller.
   */
  ruleBroken(problem: DomainProblem): string;
  /** Storage cannot be reached: nothing was saved. */
  storageDown(): string;
  /** Storage did not answer in time: a change sent to it may or may not have been saved. */
  storageTimeout(): string;
  /** Any other error: an apology, never a stack trace. */
  unexpected(): string;
  /** A card press Teams delivered again after it was already handled. */
  alreadyHandled(): string;
  /** The activity came from a tenant that is not allowed. */
  tenantNotAllowed(): string;
  /** The activity names no Entra user, so nothing can be shown or changed. */
  unknownUser(): string;
  /** Greeting after installation in a personal chat. */
  welcomePersonal(): string;
  /** Greeting after installation in a team. */
  welcomeTeam(): string;
  /** `digest här` was saved. */
  digestChannelSet(): string;
  /** `digest här` outside a team channel. */
  digestOnlyInChannel(): string;
  /** A role was granted. */
  roleAdded(principal: string, role: Role, committee: string | null): string;
  /** A role was taken back. */
  roleRemoved(principal: string, role: Role, committee: string | null): string;
  /** Only an admin may do this. */
  onlyAdmin(): string;
  /** The caller may read at most (guests, external users, officials asking for board views). */
  readOnly(): string;
  /** Reminders for an action are paused until a date. */
  snoozed(ref: string, until: string): string;
  /** `pausa` was understood, but pausing reminders is not offered. */
  snoozeUnavailable(): string;
  /** A list was cut to fit one Teams message. */
  trimmed(shown: number, total: number): string;
  /** A file was sent, but only admins and coordinators may import. */
  importNotAllowed(): string;
  /** A file of a kind the importer does not read; `fileName` escaped by the caller. */
  importBadFile(fileName: string): string;
  /** The file could not be downloaded (refused address, network, timeout). */
  importDownloadFailed(fileName: string): string;
  /** The file is bigger than the importer reads; `maxMegabytes` is the limit. */
  importTooLarge(fileName: string, maxMegabytes: number): string;
  /** No draft could be made (no recognisable action, unreadable file); `detail` is the importer's reason, escaped. */
  importNoDraft(detail: string): string;
  /** The draft is too big to show and confirm in a card. */
  importDraftTooLarge(): string;
  /** Spara on a draft that does not validate (an edited field, or forged data); `detail` escaped. */
  importInvalid(detail: string): string;
  /** Avbryt on a draft card. */
  importCancelled(): string;
}

const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  sv: { admin: 'administratör', chair: 'ordförande', coordinator: 'samordnare', auditor: 'revisor' },
  en: { admin: 'admin', chair: 'chair', coordinator: 'coordinator', auditor: 'auditor' },
};

const SV: Messages = {
  help: () =>
    [
      '**Det här kan du skriva till mig**',
      '- `mina åtgärder`: dina öppna åtgärder',
      '- `försenade`: åtgärder som har passerat sitt slutdatum',
      '- `A-17 klar protokollet är skickat`: markera en åtgärd som genomförd, med en kommentar om du vill',
      '- `A-17 pågår`: rapportera att arbetet har börjat',
      '- `A-17 nytt datum 2026-03-31 ny leverantör`: flytta slutdatumet, med motivering',
      '- `visa A-17`: en åtgärd med hela dess historik',
      '- `sammanställning`: läget per nämnd, för kommunstyrelsen',
      '- `digest här`: veckans sammanfattning i den här kanalen (i en kanal, för administratörer)',
      '',
      'Referensen står på varje kort, till exempel A-17; a17 går också bra. Du kan skriva med egna ord, som "klar med A-17: protokollet är skickat". Datum skriver du som ÅÅÅÅ-MM-DD. I English works too.',
    ].join('\n'),
  unknown: (mentionedRef) =>
    mentionedRef === null
      ? 'Jag förstod inte riktigt. Skriv till exempel `mina åtgärder`, `A-17 klar protokollet är skickat` eller `försenade`. `hjälp` visar allt jag kan.'
      : `Jag ser att du skriver om ${mentionedRef}, men inte vad du vill göra. Skriv till exempel \`${mentionedRef} klar [kommentar]\`, \`${mentionedRef} pågår\` eller \`visa ${mentionedRef}\`. Jag ändrar inget när det står "inte klar" eller när det gäller flera åtgärder i samma meddelande.`,
  invalid: (problem, detail, ref = null) => {
    const example = ref ?? 'A-17';
    switch (problem) {
      case 'badDate':
        return `${detail ? `"${detail}" kan jag inte använda som datum.` : 'Datumet kan jag inte använda.'} Skriv ett datum som finns i kalendern, som ÅÅÅÅ-MM-DD, till exempel \`${example} nytt datum 2026-03-31 motivering\`. Jag gissar aldrig ett datum.`;
      case 'missingDate':
        return `Det saknas ett datum. Skriv till exempel \`${example} nytt datum 2026-03-31 motivering\`.`;
      case 'badReference':
        return `${detail ? `"${detail}"` : 'Det'} är ingen åtgärdsreferens. En referens ser ut som A-17 och står på varje kort; \`mina åtgärder\` visar dina.`;
      case 'badRole':
        return `${detail ? `"${detail}" är ingen roll jag känner till.` : 'Rollen saknas.'} Välj admin, ordförande eller samordnare, till exempel \`roll lägg till anna.andersson@kommun.se samordnare Sociala omsorgsnämnden\`.`;
      case 'missingPrincipal':
        return `${detail ? `"${detail}" är varken en e-postadress eller ett objekt-id.` : 'Det saknas vem rollen gäller.'} Skriv till exempel \`roll lägg till anna.andersson@kommun.se ordförande\`.`;
      case 'tooLong':
        return `Meddelandet är för långt${detail ? ` (${detail} tecken)` : ''}; jag läser högst ${MAX_MESSAGE_LENGTH} tecken. Skriv kommandot i ett kortare meddelande, till exempel \`A-17 klar kort kommentar\`.`;
    }
  },
  noActions: () => 'Du har inga öppna åtgärder just nu. 🎉',
  saved: (ref, statusLabel) => `Sparat: ${ref} har nu status ${statusLabel}.`,
  dateChanged: (ref, date) => `Sparat: ${ref} har nytt slutdatum ${date}.`,
  notFound: (ref) =>
    `Jag hittar ingen åtgärd ${ref}. Kontrollera referensen på kortet; \`mina åtgärder\` visar dina.`,
  notFoundMessage: (message) => `${message} Kontrollera referensen; \`mina åtgärder\` visar dina.`,
  notAllowed: (ref) =>
    `Du har inte behörighet till ${ref}. Ansvarig, nämndens samordnare och administratörer kommer åt den; fråga någon av dem om något behöver ändras.`,
  staleCard: (ref) => `Någon ändrade ${ref} medan kortet var öppet; här är det aktuella.`,
  conflict: (ref) =>
    `Någon annan ändrade ${ref} samtidigt, så din ändring sparades inte. Här är det aktuella kortet; gör om ändringen om den fortfarande behövs.`,
  confirmMatch: (ref, text, statusLabel) => `Menar du ${ref} "${text}"? Ska den få status ${statusLabel}?`,
  noMatch: () =>
    'Jag hittade ingen av dina öppna åtgärder som passar. Skriv referensen, till exempel `A-17 klar`; `mina åtgärder` visar dina.',
  nothingChanged: () => 'Okej, inget har ändrats.',
  unknownButton: () =>
    'Den knappen känner jag inte igen; kortet kan vara från en äldre version. Skriv `mina åtgärder` för aktuella kort.',
  shown: (ref) => `${ref} visas i ett nytt meddelande.`,
  ruleBroken: (problem) => describeProblem(problem),
  storageDown: () => 'Jag kommer inte åt lagringen just nu. Försök igen om en stund; inget har sparats.',
  storageTimeout: () =>
    'Lagringen svarade inte i tid. Om du ändrade något kan det ändå ha sparats: titta efter med `visa A-17` (med rätt nummer) innan du försöker igen.',
  unexpected: () =>
    'Något gick fel hos mig. Försök igen om en stund; händer det igen, kontakta den som administrerar boten.',
  alreadyHandled: () => 'Det här har jag redan tagit emot. Skriv `mina åtgärder` för aktuella kort.',
  tenantNotAllowed: () => 'Den här boten är inte öppen för din organisation.',
  unknownUser: () =>
    'Jag kan inte se vem du är (ditt konto saknar ett Entra-id), så jag kan inte visa eller ändra något.',
  welcomePersonal: () =>
    'Hej! Jag följer upp revisionens rekommendationer: jag påminner om dina åtgärder och tar emot lägesrapporter. Skriv `mina åtgärder` för att se dina eller `hjälp` för allt jag kan.',
  welcomeTeam: () =>
    'Hej allihop! Jag följer upp revisionens rekommendationer. Skriv @ och mitt namn och sedan kommandot, till exempel `försenade`. En administratör kan skriva `digest här` för att få veckans sammanfattning i den här kanalen.',
  digestChannelSet: () => 'Klart: veckans sammanfattning kommer i den här kanalen från och med nu.',
  digestOnlyInChannel: () =>
    '`digest här` fungerar bara i en kanal i ett team. Skriv det i den kanal som ska få sammanfattningen.',
  roleAdded: (principal, role, committee) =>
    `${principal} har nu rollen ${ROLE_NAMES.sv[role]}${committee ? ` för ${committee}` : ''}.`,
  roleRemoved: (principal, role, committee) =>
    `${principal} har inte längre rollen ${ROLE_NAMES.sv[role]}${committee ? ` för ${committee}` : ''}.`,
  onlyAdmin: () => 'Det kan bara en administratör göra.',
  readOnly: () =>
    'Det kan du inte göra med din behörighet. Ordförande, samordnare och administratörer ser mer; `mina åtgärder` visar dina egna.',
  snoozed: (ref, until) => `Påminnelserna för ${ref} är pausade till och med ${until}.`,
  snoozeUnavailable: () =>
    'Att pausa påminnelser går inte ännu. Behöver slutdatumet flyttas? Skriv till exempel `A-17 nytt datum 2026-08-15 motivering`.',
  trimmed: (shown, total) =>
    `Visar ${shown} av ${total}; resten får inte plats i ett meddelande. \`försenade\` och \`mina åtgärder\` visar kortare listor.`,
  importNotAllowed: () =>
    'Bara administratörer och samordnare kan importera revisionsrapporter och svar. Inget har sparats.',
  importBadFile: (fileName) =>
    `Jag kan inte läsa ${fileName}. Skicka nämndens svar som .docx, .txt eller .md. Inget har sparats.`,
  importDownloadFailed: (fileName) =>
    `Jag kunde inte hämta ${fileName}. Försök skicka filen igen om en stund. Inget har sparats.`,
  importTooLarge: (fileName, maxMegabytes) =>
    `${fileName} är för stor; jag läser filer på högst ${maxMegabytes} MB. Inget har sparats.`,
  importNoDraft: (detail) => `Jag kunde inte göra ett utkast av filen: ${detail}. Inget har sparats.`,
  importDraftTooLarge: () =>
    'Utkastet blev för stort för ett kort i Teams. Be en administratör importera filen med kommandoraden. Inget har sparats.',
  importInvalid: (detail) =>
    `Utkastet kan inte sparas: ${detail}. Rätta fältet och tryck Spara igen. Inget har sparats.`,
  importCancelled: () => 'Okej, importen är avbruten. Inget har sparats.',
};

const EN: Messages = {
  help: () =>
    [
      '**What you can write to me**',
      '- `my actions`: your open actions',
      '- `overdue`: actions past their due date',
      '- `A-17 done sent the minutes`: mark an action done, with a comment if you like',
      '- `A-17 in progress`: report that work has started',
      '- `A-17 new date 2026-03-31 new supplier`: move the due date, with a reason',
      '- `show A-17`: one action with its full history',
      '- `summary`: the state per committee, for the board',
      '- `digest here`: the weekly digest in this channel (in a channel, for admins)',
      '',
      'The reference is on every card, for example A-17; a17 works too. You can use your own words, such as "finished A-17: minutes sent". Write dates as YYYY-MM-DD. Svenska går också bra.',
    ].join('\n'),
  unknown: (mentionedRef) =>
    mentionedRef === null
      ? "I didn't quite get that. Try `my actions`, `A-17 done sent the minutes` or `overdue`. `help` lists everything I can do."
      : `I see you wrote about ${mentionedRef}, but not what you want to do. Try \`${mentionedRef} done [comment]\`, \`${mentionedRef} in progress\` or \`show ${mentionedRef}\`. I change nothing when it says "not done" or when one message names several actions.`,
  invalid: (problem, detail, ref = null) => {
    const example = ref ?? 'A-17';
    switch (problem) {
      case 'badDate':
        return `${detail ? `I can't use "${detail}" as a date.` : "I can't use that date."} Write a date that exists in the calendar as YYYY-MM-DD, for example \`${example} new date 2026-03-31 reason\`. I never guess a date.`;
      case 'missingDate':
        return `The date is missing. Write for example \`${example} new date 2026-03-31 reason\`.`;
      case 'badReference':
        return `${detail ? `"${detail}" is` : 'That is'} not an action reference. A reference looks like A-17 and is on every card; \`my actions\` lists yours.`;
      case 'badRole':
        return `${detail ? `"${detail}" is not a role I know.` : 'The role is missing.'} Choose admin, chair or coordinator, for example \`role add anna.andersson@kommun.se coordinator Social Services Committee\`.`;
      case 'missingPrincipal':
        return `${detail ? `"${detail}" is neither an e-mail address nor an object id.` : 'Who the role is for is missing.'} Write for example \`role add anna.andersson@kommun.se chair\`.`;
      case 'tooLong':
        return `That message is too long${detail ? ` (${detail} characters)` : ''}; I read at most ${MAX_MESSAGE_LENGTH} characters. Send the command in a shorter message, for example \`A-17 done short comment\`.`;
    }
  },
  noActions: () => 'You have no open actions right now. 🎉',
  saved: (ref, statusLabel) => `Saved: ${ref} is now ${statusLabel}.`,
  dateChanged: (ref, date) => `Saved: ${ref} has a new due date, ${date}.`,
  notFound: (ref) =>
    `I can't find an action ${ref}. Check the reference on the card; \`my actions\` lists yours.`,
  notFoundMessage: (message) =>
    `I couldn't find that (${message}). Check the reference; \`my actions\` lists yours.`,
  notAllowed: (ref) =>
    `You don't have access to ${ref}. Its owner, the committee's coordinator and admins do; ask one of them if something needs changing.`,
  staleCard: (ref) => `Someone changed ${ref} while the card was open; here is the current one.`,
  conflict: (ref) =>
    `Someone else changed ${ref} at the same moment, so your change was not saved. Here is the current card; make the change again if it is still needed.`,
  confirmMatch: (ref, text, statusLabel) =>
    `Do you mean ${ref} "${text}"? Should it be set to ${statusLabel}?`,
  noMatch: () =>
    "I couldn't find one of your open actions that fits. Write the reference, for example `A-17 done`; `my actions` lists yours.",
  nothingChanged: () => 'OK, nothing was changed.',
  unknownButton: () =>
    "I don't recognise that button; the card may be from an older version. Write `my actions` for current cards.",
  shown: (ref) => `${ref} is shown in a new message.`,
  ruleBroken: (problem) => problemInEnglish(problem),
  storageDown: () =>
    "I can't reach the storage right now. Please try again in a moment; nothing has been saved.",
  storageTimeout: () =>
    'The storage did not answer in time. If you changed something, it may still have been saved: check with `show A-17` (with the right number) before you try again.',
  unexpected: () =>
    "Something went wrong on my side. Please try again in a moment; if it happens again, contact the bot's admin.",
  alreadyHandled: () => 'I have already received that. Write `my actions` for current cards.',
  tenantNotAllowed: () => 'This bot is not open to your organisation.',
  unknownUser: () =>
    "I can't tell who you are (your account has no Entra id), so I can't show or change anything.",
  welcomePersonal: () =>
    "Hi! I follow up the auditors' recommendations: I remind you of your actions and take your progress reports. Write `my actions` to see yours or `help` for everything I can do.",
  welcomeTeam: () =>
    "Hi everyone! I follow up the auditors' recommendations. Type @ and my name, then the command, for example `overdue`. An admin can write `digest here` to get the weekly digest in this channel.",
  digestChannelSet: () => 'All set: the weekly digest will be posted in this channel from now on.',
  digestOnlyInChannel: () =>
    '`digest here` works only in a team channel. Write it in the channel that should get the digest.',
  roleAdded: (principal, role, committee) =>
    `${principal} now has the role ${ROLE_NAMES.en[role]}${committee ? ` for ${committee}` : ''}.`,
  roleRemoved: (principal, role, committee) =>
    `${principal} no longer has the role ${ROLE_NAMES.en[role]}${committee ? ` for ${committee}` : ''}.`,
  onlyAdmin: () => 'Only an admin can do that.',
  readOnly: () =>
    "Your permissions don't allow that. Chairs, coordinators and admins see more; `my actions` lists your own.",
  snoozed: (ref, until) => `Reminders for ${ref} are paused up to and including ${until}.`,
  snoozeUnavailable: () =>
    "Pausing reminders isn't available yet. Does the due date need to move? Write for example `A-17 new date 2026-08-15 reason`.",
  trimmed: (shown, total) =>
    `Showing ${shown} of ${total}; the rest doesn't fit in one message. \`overdue\` and \`my actions\` give shorter lists.`,
  importNotAllowed: () =>
    'Only admins and coordinators can import audit reports and responses. Nothing was saved.',
  importBadFile: (fileName) =>
    `I can't read ${fileName}. Send the committee's response as .docx, .txt or .md. Nothing was saved.`,
  importDownloadFailed: (fileName) =>
    `I couldn't fetch ${fileName}. Try sending the file again in a moment. Nothing was saved.`,
  importTooLarge: (fileName, maxMegabytes) =>
    `${fileName} is too large; I read files of at most ${maxMegabytes} MB. Nothing was saved.`,
  importNoDraft: (detail) => `I couldn't make a draft from the file (${detail}). Nothing was saved.`,
  importDraftTooLarge: () =>
    'The draft is too large for a card in Teams. Ask an admin to import the file from the command line. Nothing was saved.',
  importInvalid: (detail) =>
    `The draft can't be saved (${detail}). Correct the field and press Save again. Nothing was saved.`,
  importCancelled: () => 'OK, the import is cancelled. Nothing was saved.',
};

/** The bot's texts in the user's language. */
export function messages(locale: Locale): Messages {
  return locale === 'en' ? EN : SV;
}
