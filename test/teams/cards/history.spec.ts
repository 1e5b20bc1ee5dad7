import assert from 'node:assert/strict';
import { historyCard } from '../../../src/teams/cards';
import { historyView, visibleText } from './fixtures';

describe('historyCard', () => {
  it('shows the deadlines and every event with who, what and the comment', () => {
    const text = visibleText(historyCard(historyView, 'sv'));
    for (const expected of [
      'Historik: A-17',
      'Ursprungligt slutdatum',
      '2021-11-30 (under hösten 2021)',
      '2021-11-25 10:15 · Anna Andersson',
      'Slutdatum: 2021-11-30 → 2022-03-31',
      'Väntar på riktlinjer.',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected}`);
    }
  });

  it('has English labels in English', () => {
    const text = visibleText(historyCard(historyView, 'en'));
    assert.ok(text.includes('History: A-17'));
    assert.ok(text.includes('Original due date'));
    assert.equal(text.includes('Ursprungligt'), false);
  });

  it('shows the latest 50 events of a long history and says how many earlier ones are left out', () => {
    const events = Array.from({ length: 80 }, (_, index) => ({
      at: `2022-01-01 10:${String(index).padStart(2, '0')}`,
      who: 'Anna Andersson',
      what: `Händelse ${index + 1}`,
      comment: null,
    }));
    const text = visibleText(historyCard({ ...historyView, events }, 'sv'));
    assert.ok(text.includes('… 30 tidigare händelser visas inte'));
    assert.ok(text.includes('Händelse 80'));
    assert.ok(text.includes('Händelse 31'));
    assert.equal(text.includes('Händelse 30\n'), false);
  });

  it('escapes comments', () => {
    const card = historyCard(
      {
        ...historyView,
        events: [{ ...historyView.events[1]!, comment: '[Godkänt](https://evil) ${owner}' }],
      },
      'sv',
    );
    assert.ok(visibleText(card).includes('\\[Godkänt\\](https://evil) ${owner}'));
  });
});
