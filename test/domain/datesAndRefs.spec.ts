import assert from 'node:assert/strict';
import {
  calendarDate,
  civilDateAt,
  daysBetween,
  formatInstant,
  isCalendarDate,
  parseCivilDate,
} from '../../src/domain/dates';
import { DomainError } from '../../src/domain/errors';
import { formatRef, parseRef } from '../../src/domain/refs';
import { decodeHtmlEntities, normalizeInput } from '../../src/domain/text';

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

describe('domain/dates: the one calendar-date check', () => {
  const rows: [string, boolean][] = [
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-02-30', false],
    ['2023-04-31', false],
    ['2023-12-31', true],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-01-00', false],
    ['0099-01-01', true],
    ['2023-1-01', false],
    [' 2023-01-01', false],
    ['2023-01-01T00:00', false],
    ['', false],
  ];
  for (const [text, real] of rows) {
    it(`isCalendarDate(${JSON.stringify(text)}) is ${real}`, () => {
      assert.equal(isCalendarDate(text), real);
    });
  }

  it('calendarDate writes a real day as YYYY-MM-DD and gives null for one the calendar lacks', () => {
    assert.equal(calendarDate(2024, 2, 29), '2024-02-29');
    assert.equal(calendarDate(99, 1, 5), '0099-01-05');
    assert.equal(calendarDate(2023, 2, 29), null);
    assert.equal(calendarDate(2023, 13, 1), null);
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
  it('decodes named, decimal and hexadecimal character references', () => {
    assert.equal(
      decodeHtmlEntities('A-17 &amp; A-18: &quot;klar&quot; &#229;r &#xE4;ndrad&nbsp;nu'),
      'A-17 & A-18: "klar" år ändrad\u00a0nu'.replace('\u00a0', ' '),
    );
  });
  it('leaves a reference to no character, and an unknown name, as written (no exception)', () => {
    assert.equal(
      decodeHtmlEntities('&#0; &#99999999; &#x110000; &bogus; &amp'),
      '&#0; &#99999999; &#x110000; &bogus; &amp',
    );
  });
});
