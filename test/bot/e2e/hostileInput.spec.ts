/**
 * Two inputs the gate must answer properly, over HTTP against the fake connector: a sender whose `from.aadObjectId`
 * is no id at all (`../`, 10 KB long, a newline, a number), and a card press (`adaptiveCard/action`) whose value
 * names no `Action.Execute`. Each gets a clear answer in the user's language, stores nothing, and the log holds no
 * more of the hostile id than a clipped, escaped form.
 */
import assert from 'node:assert/strict';
import { odata, type TableClient } from '@azure/data-tables';
import pino from 'pino';
import { messages } from '../../../src/bot/messages';
import { createBotFactory } from '../../../src/server/botFactory';
import { loadConfig } from '../../../src/server/config';
import { openTables, type Tables } from '../../../src/storage';
import { invokeActionExecute, messageActivity, users, type IncomingActivity } from '../../helpers/activities';
import { testAzurite } from '../../helpers/azurite';
import { startBotHarness, type BotHarness, type PostResult } from '../../helpers/botHarness';
import type { SentActivity } from '../../helpers/fakeConnector';
import { newTenantId } from '../../helpers/ids';
import { answerOf } from './world';

const sv = messages('sv');
const en = messages('en');

/** Hostile values of `from.aadObjectId`, each of which once got "Något gick fel" or no answer at all. */
const FORGED_IDS: Array<[string, unknown]> = [
  ['a path (../)', '../'],
  ['10 KB long', 'a'.repeat(10_240)],
  ['with a newline', 'aa000001-0000-4000-8000-000000000001\nforged: true'],
  ['with a control character', 'aa000001\u0000'],
  ['a number', 12345],
  ['an object', { id: 'aa000001-0000-4000-8000-000000000001' }],
];

describe('e2e: a forged sender id and an unreadable card press', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let tables: Tables;
  const logLines: string[] = [];
  const tenantId = newTenantId();

  before(async () => {
    const azurite = await testAzurite();
    const env = { ALLOWED_TENANT_IDS: tenantId };
    const config = loadConfig({ TABLES_CONNECTION_STRING: azurite.connectionString, ...env });
    const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    const createBot = await createBotFactory(config, azurite.connectionString, log);
    bot = await startBotHarness({ env, createBot });
    tables = await openTables(azurite.connectionString);
  });

  after(() => bot?.close());

  beforeEach(() => {
    logLines.length = 0;
  });

  /** Rows of the tenant in a table. */
  async function rowsOf(client: TableClient): Promise<number> {
    let count = 0;
    for await (const page of client
      .listEntities({ queryOptions: { filter: odata`PartitionKey eq ${tenantId}` } })
      .byPage()) {
      count += page.length;
    }
    return count;
  }

  /** Rows of the tenant in the tables a turn writes to before any handler runs. */
  async function storedRows(): Promise<number[]> {
    return Promise.all([tables.users, tables.conversations, tables.activities].map(rowsOf));
  }

  /** Posts an activity and returns the HTTP answer and the messages the bot sent into its conversation. */
  async function post(activity: IncomingActivity): Promise<{ result: PostResult; sent: SentActivity[] }> {
    const mark = bot.connector.lastSeq;
    const result = await bot.post(activity);
    const sent = bot.connector.sent
      .filter((recorded) => recorded.seq > mark && recorded.conversationId === activity.conversation.id)
      .map((recorded) => recorded.activity)
      .filter((activity) => activity.type === 'message');
    return { result, sent };
  }

  /** A message from Anna with `from.aadObjectId` replaced by `aadObjectId`, as it arrives in JSON. */
  function messageFrom(aadObjectId: unknown, options: { locale?: string } = {}): IncomingActivity {
    const activity = messageActivity({
      text: 'mina åtgärder',
      serviceUrl: bot.connector.url,
      tenantId,
      ...options,
    });
    return { ...activity, from: { ...activity.from, aadObjectId: aadObjectId as string } };
  }

  describe('from.aadObjectId that is no id', () => {
    for (const [name, forged] of FORGED_IDS) {
      it(`${name}: the unknown-user answer, nothing stored, the id clipped in the log`, async () => {
        const before = await storedRows();
        const { result, sent } = await post(messageFrom(forged));
        assert.equal(result.status, 200);
        assert.deepEqual(
          sent.map((activity) => activity.text),
          [sv.unknownUser()],
        );
        assert.deepEqual(await storedRows(), before, 'something was stored for a forged id');
        const refused = logLines.filter((line) => line.includes('ogiltigt användar-id'));
        assert.equal(refused.length, 1, `log: ${logLines.join('')}`);
        for (const line of logLines) {
          assert.ok(line.length < 1_000, `a log line of ${line.length} characters`);
          assert.ok(!line.includes('a'.repeat(100)), 'the long id reached the log');
          assert.ok(!line.slice(0, -1).includes('\n'), 'a raw newline in a log line');
        }
        const logged = JSON.parse(refused[0] ?? '{}') as { aadObjectId?: unknown };
        assert.equal(typeof logged.aadObjectId, 'string');
        assert.ok((logged.aadObjectId as string).length <= 80, `logged: ${String(logged.aadObjectId)}`);
      });
    }

    it('answers in English to an English user', async () => {
      const { sent } = await post(messageFrom('../', { locale: 'en-US' }));
      assert.deepEqual(
        sent.map((activity) => activity.text),
        [en.unknownUser()],
      );
    });

    it('answers a card press with a forged id in the invoke response, and stores nothing', async () => {
      const before = await storedRows();
      const activity = invokeActionExecute({
        verb: 'showAction',
        data: { ref: 'A-1' },
        serviceUrl: bot.connector.url,
        tenantId,
      });
      const { result, sent } = await post({
        ...activity,
        from: { ...activity.from, aadObjectId: '../../x' },
      });
      assert.equal(result.status, 200);
      assert.deepEqual(answerOf(result.body), { kind: 'message', text: sv.unknownUser(), statusCode: 200 });
      assert.deepEqual(sent, []);
      assert.deepEqual(await storedRows(), before);
    });

    it("still accepts a GUID and the Agents Playground's id", async () => {
      for (const id of [users.bo.aadObjectId, '00000000-0000-0000-0000-0000000000020']) {
        const { result, sent } = await post(messageFrom(id));
        assert.equal(result.status, 200);
        assert.equal(sent.length, 1);
        assert.notEqual(sent[0]?.text, sv.unknownUser(), `refused ${id}`);
      }
    });
  });

  describe('adaptiveCard/action whose value names no Action.Execute', () => {
    const values: Array<[string, unknown]> = [
      ['value null', null],
      ['no value', undefined],
      ['no action', { trigger: 'manual' }],
      ['action null', { action: null }],
      ['an Action.Submit', { action: { type: 'Action.Submit', data: {} } }],
      ['a string', 'A-1 klar'],
    ];
    for (const [name, value] of values) {
      it(`${name}: HTTP 200 with a message saying the button is not known, not a bare 501`, async () => {
        const activity = invokeActionExecute({ verb: 'setStatus', serviceUrl: bot.connector.url, tenantId });
        const { result, sent } = await post({ ...activity, value });
        assert.equal(result.status, 200, `HTTP ${result.status}: ${JSON.stringify(result.body)}`);
        assert.deepEqual(answerOf(result.body), {
          kind: 'message',
          text: sv.unknownButton(),
          statusCode: 200,
        });
        assert.deepEqual(sent, []);
      });
    }

    it('answers in English to an English user', async () => {
      // Cecilia has written nothing here (Bo has, under his object id, above): her Teams locale decides.
      const activity = invokeActionExecute({
        verb: 'setStatus',
        serviceUrl: bot.connector.url,
        tenantId,
        locale: 'en-US',
        from: users.chair,
      });
      const { result } = await post({ ...activity, value: null });
      assert.deepEqual(answerOf(result.body), { kind: 'message', text: en.unknownButton(), statusCode: 200 });
    });
  });
});
