/**
 * Sent files that try to hurt the bot, sent over HTTP to the real bot as Teams sends them: download addresses
 * that point into the bot's own network (never fetched; the sender is told why), documents that inflate to
 * gigabytes or take too long (refused in the worker, nothing saved), and a document being read while another
 * user talks to the bot (answered at once: the reading is not on the bot's event loop).
 *
 * The bot is built here rather than with world.ts, to give it a resolver: names like `contoso-my.sharepoint.com`
 * resolve to whatever the test says, with no DNS. Every connection a test could cause goes to loopback, where
 * counting servers show that none was made.
 */
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createBotApp } from '../../../src/bot/app';
import { extractDocument, type ExtractionOptions } from '../../../src/importing/extraction';
import {
  DownloadRefusedError,
  downloadFile,
  downloadRefusal,
  fileDownloader,
  guardedLookup,
  isPublicAddress,
} from '../../../src/importing/fileDownload';
import { createBotDeps } from '../../../src/server/botFactory';
import { loadConfig } from '../../../src/server/config';
import { ActionRepository, AuditRepository, openTables, type Tables } from '../../../src/storage';
import { botConnectorFor } from '../../../src/teams/adapter';
import { users, type TestUser } from '../../helpers/activities';
import { testAzurite } from '../../helpers/azurite';
import { startBotHarness, type BotHarness, type TurnResult } from '../../helpers/botHarness';
import { newTenantId } from '../../helpers/ids';
import { honestBomb } from '../../importing/zipBombs';
import { cardsOf, NOW, onlyReply } from './world';

const SEED = readFileSync(
  join(__dirname, '..', '..', 'fixtures', 'seeds', 'trelleborg-sn-samordnade-insatser-2021.txt'),
  'utf8',
);

/** A TCP server on a loopback address that counts connections and closes them at once. */
async function countingServer(
  host: string,
): Promise<{ server: TcpServer; port: number; count: () => number }> {
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, count: () => connections };
}

describe('e2e: sent files that try to hurt the bot', function () {
  let bot: BotHarness;
  let tables: Tables;
  let tenantId: string;
  let files: Server;
  let filesBase: string;
  let trap: Awaited<ReturnType<typeof countingServer>>;
  let trap3: Awaited<ReturnType<typeof countingServer>>;
  let bomb: Buffer;
  /** Names the test's resolver knows, and every name it was asked. */
  const names = new Map<string, LookupAddress[]>();
  const asked: string[] = [];
  /** Extra options of the bot's document reading, per test. */
  let extraction: ExtractionOptions = {};

  before(async () => {
    bomb = await honestBomb(100);
    const served: Record<string, Buffer> = {
      '/svar.txt': Buffer.from(SEED),
      '/bomb.docx': bomb,
    };
    files = createServer((req, res) => {
      if (req.url?.startsWith('/redirect?to=')) {
        res.writeHead(302, { location: decodeURIComponent(req.url.slice('/redirect?to='.length)) });
        res.end();
        return;
      }
      const body = served[req.url ?? ''];
      res.writeHead(body === undefined ? 404 : 200);
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    trap = await countingServer('127.0.0.1');
    trap3 = await countingServer('127.0.0.3');

    tenantId = newTenantId();
    const azurite = await testAzurite();
    const env = {
      ALLOWED_TENANT_IDS: tenantId,
      ADMIN_AAD_IDS: users.admin.aadObjectId,
      // Only for the tests' own file server on 127.0.0.1; names never get this exception.
      FILE_DOWNLOAD_ALLOW_LOOPBACK: 'true',
    };
    const config = loadConfig({ TABLES_CONNECTION_STRING: azurite.connectionString, ...env });
    tables = await openTables(azurite.connectionString);
    const resolve = async (hostname: string): Promise<LookupAddress[]> => {
      asked.push(hostname);
      const known = names.get(hostname);
      if (known === undefined)
        throw Object.assign(new Error(`unknown name ${hostname}`), { code: 'ENOTFOUND' });
      return known;
    };
    const deps = {
      ...createBotDeps(tables, config, pino({ level: 'silent' }), () => NOW),
      fetchFile: fileDownloader(
        { hosts: config.fileDownloadHosts, allowLoopback: config.fileDownloadAllowLoopback },
        resolve,
      ),
      readDocument: (fileName: string, bytes: Uint8Array, options: ExtractionOptions) =>
        extractDocument(fileName, bytes, { ...options, ...extraction }),
    };
    bot = await startBotHarness({
      env,
      createBot: (adapter) =>
        createBotApp({
          adapter,
          connector: botConnectorFor(config),
          botAppId: '',
          deps,
        }),
    });
    for (const member of [users.anna, users.admin]) {
      bot.connector.addMember({ ...member, tenantId, userRole: 'user' });
    }
  });

  after(async () => {
    await bot?.close();
    for (const server of [files, trap?.server, trap3?.server]) {
      await new Promise((resolve) => server?.close(resolve));
    }
  });

  beforeEach(() => {
    names.clear();
    asked.length = 0;
    extraction = {};
  });

  /** Sends a file as Teams does in personal chat, from the admin (who may import). */
  function sendFile(url: string, options: { name?: string; from?: TestUser; locale?: string } = {}) {
    const name = options.name ?? 'svar.docx';
    return bot.send('', {
      tenantId,
      from: options.from ?? users.admin,
      ...(options.locale ? { locale: options.locale } : {}),
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name,
          content: { downloadUrl: url, uniqueId: 'f-1', fileType: name.split('.').pop() },
        },
      ],
    });
  }

  async function nothingSaved(): Promise<void> {
    assert.deepEqual(await new ActionRepository(tables.actions).listActions(tenantId), []);
    assert.deepEqual(await new AuditRepository(tables.audits).listAudits(tenantId), []);
  }

  describe('download addresses', () => {
    it('an IP literal is never fetched, and the sender is told it is an IP address', async () => {
      const reply = onlyReply(await sendFile(`https://127.0.0.3:${trap3.port}/svar.docx`));
      assert.match(reply.text, /Jag hämtar inte svar\.docx: adressen är en IP-adress \(127\\?\.0\.0\.3\)/);
      assert.match(reply.text, /Inget har sparats/);
      assert.equal(trap3.count(), 0, 'the bot connected to the IP literal');
      await nothingSaved();
    });

    it('a host outside FILE_DOWNLOAD_HOSTS is never fetched, nor even resolved', async () => {
      names.set('files.example.org', [{ address: '127.0.0.1', family: 4 }]);
      const reply = onlyReply(await sendFile(`https://files.example.org:${trap.port}/svar.docx`));
      assert.match(
        reply.text,
        /Jag hämtar inte svar\.docx: files\.example\.org är inte en SharePoint- eller OneDrive-adress/,
      );
      assert.deepEqual(asked, []);
      assert.equal(trap.count(), 0);
    });

    it('an allowed name that resolves to 127.0.0.1 is refused at connect time, and the sender is told', async () => {
      names.set('contoso-my.sharepoint.com', [{ address: '127.0.0.1', family: 4 }]);
      const reply = onlyReply(await sendFile(`https://contoso-my.sharepoint.com:${trap.port}/svar.docx`));
      assert.match(
        reply.text,
        /Jag hämtar inte svar\.docx: contoso-my\.sharepoint\.com pekar på en intern adress/,
      );
      assert.deepEqual(asked, ['contoso-my.sharepoint.com'], 'the resolved address is what is checked');
      assert.equal(trap.count(), 0, 'the bot connected to a loopback address behind an allowed name');
      await nothingSaved();
    });

    it('a redirect from an allowed address to a name that resolves inwards is refused too', async () => {
      names.set('contoso-my.sharepoint.com', [
        { address: '52.108.0.1', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ]);
      const inward = `https://contoso-my.sharepoint.com:${trap.port}/svar.docx`;
      const reply = onlyReply(await sendFile(`${filesBase}/redirect?to=${encodeURIComponent(inward)}`));
      assert.match(reply.text, /contoso-my\.sharepoint\.com pekar på en intern adress/);
      assert.equal(trap.count(), 0);
    });

    it('tells an English user why, in English', async () => {
      const reply = onlyReply(await sendFile('https://10.0.0.5/svar.docx', { locale: 'en-US' }));
      assert.match(reply.text, /^I won't fetch svar\.docx: the address is an IP address \(10\\?\.0\.0\.5\)/);
      assert.match(reply.text, /Nothing was saved\.$/);
    });

    it('fetches from the tests’ own loopback file server only because FILE_DOWNLOAD_ALLOW_LOOPBACK says so', async () => {
      const reply = onlyReply(await sendFile(`${filesBase}/svar.txt`, { name: 'svar.txt' }));
      assert.equal(reply.cards.length, 1, reply.text);
    });
  });

  describe('documents', () => {
    it('a zip bomb is refused as too large or too complicated, and nothing is saved', async () => {
      const reply = onlyReply(await sendFile(`${filesBase}/bomb.docx`, { name: 'bomb.docx' }));
      assert.match(
        reply.text,
        /^Dokumentet är för stort eller för komplicerat för att läsas: jag gav upp bomb\.docx/,
      );
      assert.equal(reply.cards.length, 0);
      await nothingSaved();
    });

    it('a document past its time budget is given up, in English for an English user', async () => {
      extraction = { timeoutMs: 50 };
      const reply = onlyReply(await sendFile(`${filesBase}/svar.txt`, { name: 'svar.txt', locale: 'en-US' }));
      assert.match(
        reply.text,
        /^The document is too large or too complicated to read: I gave up on svar\.txt/,
      );
      await nothingSaved();
    });

    it('while a document is being read, another user’s hjälp is answered first', async () => {
      const hold = new Int32Array(new SharedArrayBuffer(4));
      let started!: () => void;
      const isStarted = new Promise<void>((resolve) => (started = resolve));
      extraction = { hold, onStarted: started, timeoutMs: 60_000 };
      let importTurn: TurnResult | null = null;
      const importing = sendFile(`${filesBase}/svar.txt`, { name: 'svar.txt' }).then(
        (turn) => (importTurn = turn),
      );
      try {
        await isStarted;
        const help = onlyReply(await bot.send('hjälp', { tenantId, from: users.anna }));
        assert.match(help.text, /mina åtgärder/);
        assert.equal(importTurn, null, 'the import answered before the hold was released');
      } finally {
        Atomics.store(hold, 0, 1);
        Atomics.notify(hold, 0);
      }
      const turn = await importing;
      assert.equal(cardsOf(turn).length, 1, turn.texts.join('\n'));
      const helpReply = bot.connector.sent.find((r) => r.activity.text?.includes('mina åtgärder'));
      const draftReply = bot.connector.sent.find((r) => r.seq === turn.replies.at(-1)?.seq);
      assert.ok(helpReply && draftReply && helpReply.seq < draftReply.seq, 'hjälp was not answered first');
    });
  });
});

describe('download policy (no connection made)', () => {
  const policy = { hosts: ['sharepoint.com', 'sharepoint.us'], allowLoopback: false };

  it('allows https to the listed hosts and their subdomains only', () => {
    const refusal = (url: string) => downloadRefusal(new URL(url), policy);
    assert.equal(refusal('https://contoso-my.sharepoint.com/personal/x/download.aspx?tempauth=y'), null);
    assert.equal(refusal('https://sharepoint.com/x'), null);
    assert.equal(refusal('https://contoso.sharepoint.us/x'), null);
    assert.equal(refusal('https://evilsharepoint.com/x'), 'host');
    assert.equal(refusal('https://sharepoint.com.evil.example/x'), 'host');
    assert.equal(refusal('http://contoso.sharepoint.com/x'), 'scheme');
    assert.equal(refusal('https://a:b@contoso.sharepoint.com/x'), 'credentials');
  });

  it('refuses every IP literal, however it is written', () => {
    for (const url of [
      'https://127.0.0.3/x',
      'https://2130706433/x',
      'https://0x7f.1/x',
      'https://[::1]/x',
      'https://[::ffff:169.254.169.254]/x',
      'https://169.254.169.254/x',
      'https://20.190.128.1/x',
    ]) {
      assert.equal(downloadRefusal(new URL(url), policy), 'ipLiteral', url);
    }
    // The test-only exception is for the literal loopback addresses, never for another one or a name.
    const loopback = { ...policy, allowLoopback: true };
    assert.equal(downloadRefusal(new URL('http://127.0.0.1:8080/x'), loopback), null);
    assert.equal(downloadRefusal(new URL('http://[::1]:8080/x'), loopback), null);
    assert.equal(downloadRefusal(new URL('https://127.0.0.3/x'), loopback), 'ipLiteral');
    assert.equal(downloadRefusal(new URL('http://localhost:8080/x'), loopback), 'scheme');
  });

  it('counts only public unicast addresses as public', () => {
    const refused = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '168.63.129.16',
      '::1',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      'not an address',
    ];
    for (const address of refused) assert.equal(isPublicAddress(address), false, address);
    for (const address of ['20.190.128.1', '52.108.0.1', '2603:1063::1']) {
      assert.equal(isPublicAddress(address), true, address);
    }
  });

  it('the guarded lookup hands a public address to the socket and refuses a name with any inner one', async () => {
    const lookupOf = (addresses: LookupAddress[]) => guardedLookup(async () => addresses);
    const one = (addresses: LookupAddress[], all: boolean) =>
      new Promise<unknown>((resolve, reject) =>
        lookupOf(addresses)('contoso-my.sharepoint.com', { all }, (error, address, family) =>
          error ? reject(error) : resolve(all ? address : [address, family]),
        ),
      );
    assert.deepEqual(await one([{ address: '52.108.0.1', family: 4 }], false), ['52.108.0.1', 4]);
    assert.deepEqual(await one([{ address: '2603:1063::1', family: 6 }], true), [
      { address: '2603:1063::1', family: 6 },
    ]);
    await assert.rejects(
      one(
        [
          { address: '52.108.0.1', family: 4 },
          { address: '::1', family: 6 },
        ],
        true,
      ),
      (error: unknown) => error instanceof DownloadRefusedError && error.reason === 'internalAddress',
    );
  });

  it('downloadFile refuses a name resolving to loopback before connecting, with the resolver it is given', async () => {
    const trap = await countingServer('127.0.0.1');
    try {
      await assert.rejects(
        downloadFile(`https://contoso-my.sharepoint.com:${trap.port}/x.docx`, {
          maxBytes: 1000,
          timeoutMs: 5000,
          policy,
          resolve: async () => [{ address: '127.0.0.1', family: 4 }],
        }),
        (error: unknown) => error instanceof DownloadRefusedError && error.reason === 'internalAddress',
      );
      assert.equal(trap.count(), 0);
    } finally {
      await new Promise((resolve) => trap.server.close(resolve));
    }
  });
});

describe('download configuration (FILE_DOWNLOAD_HOSTS, FILE_DOWNLOAD_ALLOW_LOOPBACK)', () => {
  const withApp = {
    MicrosoftAppId: '11111111-1111-4111-8111-111111111111',
    MicrosoftAppPassword: 'secret',
    ALLOWED_TENANT_IDS: '22222222-2222-4222-8222-222222222222',
  };

  it('defaults to SharePoint over https and no loopback, and reads a list of host suffixes', () => {
    const config = loadConfig({});
    assert.deepEqual(config.fileDownloadHosts, ['sharepoint.com']);
    assert.equal(config.fileDownloadAllowLoopback, false);
    assert.deepEqual(
      loadConfig({ FILE_DOWNLOAD_HOSTS: ' .SharePoint.us, sharepoint.us,dps.mil ' }).fileDownloadHosts,
      ['sharepoint.us', 'dps.mil'],
    );
  });

  it('refuses an IP address, a bare top-level domain or an empty list as hosts, naming the variable', () => {
    for (const value of ['10.0.0.1', 'com', 'sharepoint.com,http://x.example', ',']) {
      assert.throws(
        () => loadConfig({ FILE_DOWNLOAD_HOSTS: value }),
        /FILE_DOWNLOAD_HOSTS="[^"]*": ska vara/,
        value,
      );
    }
  });

  it('allows the loopback exception in local mode only', () => {
    assert.equal(loadConfig({ FILE_DOWNLOAD_ALLOW_LOOPBACK: 'true' }).fileDownloadAllowLoopback, true);
    assert.equal(
      loadConfig({ ...withApp, FILE_DOWNLOAD_ALLOW_LOOPBACK: 'false' }).fileDownloadAllowLoopback,
      false,
    );
    assert.throws(
      () => loadConfig({ ...withApp, FILE_DOWNLOAD_ALLOW_LOOPBACK: 'true' }),
      /FILE_DOWNLOAD_ALLOW_LOOPBACK: är bara till för tester i lokalt läge/,
    );
    assert.throws(
      () => loadConfig({ FILE_DOWNLOAD_ALLOW_LOOPBACK: 'yes' }),
      /FILE_DOWNLOAD_ALLOW_LOOPBACK="yes"/,
    );
  });
});
