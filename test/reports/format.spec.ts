import assert from 'node:assert/strict';
import { civilDateAt } from '../../src/domain/dates';
import { escapeHtml } from '../../src/reports/escape';
import { BOARD_TEXTS } from '../../src/reports/boardTexts';
import { dateOfInstant, formatDate, formatNumber, formatPercent } from '../../src/reports/format';

const S = '\u00a0';

describe('reports/format: Swedish conventions', () => {
  it('groups digits by three with a non-breaking space and uses the minus sign', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [7, '7'],
      [999, '999'],
      [1000, `1${S}000`],
      [20000, `20${S}000`],
      [1234567, `1${S}234${S}567`],
      [-1500, `\u22121${S}500`],
      [2.6, '3'],
    ];
    for (const [value, expected] of cases) assert.equal(formatNumber(value), expected, String(value));
  });

  it('writes percentages as "45 %" with a non-breaking space, never rounding to 0 % or 100 % falsely', () => {
    const cases: [number, string][] = [
      [0.4545, `45${S}%`],
      [0.455, `46${S}%`],
      [1 / 3, `33${S}%`],
      [0.5, `50${S}%`],
      [0, `0${S}%`],
      [1, `100${S}%`],
      [0.996, `99${S}%`],
      [0.004, `1${S}%`],
    ];
    for (const [share, expected] of cases) assert.equal(formatPercent(share), expected, String(share));
  });

  it('writes dates as ISO civil dates, and dates instants in the municipality’s time zone', () => {
    assert.equal(formatDate('2026-03-31'), '2026-03-31');
    assert.equal(formatDate(null), '–');
    // Winter (UTC+1) and summer (UTC+2) time.
    assert.equal(dateOfInstant('2026-01-31T23:30:00Z', 'Europe/Stockholm'), '2026-02-01');
    assert.equal(dateOfInstant('2026-07-31T21:59:00Z', 'Europe/Stockholm'), '2026-07-31');
    assert.equal(dateOfInstant('2026-07-31T22:00:00Z', 'Europe/Stockholm'), '2026-08-01');
    assert.equal(dateOfInstant('not a time', 'Europe/Stockholm'), null);
  });

  it('dates instants exactly as the domain does, across the daylight saving changes', () => {
    const instants = [
      '2026-03-29T00:59:59Z',
      '2026-03-29T01:00:00Z',
      '2026-03-28T23:00:00Z',
      '2026-10-24T21:59:59Z',
      '2026-10-24T22:00:00Z',
      '2026-10-25T00:30:00Z',
      '2025-12-31T23:00:00Z',
      '2025-12-31T22:59:59.999Z',
    ];
    for (const instant of instants) {
      assert.equal(
        dateOfInstant(instant, 'Europe/Stockholm'),
        civilDateAt(new Date(instant), 'Europe/Stockholm'),
        instant,
      );
      assert.equal(
        dateOfInstant(instant, 'America/New_York'),
        civilDateAt(new Date(instant), 'America/New_York'),
        instant,
      );
    }
    assert.throws(() => dateOfInstant('2026-01-01T00:00:00Z', 'Mars/Olympus'), /Okänd tidszon/);
  });

  it('writes numbers and shares as each report language does: "20 000" and "45 %", "20,000" and "45%"', () => {
    assert.equal(BOARD_TEXTS.sv.number(20_000), `20${S}000`);
    assert.equal(BOARD_TEXTS.sv.percent(0.4545), `45${S}%`);
    assert.equal(BOARD_TEXTS.en.number(20_000), '20,000');
    assert.equal(BOARD_TEXTS.en.number(1_234_567), '1,234,567');
    assert.equal(BOARD_TEXTS.en.percent(0.4545), '45%');
    assert.equal(BOARD_TEXTS.en.percent(0.999), '99%');
    assert.equal(BOARD_TEXTS.en.days(1_200), '1,200 days');
  });

  it('escapes the five HTML characters and nothing else', () => {
    assert.equal(
      escapeHtml(`<script>alert("x" & 'y')</script>`),
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
    assert.equal(escapeHtml('Nämnd – åäö'), 'Nämnd – åäö');
    assert.equal(escapeHtml('&amp;'), '&amp;amp;');
  });
});
