import assert from 'node:assert/strict';
import pino from 'pino';
import { startAzurite, type RunningAzurite } from '../../src/storage/azurite';
import { loadConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/httpServer';

describe('GET /healthz', () => {
  let azurite: RunningAzurite;
  let server: RunningServer;

  before(async () => {
    // An Azurite of its own, since the test stops it.
    azurite = await startAzurite();
    const config = { ...loadConfig({ TABLES_CONNECTION_STRING: azurite.connectionString }), port: 0 };
    server = await startServer(config, {
      log: pino({ level: 'silent' }),
      storage: {
        connectionString: azurite.connectionString,
        embedded: true,
        source: 'connectionString',
        close: async () => {},
      },
    });
  });

  after(async () => {
    await server?.close();
    await azurite?.stop();
  });

  const health = () => fetch(server.messagesUrl.replace('/api/messages', '/healthz'));

  it('answers 200 while storage answers, and 503 once it is gone', async function () {
    this.timeout(30_000);
    const up = await health();
    assert.equal(up.status, 200);
    assert.deepEqual(await up.json(), { status: 'ok' });
    await azurite.stop();
    const down = await health();
    assert.equal(down.status, 503);
    assert.deepEqual(await down.json(), { status: 'storage unavailable' });
  });
});
