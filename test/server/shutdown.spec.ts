/**
 * Graceful shutdown of the real process: SIGTERM while a turn is in flight lets the turn finish (its reply reaches
 * Teams, the POST gets its 200), refuses new connections meanwhile, stops the embedded Azurite and exits 0.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/storage/azurite';
import { DEFAULT_TENANT_ID, messageActivity, users } from '../helpers/activities';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector';
import {
  canConnect,
  isFree,
  startServerProcess,
  stopSpawned,
  waitForExit,
  waitForListening,
} from '../helpers/serverProcess';

/** How long the fake connector holds the bot's reply: long enough to send SIGTERM while the turn waits for it. */
const REPLY_DELAY_MS = 1_500;

describe('graceful shutdown on SIGTERM (src/server/main.ts as a process)', function () {
  // tsx compiles on start and Azurite starts as its own process: seconds each on a slow machine.
  this.timeout(180_000);

  let dataDir: string;
  let connector: FakeConnector | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'bot-shutdown-'));
  });

  afterEach(async () => {
    await stopSpawned();
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the turn in flight, refuses new connections, stops the embedded Azurite and exits 0', async () => {
    let replyHeld: () => void = () => {};
    const held = new Promise<void>((done) => (replyHeld = done));
    connector = await startFakeConnector({
      tenantId: DEFAULT_TENANT_ID,
      // Only the reply: the delay stands for a slow Teams while the turn awaits it.
      onSend: (write) => {
        if (write.activity.type !== 'message') return undefined;
        replyHeld();
        return { status: 200, afterAccept: true, delayMs: REPLY_DELAY_MS };
      },
    });
    connector.addMember({ ...users.anna, userRole: 'user' });

    const port = await freePort();
    let azuritePort = await freePort();
    while (azuritePort === port) azuritePort = await freePort();
    const server = startServerProcess({
      PORT: String(port),
      AZURITE_PORT: String(azuritePort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
    });
    await waitForListening(server, port);

    const activity = messageActivity({ text: 'hjälp', serviceUrl: connector.url });
    const posted = fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await held;
    server.child.kill('SIGTERM');

    // Give the signal a moment to arrive, well inside the reply's delay: the listening socket must be gone.
    await new Promise((done) => setTimeout(done, 400));
    assert.equal(await canConnect(port), false, 'no new connections are accepted while stopping');

    const response = await posted;
    assert.equal(response.status, 200, await response.text());
    const replies = connector.sent.filter((recorded) => recorded.activity.type === 'message');
    assert.equal(replies.length, 1, 'the reply was delivered');
    assert.equal(replies[0]?.activity.replyToId, activity.id);

    assert.deepEqual(await waitForExit(server, 30_000), { code: 0, signal: null }, server.output());
    assert.equal(await isFree(azuritePort), true, 'the embedded Azurite was stopped');
    assert.equal(await isFree(port), true, 'the HTTP port was released');

    // The log is JSON lines; the shutdown shows in it, and the turn's lines carry one turn id.
    const lines = server
      .stdout()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { msg?: string; turn?: string });
    const messages = lines.map((line) => line.msg);
    assert.ok(messages.includes('Stänger av') && messages.includes('Avstängd'), server.output());
    const turnIds = new Set(lines.filter((line) => line.turn !== undefined).map((line) => line.turn));
    assert.equal(turnIds.size, 1, server.output());
    assert.ok(!server.stdout().includes('hjälp'), 'the message text is not logged');
  });
});
