import assert from 'node:assert/strict';
import { changeStatus } from '../../src/domain/actions';
import { DomainError } from '../../src/domain/errors';
import {
  ReminderScheduler,
  REMIND_JOB,
  runReminderPass,
  snoozeAction,
  type PassReport,
  type SchedulerRuntime,
} from '../../src/scheduler';
import { NotFoundError } from '../../src/storage';
import type { RecordedActivity } from '../helpers/fakeConnector';
import {
  addActions,
  addAudit,
  addChannel,
  addPerson,
  createWorld,
  person,
  personalChatId,
  sends,
  type Person,
  type World,
} from './support';

/** Runs a pass as if it were `iso` (the manual clock is set there too). */
async function passAt(world: World, runtime: SchedulerRuntime, iso: string): Promise<PassReport> {
  world.clock.set(iso);
  return runReminderPass(runtime, world.tenantId, new Date(iso));
}

function states(report: PassReport): string[] {
  return report.outcomes
    .map((outcome) => `${outcome.state} ${outcome.kind} ${outcome.subject} ${outcome.stage}`)
    .sort();
}

function cardOf(recorded: RecordedActivity | undefined): string {
  const content = recorded?.activity.attachments?.[0]?.content;
  assert.ok(content, 'the message carries a card');
  return JSON.stringify(content);
}

describe('reminder pass (Azurite + fake Bot Connector)', function () {
  this.timeout(60_000);
  let world: World;
  let anna: Person;

  beforeEach(async () => {
    world = await createWorld({ start: '2026-03-01T08:00:00Z' });
    anna = person('Anna Andersson');
    await addPerson(world, anna);
  });
  afterEach(() => world.close());

  it('sends each stage once, at 09:00 local across the spring change, as the action card with its buttons', async () => {
    const audit = await addAudit(world);
    const [action] = await addActions(world, audit, [{ owner: anna, due: '2026-03-31' }]);
    const runtime = world.runtime();
    const chat = personalChatId(anna);

    assert.deepEqual(states(await passAt(world, runtime, '2026-03-17T07:59:00Z')), []);
    const first = await passAt(world, runtime, '2026-03-17T08:00:00Z');
    assert.deepEqual(states(first), [`sent reminder A-${action!.ref} before-14`]);
    assert.equal(sends(world, chat).length, 1);
    const [message] = sends(world, chat);
    assert.match(
      message!.activity.text ?? '',
      new RegExp(`A-${action!.ref} ska vara klar 2026-03-31, om 14 dagar`),
    );
    const card = cardOf(message);
    assert.match(card, new RegExp(`"A-${action!.ref}"`));
    assert.match(card, /"verb":"setStatus"/);
    assert.match(card, /"verb":"setDate"/);
    assert.equal(first.outcomes[0]?.activityId, message!.id);

    // Every quarter of an hour until the next stage: nothing new.
    for (const iso of ['2026-03-17T08:15:00Z', '2026-03-20T08:00:00Z', '2026-03-30T06:45:00Z']) {
      assert.deepEqual(states(await passAt(world, runtime, iso)), [], iso);
    }
    // 2026-03-28 is a Saturday: Monday 09:00, now summer time (07:00Z).
    assert.deepEqual(states(await passAt(world, runtime, '2026-03-30T07:00:00Z')), [
      `sent reminder A-${action!.ref} before-3`,
    ]);
    assert.deepEqual(states(await passAt(world, runtime, '2026-03-31T06:59:00Z')), []);
    assert.deepEqual(states(await passAt(world, runtime, '2026-03-31T07:00:00Z')), [
      `sent reminder A-${action!.ref} due`,
    ]);
    assert.equal(sends(world, chat).length, 3);
    const stored = await world.outbox.listMessages(world.tenantId, { states: ['sent'] });
    assert.deepEqual(stored.map((m) => m.stage).sort(), ['before-14', 'before-3', 'due']);
  });

  it('sends nothing new when the same pass runs twice, or again after a restart', async () => {
    const audit = await addAudit(world);
    const bo = person('Bo Ångström');
    await addPerson(world, bo);
    await addActions(world, audit, [
      { owner: anna, due: '2026-03-31' },
      { owner: bo, due: '2026-03-31' },
      { owner: anna, due: '2026-04-14' },
    ]);
    const runtime = world.runtime();
    const first = await passAt(world, runtime, '2026-03-31T07:00:00Z');
    assert.equal(first.outcomes.filter((o) => o.state === 'sent').length, 3);
    const again = await passAt(world, runtime, '2026-03-31T07:00:00Z');
    assert.deepEqual(again.outcomes, []);
    const restarted = await passAt(world, world.runtime(), '2026-03-31T07:05:00Z');
    assert.deepEqual(restarted.outcomes, []);
    // Anna's two reminders went out as one message.
    assert.equal(sends(world).length, 2);
    assert.equal(sends(world, personalChatId(anna)).length, 1);
  });

  it('runs one of two passes started at once; the other stands aside', async () => {
    const audit = await addAudit(world);
    const people = Array.from({ length: 6 }, (_, i) => person(`Person ${i}`));
    for (const who of people) await addPerson(world, who);
    await addActions(
      world,
      audit,
      people.map((who) => ({ owner: who, due: '2026-03-31' })),
    );
    world.clock.set('2026-03-31T07:00:00Z');
    const now = new Date('2026-03-31T07:00:00Z');
    const [a, b] = await Promise.all([
      runReminderPass(world.runtime(undefined, 'instance-a'), world.tenantId, now),
      runReminderPass(world.runtime(undefined, 'instance-b'), world.tenantId, now),
    ]);
    assert.deepEqual([a!.ran, b!.ran].sort(), [false, true]);
    assert.equal(sends(world).length, 6);
    assert.equal(new Set(sends(world).map((s) => s.conversationId)).size, 6);
    // The lease was released: the next pass runs (and finds nothing new).
    const next = await runReminderPass(world.runtime(), world.tenantId, now);
    assert.equal(next.ran, true);
    assert.deepEqual(next.outcomes, []);
  });

  it('escalates once to the chair and the admins after three overdue reminders', async () => {
    const chair = person('Cecilia Carlsson');
    const admin = person('Erik Ek');
    await addPerson(world, chair);
    await addPerson(world, admin);
    await world.roles.addRole(world.tenantId, { role: 'chair', principal: chair.email, committee: null });
    await world.roles.addRole(world.tenantId, {
      role: 'admin',
      principal: admin.aadObjectId,
      committee: null,
    });
    const audit = await addAudit(world);
    const [action] = await addActions(world, audit, [{ owner: anna, due: '2026-03-31' }]);
    const runtime = world.runtime();
    const ref = `A-${action!.ref}`;
    assert.deepEqual(states(await passAt(world, runtime, '2026-04-21T07:00:00Z')), [
      `sent reminder ${ref} overdue-3`,
    ]);
    const escalated = await passAt(world, runtime, '2026-04-28T07:00:00Z');
    assert.deepEqual(states(escalated), [
      `sent escalation ${ref} escalation`,
      `sent escalation ${ref} escalation`,
      `sent reminder ${ref} overdue-4`,
    ]);
    const toChair = sends(world, personalChatId(chair));
    const toAdmin = sends(world, personalChatId(admin));
    assert.equal(toChair.length, 1);
    assert.equal(toAdmin.length, 1);
    assert.match(toChair[0]!.activity.text ?? '', /^Eskalering: /);
    // The chair may look, not change: no buttons. The admin may change.
    assert.doesNotMatch(cardOf(toChair[0]), /"verb":"setStatus"/);
    assert.match(cardOf(toAdmin[0]), /"verb":"setStatus"/);
    // Once: a week later only the owner hears again.
    assert.deepEqual(states(await passAt(world, runtime, '2026-05-05T07:00:00Z')), [
      `sent reminder ${ref} overdue-5`,
    ]);
  });

  it("reminds the committee's coordinator of an ownerless action and of the response date, the admins of board feedback", async () => {
    const coordinator = person('Sara Samordnare');
    const admin = person('Erik Ek');
    await addPerson(world, coordinator);
    await addPerson(world, admin);
    await world.roles.addRole(world.tenantId, {
      role: 'coordinator',
      principal: coordinator.email,
      committee: 'Socialnämnden',
    });
    await world.roles.addRole(world.tenantId, { role: 'admin', principal: admin.email, committee: null });
    const audit = await addAudit(world, {
      title: 'Granskning av *barnkonventionen*',
      responseDue: [{ committee: 'Socialnämnden', due: '2026-05-29' }],
      boardFeedback: [{ committee: 'Socialnämnden', due: '2026-05-29' }],
    });
    await addActions(world, audit, [{ owner: null, due: '2026-06-12' }]);
    const report = await passAt(world, world.runtime(), '2026-05-29T07:00:00Z');
    assert.deepEqual(report.outcomes.map((o) => `${o.kind} ${o.stage} ${o.recipient}`).sort(), [
      `boardFeedback due ${admin.aadObjectId}`,
      `reminder before-14 ${coordinator.aadObjectId}`,
      `responseDue due ${coordinator.aadObjectId}`,
    ]);
    // The coordinator's two reminders (the ownerless action, the response date) come as one message.
    const toCoordinator = sends(world, personalChatId(coordinator));
    assert.equal(toCoordinator.length, 1);
    assert.match(toCoordinator[0]!.activity.text ?? '', /^Du har 2 påminnelser i dag\./);
    const card = cardOf(toCoordinator[0]);
    assert.ok(card.includes('Granskning av \\\\*barnkonventionen\\\\*'), card);
    assert.ok(card.includes('Socialnämnden ska svara senast 2026-05-29 (i dag)'), card);
    const toAdmin = sends(world, personalChatId(admin)).map((s) => s.activity.text ?? '');
    assert.ok(toAdmin.some((text) => text.includes('återrapportera till kommunstyrelsen')));
  });

  it('opens a 1:1 chat with an owner known from a team roster, and uses it from then on', async () => {
    const bo = person('Bo Ångström');
    await addPerson(world, bo, { chat: false });
    const channel = await addChannel(world);
    world.connector.addMember({
      id: bo.teamsId,
      name: bo.name,
      aadObjectId: bo.aadObjectId,
      email: bo.email,
      userPrincipalName: bo.email,
      conversationIds: [channel],
    });
    const audit = await addAudit(world);
    await addActions(world, audit, [{ owner: bo, due: '2026-03-31' }]);
    const runtime = world.runtime();
    const report = await passAt(world, runtime, '2026-03-17T08:00:00Z');
    assert.deepEqual(states(report).length, 1);
    const created = world.connector.sent.filter((r) => r.kind === 'create');
    assert.equal(created.length, 1);
    assert.deepEqual(created[0]!.parameters?.members, [{ id: bo.teamsId }]);
    const chat = created[0]!.conversationId;
    assert.equal(sends(world, chat).length, 1);
    const stored = await world.conversations.findPersonalConversation(world.tenantId, bo.aadObjectId);
    assert.equal(stored?.conversationId, chat);
    await passAt(world, world.runtime(), '2026-03-30T07:00:00Z');
    assert.equal(world.connector.sent.filter((r) => r.kind === 'create').length, 1);
    assert.equal(sends(world, chat).length, 2);
  });

  it('dead-letters a reminder to an owner the bot has never met, once per stage', async () => {
    const audit = await addAudit(world);
    await addActions(world, audit, [{ owner: 'okand.person@kommun.se', due: '2026-03-31' }]);
    const runtime = world.runtime();
    const report = await passAt(world, runtime, '2026-03-17T08:00:00Z');
    assert.equal(report.outcomes[0]?.state, 'deadLetter');
    assert.equal(report.outcomes[0]?.code, 'UnknownUser');
    assert.deepEqual((await passAt(world, runtime, '2026-03-17T09:00:00Z')).outcomes, []);
    assert.equal(world.connector.requests.length, 0);
  });

  it('pauses reminders (pausa A-17 till ...), then reminds once that the pause is over', async () => {
    const audit = await addAudit(world);
    const [action] = await addActions(world, audit, [{ owner: anna, due: '2026-03-31' }]);
    const ref = action!.ref;
    const deps = { actions: world.actions, snoozes: world.snoozes, timeZone: 'Europe/Stockholm' };
    const now = new Date('2026-03-20T12:00:00Z');
    const invalid = async (until: string, code: string): Promise<void> => {
      await assert.rejects(
        snoozeAction(deps, world.tenantId, { ref, until, by: anna.aadObjectId, now }),
        (error: unknown) => {
          assert.ok(error instanceof DomainError, String(error));
          assert.equal(error.code, code);
          return true;
        },
      );
    };
    await invalid('2026-03-20', 'InvalidValue');
    await invalid('2027-06-01', 'InvalidValue');
    await invalid('2026-02-30', 'InvalidDate');
    await assert.rejects(
      snoozeAction(deps, world.tenantId, { ref: 999, until: '2026-04-20', by: anna.aadObjectId, now }),
      NotFoundError,
    );
    const snooze = await snoozeAction(deps, world.tenantId, {
      ref,
      until: '2026-04-20',
      reason: 'Inväntar  nämndens beslut',
      by: anna.aadObjectId.toUpperCase(),
      now,
    });
    assert.deepEqual(
      [snooze.until, snooze.by, snooze.reason],
      ['2026-04-20', anna.aadObjectId, 'Inväntar  nämndens beslut'],
    );

    const runtime = world.runtime();
    for (const iso of [
      '2026-03-30T07:00:00Z',
      '2026-03-31T07:00:00Z',
      '2026-04-07T07:00:00Z',
      '2026-04-14T07:00:00Z',
    ]) {
      assert.deepEqual(states(await passAt(world, runtime, iso)), [], iso);
    }
    const resumed = await passAt(world, runtime, '2026-04-20T07:00:00Z');
    assert.deepEqual(states(resumed), [`sent reminder A-${ref} after-snooze`]);
    assert.match(sends(world)[0]!.activity.text ?? '', new RegExp(`^Pausen för A-${ref} är slut\\.`));
    assert.deepEqual(states(await passAt(world, runtime, '2026-04-21T07:00:00Z')), [
      `sent reminder A-${ref} overdue-3`,
    ]);

    // A closed action cannot be paused.
    const stored = await world.actions.getAction(world.tenantId, ref);
    await world.actions.updateAction(
      world.tenantId,
      changeStatus(stored.action, { to: 'Genomförd' }, { by: anna.aadObjectId, now }),
      stored.etag,
    );
    await invalid('2026-06-01', 'InvalidStatusChange');
  });

  it('cancels an owed reminder once the action is done before it could be sent', async () => {
    const audit = await addAudit(world);
    const [action] = await addActions(world, audit, [{ owner: anna, due: '2026-03-31' }]);
    // Throttled with a wait longer than a pass holds on: the reminder stays owed.
    world.connector.failNext(1, { status: 429, retryAfter: 600 });
    const runtime = world.runtime();
    const first = await passAt(world, runtime, '2026-03-31T07:00:00Z');
    assert.equal(first.outcomes[0]?.state, 'pending');
    const stored = await world.actions.getAction(world.tenantId, action!.ref);
    await world.actions.updateAction(
      world.tenantId,
      changeStatus(
        stored.action,
        { to: 'Genomförd' },
        { by: anna.aadObjectId, now: new Date('2026-03-31T07:01:00Z') },
      ),
      stored.etag,
    );
    const later = await passAt(world, runtime, '2026-03-31T07:15:00Z');
    assert.deepEqual(states(later), [`cancelled reminder A-${action!.ref} due`]);
    assert.equal(sends(world).length, 0);
  });

  it('catches up a missed pass once, on the schedule, and not again for the same slot', async () => {
    const audit = await addAudit(world);
    const [dueFriday, dueLater] = await addActions(world, audit, [
      { owner: anna, due: '2026-03-27' },
      { owner: anna, due: '2026-04-09' },
    ]);
    const scheduler = new ReminderScheduler(world.runtime(), { tenants: [world.tenantId] });
    // Tuesday 08:50, before the day's 09:00 reminders: only the first action's 14-day reminder is owed yet.
    world.clock.set('2026-03-24T07:50:00Z');
    const first = await scheduler.tick(world.clock.now());
    assert.equal(first.passes.length, 1);
    assert.deepEqual(states(first.passes[0]!), [`sent reminder A-${dueFriday!.ref} before-14`]);
    assert.equal(
      (await world.leases.getLastRun(world.tenantId, REMIND_JOB))?.slot,
      '2026-03-24T07:45:00.000Z',
    );
    // Same slot: no pass at all.
    assert.equal((await scheduler.tick(new Date('2026-03-24T07:55:00Z'))).passes.length, 0);
    // Down three days, Tuesday to Friday 09:20: the first action's 3-day reminder (Tuesday) and due date (Friday),
    // the second's 14-day reminder (Thursday) were missed. One pass catches up, with the latest of each action only.
    // (The week before Easter: on Good Friday, 2026-04-03, the due-date reminder would wait for Tuesday.)
    const back = await scheduler.tick(new Date('2026-03-27T08:20:00Z'));
    assert.equal(back.passes.length, 1);
    assert.deepEqual(states(back.passes[0]!), [
      `sent reminder A-${dueFriday!.ref} due`,
      `sent reminder A-${dueLater!.ref} before-14`,
    ]);
    const sent = await world.outbox.listMessages(world.tenantId, { states: ['sent'] });
    assert.deepEqual(sent.map((m) => m.stage).sort(), ['before-14', 'before-14', 'due']);
    assert.equal((await scheduler.tick(new Date('2026-03-27T08:21:00Z'))).passes.length, 0);
    // The clock jumps back an hour: the slot has a run already, nothing runs.
    assert.equal((await scheduler.tick(new Date('2026-03-27T07:21:00Z'))).passes.length, 0);
    // The catch-up pass's two reminders to Anna went out as one message.
    assert.equal(sends(world).length, 2);
    await scheduler.stop();
  });

  it('sends every reminder once when the clock jumps an hour forward across the 09:00 send time', async () => {
    const audit = await addAudit(world);
    // One action per kind of stage that falls on Tuesday 17 March: 14 and 3 days before, the due date, overdue.
    const actions = await addActions(world, audit, [
      { owner: anna, due: '2026-03-31' },
      { owner: anna, due: '2026-03-20' },
      { owner: anna, due: '2026-03-17' },
      { owner: anna, due: '2026-03-10' },
    ]);
    const refs = actions.map((action) => `A-${action.ref}`);
    const scheduler = new ReminderScheduler(world.runtime(), { tenants: [world.tenantId] });
    // Ticks read the runtime's clock, as the heartbeat does, so the jump is a jump of the clock itself.
    const tickAt = (iso: string) => {
      world.clock.set(iso);
      return scheduler.tick();
    };
    // 08:30: the backlog of earlier stages goes out; the day's 09:00 stages are not due yet.
    const before = await tickAt('2026-03-17T07:30:00Z');
    assert.deepEqual(states(before.passes[0]!), [
      `sent reminder ${refs[1]} before-14`,
      `sent reminder ${refs[2]} before-3`,
      `sent reminder ${refs[3]} due`,
    ]);
    // The clock jumps to 09:30: the 08:45, 09:00 and 09:15 slots never happen; the next pass still sends them all.
    const jumped = await tickAt('2026-03-17T08:30:00Z');
    assert.equal(jumped.passes.length, 1);
    assert.deepEqual(states(jumped.passes[0]!), [
      `sent reminder ${refs[0]} before-14`,
      `sent reminder ${refs[1]} before-3`,
      `sent reminder ${refs[2]} due`,
      `sent reminder ${refs[3]} overdue-1`,
    ]);
    // The following minutes and slots, and the clock being set back and forward again, send nothing more.
    for (const iso of [
      '2026-03-17T08:31:00Z',
      '2026-03-17T08:45:00Z',
      '2026-03-17T07:50:00Z',
      '2026-03-17T09:00:00Z',
    ]) {
      const later = await tickAt(iso);
      assert.deepEqual(later.passes.flatMap(states), [], iso);
    }
    const sent = await world.outbox.listMessages(world.tenantId, { states: ['sent'] });
    const keys = sent.map((m) => `${m.subject} ${m.stage}`);
    assert.equal(new Set(keys).size, 7, `each stage once: ${keys.join(', ')}`);
    assert.equal(sends(world, personalChatId(anna)).length, 2, 'one message per pass that had something');
    await scheduler.stop();
  });

  it('runs the catch-up tick at start, and stops cleanly, releasing its lease', async () => {
    await addActions(world, await addAudit(world), [{ owner: anna, due: '2026-03-31' }]);
    world.clock.set('2026-03-31T07:05:00Z');
    const scheduler = new ReminderScheduler(world.runtime(), { tenants: [world.tenantId] });
    scheduler.start();
    for (let i = 0; i < 200 && sends(world).length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await scheduler.stop();
    assert.equal(sends(world).length, 1);
    // Nobody holds the lease: another instance can run at once.
    const other = await world.leases.acquireLease(world.tenantId, REMIND_JOB, 'other', {
      now: world.clock.now(),
      durationMs: 60_000,
    });
    assert.ok(other);
  });
});
