import assert from 'node:assert/strict';
import type { ConversationAccount } from 'botbuilder';
import {
  runReminderPass,
  type PassReport,
  type SchedulerRuntime,
  type SchedulerTuning,
} from '../../src/scheduler';
import { INTERRUPTED_SEND_CODE } from '../../src/storage';
import type { Fault } from '../helpers/fakeConnector';
import {
  addActions,
  addAudit,
  addPerson,
  createWorld,
  person,
  personalChatId,
  sends,
  type Person,
  type World,
} from './support';

const DUE = '2026-03-31';
const AT = '2026-03-31T07:00:00Z';

async function passAt(world: World, runtime: SchedulerRuntime, iso: string): Promise<PassReport> {
  world.clock.set(iso);
  return runReminderPass(runtime, world.tenantId, new Date(iso));
}

/** Thrown by a hook: the process "dies" at that point. */
class Killed extends Error {
  override readonly name = 'Killed';
}

describe('reminder delivery under connector faults and crashes', function () {
  this.timeout(60_000);
  let world: World;
  let anna: Person;
  let chat: string;

  beforeEach(async () => {
    world = await createWorld({ start: '2026-03-01T08:00:00Z' });
    anna = person('Anna Andersson');
    await addPerson(world, anna);
    chat = personalChatId(anna);
    await addActions(world, await addAudit(world), [{ owner: anna, due: DUE }]);
  });
  afterEach(() => world.close());

  it('waits out a 429 with Retry-After: 7, then delivers once', async () => {
    world.connector.failNext(1, { status: 429, retryAfter: 7 });
    const report = await passAt(world, world.runtime(), AT);
    assert.equal(report.outcomes[0]?.state, 'sent');
    assert.equal(report.outcomes[0]?.attempts, 2);
    assert.equal(sends(world, chat).length, 1);
    const [refused, accepted] = world.connector.requests;
    assert.equal(refused?.status, 429);
    assert.ok(accepted!.at - refused!.at >= 7_000, `retried after ${accepted!.at - refused!.at} ms`);
  });

  const transient: Array<[string, Fault]> = [
    ['429 without Retry-After', { status: 429 }],
    ['412', { status: 412 }],
    ['502', { status: 502 }],
    ['503', { status: 503 }],
    ['504', { status: 504 }],
  ];
  for (const [name, fault] of transient) {
    it(`backs off after ${name} (with jitter) and delivers once`, async () => {
      world.connector.failNext(2, fault);
      const report = await passAt(world, world.runtime(), AT);
      assert.equal(report.outcomes[0]?.state, 'sent');
      assert.equal(report.outcomes[0]?.attempts, 3);
      assert.equal(sends(world, chat).length, 1);
      const times = world.connector.requests.map((request) => request.at);
      // Backoff doubles: the second wait is longer than the first.
      assert.ok(times[2]! - times[1]! > times[1]! - times[0]!, String(times));
    });
  }

  it('leaves a message that keeps failing for the next pass, and delivers it then', async () => {
    world.connector.failNext(5, { status: 503 });
    const runtime = world.runtime();
    const first = await passAt(world, runtime, AT);
    assert.equal(first.outcomes[0]?.state, 'pending');
    assert.equal(first.outcomes[0]?.attempts, 5);
    const second = await passAt(world, runtime, '2026-03-31T07:15:00Z');
    assert.equal(second.outcomes[0]?.state, 'sent');
    assert.equal(sends(world, chat).length, 1);
  });

  it('gives up (dead letter) after the most attempts over all passes', async () => {
    world.connector.failNext(100, { status: 503 });
    const runtime = world.runtime({ maxAttempts: 7 });
    await passAt(world, runtime, AT);
    const second = await passAt(world, runtime, '2026-03-31T07:15:00Z');
    assert.equal(second.outcomes[0]?.state, 'deadLetter');
    assert.match(second.outcomes[0]?.reason ?? '', /^Gav upp efter 7 försök/);
  });

  it('marks a 500 after the connector accepted for a person to check, and never sends it again', async () => {
    world.connector.failNext(1, { status: 500, afterAccept: true });
    const runtime = world.runtime();
    const report = await passAt(world, runtime, AT);
    assert.equal(report.outcomes[0]?.state, 'check');
    assert.equal(sends(world, chat).length, 1);
    assert.deepEqual((await passAt(world, runtime, '2026-03-31T09:00:00Z')).outcomes, []);
    assert.equal(sends(world, chat).length, 1);
  });

  for (const [status, code] of [
    [403, 'ConversationBlockedByUser'],
    [403, 'BotNotInConversationRoster'],
    [404, 'ConversationNotFound'],
  ] as const) {
    it(`marks the chat inactive and dead-letters on ${status} ${code}, and asks Teams no more`, async () => {
      world.connector.failNext(1, { status, code });
      const runtime = world.runtime();
      const report = await passAt(world, runtime, AT);
      assert.equal(report.outcomes[0]?.state, 'deadLetter');
      assert.equal(report.outcomes[0]?.code, `${status} ${code}`);
      const conversation = await world.conversations.getConversation(world.tenantId, chat);
      assert.equal(conversation.active, false);
      assert.equal(conversation.inactiveReason, `${status} ${code}`);
      const requests = world.connector.requests.length;
      const next = await passAt(world, runtime, '2026-04-07T07:00:00Z');
      assert.equal(next.outcomes[0]?.state, 'deadLetter');
      assert.equal(next.outcomes[0]?.code, 'Inactive');
      assert.equal(world.connector.requests.length, requests);
    });
  }

  it('dead-letters a 413 but keeps the chat: the next reminder goes out', async () => {
    world.connector.failNext(1, { status: 413, code: 'MessageSizeTooBig' });
    const runtime = world.runtime();
    assert.equal((await passAt(world, runtime, AT)).outcomes[0]?.state, 'deadLetter');
    assert.equal((await world.conversations.getConversation(world.tenantId, chat)).active, true);
    assert.equal((await passAt(world, runtime, '2026-04-07T07:00:00Z')).outcomes[0]?.state, 'sent');
  });

  it('refuses to send to a stored serviceUrl that was rewritten to another host', async () => {
    await world.conversations.upsertConversation(
      world.tenantId,
      {
        channelId: 'msteams',
        serviceUrl: 'https://evil.example/',
        user: { id: anna.teamsId, name: anna.name, aadObjectId: anna.aadObjectId },
        conversation: {
          id: chat,
          conversationType: 'personal',
          tenantId: world.tenantId,
          isGroup: false,
          name: '',
        } as ConversationAccount,
      },
      { userAadObjectId: anna.aadObjectId, now: world.clock.now() },
    );
    const report = await passAt(world, world.runtime(), AT);
    assert.equal(report.outcomes[0]?.state, 'deadLetter');
    assert.equal(report.outcomes[0]?.code, 'ServiceUrlRefused');
    assert.equal(world.connector.requests.length, 0);
  });

  describe('a process killed mid-delivery', () => {
    const crash = (hook: keyof NonNullable<SchedulerTuning['hooks']>): SchedulerTuning => ({
      hooks: {
        [hook]: () => {
          throw new Killed(`killed at ${hook}`);
        },
      },
    });

    it('between recording the reminder and sending it: the restarted process sends it, once', async () => {
      await assert.rejects(passAt(world, world.runtime(crash('afterCreate')), AT), Killed);
      assert.equal(sends(world).length, 0);
      const [row] = await world.outbox.listMessages(world.tenantId);
      assert.equal(row?.state, 'pending');
      const restarted = await passAt(world, world.runtime(), '2026-03-31T07:01:00Z');
      assert.equal(restarted.outcomes[0]?.state, 'sent');
      assert.equal(sends(world, chat).length, 1);
    });

    it('after marking it sending, before the request: not resent, marked for a person to check', async () => {
      await assert.rejects(passAt(world, world.runtime(crash('beforeSend')), AT), Killed);
      const restarted = world.runtime();
      // Too soon to tell a dead process from a slow one: nothing happens.
      const soon = await passAt(world, restarted, '2026-03-31T07:05:00Z');
      assert.deepEqual([soon.outcomes, soon.markedForCheck], [[], []]);
      const later = await passAt(world, restarted, '2026-03-31T07:11:00Z');
      assert.equal(later.markedForCheck.length, 1);
      assert.equal(later.markedForCheck[0]?.state, 'check');
      assert.equal(sends(world).length, 0);
      const [row] = await world.outbox.listMessages(world.tenantId);
      assert.equal(row?.state, 'check');
      assert.match(row?.reason ?? '', /Kontrollera/);
      assert.equal(row?.code, INTERRUPTED_SEND_CODE, 'the card tells an interrupted send by its code');
    });

    it('between sending and recording it sent: delivered exactly once, marked for a person to check', async () => {
      await assert.rejects(passAt(world, world.runtime(crash('afterSend')), AT), Killed);
      assert.equal(sends(world, chat).length, 1);
      const restarted = world.runtime();
      const later = await passAt(world, restarted, '2026-03-31T07:11:00Z');
      assert.equal(later.markedForCheck.length, 1);
      assert.deepEqual(later.outcomes, []);
      assert.deepEqual((await passAt(world, restarted, '2026-03-31T08:00:00Z')).outcomes, []);
      assert.equal(sends(world, chat).length, 1);
    });
  });

  it('stops a pass whose lease was taken over mid-pass; the new holder finishes without duplicates', async () => {
    const people = Array.from({ length: 5 }, (_, i) => person(`Person ${i}`));
    for (const who of people) await addPerson(world, who);
    await addActions(
      world,
      await addAudit(world),
      people.map((who) => ({ owner: who, due: DUE })),
    );
    let stalled = false;
    const slow = world.runtime({
      concurrency: 1,
      leaseMs: 60_000,
      hooks: {
        afterSend: async () => {
          if (stalled) return;
          stalled = true;
          // This instance stalls past its lease; another takes the lease over.
          world.clock.advance(61_000);
          const taken = await world.leases.acquireLease(world.tenantId, 'remind', 'other', {
            now: world.clock.now(),
            durationMs: 500,
          });
          assert.ok(taken);
        },
      },
    });
    const first = await passAt(world, slow, AT);
    assert.equal(first.aborted, true);
    assert.equal(first.outcomes.length, 1);
    world.clock.advance(1_000);
    const second = await runReminderPass(world.runtime(), world.tenantId, new Date(AT));
    assert.equal(second.ran, true);
    assert.equal(second.outcomes.filter((o) => o.state === 'sent').length, 5);
    assert.equal(sends(world).length, 6);
    assert.equal(new Set(sends(world).map((s) => s.conversationId)).size, 6);
  });
});
