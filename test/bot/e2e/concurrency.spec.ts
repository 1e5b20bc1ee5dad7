/**
 * Reliability item 21 and issue 7's concurrency check: 50 status updates of one action at once, through the HTTP
 * endpoint. Every update either lands in the history or is answered with "someone changed this, here is the
 * current card"; the history has no gaps; the final state equals the last landed event.
 */
import assert from 'node:assert/strict';
import { cardText, startWorld, type Tenant, type World } from './world';

describe('e2e: 50 concurrent updates of one action', () => {
  let world: World;
  let t: Tenant;

  before(async () => {
    world = await startWorld({ tenants: 2 });
    t = await world.tenant();
  });

  after(async () => {
    await world?.close();
  });

  it('loses no update and leaves a history without gaps', async function () {
    this.timeout(120_000);
    // Distinct new dates, so that every request is a real change and none is refused as "already so".
    const dates = Array.from(
      { length: 50 },
      (_, i) =>
        `2026-${String(4 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    );
    const turns = await Promise.all(
      dates.map((date) => t.send(`A-1 nytt datum ${date} omplanering ${date}`)),
    );

    const landed: string[] = [];
    let conflicts = 0;
    turns.forEach((turn, i) => {
      // All 50 share one conversation, so replies are matched to their request by replyToId, not by time.
      const replies = world.bot.connector.sent.filter((sent) => sent.activity.replyToId === turn.activity.id);
      assert.equal(replies.length, 1, `request ${i} got ${replies.length} replies`);
      const text = (replies[0]?.activity.attachments ?? []).map((a) => cardText(a.content)).join(' ');
      if (/samtidigt/.test(text)) conflicts += 1;
      else if (text.includes(dates[i] ?? '-')) landed.push(dates[i] ?? '');
      else assert.fail(`request ${i} got neither a saved card nor a conflict: ${text}`);
    });
    assert.equal(landed.length + conflicts, 50);
    assert.ok(landed.length >= 1);

    const history = await t.history(1);
    const moves = history.filter((event) => event.kind === 'deadline');
    assert.equal(moves.length, landed.length, 'every landed update is in the history, and only those');
    assert.deepEqual(
      history.map((event) => event.seq),
      Array.from({ length: history.length }, (_, i) => i + 1),
      'no gaps in the history',
    );
    const action = await t.action(1);
    assert.equal(action.version, history.length);
    assert.equal(action.deadline.date, moves.at(-1)?.to);
    assert.equal(action.deadlineChanges, moves.length);
    assert.deepEqual([...landed].sort(), moves.map((event) => event.to ?? '').sort());
  });
});
