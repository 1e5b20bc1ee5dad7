import assert from 'node:assert/strict';
import { runReminderPass, type PassReport, type SchedulerRuntime } from '../../src/scheduler';
import type { ConnectorWrite, Fault } from '../helpers/fakeConnector';
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

async function passAt(world: World, runtime: SchedulerRuntime, iso: string): Promise<PassReport> {
  world.clock.set(iso);
  return runReminderPass(runtime, world.tenantId, new Date(iso));
}

/** Runs `work` over `items`, `size` at a time (seeding hundreds of rows without flooding Azurite). */
async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * The (conversation, action) pairs the connector delivered, to find a reminder delivered twice: the one action of a
 * single reminder (named in its text), or each action a reminder card of several lists (one Visa button each).
 */
function deliveredPairs(world: World): string[] {
  return sends(world).flatMap((recorded) => {
    const card = JSON.stringify(recorded.activity.attachments?.[0]?.content ?? {});
    const listed = [...card.matchAll(/"verb":"showAction","data":\{"ref":"(A-\d+)"\}/g)].map((m) => m[1]);
    const refs = listed.length > 0 ? listed : [/A-\d+/.exec(recorded.activity.text ?? '')?.[0] ?? '?'];
    return refs.map((ref) => `${recorded.conversationId} ${ref}`);
  });
}

describe("reminders to 500 people under Teams' rate limits", function () {
  this.timeout(120_000);
  let world: World;

  afterEach(() => world.close());

  it('delivers every reminder or dead-letters it, none twice, through throttling, 5xx and blocked chats', async () => {
    const random = seeded(20260331);
    const blocked = new Set<string>();
    world = await createWorld({
      start: '2026-03-01T08:00:00Z',
      connector: {
        enforceTeamsLimits: true,
        onSend: (write: ConnectorWrite): Fault | undefined => {
          if (write.kind !== 'send') return undefined;
          if (blocked.has(write.conversationId)) return { status: 403, code: 'ConversationBlockedByUser' };
          const roll = random();
          if (roll < 0.03) return { status: 429, retryAfter: 1 + Math.floor(random() * 5) };
          if (roll < 0.05) return { status: 429 };
          if (roll < 0.07) return { status: 503 };
          if (roll < 0.08) return { status: 502 };
          return undefined;
        },
      },
    });
    const people: Person[] = Array.from({ length: 500 }, (_, i) => person(`Tjänsteperson ${i}`));
    await inBatches(people, 25, (who) => addPerson(world, who));
    for (const who of people.slice(0, 10)) blocked.add(personalChatId(who));
    // Most own one action; the first twenty own five each, so their chats see bursts.
    const owners = [...people, ...people.slice(0, 20).flatMap((who) => [who, who, who, who])];
    await addActions(
      world,
      await addAudit(world),
      owners.map((who) => ({ owner: who, due: DUE })),
    );

    const runtime = world.runtime({ concurrency: 16 });
    const reports: PassReport[] = [];
    for (let i = 0; i < 5; i++) {
      const report = await passAt(
        world,
        runtime,
        new Date(Date.parse('2026-03-31T07:00:00Z') + i * 15 * 60_000).toISOString(),
      );
      reports.push(report);
      if (report.outcomes.every((outcome) => outcome.state !== 'pending')) break;
    }

    const rows = await world.outbox.listMessages(world.tenantId);
    assert.equal(rows.length, 580);
    const byState = (state: string) => rows.filter((row) => row.state === state).length;
    assert.equal(byState('sent') + byState('deadLetter'), 580, JSON.stringify(rows.map((r) => r.state)));
    // The ten blocked chats: their 10 + 4 * 10 reminders are dead-lettered, each chat asked once.
    assert.equal(byState('deadLetter'), 50);
    for (const who of people.slice(0, 10)) {
      assert.equal(
        (await world.conversations.getConversation(world.tenantId, personalChatId(who))).active,
        false,
      );
    }
    const pairs = deliveredPairs(world);
    assert.equal(pairs.length, 530);
    assert.equal(new Set(pairs).size, 530, 'no reminder was delivered twice');
    for (const row of rows.filter((r) => r.state === 'sent')) {
      assert.ok(
        sends(world).some(
          (recorded) => recorded.id === row.activityId && recorded.conversationId === row.conversationId,
        ),
      );
    }
    assert.ok(
      world.connector.stats.throttled + world.connector.stats.rejected > 0,
      'the faults were exercised',
    );
  });

  it("stays under Teams' limits on its own: no 429 from the connector", async () => {
    world = await createWorld({ start: '2026-03-01T08:00:00Z', connector: { enforceTeamsLimits: true } });
    const people: Person[] = Array.from({ length: 120 }, (_, i) => person(`Person ${i}`));
    await inBatches(people, 25, (who) => addPerson(world, who));
    // One owner with 70 actions: one chat that would pass 60 per 30 s with a message per reminder.
    const owners = [...people, ...Array.from({ length: 69 }, () => people[0]!)];
    await addActions(
      world,
      await addAudit(world),
      owners.map((who) => ({ owner: who, due: DUE })),
    );
    const start = Date.parse('2026-03-31T07:00:00Z');
    const report = await passAt(world, world.runtime({ concurrency: 1 }), '2026-03-31T07:00:00Z');
    assert.equal(report.outcomes.filter((outcome) => outcome.state === 'sent').length, 189);
    assert.equal(world.connector.stats.throttled, 0);
    // The 70 reminders of one owner are a few cards (at most 30 items each), not 70 messages.
    const toFirst = sends(world, personalChatId(people[0]!));
    assert.equal(toFirst.length, 3);
    // 122 messages over the tenant's 30 per second take at least 4 s; the pacer waited rather than being refused.
    assert.ok(world.clock.now().getTime() - start >= 4_000);
  });
});
