import assert from 'node:assert/strict';
import { CARD_VERBS, confirmCard } from '../../../src/teams/cards';
import { confirmView, executes, ofType, visibleText } from './fixtures';

describe('confirmCard', () => {
  it('asks with Ja and Nej, sending ref, version, status and the comment as typed', () => {
    const card = confirmCard({ ...confirmView, comment: 'Klart **nu**' }, 'sv');
    assert.deepEqual(
      ofType(card, 'Action.Execute').map((action) => [action.title, action.verb, action.data]),
      [
        [
          'Ja',
          CARD_VERBS.confirmMatch,
          { ref: 'A-17', version: 4, status: 'Genomförd', comment: 'Klart **nu**' },
        ],
        ['Nej', CARD_VERBS.rejectMatch, { ref: 'A-17' }],
      ],
    );
    assert.ok(visibleText(card).includes('Klart \\*\\*nu\\*\\*'));
  });

  it('says Yes and No in English, and sends an empty comment when there is none', () => {
    const card = confirmCard({ ...confirmView, comment: null, status: 'Pågår' }, 'en');
    assert.deepEqual(
      ofType(card, 'Action.Execute').map((action) => action.title),
      ['Yes', 'No'],
    );
    assert.deepEqual(executes(card, CARD_VERBS.confirmMatch)[0]?.data, {
      ref: 'A-17',
      version: 4,
      status: 'Pågår',
      comment: '',
    });
    assert.ok(visibleText(card).includes('In progress'));
  });
});
