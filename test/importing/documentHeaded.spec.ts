import assert from 'node:assert/strict';
import { extractDraft } from '../../src/importing/document';

describe('extractDraft: "Rekommendation 3: …" with the answer in the prose after it', () => {
  const text = [
    '# Svar på granskning av delegationsordningen',
    '',
    'Rekommendation 1: Revidera delegationsordningen.',
    '',
    'Delegationsordningen revideras senast i juni 2023.',
    '',
    'Rekommendation 2: Utbilda handläggarna i dokumentation.',
    '',
    'Utbildning i dokumentation genomförs under hösten 2023.',
    '',
    'Utbildningschefen ansvarar för åtgärderna.',
  ].join('\n');
  const draft = extractDraft('svar.md', text, { today: '2026-03-02', documentDate: '2023-03-01' });

  it('reads each numbered recommendation', () => {
    assert.deepEqual(
      draft.document.audits[0]?.recommendations.map((r) => r.text),
      ['Revidera delegationsordningen.', 'Utbilda handläggarna i dokumentation.'],
    );
  });

  it('gives each the actions under it, and a role named under one only to its own actions', () => {
    assert.deepEqual(
      draft.details.actions.map((a) => [a.recommendation, a.text, a.due, a.role]),
      [
        [0, 'Delegationsordningen revideras senast i juni 2023.', '2023-06-30', null],
        [
          1,
          'Utbildning i dokumentation genomförs under hösten 2023. (ansvarig: Utbildningschefen)',
          '2023-11-30',
          'Utbildningschefen',
        ],
      ],
    );
  });
});
