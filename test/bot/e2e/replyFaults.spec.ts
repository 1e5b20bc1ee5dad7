/**
 * Reliability items 24-27 for the replies a turn sends (src/teams/replies.ts): the user writes `A-1 klar`, the
 * bot saves the status, and the fake connector answers the reply with a fault. Whatever the fault, the saved status
 * is the truth: it stays saved, the turn ends with HTTP 200 well before Teams' 15 s, and the user is never told
 * that something went wrong. A fault Teams means for now (429, 412, 502, 503, 504) ends in exactly one reply; a
 * final one (403, 404, 413) in none, without a second send; a 500 after the connector accepted the send in at most
 * one resend.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { messages } from '../../../src/bot/messages';
import { REPLY_ATTEMPTS } from '../../../src/teams/sendPolicy';
import { ConversationRepository } from '../../../src/storage';
import type { TurnResult } from '../../helpers/botHarness';
import type { Fault, RecordedRequest } from '../../helpers/fakeConnector';
import { cardText, startWorld, type Tenant, type World } from './world';

/** How long Teams waits for a turn before it sends the activity again. */
const TEAMS_TURN_LIMIT_MS = 15_000;

/** What the card of a saved `A-1 klar` says. */
const SAVED = /Sparat: A-1 har nu status Genomförd/;

const sv = messages('sv');

/** A turn under a fault: what the HTTP call answered and how long it took. */
interface FaultedTurn {
  turn: TurnResult;
  ms: number;
}

describe('e2e: connector faults on a reply within a turn (reliability 24-27)', function () {
  this.timeout(60_000);
  let world: World;
  let conversations: ConversationRepository;
  let t: Tenant;

  before(async () => {
    world = await startWorld({ tenants: 20 });
    conversations = new ConversationRepository(world.tables.conversations);
  });

  after(() => world?.close());

  beforeEach(async () => {
    t = await world.tenant();
    world.bot.connector.clear();
  });

  /** Sends `A-1 klar` with the next `count` replies answered by `fault`. */
  async function markDoneUnder(fault: Fault, count = 1): Promise<FaultedTurn> {
    world.bot.connector.failNext(count, fault, { kinds: ['reply', 'send'] });
    const started = performance.now();
    const turn = await t.send('A-1 klar');
    return { turn, ms: performance.now() - started };
  }

  /** The statuses the connector answered the turn's sends with, in order. */
  function sendStatuses(turn: TurnResult): number[] {
    return sendsOf(turn).map((request) => request.status);
  }

  function sendsOf(turn: TurnResult): RecordedRequest[] {
    return world.bot.connector.requests.filter(
      (request) =>
        (request.kind === 'reply' || request.kind === 'send') &&
        request.conversationId === turn.activity.conversation.id,
    );
  }

  /** What must hold whatever the fault: HTTP 200 in time, the status saved once, no word of failure to the user. */
  async function assertSavedAndInTime({ turn, ms }: FaultedTurn): Promise<void> {
    assert.equal(turn.status, 200, `HTTP ${turn.status}: ${JSON.stringify(turn.body)}`);
    assert.ok(ms < TEAMS_TURN_LIMIT_MS, `the turn took ${Math.round(ms)} ms`);
    const action = await t.action(1);
    assert.equal(action.status, 'Genomförd');
    assert.equal(action.version, 2, 'saved exactly once');
    assert.equal((await t.history(1)).length, 2);
    for (const text of turn.texts) {
      assert.ok(![sv.unexpected(), sv.storageDown()].includes(text), `the user was told: ${text}`);
    }
  }

  /** The one confirmation the user got. */
  function assertOneConfirmation(turn: TurnResult): void {
    assert.equal(turn.messages.length, 1, `expected one reply, got: ${JSON.stringify(turn.texts)}`);
    assert.match(cardText(turn.messages[0]?.attachments?.[0]?.content), SAVED);
  }

  async function storedConversation(turn: TurnResult) {
    return conversations.getConversation(t.id, turn.activity.conversation.id);
  }

  describe('a connector that does not answer', () => {
    it('a reply left without an answer for 30 s is cut off: the turn still ends before Teams 15 s', async () => {
      const faulted = await markDoneUnder({ status: 502, delayMs: 30_000 }, REPLY_ATTEMPTS);
      await assertSavedAndInTime(faulted);
      // The connector held the reply (it records a request only once it answers): the turn waited, then went on.
      assert.ok(faulted.ms >= 5_000, `the turn took only ${Math.round(faulted.ms)} ms: was the reply held?`);
    });
  });

  describe('refused for now: sent again within the turn, one reply in the end', () => {
    it('429 with Retry-After: 1 waits at least the second the connector asks for', async () => {
      const faulted = await markDoneUnder({ status: 429, retryAfter: 1 });
      await assertSavedAndInTime(faulted);
      assertOneConfirmation(faulted.turn);
      const [refused, accepted] = sendsOf(faulted.turn);
      assert.deepEqual(sendStatuses(faulted.turn), [429, 201]);
      assert.ok(refused && accepted && accepted.at - refused.at >= 1_000, 'resent before Retry-After');
    });

    it('429 with Retry-After: 7 (item 24) is honoured, and the turn still ends under 15 s', async () => {
      const faulted = await markDoneUnder({ status: 429, retryAfter: 7 });
      await assertSavedAndInTime(faulted);
      assertOneConfirmation(faulted.turn);
      assert.deepEqual(sendStatuses(faulted.turn), [429, 201]);
      assert.ok(faulted.ms >= 7_000, `resent after ${Math.round(faulted.ms)} ms`);
    });

    it('429 without Retry-After is sent again after a short backoff', async () => {
      const faulted = await markDoneUnder({ status: 429 });
      await assertSavedAndInTime(faulted);
      assertOneConfirmation(faulted.turn);
      assert.deepEqual(sendStatuses(faulted.turn), [429, 201]);
    });

    for (const status of [412, 502, 503, 504]) {
      it(`${status} (item 25) is sent again: one reply, no duplicate`, async () => {
        const faulted = await markDoneUnder({ status });
        await assertSavedAndInTime(faulted);
        assertOneConfirmation(faulted.turn);
        assert.deepEqual(sendStatuses(faulted.turn), [status, 201]);
      });
    }
  });

  describe('refused beyond the turn: given up, nothing false said', () => {
    it('429 with a Retry-After longer than the turn has left is not waited for', async () => {
      const faulted = await markDoneUnder({ status: 429, retryAfter: 30 });
      await assertSavedAndInTime(faulted);
      assert.ok(faulted.ms < 3_000, `waited ${Math.round(faulted.ms)} ms`);
      assert.deepEqual(sendStatuses(faulted.turn), [429]);
      assert.equal(faulted.turn.messages.length, 0);
      assert.equal((await storedConversation(faulted.turn)).active, true, 'throttling is no reason to stop');
    });

    it(`502 on every attempt: ${REPLY_ATTEMPTS} sends, then the turn ends without an error message`, async () => {
      const faulted = await markDoneUnder({ status: 502 }, 10);
      await assertSavedAndInTime(faulted);
      assert.deepEqual(sendStatuses(faulted.turn), Array(REPLY_ATTEMPTS).fill(502));
      assert.equal(faulted.turn.messages.length, 0);
    });
  });

  describe('final (item 26): one attempt, no second send, the conversation marked inactive', () => {
    const finals: Array<[number, string]> = [
      [403, 'ConversationBlockedByUser'],
      [403, 'BotNotInConversationRoster'],
      [404, 'ConversationNotFound'],
    ];
    for (const [status, code] of finals) {
      it(`${status} ${code}`, async () => {
        const faulted = await markDoneUnder({ status, code });
        await assertSavedAndInTime(faulted);
        assert.deepEqual(sendStatuses(faulted.turn), [status]);
        assert.equal(faulted.turn.messages.length, 0);
        const stored = await storedConversation(faulted.turn);
        assert.equal(stored.active, false);
        assert.equal(stored.inactiveReason, `${status} ${code}`);
      });
    }

    it('the next message from the conversation marks it active again and is answered', async () => {
      const faulted = await markDoneUnder({ status: 403, code: 'BotNotInConversationRoster' });
      assert.equal((await storedConversation(faulted.turn)).active, false);
      const next = await t.send('visa A-1');
      assert.equal(next.messages.length, 1);
      assert.equal((await storedConversation(next)).active, true);
    });

    it('413 MessageSizeTooBig is not sent again, and the conversation stays active', async () => {
      const faulted = await markDoneUnder({ status: 413, code: 'MessageSizeTooBig' });
      await assertSavedAndInTime(faulted);
      assert.deepEqual(sendStatuses(faulted.turn), [413]);
      assert.equal(faulted.turn.messages.length, 0);
      assert.equal((await storedConversation(faulted.turn)).active, true);
    });
  });

  describe('500 after the connector accepted the send (item 27): one resend at the most', () => {
    it('once: the user sees the confirmation twice at the most, never an error', async () => {
      const faulted = await markDoneUnder({ status: 500, afterAccept: true });
      await assertSavedAndInTime(faulted);
      assert.deepEqual(sendStatuses(faulted.turn), [500, 201]);
      assert.equal(faulted.turn.messages.length, 2);
      for (const message of faulted.turn.messages) {
        assert.match(cardText(message.attachments?.[0]?.content), SAVED);
      }
    });

    it('every time: no third send', async () => {
      const faulted = await markDoneUnder({ status: 500, afterAccept: true }, 10);
      await assertSavedAndInTime(faulted);
      assert.deepEqual(sendStatuses(faulted.turn), [500, 500]);
      assert.equal((await storedConversation(faulted.turn)).active, true);
    });
  });
});
