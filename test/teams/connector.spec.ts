import assert from 'node:assert/strict';
import { tokenSourceFor, type TeamsAuthConfig } from '../../src/teams/adapter';
import { BotConnector, classifyStatus, parseRetryAfter } from '../../src/teams/connector';
import { serviceUrlProblem } from '../../src/teams/serviceUrl';
import { freePort } from '../../src/storage';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector';

describe('Bot Connector client', () => {
  it('classifies statuses as Teams documents them', () => {
    const table: Array<[number, string]> = [
      [429, 'retry'],
      [412, 'retry'],
      [502, 'retry'],
      [503, 'retry'],
      [504, 'retry'],
      [401, 'retry'],
      [500, 'unknown'],
      [403, 'final'],
      [404, 'final'],
      [413, 'final'],
      [400, 'final'],
    ];
    for (const [status, kind] of table) assert.equal(classifyStatus(status), kind, String(status));
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.parse('2026-03-17T08:00:00Z');
    assert.equal(parseRetryAfter('7', now), 7_000);
    assert.equal(parseRetryAfter('0.5', now), 500);
    assert.equal(parseRetryAfter('Tue, 17 Mar 2026 08:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter(null, now), null);
    assert.equal(parseRetryAfter('soon', now), null);
  });

  it("gets the bot's token from its credentials, for the Bot Connector audience; none in local mode", async () => {
    const calls: unknown[][] = [];
    const factory = {
      createCredentials: async (...args: unknown[]) => {
        calls.push(args);
        return { getToken: async () => 'token-1' };
      },
    };
    const config: TeamsAuthConfig = {
      microsoftAppId: 'app-id',
      microsoftAppPassword: 'secret',
      microsoftAppTenantId: null,
      microsoftAppType: 'MultiTenant',
      botFrameworkAuth: {},
    };
    const tokens = tokenSourceFor(config, factory);
    assert.equal(await tokens.getToken('https://smba.trafficmanager.net/emea/'), 'token-1');
    assert.equal(await tokens.getToken('https://smba.trafficmanager.net/emea/'), 'token-1');
    assert.deepEqual(calls, [
      ['app-id', 'https://api.botframework.com', 'https://login.microsoftonline.com/botframework.com', true],
    ]);
    assert.equal(
      await tokenSourceFor({ ...config, microsoftAppId: null }, factory).getToken('http://127.0.0.1/'),
      null,
    );
  });

  describe('against the fake connector', () => {
    let connector: FakeConnector;
    let client: BotConnector;
    const tokens: string[] = [];

    before(async () => {
      connector = await startFakeConnector({ tenantId: 't1' });
      client = new BotConnector({
        tokens: {
          getToken: async (serviceUrl) => {
            tokens.push(serviceUrl);
            return 'test-token';
          },
        },
      });
    });
    after(() => connector.close());
    beforeEach(() => connector.clear());

    it('posts an activity once and answers its id, with the bearer token', async () => {
      const result = await client.sendActivity(connector.url, 'a:1 personal;x', {
        type: 'message',
        text: 'Hej',
      });
      assert.ok(result.ok);
      assert.equal(result.value.id, connector.sent[0]?.id);
      assert.equal(connector.sent[0]?.conversationId, 'a:1 personal;x');
      assert.equal(connector.requests[0]?.authorization, 'Bearer test-token');
    });

    it('replies to an activity: the reply path names it, and the reply answers with its own id', async () => {
      const result = await client.replyToActivity(connector.url, '19:abc;messageid=1', 'act-1', {
        type: 'message',
        text: 'Svar',
      });
      assert.ok(result.ok);
      const [reply] = connector.sent;
      assert.equal(reply?.kind, 'reply');
      assert.equal(reply?.targetId, 'act-1');
      assert.equal(reply?.conversationId, '19:abc;messageid=1');
      assert.equal(result.value.id, reply?.id);
    });

    it('cuts off a request the connector does not answer within its time limit, as an unknown outcome', async () => {
      connector.failNext(1, { status: 502, delayMs: 5_000 });
      const started = Date.now();
      const result = await client.replyToActivity(
        connector.url,
        'a:1',
        'act-1',
        { type: 'message' },
        { timeoutMs: 300 },
      );
      assert.ok(Date.now() - started < 3_000, `waited ${Date.now() - started} ms`);
      assert.ok(!result.ok);
      assert.deepEqual(
        [result.failure.kind, result.failure.status, result.failure.code],
        ['unknown', null, 'Timeout'],
      );
    });

    it('reports 429 with its Retry-After, and sends no second request itself', async () => {
      connector.failNext(1, { status: 429, retryAfter: 7 });
      const result = await client.sendActivity(connector.url, 'a:1', { type: 'message', text: 'Hej' });
      assert.ok(!result.ok);
      assert.deepEqual(
        {
          kind: result.failure.kind,
          status: result.failure.status,
          retryAfterMs: result.failure.retryAfterMs,
        },
        { kind: 'retry', status: 429, retryAfterMs: 7_000 },
      );
      assert.equal(connector.requests.length, 1);
    });

    it('reports a 500 after the connector accepted as unknown, without retrying it', async () => {
      connector.failNext(1, { status: 500, afterAccept: true });
      const result = await client.sendActivity(connector.url, 'a:1', { type: 'message', text: 'Hej' });
      assert.ok(!result.ok);
      assert.equal(result.failure.kind, 'unknown');
      assert.equal(connector.sent.length, 1);
      assert.equal(connector.requests.length, 1);
    });

    it("reports 403 and 404 as final, with Teams' error code", async () => {
      connector.failNext(1, { status: 403, code: 'ConversationBlockedByUser' });
      connector.failNext(1, { status: 404, code: 'ConversationNotFound' });
      const blocked = await client.sendActivity(connector.url, 'a:1', { type: 'message' });
      const gone = await client.sendActivity(connector.url, 'a:1', { type: 'message' });
      assert.ok(!blocked.ok && !gone.ok);
      assert.deepEqual([blocked.failure.kind, blocked.failure.code], ['final', 'ConversationBlockedByUser']);
      assert.deepEqual([gone.failure.kind, gone.failure.code], ['final', 'ConversationNotFound']);
    });

    it('creates a conversation and reads a member by Entra object id', async () => {
      connector.addMember({
        id: '29:anna',
        name: 'Anna',
        aadObjectId: 'aa000001-0000-4000-8000-000000000001',
        email: 'anna@kommun.se',
        userPrincipalName: 'anna@kommun.se',
      });
      const member = await client.getMember(
        connector.url,
        '19:general',
        'aa000001-0000-4000-8000-000000000001',
      );
      assert.ok(member.ok);
      assert.equal(member.value.id, '29:anna');
      const missing = await client.getMember(connector.url, '19:general', 'nobody');
      assert.ok(!missing.ok);
      assert.equal(missing.failure.status, 404);
      const created = await client.createConversation(connector.url, {
        isGroup: false,
        members: [{ id: '29:anna' }],
        tenantId: 't1',
      });
      assert.ok(created.ok);
      assert.match(created.value.id, /^a:created-/);
    });

    it('treats a refused connection as not sent, so it can be retried', async () => {
      const port = await freePort();
      const result = await client.sendActivity(`http://127.0.0.1:${port}/`, 'a:1', { type: 'message' });
      assert.ok(!result.ok);
      assert.equal(result.failure.kind, 'retry');
      assert.equal(result.failure.code, 'ECONNREFUSED');
    });
  });
});

describe('serviceUrl allow-list', () => {
  const teams = { localMode: false };
  const local = { localMode: true };
  const table: Array<[string, { localMode: boolean }, boolean]> = [
    ['https://smba.trafficmanager.net/emea/', teams, true],
    ['https://smba.trafficmanager.net/teams/', teams, true],
    ['https://emea.smba.trafficmanager.net/emea/', teams, true],
    ['http://smba.trafficmanager.net/emea/', teams, false],
    ['https://smba.trafficmanager.net.evil.example/', teams, false],
    ['https://evilsmba.trafficmanager.net/', teams, false],
    ['https://user:pw@smba.trafficmanager.net/', teams, false],
    ['https://evil.example/', teams, false],
    ['http://127.0.0.1:3978/', teams, false],
    ['not a url', teams, false],
    ['http://127.0.0.1:41234/', local, true],
    ['http://localhost:56150/_connector', local, true],
    ['https://evil.example/', local, false],
    ['https://smba.trafficmanager.net/emea/', local, false],
  ];
  for (const [url, policy, allowed] of table) {
    it(`${allowed ? 'allows' : 'refuses'} ${url} ${policy.localMode ? 'in local mode' : 'with credentials'}`, () => {
      assert.equal(serviceUrlProblem(url, policy) === null, allowed);
    });
  }
});
