import assert from 'node:assert/strict';
import { draftCardData } from '../../../src/teams/cards';
import { draftView } from './fixtures';

describe('the draft card', () => {
  const action = draftView.actions[0];
  assert.ok(action);
  const view = {
    ...draftView,
    actions: [
      { ...action, text: 'Säker åtgärd', confidence: 0.9, level: 'high' as const },
      { ...action, text: 'Osäker åtgärd', due: null, phrase: null, confidence: 0.5, level: 'low' as const },
      { ...action, text: 'Mellanåtgärd', confidence: 0.7, level: 'medium' as const },
    ],
  };

  it('lists the actions to check first, lowest confidence first, each with its number in the document', () => {
    const data = draftCardData(view, 'sv');
    assert.deepEqual(
      data.actions.map((a) => a.text),
      ['2. Osäker åtgärd', '3. Mellanåtgärd', '1. Säker åtgärd'],
    );
    assert.match(data.actions[0]?.details ?? '', /säkerhet låg \(50\s%\) – kontrollera$/);
    assert.match(data.actions[2]?.details ?? '', /säkerhet hög \(90\s%\)$/);
  });

  it('says the level in English by locale', () => {
    const data = draftCardData(view, 'en');
    assert.match(data.actions[0]?.details ?? '', /confidence low \(50\s?%\) – check$/);
  });

  it('keeps the lowest first when only some actions fit', () => {
    assert.deepEqual(
      draftCardData(view, 'sv', 1).actions.map((a) => a.text),
      ['2. Osäker åtgärd'],
    );
  });
});
