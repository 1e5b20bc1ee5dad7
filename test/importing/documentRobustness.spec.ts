import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDraft } from '../../src/importing/document';
import { ImportError } from '../../src/importing/errors';

const SEEDS = join(__dirname, '..', 'fixtures', 'seeds');
const TEXTS = [
  'boras-ks-barn-och-unga-2019.txt',
  'trelleborg-sn-samordnade-insatser-2021.txt',
  'tyreso-asn-samverkan-2023.txt',
].map((name) => readFileSync(join(SEEDS, name), 'utf8'));

/** What real exports put in the way: page breaks, stray markup, labels, addresses the schema refuses, bad dates. */
const NOISE = [
  '\f',
  '\u0007',
  '\u200B',
  '**',
  '*',
  '| a |',
  '- ',
  '# ',
  'Svar:',
  'Åtgärd:',
  'Dnr ',
  '2023-02-30 ',
  'inköp@kommun.se ',
  'Ansvarig: ',
  'senast ',
  'Rekommendation 1: ',
];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('extractDraft on damaged documents', () => {
  it('either makes a valid draft or says it found no actions, for 300 cut, shuffled and noisy seeds', function () {
    this.timeout(60_000);
    const next = random(20_260_302);
    let drafts = 0;
    for (let i = 0; i < 300; i += 1) {
      let lines = (TEXTS[Math.floor(next() * TEXTS.length)] ?? '').split('\n');
      if (next() < 0.5) lines = lines.filter(() => next() > 0.2);
      if (next() < 0.3) lines.sort(() => next() - 0.5);
      lines = lines.map((line) =>
        next() < 0.1 ? `${NOISE[Math.floor(next() * NOISE.length)] ?? ''}${line}` : line,
      );
      const text = lines.join('\n');
      try {
        const draft = extractDraft('skadad.txt', text, { today: '2026-03-02' });
        assert.ok(draft.details.actions.length > 0);
        drafts += 1;
      } catch (error) {
        // The only refusal allowed: nothing to import. A draft that fails the import schema is a bug.
        assert.ok(
          error instanceof ImportError && error.message.includes('hittade inga åtgärder'),
          `document ${i}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    assert.ok(drafts > 150, `only ${drafts} drafts`);
  });
});
