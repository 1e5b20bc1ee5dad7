import assert from 'node:assert/strict';
import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { fileEvidence, linkEvidence } from '../../src/domain/evidence';
import type { Evidence } from '../../src/domain/types';
import {
  ActionRepository,
  attachEvidence,
  AuditRepository,
  openTables,
  recordVerdict,
  removeEvidence,
} from '../../src/storage';
import type { TabAuditDetail, TabDashboard } from '../../src/tab';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';
import {
  AS_OF,
  BOT_APP_ID,
  PEOPLE,
  seedTenant,
  startIdentityProvider,
  startSignedInTabServer,
  TAB_CLIENT_ID,
  type TabServer,
  type TestIdentityProvider,
} from './support';

/*
 * The tab API with credentials (reliability item 43): Teams SSO tokens signed by a test key and served as a
 * tenant's v2 JWKS on loopback. Every refused request must be refused before storage is read: the storage proxy
 * records every request, and none may arrive while a refused request is handled.
 */
describe('tab API: Teams SSO tokens (Azurite, test identity provider)', () => {
  let idp: TestIdentityProvider;
  let tab: TabServer;
  const tenantId = newTenantId();
  const otherTenant = newTenantId();

  before(async () => {
    idp = await startIdentityProvider();
    const azurite = await testAzurite();
    await seedTenant(azurite.connectionString, tenantId);
    tab = await startSignedInTabServer(azurite.connectionString, idp, tenantId);
  });

  after(async () => {
    await tab?.close();
    await idp?.close();
  });

  /** GETs the dashboard and returns its status, counting the storage requests made meanwhile. */
  async function dashboard(
    token: string | null,
  ): Promise<{ status: number; storageRequests: number; body: unknown }> {
    const before = tab.proxy.requests.length;
    const response = await tab.get('/tab/api/dashboard', token);
    const body: unknown = await response.json();
    return { status: response.status, storageRequests: tab.proxy.requests.length - before, body };
  }

  async function refused(token: string | null, status: number): Promise<void> {
    const answer = await dashboard(token);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.storageRequests, 0, 'storage was read for a refused request');
    assert.ok(typeof (answer.body as { error?: unknown }).error === 'string');
  }

  const chair = () => idp.sign(tenantId, PEOPLE.chair.oid);

  it('accepts a valid token and reads storage only then', async () => {
    const answer = await dashboard(await chair());
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(answer.storageRequests > 0);
    const body = answer.body as TabDashboard;
    assert.equal(body.asOf, AS_OF);
    assert.equal(body.viewer.localMode, false);
    assert.equal(body.botAppId, BOT_APP_ID);
  });

  it('accepts the App ID URI as the audience (api://<host>/<client id>)', async () => {
    const token = await idp.sign(tenantId, PEOPLE.chair.oid, {
      aud: `api://tab.example.se/${TAB_CLIENT_ID}`,
    });
    assert.equal((await dashboard(token)).status, 200);
  });

  it('answers 401 without a token, reading nothing', async () => {
    await refused(null, 401);
  });

  it('answers 401 to a token for another audience', async () => {
    await refused(
      await idp.sign(tenantId, PEOPLE.chair.oid, { aud: 'c0ffee00-0000-4000-8000-000000000000' }),
      401,
    );
    await refused(await idp.sign(tenantId, PEOPLE.chair.oid, { aud: `api://tab.example.se/other-app` }), 401);
    await refused(await idp.sign(tenantId, PEOPLE.chair.oid, { aud: [TAB_CLIENT_ID, 'other'] }), 401);
  });

  it('answers 401 to a token from another issuer', async () => {
    await refused(await idp.sign(tenantId, PEOPLE.chair.oid, { iss: 'https://evil.example/v2.0' }), 401);
    // Another tenant's issuer on a token that claims ours.
    const foreignIssuer = `https://login.microsoftonline.com/${otherTenant}/v2.0`;
    await refused(await idp.sign(tenantId, PEOPLE.chair.oid, { iss: foreignIssuer }), 401);
    // A v1 token (sts.windows.net) is not what the tab asked for.
    await refused(
      await idp.sign(tenantId, PEOPLE.chair.oid, { iss: `https://sts.windows.net/${tenantId}/`, ver: '1.0' }),
      401,
    );
  });

  it('answers 401 to an expired token (beyond five minutes of clock skew)', async () => {
    const expired = Math.floor(Date.now() / 1000) - 10 * 60;
    await refused(
      await idp.sign(
        tenantId,
        PEOPLE.chair.oid,
        { iat: expired - 3600, nbf: expired - 3600 },
        { expiresIn: expired },
      ),
      401,
    );
  });

  it('answers 403 to a valid token from another tenant, fetching no keys for it', async () => {
    const keyRequests = idp.keyRequests;
    await refused(await idp.sign(otherTenant, PEOPLE.chair.oid), 403);
    assert.equal(idp.keyRequests, keyRequests);
  });

  it('answers 401 to a token without the access_as_user scope', async () => {
    await refused(await idp.sign(tenantId, PEOPLE.chair.oid, { scp: 'User.Read' }), 401);
    await refused(await idp.sign(tenantId, PEOPLE.chair.oid, { scp: undefined }), 401);
    // An app-only token carries roles, not scp.
    await refused(
      await idp.sign(tenantId, PEOPLE.chair.oid, { scp: undefined, roles: ['access_as_user'] }),
      401,
    );
  });

  it('answers 401 to an unsigned token (alg: none)', async () => {
    const unsigned = new UnsecuredJWT({
      aud: TAB_CLIENT_ID,
      iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
      tid: tenantId,
      oid: PEOPLE.chair.oid,
      scp: 'access_as_user',
      ver: '2.0',
    })
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
    await refused(unsigned, 401);
  });

  it('answers 401 to a token signed with an unknown key id, or a foreign key under the known id', async () => {
    await refused(
      await idp.sign(tenantId, PEOPLE.chair.oid, {}, { kid: 'unknown-key', key: idp.foreignKey }),
      401,
    );
    await refused(await idp.sign(tenantId, PEOPLE.chair.oid, {}, { key: idp.foreignKey }), 401);
  });

  it('answers 401 to an HMAC token keyed with the public JWKS, and to garbage', async () => {
    const secret = new TextEncoder().encode(TAB_CLIENT_ID);
    const hmac = await new SignJWT({
      aud: TAB_CLIENT_ID,
      tid: tenantId,
      oid: PEOPLE.chair.oid,
      scp: 'access_as_user',
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'HS256', kid: 'tab-key' })
      .setIssuer(`https://login.microsoftonline.com/${tenantId}/v2.0`)
      .setExpirationTime('10m')
      .sign(secret);
    await refused(hmac, 401);
    await refused('not-a-token', 401);
    const before = tab.proxy.requests.length;
    const basic = await tab.get('/tab/api/dashboard', null, { authorization: 'Basic dXNlcjpwYXNz' });
    assert.equal(basic.status, 401);
    assert.equal(tab.proxy.requests.length, before);
  });

  it('refuses the other API addresses the same way, reading nothing', async () => {
    for (const path of ['/tab/api/committees', '/tab/api/audits/x', '/tab/api/report?format=csv']) {
      const before = tab.proxy.requests.length;
      const response = await tab.get(path, null);
      assert.equal(response.status, 401, path);
      assert.equal(tab.proxy.requests.length, before, path);
    }
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await idp.sign(tenantId, PEOPLE.chair.oid, {}, { key: privateKey });
    const response = await tab.get('/tab/api/report?format=csv', forged);
    assert.equal(response.status, 401);
  });

  it('sends the tab Content-Security-Policy with the API answers, refused or not', async () => {
    for (const token of [null, await chair()]) {
      const response = await tab.get('/tab/api/dashboard', token);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors https:\/\/\*\.cloud\.microsoft https:\/\/teams\.microsoft\.com /);
      assert.match(csp, /default-src 'self'/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
    }
  });
});

describe('tab API: each role sees exactly its rows (Azurite)', () => {
  let idp: TestIdentityProvider;
  let tab: TabServer;
  const tenantId = newTenantId();

  before(async () => {
    idp = await startIdentityProvider();
    const azurite = await testAzurite();
    await seedTenant(azurite.connectionString, tenantId);
    tab = await startSignedInTabServer(azurite.connectionString, idp, tenantId);
  });

  after(async () => {
    await tab?.close();
    await idp?.close();
  });

  async function dashboardOf(
    oid: string,
    claims: Record<string, unknown> = {},
    query = '',
  ): Promise<TabDashboard> {
    const response = await tab.get(`/tab/api/dashboard${query}`, await idp.sign(tenantId, oid, claims));
    assert.equal(response.status, 200);
    return (await response.json()) as TabDashboard;
  }

  /** The references a dashboard shows, from its overdue list, and its committees' totals. */
  function seen(body: TabDashboard) {
    return {
      committees: body.committees.map((row) => `${row.committee}:${row.total}`),
      overdue: body.overdue.map((action) => action.reference),
      audits: body.audits.map((audit) => audit.diaryNumber),
    };
  }

  const everything = {
    committees: ['Socialnämnden:1', 'Tekniska nämnden:2', 'Äldrenämnden:2'],
    overdue: ['A-4', 'A-1', 'A-3'],
    audits: ['ÄN 2024-00042', 'TN 2025-00007'],
  };

  for (const role of ['chair', 'auditor', 'admin'] as const) {
    it(`shows the ${role} every committee, overdue action and audit`, async () => {
      const body = await dashboardOf(PEOPLE[role].oid);
      assert.deepEqual(seen(body), everything);
      assert.equal(body.viewer.scope, 'all');
      // As in chat: `rapport` for the chair and admins, `uppföljning` for them and auditors.
      assert.equal(body.viewer.mayDownload, role !== 'auditor');
      assert.equal(body.viewer.mayDownloadReviewPack, true);
      assert.deepEqual(
        { ...body.totals, shareDone: undefined },
        {
          committee: 'Totalt',
          planned: 0,
          inProgress: 1,
          done: 1,
          overdue: 3,
          cancelled: 0,
          total: 5,
          shareDone: undefined,
        },
      );
    });
  }

  it('compresses the dashboard for a client that accepts gzip, and sends it as it is to one that does not', async () => {
    const token = await idp.sign(tenantId, PEOPLE.chair.oid);
    const raw = (acceptEncoding: string | null) =>
      new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>(
        (resolve, reject) => {
          const headers: Record<string, string> = { authorization: `Bearer ${token}` };
          if (acceptEncoding !== null) headers['accept-encoding'] = acceptEncoding;
          httpGet(`${tab.url}/tab/api/dashboard`, { headers }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                encoding: response.headers['content-encoding'],
                vary: response.headers['vary'],
                body: Buffer.concat(chunks),
              }),
            );
          }).on('error', reject);
        },
      );
    const plain = await raw(null);
    assert.equal(plain.encoding, undefined);
    const expected: unknown = JSON.parse(plain.body.toString('utf8'));
    assert.deepEqual(seen(expected as TabDashboard), everything);

    const compressed = await raw('gzip, deflate, br');
    assert.equal(compressed.encoding, 'gzip');
    assert.equal(compressed.vary, 'Accept-Encoding');
    assert.ok(compressed.body.byteLength < plain.body.byteLength, 'no smaller');
    assert.deepEqual(JSON.parse(gunzipSync(compressed.body).toString('utf8')), expected);

    assert.equal((await raw('gzip;q=0, identity')).encoding, undefined);
  });

  it('shows a coordinator their committee only', async () => {
    const body = await dashboardOf(PEOPLE.coordinator.oid);
    assert.deepEqual(seen(body), {
      committees: ['Socialnämnden:1'],
      overdue: ['A-3'],
      audits: ['ÄN 2024-00042'],
    });
    assert.equal(body.viewer.scope, 'committees');
    assert.equal(body.viewer.mayDownload, false);
    assert.equal(body.viewer.mayDownloadReviewPack, false);
  });

  it('shows an official their own actions only, and offers no download', async () => {
    const body = await dashboardOf(PEOPLE.official.oid);
    assert.deepEqual(seen(body), {
      committees: ['Tekniska nämnden:2'],
      overdue: ['A-4'],
      audits: ['TN 2025-00007'],
    });
    assert.equal(body.viewer.scope, 'own');
    assert.equal(body.viewer.mayDownload, false);
    assert.equal(body.viewer.mayDownloadReviewPack, false);
    const report = await tab.get('/tab/api/report?format=csv', await idp.sign(tenantId, PEOPLE.official.oid));
    assert.equal(report.status, 403);
  });

  it('shows a guest nothing, whatever role their object id was granted', async () => {
    const body = await dashboardOf(PEOPLE.guest.oid, {
      idp: 'https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/',
    });
    assert.deepEqual(seen(body), { committees: [], overdue: [], audits: [] });
    assert.equal(body.viewer.scope, 'none');
    // The same object id without the guest marker holds the chair's grant: the marker is what takes it away.
    assert.deepEqual(seen(await dashboardOf(PEOPLE.guest.oid)), everything);
  });

  it('shows someone the bot has not met nothing, and says it does not know their e-mail', async () => {
    const body = await dashboardOf(PEOPLE.stranger.oid);
    assert.deepEqual(seen(body), { committees: [], overdue: [], audits: [] });
    assert.equal(body.viewer.knownEmail, false);
  });

  it('narrows to the committees a channel tab chose, never beyond the person’s own', async () => {
    const chair = await dashboardOf(PEOPLE.chair.oid, {}, `?committee=${encodeURIComponent('äldrenämnden')}`);
    assert.deepEqual(seen(chair), {
      committees: ['Äldrenämnden:2'],
      overdue: ['A-1'],
      audits: ['ÄN 2024-00042'],
    });
    assert.deepEqual(chair.selectedCommittees, ['äldrenämnden']);
    const coordinator = await dashboardOf(
      PEOPLE.coordinator.oid,
      {},
      `?committee=${encodeURIComponent('Tekniska nämnden')}`,
    );
    assert.deepEqual(seen(coordinator), { committees: [], overdue: [], audits: [] });
  });

  it('shows an audit with the recommendations and actions the person may see; 404 for the rest', async () => {
    const chair = await dashboardOf(PEOPLE.chair.oid);
    const audit = chair.audits.find((a) => a.diaryNumber === 'ÄN 2024-00042');
    assert.ok(audit);
    const path = `/tab/api/audits/${encodeURIComponent(audit.id)}`;
    const full = (await (
      await tab.get(path, await idp.sign(tenantId, PEOPLE.chair.oid))
    ).json()) as TabAuditDetail;
    assert.deepEqual(
      full.recommendations.map((rec) => rec.actions.map((a) => `${a.reference} ${a.status}`)),
      [['A-1 Försenad', 'A-2 Pågår'], ['A-3 Försenad']],
    );
    const coordinator = (await (
      await tab.get(path, await idp.sign(tenantId, PEOPLE.coordinator.oid))
    ).json()) as TabAuditDetail;
    assert.deepEqual(
      coordinator.recommendations.map((rec) => rec.actions.map((a) => a.reference)),
      [['A-3']],
    );
    const official = await tab.get(path, await idp.sign(tenantId, PEOPLE.official.oid));
    assert.equal(official.status, 404);
    const unknown = await tab.get(
      '/tab/api/audits/no-such-audit',
      await idp.sign(tenantId, PEOPLE.chair.oid),
    );
    assert.equal(unknown.status, 404);
  });

  it('shows each recommendation with its R-reference and the auditors’ full verdict history: who, when, verdict, comment', async () => {
    const tables = await openTables((await testAzurite()).connectionString);
    const audits = new AuditRepository(tables.audits);
    const deps = { audits, actions: new ActionRepository(tables.actions) };
    const chair = await dashboardOf(PEOPLE.chair.oid);
    const audit = chair.audits.find((a) => a.diaryNumber === 'ÄN 2024-00042');
    assert.ok(audit);
    const [first] = (await audits.recommendations.listRecommendations(tenantId)).filter(
      (rec) => rec.auditId === audit.id,
    );
    assert.ok(first);
    const judge = async (
      verdict: 'Ej åtgärdad' | 'Delvis åtgärdad',
      date: string,
      by: string,
      comment: string,
    ) => {
      const saved = await recordVerdict(
        deps,
        tenantId,
        { ref: first.ref, verdict, comment, date, expectedVersion: null },
        { by, now: new Date(`${date}T10:00:00Z`) },
        () => true,
      );
      assert.equal(saved.kind, 'saved');
    };
    // The first as an import records it (an e-mail), the second as chat does (the auditor's object id).
    await judge('Ej åtgärdad', '2025-09-01', 'revisor@kommun.se', 'Inget gjort ännu');
    await judge('Delvis åtgärdad', '2026-03-20', PEOPLE.auditor.oid, 'kvar');
    const detailFor = async (oid: string) =>
      (await (
        await tab.get(`/tab/api/audits/${encodeURIComponent(audit.id)}`, await idp.sign(tenantId, oid))
      ).json()) as TabAuditDetail;
    const detail = await detailFor(PEOPLE.chair.oid);
    const shown = detail.recommendations.find((rec) => rec.id === first.recommendationId);
    assert.equal(shown?.ref, `R-${first.ref}`);
    assert.deepEqual(shown?.verdicts, [
      { verdict: 'Ej åtgärdad', date: '2025-09-01', by: 'revisor@kommun.se', comment: 'Inget gjort ännu' },
      { verdict: 'Delvis åtgärdad', date: '2026-03-20', by: PEOPLE.auditor.email, comment: 'kvar' },
    ]);
    const others = detail.recommendations.filter((rec) => rec.id !== first.recommendationId);
    assert.ok(others.every((rec) => rec.ref !== undefined && rec.verdicts === undefined));
    // The coordinator (Socialnämnden) is shown only the other recommendation, and no verdict of this one.
    const coordinator = await detailFor(PEOPLE.coordinator.oid);
    assert.ok(coordinator.recommendations.every((rec) => rec.verdicts === undefined));
  });

  it('shows each action’s live evidence: links with their address, files by name, taken-back items gone', async () => {
    const tables = await openTables((await testAzurite()).connectionString);
    const deps = {
      audits: new AuditRepository(tables.audits),
      actions: new ActionRepository(tables.actions),
    };
    const context = { by: PEOPLE.official.oid, now: new Date('2026-03-25T10:00:00Z') };
    const attach = async (ref: number, evidence: Evidence) =>
      assert.equal(
        (await attachEvidence(deps, tenantId, { ref, expectedVersion: null, evidence }, context, () => true))
          .kind,
        'saved',
      );
    await attach(4, linkEvidence('https://kommun.se/protokoll/tn-2026-03.pdf', 'Protokoll mars'));
    await attach(
      4,
      fileEvidence({
        name: 'Investeringsreglemente 2026.docx',
        contentUrl: 'https://kommun.sharepoint.com/personal/tore/Documents/reglemente.docx',
        uniqueId: 'f1e2d3c4',
      }),
    );
    await attach(4, linkEvidence('https://kommun.se/utkast.pdf', 'Utkast'));
    const history = await deps.actions.listHistory(tenantId, 4);
    const draft = history.find(
      (event) => event.kind === 'evidence' && event.evidence?.description === 'Utkast',
    );
    assert.ok(draft);
    const removed = await removeEvidence(
      deps,
      tenantId,
      { ref: 4, expectedVersion: null, item: draft.seq, reason: 'fel fil' },
      context,
      () => true,
    );
    assert.equal(removed.kind, 'saved');

    const official = await dashboardOf(PEOPLE.official.oid);
    const audit = official.audits.find((a) => a.diaryNumber === 'TN 2025-00007');
    assert.ok(audit);
    for (const oid of [PEOPLE.official.oid, PEOPLE.chair.oid]) {
      const detail = (await (
        await tab.get(`/tab/api/audits/${encodeURIComponent(audit.id)}`, await idp.sign(tenantId, oid))
      ).json()) as TabAuditDetail;
      const actions = detail.recommendations.flatMap((rec) => rec.actions);
      assert.deepEqual(actions.find((action) => action.reference === 'A-4')?.evidence, [
        { description: 'Protokoll mars', url: 'https://kommun.se/protokoll/tn-2026-03.pdf', name: null },
        { description: null, url: null, name: 'Investeringsreglemente 2026.docx' },
      ]);
      assert.ok(
        actions.filter((action) => action.reference !== 'A-4').every((a) => a.evidence === undefined),
      );
    }
  });

  it('offers the committees a person may pick for a channel tab', async () => {
    const pick = async (oid: string) =>
      (
        (await (await tab.get('/tab/api/committees', await idp.sign(tenantId, oid))).json()) as {
          committees: string[];
        }
      ).committees;
    assert.deepEqual(await pick(PEOPLE.chair.oid), ['Socialnämnden', 'Tekniska nämnden', 'Äldrenämnden']);
    assert.deepEqual(await pick(PEOPLE.coordinator.oid), ['Socialnämnden']);
    assert.deepEqual(await pick(PEOPLE.official.oid), ['Tekniska nämnden']);
    assert.deepEqual(await pick(PEOPLE.stranger.oid), []);
  });

  it('downloads the board report in each format for the chair and admins only, as `rapport` in chat', async () => {
    for (const who of [PEOPLE.chair, PEOPLE.admin]) {
      const token = await idp.sign(tenantId, who.oid);
      for (const format of ['md', 'html', 'csv', 'xlsx']) {
        const response = await tab.get(`/tab/api/report?format=${format}`, token);
        assert.equal(response.status, 200, format);
        assert.equal(
          response.headers.get('content-disposition'),
          `attachment; filename="aterrapportering-${AS_OF}.${format}"; filename*=UTF-8''aterrapportering-${AS_OF}.${format}`,
        );
        assert.ok((await response.arrayBuffer()).byteLength > 100, format);
      }
      const csv = await (await tab.get('/tab/api/report?format=csv', token)).text();
      for (const ref of ['A-1', 'A-2', 'A-3', 'A-4', 'A-5']) assert.match(csv, new RegExp(`${ref};`));
    }
    for (const who of [PEOPLE.auditor, PEOPLE.coordinator, PEOPLE.official, PEOPLE.stranger]) {
      const refused = await tab.get('/tab/api/report?format=csv', await idp.sign(tenantId, who.oid));
      assert.equal(refused.status, 403, who.oid);
      assert.equal(refused.headers.get('content-disposition'), null);
      assert.match(((await refused.json()) as { error: string }).error, /ordförande och administratörer/);
    }
    const guest = await tab.get(
      '/tab/api/report?format=csv',
      await idp.sign(tenantId, PEOPLE.guest.oid, {
        idp: 'https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/',
      }),
    );
    assert.equal(guest.status, 403);
    const bad = await tab.get('/tab/api/report?format=pdf', await idp.sign(tenantId, PEOPLE.chair.oid));
    assert.equal(bad.status, 400);
  });

  it('writes the board report in the language the page asks for, Swedish by default', async () => {
    const token = await idp.sign(tenantId, PEOPLE.chair.oid);
    const swedish = await (await tab.get('/tab/api/report?format=md', token)).text();
    assert.match(swedish, /^# Återrapportering av revisionsgranskningar/m);
    const english = await (await tab.get('/tab/api/report?format=md&lang=en', token)).text();
    assert.match(english, /^# Follow-up of audit reports/m);
    const unknown = await tab.get('/tab/api/report?format=md&lang=de', token);
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { error: string }).error, /välj sv eller en/);
  });

  it('downloads an audit’s follow-up review pack for auditors, the chair and admins, as `uppföljning` in chat', async () => {
    const chair = await dashboardOf(PEOPLE.chair.oid);
    const audit = chair.audits.find((a) => a.diaryNumber === 'ÄN 2024-00042');
    assert.ok(audit);
    const path = (format: string, lang = '') =>
      `/tab/api/audits/${encodeURIComponent(audit.id)}/review?format=${format}${lang ? `&lang=${lang}` : ''}`;
    for (const who of [PEOPLE.auditor, PEOPLE.chair, PEOPLE.admin]) {
      const token = await idp.sign(tenantId, who.oid);
      for (const format of ['md', 'html', 'xlsx']) {
        const response = await tab.get(path(format), token);
        assert.equal(response.status, 200, `${who.oid} ${format}`);
        // The diary number's Ä is kept in the UTF-8 name and becomes A in the plain one; the space becomes -.
        assert.equal(
          response.headers.get('content-disposition'),
          `attachment; filename="uppfoljning-AN-2024-00042-${AS_OF}.${format}"; ` +
            `filename*=UTF-8''${encodeURIComponent(`uppfoljning-ÄN-2024-00042-${AS_OF}.${format}`)}`,
        );
        assert.ok((await response.arrayBuffer()).byteLength > 100, format);
      }
    }
    const token = await idp.sign(tenantId, PEOPLE.auditor.oid);
    const md = await (await tab.get(path('md'), token)).text();
    for (const ref of ['A-1', 'A-2', 'A-3']) assert.ok(md.includes(ref), ref);
    assert.ok(!md.includes('A-4'), 'another audit’s action is in the pack');
    const english = await (await tab.get(path('md', 'en'), token)).text();
    assert.notEqual(english, md);

    for (const who of [PEOPLE.coordinator, PEOPLE.official, PEOPLE.stranger]) {
      const refused = await tab.get(path('md'), await idp.sign(tenantId, who.oid));
      assert.equal(refused.status, 403, who.oid);
      assert.equal(refused.headers.get('content-disposition'), null);
    }
    const guest = await tab.get(
      path('md'),
      await idp.sign(tenantId, PEOPLE.auditor.oid, {
        idp: 'https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/',
      }),
    );
    assert.equal(guest.status, 403);
    assert.equal((await tab.get(path('csv'), token)).status, 400);
    assert.equal((await tab.get(path('md', 'de'), token)).status, 400);
    assert.equal((await tab.get('/tab/api/audits/no-such-audit/review?format=md', token)).status, 404);

    // An audit without actions has no pack: nothing to follow up.
    const tables = await openTables((await testAzurite()).connectionString);
    await new AuditRepository(tables.audits).createAudit(tenantId, {
      id: 'utan-atgarder',
      title: 'Granskning utan åtgärder',
      auditor: 'Stadsrevisionen',
      reportDate: '2026-02-01',
      diaryNumber: 'KS 2026-00001',
      committees: ['Tekniska nämnden'],
      responseDue: [],
      boardFeedback: [],
      recommendations: [{ id: 'R1', text: 'Se över rutinerna', committees: ['Tekniska nämnden'] }],
    });
    // An audit the committees never answered has a pack too, as in chat: its recommendation stands without actions.
    const empty = await tab.get('/tab/api/audits/utan-atgarder/review?format=md', token);
    assert.equal(empty.status, 200);
    assert.match(await empty.text(), /Se över rutinerna/);
  });

  it('counts closed and newly overdue actions per month over the last 12 months', async () => {
    const body = await dashboardOf(PEOPLE.chair.oid);
    assert.equal(body.trend.length, 12);
    assert.equal(body.trend[0]?.month, '2025-04');
    assert.equal(body.trend[11]?.month, '2026-03');
    const nonZero = body.trend.filter((m) => m.closed > 0 || m.becameOverdue > 0);
    // A-4 was due 2025-06-30 but moved to 2025-10-31 first; A-1 due 2025-12-31; A-3 due 2026-01-15; A-5 done in February.
    assert.deepEqual(nonZero, [
      { month: '2025-11', closed: 0, becameOverdue: 1 },
      { month: '2026-01', closed: 0, becameOverdue: 2 },
      { month: '2026-02', closed: 1, becameOverdue: 0 },
    ]);
  });
});
