import assert from 'node:assert/strict';
import { ConflictError, NotFoundError, StorageError } from '../../src/storage/errors';
import {
  OUTBOX_TRANSITIONS,
  OutboxRepository,
  outboxKey,
  type OutboxDraft,
} from '../../src/storage/outboxRepository';
import { openTables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const now = new Date('2026-03-17T08:00:00Z');
const later = new Date('2026-03-17T08:00:05Z');

function draft(overrides: Partial<OutboxDraft> = {}): OutboxDraft {
  return {
    kind: 'reminder',
    subject: 'A-17',
    stage: 'before-14',
    stageDate: '2026-03-17',
    recipient: 'anna.andersson@kommun.se',
    dueAt: now.toISOString(),
    ref: 17,
    ...overrides,
  };
}

describe('OutboxRepository (Azurite)', () => {
  let repo: OutboxRepository;
  let tenant: string;

  before(async () => {
    repo = new OutboxRepository((await openTables((await testAzurite()).connectionString)).outbox);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('creates a message once per idempotency key (action, stage, date, recipient)', async () => {
    const created = await repo.createMessage(tenant, draft(), { now });
    assert.equal(created.state, 'pending');
    assert.equal(created.attempts, 0);
    assert.equal(created.key, 'reminder|A-17|before-14|2026-03-17|anna.andersson@kommun.se');
    assert.equal(created.key, outboxKey(draft()));
    await assert.rejects(repo.createMessage(tenant, draft(), { now: later }), ConflictError);
    // Another date of the same stage (the deadline moved) is another message.
    const moved = await repo.createMessage(tenant, draft({ stageDate: '2026-03-24' }), { now });
    assert.notEqual(moved.key, created.key);
    assert.deepEqual(await repo.getMessage(tenant, created.key), created);
  });

  it('keeps keys with any characters and of any length', async () => {
    const recipient = `conversation:19:abc/def#?\\${'x'.repeat(900)}@thread.tacv2;messageid=1`;
    const created = await repo.createMessage(tenant, draft({ kind: 'digest', recipient, ref: null }), {
      now,
    });
    const read = await repo.getMessage(tenant, created.key);
    assert.equal(read.recipient, recipient);
    assert.equal(read.ref, null);
  });

  it('moves pending -> sending -> sent with the activity id, counting the attempt', async () => {
    const created = await repo.createMessage(tenant, draft(), { now });
    const sending = await repo.moveMessage(tenant, created, 'sending', { now, conversationId: 'a:1' });
    assert.equal(sending.state, 'sending');
    assert.equal(sending.attempts, 1);
    assert.equal(sending.sendingSince, now.toISOString());
    const sent = await repo.moveMessage(tenant, sending, 'sent', { now: later, activityId: '1700000000001' });
    assert.equal(sent.state, 'sent');
    assert.equal(sent.activityId, '1700000000001');
    assert.equal(sent.conversationId, 'a:1');
    assert.equal(sent.sentAt, later.toISOString());
    assert.equal(sent.sendingSince, null);
    assert.deepEqual(await repo.getMessage(tenant, created.key), sent);
  });

  it('lets only one of two senders take a message (ETag)', async () => {
    const created = await repo.createMessage(tenant, draft(), { now });
    const results = await Promise.allSettled([
      repo.moveMessage(tenant, created, 'sending', { now }),
      repo.moveMessage(tenant, created, 'sending', { now }),
    ]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.ok(rejected?.reason instanceof ConflictError);
  });

  it('records a refused attempt back in pending with when to try again, and the reason', async () => {
    const created = await repo.createMessage(tenant, draft(), { now });
    const sending = await repo.moveMessage(tenant, created, 'sending', { now });
    const retry = new Date('2026-03-17T08:00:07Z');
    const pending = await repo.moveMessage(tenant, sending, 'pending', {
      now,
      reason: 'Too many requests',
      code: '429 Throttled',
      nextAttemptAt: retry,
    });
    assert.equal(pending.state, 'pending');
    assert.equal(pending.nextAttemptAt, retry.toISOString());
    assert.equal(pending.code, '429 Throttled');
    assert.equal(pending.attempts, 1);
  });

  it('writes why a pending row waits, and until when, without counting an attempt (pending -> pending)', async () => {
    const created = await repo.createMessage(tenant, draft(), { now });
    const retry = new Date(now.getTime() + 120_000);
    const waiting = await repo.moveMessage(tenant, created, 'pending', {
      now,
      reason: 'Microsoft Graph bad boten vänta (429).',
      code: 'GraphThrottled',
      nextAttemptAt: retry,
    });
    assert.equal(waiting.attempts, 0);
    const stored = await repo.getMessage(tenant, created.key);
    assert.equal(stored.state, 'pending');
    assert.equal(stored.code, 'GraphThrottled');
    assert.equal(stored.nextAttemptAt, retry.toISOString());
    // The ETag it was read with is spent: of two writers, one wins.
    await assert.rejects(repo.moveMessage(tenant, created, 'pending', { now }), ConflictError);
  });

  it('refuses moves the state machine does not have, and never moves a final state', async () => {
    const created = await repo.createMessage(tenant, draft(), { now });
    await assert.rejects(repo.moveMessage(tenant, created, 'sent', { now }), StorageError);
    const cancelled = await repo.moveMessage(tenant, created, 'cancelled', {
      now,
      reason: 'Åtgärden är klar.',
    });
    for (const to of ['pending', 'sending', 'sent', 'deadLetter', 'check'] as const) {
      await assert.rejects(repo.moveMessage(tenant, cancelled, to, { now }), StorageError);
    }
    assert.deepEqual(OUTBOX_TRANSITIONS.sent, []);
    assert.deepEqual(OUTBOX_TRANSITIONS.deadLetter, []);
  });

  it('lists by state and by time of change', async () => {
    const a = await repo.createMessage(tenant, draft({ subject: 'A-1', ref: 1 }), { now });
    const b = await repo.createMessage(tenant, draft({ subject: 'A-2', ref: 2 }), { now });
    await repo.createMessage(tenant, draft({ subject: 'A-3', ref: 3 }), { now });
    const sending = await repo.moveMessage(tenant, a, 'sending', { now });
    await repo.moveMessage(tenant, sending, 'deadLetter', { now: later, reason: 'Blockerad', code: '403' });
    await repo.moveMessage(tenant, b, 'deadLetter', { now, reason: 'Okänd', code: 'UnknownUser' });
    const dead = await repo.listMessages(tenant, { states: ['deadLetter'] });
    assert.deepEqual(dead.map((m) => m.subject).sort(), ['A-1', 'A-2']);
    const recent = await repo.listMessages(tenant, { states: ['deadLetter'], updatedSince: later });
    assert.deepEqual(
      recent.map((m) => m.subject),
      ['A-1'],
    );
    assert.equal((await repo.listMessages(tenant, { states: ['pending'] })).length, 1);
    assert.equal((await repo.listMessages(tenant)).length, 3);
    assert.deepEqual(await repo.listMessages(tenant, { states: [] }), []);
    assert.deepEqual(await repo.listMessages(newTenantId()), []);
  });

  it('clips a long reason and answers 404 for an unknown key', async () => {
    const created = await repo.createMessage(tenant, draft(), { now });
    const dead = await repo.moveMessage(tenant, created, 'deadLetter', { now, reason: 'x'.repeat(5_000) });
    assert.equal(dead.reason?.length, 1_000);
    await assert.rejects(repo.getMessage(tenant, 'reminder|A-99|due|2026-01-01|x'), NotFoundError);
  });
});
