import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
  type Socket,
} from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { TableClient } from '@azure/data-tables';
import pino from 'pino';
import { loadConfig, PLAYGROUND_TENANT_ID } from '../../src/server/config';
import { MAX_BODY_BYTES, startServer } from '../../src/server/httpServer';
import { openStorage, type StorageHost } from '../../src/server/storageHost';
import {
  azuriteConnectionString,
  freePort,
  startAzurite,
  type RunningAzurite,
} from '../../src/storage/azurite';
import { newTableName } from '../helpers/ids';
import {
  canConnect,
  isFree,
  isRunning,
  projectWithout,
  startCompiledServerProcess,
  startServerProcess,
  stopSpawned,
  waitForExit,
  waitForListening,
} from '../helpers/serverProcess';

/**
 * The addresses listening on a TCP port, read from the kernel's socket tables (no traffic is sent), or `undefined`
 * where /proc/net is not available.
 */
function listenAddresses(port: number): string[] | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const [file, family] of [
    ['/proc/net/tcp', 4],
    ['/proc/net/tcp6', 6],
  ] as const) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      if (family === 4) return undefined;
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [address, localPort] = local.split(':');
      if (localPort === hexPort && address)
        found.push(family === 4 ? ipv4FromProc(address) : `ipv6:${address}`);
    }
  }
  return found;
}

function ipv4FromProc(hex: string): string {
  // /proc/net/tcp prints the address as a little-endian 32-bit number.
  const bytes = hex.match(/../g) ?? [];
  return bytes
    .reverse()
    .map((byte) => parseInt(byte, 16))
    .join('.');
}

interface Received {
  readonly url: string;
  readonly body: { type?: string; text?: string; replyToId?: string };
}

/** A stand-in for the Bot Connector: accepts activities and remembers them. */
async function startFakeConnector(): Promise<{ server: HttpServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(url)) {
        received.push({ url, body: JSON.parse(body) as Received['body'] });
        // Not chained: restify, loaded in this process by the in-process test, patches writeHead to return nothing.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: '1' }));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port, received };
}

async function twoFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  let second = await freePort();
  while (second === first) second = await freePort();
  return [first, second];
}

describe('npm start (src/server/main.ts as a process)', function () {
  // tsx compiles on start and Azurite starts as its own process: seconds each on a slow machine.
  this.timeout(180_000);

  let dataDir: string;
  let port: number;
  let azuritePort: number;
  const closeAfter: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bot-start-'));
    [port, azuritePort] = await twoFreePorts();
  });

  afterEach(async () => {
    // SIGTERM, a grace period, then whatever is left of each group (an Azurite orphaned by a crash) goes too.
    await stopSpawned();
    for (const close of closeAfter.splice(0)) await close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function env(extra: Record<string, string> = {}): Record<string, string> {
    return { PORT: String(port), AZURITE_PORT: String(azuritePort), DATA_DIR: dataDir, ...extra };
  }

  it('starts with no configuration in local mode, on loopback only, and answers a message through the connector', async () => {
    const connector = await startFakeConnector();
    closeAfter.push(() => new Promise((done) => connector.server.close(() => done())));
    const server = startServerProcess(env());
    await waitForListening(server, port);

    assert.match(server.output(), /Lokalt läge: ingen autentisering, lyssnar endast på 127\.0\.0\.1/);
    const addresses = listenAddresses(port);
    if (addresses !== undefined)
      assert.deepEqual(addresses, ['127.0.0.1'], 'the HTTP port listens on loopback only');

    const activity = {
      type: 'message',
      id: 'activity-1',
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: `http://127.0.0.1:${connector.port}/`,
      from: { id: '29:user-1', name: 'Anna Andersson', aadObjectId: '00000000-0000-0000-0000-000000000024' },
      recipient: { id: '28:bot', name: 'Revisionsuppföljning' },
      conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID },
      channelData: { tenant: { id: PLAYGROUND_TENANT_ID } },
      text: 'hej',
      locale: 'sv-SE',
    };
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(response.status, 200, await response.text());

    // The adapter answers the POST after the turn, so the reply has normally arrived; allow a little slack anyway.
    const deadline = Date.now() + 10_000;
    let replies = connector.received.filter((r) => r.body.type === 'message');
    while (replies.length === 0 && Date.now() < deadline) {
      await delay(100);
      replies = connector.received.filter((r) => r.body.type === 'message');
    }
    assert.equal(replies.length, 1, `replies: ${JSON.stringify(connector.received)}`);
    const [reply] = replies;
    assert.ok(reply);
    assert.match(reply.url, /^\/v3\/conversations\/a%3Apersonal-1\/activities/);
    assert.equal(reply.body.replyToId, 'activity-1');
    assert.ok((reply.body.text ?? '').length > 0, 'the reply has text');
  });

  it('stops on SIGTERM with status 0, frees the emulator port, and keeps table data across a restart', async () => {
    const first = startServerProcess(env());
    await waitForListening(first, port);

    const tableName = newTableName('restart');
    const table = TableClient.fromConnectionString(azuriteConnectionString(azuritePort), tableName, {
      allowInsecureConnection: true,
    });
    await table.createTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 'kvar efter omstart' });

    first.child.kill('SIGTERM');
    const stopped = await waitForExit(first, 30_000);
    assert.deepEqual(stopped, { code: 0, signal: null }, first.output());
    assert.equal(await isFree(azuritePort), true, 'the embedded Azurite was stopped');
    assert.equal(await isFree(port), true, 'the HTTP port was released');

    const second = startServerProcess(env());
    await waitForListening(second, port);
    const row = await table.getEntity<{ value: string }>('p', 'r');
    assert.equal(row.value, 'kvar efter omstart');

    second.child.kill('SIGTERM');
    assert.deepEqual(await waitForExit(second, 30_000), { code: 0, signal: null }, second.output());
  });

  it("lets another process (the CLI) share the running server's emulator without stopping it", async () => {
    const server = startServerProcess(env());
    await waitForListening(server, port);

    const shared = await openStorage(
      { tablesConnectionString: null, azuritePort, dataDir, nodeEnv: 'development' },
      pino({ level: 'silent' }),
    );
    assert.equal(shared.source, 'reused');
    assert.equal(shared.connectionString, azuriteConnectionString(azuritePort));
    await shared.close();
    assert.equal(await canConnect(azuritePort), true, "the server's emulator still runs");
    assert.equal(isRunning(server.child), true);
  });

  it('exits 1 saying what to do when AZURITE_PORT is taken by something that is not Azurite', async () => {
    const sockets = new Set<Socket>();
    // A silent TCP server: accepts connections and never answers, the hardest case to tell apart.
    const squatter: TcpServer = createTcpServer((socket) => sockets.add(socket));
    await new Promise<void>((done) => squatter.listen(azuritePort, '127.0.0.1', done));
    closeAfter.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => squatter.close(() => done()));
    });

    const server = startServerProcess(env());
    const result = await waitForExit(server, 60_000);
    const output = server.output();
    assert.equal(result.code, 1, output);
    assert.match(output, new RegExp(`Port ${azuritePort} \\(AZURITE_PORT\\).*upptagen`));
    assert.match(output, /AZURITE_PORT/);
    assert.match(output, /TABLES_CONNECTION_STRING/);
    assert.ok(!output.includes('    at '), `no stack trace expected:\n${output}`);
    assert.equal(await canConnect(port), false, 'no HTTP server was left listening');
  });

  it('exits 1 saying what to do when the storage emulator (the azurite package) is not installed', async () => {
    // A real process in a checkout without Azurite: the only way to see the exit code and what reaches the terminal.
    const checkout = join(dataDir, 'checkout');
    mkdirSync(checkout);
    projectWithout('azurite', checkout);

    const server = startServerProcess(env(), checkout);
    const result = await waitForExit(server, 60_000);
    const output = server.output();
    assert.equal(result.code, 1, output);
    assert.match(output, /Azurite är inte installerad/);
    assert.match(output, /Kör "npm install"/);
    assert.match(output, /TABLES_CONNECTION_STRING/);
    assert.ok(!output.includes('    at '), `no stack trace expected:\n${output}`);
    assert.equal(await isFree(azuritePort), true, 'no emulator was started');
    assert.equal(await canConnect(port), false, 'no HTTP server was left listening');
  });

  it('refuses NODE_ENV=production without MicrosoftAppId with a clear message and no stack trace', async () => {
    const server = startServerProcess(env({ NODE_ENV: 'production' }));
    const result = await waitForExit(server, 60_000);
    const output = server.output();
    assert.equal(result.code, 1, output);
    assert.match(output, /NODE_ENV=production/);
    assert.match(output, /Sätt MicrosoftAppId/);
    assert.ok(!output.includes('    at '), `no stack trace expected:\n${output}`);
    assert.equal(await isFree(azuritePort), true, 'no emulator was started');
  });

  it('refuses NODE_ENV=production without TABLES_CONNECTION_STRING in one line, starting no emulator', async () => {
    const server = startServerProcess(env(PRODUCTION));
    const result = await waitForExit(server, 60_000);
    assertRefusedWithoutAccount(server.stderr(), result.code, server.output());
    assert.equal(await isFree(azuritePort), true, 'no emulator was started');
    assert.equal(await canConnect(port), false, 'no HTTP server was left listening');
  });
});

/** Credentials that pass the configuration check; nothing in these tests talks to Entra. */
const PRODUCTION = {
  NODE_ENV: 'production',
  MicrosoftAppId: '00000000-0000-0000-0000-0000000000a1',
  MicrosoftAppPassword: 'test-secret',
  ALLOWED_TENANT_IDS: '00000000-0000-0000-0000-0000000000a2',
};

function assertRefusedWithoutAccount(stderr: string, code: number | null, output: string): void {
  assert.equal(code, 1, output);
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected:\n${output}`);
  assert.match(lines[0] ?? '', /TABLES_CONNECTION_STRING saknas.*NODE_ENV=production.*Azure Storage-konto/);
  assert.ok(!output.includes('    at '), `no stack trace expected:\n${output}`);
}

/** Packages that only development needs; a production install (`npm ci --omit=dev`) has none of them. */
const DEV_ONLY = new Set(['azurite', 'tsx', 'esbuild', '@esbuild', 'typescript', 'mocha']);

describe('the compiled server (dist/, with plain node and no dev dependencies)', function () {
  // One compilation of src/ (tens of seconds on a slow machine), then a few process starts.
  this.timeout(240_000);

  const ROOT = resolve(__dirname, '../..');
  let checkout: string;
  let azurite: RunningAzurite;
  let port: number;

  before(async () => {
    // A production-shaped install: the compiled code and package.json, and node_modules without what only
    // development needs. Packages are symlinks, so nothing is installed; the compiled code resolves them from the
    // checkout, where tsx and Azurite are not to be found.
    checkout = mkdtempSync(join(tmpdir(), 'bot-dist-'));
    copyFileSync(join(ROOT, 'package.json'), join(checkout, 'package.json'));
    mkdirSync(join(checkout, 'node_modules'));
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      if (!DEV_ONLY.has(entry))
        symlinkSync(join(ROOT, 'node_modules', entry), join(checkout, 'node_modules', entry));
    }
    await promisify(execFile)(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        join(checkout, 'dist'),
      ],
      { cwd: ROOT },
    );
    azurite = await startAzurite();
  });

  after(async () => {
    await azurite?.stop();
    if (checkout) rmSync(checkout, { recursive: true, force: true });
  });

  beforeEach(async () => {
    port = await freePort();
  });

  afterEach(async () => {
    await stopSpawned();
  });

  it('starts with TABLES_CONNECTION_STRING, answers /healthz, warns about nothing, and stops on SIGTERM', async () => {
    const server = startCompiledServerProcess(
      { ...PRODUCTION, PORT: String(port), TABLES_CONNECTION_STRING: azurite.connectionString },
      checkout,
    );
    await waitForListening(server, port);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200, server.output());
    assert.deepEqual(await health.json(), { status: 'ok' });
    // restify's DEP0111 is filtered where restify is loaded; nothing is silenced on the command line.
    assert.doesNotMatch(server.stderr(), /Warning/, server.output());

    server.child.kill('SIGTERM');
    assert.deepEqual(await waitForExit(server, 30_000), { code: 0, signal: null }, server.output());
  });

  it('refuses NODE_ENV=production without TABLES_CONNECTION_STRING in one line, not reaching for Azurite', async () => {
    const azuritePort = await freePort();
    const server = startCompiledServerProcess(
      { ...PRODUCTION, PORT: String(port), AZURITE_PORT: String(azuritePort) },
      checkout,
    );
    const result = await waitForExit(server, 60_000);
    assertRefusedWithoutAccount(server.stderr(), result.code, server.output());
    assert.doesNotMatch(server.output(), /Azurite är inte installerad/);
    assert.equal(await isFree(azuritePort), true, 'no emulator was started');
  });
});

describe('startServer (in process)', function () {
  this.timeout(30_000);

  const storage: StorageHost = {
    connectionString: 'UseDevelopmentStorage=true',
    embedded: false,
    source: 'connectionString',
    close: async () => {},
  };

  it('listens on a free port for port 0, hands /api/messages to the bot it is given, refuses a too large body, and closes', async () => {
    const config = { ...loadConfig({}), port: 0 };
    const seen: string[] = [];
    const server = await startServer(config, {
      log: pino({ level: 'silent' }),
      storage,
      createBot: () => ({
        run: async (context) => {
          seen.push(context.activity.type);
          return true;
        },
      }),
    });
    try {
      assert.notEqual(server.port, 0);
      assert.equal(server.messagesUrl, `http://127.0.0.1:${server.port}/api/messages`);
      const activity = {
        type: 'conversationUpdate',
        id: 'activity-2',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: '29:user-1' },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:personal-2', tenantId: PLAYGROUND_TENANT_ID },
      };
      const post = (body: string) =>
        fetch(server.messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const ok = await post(JSON.stringify(activity));
      assert.equal(ok.status, 200, await ok.text());
      assert.deepEqual(seen, ['conversationUpdate']);

      const huge = await post(JSON.stringify({ ...activity, text: 'x'.repeat(MAX_BODY_BYTES + 1) }));
      assert.equal(huge.status, 413);
      assert.deepEqual(seen, ['conversationUpdate'], 'the bot never saw the too large request');
      assert.equal((await post(JSON.stringify(activity))).status, 200, 'the server is still alive');
    } finally {
      await server.close();
    }
    assert.equal(await canConnect(server.port), false, 'closed');
  });
});
