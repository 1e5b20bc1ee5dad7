import assert from 'node:assert/strict';
import { civilDateAt, daysBetween, formatInstant, parseCivilDate } from '../../src/domain/dates';
import { DomainError } from '../../src/domain/errors';
import { formatRef, parseRef } from '../../src/domain/refs';
import { normalizeInput } from '../../src/domain/text';

describe('domain/dates', () => {
  const valid = ['2024-02-29', '2026-03-31', '2000-02-29', '2026-12-31'];
  for (const text of valid) {
    it(`accepts ${text}`, () => assert.equal(parseCivilDate(text), text));
  }
  const invalid = [
    '2023-02-30',
    '2023-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '31/4',
    'igår',
    'nästa fredag',
    '2026-3-1',
    '',
  ];
  for (const text of invalid) {
    it(`refuses "${text}" with InvalidDate`, () => {
      assert.throws(
        () => parseCivilDate(text),
        (error: unknown) => error instanceof DomainError && error.code === 'InvalidDate',
      );
    });
  }

  it('gives the civil date in Europe/Stockholm, across midnight and DST', () => {
    assert.equal(civilDateAt(new Date('2026-03-31T21:59:59Z'), 'Europe/Stockholm'), '2026-03-31');
    assert.equal(civilDateAt(new Date('2026-03-31T22:00:00Z'), 'Europe/Stockholm'), '2026-04-01');
    assert.equal(civilDateAt(new Date('2026-12-31T22:59:59Z'), 'Europe/Stockholm'), '2026-12-31');
    assert.equal(civilDateAt(new Date('2026-12-31T23:00:00Z'), 'Europe/Stockholm'), '2027-01-01');
  });

  it('shows an instant on the municipality’s clock, across DST, and an unreadable one as it is', () => {
    assert.equal(formatInstant('2026-03-31T12:05:00Z', 'Europe/Stockholm'), '2026-03-31 14:05');
    assert.equal(formatInstant('2026-01-15T12:05:00Z', 'Europe/Stockholm'), '2026-01-15 13:05');
    assert.equal(formatInstant('2026-03-31T22:30:00Z', 'Europe/Stockholm'), '2026-04-01 00:30');
    assert.equal(formatInstant('2026-03-31T22:30:00Z', 'Europe/Stockholm', { time: false }), '2026-04-01');
    assert.equal(formatInstant('inte en tid', 'Europe/Stockholm'), 'inte en tid');
    assert.throws(
      () => formatInstant('2026-03-31T12:05:00Z', 'Mars/Olympus'),
      (error: unknown) => error instanceof DomainError && error.problem.kind === 'unknownTimeZone',
    );
  });

  it('counts days between civil dates, across DST', () => {
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(daysBetween('2026-10-24', '2026-10-26'), 2);
    assert.equal(daysBetween('2026-03-31', '2026-03-01'), -30);
  });
});

describe('domain/refs', () => {
  const accepted: [string, number][] = [
    ['A-17', 17],
    ['a17', 17],
    ['a-17', 17],
    ['A17', 17],
    [' A - 17 ', 17],
    ['A\u200b-17', 17],
    ['\u202eA-17', 17],
    ['A-1', 1],
  ];
  for (const [text, ref] of accepted) {
    it(`reads ${JSON.stringify(text)} as ${ref}`, () => assert.equal(parseRef(text), ref));
  }
  const refused = ['A-0', 'A-', '17', 'B-17', 'A-17a', 'A-123456789', "A-1' or 1", 'A-−5'];
  for (const text of refused) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => parseRef(text),
        (error: unknown) => error instanceof DomainError && error.code === 'InvalidReference',
      );
    });
  }
  it('formats A-<n>', () => assert.equal(formatRef(17), 'A-17'));
});

describe('domain/text', () => {
  it('makes composed and decomposed å ä ö equal', () => {
    assert.equal(normalizeInput('mina a\u030atga\u0308rder'), 'mina åtgärder');
  });
  it('removes zero-width and bidi characters and folds spaces', () => {
    assert.equal(normalizeInput('  visa\u200d \u2066A-17\u2069 '), 'visa A-17');
  });
});
