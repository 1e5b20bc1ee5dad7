import assert from 'node:assert/strict';
import { welcomeCard } from '../../../src/teams/cards';
import { visibleText } from './fixtures';

describe('welcomeCard', () => {
  it('lists the main commands in Swedish and English', () => {
    const sv = visibleText(welcomeCard('sv', 'personal'));
    for (const command of [
      'mina åtgärder',
      'försenade',
      'A-17 klar',
      'visa A-17',
      'sammanställning',
      'hjälp',
    ]) {
      assert.ok(sv.includes(command), `missing ${command}`);
    }
    const en = visibleText(welcomeCard('en', 'personal'));
    for (const command of ['my actions', 'overdue', 'A-17 done', 'show A-17', 'summary', 'help']) {
      assert.ok(en.includes(command), `missing ${command}`);
    }
  });

  it('offers the channel digest and the @mention hint only in a team', () => {
    assert.ok(visibleText(welcomeCard('sv', 'team')).includes('digest här'));
    assert.ok(visibleText(welcomeCard('sv', 'team')).includes('skriv @'));
    assert.equal(visibleText(welcomeCard('sv', 'personal')).includes('digest här'), false);
    assert.equal(visibleText(welcomeCard('sv', 'personal')).includes('skriv @'), false);
  });
});
