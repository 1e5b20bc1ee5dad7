import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { checkDocxArchive, DOCX_LIMITS } from '../../src/importing/docxArchive';
import { readDocumentText } from '../../src/importing/documentText';
import { DocumentTooComplexError } from '../../src/importing/documentTooComplexError';
import { ImportError } from '../../src/importing/errors';
import { docxFromText } from '../helpers/docx';
import { handMadeZip, honestBomb, lyingBomb } from './zipBombs';

const MB = 1024 * 1024;

/** Asserts that `promise` rejects with a DocumentTooComplexError for expansion whose detail matches `detail`. */
async function refusedAsBomb(promise: Promise<unknown>, detail: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DocumentTooComplexError, `not refused as too complex: ${String(error)}`);
    assert.equal(error.reason, 'expansion');
    assert.match(error.detail, detail);
    assert.match(
      error.message,
      /^svar\.docx: dokumentet är för stort eller för komplicerat för att läsas \(/,
    );
    return true;
  });
}

describe('docx archives: bounded unzip before mammoth', () => {
  it('lets an ordinary Word document through and reports what it inflated to', async () => {
    const docx = docxFromText('# Svar\n\nNämnden ska ta fram en rutin senast 2026-06-30.');
    const size = await checkDocxArchive('svar.docx', docx);
    assert.equal(size.entries, 6);
    assert.ok(size.documentBytes > 100 && size.documentBytes < 10_000, String(size.documentBytes));
    assert.ok(size.totalBytes > size.documentBytes);
    assert.match(await readDocumentText('svar.docx', docx), /Nämnden ska ta fram en rutin/);
  });

  it('refuses a zip bomb from its central directory: word/document.xml declared at 100 MB', async () => {
    const bomb = await honestBomb(100);
    assert.ok(bomb.length < 200_000, `the bomb should be small on disk, is ${bomb.length} bytes`);
    await refusedAsBomb(checkDocxArchive('svar.docx', bomb), /texten packas upp till 100 MB, högst 32 MB/);
    await refusedAsBomb(readDocumentText('svar.docx', bomb), /texten packas upp till 100 MB/);
  });

  it('refuses a bomb whose headers lie (1 KB declared, 200 MB inside) after inflating only past the lie', async () => {
    const bomb = await lyingBomb(200);
    await refusedAsBomb(
      checkDocxArchive('svar.docx', bomb),
      /word\/document\.xml packas upp till mer än arkivet anger \(1024 byte\)/,
    );
    await refusedAsBomb(readDocumentText('svar.docx', bomb), /mer än arkivet anger/);
  });

  it('refuses an entry with an absurd compression ratio even below the size limits', async () => {
    const deflated = deflateRawSync(Buffer.alloc(2 * MB, 0x20));
    const zip = handMadeZip([
      { name: 'word/document.xml', deflated: deflateRawSync('<w:document/>'), declaredSize: 13, crc32: 0 },
      { name: 'word/media/image1.png', deflated, declaredSize: 2 * MB, crc32: 0 },
    ]);
    await refusedAsBomb(checkDocxArchive('svar.docx', zip), /word\/media\/image1\.png är packad \d+ gånger/);
  });

  it('refuses an archive whose entries together declare more than the total limit', async () => {
    const docx = docxFromText('# Svar\n\nEtt stycke.');
    const limits = { ...DOCX_LIMITS, maxTotalBytes: 1000 };
    await refusedAsBomb(
      checkDocxArchive('svar.docx', docx, limits),
      /arkivet packas upp till mer än 0\.0 MB/,
    );
  });

  it('refuses an archive with more entries than any Word document has', async () => {
    const docx = docxFromText('# Svar');
    await refusedAsBomb(
      checkDocxArchive('svar.docx', docx, { ...DOCX_LIMITS, maxEntries: 3 }),
      /arkivet har 6 delar, högst 3 läses/,
    );
  });

  it('still answers a file that is no zip archive at all as an unreadable .docx', async () => {
    await assert.rejects(
      readDocumentText('svar.docx', Buffer.from('inte ett zip-arkiv')),
      (error: unknown) => {
        assert.ok(error instanceof ImportError);
        assert.match(error.message, /filen kan inte läsas som \.docx/);
        return true;
      },
    );
  });
});
