/**
 * Layouts the corpus of real documents showed the reader missing: numbered stages written without bullets, a
 * recommendation stated in the middle of a paragraph that also commits, the same step under two sub-headings of a
 * time plan, and a time plan table whose finished steps are history.
 */
import assert from 'node:assert/strict';
import { extractDraft } from '../../src/importing/document';

const TODAY = '2026-03-02';

/** The actions of a draft as [text, phrase, due]. */
function actionsOf(text: string, documentDate = '2025-10-21'): [string, string | null, string | null][] {
  return extractDraft('plan.txt', text, { today: TODAY, documentDate }).details.actions.map((a) => [
    a.text,
    a.phrase,
    a.due,
  ]);
}

describe('extractDraft: numbered stages on lines of their own ("etapp 2 - hus 1,3, 2026")', () => {
  const rows: [string, string | null, string | null][] = [
    ['etapp 1 – hus 7 färdigställt maj 2026', 'maj 2026', '2026-05-31'],
    ['etapp 2 - hus 1,3, 2027', '2027', '2027-12-31'],
    ['etapp 3- hus 2, 4,5 sommaren 2027', 'sommaren 2027', '2027-08-31'],
    // The house numbers are no day of the month: "9 dec" is house 9, December.
    ['etapp 4-hus 9 dec 2026', 'dec 2026', '2026-12-31'],
    ['etapp 5-hus 8,11,14 jan 2027', 'jan 2027', '2027-01-31'],
    ['Steg 6: upphandling hösten 2026', 'hösten 2026', '2026-11-30'],
    ['etapp 7 hus 12, 15', null, null],
  ];
  const text = [
    '# Etapper för skolbygget',
    '',
    'Förslag på etappindelningar:',
    '',
    'Skolan:',
    ...rows.map(([line]) => line),
    '',
  ].join('\n');
  const found = actionsOf(text);
  for (const [line, phrase, due] of rows) {
    it(`"${line}" is one action, due ${due ?? 'not given'}`, () => {
      assert.deepEqual(
        found.find(([t]) => t === line),
        [line, phrase, due],
      );
    });
  }
  it('finds each line once and nothing else', () => {
    assert.equal(found.length, rows.length);
  });
});

describe('extractDraft: a recommendation stated inside a paragraph', () => {
  it('leaves out only that sentence; the rest of the paragraph still commits', () => {
    const text = [
      '# Åtgärder efter revisionsrapporter',
      '',
      'Handlingsplanen beskriver vad revisorerna rekommenderar kommunen att göra, och vem som ansvarar. ' +
        'Kommunen kommer bland annat göra fler kontroller av arvodena.',
    ].join('\n');
    assert.deepEqual(actionsOf(text), [
      ['Kommunen kommer bland annat göra fler kontroller av arvodena.', null, null],
    ]);
  });
});

describe('extractDraft: a time plan with the same step under two sub-headings', () => {
  it('keeps both, the second named by its sub-heading', () => {
    const text = [
      '# Tidsplan för projektet',
      '',
      '## Norra området',
      '',
      '1. Utredda vattentäkter: 2027-12-31',
      '',
      '## Södra området',
      '',
      '1. Utredda vattentäkter: 2027-12-31',
    ].join('\n');
    assert.deepEqual(actionsOf(text), [
      ['Utredda vattentäkter: 2027-12-31', '2027-12-31', '2027-12-31'],
      ['Södra området: Utredda vattentäkter: 2027-12-31', '2027-12-31', '2027-12-31'],
    ]);
  });
});

describe('extractDraft: a time plan table', () => {
  it('leaves out the steps whose time says they are done', () => {
    const text = [
      '# Beräknad tidsplan',
      '',
      '| Tid            | Åtgärd                    |',
      '| -------------- | ------------------------- |',
      '| Klart          | Marknadsanalys            |',
      '| Genomfört      | Förstudie                 |',
      '| Kvartal 1 2026 | Offentlig upphandling klar |',
      '| 2027           | Byggnation klar           |',
    ].join('\n');
    assert.deepEqual(actionsOf(text), [
      ['Offentlig upphandling klar', 'Kvartal 1 2026', '2026-03-31'],
      ['Byggnation klar', '2027', '2027-12-31'],
    ]);
  });
});
