import assert from 'node:assert/strict';
import { extractDraft } from '../../src/importing/document';

const TODAY = '2026-03-02';

/** The actions of a draft as [text, phrase, due]. */
function stepsOf(file: string, text: string, documentDate: string): [string, string | null, string | null][] {
  return extractDraft(file, text, { today: TODAY, documentDate }).details.actions.map((a) => [
    a.text,
    a.phrase,
    a.due,
  ]);
}

describe('extractDraft: a time plan under a "Tidplan" heading', () => {
  it('reads "step - date" lines, headings or not, each as an action with its date', () => {
    const text = [
      'Ombyggnation av förskolan',
      '',
      'Syftet med renoveringen är en fungerande planlösning.',
      '',
      'Tidplan',
      '',
      'Start - april 2020',
      '',
      'Inre rivning - maj-juni 2020',
      '',
      'Samråd beräknas ske kvartal 2 2023',
    ].join('\n');
    assert.deepEqual(stepsOf('plan.txt', text, '2020-01-15'), [
      ['Start - april 2020', 'april 2020', '2020-04-30'],
      ['Inre rivning - maj-juni 2020', 'maj-juni 2020', '2020-06-30'],
      ['Samråd beräknas ske kvartal 2 2023', 'kvartal 2 2023', '2023-06-30'],
    ]);
  });

  it('reads list items with the date in parentheses or after a colon, and keeps a step without a date', () => {
    const text = [
      '# Tidsplan för projektet',
      '',
      'Den aktuella tidsplanen beslutades 5 oktober 2022 i projektets styrgrupp.',
      '',
      '1. Samråd (sommar/höst 2025)',
      '2. Granskning (vinter/vår 2026)',
      '',
      '## Övriga områden',
      '',
      '- Avloppsreningsverk i Sveg: 2034-08-31 (kan komma att ändras)',
      '- Utredning och förstudie för området Lofsdalen: Pågående',
    ].join('\n');
    assert.deepEqual(stepsOf('plan.md', text, '2024-09-01'), [
      ['Samråd (sommar/höst 2025)', 'sommar/höst 2025', '2025-11-30'],
      ['Granskning (vinter/vår 2026)', 'vinter/vår 2026', '2026-05-31'],
      ['Avloppsreningsverk i Sveg: 2034-08-31 (kan komma att ändras)', '2034-08-31', '2034-08-31'],
      ['Utredning och förstudie för området Lofsdalen: Pågående', null, null],
    ]);
  });

  it('leaves prose under a time plan heading to the usual reading: a decision reported is no step', () => {
    const text = [
      '# Tidplan',
      '',
      'Tidplanen fastställdes av styrgruppen 5 oktober 2022.',
      '',
      '- Start - april 2026',
    ].join('\n');
    assert.deepEqual(stepsOf('plan.md', text, '2026-01-10'), [
      ['Start - april 2026', 'april 2026', '2026-04-30'],
    ]);
  });
});
