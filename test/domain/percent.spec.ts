import assert from 'node:assert/strict';
import { wholePercent } from '../../src/domain/percent';
import { formatPercent as reportPercent } from '../../src/reports/format';
import { formatPercent as cardPercent } from '../../src/teams/cards/helpers';

describe('wholePercent: one rounding for every view', () => {
  const cases: [number, number][] = [
    [0, 0],
    [1 / 200, 1],
    [0.004, 1],
    [0.4545, 45],
    [0.455, 46],
    [199 / 200, 99],
    [0.996, 99],
    [1, 100],
    [Number.NaN, 0],
    [-0.2, 0],
    [1.5, 100],
  ];
  for (const [share, expected] of cases) {
    it(`${share} -> ${expected}`, () => assert.equal(wholePercent(share), expected));
  }

  it('the board report and the summary card show the same percentage for the same share', () => {
    for (const share of [0, 0.001, 0.25, 0.5, 0.994, 0.996, 0.999, 1]) {
      const report = reportPercent(share).replace(/\s/g, '');
      const card = cardPercent(share, 'sv').replace(/\s/g, '');
      assert.equal(card, report, `share ${share}`);
    }
  });
});
