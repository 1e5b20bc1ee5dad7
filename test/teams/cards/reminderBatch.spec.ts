import assert from 'node:assert/strict';
import {
  cardSize,
  MAX_REMINDER_ITEMS,
  pageReminderItems,
  reminderBatchCard,
  type ReminderBatchCardView,
  type ReminderItemView,
} from '../../../src/teams/cards';
import { MAX_CARD_BYTES } from '../../../src/teams/limits';

function item(ref: number, overrides: Partial<ReminderItemView> = {}): ReminderItemView {
  return {
    ref: `A-${ref}`,
    text: `Åtgärd ${ref}`,
    status: 'Planerad',
    dueDate: '2026-03-31',
    duePhrase: '2026-03-31',
    daysOverdue: null,
    note: 'om 14 dagar',
    ...overrides,
  };
}

function view(items: ReminderItemView[]): ReminderBatchCardView {
  return { title: 'Påminnelser 2026-03-17', page: null, sections: [{ heading: 'Dina åtgärder', items }] };
}

describe('reminderBatchCard', () => {
  it('lists each action with its status, date and a Visa button, and a committee date without one', () => {
    const card = JSON.stringify(
      reminderBatchCard(
        {
          ...view([item(17, { status: 'Försenad', daysOverdue: 12, dueDate: '2026-03-05', note: '' })]),
          sections: [
            {
              heading: 'Dina åtgärder',
              items: [item(17, { status: 'Försenad', daysOverdue: 12, note: '' })],
            },
            { heading: 'Tomt', items: [] },
            {
              heading: 'Nämndernas datum',
              items: [
                item(0, {
                  ref: null,
                  status: null,
                  text: 'Granskning av IT',
                  note: 'svar senast 2026-05-29',
                }),
              ],
            },
          ],
        },
        'sv',
      ),
    );
    assert.match(card, /"text":"\*\*A-17\*\*: Åtgärd 17"/);
    assert.match(card, /"text":"Försenad \(12 dagar\) · 2026-03-31"/);
    assert.match(card, /"verb":"showAction","data":\{"ref":"A-17"\}/);
    assert.equal([...card.matchAll(/"verb":"showAction"/g)].length, 1);
    assert.match(card, /"text":"Granskning av IT"/);
    assert.doesNotMatch(card, /Tomt/, 'an empty section is left out');
  });

  it('shows user text as text: links, bold and template expressions', () => {
    const card = JSON.stringify(
      reminderBatchCard(view([item(1, { text: '[Godkänt](https://evil) **${owner}**' })]), 'sv'),
    );
    assert.ok(card.includes('"**A-1**: \\\\[Godkänt\\\\](https://evil) \\\\*\\\\*${owner}\\\\*\\\\*"'), card);
  });

  it('has English labels in English', () => {
    const card = JSON.stringify(reminderBatchCard(view([item(1)]), 'en'));
    assert.match(card, /"title":"Show"/);
    assert.match(card, /"text":"Planned · 2026-03-31 · om 14 dagar"/);
  });

  it('pages only when it must, each page within MAX_CARD_BYTES and at most MAX_REMINDER_ITEMS', () => {
    const build = (items: readonly ReminderItemView[]) => reminderBatchCard(view([...items]), 'sv');
    const few = Array.from({ length: 5 }, (_, i) => item(i + 1));
    assert.deepEqual(pageReminderItems(few, build), [few]);
    const many = Array.from({ length: 70 }, (_, i) => item(i + 1));
    assert.deepEqual(
      pageReminderItems(many, build).map((page) => page.length),
      [MAX_REMINDER_ITEMS, MAX_REMINDER_ITEMS, 10],
    );
    const long = Array.from({ length: 40 }, (_, i) => item(i + 1, { text: 'å'.repeat(2_000) }));
    const pages = pageReminderItems(long, build);
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    assert.deepEqual(pages.flat(), long);
    for (const page of pages) assert.ok(cardSize(build(page)) <= MAX_CARD_BYTES);
  });
});
