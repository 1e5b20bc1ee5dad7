/**
 * Reliability item 21 and the concurrency check, through the HTTP endpoint: 50 date changes of one action sent
 * at once by its owner, and two people (the owner in chat, the committee's coordinator on a card) changing the same
 * action at the same moment, round after round. Every change either lands in the history or its sender is told
 * "someone changed this, here is the current card"; the history has no gaps; the final state equals the last event.
 */
import assert from 'node:assert/strict';
import { CARD_VERBS } from '../../../src/teams/cards';
import type { Action, HistoryEvent } from '../../../src/domain/types';
import type { TurnResult } from '../../helpers/botHarness';
import {
  button,
  cardAnswer,
  cardText,
  onlyReply,
  people,
  SOCIAL,
  startWorld,
  type InvokeAnswer,
  type Tenant,
  type World,
} from './world';

/** The answers that say a change was not saved and why: written at once by someone else, or from a stale card. */
const NOT_SAVED = /samtidigt|medan kortet var öppet/;

/** Whether an answer says the change was saved (`saved` matches) or not saved; fails on any other answer. */
function outcomeOf(answer: string, saved: RegExp, what: string): 'landed' | 'refused' {
  if (NOT_SAVED.test(answer)) return 'refused';
  if (saved.test(answer)) return 'landed';
  assert.fail(`${what} got neither a saved card nor a conflict: ${answer}`);
}

/**
 * The text of the cards of a turn's one reply, matched by replyToId: turns sent at once may interleave. A turn slowed
 * down by the others may also send teams-ai's typing indicator (its `run` starts the timer whatever the
 * `startTypingTimer` option says); that is no reply.
 */
function replyText(world: World, turn: TurnResult, what: string): string {
  const replies = world.bot.connector.sent.filter(
    (sent) => sent.activity.replyToId === turn.activity.id && sent.activity.type === 'message',
  );
  assert.equal(replies.length, 1, `${what} got ${replies.length} replies`);
  return (replies[0]?.activity.attachments ?? []).map((a) => cardText(a.content)).join(' ');
}

/** The history in a form to compare: what changed, who changed it, to what. */
function described(event: Pick<HistoryEvent, 'kind' | 'by' | 'to'>): string {
  return `${event.kind} by ${event.by} to ${event.to ?? '-'}`;
}

/**
 * Reads an action's history and asserts what every concurrent run must leave: events numbered 1..n without gaps, the
 * action's version n, and its status and date those of the last event of each kind (or as `before`, without one).
 */
async function assertWholeHistory(t: Tenant, before: Action): Promise<HistoryEvent[]> {
  const history = await t.history(before.ref);
  assert.deepEqual(
    history.map((event) => event.seq),
    Array.from({ length: history.length }, (_, i) => i + 1),
    'no gaps in the history',
  );
  const action = await t.action(before.ref);
  assert.equal(action.version, history.length);
  const statuses = history.filter((event) => event.kind === 'status');
  const moves = history.filter((event) => event.kind === 'deadline');
  assert.equal(action.status, statuses.at(-1)?.to ?? before.status, 'the status of the last status event');
  assert.equal(
    action.deadline.date,
    moves.at(-1)?.to ?? before.deadline.date,
    'the date of the last date event',
  );
  assert.equal(action.deadlineChanges, before.deadlineChanges + moves.length);
  return history;
}

/** A world of one tenant for the enclosing describe: started before its tests, stopped after them. */
function worldOfSuite(): () => World {
  let world: World | undefined;
  before(async () => {
    world = await startWorld({ tenants: 1 });
  });
  after(async () => {
    await world?.close();
  });
  return () => {
    assert.ok(world, 'the world is started in before()');
    return world;
  };
}

describe('e2e: 50 concurrent updates of one action', () => {
  const world = worldOfSuite();

  it('loses no update and leaves a history without gaps', async function () {
    this.timeout(120_000);
    const t: Tenant = await world().tenant();
    const before = await t.action(1);
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
    turns.forEach((turn, i) => {
      const date = dates[i] ?? '';
      const text = replyText(world(), turn, `request ${i}`);
      if (outcomeOf(text, new RegExp(date), `request ${i}`) === 'landed') landed.push(date);
    });
    assert.ok(landed.length >= 1);

    const history = await assertWholeHistory(t, before);
    const moves = history.filter((event) => event.kind === 'deadline');
    assert.equal(moves.length, landed.length, 'every landed update is in the history, and only those');
    assert.deepEqual([...landed].sort(), moves.map((event) => event.to ?? '').sort());
  });
});

describe('e2e: two people updating one action at once', () => {
  const world = worldOfSuite();

  it('the owner in chat and the coordinator on a card, round after round: each change lands or its sender is told', async function () {
    this.timeout(120_000);
    const t: Tenant = await world().tenant();
    const anna = people.anna;
    const dora = people.dora;
    // A-2 is Anna's, in Sociala omsorgsnämnden: as its coordinator Dora may change it too (src/bot/identity.ts).
    const granted = await t.cli('role', 'add', dora.email, 'coordinator', '--committee', SOCIAL);
    assert.equal(granted.code, 0, granted.err);
    const before = await t.action(2);

    // What the history must show after the import's event, in the order each round's changes landed.
    const expected: string[] = [];
    const outcomes: string[] = [];
    for (let round = 1; round <= 8; round += 1) {
      // Anna's report closes the action; she reopens it between rounds so that every report is a real change.
      if ((await t.action(2)).status === 'Genomförd') {
        const reopened = onlyReply(await t.send(`A-2 pågår öppnas igen efter runda ${round - 1}`));
        assert.match(cardText(reopened.cards[0]), /Sparat: A-2 har nu status Pågår/);
        expected.push(described({ kind: 'status', by: anna.aadObjectId, to: 'Pågår' }));
      }
      // Dora's card, as Teams shows it before she presses: it carries the version it was rendered with.
      const [shown] = onlyReply(await t.send('visa A-2', { from: dora })).cards;
      const save = button(shown ?? {}, CARD_VERBS.setDate);
      const date = `2026-08-${String(round).padStart(2, '0')}`;

      const [chat, press]: [TurnResult, InvokeAnswer] = await Promise.all([
        t.send(`A-2 klar runda ${round}`),
        t.invoke(
          CARD_VERBS.setDate,
          { ...save.data, newDate: date, reason: `runda ${round}` },
          { from: dora },
        ),
      ]);
      const byChat = outcomeOf(
        replyText(world(), chat, `Anna's report in round ${round}`),
        /Sparat: A-2 har nu status Genomförd/,
        `Anna's report in round ${round}`,
      );
      const byCard = outcomeOf(
        cardText(cardAnswer(press)),
        new RegExp(`Sparat: A-2 har nytt slutdatum ${date}`),
        `Dora's card in round ${round}`,
      );
      outcomes.push(`round ${round}: chat ${byChat}, card ${byCard}`);
      const landed = [
        ...(byChat === 'landed'
          ? [described({ kind: 'status', by: anna.aadObjectId, to: 'Genomförd' })]
          : []),
        ...(byCard === 'landed' ? [described({ kind: 'deadline', by: dora.aadObjectId, to: date })] : []),
      ];
      assert.ok(landed.length >= 1, `round ${round}: one of two changes at once must land`);
      // Both land only when one read the other's write; which came first is the history's to say.
      const history = await t.history(2);
      const thisRound = history.slice(1 + expected.length).map(described);
      assert.deepEqual([...thisRound].sort(), [...landed].sort(), outcomes.join('; '));
      expected.push(...thisRound);
    }

    const history = await assertWholeHistory(t, before);
    assert.deepEqual(history.slice(1).map(described), expected, 'no event changed or came after its round');
  });
});
