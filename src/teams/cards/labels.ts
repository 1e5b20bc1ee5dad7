/** Words and phrases the cards show, per language. */
import type { Locale } from '../../texts/locale';

/** Words and phrases the cards show, per language. Strings go to the templates as `labels`; functions count. */
export interface CardTexts {
  action: {
    audit: string;
    recommendation: string;
    action: string;
    committee: string;
    owner: string;
    due: string;
    original: string;
    lastComment: string;
    commentPlaceholder: string;
    newDate: string;
    newDateLabel: string;
    reasonLabel: string;
    reasonPlaceholder: string;
    newDateMissing: string;
    reasonMissing: string;
    saveDate: string;
    history: string;
  };
  list: { show: string };
  summary: {
    title: string;
    asOf: string;
    committee: string;
    total: string;
    shareDone: string;
    allCommittees: string;
    noRows: string;
  };
  history: { title: string; originalDue: string; currentDue: string; noEvents: string };
  confirm: { newStatus: string; comment: string; yes: string; no: string };
  welcome: {
    title: string;
    intro: string;
    commandsHeading: string;
    referenceHint: string;
    cardsHint: string;
    teamHint: string;
  };
  noOwner: string;
  dateMissing: string;
  noDate: string;
  days: (count: number) => string;
  moved: (count: number) => string;
  more: (count: number) => string;
  moreRows: (count: number) => string;
  earlierEvents: (count: number) => string;
  commands: { command: string; description: string; teamOnly?: boolean }[];
}

export const TEXTS: Record<Locale, CardTexts> = {
  sv: {
    action: {
      audit: 'Granskning',
      recommendation: 'Rekommendation',
      action: 'Åtgärd',
      committee: 'Nämnd',
      owner: 'Ansvarig',
      due: 'Slutdatum',
      original: 'Ursprungligt',
      lastComment: 'Senaste kommentar',
      commentPlaceholder: 'Kommentar (valfritt)',
      newDate: 'Nytt datum',
      newDateLabel: 'Nytt slutdatum',
      reasonLabel: 'Motivering',
      reasonPlaceholder: 'Varför flyttas datumet?',
      newDateMissing: 'Välj ett datum.',
      reasonMissing: 'Skriv varför datumet flyttas.',
      saveDate: 'Spara nytt datum',
      history: 'Historik',
    },
    list: { show: 'Visa' },
    summary: {
      title: 'Sammanställning per nämnd',
      asOf: 'Läge per',
      committee: 'Nämnd',
      total: 'Totalt',
      shareDone: 'Andel genomförda',
      allCommittees: 'Alla nämnder',
      noRows: 'Det finns inga åtgärder ännu.',
    },
    history: {
      title: 'Historik',
      originalDue: 'Ursprungligt slutdatum',
      currentDue: 'Nuvarande slutdatum',
      noEvents: 'Ingen historik ännu.',
    },
    confirm: { newStatus: 'Ny status', comment: 'Kommentar', yes: 'Ja', no: 'Nej' },
    welcome: {
      title: 'Hej! Jag följer upp revisionens rekommendationer.',
      intro:
        'Jag påminner om åtgärder som nämnderna har lovat efter revisorernas granskningar, tar emot lägesrapporter och visar vad som är försenat. Skriv med egna ord eller använd kommandona nedan.',
      commandsHeading: 'Det här kan du skriva',
      referenceHint: 'Varje åtgärd har en referens, till exempel A-17. Stora eller små bokstäver går bra.',
      cardsHint: 'På korten kan du också rapportera med knapparna.',
      teamHint: 'I en kanal: skriv @ och mitt namn först, sedan kommandot.',
    },
    noOwner: 'Ingen ansvarig angiven',
    dateMissing: 'Datum saknas – sätt ett datum',
    noDate: 'datum saknas',
    days: (count) => (count === 1 ? '1 dag' : `${count} dagar`),
    moved: (count) => (count === 1 ? 'flyttat 1 gång' : `flyttat ${count} gånger`),
    more: (count) => `… och ${count} till`,
    moreRows: (count) => `… och ${count} nämnder till`,
    earlierEvents: (count) => `… ${count} tidigare händelser visas inte`,
    commands: [
      { command: 'mina åtgärder', description: 'dina öppna åtgärder' },
      { command: 'försenade', description: 'åtgärder som har passerat sitt slutdatum' },
      { command: 'A-17 klar [kommentar]', description: 'markera en åtgärd som genomförd' },
      { command: 'A-17 pågår [kommentar]', description: 'rapportera att arbetet pågår' },
      { command: 'A-17 nytt datum 2026-03-31 [motivering]', description: 'flytta slutdatumet' },
      { command: 'visa A-17', description: 'en åtgärd med hela dess historik' },
      { command: 'sammanställning', description: 'läget per nämnd, för kommunstyrelsen' },
      { command: 'digest här', description: 'veckans sammanfattning i den här kanalen', teamOnly: true },
      { command: 'hjälp', description: 'visar det här kortet igen' },
    ],
  },
  en: {
    action: {
      audit: 'Audit',
      recommendation: 'Recommendation',
      action: 'Action',
      committee: 'Committee',
      owner: 'Owner',
      due: 'Due date',
      original: 'Original',
      lastComment: 'Latest comment',
      commentPlaceholder: 'Comment (optional)',
      newDate: 'New date',
      newDateLabel: 'New due date',
      reasonLabel: 'Reason',
      reasonPlaceholder: 'Why is the date moving?',
      newDateMissing: 'Pick a date.',
      reasonMissing: 'Say why the date is moving.',
      saveDate: 'Save new date',
      history: 'History',
    },
    list: { show: 'Show' },
    summary: {
      title: 'Summary by committee',
      asOf: 'As of',
      committee: 'Committee',
      total: 'Total',
      shareDone: 'Share done',
      allCommittees: 'All committees',
      noRows: 'There are no actions yet.',
    },
    history: {
      title: 'History',
      originalDue: 'Original due date',
      currentDue: 'Current due date',
      noEvents: 'No history yet.',
    },
    confirm: { newStatus: 'New status', comment: 'Comment', yes: 'Yes', no: 'No' },
    welcome: {
      title: "Hi! I follow up the auditors' recommendations.",
      intro:
        "I remind you of the actions committees promised after the auditors' reviews, take your progress reports and show what is overdue. Write in your own words or use the commands below.",
      commandsHeading: 'What you can write',
      referenceHint: 'Every action has a reference such as A-17, in any case.',
      cardsHint: 'On the cards you can also report with the buttons.',
      teamHint: 'In a channel: type @ and my name first, then the command.',
    },
    noOwner: 'No owner set',
    dateMissing: 'No date – set a date',
    noDate: 'no date',
    days: (count) => (count === 1 ? '1 day' : `${count} days`),
    moved: (count) => (count === 1 ? 'moved once' : `moved ${count} times`),
    more: (count) => `… and ${count} more`,
    moreRows: (count) => `… and ${count} more committees`,
    earlierEvents: (count) => `… ${count} earlier events not shown`,
    commands: [
      { command: 'my actions', description: 'your open actions' },
      { command: 'overdue', description: 'actions past their due date' },
      { command: 'A-17 done [comment]', description: 'mark an action as done' },
      { command: 'A-17 in progress [comment]', description: 'report that work is under way' },
      { command: 'A-17 new date 2026-03-31 [reason]', description: 'move the due date' },
      { command: 'show A-17', description: 'one action with its full history' },
      { command: 'summary', description: 'status by committee, for the board' },
      { command: 'digest here', description: "the week's digest in this channel", teamOnly: true },
      { command: 'help', description: 'shows this card again' },
    ],
  },
};

/** Words of the draft and imported cards, per language; strings go to the templates as `labels`. */
export interface DraftTexts {
  draft: {
    heading: string;
    title: string;
    diaryNumber: string;
    auditor: string;
    reportDate: string;
    datePlaceholder: string;
    committees: string;
    required: string;
    warnings: string;
    save: string;
    cancel: string;
  };
  imported: { heading: string };
  intro: (fileName: string) => string;
  counts: (recommendations: number, actions: number) => string;
  confidence: (percent: string) => string;
  created: (count: number) => string;
  nothingNew: string;
  existing: (count: number) => string;
  moreWarnings: (count: number) => string;
}

export const DRAFT_TEXTS: Record<Locale, DraftTexts> = {
  sv: {
    draft: {
      heading: 'Utkast till import',
      title: 'Granskningens titel',
      diaryNumber: 'Diarienummer',
      auditor: 'Revisor',
      reportDate: 'Rapportdatum',
      datePlaceholder: 'ÅÅÅÅ-MM-DD',
      committees: 'Nämnder (en per rad)',
      required: 'Fältet behövs',
      warnings: 'Att kontrollera',
      save: 'Spara',
      cancel: 'Avbryt',
    },
    imported: { heading: 'Importen är sparad' },
    intro: (fileName) =>
      `Läst ur ${fileName}. Rätta granskningens uppgifter och tryck Spara; inget sparas förrän dess.`,
    counts: (recommendations, actions) =>
      `${recommendations} ${recommendations === 1 ? 'rekommendation' : 'rekommendationer'}, ${actions} ${actions === 1 ? 'åtgärd' : 'åtgärder'}`,
    confidence: (percent) => `säkerhet ${percent}`,
    created: (count) => `${count} ${count === 1 ? 'ny åtgärd sparades' : 'nya åtgärder sparades'}:`,
    nothingNew: 'Inget nytt sparades: granskningen och alla åtgärder fanns redan.',
    existing: (count) =>
      `${count} ${count === 1 ? 'åtgärd fanns' : 'åtgärder fanns'} redan och ändrades inte.`,
    moreWarnings: (count) => `… och ${count} till`,
  },
  en: {
    draft: {
      heading: 'Import draft',
      title: 'Audit title',
      diaryNumber: 'Diary number',
      auditor: 'Auditor',
      reportDate: 'Report date',
      datePlaceholder: 'YYYY-MM-DD',
      committees: 'Committees (one per line)',
      required: 'This field is needed',
      warnings: 'To check',
      save: 'Save',
      cancel: 'Cancel',
    },
    imported: { heading: 'The import is saved' },
    intro: (fileName) =>
      `Read from ${fileName}. Correct the audit's details and press Save; nothing is saved until then.`,
    counts: (recommendations, actions) =>
      `${recommendations} ${recommendations === 1 ? 'recommendation' : 'recommendations'}, ${actions} ${actions === 1 ? 'action' : 'actions'}`,
    confidence: (percent) => `confidence ${percent}`,
    created: (count) => `${count} new ${count === 1 ? 'action was' : 'actions were'} saved:`,
    nothingNew: 'Nothing new was saved: the audit and all its actions were there already.',
    existing: (count) =>
      `${count} ${count === 1 ? 'action was' : 'actions were'} there already and did not change.`,
    moreWarnings: (count) => `… and ${count} more`,
  },
};
