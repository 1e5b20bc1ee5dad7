import assert from 'node:assert/strict';
import { escapeMarkdown } from '../../src/teams/markdown';

describe('escapeMarkdown', () => {
  const cases: [string, string][] = [
    ['[Godkänt](https://evil)', '\\[Godkänt\\](https://evil)'],
    ['**x**', '\\*\\*x\\*\\*'],
    ['# rubrik', '\\# rubrik'],
    ['<b>fet</b>', '\\<b\\>fet\\</b\\>'],
    ['_x_', '\\_x\\_'],
    ['`kod`', '\\`kod\\`'],
    ['1. lista', '1\\. lista'],
    ['rad\n2) lista', 'rad\n2\\) lista'],
    ['- lista', '\\- lista'],
    ['rad\r+ lista', 'rad\r\\+ lista'],
    ['> citat', '\\> citat'],
    ['~~struken~~', '\\~\\~struken\\~\\~'],
    ['&lt;b&gt;', '\\&lt;b\\&gt;'],
    ['C:\\temp', 'C:\\\\temp'],
    ['${owner}', '${owner}'],
    ['${json(labels)}', '${json(labels)}'],
    ['Åtgärd på gång – klar i höst 😀👩‍👩‍👧', 'Åtgärd på gång – klar i höst 😀👩‍👩‍👧'],
    ['Mötet 2022-05-31 kl. 13 - 15 #3', 'Mötet 2022-05-31 kl. 13 - 15 #3'],
  ];
  for (const [input, expected] of cases) {
    it(`escapes ${JSON.stringify(input)}`, () => assert.equal(escapeMarkdown(input), expected));
  }
});
