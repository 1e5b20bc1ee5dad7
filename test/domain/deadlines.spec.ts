import assert from 'node:assert/strict';
import {
  findDeadline,
  resolveDeadline,
  type DeadlineKind,
  type ResolvedDeadline,
} from '../../src/domain/deadlines';
import { DomainError } from '../../src/domain/errors';

/** The date most rows are written on: a Wednesday in ISO week 11 of 2023. */
const DOC = '2023-03-15';

/**
 * One phrase and what it must resolve to. Every expected date is worked out by hand from a calendar, never by
 * the code under test. `doc` defaults to {@link DOC}.
 */
interface Row {
  phrase: string;
  doc?: string;
  date: string | null;
  kind: DeadlineKind;
  occurrences?: string[];
}

/** The full result a row promises: needsDate follows date, phrase is the input trimmed and never rewritten. */
function expected(row: Row, phrase: string): ResolvedDeadline {
  const result: ResolvedDeadline = { date: row.date, phrase, kind: row.kind, needsDate: row.date === null };
  if (row.occurrences !== undefined) result.occurrences = row.occurrences;
  return result;
}

/** A test title that shows invisible and combining characters as escapes instead of hiding them. */
function shown(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0300-\u036F\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/gu,
    (char) => `\\u${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? ''}`,
  );
}

function resolves(rows: Row[]): void {
  for (const row of rows) {
    const doc = row.doc ?? DOC;
    it(`${shown(row.phrase)} written ${doc} -> ${row.date ?? 'null'} (${row.kind})`, () => {
      assert.deepEqual(resolveDeadline(row.phrase, doc), expected(row, row.phrase.trim()));
    });
  }
}

describe('resolveDeadline', () => {
  describe('exact dates', () => {
    resolves([
      { phrase: '2022-05-31', date: '2022-05-31', kind: 'exact' },
      { phrase: 'senast 2022-05-31', date: '2022-05-31', kind: 'exact' },
      { phrase: 'senast den 31 maj 2022', date: '2022-05-31', kind: 'exact' },
      { phrase: '31 maj 2022', date: '2022-05-31', kind: 'exact' },
      { phrase: '31 jul 2023', date: '2023-07-31', kind: 'exact' },
      { phrase: 'före 2022-05-31', date: '2022-05-30', kind: 'exact' },
      { phrase: 'senast 29 februari 2024', date: '2024-02-29', kind: 'exact' },
      // No year: the next such day on or after the document's date.
      { phrase: 'den 1 april', doc: '2023-03-15', date: '2023-04-01', kind: 'exact' },
      { phrase: 'den 1 april', doc: '2023-04-02', date: '2024-04-01', kind: 'exact' },
      { phrase: '29 februari', doc: '2023-03-01', date: '2024-02-29', kind: 'exact' },
      // Days the calendar lacks are never rolled over into the next month.
      { phrase: '2023-02-30', date: null, kind: 'unknown' },
      { phrase: '2023-04-31', date: null, kind: 'unknown' },
      { phrase: 'senast 29 februari 2023', date: null, kind: 'unknown' },
      { phrase: '2023-13-01', date: null, kind: 'unknown' },
      // d/m or m/d? Not guessed.
      { phrase: 'den 31/5 2022', date: null, kind: 'unknown' },
    ]);
  });

  describe('months', () => {
    resolves([
      { phrase: 'senast i april 2023', date: '2023-04-30', kind: 'month' },
      { phrase: 'i april 2023', date: '2023-04-30', kind: 'month' },
      { phrase: 'under april 2023', date: '2023-04-30', kind: 'month' },
      { phrase: 'April 2023', date: '2023-04-30', kind: 'month' },
      { phrase: 'till april', doc: '2023-01-10', date: '2023-04-30', kind: 'month' },
      { phrase: 'till april', doc: '2023-05-10', date: '2024-04-30', kind: 'month' },
      { phrase: 'i mars', doc: '2023-03-15', date: '2023-03-31', kind: 'month' },
      { phrase: 'senast i februari 2024', date: '2024-02-29', kind: 'month' },
      { phrase: 'senast i februari 2023', date: '2023-02-28', kind: 'month' },
      { phrase: 'i februari', doc: '2023-03-15', date: '2024-02-29', kind: 'month' },
      { phrase: 'i början av april 2023', date: '2023-04-10', kind: 'month' },
      { phrase: 'i mitten av april 2023', date: '2023-04-20', kind: 'month' },
      { phrase: 'i slutet av april 2023', date: '2023-04-30', kind: 'month' },
      { phrase: 'innan april 2023', date: '2023-03-31', kind: 'month' },
      { phrase: 'senast i sept. 2023', date: '2023-09-30', kind: 'month' },
      { phrase: 'okt 2023', date: '2023-10-31', kind: 'month' },
      { phrase: 'jan 2024', date: '2024-01-31', kind: 'month' },
      { phrase: 'jul 2023', date: '2023-07-31', kind: 'month' },
      { phrase: 'i juli', date: '2023-07-31', kind: 'month' },
      { phrase: 'december', date: '2023-12-31', kind: 'month' },
      // "jul" alone is Christmas, not July.
      { phrase: 'innan jul', date: null, kind: 'unknown' },
      { phrase: 'efter april 2023', date: null, kind: 'unknown' },
    ]);
  });

  describe('seasons, terms and half-years', () => {
    resolves([
      { phrase: 'under hösten 2021', date: '2021-11-30', kind: 'season' },
      { phrase: 'våren 2021', date: '2021-05-31', kind: 'season' },
      { phrase: 'under våren 2021', date: '2021-05-31', kind: 'season' },
      { phrase: 'till våren', doc: '2023-01-10', date: '2023-05-31', kind: 'season' },
      { phrase: 'innan sommaren', doc: '2023-02-15', date: '2023-05-31', kind: 'season' },
      { phrase: 'innan sommaren', doc: '2023-09-01', date: '2024-05-31', kind: 'season' },
      { phrase: 'före sommaren 2022', date: '2022-05-31', kind: 'season' },
      { phrase: 'till sommaren', date: '2023-05-31', kind: 'season' },
      { phrase: 'till och med sommaren 2023', date: '2023-08-31', kind: 'season' },
      { phrase: 'under sommaren', date: '2023-08-31', kind: 'season' },
      { phrase: 'efter sommaren', date: '2023-09-30', kind: 'season' },
      { phrase: 'innan hösten', date: '2023-08-31', kind: 'season' },
      { phrase: 'i höst', date: '2023-11-30', kind: 'season' },
      { phrase: 'i vår', date: '2023-05-31', kind: 'season' },
      { phrase: 'under vintern 2023', date: '2024-02-29', kind: 'season' },
      { phrase: 'under vintern', doc: '2023-01-15', date: '2023-02-28', kind: 'season' },
      { phrase: 'under vintern', doc: '2023-03-15', date: '2024-02-29', kind: 'season' },
      { phrase: 'efter vintern 2023', date: '2024-03-31', kind: 'season' },
      { phrase: 'under höstterminen 2021', date: '2021-12-31', kind: 'season' },
      { phrase: 'ht 2021', date: '2021-12-31', kind: 'season' },
      { phrase: 'ht21', date: '2021-12-31', kind: 'season' },
      { phrase: 'innan höstterminen 2021', date: '2021-07-31', kind: 'season' },
      { phrase: 'vt 2022', date: '2022-06-30', kind: 'season' },
      { phrase: 'vårterminen 2022', date: '2022-06-30', kind: 'season' },
      { phrase: 'första halvåret 2022', date: '2022-06-30', kind: 'season' },
      { phrase: 'under andra halvåret 2022', date: '2022-12-31', kind: 'season' },
    ]);
  });

  describe('years', () => {
    resolves([
      { phrase: 'innan årets slut', date: '2023-12-31', kind: 'year' },
      { phrase: 'innan årets slut', doc: '2023-12-31', date: '2023-12-31', kind: 'year' },
      { phrase: 'före årets slut', date: '2023-12-31', kind: 'year' },
      { phrase: 'under året', date: '2023-12-31', kind: 'year' },
      { phrase: 'senast vid årsskiftet', date: '2023-12-31', kind: 'year' },
      { phrase: 'under innevarande år', date: '2023-12-31', kind: 'year' },
      { phrase: 'i år', date: '2023-12-31', kind: 'year' },
      { phrase: 'under 2021', date: '2021-12-31', kind: 'year' },
      { phrase: 'under hela 2021', date: '2021-12-31', kind: 'year' },
      { phrase: '2021', date: '2021-12-31', kind: 'year' },
      { phrase: 'senast 2021', date: '2021-12-31', kind: 'year' },
      { phrase: 'innan 2022', date: '2021-12-31', kind: 'year' },
      { phrase: 'i slutet av 2021', date: '2021-12-31', kind: 'year' },
      { phrase: 'till årsskiftet 2021/2022', date: '2021-12-31', kind: 'year' },
      { phrase: 'till årsskiftet 2021/22', date: '2021-12-31', kind: 'year' },
      { phrase: 'till årsskiftet 2021/2023', date: null, kind: 'unknown' },
      { phrase: 'nästa år', date: '2024-12-31', kind: 'year' },
      { phrase: 'under nästa år', date: '2024-12-31', kind: 'year' },
      // Plural as often as not ("the coming years"): not guessed.
      { phrase: 'kommande år', date: null, kind: 'unknown' },
    ]);
  });

  describe('ISO weeks (the Sunday ends the week)', () => {
    resolves([
      { phrase: 'vecka 12', doc: '2023-03-15', date: '2023-03-26', kind: 'week' },
      { phrase: 'vecka 12', doc: '2023-04-01', date: '2024-03-24', kind: 'week' },
      { phrase: 'v12', date: '2023-03-26', kind: 'week' },
      { phrase: 'v. 12 2024', date: '2024-03-24', kind: 'week' },
      { phrase: 'vecka 12 2026', date: '2026-03-22', kind: 'week' },
      { phrase: 'innan vecka 12 2024', date: '2024-03-17', kind: 'week' },
      { phrase: 'vecka 1 2021', date: '2021-01-10', kind: 'week' },
      { phrase: 'vecka 1', doc: '2020-12-30', date: '2021-01-10', kind: 'week' },
      { phrase: 'vecka 52 2021', date: '2022-01-02', kind: 'week' },
      { phrase: 'vecka 53 2020', date: '2021-01-03', kind: 'week' },
      { phrase: 'vecka 53', doc: '2020-06-01', date: '2021-01-03', kind: 'week' },
      { phrase: 'vecka 53 2021', date: null, kind: 'unknown' },
      { phrase: 'vecka 53', doc: '2021-06-01', date: null, kind: 'unknown' },
      { phrase: 'vecka 54', date: null, kind: 'unknown' },
      { phrase: 'vecka 0 2023', date: null, kind: 'unknown' },
    ]);
  });

  describe('quarters', () => {
    resolves([
      { phrase: 'Q3 2023', date: '2023-09-30', kind: 'quarter' },
      { phrase: 'kvartal 3 2023', date: '2023-09-30', kind: 'quarter' },
      { phrase: 'tredje kvartalet 2023', date: '2023-09-30', kind: 'quarter' },
      { phrase: 'kv 3 2023', date: '2023-09-30', kind: 'quarter' },
      { phrase: 'under Q4 2024', date: '2024-12-31', kind: 'quarter' },
      { phrase: 'Q1', doc: '2023-03-15', date: '2023-03-31', kind: 'quarter' },
      { phrase: 'Q1', doc: '2023-04-01', date: '2024-03-31', kind: 'quarter' },
      { phrase: 'Q5 2023', date: null, kind: 'unknown' },
    ]);
  });

  describe('recurring', () => {
    resolves([
      {
        phrase: 'i mars och september 2020',
        date: '2020-09-30',
        kind: 'recurring',
        occurrences: ['2020-03-31', '2020-09-30'],
      },
      {
        phrase: 'i mars, juni och september 2021',
        date: '2021-09-30',
        kind: 'recurring',
        occurrences: ['2021-03-31', '2021-06-30', '2021-09-30'],
      },
      {
        phrase: 'i mars och september',
        doc: '2023-05-01',
        date: '2024-03-31',
        kind: 'recurring',
        occurrences: ['2023-09-30', '2024-03-31'],
      },
    ]);
  });

  describe('relative phrases name no day: flagged, never invented', () => {
    resolves(
      [
        'inom kort',
        'på sikt',
        'på längre sikt',
        'löpande',
        'kontinuerligt',
        'snarast',
        'snarast möjligt',
        'framöver',
        'så snart som möjligt',
        'när resurser finns',
        'inom två veckor',
        'årligen',
        'igår',
        'i morgon',
        'nästa fredag',
      ].map((phrase) => ({ phrase, date: null, kind: 'relative' })),
    );
  });

  describe('not understood', () => {
    resolves(
      ['när andan faller på', 'snart kanske', '', '31/5', 'mitt i veckan'].map((phrase) => ({
        phrase,
        date: null,
        kind: 'unknown',
      })),
    );
  });

  describe('normalises what was typed but returns the phrase as written', () => {
    resolves([
      { phrase: 'Under ho\u0308sten 2021', date: '2021-11-30', kind: 'season' },
      { phrase: 'va\u030Aren 2021', date: '2021-05-31', kind: 'season' },
      { phrase: 'under h\u200Bösten\u200D 2021', date: '2021-11-30', kind: 'season' },
      { phrase: '\u202Asenast i april 2023\u202C', date: '2023-04-30', kind: 'month' },
      { phrase: '\u2066innan sommaren\u2069', date: '2023-05-31', kind: 'season' },
      { phrase: '\uFEFFsenast 2022-05-31\u2060', date: '2022-05-31', kind: 'exact' },
      { phrase: 'UNDER  HÖSTEN \t 2021.', date: '2021-11-30', kind: 'season' },
      { phrase: 'senast\u00A0i april 2023!', date: '2023-04-30', kind: 'month' },
    ]);

    it('trims the phrase and keeps everything else, trailing full stop included', () => {
      const result = resolveDeadline('  Under hösten 2021.  ', '2021-04-20');
      assert.equal(result.phrase, 'Under hösten 2021.');
      assert.equal(result.date, '2021-11-30');
    });
  });

  it('throws InvalidDate for a document date the calendar lacks or that is not YYYY-MM-DD', () => {
    for (const documentDate of ['2023-02-30', '15/3 2023', '', 'igår']) {
      assert.throws(
        () => resolveDeadline('innan sommaren', documentDate),
        (error: unknown) => error instanceof DomainError && error.code === 'InvalidDate',
        documentDate,
      );
    }
  });
});

interface SentenceRow {
  sentence: string;
  doc: string;
  /** The stretch of the sentence found, as written; null when the sentence has no deadline. */
  found: Row | null;
}

describe('findDeadline', () => {
  const rows: SentenceRow[] = [
    // The three seed documents; document dates are assumed from their contents.
    {
      sentence: 'Inventeringen kommer att göras under hösten 2021.',
      doc: '2021-04-20',
      found: { phrase: 'under hösten 2021', date: '2021-11-30', kind: 'season' },
    },
    {
      sentence:
        'Ett arbete har påbörjats för att säkerställa ändamålsenliga uppföljningar och utvärdering av samverkan. Arbetet beräknas vara slutfört innan sommaren.',
      doc: '2023-02-15',
      found: { phrase: 'innan sommaren', date: '2023-05-31', kind: 'season' },
    },
    {
      sentence: 'Den reviderade överenskommelsen beräknas vara färdig senast i april 2023.',
      doc: '2023-02-15',
      found: { phrase: 'senast i april 2023', date: '2023-04-30', kind: 'month' },
    },
    {
      // The first date records the past ("Den 2 september 2019 fastställde"): the deadline is the second.
      sentence:
        'Den 2 september 2019 fastställde Kommunstyrelsen det strategiska inriktningsdokument och den politiska handlingsplanen för Socialt hållbart Borås- vi tar gemensamt ansvar för barn och unga. Återkoppling av arbetet kommer att ske till Kommunstyrelsen i mars och september 2020.',
      doc: '2019-11-25',
      found: {
        phrase: 'i mars och september 2020',
        date: '2020-09-30',
        kind: 'recurring',
        occurrences: ['2020-03-31', '2020-09-30'],
      },
    },
    {
      sentence:
        'Nämnden arbetar under innevarande år med att ta fram långsiktiga, kritiska indikatorer, för att bättre kunna mäta effekter av det förebyggande arbetet och samverkan.',
      doc: '2019-11-25',
      found: { phrase: 'under innevarande år', date: '2019-12-31', kind: 'year' },
    },
    {
      sentence:
        'På sikt kommer det systematiska kvalitetsarbetet att utvecklas så att även det förvaltningsöverskridande arbetet kring barn och unga följs upp och analyseras.',
      doc: '2019-11-25',
      found: { phrase: 'På sikt', date: null, kind: 'relative' },
    },
    {
      sentence:
        'Avvikelser kopplade till samverkan lyfts kontinuerligt i samband med BUS-möten så att de kan åtgärdas.',
      doc: '2023-02-15',
      found: { phrase: 'kontinuerligt', date: null, kind: 'relative' },
    },
    {
      sentence: 'Den Lokala överenskommelsen följs upp och revideras varje år.',
      doc: '2021-04-20',
      found: { phrase: 'varje år', date: null, kind: 'relative' },
    },
    {
      sentence:
        'Stadsrevisionen emotser svar från Sociala omsorgsnämnden med planerade åtgärder senast 2022-05-31',
      doc: '2022-02-01',
      found: { phrase: 'senast 2022-05-31', date: '2022-05-31', kind: 'exact' },
    },
    // Dates and words that are not deadlines.
    {
      sentence:
        'Granskningen har genomförts mellan oktober 2020 och februari 2021. Granskningsarbetet har genomförts dels genom dokumentgranskning.',
      doc: '2021-04-20',
      found: null,
    },
    {
      sentence:
        'Det finns mål för Socialnämnden både för 2020 och för 2021 med ett tydligt fokus på samverkan med andra myndigheter och nämnder kring barn och unga.',
      doc: '2021-04-20',
      found: null,
    },
    {
      sentence:
        'I arbetsmarknads- och socialnämndens nämnd- och förvaltningsplan 2023 är arbetet med att utveckla och förbättra samverkan ett prioriterat område.',
      doc: '2023-02-15',
      found: null,
    },
    {
      sentence:
        'Förvaltningen vill också lyfta fram att ett arbetssätt liknande insatserna SIG och SSPF idag tillämpas i kommunen.',
      doc: '2023-02-15',
      found: null,
    },
    { sentence: 'Förslaget till beslut har inga ekonomiska konsekvenser.', doc: '2023-02-15', found: null },
    { sentence: 'Det gäller barn i vår kommun.', doc: DOC, found: null },
    {
      sentence: 'Det ska vara klart i vår.',
      doc: DOC,
      found: { phrase: 'i vår', date: '2023-05-31', kind: 'season' },
    },
    // The original stretch is returned, invisible and decomposed characters included.
    {
      sentence: 'Inventeringen görs under ho\u0308\u200Bsten 2021.',
      doc: '2021-04-20',
      found: { phrase: 'under ho\u0308\u200Bsten 2021', date: '2021-11-30', kind: 'season' },
    },
    {
      sentence: 'Svar senast 2023-02-30.',
      doc: DOC,
      found: { phrase: 'senast 2023-02-30', date: null, kind: 'unknown' },
    },
    {
      sentence: 'Återrapportering sker i mars och i september 2021 till nämnden.',
      doc: DOC,
      found: {
        phrase: 'i mars och i september 2021',
        date: '2021-09-30',
        kind: 'recurring',
        occurrences: ['2021-03-31', '2021-09-30'],
      },
    },
    {
      sentence: 'Planen tas fram under vecka 12 och beslutas Q2 2023.',
      doc: DOC,
      found: { phrase: 'under vecka 12', date: '2023-03-26', kind: 'week' },
    },
  ];

  for (const row of rows) {
    it(`${shown(row.sentence.slice(0, 60))}… -> ${row.found === null ? 'null' : shown(row.found.phrase)}`, () => {
      const result = findDeadline(row.sentence, row.doc);
      assert.deepEqual(result, row.found === null ? null : expected(row.found, row.found.phrase));
    });
  }

  it('throws InvalidDate for a bad document date', () => {
    assert.throws(
      () => findDeadline('Inventeringen kommer att göras under hösten 2021.', '2021-13-01'),
      (error: unknown) => error instanceof DomainError && error.code === 'InvalidDate',
    );
  });
});
