import assert from 'node:assert/strict';
import { CARD_VERBS, cardSize, listCard, type ListItemView, MAX_LIST_ITEMS } from '../../../src/teams/cards';
import { MAX_CARD_BYTES } from '../../../src/teams/limits';
import { executes, listItem, listView, visibleText } from './fixtures';

describe('listCard', () => {
  function itemsOf(count: number, text: string): ListItemView[] {
    return Array.from({ length: count }, (_, index) => ({ ...listItem, ref: `A-${index + 1}`, text }));
  }

  it('shows every item with a Visa button in Swedish, Show in English', () => {
    const sv = listCard(listView, 'sv');
    assert.deepEqual(
      executes(sv, CARD_VERBS.showAction).map((action) => [action.title, action.data]),
      [
        ['Visa', { ref: 'A-17' }],
        ['Visa', { ref: 'A-34' }],
      ],
    );
    const en = listCard(listView, 'en');
    assert.deepEqual(
      executes(en, CARD_VERBS.showAction).map((action) => action.title),
      ['Show', 'Show'],
    );
    assert.ok(visibleText(en).includes('Overdue (12 days)'));
    assert.ok(visibleText(sv).includes('Försenad (12 dagar)'));
  });

  it('shows the group headings and the due dates with their phrases', () => {
    const text = visibleText(listCard(listView, 'sv'));
    assert.ok(text.includes('Sociala omsorgsnämnden'));
    assert.ok(text.includes('Grundskolenämnden'));
    assert.ok(text.includes('2021-11-30 (under hösten 2021)'));
  });

  it('shows the empty text when there is nothing', () => {
    const card = listCard({ ...listView, groups: [] }, 'sv');
    assert.ok(visibleText(card).includes('Inga åtgärder är försenade.'));
    assert.deepEqual(executes(card, CARD_VERBS.showAction), []);
  });

  it(`shows at most ${MAX_LIST_ITEMS} items and says how many more`, () => {
    const view = { ...listView, groups: [{ heading: null, items: itemsOf(200, 'Kort text') }] };
    assert.equal(executes(listCard(view, 'sv'), CARD_VERBS.showAction).length, MAX_LIST_ITEMS);
    assert.ok(visibleText(listCard(view, 'sv')).includes(`… och ${200 - MAX_LIST_ITEMS} till`));
    assert.ok(visibleText(listCard(view, 'en')).includes(`… and ${200 - MAX_LIST_ITEMS} more`));
  });

  it('keeps 200 long items within MAX_CARD_BYTES and says how many more', () => {
    const long = 'Åtgärd **viktig** [länk](https://evil) med en lång beskrivning 😀 '.repeat(40);
    const view = {
      ...listView,
      groups: [
        { heading: 'Sociala omsorgsnämnden', items: itemsOf(100, long) },
        { heading: 'Grundskolenämnden', items: itemsOf(100, long) },
      ],
    };
    const card = listCard(view, 'sv');
    assert.ok(cardSize(card) < 28_000, `${cardSize(card)} bytes`);
    const shown = executes(card, CARD_VERBS.showAction).length;
    assert.ok(shown > 0 && shown <= MAX_LIST_ITEMS, `${shown} shown`);
    assert.ok(visibleText(card).includes(`… och ${200 - shown} till`));
  });

  it('shows fewer than 30 items when 30 would not fit, and says how many more', () => {
    // Backslashes cost four bytes each in the card's JSON, so even 30 shortened texts are too big.
    const view = { ...listView, groups: [{ heading: null, items: itemsOf(200, '\\'.repeat(5000)) }] };
    const card = listCard(view, 'sv');
    assert.ok(cardSize(card) <= MAX_CARD_BYTES, `${cardSize(card)} bytes`);
    const shown = executes(card, CARD_VERBS.showAction).length;
    assert.ok(shown > 0 && shown < MAX_LIST_ITEMS, `${shown} shown`);
    assert.ok(visibleText(card).includes(`… och ${200 - shown} till`));
  });

  it('says nothing about more when everything is shown', () => {
    assert.equal(visibleText(listCard(listView, 'sv')).includes('… och'), false);
  });

  it('counts the items a long list left out of its view (total), showing those it was given', () => {
    const text = visibleText(listCard({ ...listView, total: 8_585 }, 'sv'));
    assert.ok(text.includes('A-34'), text);
    assert.ok(text.includes('… och 8583 till'), text);
  });
});
