import assert from 'node:assert/strict';
import { extractDraft } from '../../src/importing/document';
import {
  MAX_BLOCKS,
  MAX_ITEM,
  MAX_LINE,
  MAX_PARAGRAPH,
  plainText,
  readBlocks,
  sentencesOf,
  toBlocks,
  type Block,
} from '../../src/importing/documentBlocks';
import { htmlToMarkdown } from '../../src/importing/documentText';
import { committeesIn } from '../../src/importing/documentFacts';

// Inputs built to make a backtracking pattern take quadratic or cubic time. How long they take is measured by
// bench/importLinear.ts; here each must be read, and read sensibly.

const ACTION = 'Nämnden kommer att revidera rutinen senast i maj 2025.';

function kinds(blocks: readonly Block[]): string[] {
  return blocks.map(
    (block) => `${block.kind}:${block.text.length > 40 ? `${block.text.length} chars` : block.text}`,
  );
}

describe('reading pathological response documents', () => {
  const rows: [string, string, (blocks: Block[]) => void][] = [
    [
      'a heading followed by 8,000 spaces',
      `# Svar${' '.repeat(8000)}\n\n${ACTION}`,
      (blocks) => assert.deepEqual(kinds(blocks), ['heading:Svar', `paragraph:${ACTION.length} chars`]),
    ],
    [
      'a heading with 8,000 spaces before its text and 8,000 after its closing hashes',
      `## ${' '.repeat(8000)}Svar ##${' '.repeat(8000)}`,
      (blocks) => assert.deepEqual(kinds(blocks), ['heading:Svar']),
    ],
    [
      'a heading with runs of 4,000 spaces around a hash inside it',
      `# a${' '.repeat(4000)}#${' '.repeat(4000)}b`,
      (blocks) => assert.deepEqual(kinds(blocks), ['heading:a # b']),
    ],
    [
      'a paragraph of 1 MB on one line',
      'Lång text utan slut '.repeat(52_000),
      (blocks) => {
        assert.equal(blocks.length, 1);
        assert.equal(blocks[0]?.kind, 'paragraph');
        assert.equal(blocks[0]?.cut, true);
        assert.ok((blocks[0]?.text.length ?? 0) <= MAX_LINE);
      },
    ],
    [
      'a paragraph of 1 MB wrapped at 70 characters',
      `${'lång text som bryts vid sjuttio tecken och fortsätter på nästa rad här\n'.repeat(15_000)}`,
      (blocks) => {
        assert.ok(blocks.length >= 1);
        assert.ok(blocks.every((block) => block.text.length <= MAX_PARAGRAPH));
        assert.equal(blocks[0]?.cut, true);
      },
    ],
    [
      'a list item of 100,000 characters',
      `- ${'a'.repeat(100_000)}`,
      (blocks) => {
        assert.deepEqual(
          blocks.map((block) => [block.kind, block.cut]),
          [['item', true]],
        );
        assert.ok((blocks[0]?.text.length ?? 0) <= MAX_ITEM);
      },
    ],
    [
      'a list item continued over 1,000 wrapped lines',
      `- Början av punkten\n${'och så fortsätter punkten med ännu en rad text utan slutpunkt\n'.repeat(1000)}`,
      (blocks) => {
        assert.deepEqual(
          blocks.map((block) => [block.kind, block.cut]),
          [['item', true]],
        );
        assert.ok((blocks[0]?.text.length ?? 0) <= MAX_ITEM);
      },
    ],
    [
      'a line of 50,000 asterisks',
      `${'*'.repeat(50_000)}\n\n${ACTION}`,
      (blocks) => {
        assert.equal(blocks[0]?.cut, true);
        assert.ok(!(blocks[0]?.text ?? '').includes('**'));
        assert.equal(blocks[blocks.length - 1]?.text, ACTION);
      },
    ],
    [
      'a table separator row of 20,000 "-|"',
      `| Åtgärd | Tidplan |\n|${'-|'.repeat(20_000)}\n| Revidera rutinen | maj 2025 |`,
      (blocks) => {
        assert.deepEqual(blocks[0]?.cells, ['Åtgärd', 'Tidplan']);
        assert.equal(blocks[1]?.cut, true);
        assert.deepEqual(blocks[2]?.cells, ['Revidera rutinen', 'maj 2025']);
      },
    ],
    [
      'a table separator row of 2,000 cells',
      `| Åtgärd | Tidplan |\n|${'---|'.repeat(2000)}\n| Revidera rutinen | maj 2025 |`,
      (blocks) =>
        assert.deepEqual(kinds(blocks), ['row:Åtgärd | Tidplan', 'row:Revidera rutinen | maj 2025']),
    ],
    [
      '25,000 bold markers that never close',
      `${'**a '.repeat(25_000)}\n\n${ACTION}`,
      (blocks) => {
        assert.ok(!(blocks[0]?.text ?? '').includes('*'));
        assert.equal(blocks[blocks.length - 1]?.text, ACTION);
      },
    ],
    [
      '50,000 link openers that never close',
      `${'[a]('.repeat(50_000)}\n\n${ACTION}`,
      (blocks) => assert.equal(blocks[blocks.length - 1]?.text, ACTION),
    ],
  ];
  for (const [name, text, check] of rows) {
    it(`reads ${name}`, () => check(toBlocks(text)));
  }

  it('reads the first blocks of 300,000 short lines in one group, and says it stopped', () => {
    const { blocks, complete } = readBlocks('Ab\n'.repeat(300_000));
    assert.deepEqual(
      [blocks.length, complete, blocks[blocks.length - 1]?.line],
      [MAX_BLOCKS, false, MAX_BLOCKS],
    );
  });

  it('warns in the draft that the rest of a document of 100,000 paragraphs was not read', () => {
    const text = `Svar på revisionsrapport\n\n${ACTION}\n\n${'Ab\n\n'.repeat(100_000)}`;
    const draft = extractDraft('svar.txt', text, { today: '2024-03-01' });
    assert.equal(draft.details.actions.length, 1);
    assert.ok(
      draft.warnings.some(
        (w) => w.startsWith('Dokumentet har fler än 2 000 stycken') && w.includes('har inte lästs'),
      ),
      draft.warnings.join('\n'),
    );
  });

  it('splits 100,000 initials ("A. B. …") into one sentence without rereading it at every stop', () => {
    const text = 'A. '.repeat(100_000).trim();
    assert.deepEqual(sentencesOf(text), [text]);
  });

  it('reads a committee name after 30,000 hyphenated words as the last six parts of it', () => {
    assert.deepEqual(committeesIn(`${'a- '.repeat(30_000)}och socialnämnden`), [
      'A- a- a- a- a- a- och socialnämnden',
    ]);
  });

  it('turns 50,000 bold runs of a .docx paragraph into Markdown', () => {
    const html = `<p>${'<strong>x</strong> '.repeat(50_000)}</p>`;
    assert.equal(htmlToMarkdown(html), Array.from({ length: 50_000 }, () => '**x**').join(' '));
  });

  it('warns in the draft where a 1 MB paragraph was cut and a run-on sentence left unread', () => {
    const text = `Svar på revisionsrapport\n\n${ACTION}\n\n${'Lång text utan slut '.repeat(52_000)}\n\nSlut.`;
    const draft = extractDraft('svar.txt', text, { today: '2024-03-01' });
    assert.deepEqual(
      draft.details.actions.map((action) => [action.text, action.due]),
      [[ACTION, '2025-05-31']],
    );
    assert.ok(
      draft.warnings.some((w) => w.startsWith('Texten på rad 5 var för lång') && w.includes('har kortats')),
      draft.warnings.join('\n'),
    );
    assert.ok(
      draft.warnings.some((w) => w.startsWith('En mening på rad 5 är längre än 1 000 tecken')),
      draft.warnings.join('\n'),
    );
  });

  it('gives a draft of an ordinary document no length warning', () => {
    const draft = extractDraft('svar.txt', `Svar på revisionsrapport\n\n${ACTION}`, { today: '2024-03-01' });
    assert.ok(!draft.warnings.some((w) => w.includes('för lång') || w.includes('1 000 tecken')));
  });
});

/** The patterns plainText replaced, kept here as the reference its one-pass reading must agree with. */
function plainTextByPatterns(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}\\*])[*_](?=\S)(.*?\S)[*_](?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/\*\*|__/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('plainText', () => {
  it('agrees with the patterns it replaces on 20,000 random fragments of Markdown', () => {
    // Short fragments: the patterns are only fast enough there. A fixed seed, so a failure can be replayed.
    const pieces = [
      '*',
      '**',
      '_',
      '__',
      '[',
      ']',
      '(',
      ')',
      '\\',
      'a',
      'Ö',
      ' ',
      '.',
      '\u2028',
      '😀',
      '1',
      '|',
    ];
    let state = 20_260_302;
    const next = (): number => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    for (let i = 0; i < 20_000; i += 1) {
      let fragment = '';
      const length = 1 + Math.floor(next() * 16);
      for (let j = 0; j < length; j += 1) fragment += pieces[Math.floor(next() * pieces.length)] ?? '';
      assert.equal(plainText(fragment), plainTextByPatterns(fragment), JSON.stringify(fragment));
    }
  });
});
