import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { TestAdapter, type StoreItems } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import { TableBotStorage, botStateEntityKeys } from '../../src/teams/botStateStorage';
import { ConflictError, StorageError } from '../../src/storage/errors';
import { testAzurite } from '../helpers/azurite';
import { newTableName } from '../helpers/ids';

/** Characters Tables forbids in keys. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it must find
const FORBIDDEN_IN_TABLE_KEY = /[/\\#?\u0000-\u001F\u007F-\u009F]/;

/** Text of `length` characters that gzip cannot shrink much (random base64). */
function incompressible(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4))
    .toString('base64')
    .slice(0, length);
}

/** Something like a long conversation history: repeated field names, varying text. */
function conversationHistory(approximateLength: number): { role: string; content: string; id: string }[] {
  const messages: { role: string; content: string; id: string }[] = [];
  let length = 0;
  for (let index = 0; length < approximateLength; index++) {
    const message = {
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `Åtgärd ${index}: ${incompressible(40)} har status pågående, ansvarig nämnd ${index % 7} 🗂️`,
      id: randomBytes(8).toString('hex'),
    };
    length += JSON.stringify(message).length;
    messages.push(message);
  }
  return messages;
}

async function openStorage(tableName = newTableName('bot')): Promise<TableBotStorage> {
  const azurite = await testAzurite();
  return TableBotStorage.fromConnectionString(azurite.connectionString, tableName);
}

describe('botStateEntityKeys', () => {
  const keys = [
    '',
    'msteams/bot-id/conversations/19:abc@thread.tacv2;messageid=1/',
    '/ \\ # ?',
    '\u0000\u0001\u001f\u007f\u0085',
    '😀 åäö',
    '\ud800',
    '\ufffd',
    '\udc00\ud800',
    'a'.repeat(2000),
    '😀'.repeat(2000),
  ];

  it('gives keys Tables accepts, within the key length limit', () => {
    for (const key of keys) {
      const { partitionKey, rowKey } = botStateEntityKeys(key);
      for (const part of [partitionKey, rowKey]) {
        assert.doesNotMatch(part, FORBIDDEN_IN_TABLE_KEY, JSON.stringify(key));
        assert.ok(part.length > 0 && part.length <= 512, JSON.stringify(key));
      }
    }
  });

  it('gives distinct keys distinct rows, also keys that UTF-8 cannot tell apart', () => {
    const rows = new Set(keys.map((key) => JSON.stringify(botStateEntityKeys(key))));
    assert.equal(rows.size, keys.length);
    assert.notDeepEqual(botStateEntityKeys('\ud800'), botStateEntityKeys('\ufffd'));
    assert.notDeepEqual(
      botStateEntityKeys(`${'x'.repeat(2000)}a`),
      botStateEntityKeys(`${'x'.repeat(2000)}b`),
    );
  });

  it('is deterministic', () => {
    for (const key of keys) assert.deepEqual(botStateEntityKeys(key), botStateEntityKeys(key));
  });
});

describe('TableBotStorage (Azurite)', () => {
  let storage: TableBotStorage;

  beforeEach(async () => {
    storage = await openStorage();
  });

  // The tests below port botbuilder-js libraries/botbuilder-core/tests/storageBaseTests.js.

  it('returns an empty object when reading an unknown key', async () => {
    const result = await storage.read(['unknown']);
    assert.deepEqual(result, {});
  });

  it('answers null keys and null changes with nothing, as the contract expects of other storages', async () => {
    assert.deepEqual(await storage.read(null as unknown as string[]), {});
    assert.equal(await storage.write(null as unknown as StoreItems), undefined);
  });

  it('does not throw when writing no items', async () => {
    await assert.doesNotReject(storage.write({}));
    await assert.doesNotReject(storage.write([] as unknown as StoreItems));
  });

  it('creates objects and returns them with an eTag', async () => {
    const storeItems = { createPoco: { id: 1 }, createPocoStoreItem: { id: 2 } };
    await storage.write(storeItems);

    const read = await storage.read(Object.keys(storeItems));

    assert.equal(read.createPoco.id, 1);
    assert.equal(read.createPocoStoreItem.id, 2);
    for (const item of [read.createPoco, read.createPocoStoreItem]) {
      assert.equal(typeof item.eTag, 'string');
      assert.ok(item.eTag.length > 0);
    }
  });

  it('keeps every JSON value type and does not change the items it was given', async () => {
    const item = {
      text: 'åäö 😀',
      number: 1.5,
      flag: false,
      none: null,
      list: [1, 'två', { tre: 3 }],
      nested: {},
    };
    const given = structuredClone(item);
    await storage.write({ item });

    const { eTag, ...read } = (await storage.read(['item'])).item;

    assert.equal(typeof eTag, 'string');
    assert.deepEqual(read, item);
    assert.deepEqual(item, given);
  });

  it('handles crazy keys', async () => {
    const crazyKeys = [
      '!@#$%^&*()~/\\><,.?\';"`~',
      '/',
      '\\',
      '#',
      '?',
      '%2F',
      '',
      ' ',
      '.',
      '..',
      '\u0000',
      '\u0001\t\n\r\u001f\u007f\u0085',
      '😀👩‍👩‍👧 åäö 中文 עברית',
      '\ud800',
      '\ufffd',
      'a'.repeat(2000),
      `${'😀'.repeat(1000)}/#?`,
      `${'x'.repeat(2000)}1`,
      `${'x'.repeat(2000)}2`,
    ];
    const changes: StoreItems = {};
    crazyKeys.forEach((key, index) => {
      changes[key] = { id: index };
    });

    await storage.write(changes);
    const read = await storage.read(crazyKeys);

    assert.deepEqual(Object.keys(read).sort(), [...crazyKeys].sort());
    crazyKeys.forEach((key, index) => assert.equal(read[key].id, index, JSON.stringify(key.slice(0, 20))));

    await storage.delete(crazyKeys);
    assert.deepEqual(await storage.read(crazyKeys), {});
  });

  it('updates objects, rejects a stale eTag and overwrites with "*"', async () => {
    await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
    const loaded = await storage.read(['pocoItem', 'pocoStoreItem']);
    const pocoItem = loaded.pocoItem;
    delete pocoItem.eTag; // plain objects carry no eTag
    const pocoStoreItem = loaded.pocoStoreItem;
    const firstETag: string = pocoStoreItem.eTag;
    assert.equal(typeof firstETag, 'string');

    // The second write works, with and without an eTag.
    pocoItem.count++;
    pocoStoreItem.count++;
    await storage.write(loaded);
    const reloaded = await storage.read(['pocoItem', 'pocoStoreItem']);
    assert.equal(typeof reloaded.pocoItem.eTag, 'string');
    assert.notEqual(reloaded.pocoStoreItem.eTag, firstETag);
    assert.equal(reloaded.pocoItem.count, 2);
    assert.equal(reloaded.pocoStoreItem.count, 2);

    // Without an eTag an old copy still overwrites.
    pocoItem.count = 123;
    await assert.doesNotReject(storage.write({ pocoItem }));

    // With its old eTag it does not, and the stored value stays.
    pocoStoreItem.count = 123;
    await assert.rejects(storage.write({ pocoStoreItem }), ConflictError);
    const afterConflict = await storage.read(['pocoItem', 'pocoStoreItem']);
    assert.equal(afterConflict.pocoItem.count, 123);
    assert.equal(afterConflict.pocoStoreItem.count, 2);
    assert.equal(afterConflict.pocoStoreItem.eTag, reloaded.pocoStoreItem.eTag);

    // The wildcard eTag overwrites.
    const pocoItem2 = afterConflict.pocoItem;
    delete pocoItem2.eTag;
    pocoItem2.count = 100;
    const pocoStoreItem2 = { ...afterConflict.pocoStoreItem, count: 100, eTag: '*' };
    await storage.write({ pocoItem: pocoItem2, pocoStoreItem: pocoStoreItem2 });
    const final = await storage.read(['pocoItem', 'pocoStoreItem']);
    assert.equal(final.pocoItem.count, 100);
    assert.equal(final.pocoStoreItem.count, 100);
  });

  it('writes with the current eTag', async () => {
    await storage.write({ item: { count: 1 } });
    const { item } = await storage.read(['item']);
    await storage.write({ item: { ...item, count: 2 } });
    assert.equal((await storage.read(['item'])).item.count, 2);
  });

  it('writes the other items of a call when one has a stale eTag, and still rejects', async () => {
    await storage.write({ stale: { count: 1 } });
    const { stale } = await storage.read(['stale']);
    await storage.write({ stale: { count: 2 } });

    await assert.rejects(
      storage.write({ stale: { ...stale, count: 3 }, fresh: { count: 1 } }),
      ConflictError,
    );

    const read = await storage.read(['stale', 'fresh']);
    assert.equal(read.stale.count, 2);
    assert.equal(read.fresh.count, 1);
  });

  it('rejects an eTag for an item deleted since it was read, rather than bringing it back', async () => {
    await storage.write({ gone: { count: 1 } });
    const { gone } = await storage.read(['gone']);
    await storage.delete(['gone']);

    await assert.rejects(storage.write({ gone: { ...gone, count: 2 } }), ConflictError);
    assert.deepEqual(await storage.read(['gone']), {});
  });

  it('deletes objects', async () => {
    await storage.write({ delete1: { id: 1, count: 1 } });
    const read = await storage.read(['delete1']);
    assert.equal(typeof read.delete1.eTag, 'string');
    assert.equal(read.delete1.count, 1);

    await storage.delete(['delete1']);

    assert.equal((await storage.read(['delete1'])).delete1, undefined);
  });

  it('ignores deleting an unknown key', async () => {
    await assert.doesNotReject(storage.delete(['unknown_key']));
  });

  it('performs batch operations', async () => {
    await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });

    let result = await storage.read(['batch1', 'batch2', 'batch3', 'batch1', 'missing']);
    assert.deepEqual(Object.keys(result).sort(), ['batch1', 'batch2', 'batch3']);
    assert.equal(result.batch1.count, 10);
    assert.equal(result.batch2.count, 20);
    assert.equal(result.batch3.count, 30);
    for (const key of ['batch1', 'batch2', 'batch3']) assert.equal(typeof result[key].eTag, 'string');

    await storage.delete(['batch1', 'batch2', 'batch3']);

    result = await storage.read(['batch1', 'batch2', 'batch3']);
    assert.deepEqual(result, {});
  });

  // Beyond the botbuilder base tests.

  for (const [label, length] of [
    ['200 KB', 200_000],
    ['600 KB', 600_000],
  ] as const) {
    it(`round-trips a ${label} value that does not compress`, async () => {
      const text = incompressible(length);
      await storage.write({ large: { text } });
      assert.equal((await storage.read(['large'])).large.text, text);
    });
  }

  it('round-trips a 900 KB conversation history, and replaces it with a small value', async () => {
    const history = conversationHistory(900_000);
    assert.ok(JSON.stringify(history).length >= 900_000);
    await storage.write({ large: { history } });

    const { large } = await storage.read(['large']);
    assert.deepEqual(large.history, history);

    await storage.write({ large: { ...large, history: [] } });
    assert.deepEqual((await storage.read(['large'])).large.history, []);
  });

  it('rejects a value over 1 MiB with TooLarge and keeps the stored value', async () => {
    await storage.write({ item: { text: 'liten' } });
    const { item } = await storage.read(['item']);

    await assert.rejects(
      storage.write({ item: { ...item, text: incompressible(1_500_000) } }),
      (error: unknown) => error instanceof StorageError && error.code === 'TooLarge',
    );

    const after = await storage.read(['item']);
    assert.equal(after.item.text, 'liten');
    assert.equal(after.item.eTag, item.eTag);
  });

  it('rejects values it cannot store as JSON', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await assert.rejects(storage.write({ cyclic }), StorageError);
    await assert.rejects(storage.write({ text: 'inte ett objekt' }), StorageError);
  });

  it('shares one table between instances: each sees the other’s writes and eTags', async () => {
    const tableName = newTableName('bot');
    const [first, second] = await Promise.all([openStorage(tableName), openStorage(tableName)]);

    // Both create the table on first use, at the same time.
    await Promise.all([first.write({ a: { from: 'first' } }), second.write({ b: { from: 'second' } })]);
    const seenByFirst = await first.read(['a', 'b']);
    const seenBySecond = await second.read(['a', 'b']);
    assert.equal(seenByFirst.b.from, 'second');
    assert.equal(seenBySecond.a.from, 'first');
    assert.equal(seenByFirst.b.eTag, seenBySecond.b.eTag);

    // Two turns read the same state; the one that writes second loses.
    await second.write({ a: { ...seenBySecond.a, from: 'second' } });
    await assert.rejects(first.write({ a: { ...seenByFirst.a, from: 'first again' } }), ConflictError);
    assert.equal((await first.read(['a'])).a.from, 'second');

    await first.delete(['b']);
    assert.deepEqual(await second.read(['b']), {});
  });

  it('keeps teams-ai turn state from one turn to the next', async () => {
    interface ConversationState {
      count?: number;
    }
    type State = TurnState<ConversationState>;
    const app = new Application<State>({ storage });
    app.message(/.*/, async (context, state) => {
      state.conversation.count = (state.conversation.count ?? 0) + 1;
      await context.sendActivity(`tur ${state.conversation.count}`);
    });
    const adapter = new TestAdapter(async (context) => {
      await app.run(context);
    });

    await adapter.send('hej').assertReply('tur 1').send('hej igen').assertReply('tur 2').startTest();

    const reference = adapter.conversation;
    const key = `${reference.channelId}/${reference.bot.id}/conversations/${reference.conversation.id}`;
    const stored = await storage.read([key]);
    assert.equal(stored[key]?.count, 2);
  });
});
