import assert from 'node:assert/strict';
import { addNote, changeStatus } from '../../src/domain/actions';
import type { Action, HistoryEvent } from '../../src/domain/types';
import { buildBoardReport, type BoardReport } from '../../src/reports/boardReport';
import { renderCsv } from '../../src/reports/csv';
import { renderHtml } from '../../src/reports/html';
import { renderMarkdown } from '../../src/reports/markdown';
import { renderXlsx } from '../../src/reports/xlsx';
import { AS_OF, AUDITS, knownActions } from './knownDataSet';
import { csvRecords, htmlTable, htmlText, markdownTable, readWorkbook, sheetRows } from './read';

const ANNA = '00000000-0000-0000-0000-00000000000a';
const BO = '00000000-0000-0000-0000-00000000000b';
const PEOPLE = new Map([[ANNA, 'anna.andersson@kommun.se']]);

/** The known data set with notes: A-1 two (the later counts), A-2 one by someone the report cannot name. */
function withNotes(): { actions: Action[]; history: HistoryEvent[] } {
  const { actions, history } = knownActions();
  const notes: HistoryEvent[] = [];
  const next = actions.map((action) => {
    let current = action;
    const note = (text: string, by: string, at: string) => {
      const change = addNote(current, text, { by, now: new Date(at) });
      current = change.action;
      notes.push(change.event);
    };
    if (action.ref === 1) {
      note('Första utkastet klart', ANNA, '2026-02-01T09:00:00Z');
      // A status comment is not a progress note and must not win over the later note.
      const status = changeStatus(
        current,
        { to: 'Pågår', comment: 'statuskommentar' },
        { by: ANNA, now: new Date('2026-02-02T09:00:00Z') },
      );
      if (current.status !== 'Pågår') {
        current = status.action;
        notes.push(status.event);
      }
      // 23:30 UTC on 2026-03-01 is already 2 March in Stockholm.
      note('Remiss | skickad; svar *väntas*', ANNA, '2026-03-01T23:30:00Z');
    }
    if (action.ref === 2) note('Väntar på leverantören', BO, '2026-01-10T10:00:00Z');
    return current;
  });
  return { actions: next, history: [...history, ...notes] };
}

/** Each noted action's [reference, date, who, note] as a format shows them. */
type NoteRow = [string, string, string, string];

const EXPECTED: NoteRow[] = [
  ['A-1', '2026-03-02', 'anna.andersson@kommun.se', 'Remiss | skickad; svar *väntas*'],
  ['A-2', '2026-01-10', BO, 'Väntar på leverantören'],
];

function report(language?: 'sv' | 'en'): BoardReport {
  const { actions, history } = withNotes();
  return buildBoardReport(AUDITS, actions, history, AS_OF, { people: PEOPLE, language });
}

describe('reports: the latest progress note per action in the board report', () => {
  it('writes the summary numbers as the report language does (45 % in Swedish, 45% in English)', () => {
    const percent = (language: 'sv' | 'en') =>
      /\| \*\*(?:Totalt|Total)\*\* \|(?:[^|\n]*\|)*\s*([^|\n]*%)\s*\|/.exec(
        renderMarkdown(report(language)),
      )?.[1];
    assert.match(percent('sv') ?? '', /^\d+\u00a0%$/);
    assert.match(percent('en') ?? '', /^\d+%$/);
  });

  it('takes the latest note event of each action, dated in Stockholm, with who wrote it', () => {
    const built = report();
    assert.deepEqual(
      built.noted.map((line): NoteRow => [
        line.reference,
        line.latestNote?.writtenOn ?? '',
        line.latestNote?.by ?? '',
        line.latestNote?.text ?? '',
      ]),
      EXPECTED,
    );
    assert.ok(built.actions.filter((line) => line.ref > 2).every((line) => line.latestNote === null));
  });

  for (const language of ['sv', 'en'] as const) {
    describe(`every format shows the same notes (${language})`, () => {
      const built = report(language);
      const words =
        language === 'sv'
          ? {
              section: 'Senaste kommentarer',
              note: 'Senaste kommentar',
              by: 'Kommentar av',
              date: 'Kommentar datum',
              sheet: 'Åtgärder',
            }
          : {
              section: 'Latest notes',
              note: 'Latest note',
              by: 'Note by',
              date: 'Note date',
              sheet: 'Actions',
            };

      it('Markdown', () => {
        const rows = markdownTable(renderMarkdown(built), words.section);
        // Markdown escapes what could become markup; read back, the text is as written.
        const unescape = (cell: string) => cell.replace(/\\(.)/g, '$1');
        assert.deepEqual(
          rows.map((row): NoteRow => [
            row[0] ?? '',
            row[3] ?? '',
            unescape(row[4] ?? ''),
            unescape(row[5] ?? ''),
          ]),
          EXPECTED,
        );
      });

      it('HTML', () => {
        const html = renderHtml(built);
        assert.ok(html.includes(`<html lang="${language}">`));
        // Every section closes where it should: the parts per audit and per committee hold their sections.
        const count = (tag: string) => html.split(tag).length - 1;
        assert.equal(count('<section'), count('</section>'));
        assert.match(html, /<h2 class="part">[^<]+<\/h2>\n<section class="audit">/);
        assert.ok(htmlText(html).includes(words.section));
        assert.deepEqual(
          htmlTable(html, 'notes').map((row): NoteRow => [
            row[0] ?? '',
            row[3] ?? '',
            row[4] ?? '',
            row[5] ?? '',
          ]),
          EXPECTED,
        );
      });

      it('CSV', () => {
        const records = csvRecords(renderCsv(built));
        assert.deepEqual(
          records
            .filter((record) => record[words.note] !== '')
            .map((record): NoteRow => [
              record.Ref ?? '',
              record[words.date] ?? '',
              record[words.by] ?? '',
              record[words.note] ?? '',
            ]),
          EXPECTED,
        );
        assert.equal(records.length, built.actions.length);
      });

      it('XLSX', async () => {
        const workbook = await readWorkbook(await renderXlsx(built));
        const [header, ...rows] = sheetRows(
          workbook.getWorksheet(words.sheet) ?? assert.fail('no actions sheet'),
        );
        const column = (name: string) => header?.indexOf(name) ?? -1;
        const [note, by, date] = [column(words.note), column(words.by), column(words.date)];
        assert.ok(note >= 0 && by >= 0 && date >= 0, 'the note columns are there');
        const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : '');
        assert.deepEqual(
          rows
            .filter((row) => row[note] !== undefined && row[note] !== null)
            .map((row): NoteRow => [String(row[3]), day(row[date]), String(row[by]), String(row[note])]),
          EXPECTED,
        );
      });
    });
  }

  it('is in Swedish by default and wholly in English on request', () => {
    const swedish = renderMarkdown(report());
    const english = renderMarkdown(report('en'));
    assert.ok(swedish.startsWith('# Återrapportering av revisionsgranskningar\n\nPer 2026-03-31.'));
    assert.ok(english.startsWith('# Follow-up of audit reports\n\nAs of 2026-03-31.'));
    for (const word of [
      'Försenade åtgärder',
      'Senaste kommentarer',
      'Per nämnd',
      'Ansvarig',
      'dagar',
      'Försenad',
    ]) {
      assert.ok(swedish.includes(word), word);
      assert.ok(!english.includes(word), `no Swedish "${word}" in English`);
    }
    for (const word of ['Overdue actions', 'Latest notes', 'Per committee', 'Owner', 'days', 'Overdue']) {
      assert.ok(english.includes(word), word);
    }
    const csvHeader = renderCsv(report('en')).split('\r\n')[0] ?? '';
    assert.equal(
      csvHeader,
      '\ufeffAudit;Recommendation;Committee;Ref;Action;Owner;Original deadline;Original wording;Current deadline;' +
        'Status;Days overdue;Deadline changes;Deadline changes with reasons;Latest note;Note by;Note date',
    );
    assert.match(renderHtml(report('en')), /<td class="status-Försenad">Overdue \(\d+ days\)<\/td>/);
  });

  it('says so when no action has a note', () => {
    const { actions, history } = knownActions();
    const plain = buildBoardReport(AUDITS, actions, history, AS_OF);
    assert.deepEqual(plain.noted, []);
    assert.ok(
      renderMarkdown(plain).includes('## Senaste kommentarer\n\nIngen åtgärd har någon kommentar.\n'),
    );
    assert.ok(htmlText(renderHtml(plain)).includes('Ingen åtgärd har någon kommentar.'));
  });
});
