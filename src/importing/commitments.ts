/**
 * Does a sentence commit the committee to doing something? Swedish responses commit in a few ways: the future
 * ("kommer att ses över"), the modal "ska" with a verb of doing ("mål ska formuleras"), intent ("avser att",
 * "planeras", "är inplanerat"), an estimate ("beräknas vara klar"), and, as Swedish often does, the present tense
 * with a deadline ("Nämnden arbetar under innevarande år med …") or a passive of change ("det utökas").
 * What is hedged (skulle, bör, kan), negated, past, a purpose ("för att … ska fungera"), a norm quoted from
 * elsewhere ("Enligt överenskommelsen ska …") or talk about the audit itself is not a commitment.
 */
import type { ResolvedDeadline } from '../domain/deadlines';

/** Why a sentence was read as a commitment, and how sure that reading is (0..1). */
export interface Commitment {
  strength: number;
  reason: 'future' | 'modal' | 'intent' | 'estimate' | 'planned' | 'dated' | 'change';
}

/** Verbs of doing, in the infinitive; their passives (-s) count too ("formuleras", "göras", "tas fram"). */
const DOING = (
  'analysera anordna anpassa anställa arbeta avsluta besluta bilda dokumentera erbjuda etablera ' +
  'fastställa formulera fortsätta färdigställa följa förankra förbättra förstärka förtydliga genomföra ' +
  'genomlysa granska göra hålla implementera inleda informera initiera inrätta inventera integrera ' +
  'införa justera kartlägga komplettera kvalitetssäkra lämna omarbeta ordna organisera planera ' +
  'presentera prioritera pröva påbörja rapportera redovisa rekrytera revidera samordna sammanställa se ' +
  'skapa slutföra sprida starta stärka systematisera säkerställa ta tillsätta tydliggöra uppdatera ' +
  'upphandla upprätta utarbeta utbilda utforma utreda utvärdera utveckla utöka ändra återkoppla ' +
  'överväga'
).split(' ');
const DOING_WORDS = new Set(
  DOING.flatMap((verb) => {
    // Present passive of "genomföra" is "genomförs"; of "göra" "görs"; of "följa" "följs".
    const stem = /[rlj]a$/.test(verb) ? verb.slice(0, -1) : verb;
    return [verb, `${verb}s`, `${stem}s`];
  }),
);

/** Present passives that announce a change rather than describe a routine ("revideras", not "följs upp"). */
const CHANGE_PASSIVE =
  /(?<!\p{L})(?:tas fram|ses över|arbetas fram|genomförs|påbörjas|införs|inleds|startas|revideras|utökas|utreds|upprättas|utarbetas|kompletteras|förtydligas|tydliggörs|uppdateras|implementeras|anordnas|fastställs|skapas|inrättas|tillsätts|färdigställs|slutförs|sammanställs|utformas|anpassas|utvecklas|förstärks|förbättras|omarbetas|genomlyses|kartläggs|inventeras|utvärderas|etableras|ändras|justeras)(?!\p{L})/iu;

/** Verbs after "kommer att" that predict an effect instead of promising an act ("det kommer att bli bättre"). */
const EFFECT = new Set(
  (
    'bli vara innebära leda medföra resultera påverka gynna kunna behöva öka minska ge finnas märkas ' +
    'synas kosta få ha'
  ).split(' '),
);

/** Adverbs between a modal and its verb ("kommer nogsamt att följa", "ska sedan återkopplas"). */
const ADVERBS = new Set(
  (
    'också även sedan därefter då nu alltid fortsatt fortsättningsvis vidare gemensamt årligen löpande ' +
    'regelbundet snarast dessutom framöver successivt tillsammans särskilt nogsamt noga aktivt ' +
    'kontinuerligt därför således under'
  ).split(' '),
);

const HEDGED = /(?<!\p{L})(?:skulle|kunde|borde|bör)(?!\p{L})/iu;
const WEAK_MODAL = /(?<!\p{L})(?:kan|behöver|måste|kunna)(?!\p{L})/iu;
const NEGATED =
  /(?<!\p{L})(?:ska|skall|kommer|avser|planerar|planeras)\s+(?:\p{L}+\s+)?(?:inte|ej|icke|aldrig)(?!\p{L})/iu;
const META =
  /föreslås besluta|att godkänna|att anta(?!\p{L})|antas som svar|godkänns och översänds|överlämnas som svar|föreslår att skrivelsen/iu;
const ABOUT_AUDIT =
  /^(?:revisorerna|stadsrevisionen|revisionen|kommunrevisionen|granskningen|rapporten|revisionsrapporten|syftet|bedömningen|ey|pwc|kpmg)(?!\p{L})|revisorerna rekommenderar|rekommenderas/iu;
/**
 * A norm quoted from a law or agreement, not a new undertaking. "Enligt planen", "enligt tidplanen" and "enligt
 * nuvarande planer" quote the committee's own plan, which is what it commits to, so they are no norm.
 */
const QUOTED_NORM = /^(?:enligt|i enlighet med)\s(?!(?:\p{L}+\s)?(?:tids?)?plan(?:en|er|erna)?(?!\p{L}))/iu;
/** A sentence that speaks to the reader ("Här kan du se ritningen …", "Ni kan läsa mer …") promises nothing. */
const TO_THE_READER = /(?<!\p{L})(?:kan|får|ska|kommer)\s+(?:du|ni)(?!\p{L})|^(?:du|ni)\s/iu;
/**
 * "… ska kommunstyrelsen varje kvartal få en rapport": a report the committee owes someone, stated from the receiver's
 * side, is a commitment even though "få" is no verb of doing.
 */
const OWED_REPORT =
  /(?<!\p{L})(?:ska|skall)\s+(?:\p{L}+\s+){0,4}?få\s+(?:en\s+)?(?:rapport|redovisning|återrapport\p{L}*|lägesrapport|lägesbeskrivning)(?!\p{L})/iu;
/**
 * Adverbials between "kommer" and its verb: one word from {@link ADVERBS}, or one of these two-word phrases
 * ("Kommunen kommer även i fortsättningen följa …", "kommer bland annat göra …").
 */
const ADVERBIAL_PAIRS = new Set([
  'i fortsättningen',
  'bland annat',
  'till exempel',
  'i framtiden',
  'på sikt',
]);

/**
 * Does the sentence quote a norm ("Enligt överenskommelsen ska brister hanteras …")? A sentence that continues it
 * ("Detta ska sedan återkopplas …") quotes it too.
 */
export function quotesNorm(sentence: string): boolean {
  return QUOTED_NORM.test(sentence.trim());
}
const PAST =
  /(?<!\p{L})(?:har|hade)\s+(?:\p{L}+\s+){0,3}?\p{L}{2,}(?:at|it|tt|ats|its|ts|rt|gt|nt)(?!\p{L})|(?<!\p{L})\p{L}{3,}(?:ades|des|tes)(?!\p{L})/iu;

/** A goal the sentence states: "med målet att", "med målsättningen att", "med ambitionen att". */
const STATED_GOAL = /(?<!\p{L})med\s+(?:målet|målsättningen|ambitionen)\s+att(?!\p{L})/iu;

/** Undated phrases that still point ahead ("inom kort", "på sikt"), unlike routines ("löpande", "årligen"). */
const FUTURE_ONLY =
  /^(?:(?:senast|till|under|innan|före)\s)?(?:inom kort|inom (?:en )?(?:snar|nära) framtid|på (?:(?:kort|kortare|lång|längre|något längre) )?sikt|snarast|så (?:snart|fort)|framöver|nästa|kommande|inom \S+ (?:dag|vecka|veckor|månad|år)|om \S+ (?:dag|vecka|veckor|månad|år))/iu;

/** The sentence up to its first subordinate clause ("som", "när", "där", "om", "eftersom", "så att", …). */
function beforeSubordinate(sentence: string): string {
  const at = sentence.search(
    /(?<!\p{L})(?:som|när|där|då|om|eftersom|vilket|vilka|så att|innan|medan)(?!\p{L})/iu,
  );
  return at < 0 ? sentence : sentence.slice(0, at);
}

/** Purpose and relative clauses: their "ska" is what something is for, not what the committee will do. */
function mainClauses(sentence: string): string {
  return sentence
    .replace(/(?<!\p{L})för att(?!\p{L})[^,.;]{1,160}?(?<!\p{L})(?:ska|skall)\s+\p{L}+/giu, ' ')
    .replace(/(?<!\p{L})(?:som|vilka|vilket|där)\s+(?:\p{L}+\s+){0,2}?(?:ska|skall)\s+\p{L}+/giu, ' ');
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w !== '');
}

/** Up to `limit` words from `start`, adverbs left out: where the verb of a modal is. */
function verbAfter(tokens: readonly string[], start: number, limit = 4): string[] {
  return tokens.slice(start, start + limit).filter((word) => !ADVERBS.has(word));
}

/** The index of the first token at or after `start` that is no adverb and no two-word adverbial. */
function afterAdverbials(tokens: readonly string[], start: number): number {
  let at = start;
  for (;;) {
    const word = tokens[at] ?? '';
    if (ADVERBS.has(word)) at += 1;
    else if (ADVERBIAL_PAIRS.has(`${word} ${tokens[at + 1] ?? ''}`)) at += 2;
    else return at;
  }
}

function isDoing(word: string): boolean {
  return DOING_WORDS.has(word) || /(?:eras|ieras|iseras)$/.test(word);
}

/**
 * Reads one sentence: a {@link Commitment} when it commits to an action, else null.
 * @param deadline the sentence's deadline (findDeadline), which makes the present tense a plan.
 * @param documentDate the response's date: a "deadline" before it records the past.
 * @example commitmentOf('Inventeringen kommer att göras under hösten 2021.', d, '2021-04-20')?.reason // 'future'
 */
export function commitmentOf(
  sentence: string,
  deadline: ResolvedDeadline | null,
  documentDate: string,
): Commitment | null {
  const text = sentence.trim();
  if (text.endsWith('?') || META.test(text) || ABOUT_AUDIT.test(text) || QUOTED_NORM.test(text)) return null;
  if (TO_THE_READER.test(text)) return null;
  if (/rekommendation/i.test(text) && /(?<!\p{L})(?:svar|besvara|yttra)/iu.test(text)) return null;
  // "… när de egentligen skulle ha arbetat" hedges nothing the committee promises: only a hedge before the first
  // subordinate clause counts.
  if (HEDGED.test(beforeSubordinate(text)) || NEGATED.test(text)) return null;
  const main = mainClauses(text);
  const tokens = words(main);

  const strong = strongCommitment(main, tokens, deadline);
  if (strong !== null) return strong;
  const past = PAST.test(main);
  const dated = deadline !== null && deadline.date !== null && deadline.date >= documentDate;
  // "… kan starta efter sommaren med målet att börja bygga under våren 2025": a goal with a date ahead is a plan,
  // though the step before it is hedged; less sure than an intent said outright.
  if (dated && !past && STATED_GOAL.test(main)) return { strength: 0.7, reason: 'intent' };
  // "… för att bättre kunna mäta effekter" is what the work is for; only the main clause's modal hedges it.
  if (WEAK_MODAL.test(main.replace(/(?<!\p{L})(?:för att|i syfte att|så att)(?!\p{L})[^,.;]*/giu, ' ')))
    return null;

  // "revideras varje år", "uppdateras löpande": a routine, not a change the committee commits to.
  const routine = deadline?.kind === 'relative' && !FUTURE_ONLY.test(deadline.phrase);
  if (!past && !routine && CHANGE_PASSIVE.test(main)) {
    const change = CHANGE_PASSIVE.exec(main);
    // "för att utvecklas" and "behöver utvecklas" are aims and needs, not announcements.
    const before = main
      .slice(0, change?.index ?? 0)
      .trim()
      .split(/\s+/)
      .slice(-2)
      .join(' ')
      .toLowerCase();
    if (!/(?:^|\s)att$/.test(before) && !/(?:behöver|bör|kan|måste)(?:\s\p{L}+)?$/u.test(before)) {
      return { strength: dated ? 0.75 : 0.6, reason: 'change' };
    }
  }
  if (dated && !past && deadline.kind !== 'relative' && deadline.kind !== 'unknown') {
    return { strength: 0.65, reason: 'dated' };
  }
  // "Därefter görs en uppföljning inom kort": a phrase that can only point ahead makes the present a plan, unlike
  // "löpande" or "varje år", which describe a routine.
  if (!past && deadline?.kind === 'relative' && FUTURE_ONLY.test(deadline.phrase)) {
    return { strength: 0.6, reason: 'dated' };
  }
  return null;
}

function strongCommitment(
  main: string,
  tokens: readonly string[],
  deadline: ResolvedDeadline | null,
): Commitment | null {
  if (
    /(?<!\p{L})(?:avser|planerar|ämnar|har för avsikt|åtar sig|har beslutat)(?:\s+\p{L}+){0,10}?\s+att\s+\p{L}/iu.test(
      main,
    )
  ) {
    return { strength: 0.9, reason: 'intent' };
  }
  if (/(?<!\p{L})beräknas(?!\p{L})/iu.test(main)) {
    const finished =
      /beräknas\s+(?:\p{L}+\s+){0,2}?(?:vara\s+)?(?:klar|färdig|slutförd|slutfört|genomförd|genomfört|implementerad|implementerat|på plats|i drift|startas|starta|påbörjas|införas)/iu;
    return { strength: finished.test(main) ? 0.9 : 0.7, reason: 'estimate' };
  }
  if (
    /(?<!\p{L})(?:planeras|är (?:in)?planerad|är (?:in)?planerat|är (?:in)?planerade|är inbokad|är inbokat|är bokad|är bokat)(?!\p{L})/iu.test(
      main,
    )
  ) {
    return { strength: 0.85, reason: 'planned' };
  }
  if (OWED_REPORT.test(main)) return { strength: 0.8, reason: 'modal' };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === 'kommer') {
      // "kommer ske", "kommer att följa", "kommer det systematiska kvalitetsarbetet att utvecklas"; but "det
      // kommer bli ännu vassare på att redovisa" predicts. Adverbials before the verb are passed over.
      const first = tokens[afterAdverbials(tokens, i + 1)] ?? '';
      if (EFFECT.has(first)) continue;
      if (isDoing(first) || first === 'ske') return { strength: 0.9, reason: 'future' };
      const att = tokens.slice(i + 1, i + 6).indexOf('att');
      const verb = att >= 0 ? verbAfter(tokens, i + 2 + att)[0] : undefined;
      if (verb !== undefined && !EFFECT.has(verb)) return { strength: 0.9, reason: 'future' };
    }
    if (token === 'ska' || token === 'skall') {
      const next = verbAfter(tokens, i + 1);
      const dated = deadline !== null && deadline.kind !== 'relative' && deadline.kind !== 'unknown';
      if (next.some(isDoing) || (dated && next.some((w) => w === 'ske' || w === 'vara' || w === 'klart'))) {
        return { strength: 0.85, reason: 'modal' };
      }
    }
  }
  return null;
}
