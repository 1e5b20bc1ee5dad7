import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors';
import {
  formatAnyRef,
  formatRecommendationRef,
  parseAnyRef,
  parseRecommendationRef,
  parseRef,
  REF_PATTERN,
  type ParsedRef,
} from '../../src/domain/refs';

describe('domain/refs: one grammar for action and recommendation references', () => {
  const accepted: [string, ParsedRef][] = [
    ['A-17', { kind: 'action', ref: 17 }],
    ['a17', { kind: 'action', ref: 17 }],
    ['R-3', { kind: 'recommendation', ref: 3 }],
    ['r3', { kind: 'recommendation', ref: 3 }],
    ['R 3', { kind: 'recommendation', ref: 3 }],
    [' r - 12 ', { kind: 'recommendation', ref: 12 }],
    ['R\u200b-3', { kind: 'recommendation', ref: 3 }],
    ['\u202eR-3', { kind: 'recommendation', ref: 3 }],
    ['R-99999999', { kind: 'recommendation', ref: 99_999_999 }],
  ];
  for (const [text, parsed] of accepted) {
    it(`reads ${JSON.stringify(text)} as ${formatAnyRef(parsed)}`, () => {
      assert.deepEqual(parseAnyRef(text), parsed);
    });
  }

  const refused = ['R-0', 'R-', 'R', '3', 'Q-3', 'R-3a', 'R-123456789', 'RR-3', 'R-−3', 'R-3; drop'];
  for (const text of refused) {
    it(`refuses ${JSON.stringify(text)} as any reference`, () => {
      assert.throws(
        () => parseAnyRef(text),
        (error: unknown) => error instanceof DomainError && error.code === 'InvalidReference',
      );
    });
  }

  it('parses each kind only as itself, with a message naming the kind', () => {
    assert.equal(parseRecommendationRef('r 7'), 7);
    assert.equal(parseRef('a 7'), 7);
    assert.throws(
      () => parseRecommendationRef('A-7'),
      (error: unknown) =>
        error instanceof DomainError && error.code === 'InvalidReference' && /R-3/.test(error.message),
    );
    assert.throws(
      () => parseRef('R-7'),
      (error: unknown) =>
        error instanceof DomainError && error.code === 'InvalidReference' && /A-17/.test(error.message),
    );
  });

  it('formats R-<n>, and the pattern for larger grammars matches what parseAnyRef reads', () => {
    assert.equal(formatRecommendationRef(3), 'R-3');
    const pattern = new RegExp(`^${REF_PATTERN}$`);
    for (const text of ['R-3', 'r3', 'A - 17']) assert.ok(pattern.test(text), text);
    assert.ok(!pattern.test('B-3'));
  });
});
