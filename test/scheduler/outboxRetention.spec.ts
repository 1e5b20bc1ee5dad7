import assert from 'node:assert/strict';
import {
  OUTBOX_RETENTION_JOB,
  REMINDER_POLICY_SETTING,
  ReminderScheduler,
  runOutboxRetention,
  runReminderPass,
} from '../../src/scheduler';
import { StorageError, type OutboxMessage, type OutboxState } from '../../src/storage';
import { addActions, addAudit, addPerson, createWorld, person, sends, type World } from './support';

/** The moves that bring a new (pending) row to each state. */
const PATH: Readonly<Record<OutboxState, readonly OutboxState[]>> = {
  pending: [],
  sending: ['sending'],
  sent: ['sending', 'sent'],
  deadLetter: ['deadLetter'],
  check: ['sending', 'check'],
  cancelled: ['cancelled'],
};

let serial = 0;

/** A reminder row in `state`, created and last changed at `at`, for a stage on `stageDate`. */
async function addRow(
  world: World,
  state: OutboxState,
  at: string,
  stageDate: string = at.slice(0, 10),
): Promise<OutboxMessage> {
  serial += 1;
  const now = new Date(at);
  let message = await world.outbox.createMessage(
    world.tenantId,
    {
      kind: 'reminder',
      subject: `A-${serial}`,
      stage: 'due',
      stageDate,
      recipient: `person${serial}@kommun.se`,
      dueAt: at,
      ref: serial,
    },
    { now },
  );
  for (const to of PATH[state])
    message = await world.outbox.moveMessage(world.tenantId, message, to, { now });
  return message;
}

/** Keys left in the outbox, by state. */
async function remaining(world: World): Promise<Map<string, OutboxState>> {
  const rows = await world.outbox.listMessages(world.tenantId);
  return new Map(rows.map((row) => [row.key, row.state]));
}

/** 03:30 in Stockholm on 1 September: after the day's retention slot (03:15). */
const NOW = new Date('2026-09-01T01:30:00Z');

describe('outbox retention (Azurite, controlled clock)', function () {
  this.timeout(60_000);
  let world: World;

  beforeEach(async () => {
    world = await createWorld({ start: NOW.toISOString() });
  });
  afterEach(() => world.close());

  it('removes finished rows past the retention and keeps every row that still matters', async () => {
    const old = '2026-03-02T08:00:00Z';
    const gone = await Promise.all([
      addRow(world, 'sent', old),
      addRow(world, 'deadLetter', old),
      addRow(world, 'cancelled', old),
    ]);
    const kept = await Promise.all([
      // Never removed, however old: owed, under way, or waiting for a person.
      addRow(world, 'pending', old),
      addRow(world, 'sending', old),
      addRow(world, 'check', old),
      // Finished, but changed within the 90 days (its stage long past).
      addRow(world, 'sent', '2026-06-10T08:00:00Z', '2026-01-15'),
      // Changed 123 days ago, but its stage date is within the policy's look-back (plus margin): its key could be
      // owed again, so removing it could send the reminder twice.
      addRow(world, 'sent', '2026-05-01T08:00:00Z'),
    ]);
    const audit = await addAudit(world);
    const [action] = await addActions(world, audit, [{ owner: 'anna@kommun.se', due: '2026-03-31' }]);
    const history = await world.actions.listHistory(world.tenantId, action!.ref);

    const report = await runOutboxRetention(world.runtime(), world.tenantId, NOW, { retentionDays: 90 });
    assert.deepEqual(report, { tenantId: world.tenantId, ran: true, removed: 3, keptForKey: 1 });
    const left = await remaining(world);
    for (const row of gone) assert.equal(left.has(row.key), false, `${row.state} should be gone`);
    assert.deepEqual(
      kept.map((row) => left.get(row.key)),
      ['pending', 'sending', 'check', 'sent', 'sent'],
    );
    assert.ok(history.length > 0);
    assert.deepEqual(await world.actions.listHistory(world.tenantId, action!.ref), history);
  });

  it('deletes more than one transaction holds (100 rows) and honours a shorter retention', async () => {
    const rows: OutboxMessage[] = [];
    for (let start = 0; start < 150; start += 25) {
      rows.push(
        ...(await Promise.all(
          Array.from({ length: 25 }, () => addRow(world, 'deadLetter', '2026-04-01T08:00:00Z', '2026-01-10')),
        )),
      );
    }
    const young = await addRow(world, 'sent', '2026-08-20T08:00:00Z', '2026-01-10');
    const report = await runOutboxRetention(world.runtime(), world.tenantId, NOW, { retentionDays: 30 });
    assert.equal(report.removed, 150);
    assert.deepEqual([...(await remaining(world)).keys()], [young.key]);
    const shorter = await runOutboxRetention(world.runtime(), world.tenantId, NOW, { retentionDays: 7 });
    assert.equal(shorter.removed, 1);
    assert.equal((await remaining(world)).size, 0);
  });

  it('never lets a reminder go out twice: its row outlives the retention while the stage can still be owed', async () => {
    // Only the due-date reminder: no overdue reminders or escalations follow it, so it stays the latest stage.
    await world.settings.upsertSetting(world.tenantId, REMINDER_POLICY_SETTING, {
      overdueEveryDays: 0,
      escalateAfterOverdue: 0,
    });
    const anna = person('Anna Andersson');
    await addPerson(world, anna);
    await addActions(world, await addAudit(world), [{ owner: anna, due: '2026-03-31' }]);
    const pass = async (iso: string) => {
      world.clock.set(iso);
      return runReminderPass(world.runtime(), world.tenantId, new Date(iso));
    };
    assert.equal((await pass('2026-03-31T07:00:00Z')).outcomes.find((o) => o.stage === 'due')?.state, 'sent');
    const delivered = sends(world).length;

    // 100 days on, past a 90-day retention: the row stays, and the pass still sends nothing.
    world.clock.set('2026-07-09T01:30:00Z');
    const early = await runOutboxRetention(world.runtime(), world.tenantId, world.clock.now());
    assert.equal(early.removed, 0);
    assert.ok(early.keptForKey >= 1);
    assert.deepEqual((await pass('2026-07-09T07:00:00Z')).outcomes, []);
    assert.equal(sends(world).length, delivered);

    // Past the look-back: the row goes, and the stage is no longer owed either.
    world.clock.set('2026-08-10T01:30:00Z');
    const late = await runOutboxRetention(world.runtime(), world.tenantId, world.clock.now());
    assert.ok(late.removed >= 1);
    assert.equal((await world.outbox.listMessages(world.tenantId, { states: ['sent'] })).length, 0);
    assert.deepEqual((await pass('2026-08-10T07:00:00Z')).outcomes, []);
    assert.equal(sends(world).length, delivered);
  });

  it('runs once a day from the scheduler, at its slot, by one instance at a time', async () => {
    await addRow(world, 'sent', '2026-03-02T08:00:00Z');
    const scheduler = new ReminderScheduler(world.runtime(), { tenants: [world.tenantId] });
    const first = await scheduler.tick(NOW);
    assert.deepEqual(first.errors, []);
    assert.deepEqual(
      first.retention.map((run) => run.removed),
      [1],
    );
    assert.equal(
      (await world.leases.getLastRun(world.tenantId, OUTBOX_RETENTION_JOB))?.slot,
      '2026-09-01T01:15:00.000Z',
    );
    await addRow(world, 'sent', '2026-03-02T08:00:00Z');
    // Later the same day: the day's run is done.
    assert.deepEqual((await scheduler.tick(new Date('2026-09-01T12:00:00Z'))).retention, []);
    assert.equal((await remaining(world)).size, 1);
    // The next night it runs again.
    const next = await scheduler.tick(new Date('2026-09-02T01:20:00Z'));
    assert.deepEqual(
      next.retention.map((run) => run.removed),
      [1],
    );
    await scheduler.stop();

    // Two instances at once: one runs, the other stands aside.
    await addRow(world, 'sent', '2026-03-02T08:00:00Z');
    const both = await Promise.all([
      runOutboxRetention(world.runtime(), world.tenantId, NOW),
      runOutboxRetention(world.runtime(), world.tenantId, NOW),
    ]);
    assert.deepEqual(both.map((run) => run.ran).sort(), [false, true]);
    assert.equal((await remaining(world)).size, 0);
  });

  it('deletes the rest of a batch when a row vanished meanwhile, and refuses rows that are not finished', async () => {
    const rows = await Promise.all(
      Array.from({ length: 5 }, () => addRow(world, 'deadLetter', '2026-03-02T08:00:00Z')),
    );
    assert.equal(await world.outbox.deleteMessages(world.tenantId, [rows[2]!]), 1);
    assert.equal(await world.outbox.deleteMessages(world.tenantId, rows), 4);
    assert.equal((await remaining(world)).size, 0);

    const pending = await addRow(world, 'pending', '2026-03-02T08:00:00Z');
    const sent = await addRow(world, 'sent', '2026-03-02T08:00:00Z');
    await assert.rejects(world.outbox.deleteMessages(world.tenantId, [sent, pending]), (error: unknown) => {
      assert.ok(error instanceof StorageError);
      assert.match(error.message, /inte avslutat \(pending\); raderas inte/);
      return true;
    });
    assert.equal((await remaining(world)).size, 2);
  });
});
