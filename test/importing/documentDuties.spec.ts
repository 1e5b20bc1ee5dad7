import assert from 'node:assert/strict';
import { extractDraft } from '../../src/importing/document';

const TODAY = '2026-03-02';

/** The actions of a draft as [text, due, role]. */
function dutiesOf(text: string): [string, string | null, string | null][] {
  return extractDraft('svar.md', text, { today: TODAY, documentDate: '2023-03-01' }).details.actions.map(
    (a) => [a.text, a.due, a.role],
  );
}

describe('extractDraft: "<Roll> ansvarar för att <åtgärd> <deadline>"', () => {
  it('is an action with its deadline and that role', () => {
    const text = [
      '# Svar på granskning av delegationsordningen',
      '',
      'Nämnden delar revisorernas bedömning.',
      '',
      'Förvaltningschefen ansvarar för att delegationsordningen revideras senast i juni 2023.',
    ].join('\n');
    assert.deepEqual(dutiesOf(text), [
      [
        'Förvaltningschefen ansvarar för att delegationsordningen revideras senast i juni 2023.',
        '2023-06-30',
        'Förvaltningschefen',
      ],
    ]);
  });

  it('without a deadline ahead only names who answers for the other actions', () => {
    const text = [
      '# Svar på granskning av delegationsordningen',
      '',
      'Delegationsordningen revideras senast i juni 2023. Förvaltningschefen ansvarar för att den följs.',
    ].join('\n');
    assert.deepEqual(dutiesOf(text), [
      [
        'Delegationsordningen revideras senast i juni 2023. (ansvarig: Förvaltningschefen)',
        '2023-06-30',
        'Förvaltningschefen',
      ],
    ]);
  });
});
