/**
 * The structured log: JSON lines at the configured level, a turn id on every line logged while a request to
 * /api/messages is handled, and no personal data beyond ids. The real bot runs behind the real server in this
 * process, its log stream captured line by line.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { createBotFactory } from '../../src/server/botFactory';
import { loadConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/httpServer';
import { createLogger, currentTurnId, LOGGER_NAME, runInTurn } from '../../src/server/logging';
import { messageActivity, users, type IncomingActivity } from '../helpers/activities';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector';
import { newTenantId } from '../helpers/ids';

const AUDITS_FILE = join(__dirname, '..', 'fixtures', 'e2e', 'audits.json');

/** One parsed log line. */
interface LogLine {
  level: number;
  name?: string;
  msg?: string;
  turn?: string;
  [key: string]: unknown;
}

/** A pino destination that keeps every line, raw and parsed. */
function captured(): DestinationStream & { raw: string[]; lines(): LogLine[] } {
  const raw: string[] = [];
  return {
    raw,
    write(line: string) {
      raw.push(line);
    },
    lines: () => raw.map((line) => JSON.parse(line) as LogLine),
  };
}

describe('structured logging (src/server/logging.ts)', function () {
  this.timeout(60_000);

  describe('createLogger and runInTurn', () => {
    it('writes JSON lines at the level given, with the turn id inside a turn and none outside', async () => {
      const sink = captured();
      const log = createLogger({ level: 'info', destination: sink });
      log.info('utanför');
      log.debug('under nivån');
      await runInTurn(async () => {
        log.info('före await');
        await new Promise((done) => setTimeout(done, 5));
        log.child({ component: 'bot' }).warn({ ref: 'A-1' }, 'efter await, i ett barn');
      }, 'turn-1');
      const lines = sink.lines();
      assert.deepEqual(
        lines.map((line) => [line.msg, line.turn]),
        [
          ['utanför', undefined],
          ['före await', 'turn-1'],
          ['efter await, i ett barn', 'turn-1'],
        ],
      );
      assert.ok(lines.every((line) => line.name === LOGGER_NAME));
      assert.equal(currentTurnId(), undefined);
    });

    it('gives each turn its own id, also when turns overlap', async () => {
      const sink = captured();
      const log = createLogger({ level: 'info', destination: sink });
      const turn = (label: string) =>
        runInTurn(async () => {
          const id = currentTurnId();
          for (let step = 0; step < 3; step++) {
            log.info({ label }, 'steg');
            await new Promise((done) => setTimeout(done, 1));
          }
          return id;
        });
      const [a, b] = await Promise.all([turn('a'), turn('b')]);
      assert.ok(a && b && a !== b);
      for (const line of sink.lines()) assert.equal(line.turn, line['label'] === 'a' ? a : b);
    });

    it('redacts message text, names and e-mails that a caller logs by mistake', () => {
      const sink = captured();
      const log = createLogger({ level: 'info', destination: sink });
      log.info({ activity: { text: 'hemligt', from: { id: '29:1', name: 'Anna Andersson' } } }, 'aktivitet');
      log.info(
        { member: { email: 'anna@kommun.se', userPrincipalName: 'anna@kommun.se', aadObjectId: 'x' } },
        'm',
      );
      const raw = sink.raw.join('');
      for (const secret of ['hemligt', 'Anna Andersson', 'anna@kommun.se'])
        assert.ok(!raw.includes(secret), `${secret} in ${raw}`);
      assert.match(raw, /"aadObjectId":"x"/, 'ids stay');
    });
  });

  describe('the server and the real bot', () => {
    let connector: FakeConnector;
    let server: RunningServer;
    let sink: ReturnType<typeof captured>;
    const tenantId = newTenantId();

    before(async () => {
      const azurite = await testAzurite();
      sink = captured();
      // trace: the most the bot and the server ever write.
      const log = createLogger({ level: 'trace', destination: sink });
      const config = loadConfig({
        TABLES_CONNECTION_STRING: azurite.connectionString,
        ALLOWED_TENANT_IDS: tenantId,
      });
      connector = await startFakeConnector({ tenantId });
      connector.addMember({ ...users.anna, tenantId, userRole: 'user' });
      const imported = await runCliForTest(['import', AUDITS_FILE], {
        connectionString: azurite.connectionString,
        tenantId,
      });
      assert.equal(imported.code, 0, imported.err);
      const createBot = await createBotFactory(config, azurite.connectionString, log);
      server = await startServer(
        { ...config, port: 0 },
        {
          log,
          createBot,
          storage: {
            connectionString: azurite.connectionString,
            embedded: true,
            source: 'connectionString',
            close: async () => {},
          },
        },
      );
    });

    after(async () => {
      await server?.close();
      await connector?.close();
    });

    async function post(activity: IncomingActivity): Promise<LogLine[]> {
      const from = sink.raw.length;
      const response = await fetch(server.messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      assert.equal(response.status, 200, await response.text());
      return sink.lines().slice(from);
    }

    it('puts one turn id on every line of a turn, a new one per turn, and no message text, name or e-mail', async () => {
      const secret = 'hemlig kommentar om Anna Andersson';
      const first = await post(
        messageActivity({ text: `A-1 klar ${secret}`, serviceUrl: connector.url, tenantId }),
      );
      const second = await post(messageActivity({ text: 'visa A-1', serviceUrl: connector.url, tenantId }));

      for (const lines of [first, second]) {
        assert.ok(lines.length >= 2, `a turn logs at least its start and end: ${JSON.stringify(lines)}`);
        const ids = new Set(lines.map((line) => line.turn));
        assert.equal(ids.size, 1, `one turn id per turn: ${JSON.stringify(lines)}`);
        assert.equal(typeof lines[0]?.turn, 'string');
      }
      assert.notEqual(first[0]?.turn, second[0]?.turn, 'each turn has its own id');
      assert.ok(
        first.some((line) => line.msg === 'Åtgärd ändrad' && line['ref'] === 1),
        `the bot's own line is in the turn: ${JSON.stringify(first)}`,
      );

      const everything = sink.raw.join('');
      for (const personal of [
        secret,
        'A-1 klar',
        'visa A-1',
        users.anna.name,
        users.anna.givenName,
        users.anna.email,
      ]) {
        assert.ok(!everything.includes(personal), `"${personal}" was logged:\n${everything}`);
      }
    });
  });
});
