import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDraft } from '../../src/importing/document';
import { htmlToMarkdown, readDocumentText } from '../../src/importing/documentText';
import { ImportError } from '../../src/importing/errors';
import { docxFromText } from '../helpers/docx';

const SEEDS = join(__dirname, '..', 'fixtures', 'seeds');
const OPTIONS = { today: '2026-03-02' };

describe('response documents as .docx', () => {
  for (const seed of [
    'trelleborg-sn-samordnade-insatser-2021.txt',
    'tyreso-asn-samverkan-2023.txt',
    'boras-ks-barn-och-unga-2019.txt',
  ]) {
    it(`reads ${seed} made into a Word document as it reads the text`, async () => {
      const text = readFileSync(join(SEEDS, seed), 'utf8');
      const docx = docxFromText(text);
      const fromText = extractDraft(seed, text, OPTIONS);
      const fromDocx = extractDraft('svar.docx', await readDocumentText('svar.docx', docx), OPTIONS);
      assert.deepEqual(fromDocx.document, fromText.document);
      assert.deepEqual(fromDocx.details, fromText.details);
      assert.deepEqual(fromDocx.warnings, fromText.warnings);
      assert.ok(fromDocx.details.actions.length > 0);
    });
  }

  it('reads a table in a Word document: one action per row, responsible and deadline from their columns', async () => {
    const docx = docxFromText(
      [
        '# Svar på granskning av löneprocessen',
        'Personalnämnden',
        'Datum 2024-02-01',
        'Revisorerna har genom KPMG granskat löneprocessen.',
        '| Rekommendation | Åtgärd | Ansvarig | Tidplan |',
        '| Inför kontroller av manuella löneändringar | Stickprovskontroller införs | lonechef@kommun.se | senast i april 2024 |',
        '| Se över behörigheter | Behörighetsöversyn | Systemförvaltare | inom kort |',
      ].join('\n'),
    );
    const draft = extractDraft('svar.docx', await readDocumentText('svar.docx', docx), OPTIONS);
    assert.deepEqual(
      draft.details.actions.map((a) => [a.recommendation + 1, a.phrase, a.due, a.owner, a.role]),
      [
        [1, 'senast i april 2024', '2024-04-30', 'lonechef@kommun.se', null],
        [2, 'inom kort', null, null, 'Systemförvaltare'],
      ],
    );
  });

  it('turns mammoth HTML into Markdown: headings, emphasis, nested lists, tables, entities', () => {
    const html =
      '<h2>Svar &amp; åtgärder</h2><p><strong>Svar: </strong>Ja, 5 * 3.</p>' +
      '<ul><li>Ett<ul><li>Under</li></ul></li></ul><ol><li>Första</li></ol>' +
      '<table><tr><td><p>A</p></td><td><p>B | C</p></td></tr></table><p><em>Kursiv</em></p>';
    assert.equal(
      htmlToMarkdown(html),
      [
        '## Svar & åtgärder',
        '',
        '**Svar:** Ja, 5 \\* 3.',
        '',
        '- Ett',
        '',
        '  - Under',
        '',
        '1. Första',
        '',
        '| A | B \\| C |',
        '',
        '*Kursiv*',
      ].join('\n'),
    );
  });

  it('refuses other file types and a .docx that is not one, naming the file', async () => {
    await assert.rejects(
      readDocumentText('svar.pdf', Buffer.from('%PDF')),
      (error: unknown) => error instanceof ImportError && /^svar\.pdf: /.test(error.message),
    );
    await assert.rejects(
      readDocumentText('trasig.docx', Buffer.from('inte en zip-fil')),
      (error: unknown) =>
        error instanceof ImportError &&
        error.message.startsWith('trasig.docx: filen kan inte läsas som .docx'),
    );
  });

  it('reads .txt and .md as UTF-8 text', async () => {
    assert.equal(
      await readDocumentText('svar.md', Buffer.from('# Rubrik\n\nÅtgärd', 'utf8')),
      '# Rubrik\n\nÅtgärd',
    );
  });
});
