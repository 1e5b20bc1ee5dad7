import assert from 'node:assert/strict';
import type { TrackedRecommendation, Verdict } from '../../src/domain/types';
import { buildBoardReport } from '../../src/reports/boardReport';
import { renderHtml } from '../../src/reports/html';
import { renderMarkdown } from '../../src/reports/markdown';
import { renderXlsx, XLSX_SHEETS } from '../../src/reports/xlsx';
import { AS_OF, AUDITS, knownActions } from './knownDataSet';
import { htmlTable, readWorkbook, sheetRows } from './read';

/** The known data set's recommendations with references, and the verdicts given (null: none). */
function tracked(verdicts: Record<string, Verdict | null>): TrackedRecommendation[] {
  let ref = 0;
  return AUDITS.flatMap((audit) =>
    audit.recommendations.map((rec) => {
      ref += 1;
      const verdict = verdicts[`${audit.id}/${rec.id}`] ?? null;
      return {
        ref,
        auditId: audit.id,
        recommendationId: rec.id,
        text: rec.text,
        committees: rec.committees,
        version: verdict === null ? 0 : 1,
        latestVerdict: verdict,
        latestVerdictDate: verdict === null ? null : '2026-02-01',
      };
    }),
  );
}

describe('reports: the board report counts the auditors’ verdicts', () => {
  const { actions, history } = knownActions();

  it('has no verdict parts when no recommendation has a verdict: every format as before', async () => {
    const plain = buildBoardReport(AUDITS, actions, history, AS_OF);
    const none = buildBoardReport(AUDITS, actions, history, AS_OF, { recommendations: tracked({}) });
    assert.equal(none.verdictsByCommittee, null);
    assert.ok(none.audits.every((audit) => audit.verdicts === null));
    assert.equal(renderMarkdown(none), renderMarkdown(plain));
    assert.equal(renderHtml(none), renderHtml(plain));
    assert.ok(!renderMarkdown(none).includes('Revisorernas bedömningar'));
  });

  it('counts latest verdicts per committee and per audit, the same in Markdown, HTML and XLSX', async () => {
    const report = buildBoardReport(AUDITS, actions, history, AS_OF, {
      recommendations: tracked({
        'aud-1/R1': 'Åtgärdad',
        'aud-1/R2': 'Delvis åtgärdad',
        'aud-2/R1': 'Ej åtgärdad',
      }),
    });
    // Columns: Åtgärdad, Delvis åtgärdad, Ej åtgärdad, Inte längre aktuell, Ingen bedömning, Rekommendationer.
    const expectedCommittees = [
      ['Grundskolenämnden', '0', '0', '1', '0', '1', '2'],
      ['Kommunstyrelsen', '0', '0', '0', '0', '1', '1'],
      ['Socialnämnden', '1', '1', '1', '0', '0', '3'],
    ];
    const expectedAudits = [
      ['Granskning av barnkonventionen', '1', '1', '0', '0', '0', '2'],
      ['Granskning av intern kontroll', '0', '0', '1', '0', '1', '2'],
      [AUDITS[0]?.title ?? '', '0', '0', '0', '0', '1', '1'],
    ];
    const html = renderHtml(report);
    assert.deepEqual(htmlTable(html, 'verdicts-committees'), expectedCommittees);
    assert.deepEqual(htmlTable(html, 'verdicts-audits'), expectedAudits);

    const markdown = renderMarkdown(report);
    const section = markdown.slice(
      markdown.indexOf('## Revisorernas bedömningar'),
      markdown.indexOf('## Per granskning'),
    );
    const mdRows = section
      .split('\n')
      .filter(
        (line) =>
          line.startsWith('| ') &&
          !line.startsWith('| Nämnd |') &&
          !line.startsWith('| Granskning |') &&
          !line.startsWith('| ---'),
      )
      .map((line) =>
        line
          .slice(2, -2)
          .split(/(?<!\\) \| /)
          .map((cell) => cell.replace(/\\(.)/g, '$1')),
      );
    assert.deepEqual(mdRows, [...expectedCommittees, ...expectedAudits]);

    const workbook = await readWorkbook(await renderXlsx(report));
    const sheet = workbook.getWorksheet(XLSX_SHEETS.summary);
    assert.ok(sheet);
    const rows = sheetRows(sheet).map((row) => row.map((cell) => String(cell ?? '')));
    const start = rows.findIndex((row) => row[0] === 'Revisorernas bedömningar');
    assert.ok(start > 0);
    assert.deepEqual(rows.slice(start + 2, start + 5), expectedCommittees);
    assert.deepEqual(rows.slice(start + 6, start + 9), expectedAudits);
  });
});
