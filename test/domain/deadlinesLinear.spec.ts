import assert from 'node:assert/strict';
import { findDeadline, resolveDeadline, type ResolvedDeadline } from '../../src/domain/deadlines';

// Sentences built to make the deadline patterns reread a long run from each of its words. How long they take is
// measured by bench/importLinear.ts; here each must give a sensible reading, and no date rather than a wrong one.

const DOCUMENT_DATE = '2024-01-10';

function reading(deadline: ResolvedDeadline | null): [string | null, string, string] | null {
  return deadline === null ? null : [deadline.date, deadline.kind, deadline.phrase];
}

describe('deadline phrases in pathological sentences', () => {
  const found: [string, string, [string | null, string, string] | null][] = [
    [
      '20,000 "i" before a month',
      `Klart ${'i '.repeat(20_000)}maj 2025.`,
      ['2025-05-31', 'month', 'i i i maj 2025'],
    ],
    [
      '20,000 "under" before a season',
      `Arbetet pågår ${'under '.repeat(20_000)}hösten 2025.`,
      ['2025-11-30', 'season', 'under under under under hösten 2025'],
    ],
    [
      '20,000 "senast" before the end of the year',
      `Klart ${'senast '.repeat(20_000)}innan årets slut.`,
      ['2024-12-31', 'year', 'senast senast innan årets slut'],
    ],
    [
      '20,000 months listed with no "och" to end the list',
      `Rapporteras ${'maj, '.repeat(20_000)}varje år.`,
      [null, 'relative', 'varje år'],
    ],
    [
      'a date between 100,000 spaces on either side',
      `${' '.repeat(100_000)}senast 2025-05-31${' '.repeat(100_000)}`,
      ['2025-05-31', 'exact', 'senast 2025-05-31'],
    ],
    ['50,000 "i" and nothing else', 'i '.repeat(50_000), null],
  ];
  for (const [name, sentence, expected] of found) {
    it(`finds in ${name}: ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(reading(findDeadline(sentence, DOCUMENT_DATE)), expected);
    });
  }

  const resolved: [string, string, [string | null, string]][] = [
    // Ten fillers are no phrase anyone writes: not understood, so no date.
    ['ten fillers after "senast"', `senast ${'i '.repeat(10)}maj 2025`, [null, 'unknown']],
    [
      'a season followed by 100,000 full stops',
      `under hösten 2021${'.'.repeat(100_000)}`,
      ['2021-11-30', 'season'],
    ],
    ['twenty months listed', `i ${'maj, '.repeat(20)}och juni 2025`, [null, 'unknown']],
    ['three months listed', 'i mars, juni och september 2025', ['2025-09-30', 'recurring']],
  ];
  for (const [name, phrase, [date, kind]] of resolved) {
    it(`resolves ${name} to ${String(date)} (${kind})`, () => {
      const deadline = resolveDeadline(phrase, DOCUMENT_DATE);
      assert.deepEqual([deadline.date, deadline.kind], [date, kind]);
    });
  }
});
