/**
 * Scale-out, shown: two bot processes (as two App Service instances) on ONE Table service (as one Storage account).
 * Chat works on either, a change made through one is seen through the other, and reminders owed at once are
 * delivered once in total however many instances run a pass (the pass's lease plus the outbox).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort, startAzurite, type RunningAzurite } from '../../src/storage/azurite';
import { openTables, OutboxRepository } from '../../src/storage';
import { messageActivity, users, type TestUser } from '../helpers/activities';
import { runCliForTest } from '../helpers/cli';
import { startFakeConnector, type FakeConnector, type WriteKind } from '../helpers/fakeConnector';
import { newTenantId } from '../helpers/ids';
import { runCliProcess, startServerProcess, stopSpawned, waitForListening } from '../helpers/serverProcess';

const AUDITS_FILE = join(__dirname, '..', 'fixtures', 'e2e', 'audits.json');

/** The servers' pass schedule is every quarter hour: a slot must not fall between the import and the first chats. */
const QUARTER_MS = 15 * 60_000;

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

describe('scale-out: two bot processes on one Table service', function () {
  this.timeout(240_000);

  let azurite: RunningAzurite;
  let connector: FakeConnector;
  let dataDir: string;
  const tenantId = newTenantId();
  const ports: number[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bot-scale-'));
    azurite = await startAzurite();
    connector = await startFakeConnector({ tenantId });
    for (const user of [users.anna, users.bo]) connector.addMember({ ...user, tenantId, userRole: 'user' });
    ports.push(...(await distinctFreePorts(3)));
    const [portA, portB, unusedAzuritePort] = ports;
    for (const port of [portA, portB]) {
      const server = startServerProcess({
        PORT: String(port),
        TABLES_CONNECTION_STRING: azurite.connectionString,
        ALLOWED_TENANT_IDS: tenantId,
        // Not used with TABLES_CONNECTION_STRING; set so the default cannot clash with anything on the machine.
        AZURITE_PORT: String(unusedAzuritePort),
        DATA_DIR: dataDir,
      });
      await waitForListening(server, port ?? 0);
    }
  });

  after(async () => {
    await stopSpawned();
    await connector?.close();
    await azurite?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function say(port: number | undefined, from: TestUser, text: string) {
    const activity = messageActivity({ text, from, tenantId, serviceUrl: connector.url });
    const response = await fetch(`http://127.0.0.1:${port ?? 0}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(response.status, 200, await response.text());
    const replies = await connector.waitForActivities(
      (recorded) => recorded.activity.replyToId === activity.id && recorded.activity.type === 'message',
    );
    return replies.map((recorded) => JSON.stringify(recorded.activity));
  }

  it('chats on either instance, shows a change made on one through the other, and sends each reminder once', async () => {
    const [portA, portB] = ports;
    // Both schedulers ran their first tick at start, on an empty tenant. If the next quarter-hour slot is near, let
    // it pass first: a pass between the import and the chats would find owners the bot has not met yet.
    const untilSlot = QUARTER_MS - (Date.now() % QUARTER_MS);
    if (untilSlot < 45_000) await delay(untilSlot + 10_000);
    const imported = await runCliForTest(['import', AUDITS_FILE], {
      connectionString: azurite.connectionString,
      tenantId,
    });
    assert.equal(imported.code, 0, imported.err);

    // Chat works on either: each owner meets the bot through a different instance.
    assert.ok((await say(portA, users.anna, 'hjälp')).length > 0);
    assert.ok((await say(portB, users.bo, 'hjälp')).length > 0);

    // A change through A is seen through B: the state is in the shared tables, none in the process.
    const done = await say(portA, users.anna, 'A-1 klar');
    assert.ok(
      done.some((reply) => reply.includes('Genomförd')),
      done.join('\n'),
    );
    const shown = await say(portB, users.anna, 'visa A-1');
    assert.ok(
      shown.some((reply) => reply.includes('Genomförd')),
      shown.join('\n'),
    );

    // Reminders: two passes at once, each in its own process, against the same storage.
    const mark = connector.lastSeq;
    const env = { TABLES_CONNECTION_STRING: azurite.connectionString, ALLOWED_TENANT_IDS: tenantId };
    const now = new Date().toISOString();
    const runs = await Promise.all(
      [1, 2].map(() => runCliProcess(['remind', '--now', now, '--tenant', tenantId], env)),
    );
    const described = runs.map((run) => `exit ${String(run.code)}\n${run.out}\n${run.err}`).join('\n---\n');
    assert.ok(
      runs.some((run) => run.code === 0 && run.out.includes('Påminnelser för')),
      `one pass ran:\n${described}`,
    );
    for (const run of runs) {
      // The other either found the lease taken or found every reminder already sent.
      assert.ok(
        run.code === 0 || run.err.includes('En annan instans kör påminnelserna'),
        `unexpected outcome:\n${described}`,
      );
    }

    // Every reminder sent is in the outbox once, and reached Teams exactly once.
    const proactive: readonly WriteKind[] = ['send', 'create'];
    const delivered = connector.sent.filter(
      (recorded) => recorded.seq > mark && proactive.includes(recorded.kind),
    );
    const outbox = new OutboxRepository((await openTables(azurite.connectionString)).outbox);
    const sentRows = await outbox.listMessages(tenantId, { states: ['sent'] });
    assert.ok(sentRows.length >= 2, `Anna's and Bo's overdue actions are owed reminders:\n${described}`);
    const deliveredIds = delivered.map((recorded) => recorded.id).sort();
    // Bo's two reminders are one message: rows share its activity id, and each activity reached Teams once.
    assert.deepEqual(
      deliveredIds,
      [...new Set(sentRows.map((row) => row.activityId))].sort(),
      `each sent reminder reached the connector once:\n${described}`,
    );
    assert.equal(new Set(deliveredIds).size, deliveredIds.length, 'no activity twice');
    const texts = delivered.map(
      (recorded) => `${recorded.conversationId} ${JSON.stringify(recorded.activity)}`,
    );
    assert.equal(new Set(texts).size, texts.length, `no reminder twice:\n${texts.join('\n')}`);
    const conversations = new Set(delivered.map((recorded) => recorded.conversationId));
    assert.equal(conversations.size, 2, 'both owners were reminded, in their own chats');
  });
});
