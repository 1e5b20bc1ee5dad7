/**
 * The board report's files are opened by people in Excel and browsers: imported text that looks like a formula
 * must stay text when a cell is edited, and the HTML page carries a Content-Security-Policy that lets nothing run
 * or load. Both are checked by reading the written file back.
 */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { buildBoardReport } from '../../src/reports/boardReport';
import { CONTENT_SECURITY_POLICY, renderHtml } from '../../src/reports/html';
import { renderXlsx, TEXT_FORMAT } from '../../src/reports/xlsx';
import { AS_OF, AUDITS, knownActions, UNREACHABLE } from './knownDataSet';
import { readWorkbook } from './read';

const FORMULAS = ['=HYPERLINK("http://x","klicka")', '+1+1', '-2+3', '@SUM(A1:A2)'];

/** Every cell of a sheet whose value is a string, with its number format. */
function stringCells(sheet: ExcelJS.Worksheet): { value: string; numFmt: string; type: ExcelJS.ValueType }[] {
  const cells: { value: string; numFmt: string; type: ExcelJS.ValueType }[] = [];
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string')
        cells.push({ value: cell.value, numFmt: cell.numFmt, type: cell.type });
    }),
  );
  return cells;
}

describe('reports: hardening of the files people open', () => {
  describe('XLSX: text that looks like a formula', () => {
    let workbook: ExcelJS.Workbook;

    before(async () => {
      const { actions, history } = knownActions();
      const formulaActions = actions.map((action, index) =>
        index < FORMULAS.length ? { ...action, text: FORMULAS[index] ?? action.text } : action,
      );
      const audits = AUDITS.map((audit, index) =>
        index === 0 ? { ...audit, title: '=1+1 granskning' } : audit,
      );
      const report = buildBoardReport(audits, formulaActions, history, AS_OF, {
        unreachableOwners: UNREACHABLE,
      });
      workbook = await readWorkbook(await renderXlsx(report));
    });

    it('writes each as a string formatted as Text, so editing it in Excel keeps it text', () => {
      const cells = stringCells(workbook.getWorksheet('Åtgärder') ?? assert.fail('no actions sheet'));
      for (const formula of FORMULAS) {
        const cell = cells.find((c) => c.value === formula);
        assert.ok(cell, `${formula} is missing from the actions sheet`);
        assert.equal(cell.type, ExcelJS.ValueType.String, `${formula} is not a plain string`);
        assert.equal(cell.numFmt, TEXT_FORMAT, `${formula} is not formatted as Text`);
      }
    });

    it('does so on the summary sheet too (an audit title)', () => {
      const cells = stringCells(workbook.getWorksheet('Sammanfattning') ?? assert.fail('no summary sheet'));
      const title = cells.filter((c) => c.value === '=1+1 granskning');
      assert.ok(title.length > 0, 'the audit title is missing');
      for (const cell of title) {
        assert.equal(cell.type, ExcelJS.ValueType.String);
        assert.equal(cell.numFmt, TEXT_FORMAT);
      }
    });

    it('leaves every other text cell in its usual format', () => {
      for (const sheet of workbook.worksheets) {
        for (const cell of stringCells(sheet)) {
          if (/^[=+\-@]/.test(cell.value)) continue;
          assert.notEqual(cell.numFmt, TEXT_FORMAT, `${sheet.name}: ${cell.value}`);
        }
      }
    });
  });

  describe('HTML: Content-Security-Policy', () => {
    let page: string;

    before(() => {
      const { actions, history } = knownActions();
      page = renderHtml(
        buildBoardReport(AUDITS, actions, history, AS_OF, { unreachableOwners: UNREACHABLE }),
      );
    });

    it('declares a strict policy in the head, before anything it governs', () => {
      const head = /<head>([\s\S]*?)<\/head>/.exec(page)?.[1] ?? assert.fail('no head');
      const metas = [...head.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/g)];
      assert.equal(metas.length, 1, 'exactly one policy');
      const content = (metas[0]?.[1] ?? '').replace(/&#39;/g, "'").replace(/&#x27;/g, "'");
      assert.equal(content, CONTENT_SECURITY_POLICY);
      assert.ok(head.indexOf('Content-Security-Policy') < head.indexOf('<style>'), 'the policy comes first');
    });

    it('allows no script, no connection, no frame, no form and no base, only inline styles and data images', () => {
      const directives = new Map(
        CONTENT_SECURITY_POLICY.split(';').map((part) => {
          const [name = '', ...values] = part.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      assert.deepEqual(directives.get('style-src'), ["'unsafe-inline'"]);
      assert.deepEqual(directives.get('img-src'), ['data:']);
      assert.deepEqual(directives.get('base-uri'), ["'none'"]);
      assert.deepEqual(directives.get('form-action'), ["'none'"]);
      for (const name of ['script-src', 'connect-src', 'frame-src', 'object-src']) {
        assert.equal(directives.has(name), false, `${name} would widen default-src 'none'`);
      }
    });

    it('needs nothing the policy refuses: no script, no external resource, the chart inline', () => {
      assert.doesNotMatch(page, /<script/i);
      assert.doesNotMatch(page, /\s(?:src|href)="(?!#)/i, 'a resource or link outside the page');
      assert.doesNotMatch(page, /\sstyle="/i, 'an inline style attribute would need more than style-src');
      assert.match(page, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart"/);
    });
  });
});
