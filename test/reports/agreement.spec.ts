import { wholePercent } from '../../src/domain/percent';
import assert from 'node:assert/strict';
import { changeDeadline, changeStatus, createAction } from '../../src/domain/actions';
import type { Action, Audit, HistoryEvent } from '../../src/domain/types';
import { buildBoardReport, type BoardReport } from '../../src/reports/boardReport';
import { STATUS_COLUMNS } from '../../src/reports/columns';
import { renderCsv } from '../../src/reports/csv';
import { formatNumber, formatPercent } from '../../src/reports/format';
import { renderHtml } from '../../src/reports/html';
import { renderMarkdown } from '../../src/reports/markdown';
import { summarize, type SummaryRow } from '../../src/reports/summary';
import { renderXlsx } from '../../src/reports/xlsx';
import { csvRecords, htmlTable, markdownTable, readWorkbook, sheetRows } from './read';

const AS_OF = '2026-03-31';

/** A seeded data set of a few hundred actions over twelve committees, every status and many moved deadlines. */
function generated(): { audits: Audit[]; actions: Action[]; history: HistoryEvent[] } {
  let seed = 42;
  const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const committees = Array.from({ length: 12 }, (_, i) => `Nämnd ${String.fromCharCode(65 + i)}`);
  const audits: Audit[] = [];
  const actions: Action[] = [];
  const history: HistoryEvent[] = [];
  let ref = 0;
  for (let a = 0; a < 20; a++) {
    const addressed = [committees[a % 12] ?? '', committees[(a * 5 + 3) % 12] ?? ''];
    const audit: Audit = {
      id: `g${a}`,
      title: `Granskning ${a}`,
      auditor: 'EY',
      reportDate: `2024-${String((a % 12) + 1).padStart(2, '0')}-01`,
      diaryNumber: null,
      committees: addressed,
      responseDue: [],
      boardFeedback: [],
      recommendations: [1, 2, 3].map((r) => ({
        id: `R${r}`,
        text: `Rekommendation ${r}`,
        committees: addressed,
      })),
    };
    audits.push(audit);
    for (let i = 0; i < 20; i++) {
      ref += 1;
      const day = Math.floor(next() * 900);
      const date =
        next() < 0.05 ? null : new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const when = (n: number) => ({ by: 'u', now: new Date(Date.UTC(2025, 0, 1) + n * 86_400_000) });
      let { action, event } = createAction(
        {
          ref,
          auditId: audit.id,
          recommendationId: `R${(i % 3) + 1}`,
          text: `Åtgärd ${ref}`,
          committee: addressed[i % 2] ?? '',
          ownerEmail: next() < 0.1 ? null : `p${Math.floor(next() * 30)}@kommun.se`,
          deadline: { date, phrase: date ?? 'på sikt' },
        },
        when(0),
      );
      history.push(event);
      const moves = next() < 0.2 ? 1 + Math.floor(next() * 3) : 0;
      for (let m = 0; m < moves && action.deadline.date !== null; m++) {
        const moved = new Date(Date.parse(action.deadline.date) + 45 * 86_400_000).toISOString().slice(0, 10);
        ({ action, event } = changeDeadline(
          action,
          { date: moved, reason: m === 1 ? null : `Skäl ${m}` },
          when(m + 1),
        ));
        history.push(event);
      }
      const roll = next();
      const to = roll < 0.3 ? 'Pågår' : roll < 0.6 ? 'Genomförd' : roll < 0.7 ? 'Avbruten' : null;
      if (to !== null) {
        ({ action, event } = changeStatus(action, { to, comment: 'klart' }, when(10)));
        history.push(event);
      }
      actions.push(action);
    }
  }
  return { audits, actions, history };
}

/** A summary row as the strings the text formats print. */
function printed(row: SummaryRow): string[] {
  return [
    ...STATUS_COLUMNS.map((column) => formatNumber(row[column.field])),
    formatNumber(row.total),
    formatPercent(row.shareDone),
  ];
}

function numbers(row: SummaryRow): number[] {
  // The sheet holds the share as every other format shows it, in whole percent.
  return [...STATUS_COLUMNS.map((column) => row[column.field]), row.total, wholePercent(row.shareDone) / 100];
}

describe('reports: every format agrees with buildBoardReport', () => {
  let report: BoardReport;
  let actions: Action[];

  before(() => {
    const data = generated();
    actions = data.actions;
    report = buildBoardReport(data.audits, data.actions, data.history, AS_OF);
    // The data set must exercise what is compared.
    assert.equal(report.summary.rows.length, 12);
    for (const column of STATUS_COLUMNS) assert.ok(report.summary.totals[column.field] > 10, column.status);
    assert.ok(report.rescheduled.length > 30);
  });

  it('the report and the chat summary count with the same function', () => {
    assert.deepEqual(report.summary, summarize(actions, AS_OF));
  });

  it('Markdown', () => {
    const markdown = renderMarkdown(report);
    assert.deepEqual(markdownTable(markdown, 'Status per nämnd'), [
      ...report.summary.rows.map((row) => [row.committee, ...printed(row)]),
      ['**Totalt**', ...printed(report.summary.totals)],
    ]);
    assert.deepEqual(
      markdownTable(markdown, 'Försenade åtgärder').map((row) => [row[0], row[5]]),
      report.overdue.map((line) => [
        line.reference,
        `${formatNumber(line.daysOverdue ?? -1)} ${line.daysOverdue === 1 ? 'dag' : 'dagar'}`,
      ]),
    );
    assert.deepEqual(
      markdownTable(markdown, 'Ändrade slutdatum').map((row) => [row[0], row[5]]),
      report.rescheduled.map((line) => [line.reference, String(line.deadlineChangeCount)]),
    );
    for (const audit of report.audits) {
      const section = markdown.slice(markdown.indexOf(`\n### ${audit.title}\n`));
      const countsLine = section.split('\n').find((l) => l.startsWith('Planerad '));
      assert.ok(countsLine?.includes(`Totalt ${audit.counts.total} ·`), audit.title);
      assert.ok(countsLine?.endsWith(formatPercent(audit.counts.shareDone)), audit.title);
    }
  });

  it('HTML', () => {
    const html = renderHtml(report);
    assert.deepEqual(htmlTable(html, 'summary'), [
      ...report.summary.rows.map((row) => [row.committee, ...printed(row)]),
      ['Totalt', ...printed(report.summary.totals)],
    ]);
    assert.deepEqual(
      htmlTable(html, 'overdue').map((row) => row[0]),
      report.overdue.map((line) => line.reference),
    );
    assert.deepEqual(
      htmlTable(html, 'rescheduled').map((row) => [row[0], row[5]]),
      report.rescheduled.map((line) => [line.reference, String(line.deadlineChangeCount)]),
    );
    // The chart has one segment per non-zero count, and its tooltips carry the counts.
    const segments = [...html.matchAll(/<rect [^>]*><title>([^<]*): ([^<]*) (\d+)<\/title><\/rect>/g)];
    const fromChart = new Map<string, number>();
    for (const [, committee, status, count] of segments)
      fromChart.set(`${committee}|${status}`, Number(count));
    for (const row of report.summary.rows) {
      for (const column of STATUS_COLUMNS) {
        assert.equal(fromChart.get(`${row.committee}|${column.status}`) ?? 0, row[column.field]);
      }
    }
  });

  it('CSV', () => {
    const records = csvRecords(renderCsv(report));
    assert.equal(records.length, report.actions.length);
    const tally = new Map<string, number>();
    for (const record of records) {
      const key = `${record.Nämnd}|${record.Status}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    for (const row of report.summary.rows) {
      for (const column of STATUS_COLUMNS) {
        assert.equal(tally.get(`${row.committee}|${column.status}`) ?? 0, row[column.field], row.committee);
      }
    }
    assert.deepEqual(
      records.map((r) => [r.Ref, r.Status, r['Dagar försenad'], r['Antal datumändringar']]),
      report.actions.map((l) => [
        l.reference,
        l.status,
        l.daysOverdue === null ? '' : String(l.daysOverdue),
        String(l.deadlineChangeCount),
      ]),
    );
  });

  it('XLSX', async () => {
    const workbook = await readWorkbook(await renderXlsx(report));
    const summary = sheetRows(workbook.getWorksheet('Sammanfattning') ?? assert.fail('no summary sheet'));
    const perCommittee = summary.findIndex((row) => row[0] === 'Nämnd');
    assert.deepEqual(
      summary.slice(perCommittee + 1, perCommittee + 1 + report.summary.rows.length + 1),
      [...report.summary.rows, report.summary.totals].map((row) => [row.committee, ...numbers(row)]),
    );
    const perAudit = summary.findIndex((row) => row[0] === 'Granskning');
    assert.deepEqual(
      summary.slice(perAudit + 1, perAudit + 1 + report.audits.length),
      report.audits.map((audit) => [audit.title, ...numbers(audit.counts)]),
    );
    const rows = sheetRows(workbook.getWorksheet('Åtgärder') ?? assert.fail('no actions sheet')).slice(1);
    assert.deepEqual(
      rows.map((row) => [row[3], row[9], row[10] ?? null, row[11]]),
      report.actions.map((l) => [l.reference, l.status, l.daysOverdue, l.deadlineChangeCount]),
    );
  });
});
