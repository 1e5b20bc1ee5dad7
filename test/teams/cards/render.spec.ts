import assert from 'node:assert/strict';
import { cardSize, renderCard } from '../../../src/teams/cards';

describe('card rendering', () => {
  describe('renderCard', () => {
    it('expands bindings, keeps numbers as numbers', () => {
      const card = renderCard(
        {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [{ type: 'TextBlock', text: 'Hej ${name}', n: '${n}' }],
        },
        { name: 'Åsa', n: 3 },
      );
      assert.deepEqual(card.body, [{ type: 'TextBlock', text: 'Hej Åsa', n: 3 }]);
    });

    it('refuses a template that is not a card', () => {
      assert.throws(() => renderCard({ type: 'TextBlock', text: '${x}' }, { x: 'y' }), TypeError);
    });
  });

  describe('cardSize', () => {
    it('counts UTF-8 bytes, not characters', () => {
      const ascii = renderCard({ type: 'AdaptiveCard', version: '1.5', body: ['${t}'] }, { t: 'a' });
      const swedish = renderCard({ type: 'AdaptiveCard', version: '1.5', body: ['${t}'] }, { t: 'å' });
      assert.equal(cardSize(swedish) - cardSize(ascii), 1);
      assert.equal(cardSize(ascii), JSON.stringify(ascii).length);
    });
  });
});
