import assert from 'node:assert/strict';
import { buildBoardReport, type BoardReport } from '../../src/reports/boardReport';
import { renderCsv } from '../../src/reports/csv';
import { renderHtml } from '../../src/reports/html';
import { md, renderMarkdown } from '../../src/reports/markdown';
import { renderXlsx } from '../../src/reports/xlsx';
import { AS_OF, AUDITS, knownActions, NASTY_TEXT, NASTY_TITLE, UNREACHABLE } from './knownDataSet';
import { csvRecords, htmlTable, htmlText, markdownTable, parseCsv, readWorkbook, sheetRows } from './read';

/** The non-breaking space of Swedish typography: "40 %". */
const S = '\u00a0';

/** The hand-worked status table: committee, Planerad, Pågår, Försenad, Genomförd, Avbruten, Totalt, share. */
const STATUS_TABLE = [
  ['Grundskolenämnden', '1', '0', '1', '1', '0', '3', `33${S}%`],
  ['Kommunstyrelsen', '0', '1', '1', '2', '0', '4', `50${S}%`],
  ['Socialnämnden', '1', '0', '1', '1', '1', '4', `33${S}%`],
];
const TOTAL_ROW = ['Totalt', '2', '1', '3', '4', '1', '11', `40${S}%`];

describe('reports: the known data set in every format', () => {
  let report: BoardReport;

  before(() => {
    const { actions, history } = knownActions();
    report = buildBoardReport(AUDITS, actions, history, AS_OF, { unreachableOwners: UNREACHABLE });
  });

  describe('Markdown', () => {
    let markdown: string;
    before(() => {
      markdown = renderMarkdown(report);
    });

    it('has the title, the date and the key figures in Swedish', () => {
      assert.match(markdown, /^# Återrapportering av revisionsgranskningar\n\nPer 2026-03-31\.\n/);
      for (const line of [
        '- Granskningar: 3',
        '- Rekommendationer: 5, varav 1 utan åtgärd',
        '- Åtgärder: 11',
        `- Genomförda: 4 (40${S}% av de ej avbrutna)`,
        '- Försenade: 3',
        '- Åtgärder med ändrat slutdatum: 3 (sammanlagt 4 ändringar)',
        '- Ansvariga som inte kunnat nås: 1',
        '- Öppna åtgärder utan ansvarig med e-post: 1',
        '- Öppna åtgärder utan slutdatum: 1',
      ]) {
        assert.ok(markdown.includes(`\n${line}\n`), line);
      }
    });

    it('has the status table per committee with the total', () => {
      const table = markdownTable(markdown, 'Status per nämnd');
      assert.deepEqual(table, [...STATUS_TABLE, ['**Totalt**', ...TOTAL_ROW.slice(1)]]);
    });

    it('lists the overdue actions with days, and moved deadlines with reasons', () => {
      assert.deepEqual(
        markdownTable(markdown, 'Försenade åtgärder').map((row) => [row[0], row[4], row[5]]),
        [
          ['A-5', '2026-01-15', '75 dagar'],
          ['A-2', '2026-02-28', '31 dagar'],
          ['A-9', '2026-03-30', '1 dag'],
        ],
      );
      const moved = markdownTable(markdown, 'Ändrade slutdatum');
      assert.deepEqual(
        moved.map((row) => row.slice(0, 1).concat(row.slice(3, 6))),
        [
          ['A-2', '2025-06-30', '2026-02-28', '2'],
          ['A-7', '2025-10-31', '2025-11-30', '1'],
          ['A-9', '2026-01-31', '2026-03-30', '1'],
        ],
      );
      assert.equal(
        moved[0]?.[6],
        '2025-06-20: 2025-06-30 → 2025-12-31 (Personalbrist under sommaren); ' +
          '2025-12-15: 2025-12-31 → 2026-02-28 (Väntar på nytt verksamhetssystem)',
      );
      assert.equal(moved[2]?.[6], '2026-02-01: 2026-01-31 → 2026-03-30 (inget skäl angivet)');
    });

    it('lists the unreachable owner and the action without owner', () => {
      assert.deepEqual(markdownTable(markdown, 'Ansvariga som inte kunnat nås'), [
        ['bo.berg@kommun.se', '2026-03-10', 'ConversationBlockedByUser', 'A-2'],
      ]);
      assert.ok(
        markdown.includes('1 öppen åtgärd saknar ansvarig med e-post och får inga påminnelser: A-3.'),
      );
    });

    it('lists per audit its recommendations with counts, flagging one without actions', () => {
      const section = markdown.slice(markdown.indexOf('\n### Granskning av intern kontroll\n'));
      assert.ok(
        section.startsWith(
          '\n### Granskning av intern kontroll\n\n' +
            'Revisor: EY · Rapportdatum: 2025-06-15 · Nämnder: Grundskolenämnden, Socialnämnden\n\n' +
            `Planerad 1 · Pågår 0 · Försenad 1 · Genomförd 1 · Avbruten 1 · Totalt 4 · Andel genomförda 33${S}%\n\n` +
            '| Rek. | Rekommendation | Nämnder | Planerad | Pågår | Försenad | Genomförd | Avbruten | Totalt | Andel genomförda |\n' +
            '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n' +
            `| R1 | Dokumentera kontrollerna | Grundskolenämnden, Socialnämnden | 1 | 0 | 1 | 1 | 1 | 4 | 33${S}% |\n` +
            `| R2 | Utbilda rektorerna | Grundskolenämnden | 0 | 0 | 0 | 0 | 0 | 0 | 0${S}% |\n\n` +
            'Rekommendation utan registrerad åtgärd: R2.\n',
        ),
        section.slice(0, 800),
      );
    });

    it('lists per committee every action with its audit, recommendation, owner, deadline and status', () => {
      const section = markdown.slice(markdown.indexOf('\n### Kommunstyrelsen\n'));
      assert.ok(
        section.includes(
          `\nPlanerad 0 · Pågår 1 · Försenad 1 · Genomförd 2 · Avbruten 0 · Totalt 4 · Andel genomförda 50${S}%\n`,
        ),
      );
      assert.ok(
        section.includes(
          '| A-8 | Uppföljning av IT-säkerhet \\& \\<b\\>basskydd\\</b\\> | R1 | Upphandla inloggningstjänst | ' +
            'eva.ek@kommun.se | 2026-03-31 (senast i mars 2026) | Pågår |',
        ),
      );
      assert.ok(
        markdown.includes(
          '| A-5 | Granskning av intern kontroll | R1 | Rapportera kontrollerna | cecilia.ceder@kommun.se | ' +
            '2026-01-15 | Försenad (75 dagar) |',
        ),
      );
      assert.ok(
        markdown.includes(
          '| A-3 | Granskning av barnkonventionen | R2 | Ta fram rutin för "barnchecklista"; ' +
            "\\<script\\>alert('x')\\</script\\> \\& mer | – | datum saknas (på sikt) | Planerad |",
        ),
      );
      // Each action is listed once in the detail, under its committee.
      assert.equal(markdown.split('| Rapportera kontrollerna |').length - 1, 2, 'overdue table + committee');
    });

    it('escapes user text so it cannot become markup', () => {
      assert.ok(!markdown.includes('<script>'));
      assert.ok(markdown.includes(`### Uppföljning av IT-säkerhet \\& \\<b\\>basskydd\\</b\\>`));
      assert.ok(markdown.includes(`"barnchecklista"; \\<script\\>alert('x')\\</script\\> \\& mer`));
    });

    it('escapes each markup character and joins lines, and leaves plain text as it is', () => {
      for (const ch of ['\\', '`', '*', '_', '[', ']', '<', '>', '|', '&', '~', '#', '!']) {
        assert.equal(md(`a${ch}b`), `a\\${ch}b`, ch);
      }
      assert.equal(md('rad 1\nrad 2\r\nrad 3\rrad 4'), 'rad 1 rad 2 rad 3 rad 4');
      assert.equal(md('rad 1\rrad 2'), 'rad 1 rad 2');
      assert.equal(
        md('Åtgärd 1: ta fram en rutin (2026-03-31).'),
        'Åtgärd 1: ta fram en rutin (2026-03-31).',
      );
    });
  });

  describe('HTML', () => {
    let html: string;
    before(() => {
      html = renderHtml(report);
    });

    it('is a Swedish A4 board paper with the title and date', () => {
      assert.match(html, /^<!DOCTYPE html>\n<html lang="sv">/);
      assert.match(html, /<meta charset="utf-8" ?\/?>/);
      assert.match(html, /@page \{ size: A4;/);
      assert.match(html, /<h1>Återrapportering av revisionsgranskningar<\/h1>/);
      assert.ok(htmlText(html).includes('Lägesrapport per 2026-03-31'));
      for (const heading of [
        'Sammanfattning',
        'Status per nämnd',
        'Försenade åtgärder',
        'Ändrade slutdatum',
        'Ansvariga som inte kunnat nås',
        'Per nämnd',
        'Per granskning',
      ]) {
        assert.match(html, new RegExp(`<h2[^>]*>${heading}</h2>`), heading);
      }
    });

    it('has the key figures and the status table', () => {
      const text = htmlText(html);
      assert.ok(text.includes(`Genomförda 4 (40${S}% av de ej avbrutna)`), text.slice(0, 800));
      assert.ok(text.includes('Rekommendationer 5, varav 1 utan åtgärd'));
      assert.deepEqual(htmlTable(html, 'summary'), [...STATUS_TABLE, TOTAL_ROW]);
    });

    it('draws the status per committee as inline SVG, one segment per non-zero count', () => {
      const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
      assert.ok(svg.includes('xmlns="http://www.w3.org/2000/svg"'));
      const segments = [...svg.matchAll(/<rect [^>]*><title>([^<]*)<\/title><\/rect>/g)].map((m) => m[1]);
      assert.deepEqual(segments, [
        'Grundskolenämnden: Planerad 1',
        'Grundskolenämnden: Försenad 1',
        'Grundskolenämnden: Genomförd 1',
        'Kommunstyrelsen: Pågår 1',
        'Kommunstyrelsen: Försenad 1',
        'Kommunstyrelsen: Genomförd 2',
        'Socialnämnden: Planerad 1',
        'Socialnämnden: Försenad 1',
        'Socialnämnden: Genomförd 1',
        'Socialnämnden: Avbruten 1',
      ]);
      // Kommunstyrelsen's bar: 1 + 1 + 2 of 4 fill the 372 px wide bar area in proportion.
      const widths = [...svg.matchAll(/<rect x="[\d.]+" y="52" width="([\d.]+)"/g)].map((m) => Number(m[1]));
      assert.deepEqual(widths, [93, 93, 186]);
    });

    it('has the overdue, moved-deadline and unreachable tables', () => {
      assert.deepEqual(
        htmlTable(html, 'overdue').map((row) => [row[0], row[5]]),
        [
          ['A-5', '75 dagar'],
          ['A-2', '31 dagar'],
          ['A-9', '1 dag'],
        ],
      );
      const moved = htmlTable(html, 'rescheduled');
      assert.deepEqual(
        moved.map((row) => [row[0], row[3], row[4], row[5]]),
        [
          ['A-2', '2025-06-30', '2026-02-28', '2'],
          ['A-7', '2025-10-31', '2025-11-30', '1'],
          ['A-9', '2026-01-31', '2026-03-30', '1'],
        ],
      );
      assert.equal(
        moved[0]?.[6],
        '2025-06-20: 2025-06-30 → 2025-12-31 (Personalbrist under sommaren)\n' +
          '2025-12-15: 2025-12-31 → 2026-02-28 (Väntar på nytt verksamhetssystem)',
      );
      assert.deepEqual(htmlTable(html, 'unreachable'), [
        ['bo.berg@kommun.se', '2026-03-10', 'ConversationBlockedByUser', 'A-2'],
      ]);
    });

    it('has per audit the recommendations table and per committee the actions table', () => {
      const audit = html.split('<section class="audit">')[2] ?? '';
      assert.deepEqual(htmlTable(audit, 'recommendations'), [
        [
          'R1',
          'Dokumentera kontrollerna',
          'Grundskolenämnden, Socialnämnden',
          '1',
          '0',
          '1',
          '1',
          '1',
          '4',
          `33${S}%`,
        ],
        ['R2', 'Utbilda rektorerna', 'Grundskolenämnden', '0', '0', '0', '0', '0', '0', `0${S}%`],
      ]);
      assert.ok(htmlText(audit).includes('Rekommendation utan registrerad åtgärd: R2.'));
      const committee = html.split('<section class="committee">')[1] ?? '';
      assert.ok(committee.startsWith('\n<h3>Grundskolenämnden</h3>'));
      assert.deepEqual(htmlTable(committee, 'actions'), [
        [
          'A-4',
          'Granskning av intern kontroll',
          'R1',
          'Kontrollplan för skolorna',
          'cecilia.ceder@kommun.se',
          '2026-06-30',
          'Planerad',
        ],
        [
          'A-5',
          'Granskning av intern kontroll',
          'R1',
          'Rapportera kontrollerna',
          'cecilia.ceder@kommun.se',
          '2026-01-15',
          'Försenad (75 dagar)',
        ],
        [
          'A-7',
          'Granskning av intern kontroll',
          'R1',
          'Mall för dokumentation',
          'david.dahl@kommun.se',
          '2025-11-30',
          'Genomförd',
        ],
      ]);
    });

    it('escapes all user text: <script>, & and quotes', () => {
      assert.ok(!/<script/i.test(html), 'no script element, ever');
      assert.ok(!html.includes('<b>basskydd'), 'a tag in a title stays text');
      assert.ok(!html.includes('<i>årligen'));
      assert.ok(html.includes('Uppföljning av IT-säkerhet &amp; &lt;b&gt;basskydd&lt;/b&gt;'));
      assert.ok(
        html.includes(
          'Ta fram rutin för &quot;barnchecklista&quot;; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; mer',
        ),
      );
      assert.ok(html.includes('Följ upp &quot;barnets bästa&quot; &lt;i&gt;årligen&lt;/i&gt;'));
      // The text still reads as written.
      const text = htmlText(html);
      assert.ok(text.includes(NASTY_TEXT));
      assert.ok(text.includes(NASTY_TITLE));
    });

    it('needs no scripts and no external files', () => {
      assert.ok(!/\son[a-z]+=/i.test(html), 'no event handler attributes');
      assert.ok(!/<(link|img|iframe|object|embed)\b/i.test(html));
      const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
      assert.ok(
        urls.every((url) => url?.startsWith('#')),
        urls.join(', '),
      );
    });
  });

  describe('CSV', () => {
    let csv: string;
    before(() => {
      csv = renderCsv(report);
    });

    it('is UTF-8 with BOM, semicolon-separated, CRLF, one row per action', () => {
      assert.ok(csv.startsWith('\ufeffGranskning;Rekommendation;Nämnd;Ref;Åtgärd;Ansvarig;'));
      assert.ok(csv.endsWith('\r\n'));
      const rows = parseCsv(csv.slice(1));
      assert.equal(rows.length, 12);
      assert.ok(rows.every((row) => row.length === 16));
    });

    it('has the hand-worked values per action', () => {
      const records = csvRecords(csv);
      const pick = (ref: string) => records.find((r) => r.Ref === ref);
      assert.deepEqual(pick('A-2'), {
        Granskning: 'Granskning av barnkonventionen',
        Rekommendation: 'Säkerställ att barnkonsekvensanalyser görs',
        Nämnd: 'Socialnämnden',
        Ref: 'A-2',
        Åtgärd: 'Utbildning för handläggare',
        Ansvarig: 'bo.berg@kommun.se',
        'Ursprungligt slutdatum': '2025-06-30',
        'Ursprunglig formulering': 'senast i juni 2025',
        'Aktuellt slutdatum': '2026-02-28',
        Status: 'Försenad',
        'Dagar försenad': '31',
        'Antal datumändringar': '2',
        'Datumändringar med skäl':
          '2025-06-20: 2025-06-30 → 2025-12-31 (Personalbrist under sommaren)\n' +
          '2025-12-15: 2025-12-31 → 2026-02-28 (Väntar på nytt verksamhetssystem)',
        'Senaste kommentar': '',
        'Kommentar av': '',
        'Kommentar datum': '',
      });
      const a3 = pick('A-3');
      assert.equal(a3?.Åtgärd, NASTY_TEXT, 'quotes and ; survive the round trip');
      assert.equal(a3?.Ansvarig, '');
      assert.equal(a3?.['Aktuellt slutdatum'], '');
      assert.equal(a3?.['Ursprunglig formulering'], 'på sikt');
      assert.equal(pick('A-8')?.['Dagar försenad'], '', 'not overdue: empty');
      assert.equal(pick('A-6')?.Status, 'Avbruten');
      assert.deepEqual(
        records.map((r) => r.Status),
        [
          'Genomförd',
          'Försenad',
          'Planerad',
          'Planerad',
          'Försenad',
          'Avbruten',
          'Genomförd',
          'Pågår',
          'Försenad',
          'Genomförd',
          'Genomförd',
        ],
      );
      assert.deepEqual(
        records.map((r) => r['Dagar försenad']),
        ['', '31', '', '', '75', '', '', '', '1', '', ''],
      );
    });

    it('defuses a cell that would start a formula in Excel', () => {
      const { actions, history } = knownActions();
      const formula = actions.map((a) => (a.ref === 1 ? { ...a, text: '=HYPERLINK("http://x")' } : a));
      const records = csvRecords(renderCsv(buildBoardReport(AUDITS, formula, history, AS_OF)));
      assert.equal(records[0]?.Åtgärd, `'=HYPERLINK("http://x")`);
    });
  });

  describe('XLSX', () => {
    it('has a summary sheet and an actions sheet with the hand-worked numbers', async () => {
      const workbook = await readWorkbook(await renderXlsx(report));
      assert.deepEqual(
        workbook.worksheets.map((sheet) => sheet.name),
        ['Sammanfattning', 'Åtgärder'],
      );
      const summary = sheetRows(workbook.getWorksheet('Sammanfattning') ?? assert.fail('no summary sheet'));
      assert.equal(summary[0]?.[0], 'Återrapportering av revisionsgranskningar');
      assert.deepEqual(summary[1]?.slice(0, 2), ['Per', new Date(Date.UTC(2026, 2, 31))]);
      const figure = (label: string) => summary.find((row) => row[0] === label)?.[1];
      assert.equal(figure('Granskningar'), 3);
      assert.equal(figure('Rekommendationer utan åtgärd'), 1);
      assert.equal(figure('Åtgärder'), 11);
      assert.equal(figure('Genomförda'), 4);
      assert.equal(figure('Andel genomförda (av ej avbrutna)'), 0.4);
      assert.equal(figure('Försenade'), 3);
      assert.equal(figure('Datumändringar'), 4);
      assert.equal(figure('Ansvariga som inte kunnat nås'), 1);

      const header = summary.findIndex((row) => row[0] === 'Nämnd');
      assert.deepEqual(summary[header], [
        'Nämnd',
        'Planerad',
        'Pågår',
        'Försenad',
        'Genomförd',
        'Avbruten',
        'Totalt',
        'Andel genomförda',
      ]);
      assert.deepEqual(summary.slice(header + 1, header + 5), [
        // The share as every format shows it: 1 of 3 is 33 %.
        ['Grundskolenämnden', 1, 0, 1, 1, 0, 3, 0.33],
        ['Kommunstyrelsen', 0, 1, 1, 2, 0, 4, 0.5],
        ['Socialnämnden', 1, 0, 1, 1, 1, 4, 0.33],
        ['Totalt', 2, 1, 3, 4, 1, 11, 0.4],
      ]);
      const unreachable = summary.findIndex((row) => row[0] === 'E-post');
      assert.deepEqual(summary[unreachable + 1], [
        'bo.berg@kommun.se',
        new Date(Date.UTC(2026, 2, 10)),
        'ConversationBlockedByUser',
        'A-2',
      ]);

      const sheet = workbook.getWorksheet('Åtgärder') ?? assert.fail('no actions sheet');
      const actions = sheetRows(sheet);
      assert.equal(actions.length, 12);
      assert.equal(actions[0]?.[3], 'Ref');
      const a2 = actions.find((row) => row[3] === 'A-2');
      assert.deepEqual(a2?.slice(0, 12), [
        'Granskning av barnkonventionen',
        'Säkerställ att barnkonsekvensanalyser görs',
        'Socialnämnden',
        'A-2',
        'Utbildning för handläggare',
        'bo.berg@kommun.se',
        new Date(Date.UTC(2025, 5, 30)),
        'senast i juni 2025',
        new Date(Date.UTC(2026, 1, 28)),
        'Försenad',
        31,
        2,
      ]);
      assert.equal(actions.find((row) => row[3] === 'A-3')?.[4], NASTY_TEXT);
      assert.equal(sheet.getRow(2).getCell(7).numFmt, 'yyyy-mm-dd');
    });

    it('shows shares as Swedish percentages and dates as ISO dates', async () => {
      const workbook = await readWorkbook(await renderXlsx(report));
      const sheet = workbook.getWorksheet('Sammanfattning') ?? assert.fail('no summary sheet');
      let shareFormat: string | undefined;
      let dateFormat: string | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === 'Totalt') shareFormat = row.getCell(8).numFmt;
        if (row.getCell(1).value === 'Per') dateFormat = row.getCell(2).numFmt;
      });
      assert.equal(shareFormat, `0"${S}"%`);
      assert.equal(dateFormat, 'yyyy-mm-dd');
    });
  });
});
