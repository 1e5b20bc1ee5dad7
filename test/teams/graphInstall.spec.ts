import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  createGraphCredential,
  GRAPH_SCOPE,
  GraphInstaller,
  INSTALL_PERMISSION,
  USER_READ_PERMISSION,
  type GraphInstallerOptions,
} from '../../src/teams/graphInstall';
import { startFakeGraph, type FakeGraph } from '../helpers/fakeGraph';

const CATALOG_ID = '1542629c-01b3-4a6d-8f76-1938b779e48d';
const TOKEN = 'graph-test-token';

/** A credential that hands out a fixed token and remembers the scopes asked for. */
class FixedCredential implements TokenCredential {
  readonly scopes: string[] = [];
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...[scopes].flat());
    return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

describe('GraphInstaller (fake Microsoft Graph on loopback)', function () {
  this.timeout(30_000);
  let graph: FakeGraph;
  let credential: FixedCredential;
  /** Waits the installer asked for (Retry-After, backoff), answered at once. */
  let waits: number[];
  let clock: number;

  const installer = (options: Partial<GraphInstallerOptions> = {}) =>
    new GraphInstaller({
      credential,
      catalogAppId: CATALOG_ID,
      baseUrl: graph.url,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      ...options,
    });

  beforeEach(async () => {
    graph = await startFakeGraph({ token: TOKEN, catalogAppIds: [CATALOG_ID] });
    credential = new FixedCredential();
    waits = [];
    clock = Date.parse('2026-03-17T08:00:00Z');
  });
  afterEach(() => graph.close());

  it('installs the app: looks the user up by UPN, then binds the catalog app (201)', async () => {
    const anna = graph.addUser('anna.andersson@kommun.se');
    const outcome = await installer().installForUser(' Anna.Andersson@kommun.se ');
    assert.deepEqual(outcome, { kind: 'installed', userId: anna.id });
    assert.deepEqual(
      graph.requests.map((request) => `${request.method} ${request.path} ${request.status}`),
      [
        'GET /v1.0/users/anna.andersson%40kommun.se?$select=id 200',
        `POST /v1.0/users/${anna.id}/teamwork/installedApps 201`,
      ],
    );
    assert.deepEqual(graph.requests[1]?.body, {
      'teamsApp@odata.bind': `${graph.url}/appCatalogs/teamsApps/${CATALOG_ID}`,
    });
    assert.ok(graph.requests.every((request) => request.authorization === `Bearer ${TOKEN}`));
    assert.deepEqual([...new Set(credential.scopes)], [GRAPH_SCOPE]);
    assert.deepEqual(
      graph.installs.map(({ userId, catalogAppId }) => ({ userId, catalogAppId })),
      [{ userId: anna.id, catalogAppId: CATALOG_ID }],
    );
  });

  it('reports an app the user has already as alreadyInstalled (409)', async () => {
    const bo = graph.addUser('bo@kommun.se');
    graph.markInstalled(bo.id, CATALOG_ID);
    assert.deepEqual(await installer().installForUser('bo@kommun.se'), {
      kind: 'alreadyInstalled',
      userId: bo.id,
    });
    assert.equal(graph.installs.length, 0);
  });

  it('reports a user Graph does not know as userNotFound (404), and installs nothing', async () => {
    assert.deepEqual(await installer().installForUser('slutat@kommun.se'), { kind: 'userNotFound' });
    assert.deepEqual(
      graph.requests.map((request) => request.method),
      ['GET'],
    );
  });

  it('403 on the install: names the missing permission once, is not retried, and asks Graph no more', async () => {
    graph.addUser('anna@kommun.se');
    graph.addUser('bo@kommun.se');
    graph.setPermissions(['User.Read.All']);
    const install = installer({ permissionRecheckMs: 3_600_000 });

    const first = await install.installForUser('anna@kommun.se');
    assert.equal(first.kind, 'permissionMissing');
    assert.ok(first.kind === 'permissionMissing');
    assert.equal(first.permission, INSTALL_PERMISSION);
    assert.equal(first.firstReport, true);
    assert.match(
      first.message,
      /^Boten saknar Graph-behörigheten TeamsAppInstallation\.ReadWriteForUser\.All /,
    );
    assert.match(first.message, /docs\/graph-install\.md/);
    assert.equal(graph.requests.filter((request) => request.method === 'POST').length, 1, 'not retried');
    assert.deepEqual(waits, []);

    // The next owner in the same pass: the same answer, not told again, and no request to Graph.
    const requests = graph.requests.length;
    const second = await install.installForUser('bo@kommun.se');
    assert.deepEqual(second, { ...first, firstReport: false });
    assert.equal(graph.requests.length, requests);
    assert.deepEqual(install.permissionProblem, { permission: INSTALL_PERMISSION, message: first.message });

    // An hour later the admin has granted it: Graph is asked again, and the install goes through.
    graph.setPermissions(['User.Read.All', 'TeamsAppInstallation.ReadWriteForUser.All']);
    clock += 3_600_000;
    assert.equal((await install.installForUser('bo@kommun.se')).kind, 'installed');
    assert.equal(install.permissionProblem, null);
  });

  it('403 on the user lookup names User.Read.All', async () => {
    graph.addUser('anna@kommun.se');
    graph.setPermissions(['TeamsAppInstallation.ReadWriteForUser.All']);
    const outcome = await installer().installForUser('anna@kommun.se');
    assert.ok(outcome.kind === 'permissionMissing', outcome.kind);
    assert.equal(outcome.permission, USER_READ_PERMISSION);
    assert.equal(graph.requests.length, 1);
  });

  it('429 with Retry-After: waits as long as Graph says, then installs once', async () => {
    const anna = graph.addUser('anna@kommun.se');
    graph.throttleNext(2, 7);
    const outcome = await installer().installForUser('anna@kommun.se');
    assert.deepEqual(outcome, { kind: 'installed', userId: anna.id });
    assert.deepEqual(waits, [7_000, 7_000]);
    assert.deepEqual(
      graph.requests.map((request) => request.status),
      [429, 429, 200, 201],
    );
    assert.equal(graph.installs.length, 1);
  });

  it('429 beyond the bounds: throttled, after the most attempts or at once for a Retry-After too long', async () => {
    graph.addUser('anna@kommun.se');
    graph.throttleNext(10, 2);
    const outcome = await installer({ maxAttempts: 3 }).installForUser('anna@kommun.se');
    assert.deepEqual(outcome, { kind: 'throttled', retryAfterMs: 2_000 });
    assert.equal(graph.requests.length, 3);
    assert.deepEqual(waits, [2_000, 2_000]);

    await graph.close();
    graph = await startFakeGraph({ token: TOKEN, catalogAppIds: [CATALOG_ID] });
    graph.addUser('anna@kommun.se');
    graph.throttleNext(1, 3_600);
    waits = [];
    const long = await installer().installForUser('anna@kommun.se');
    assert.deepEqual(long, { kind: 'throttled', retryAfterMs: 3_600_000 });
    assert.equal(graph.requests.length, 1);
    assert.deepEqual(waits, []);
  });

  it('reports a missing catalog app, a refused token and an unreachable Graph as failed', async () => {
    graph.addUser('anna@kommun.se');
    const wrongApp = await installer({ catalogAppId: '00000000-0000-4000-8000-00000000dead' }).installForUser(
      'anna@kommun.se',
    );
    assert.ok(wrongApp.kind === 'failed', wrongApp.kind);
    assert.equal(wrongApp.status, 404);
    assert.match(wrongApp.message, /finns inte i appkatalogen \(TEAMS_APP_CATALOG_ID\)/);

    const noToken: TokenCredential = {
      getToken: async () => {
        throw new Error('ManagedIdentityCredential: no managed identity endpoint\nmore detail');
      },
    };
    const refused = await installer({ credential: noToken }).installForUser('anna@kommun.se');
    assert.deepEqual(refused, {
      kind: 'failed',
      status: null,
      code: null,
      message: 'Ingen token för Microsoft Graph: ManagedIdentityCredential: no managed identity endpoint',
    });

    const url = graph.url;
    await graph.close();
    const down = await installer({ baseUrl: url }).installForUser('anna@kommun.se');
    assert.ok(down.kind === 'failed' && down.status === null, JSON.stringify(down));
    assert.match(down.message, /^Microsoft Graph nåddes inte: /);
  });

  it('keeps installs under the per-second limit and one user at a time', async () => {
    await graph.close();
    graph = await startFakeGraph({
      token: TOKEN,
      catalogAppIds: [CATALOG_ID],
      enforceInstallLimit: true,
      installsPerSecond: 5,
      installDelayMs: 20,
    });
    const emails = Array.from({ length: 11 }, (_, n) => `person${n}@kommun.se`);
    for (const email of emails) graph.addUser(email);
    // Real time here: the fake measures the rate on its own clock.
    const real = new GraphInstaller({
      credential,
      catalogAppId: CATALOG_ID,
      baseUrl: graph.url,
      installsPerSecond: 5,
    });
    const started = Date.now();
    const outcomes = await Promise.all([
      ...emails.map((email) => real.installForUser(email)),
      real.installForUser('person0@kommun.se'),
    ]);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 2_000, `11 installs at 5/s took ${elapsed} ms`);
    assert.equal(graph.requests.filter((request) => request.status === 429).length, 0);
    assert.equal(graph.installs.length, 11);
    assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), [
      'alreadyInstalled',
      ...Array.from({ length: 11 }, () => 'installed'),
    ]);
    assert.equal(graph.maxConcurrentPerUser, 1);
  });

  it('refuses an owner without an e-mail address as a caller bug', async () => {
    await assert.rejects(installer().installForUser('Anna Andersson'), TypeError);
    assert.equal(graph.requests.length, 0);
  });

  it('builds the managed identity or app registration credential from the bot identity', async () => {
    const { ClientSecretCredential, ManagedIdentityCredential } = await import('@azure/identity');
    assert.ok(
      (await createGraphCredential({ kind: 'managedIdentity', clientId: CATALOG_ID })) instanceof
        ManagedIdentityCredential,
    );
    assert.ok(
      (await createGraphCredential({
        kind: 'clientSecret',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        clientId: CATALOG_ID,
        clientSecret: 'hemlighet',
      })) instanceof ClientSecretCredential,
    );
  });
});
