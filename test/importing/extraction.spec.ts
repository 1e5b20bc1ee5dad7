import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDraft } from '../../src/importing/document';
import { readDocumentText } from '../../src/importing/documentText';
import { DocumentTooComplexError } from '../../src/importing/documentTooComplexError';
import { ImportError } from '../../src/importing/errors';
import { extractDocument } from '../../src/importing/extraction';
import { docxFromText } from '../helpers/docx';
import { honestBomb } from './zipBombs';

const SEED = 'tyreso-asn-samverkan-2023.txt';
const TEXT = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', SEED), 'utf8');
const OPTIONS = { today: '2026-03-02' };

/** Asserts a rejection with DocumentTooComplexError of `reason`. */
async function tooComplex(
  promise: Promise<unknown>,
  reason: DocumentTooComplexError['reason'],
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(
      error instanceof DocumentTooComplexError,
      `expected DocumentTooComplexError, got ${String(error)}`,
    );
    assert.equal(error.reason, reason);
    return true;
  });
}

describe('document extraction in a worker thread', () => {
  it('reads .txt and .docx in the worker exactly as readDocumentText and extractDraft do in the thread', async () => {
    const inThread = extractDraft(SEED, TEXT, OPTIONS);
    assert.deepEqual(await extractDocument(SEED, Buffer.from(TEXT), OPTIONS), inThread);
    const docx = docxFromText(TEXT);
    const fromDocx = extractDraft('svar.docx', await readDocumentText('svar.docx', docx), OPTIONS);
    assert.deepEqual(await extractDocument('svar.docx', docx, OPTIONS), fromDocx);
  });

  it('passes the document date on, as extractDraft does', async () => {
    const draft = await extractDocument(SEED, Buffer.from(TEXT), { ...OPTIONS, documentDate: '2023-02-01' });
    assert.equal(draft.details.documentDate, '2023-02-01');
  });

  it('brings an importer error back as the same ImportError, message and fields', async () => {
    const text = 'Svar på revisionsrapport\n\nNämnden har tagit del av rapporten.\n';
    let inThread: unknown;
    try {
      extractDraft('inga.txt', text, OPTIONS);
    } catch (error) {
      inThread = error;
    }
    assert.ok(inThread instanceof ImportError);
    await assert.rejects(extractDocument('inga.txt', Buffer.from(text), OPTIONS), (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.equal(error.message, inThread.message);
      assert.equal(error.file, 'inga.txt');
      assert.equal(error.line, inThread.line);
      assert.equal(error.expected, inThread.expected);
      return true;
    });
  });

  it('refuses a zip bomb in the worker as too complex (expansion)', async () => {
    await tooComplex(extractDocument('svar.docx', await honestBomb(100), OPTIONS), 'expansion');
  });

  it('gives up when the time budget runs out, and says so', async () => {
    // No document is read within 50 ms of starting a worker, so the budget is always what ends this one.
    await assert.rejects(extractDocument(SEED, Buffer.from(TEXT), { ...OPTIONS, timeoutMs: 50 }), (error) => {
      assert.ok(error instanceof DocumentTooComplexError);
      assert.equal(error.reason, 'time');
      assert.match(
        error.message,
        /dokumentet är för stort eller för komplicerat för att läsas \(tog mer än 0\.1 s\)/,
      );
      return true;
    });
  });

  it('gives up when the worker runs out of its memory ceiling, and the bot process lives on', async () => {
    const big = Buffer.from(TEXT.repeat(Math.ceil((20 * 1024 * 1024) / TEXT.length)));
    await tooComplex(
      extractDocument(SEED, big, { ...OPTIONS, maxMemoryMb: 32, timeoutMs: 60_000 }),
      'memory',
    );
    // The same process reads the next document normally.
    assert.ok((await extractDocument(SEED, Buffer.from(TEXT), OPTIONS)).details.actions.length > 0);
  });

  it('reads off the event loop: timers fire while the worker is held mid-read', async () => {
    const hold = new Int32Array(new SharedArrayBuffer(4));
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const reading = extractDocument(SEED, Buffer.from(TEXT), { ...OPTIONS, hold, onStarted: started });
    let finished = false;
    void reading.then(() => (finished = true));
    await isStarted;
    // Were the hold on this thread, this timer could never fire.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(finished, false, 'the read must still be held');
    Atomics.store(hold, 0, 1);
    Atomics.notify(hold, 0);
    assert.ok((await reading).details.actions.length > 0);
  });
});
