import assert from 'node:assert/strict';
import { Application } from '@microsoft/teams-ai';
import { MemoryStorage, TeamsInfo, TurnContext, type Activity } from 'botbuilder';
import { PLACEHOLDER_REPLY } from '../../src/teams/placeholderBot';
import { channelConversationId, messageActivity, users } from './activities';
import { startBotHarness, type BotHarness } from './botHarness';
import { startFakeConnector, type FakeConnector } from './fakeConnector';
import { newTenantId } from './ids';

/** A conversation id with every character that needs encoding in a path: ':' '@' ';' '='. */
const THREAD_ID = '19:audit-thread@thread.tacv2;messageid=1700000000000';

/** Sends an activity to the connector the way botbuilder's ConnectorClient does, without a bot in between. */
async function postActivity(
  connector: FakeConnector,
  conversationId: string,
  tenantId = 'tenant-a',
): Promise<Response> {
  return fetch(`${connector.url}v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ type: 'message', text: 'hej', conversation: { id: conversationId, tenantId } }),
  });
}

describe('test harness (fake Bot Connector + the real server with its placeholder bot)', function () {
  // The first test may start the shared Azurite.
  this.timeout(60_000);

  let bot: BotHarness;

  before(async () => {
    bot = await startBotHarness();
  });

  after(async () => {
    await bot?.close();
  });

  beforeEach(() => {
    bot.connector.clear();
  });

  it('records exactly one reply per message, to the right conversation, before the POST is answered', async () => {
    const activity = messageActivity({ text: 'hej', serviceUrl: bot.connector.url, from: users.bo });
    const result = await bot.post(activity);
    assert.equal(result.status, 200);

    // No waiting: the adapter answers the POST only after the turn's awaited sends reached the connector.
    const messages = bot.connector.sent.filter((recorded) => recorded.activity.type === 'message');
    assert.equal(messages.length, 1, `arrived: ${JSON.stringify(bot.connector.sent)}`);
    const [reply] = messages;
    assert.ok(reply);
    assert.equal(reply.kind, 'reply');
    assert.equal(reply.conversationId, activity.conversation.id);
    assert.equal(reply.targetId, activity.id);
    assert.equal(reply.activity.replyToId, activity.id);
    assert.equal(reply.activity.text, PLACEHOLDER_REPLY);
    assert.equal(reply.activity.conversation?.id, activity.conversation.id);
    assert.deepEqual((reply.activity['recipient'] as { id?: string }).id, users.bo.id);
    assert.match(reply.id, /^\d+$/, 'Teams-like numeric activity id');
    assert.equal(bot.connector.requests.length, 1, 'one request, no retries');
  });

  it('send() returns the turn’s replies, and decodes conversation ids with : @ ; = in the path', async () => {
    const turn = await bot.send('digest här', { channel: { messageId: '1700000000000' } });
    assert.equal(turn.status, 200);
    assert.deepEqual(turn.texts, [PLACEHOLDER_REPLY]);
    assert.equal(turn.replies.length, 1);
    assert.equal(turn.replies[0]?.conversationId, channelConversationId({ messageId: '1700000000000' }));
    assert.deepEqual(turn.elsewhere, []);
    assert.match(bot.connector.requests[0]?.path ?? '', /%3Bmessageid%3D1700000000000\/activities\//);
  });

  it('waitForActivities rejects on timeout with a message listing what arrived', async () => {
    await bot.send('hej');
    await assert.rejects(
      bot.connector.waitForActivities((recorded) => recorded.activity.type === 'invoke', 1, 50),
      (error: Error) => {
        assert.match(error.message, /Expected 1 matching activities .* within 50 ms, 0 matched/);
        assert.match(error.message, /reply .* message "Revisionsuppföljning är igång/);
        return true;
      },
    );
    const [reply] = await bot.connector.waitForActivities((recorded) => recorded.activity.type === 'message');
    assert.equal(reply?.activity.text, PLACEHOLDER_REPLY);
  });

  describe('member API, called through botbuilder (TeamsInfo over the adapter’s ConnectorClient)', () => {
    const reference = () =>
      TurnContext.getConversationReference(
        messageActivity({
          text: '',
          serviceUrl: bot.connector.url,
          conversation: { id: THREAD_ID },
        }) as unknown as Partial<Activity>,
      );

    it('returns a registered member with email and userPrincipalName, by Teams id or Entra id', async () => {
      bot.connector.addMember(users.anna);
      await bot.server.adapter.continueConversationAsync('', reference(), async (context) => {
        for (const userId of [users.anna.id, users.anna.aadObjectId]) {
          const member = await TeamsInfo.getMember(context, userId);
          assert.equal(member.id, users.anna.id);
          assert.equal(member.aadObjectId, users.anna.aadObjectId);
          assert.equal(member.email, users.anna.email);
          assert.equal(member.userPrincipalName, users.anna.userPrincipalName);
          assert.equal(member.name, users.anna.name);
        }
      });
      const lookups = bot.connector.requests.filter((request) => request.kind === 'getMember');
      assert.deepEqual(
        lookups.map((request) => [request.conversationId, request.status]),
        [
          [THREAD_ID, 200],
          [THREAD_ID, 200],
        ],
      );
    });

    it('answers 404 MemberNotFoundInConversation for unknown members and members of other conversations', async () => {
      bot.connector.addMember({ ...users.chair, conversationIds: ['a:some-other-chat'] });
      await bot.server.adapter.continueConversationAsync('', reference(), async (context) => {
        for (const userId of [users.bo.id, users.chair.id]) {
          await assert.rejects(TeamsInfo.getMember(context, userId), (error: unknown) => {
            const { statusCode, code } = error as { statusCode?: number; code?: string };
            assert.equal(statusCode, 404);
            assert.equal(code, 'MemberNotFoundInConversation');
            return true;
          });
        }
      });
    });

    it('pages members with a continuation token', async () => {
      for (const member of [users.anna, users.bo, users.admin]) bot.connector.addMember(member);
      await bot.server.adapter.continueConversationAsync('', reference(), async (context) => {
        const first = await TeamsInfo.getPagedMembers(context, 2);
        assert.deepEqual(
          first.members.map((member) => member.email),
          [users.anna.email, users.bo.email],
        );
        assert.ok(first.continuationToken);
        const second = await TeamsInfo.getPagedMembers(context, 2, first.continuationToken);
        assert.deepEqual(
          second.members.map((member) => member.email),
          [users.admin.email],
        );
        assert.equal(second.continuationToken, undefined);
      });
    });
  });

  describe('fault injection', () => {
    it('failNext(1, 429, retryAfter 7) answers the next send with 429 and Retry-After: 7, then accepts again', async () => {
      bot.connector.failNext(1, { status: 429, retryAfter: 7 });
      const refused = await postActivity(bot.connector, THREAD_ID);
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '7');
      assert.deepEqual(await refused.json(), {
        error: { code: 'Throttled', message: 'Fake connector: Throttled' },
      });
      assert.equal(bot.connector.sent.length, 0, 'a refused send is not delivered');

      const accepted = await postActivity(bot.connector, THREAD_ID);
      assert.equal(accepted.status, 201);
      const { id } = (await accepted.json()) as { id: string };
      assert.equal(bot.connector.sent[0]?.id, id);
      assert.deepEqual(bot.connector.stats, { accepted: 1, rejected: 1, throttled: 0 });
    });

    it('afterAccept records the activity as delivered and still answers 500', async () => {
      bot.connector.failNext(1, { status: 500, afterAccept: true });
      const response = await postActivity(bot.connector, THREAD_ID);
      assert.equal(response.status, 500);
      assert.equal(bot.connector.sent.length, 1);
      assert.equal(bot.connector.sent[0]?.status, 500);
      assert.equal(bot.connector.sent[0]?.conversationId, THREAD_ID);
    });

    it('onSend can refuse writes to one conversation with a final error code', async () => {
      const connector = await startFakeConnector({
        onSend: (write) =>
          write.conversationId === 'a:blocked'
            ? { status: 403, code: 'ConversationBlockedByUser' }
            : undefined,
      });
      try {
        const blocked = await postActivity(connector, 'a:blocked');
        assert.equal(blocked.status, 403);
        assert.equal(
          ((await blocked.json()) as { error: { code: string } }).error.code,
          'ConversationBlockedByUser',
        );
        assert.equal((await postActivity(connector, 'a:open')).status, 201);
        assert.deepEqual(
          connector.sent.map((recorded) => recorded.conversationId),
          ['a:open'],
        );
      } finally {
        await connector.close();
      }
    });
  });

  describe('Teams rate limits (enforceTeamsLimits, injected clock)', () => {
    let clock = 0;
    let connector: FakeConnector;

    beforeEach(async () => {
      clock = 1_000_000;
      connector = await startFakeConnector({ enforceTeamsLimits: true, now: () => clock });
    });

    afterEach(async () => {
      await connector.close();
    });

    it('answers 429 with Retry-After on the 8th send within one second to one conversation', async () => {
      for (let i = 1; i <= 7; i += 1) {
        assert.equal((await postActivity(connector, THREAD_ID)).status, 201, `send ${i}`);
      }
      const eighth = await postActivity(connector, THREAD_ID);
      assert.equal(eighth.status, 429);
      assert.equal(eighth.headers.get('retry-after'), '1');
      assert.equal(
        (await postActivity(connector, 'a:another-chat')).status,
        201,
        'other threads are not limited',
      );

      // One second later the 1 s window is free, but 8/2 s allows only one more.
      clock += 1_000;
      assert.equal((await postActivity(connector, THREAD_ID)).status, 201);
      const tenth = await postActivity(connector, THREAD_ID);
      assert.equal(tenth.status, 429);
      assert.equal(tenth.headers.get('retry-after'), '1');

      clock += 1_000;
      assert.equal((await postActivity(connector, THREAD_ID)).status, 201);
      assert.deepEqual(connector.stats, { accepted: 10, rejected: 2, throttled: 2 });
      assert.deepEqual(
        connector.requests.filter((request) => request.status === 429).map((request) => request.retryAfter),
        [1, 1],
      );
    });

    it('answers 429 on the 51st send within one second in one tenant, across conversations', async () => {
      const tenant = newTenantId();
      for (let i = 0; i < 50; i += 1) {
        assert.equal((await postActivity(connector, `a:chat-${i}`, tenant)).status, 201, `send ${i}`);
      }
      assert.equal((await postActivity(connector, 'a:chat-50', tenant)).status, 429);
      assert.equal((await postActivity(connector, 'a:chat-50', newTenantId())).status, 201, 'another tenant');
    });
  });

  it('invoke() returns the invoke response body, and throws with the status when the bot answers otherwise', async () => {
    await assert.rejects(bot.invoke('ingenSådanKnapp', {}), /The invoke "ingenSådanKnapp" got HTTP 501/);

    const cardBot = await startBotHarness({
      createBot: (adapter) => {
        const app = new Application({ adapter, storage: new MemoryStorage() });
        app.adaptiveCards.actionExecute<{ n: number }>(
          'ping',
          async (_context, _state, data) => `pong ${data.n}`,
        );
        return app;
      },
    });
    try {
      assert.deepEqual(await cardBot.invoke('ping', { n: 3 }), {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'pong 3',
      });
    } finally {
      await cardBot.close();
    }
  });

  it('answers malformed JSON with a 4xx and keeps answering afterwards', async () => {
    const malformed = await bot.postRaw('{', 'application/json');
    assert.ok(malformed.status >= 400 && malformed.status < 500, `status ${malformed.status}`);
    const turn = await bot.send('hej');
    assert.equal(turn.status, 200);
    assert.deepEqual(turn.texts, [PLACEHOLDER_REPLY]);
  });
});
