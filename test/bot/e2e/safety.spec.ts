/**
 * What the bot must survive (reliability.md items 4, 6-13, 18): tenants not allowed, redelivered activities,
 * markdown and `${...}` in user text, odd Unicode, huge messages and bodies that are no activity.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableClient } from '@azure/data-tables';
import { CARD_VERBS } from '../../../src/teams/cards';
import { ConversationRepository } from '../../../src/storage';
import { invokeActionExecute, messageActivity, users } from '../../helpers/activities';
import {
  ACTION_TEXTS,
  answerOf,
  cardAnswer,
  cardsOf,
  cardText,
  messageAnswer,
  onlyReply,
  people,
  useWorld,
  textsOf,
  type Card,
  type Tenant,
  type World,
} from './world';

/** An owner whose address has an apostrophe, which the `odata` filters must escape. */
const OBRIEN = {
  id: '29:1obrien-0b000008',
  name: "Siobhán O'Brien",
  aadObjectId: '0b000008-0000-4000-8000-000000000008',
  email: "siobhan.o'brien@kommun.se",
  userPrincipalName: "siobhan.o'brien@kommun.se",
  givenName: 'Siobhán',
  surname: "O'Brien",
};

describe('e2e: safety', function () {
  let world: World;
  let t: Tenant;

  useWorld({ started: (started) => (world = started), tenant: (tenant) => (t = tenant) });

  async function countRows(client: TableClient): Promise<number> {
    let count = 0;
    for await (const page of client.listEntities({ queryOptions: { select: ['PartitionKey'] } }).byPage()) {
      count += page.length;
    }
    return count;
  }

  /** Rows in every table of the app. */
  async function allRows(): Promise<Record<string, number>> {
    const entries = await Promise.all(
      Object.entries(world.tables).map(async ([name, client]) => [name, await countRows(client)] as const),
    );
    return Object.fromEntries(entries);
  }

  describe('tenants', () => {
    it('a tenant not in ALLOWED_TENANT_IDS is refused: no handler runs, nothing is stored', async () => {
      const before = await allRows();
      const requests = world.bot.connector.requests.length;
      const turn = await world.bot.send('A-2 klar', { tenantId: 'bad00000-0000-4000-8000-00000000bad0' });
      assert.equal(turn.status, 200);
      assert.deepEqual(turn.texts, ['Den här boten är inte öppen för din organisation.']);
      assert.deepEqual(await allRows(), before);
      assert.deepEqual(
        world.bot.connector.requests.slice(requests).map((r) => r.kind),
        ['reply'],
        'no member lookup, only the refusal',
      );
    });

    it('a card press from a tenant not allowed is refused and changes nothing', async () => {
      const before = await allRows();
      const result = await world.bot.post(
        invokeActionExecute({
          verb: CARD_VERBS.setStatus,
          data: { ref: 'A-2', version: 1, status: 'Genomförd' },
          serviceUrl: world.bot.connector.url,
          tenantId: 'bad00000-0000-4000-8000-00000000bad0',
        }),
      );
      assert.equal(result.status, 403);
      assert.deepEqual(await allRows(), before);
    });

    it('an activity with no tenant at all is refused and nothing is stored', async () => {
      const before = await allRows();
      const activity = messageActivity({
        text: 'mina åtgärder',
        serviceUrl: world.bot.connector.url,
        tenantId: t.id,
      });
      delete activity.conversation.tenantId;
      delete activity.channelData;
      const result = await world.bot.post(activity);
      assert.equal(result.status, 200);
      const replies = world.bot.connector.sent.filter((r) => r.activity.replyToId === activity.id);
      assert.deepEqual(
        replies.map((r) => r.activity.text),
        ['Den här boten är inte öppen för din organisation.'],
      );
      assert.deepEqual(await allRows(), before);
    });

    it('an allowed tenant id in upper case is the same tenant', async () => {
      const turn = await world.bot.send('mina åtgärder', { tenantId: t.id.toUpperCase() });
      assert.equal(cardsOf(turn).length, 1);
    });
  });

  describe('redelivery (the same activity id twice)', () => {
    it('a message is processed once: one reply, one history event', async () => {
      const activity = messageActivity({
        text: 'A-2 klar',
        serviceUrl: world.bot.connector.url,
        tenantId: t.id,
      });
      const mark = world.bot.connector.lastSeq;
      assert.equal((await world.bot.post(activity)).status, 200);
      assert.equal((await world.bot.post(activity)).status, 200);
      const replies = world.bot.connector.sent.filter((r) => r.seq > mark && r.activity.type === 'message');
      assert.equal(replies.length, 1);
      assert.equal((await t.history(2)).length, 2);
    });

    it('ids with / \\ # ? and control characters (not allowed in Table keys): answered, remembered, processed once', async () => {
      // Control characters only in the activity id: botbuilder puts the conversation id in an HTTP header, where
      // they cannot go (and Teams' conversation ids have none).
      const conversationId = "a:1/2\\3#4?5'6";
      const activity = messageActivity({
        text: 'A-2 klar',
        serviceUrl: world.bot.connector.url,
        tenantId: t.id,
        id: `1/2\\3#4?5\u00016\u007f7`,
        conversation: { id: conversationId },
      });
      const mark = world.bot.connector.lastSeq;
      assert.equal((await world.bot.post(activity)).status, 200);
      assert.equal((await world.bot.post(activity)).status, 200);
      const replies = world.bot.connector.sent.filter((r) => r.seq > mark && r.activity.type === 'message');
      assert.equal(replies.length, 1, 'answered once');
      assert.equal(replies[0]?.conversationId, conversationId);
      assert.equal((await t.history(2)).length, 2);
      const conversations = new ConversationRepository(world.tables.conversations);
      const stored = await conversations.getConversation(t.id, conversationId);
      assert.equal(stored.reference.conversation?.id, conversationId);
    });

    it('a card press is processed once', async () => {
      const activity = invokeActionExecute({
        verb: CARD_VERBS.setStatus,
        data: { ref: 'A-2', version: 1, status: 'Pågår' },
        serviceUrl: world.bot.connector.url,
        tenantId: t.id,
      });
      assert.match(cardText(cardAnswer(answerOf((await world.bot.post(activity)).body))), /Sparat/);
      const again = await world.bot.post(activity);
      assert.equal(again.status, 200);
      // Teams shows this in place of the card: a message, not an empty answer it cannot read.
      assert.match(messageAnswer(answerOf(again.body)), /redan/);
      assert.equal((await t.history(2)).length, 2);
      assert.equal((await t.action(2)).version, 2);
    });

    it('the same id in another conversation is another activity', async () => {
      const first = messageActivity({
        text: 'A-1 pågår',
        serviceUrl: world.bot.connector.url,
        tenantId: t.id,
      });
      const second = messageActivity({
        text: 'A-3 pågår',
        id: first.id,
        from: users.bo,
        serviceUrl: world.bot.connector.url,
        tenantId: t.id,
      });
      await world.bot.post(first);
      await world.bot.post(second);
      assert.equal((await t.action(1)).status, 'Pågår');
      assert.equal((await t.action(3)).status, 'Pågår');
    });
  });

  describe('user text on cards and in replies', () => {
    const HOSTILE = '[Godkänt](https://evil.example/x) **fet** ${owner} ${json(labels)} # rubrik';

    /** Every TextBlock or fact that shows part of the hostile text: it must be escaped and show `${...}` as typed. */
    function assertShownAsText(card: Card | undefined, what: string): void {
      const shown = textsOf(card).filter((text) => text.includes('Godkänt'));
      assert.ok(shown.length > 0, `${what}: the text is not on the card`);
      for (const text of shown) {
        assert.ok(
          text.includes('\\[Godkänt\\](https://evil.example/x)'),
          `${what}: link not escaped in ${text}`,
        );
        assert.ok(!/(?<!\\)\[Godkänt(?<!\\)\]\(/.test(text), `${what}: a live link in ${text}`);
        assert.ok(text.includes('\\*\\*fet\\*\\*'), `${what}: bold not escaped in ${text}`);
        assert.ok(text.includes('${owner} ${json(labels)}'), `${what}: \${} was evaluated in ${text}`);
      }
      assert.ok(!JSON.stringify(card).includes('"[Godkänt]'), `${what}: raw markdown somewhere`);
    }

    it('a comment typed in chat is stored as typed and shown escaped, ${} literal', async () => {
      const { cards } = onlyReply(await t.send(`A-2 klar ${HOSTILE}`));
      assertShownAsText(cards[0], 'action card');
      assert.equal((await t.action(2)).lastComment, HOSTILE);
      const shown = onlyReply(await t.send('visa A-2'));
      assertShownAsText(shown.cards[1], 'history card');
    });

    it('a comment typed on a card is shown escaped', async () => {
      const card = cardAnswer(
        await t.invoke(CARD_VERBS.setStatus, { ref: 'A-2', version: 1, status: 'Pågår', comment: HOSTILE }),
      );
      assertShownAsText(card, 'answer card');
    });

    it('an imported action text is shown escaped on every card that shows it', async () => {
      assert.ok(ACTION_TEXTS[5].includes('${owner}'));
      const list = onlyReply(await t.send('mina åtgärder')).cards[0];
      const item = textsOf(list).find((text) => text.startsWith('A-5: '));
      assert.equal(
        item,
        'A-5: Publicera \\[Godkänt\\](https://evil.example/x) och \\*\\*fet\\*\\* text ${owner} ${json(labels)}',
      );
      const [action, history] = onlyReply(await t.send('visa A-5')).cards;
      for (const [card, what] of [
        [action, 'action card'],
        [history, 'history card'],
      ] as const) {
        const shown = textsOf(card).find((text) => text.includes('Publicera'));
        assert.ok(shown?.includes('\\[Godkänt\\](https://evil.example/x)'), `${what}: ${shown}`);
        assert.ok(shown?.includes('${owner} ${json(labels)}'), `${what}: ${shown}`);
      }
      const [confirm] = onlyReply(await t.send('publicera är klar')).cards;
      const question = textsOf(confirm).find((text) => text.includes('Publicera'));
      assert.ok(question?.includes('\\[Godkänt\\]'), `confirm card: ${question}`);
      assert.ok(question?.includes('${owner}'), `confirm card: ${question}`);
    });

    it('a committee name in a role command is escaped in the reply', async () => {
      const { text } = onlyReply(
        await t.send('roll lägg till dora.dahl@kommun.se samordnare [Godkänt](https://evil.example/x)', {
          from: users.admin,
        }),
      );
      assert.match(text, /\\\[Godkänt\\\]\(https:\/\/evil\.example\/x\)/);
      assert.doesNotMatch(text, /(?<!\\)\[Godkänt(?<!\\)\]\(/);
    });

    it('what the user typed, quoted back in an error, is escaped', async () => {
      const { text } = onlyReply(await t.send('A-2 nytt datum [idag](https://evil.example/x)'));
      assert.doesNotMatch(text, /(?<!\\)\[idag(?<!\\)\]\(/);
      assert.equal((await t.action(2)).version, 1);
    });
  });

  describe('quotes that reach a Table filter (reliability item 14)', () => {
    it("an owner e-mail and a committee with ' work like any other", async () => {
      const dir = await mkdtemp(join(tmpdir(), 'e2e-quote-'));
      const file = join(dir, 'quote.json');
      const committee = "Barn- och ungdomsnämnden 'BUN'";
      await writeFile(
        file,
        JSON.stringify({
          audits: [
            {
              title: "Granskning av elevhälsan 'EH'",
              auditor: 'Stadsrevisionen',
              reportDate: '2024-02-01',
              committees: [committee],
              recommendations: [
                {
                  text: 'Följ upp elevhälsans arbete',
                  committees: [committee],
                  actions: [
                    { text: 'Uppföljningsplan tas fram', owner: OBRIEN.email, committee, due: '2025-12-31' },
                  ],
                },
              ],
            },
          ],
        }),
      );
      const run = await t.cli('import', file);
      assert.equal(run.code, 0, run.err);
      t.addMember(OBRIEN);

      const [mine] = onlyReply(await t.send('mina åtgärder', { from: OBRIEN })).cards;
      assert.deepEqual(
        textsOf(mine).filter((text) => text.startsWith('A-')),
        ['A-6: Uppföljningsplan tas fram'],
      );
      onlyReply(
        await t.send(`roll lägg till ${people.dora.email} samordnare ${committee}`, { from: users.admin }),
      );
      const [overdue] = onlyReply(await t.send('försenade', { from: people.dora })).cards;
      assert.ok(textsOf(overdue).includes('A-6: Uppföljningsplan tas fram'));
      onlyReply(await t.send('A-6 klar', { from: people.dora }));
      assert.equal((await t.action(6)).status, 'Genomförd');
    });
  });

  describe('Unicode', () => {
    it('decomposed å ä ö (NFD) mean the same as composed', async () => {
      const [list] = onlyReply(await t.send('mina a\u030atga\u0308rder')).cards;
      assert.ok(textsOf(list).some((text) => text.startsWith('A-1: ')));
      onlyReply(await t.send('A-2 pa\u030aga\u030ar'));
      assert.equal((await t.action(2)).status, 'Pågår');
    });

    it('zero-width characters, RTL overrides and emoji around a command do not change it', async () => {
      onlyReply(await t.send('✅ A\u200B-2 klar 👍'));
      assert.equal((await t.action(2)).status, 'Genomförd');
      const [list] = onlyReply(await t.send('\u202Emina åtgärder\u202C')).cards;
      assert.ok(textsOf(list).some((text) => text.startsWith('A-1: ')));
      onlyReply(await t.send('A-1 pågår 👩‍👩‍👧'));
      assert.equal((await t.action(1)).lastComment, null, 'emoji alone is no comment');
    });
  });

  describe('sizes and bodies', () => {
    it('a 100,000-character message gets a clear answer, quickly', async () => {
      const started = Date.now();
      const { text } = onlyReply(await t.send(`A-2 klar ${'x'.repeat(100_000)}`));
      assert.match(text, /för långt \(100009 tecken\)/);
      assert.ok(Date.now() - started < 5_000);
      assert.equal((await t.action(2)).version, 1);
    });

    for (const [name, body, contentType] of [
      ['an empty object', '{}', 'application/json'],
      ['a number as type', '{"type":5}', 'application/json'],
      ['an array', '[{"type":"message"}]', 'application/json'],
      ['malformed JSON', '{"type":"message",', 'application/json'],
      ['a string', '"message"', 'application/json'],
      ['null', 'null', 'application/json'],
      ['text that is no JSON', 'hej', 'text/plain'],
    ] as const) {
      it(`${name} as the body gets 400, and the server keeps answering`, async () => {
        const result = await world.bot.postRaw(body, contentType);
        assert.equal(result.status, 400, JSON.stringify(result.body));
        assert.match(onlyReply(await t.send('hjälp')).text, /mina åtgärder/);
      });
    }

    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      it(`a whole, valid activity sent as ${contentType} gets 400, and no turn runs`, async () => {
        const activity = messageActivity({
          text: 'A-2 klar',
          serviceUrl: world.bot.connector.url,
          tenantId: t.id,
        });
        const requests = world.bot.connector.requests.length;
        const result = await world.bot.postRaw(JSON.stringify(activity), contentType);
        assert.equal(result.status, 400, JSON.stringify(result.body));
        assert.equal(world.bot.connector.requests.length, requests, 'something reached the connector');
        assert.equal((await t.action(2)).version, 1);
        assert.match(onlyReply(await t.send('hjälp')).text, /mina åtgärder/);
      });
    }

    it('an activity without conversation, sender or serviceUrl gets 400, and no turn runs', async () => {
      const complete = messageActivity({
        text: 'A-2 klar',
        serviceUrl: world.bot.connector.url,
        tenantId: t.id,
      });
      const { conversation, from, serviceUrl, ...rest } = complete;
      const requests = world.bot.connector.requests.length;
      for (const body of [
        { ...rest, from, serviceUrl },
        { ...rest, conversation: {}, from, serviceUrl },
        { ...rest, conversation, serviceUrl },
        { ...rest, conversation, from },
      ]) {
        const result = await world.bot.post(body);
        assert.equal(result.status, 400, JSON.stringify(body));
      }
      assert.equal(world.bot.connector.requests.length, requests, 'nothing reached the connector');
      assert.equal((await t.action(2)).version, 1);
      assert.match(onlyReply(await t.send('hjälp')).text, /mina åtgärder/);
    });

    it('a 5 MB body gets 413, and the server keeps answering', async () => {
      const huge = JSON.stringify({ type: 'message', text: 'x'.repeat(5 * 1024 * 1024) });
      const result = await world.bot.postRaw(huge, 'application/json');
      assert.equal(result.status, 413);
      assert.match(onlyReply(await t.send('hjälp')).text, /mina åtgärder/);
    });
  });
});
