import assert from 'node:assert/strict';
import { summaryCard } from '../../../src/teams/cards';
import { summaryView, visibleText } from './fixtures';

describe('summaryCard', () => {
  it('writes the Swedish percentage with a non-breaking space, the English one without', () => {
    assert.ok(visibleText(summaryCard(summaryView, 'sv')).includes('45\u00a0%'));
    const en = visibleText(summaryCard(summaryView, 'en'));
    assert.ok(en.includes('45%'));
    assert.equal(en.includes('45\u00a0%'), false);
  });

  it('has the column labels and status words in each language', () => {
    const sv = visibleText(summaryCard(summaryView, 'sv'));
    for (const label of [
      'Sammanställning per nämnd',
      'Planerad',
      'Pågår',
      'Genomförd',
      'Försenad',
      'Avbruten',
    ]) {
      assert.ok(sv.includes(label), `missing ${label}`);
    }
    const en = visibleText(summaryCard(summaryView, 'en'));
    for (const label of ['Summary by committee', 'Planned', 'In progress', 'Done', 'Overdue', 'Cancelled']) {
      assert.ok(en.includes(label), `missing ${label}`);
    }
  });

  it('shows each committee and the totals', () => {
    const text = visibleText(summaryCard(summaryView, 'sv'));
    assert.ok(text.includes('Sociala omsorgsnämnden'));
    assert.ok(text.includes('Alla nämnder'));
    assert.ok(text.includes('2026-03-02'));
  });
});
