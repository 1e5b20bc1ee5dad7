/**
 * The kinds of deadline phrase found in real municipal wording (test/fixtures/corpus) beyond the seed documents:
 * past tense, ranges, season pairs and short forms, weekdays, earliest dates, fillers, tertials and more. Every
 * expected date is worked out by hand from a calendar and the rules in docs/deadline-phrases.md.
 */
import assert from 'node:assert/strict';
import {
  findDeadline,
  resolveDeadline,
  type DeadlineKind,
  type ResolvedDeadline,
} from '../../src/domain/deadlines';

interface PhraseRow {
  phrase: string;
  doc: string;
  date: string | null;
  kind: DeadlineKind;
  occurrences?: string[];
}

interface SentenceRow {
  sentence: string;
  doc: string;
  /** The phrase found, as written, and what it resolves to; null: no deadline in the sentence. */
  found: { phrase: string; date: string | null; kind: DeadlineKind } | null;
}

function expected(row: { date: string | null; kind: DeadlineKind; occurrences?: string[] }, phrase: string) {
  const result: ResolvedDeadline = { date: row.date, phrase, kind: row.kind, needsDate: row.date === null };
  if (row.occurrences !== undefined) result.occurrences = row.occurrences;
  return result;
}

function resolves(rows: readonly PhraseRow[]): void {
  for (const row of rows) {
    it(`"${row.phrase}" written ${row.doc} -> ${row.date ?? 'null'} (${row.kind})`, () => {
      assert.deepEqual(resolveDeadline(row.phrase, row.doc), expected(row, row.phrase));
    });
  }
}

function finds(rows: readonly SentenceRow[]): void {
  for (const row of rows) {
    const shown = row.found === null ? 'null' : `"${row.found.phrase}" -> ${row.found.date ?? 'null'}`;
    it(`"${row.sentence}" written ${row.doc} -> ${shown}`, () => {
      const result = findDeadline(row.sentence, row.doc);
      assert.deepEqual(result, row.found === null ? null : expected(row.found, row.found.phrase));
    });
  }
}

describe('deadline phrases from real municipal wording', () => {
  describe('a clause in the past tense reports history, not a deadline', () => {
    finds([
      { sentence: 'Bygget har startat i augusti 2023.', doc: '2023-09-01', found: null },
      {
        sentence: 'Arvodena har ökat under hösten vilket har finansierats genom reserven.',
        doc: '2023-12-04',
        found: null,
      },
      { sentence: 'I september öppnade simhallen för allmänheten.', doc: '2021-03-01', found: null },
      { sentence: 'Ett brevutskick gjordes i slutet av augusti 2022.', doc: '2022-11-22', found: null },
      { sentence: 'Vid sammanträdet, i slutet av maj, godkändes planen.', doc: '2024-06-19', found: null },
      { sentence: 'I början av juni 2022 hölls informationsmöten.', doc: '2024-03-14', found: null },
      {
        sentence: 'Under 2022 har en inventering över området på och kring berget utförts.',
        doc: '2023-01-31',
        found: null,
      },
      {
        sentence: 'Under hösten och vintern 2021/2022 har Sweco arbetat med markundersökningar.',
        doc: '2022-05-13',
        found: null,
      },
      { sentence: 'Arbetet var klart 2019.', doc: '2020-02-01', found: null },
      // "den" alone is how past dates are written: a day already passed is no deadline.
      { sentence: 'Protokollet justeras den 5 maj 2022.', doc: '2022-06-01', found: null },
      {
        sentence:
          'Kommunstyrelsen beslutade 14 september 2016 att socialnämnden ska återrapportera till kommunstyrelsens sammanträde 4 oktober 2016.',
        doc: '2016-09-20',
        found: {
          phrase: 'till kommunstyrelsens sammanträde 4 oktober 2016',
          date: '2016-10-04',
          kind: 'exact',
        },
      },
      {
        sentence: 'Förslaget har passerat kommunstyrelsen och går vidare för beslut den 26 juni.',
        doc: '2023-06-12',
        found: { phrase: 'den 26 juni', date: '2023-06-26', kind: 'exact' },
      },
      {
        // "har" with a noun, then a new clause after "att": the plan is still ahead.
        sentence: 'Arbetet har som mål att vara klart under hösten 2024.',
        doc: '2024-01-10',
        found: { phrase: 'under hösten 2024', date: '2024-11-30', kind: 'season' },
      },
      {
        // A date being set is reported in the past tense too; the date is still ahead.
        sentence: 'Utbildningen har planerats till hösten 2024.',
        doc: '2024-01-10',
        found: { phrase: 'till hösten 2024', date: '2024-11-30', kind: 'season' },
      },
      {
        sentence: 'Beslutet har senarelagts till den 15 mars 2024.',
        doc: '2024-01-10',
        found: { phrase: 'till den 15 mars 2024', date: '2024-03-15', kind: 'exact' },
      },
      {
        // "var" before an ordinal is "every", not "was".
        sentence: 'Uppföljning sker var sjätte månad, senast i juni 2024.',
        doc: '2024-01-10',
        found: { phrase: 'senast i juni 2024', date: '2024-06-30', kind: 'month' },
      },
    ]);
  });

  describe('a range ends on the last day of its last part', () => {
    resolves([
      { phrase: 'maj-juni 2020', doc: '2020-01-10', date: '2020-06-30', kind: 'month' },
      { phrase: 'i oktober/november 2016', doc: '2016-02-09', date: '2016-11-30', kind: 'month' },
      { phrase: 'mellan augusti och oktober månad', doc: '2023-03-31', date: '2023-10-31', kind: 'month' },
      {
        phrase: 'från 16 april till och med 14 juni 2021',
        doc: '2021-04-16',
        date: '2021-06-14',
        kind: 'exact',
      },
      {
        phrase: 'från och med december 2021 till februari 2022',
        doc: '2021-04-16',
        date: '2022-02-28',
        kind: 'month',
      },
      // Without a year: the first such range that has not ended (February 2023 had, on 15 March 2023).
      { phrase: 'november-februari', doc: '2023-03-15', date: '2024-02-29', kind: 'month' },
      { phrase: '2015-2020', doc: '2016-02-09', date: '2020-12-31', kind: 'year' },
      { phrase: '2020-2015', doc: '2016-02-09', date: null, kind: 'unknown' },
      { phrase: 'i månadsskiftet oktober-november', doc: '2021-06-01', date: '2021-10-31', kind: 'month' },
      { phrase: 'månadsskiftet oktober-december', doc: '2021-06-01', date: null, kind: 'unknown' },
      // "och" without "mellan" lists months: each is a date.
      {
        phrase: 'maj och juni',
        doc: '2023-03-15',
        date: '2023-06-30',
        kind: 'recurring',
        occurrences: ['2023-05-31', '2023-06-30'],
      },
    ]);
  });

  describe('two seasons end with the later one; a bare season word needs its year', () => {
    resolves([
      { phrase: 'sommar/höst 2025', doc: '2024-09-01', date: '2025-11-30', kind: 'season' },
      { phrase: 'höst/vinter 2025/2026', doc: '2024-09-01', date: '2026-02-28', kind: 'season' },
      { phrase: 'vinter/vår 2026', doc: '2024-09-01', date: '2026-05-31', kind: 'season' },
      { phrase: 'vinter/vår 2025/2026', doc: '2024-09-01', date: '2026-05-31', kind: 'season' },
      { phrase: 'våren/försommaren 2023', doc: '2023-03-31', date: '2023-06-30', kind: 'season' },
      { phrase: 'under våren/sommaren', doc: '2017-04-01', date: '2017-08-31', kind: 'season' },
      { phrase: 'Under våren och sommaren 2022', doc: '2022-05-13', date: '2022-08-31', kind: 'season' },
      { phrase: 'Sommar och höst 2018', doc: '2018-06-01', date: '2018-11-30', kind: 'season' },
      // Two years name one winter; for any other season, or years apart, they name nothing we trust.
      { phrase: 'sommar/höst 2025/2026', doc: '2024-09-01', date: null, kind: 'unknown' },
      { phrase: 'höst/vinter 2025/2027', doc: '2024-09-01', date: null, kind: 'unknown' },
      { phrase: 'Vår 2018', doc: '2018-05-31', date: '2018-05-31', kind: 'season' },
      { phrase: 'Vinter 2018/2019', doc: '2018-06-01', date: '2019-02-28', kind: 'season' },
      { phrase: 'Vinter 2018/19', doc: '2018-06-01', date: '2019-02-28', kind: 'season' },
      { phrase: 'under vintern 2022/2023', doc: '2022-05-13', date: '2023-02-28', kind: 'season' },
      { phrase: 'under hösten år 2020', doc: '2020-03-01', date: '2020-11-30', kind: 'season' },
    ]);
    finds([
      {
        sentence: 'Boendet beräknas vara klart för inflyttning under sommaren och hösten 2027.',
        doc: '2024-06-19',
        found: { phrase: 'under sommaren och hösten 2027', date: '2027-11-30', kind: 'season' },
      },
      { sentence: 'Det gäller vår 2018 års budget.', doc: '2018-01-10', found: null },
    ]);
  });

  describe('a weekday before a date', () => {
    resolves([
      { phrase: 'Måndagen den 11 november 2013', doc: '2013-11-01', date: '2013-11-11', kind: 'exact' },
      { phrase: 'Måndag den 21 januari 2019', doc: '2019-01-15', date: '2019-01-21', kind: 'exact' },
    ]);
    finds([
      {
        sentence: 'Justering sker torsdagen den 2 november.',
        doc: '2017-10-26',
        found: { phrase: 'torsdagen den 2 november', date: '2017-11-02', kind: 'exact' },
      },
      // A slashed date is day/month after a weekday that agrees with it: 25 October 2021 is a Monday.
      {
        sentence:
          'Själva ingreppet att ansluta den nya ledningen till befintligt system sker på måndag den 25/10 om inget oförutsett sker.',
        doc: '2021-10-21',
        found: { phrase: 'måndag den 25/10', date: '2021-10-25', kind: 'exact' },
      },
    ]);
    resolves([
      { phrase: 'tisdag 25/10 2022', doc: '2022-10-01', date: '2022-10-25', kind: 'exact' },
      { phrase: 'senast fredag den 29/10', doc: '2021-10-21', date: '2021-10-29', kind: 'exact' },
      // 25 October 2022 is a Tuesday: one of the two is wrong, and no other year is looked for.
      { phrase: 'måndag den 25/10', doc: '2022-10-01', date: null, kind: 'unknown' },
      // Without a weekday "25/10" may be month/day, or no date at all ("§ 25/10").
      { phrase: 'den 25/10', doc: '2021-10-21', date: null, kind: 'unknown' },
    ]);
  });

  describe('an earliest day or a start is no deadline', () => {
    resolves([
      { phrase: 'tidigast 2022', doc: '2021-06-01', date: null, kind: 'unknown' },
      { phrase: 'kvartal 1, 2025', doc: '2023-03-31', date: '2025-03-31', kind: 'quarter' },
      { phrase: 'Under kvartal ett, 2023', doc: '2022-11-22', date: '2023-03-31', kind: 'quarter' },
    ]);
    finds([
      { sentence: 'Entreprenaden kan vara klar tidigast kvartal 3, 2024.', doc: '2022-11-22', found: null },
      { sentence: 'Budgeten nyttjas från 1 juli 2022.', doc: '2022-01-10', found: null },
      { sentence: 'Sedan 2015 arbetar förvaltningen med frågan.', doc: '2022-01-10', found: null },
      { sentence: 'Arbetet påbörjas nu i januari 2017.', doc: '2017-01-10', found: null },
    ]);
  });

  describe('filler words, tertials, the half-year, dotted dates and Christmas', () => {
    resolves([
      { phrase: 'under år 2008', doc: '2008-02-20', date: '2008-12-31', kind: 'year' },
      { phrase: 'cirka 2025', doc: '2021-06-01', date: '2025-12-31', kind: 'year' },
      { phrase: 'verksamhetsår 2027', doc: '2026-01-10', date: '2027-12-31', kind: 'year' },
      { phrase: 'till nästa årsskifte', doc: '2023-06-01', date: '2023-12-31', kind: 'year' },
      { phrase: 'tertial 1 2023', doc: '2023-01-31', date: '2023-04-30', kind: 'season' },
      { phrase: 'tredje tertialet 2026', doc: '2026-01-10', date: '2026-12-31', kind: 'season' },
      { phrase: 'T2 2026', doc: '2026-01-10', date: '2026-08-31', kind: 'season' },
      { phrase: '2:a tertialet', doc: '2023-03-15', date: '2023-08-31', kind: 'season' },
      { phrase: 'halvårsskiftet 2026', doc: '2026-01-10', date: '2026-06-30', kind: 'exact' },
      { phrase: 'i oktober månad', doc: '2023-03-15', date: '2023-10-31', kind: 'month' },
      { phrase: '30.4.2026', doc: '2026-01-10', date: '2026-04-30', kind: 'exact' },
      { phrase: '31.2.2026', doc: '2026-01-10', date: null, kind: 'unknown' },
      { phrase: 'innan jul 2026', doc: '2026-01-10', date: '2026-12-23', kind: 'exact' },
      { phrase: 'i början av 2023', doc: '2023-01-31', date: '2023-04-30', kind: 'season' },
      { phrase: 'de första dagarna i juni', doc: '2022-05-13', date: '2022-06-10', kind: 'month' },
    ]);
    finds([
      { sentence: 'Det kostar cirka 2500 kronor.', doc: '2021-06-01', found: null },
      { sentence: 'Rapporten visar utfallet för T2.', doc: '2021-06-01', found: null },
    ]);
  });

  describe('a deadline in a sentence without a lead word', () => {
    finds([
      {
        sentence: 'Det beräknas vara klart 2026.',
        doc: '2023-11-02',
        found: { phrase: '2026', date: '2026-12-31', kind: 'year' },
      },
      {
        sentence: 'Hus 1 står klart 2020-12-15',
        doc: '2019-02-01',
        found: { phrase: '2020-12-15', date: '2020-12-15', kind: 'exact' },
      },
      {
        sentence: 'Sista dag att överklaga 2019-02-12',
        doc: '2019-01-21',
        found: { phrase: '2019-02-12', date: '2019-02-12', kind: 'exact' },
      },
      {
        sentence: 'Kommunfullmäktige tar det slutgiltiga beslutet den 16 november.',
        doc: '2023-11-02',
        found: { phrase: 'den 16 november', date: '2023-11-16', kind: 'exact' },
      },
      {
        sentence: 'År 2025 påbörjas detaljprojekteringen.',
        doc: '2023-11-02',
        found: { phrase: 'År 2025', date: '2025-12-31', kind: 'year' },
      },
      {
        sentence: 'Under år 2024 färdigställer kommunen alla arbeten.',
        doc: '2023-11-22',
        found: { phrase: 'Under år 2024', date: '2024-12-31', kind: 'year' },
      },
      // A date that replaces a plan.
      {
        sentence: 'Nu gäller i stället början av 2025.',
        doc: '2023-09-01',
        found: { phrase: 'början av 2025', date: '2025-04-30', kind: 'season' },
      },
      { sentence: 'I stället för 2024 blir det 2025.', doc: '2023-09-01', found: null },
    ]);
  });

  describe('a year a sentence sets as its goal, when nothing else in it is a date', () => {
    finds([
      {
        sentence: 'Växjö kommunkoncern ska vara fossilbränslefri 2020',
        doc: '2019-06-01',
        found: { phrase: '2020', date: '2020-12-31', kind: 'year' },
      },
      {
        sentence: 'Finspång: Fossilbränslefri kommunkoncern 2025',
        doc: '2019-06-01',
        found: { phrase: '2025', date: '2025-12-31', kind: 'year' },
      },
      {
        sentence: 'Kommunen ska bli klimatneutral 2030.',
        doc: '2019-06-01',
        found: { phrase: '2030', date: '2030-12-31', kind: 'year' },
      },
      // A goal year that has passed, a goal mentioned on the way, another date, a price, a name.
      { sentence: 'Kommunen ska bli klimatneutral 2018.', doc: '2019-06-01', found: null },
      {
        sentence: 'Vi bedömer om styrmedlen bidrar till en fossilbränslefri kommunförvaltning 2025.',
        doc: '2019-06-01',
        found: null,
      },
      {
        sentence: 'Kommunen ska vara klimatneutral 2030 och fossilfri 2025.',
        doc: '2019-06-01',
        found: null,
      },
      { sentence: 'Kommunen ska vara fossilfri hösten 2030.', doc: '2019-06-01', found: null },
      { sentence: 'Kommunen erbjuder kostnadsfri simskola 2024.', doc: '2019-06-01', found: null },
      { sentence: 'Nämndens förvaltningsplan 2023', doc: '2019-06-01', found: null },
    ]);
  });

  describe('ranges of ISO dates and of days in one month; a bare range counts only ahead', () => {
    resolves([
      { phrase: '2023-11-20 - 2023-12-08', doc: '2023-11-01', date: '2023-12-08', kind: 'exact' },
      { phrase: 'mellan 2022-06-27 och 2022-12-30', doc: '2022-06-01', date: '2022-12-30', kind: 'exact' },
      { phrase: '18-19 maj', doc: '2020-05-15', date: '2020-05-19', kind: 'exact' },
      {
        phrase: 'under perioden 29 september – 5 oktober',
        doc: '2022-09-19',
        date: '2022-10-05',
        kind: 'exact',
      },
    ]);
    finds([
      {
        sentence: 'Arbetet pågår preliminärt mellan 2022-06-27 och 2022-12-30.',
        doc: '2022-06-01',
        found: { phrase: 'mellan 2022-06-27 och 2022-12-30', date: '2022-12-30', kind: 'exact' },
      },
      {
        sentence: 'Samråd 2 mars–30 april 2020',
        doc: '2020-02-01',
        found: { phrase: '2 mars–30 april 2020', date: '2020-04-30', kind: 'exact' },
      },
      // The same line read after the consultation reports it; its end inside the range does not count either.
      { sentence: 'Samråd 2 mars–30 april 2020', doc: '2020-06-01', found: null },
      {
        sentence: 'Beslut i vård- och omsorgsärenden 2017-11-01 t.o.m. 2017-11-30',
        doc: '2017-12-13',
        found: null,
      },
      {
        sentence: 'IVO genomförde en inspektion den 8-9 december med intervjuer av handläggare.',
        doc: '2015-05-26',
        found: null,
      },
    ]);
  });

  describe('weeks, halves and joined parts of months, "sista", "inom" and a space between two months', () => {
    resolves([
      { phrase: 'vecka 20 och 21', doc: '2022-05-10', date: '2022-05-29', kind: 'week' },
      { phrase: 'vecka 10–12 2026', doc: '2026-01-15', date: '2026-03-22', kind: 'week' },
      { phrase: 'vecka 52–2', doc: '2026-01-15', date: null, kind: 'unknown' },
      {
        phrase: 'i slutet av maj och första halvan av juni 2024',
        doc: '2024-06-05',
        date: '2024-06-15',
        kind: 'month',
      },
      { phrase: 'andra halvan av mars', doc: '2026-01-15', date: '2026-03-31', kind: 'month' },
      { phrase: 'sista mars 2012', doc: '2012-03-20', date: '2012-03-31', kind: 'month' },
      { phrase: 'den sista april 2026', doc: '2026-01-15', date: '2026-04-30', kind: 'month' },
      { phrase: 'inom september månad', doc: '2019-12-01', date: '2020-09-30', kind: 'month' },
      { phrase: 'fram till och med oktober november', doc: '2016-05-03', date: '2016-11-30', kind: 'month' },
    ]);
    finds([
      {
        sentence: 'Under slutet av maj och första halvan av juni 2024 etablerar sig entreprenören i Åkerö.',
        doc: '2024-06-05',
        found: {
          phrase: 'Under slutet av maj och första halvan av juni 2024',
          date: '2024-06-15',
          kind: 'month',
        },
      },
      // Only a month written in full follows another after a bare space: "jan" here is a name.
      {
        sentence: 'Kommunen återkommer i maj Jan Eriksson ansvarar.',
        doc: '2016-05-03',
        found: { phrase: 'i maj', date: '2016-05-31', kind: 'month' },
      },
      {
        sentence: 'Kommunen är remissinstans och remisstiden går ut sista mars 2012.',
        doc: '2012-03-20',
        found: { phrase: 'sista mars 2012', date: '2012-03-31', kind: 'month' },
      },
    ]);
  });

  describe('the beginning or end of a year, "nästa höst" and "nästa år"', () => {
    resolves([
      { phrase: 'i början på nästa år', doc: '2021-11-01', date: '2022-04-30', kind: 'season' },
      { phrase: 'som senast under början av år 2024', doc: '2023-08-29', date: '2024-04-30', kind: 'season' },
      { phrase: 'i slutet på året', doc: '2016-05-03', date: '2016-12-31', kind: 'year' },
      { phrase: 'i slutet av år 2023', doc: '2023-08-29', date: '2023-12-31', kind: 'year' },
      // The first such season that starts after the document's date.
      { phrase: 'under nästa höst', doc: '2022-12-21', date: '2023-11-30', kind: 'season' },
      { phrase: 'nästa höst', doc: '2023-10-15', date: '2024-11-30', kind: 'season' },
      { phrase: 'kommande vinter', doc: '2023-10-15', date: '2024-02-29', kind: 'season' },
    ]);
    finds([
      {
        sentence: 'Under nästa år kommer kommunen att lägga ut en markanvisning.',
        doc: '2022-12-21',
        found: { phrase: 'Under nästa år', date: '2023-12-31', kind: 'year' },
      },
      // Without a lead word "nästa år" names the year a budget is for, not a deadline.
      {
        sentence:
          'I mars 2017 beslutade fullmäktige om hur mycket pengar varje nämnd får att röra sig med nästa år.',
        doc: '2017-06-07',
        found: null,
      },
    ]);
  });

  describe('two periods joined by "eller": the later one', () => {
    resolves([
      {
        phrase: 'under slutet av år 2023 eller början av 2024',
        doc: '2023-08-29',
        date: '2024-04-30',
        kind: 'season',
      },
      { phrase: 'under hösten 2023 eller våren 2024', doc: '2023-08-29', date: '2024-05-31', kind: 'season' },
      // Written later first, or after a lead word the second would need as well: not guessed.
      { phrase: 'våren 2024 eller hösten 2023', doc: '2023-08-29', date: null, kind: 'unknown' },
      { phrase: 'innan hösten 2023 eller våren 2024', doc: '2023-08-29', date: null, kind: 'unknown' },
    ]);
    finds([
      {
        sentence: 'Entreprenadstart blir preliminärt under slutet av år 2023 eller början av 2024.',
        doc: '2023-08-29',
        found: {
          phrase: 'under slutet av år 2023 eller början av 2024',
          date: '2024-04-30',
          kind: 'season',
        },
      },
      {
        sentence: 'Nämnden återkommer i december eller januari.',
        doc: '2024-11-05',
        found: { phrase: 'i december eller januari', date: '2025-01-31', kind: 'month' },
      },
      {
        sentence: 'Rapporten lämnas senast 2024-09-01 eller när resurser finns.',
        doc: '2024-06-05',
        found: { phrase: 'senast 2024-09-01', date: '2024-09-01', kind: 'exact' },
      },
    ]);
  });

  describe('weeks of two years, and a week with its days', () => {
    resolves([
      { phrase: '48, 2024 t o m 18, 2025', doc: '2024-06-05', date: '2025-05-04', kind: 'week' },
      { phrase: 'v48 2024 – v18 2025', doc: '2024-06-05', date: '2025-05-04', kind: 'week' },
      { phrase: 'vecka 48 2024 till vecka 18 2025', doc: '2024-06-05', date: '2025-05-04', kind: 'week' },
      { phrase: 'v18 2025 – v48 2024', doc: '2024-06-05', date: null, kind: 'unknown' },
      { phrase: 'Vecka 21, 23-27 maj', doc: '2022-05-10', date: '2022-05-27', kind: 'exact' },
      { phrase: 'vecka 16 (19 april)', doc: '2022-04-01', date: '2022-04-19', kind: 'exact' },
      // 27 May 2024 is in week 22: the week and the days disagree.
      { phrase: 'Vecka 21, 23-27 maj', doc: '2024-03-01', date: null, kind: 'unknown' },
    ]);
    finds([
      {
        sentence: '48, 2024 t o m 18, 2025 – arbeten längs med Skäretvägen',
        doc: '2024-06-05',
        found: { phrase: '48, 2024 t o m 18, 2025', date: '2025-05-04', kind: 'week' },
      },
      // Without "vecka", only at the start; a bare range that has passed, or in the past tense, is history.
      { sentence: 'Se sidan 48, 2024 t o m 18, 2025.', doc: '2024-06-05', found: null },
      { sentence: 'Arbeten v48 2023 – v18 2024 längs Skäretvägen.', doc: '2024-06-05', found: null },
      { sentence: 'Arbetet pågick v48 2023 – v18 2025.', doc: '2024-06-05', found: null },
      {
        sentence: 'Under vecka 21, 23-27 maj kommer Mellangatan att vara avstängd.',
        doc: '2022-05-10',
        found: { phrase: 'Under vecka 21, 23-27 maj', date: '2022-05-27', kind: 'exact' },
      },
    ]);
  });

  describe('a start followed by a completion: the completion is the deadline', () => {
    finds([
      {
        sentence: 'Arbetet börjar torsdag 1 mars och väntas vara klart i slutet av april.',
        doc: '2018-02-27',
        found: { phrase: 'i slutet av april', date: '2018-04-30', kind: 'month' },
      },
      {
        sentence: 'Fiberarbeten beräknas påbörjas v46 och beräknas vara klart i slutet av december.',
        doc: '2019-11-05',
        found: { phrase: 'i slutet av december', date: '2019-12-31', kind: 'month' },
      },
      {
        sentence: 'Arbetet kommer att påbörjas den 3 april och pågå fram till och med vecka 25.',
        doc: '2023-03-27',
        found: { phrase: 'fram till och med vecka 25', date: '2023-06-25', kind: 'week' },
      },
      {
        sentence: 'Arbetet beräknas starta vecka 33 och äga rum till ca vecka 42.',
        doc: '2017-07-12',
        found: { phrase: 'vecka 42', date: '2017-10-22', kind: 'week' },
      },
      {
        sentence:
          'Byggnationen beräknas påbörjas under nästa höst och skolan är planerad att stå klar årsskiftet 2024/25.',
        doc: '2022-12-21',
        found: { phrase: 'årsskiftet 2024/25', date: '2024-12-31', kind: 'year' },
      },
      {
        sentence: 'Arbetet påbörjas idag och beräknas vara klart vecka 19.',
        doc: '2017-05-02',
        found: { phrase: 'vecka 19', date: '2017-05-14', kind: 'week' },
      },
      // A planned start alone is that step's deadline.
      {
        sentence: 'Upphandling av entreprenör beräknas påbörjas våren 2026.',
        doc: '2024-01-01',
        found: { phrase: 'våren 2026', date: '2026-05-31', kind: 'season' },
      },
      {
        sentence: 'Under måndag och tisdag 18-19 maj kommer flera gator att asfalteras om.',
        doc: '2020-05-15',
        found: { phrase: 'tisdag 18-19 maj', date: '2020-05-19', kind: 'exact' },
      },
      // "i vår" is "in our" unless it ends a clause or comes before "någon gång".
      {
        sentence: 'Jag skulle tro i vår någon gång.',
        doc: '2020-09-15',
        found: { phrase: 'i vår', date: '2021-05-31', kind: 'season' },
      },
      { sentence: 'Det gäller i vår kommun.', doc: '2020-09-15', found: null },
      {
        sentence: 'På tisdag 19 april, vecka 16, påbörjas arbetet med att bygga en ny rondell.',
        doc: '2022-04-14',
        found: { phrase: 'tisdag 19 april', date: '2022-04-19', kind: 'exact' },
      },
    ]);
  });

  describe('"med start" marks a start; words of planning and of rescheduling', () => {
    finds([
      {
        sentence: 'Med start tisdag den 21 maj och under närmaste veckorna kommer det att pågå vägarbeten.',
        doc: '2019-05-15',
        found: null,
      },
      {
        sentence: 'Den 1 april med start kl. 07.00 påbörjar vår entreprenör arbetet.',
        doc: '2019-03-26',
        found: null,
      },
      {
        sentence: 'Vi kan bygga ett boende med start förhoppningsvis efter sommaren 2026.',
        doc: '2025-12-04',
        found: null,
      },
      {
        sentence: 'Mål för kommun-organisationen har målår 2023.',
        doc: '2020-06-09',
        found: { phrase: '2023', date: '2023-12-31', kind: 'year' },
      },
      {
        sentence: 'Tidsplanen har förskjutits med två år, så inflyttning beräknas ske 2024.',
        doc: '2019-01-21',
        found: { phrase: '2024', date: '2024-12-31', kind: 'year' },
      },
      {
        sentence: 'Om allt går enligt nuvarande planer blir det byggstart våren 2025.',
        doc: '2024-06-19',
        found: { phrase: 'våren 2025', date: '2025-05-31', kind: 'season' },
      },
      // "skulle genomförts" did not happen; "har skjutits upp till" sets the date ahead.
      {
        sentence: 'Upphandlingen som skulle genomförts under hösten har skjutits upp till våren.',
        doc: '2018-11-20',
        found: { phrase: 'till våren', date: '2019-05-31', kind: 'season' },
      },
    ]);
  });
});
