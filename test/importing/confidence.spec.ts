/**
 * Calibrates the confidence level of draft actions on every response document with hand-written expectations: the
 * 13 of the corpus (test/fixtures/corpus/documents) and the 3 seeds (test/fixtures/seeds). An action is right when
 * a careful reader expects it and its date is the one expected (for a seed, also its recommendation); an action no
 * reader expects is wrong; one a reader may count either way is left out. Prints, per level, how many are right,
 * and asserts that `high` is right at least 95 % of the time, which is what the level promises.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDraft, type ConfidenceLevel, type DraftAction } from '../../src/importing/document';
import { loadDocuments } from '../helpers/corpus';

const SEEDS = join(__dirname, '..', 'fixtures', 'seeds');
const SEED_NAMES = [
  'boras-ks-barn-och-unga-2019',
  'trelleborg-sn-samordnade-insatser-2021',
  'tyreso-asn-samverkan-2023',
];

interface Expectation {
  includes: string;
  due: string | null;
  /** 1-based; null where the document does not say. */
  recommendation: number | null;
}

interface Scored {
  source: string;
  actions: DraftAction[];
  expected: Expectation[];
  acceptable: string[];
}

const fold = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

function corpus(): Scored[] {
  return loadDocuments().map((doc) => ({
    source: doc.slug,
    actions: extractDraft(doc.document, doc.text, { today: '2026-03-02', documentDate: doc.documentDate })
      .details.actions,
    expected: doc.actions.map((a) => ({ includes: a.includes, due: a.due, recommendation: null })),
    acceptable: doc.acceptable,
  }));
}

function seeds(): Scored[] {
  return SEED_NAMES.map((name) => {
    const expected = JSON.parse(readFileSync(join(SEEDS, `${name}.expected.json`), 'utf8')) as {
      seed: string;
      actions: Expectation[];
      acceptable: string[];
    };
    const text = readFileSync(join(SEEDS, expected.seed), 'utf8');
    return {
      source: name,
      actions: extractDraft(expected.seed, text, { today: '2026-03-02' }).details.actions,
      expected: expected.actions,
      acceptable: expected.acceptable,
    };
  });
}

/** Each drafted action as right, wrong, or left out (acceptable either way). */
function judge(scored: Scored): { action: DraftAction; right: boolean | null }[] {
  const used = new Set<Expectation>();
  return scored.actions.map((action) => {
    const want = scored.expected.find((e) => !used.has(e) && fold(action.text).includes(fold(e.includes)));
    if (want === undefined) {
      const either = scored.acceptable.some((text) => fold(action.text).includes(fold(text)));
      return { action, right: either ? null : false };
    }
    used.add(want);
    const sameRecommendation =
      want.recommendation === null || want.recommendation === action.recommendation + 1;
    return { action, right: action.due === want.due && sameRecommendation };
  });
}

describe('the confidence level of draft actions, calibrated on the documents with expectations', () => {
  it('prints how often each level is right; high is right at least 95 % of the time', () => {
    const tally = new Map<ConfidenceLevel, { right: number; wrong: number }>([
      ['high', { right: 0, wrong: 0 }],
      ['medium', { right: 0, wrong: 0 }],
      ['low', { right: 0, wrong: 0 }],
    ]);
    const wrongHigh: string[] = [];
    for (const scored of [...corpus(), ...seeds()]) {
      for (const { action, right } of judge(scored)) {
        if (right === null) continue;
        const counts = tally.get(action.level);
        assert.ok(counts, action.level);
        if (right) counts.right += 1;
        else counts.wrong += 1;
        if (!right && action.level === 'high')
          wrongHigh.push(`[${scored.source}] ${action.text.slice(0, 80)}`);
        // The documents are read almost all right, so the share alone would not notice a level that says
        // nothing: what a person must fix (a date to set) is never high.
        if (action.due === null) assert.equal(action.level, 'low', `${scored.source}: ${action.text}`);
      }
    }
    const lines = ['', '      Confidence levels (right / judged):'];
    for (const [level, { right, wrong }] of tally) {
      const total = right + wrong;
      const share = total === 0 ? '-' : `${((100 * right) / total).toFixed(1)} %`;
      lines.push(`        ${level.padEnd(6)} ${`${right}/${total}`.padStart(7)}  ${share}`);
    }
    for (const line of wrongHigh) lines.push(`        high but wrong: ${line}`);
    console.log(lines.join('\n'));
    const high = tally.get('high') ?? { right: 0, wrong: 0 };
    assert.ok(high.right >= 20, `only ${high.right} actions marked high: the level says too little`);
    assert.ok(
      high.right / (high.right + high.wrong) >= 0.95,
      `high is right ${high.right}/${high.right + high.wrong}`,
    );
  });
});
