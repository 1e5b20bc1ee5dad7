/**
 * `pausa A-17 till 2026-08-15 [motivering]` / `snooze A-17 until ...`: only someone who may change the action may
 * pause its reminders; the pause is stored with who and why.
 */
import assert from 'node:assert/strict';
import { SnoozeRepository } from '../../../src/storage';
import { onlyReply, people, startWorld, type Tenant, type World } from './world';

/** The answer to a reference that does not exist, which is also the answer to one the asker may not see. */
const NOT_FOUND = /^Jag hittar ingen åtgärd A-\d+\. Kontrollera referensen/;

describe('e2e: pausing reminders', () => {
  let world: World;
  let t: Tenant;

  before(async () => {
    world = await startWorld({ tenants: 10 });
  });

  after(async () => {
    await world?.close();
  });

  beforeEach(async () => {
    t = await world.tenant();
  });

  it('the owner pauses A-1 with a reason, in Swedish', async () => {
    const { text } = onlyReply(await t.send('pausa A-1 till 2026-08-15 semester i juli'));
    assert.match(text, /A-1/);
    assert.match(text, /2026-08-15/);
    const stored = await new SnoozeRepository(world.tables.snoozes).getSnooze(t.id, 1);
    assert.equal(stored?.until, '2026-08-15');
    assert.equal(stored?.by, people.anna.aadObjectId);
    assert.equal(stored?.reason, 'semester i juli');
  });

  it('snooze in English answers in English', async () => {
    const { text } = onlyReply(await t.send('snooze A-1 until 2026-08-15'));
    assert.match(text, /A-1/);
    assert.doesNotMatch(text, /pausad|påminn/i);
  });

  it("refuses someone else's action and stores nothing", async () => {
    const { text } = onlyReply(await t.send('pausa A-1 till 2026-08-15', { from: people.bo }));
    // Bo may not even: he hears what he would hear of a reference that does not exist.
    assert.match(text, NOT_FOUND);
    assert.equal(await new SnoozeRepository(world.tables.snoozes).getSnooze(t.id, 1), null);
  });

  it('says what is wrong with a date in the past', async () => {
    const { text } = onlyReply(await t.send('pausa A-1 till 2026-01-15'));
    assert.match(text, /efter i dag/);
    assert.equal(await new SnoozeRepository(world.tables.snoozes).getSnooze(t.id, 1), null);
  });
});
