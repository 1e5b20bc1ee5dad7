import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { buildBoardReport, type BoardReport } from '../../src/reports/boardReport';
import { renderReport, REPORT_FORMATS, writeReport } from '../../src/reports/render';
import { AS_OF, AUDITS, knownActions, UNREACHABLE } from './knownDataSet';
import { readWorkbook, sheetRows } from './read';

/** Collects what `writeReport` streams, as the CLI's file would receive it. */
async function streamed(report: BoardReport, format: (typeof REPORT_FORMATS)[number]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeReport(report, format, sink);
  return Buffer.concat(chunks);
}

describe('reports/render: streaming gives the same document', () => {
  let report: BoardReport;

  before(() => {
    const { actions, history } = knownActions();
    report = buildBoardReport(AUDITS, actions, history, AS_OF, { unreachableOwners: UNREACHABLE });
  });

  for (const format of ['md', 'html', 'csv'] as const) {
    it(`${format}: the streamed bytes are the rendered text in UTF-8`, async () => {
      const text = await renderReport(report, format);
      assert.equal(typeof text, 'string');
      assert.deepEqual(await streamed(report, format), Buffer.from(String(text), 'utf8'));
    });
  }

  it('xlsx: the streamed workbook holds the same cells', async () => {
    const rendered = await readWorkbook(Buffer.from(await renderReport(report, 'xlsx')));
    const written = await readWorkbook(await streamed(report, 'xlsx'));
    assert.deepEqual(
      written.worksheets.map((sheet) => sheetRows(sheet)),
      rendered.worksheets.map((sheet) => sheetRows(sheet)),
    );
    assert.equal(written.worksheets[1]?.rowCount, 12);
  });
});
