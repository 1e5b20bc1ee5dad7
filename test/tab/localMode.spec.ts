import assert from 'node:assert/strict';
import { RoleRepository, openTables } from '../../src/storage';
import { PLAYGROUND_DEMO_USER, type TabDashboard } from '../../src/tab';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';
import { seedTenant, startTabServer, type TabServer } from './support';

/*
 * Local mode (no MicrosoftAppId, loopback only): the tab API takes a request without a token as the Agents
 * Playground's demo user, with the roles the demo user holds in storage, as chat does.
 */
describe('tab API in local mode: the Playground demo user', () => {
  let tab: TabServer;
  const tenantId = newTenantId();

  before(async () => {
    const azurite = await testAzurite();
    await seedTenant(azurite.connectionString, tenantId);
    const tables = await openTables(azurite.connectionString);
    const roles = new RoleRepository(tables.roles, tables.users);
    await roles.addRole(tenantId, {
      role: 'coordinator',
      principal: PLAYGROUND_DEMO_USER.email,
      committee: 'Äldrenämnden',
    });
    tab = await startTabServer({
      connectionString: azurite.connectionString,
      env: { ALLOWED_TENANT_IDS: tenantId },
    });
  });

  after(async () => {
    await tab?.close();
  });

  it('listens on loopback only', () => {
    assert.equal(tab.config.localMode, true);
    assert.equal(tab.config.host, '127.0.0.1');
  });

  it('answers a request without a token as the demo user, with the demo user’s roles', async () => {
    const response = await tab.get('/tab/api/dashboard');
    assert.equal(response.status, 200);
    const body = (await response.json()) as TabDashboard;
    assert.equal(body.viewer.localMode, true);
    assert.equal(body.viewer.name, PLAYGROUND_DEMO_USER.name);
    assert.equal(body.viewer.scope, 'committees');
    assert.deepEqual(
      body.committees.map((row) => row.committee),
      ['Äldrenämnden'],
    );
    assert.equal(body.botAppId, null);
  });

  it('still refuses a request that carries a token it cannot check, reading nothing', async () => {
    const before = tab.proxy.requests.length;
    const response = await tab.get('/tab/api/dashboard', 'a.b.c');
    assert.equal(response.status, 503);
    assert.equal(tab.proxy.requests.length, before);
  });

  it('sends the CSP with every answer under /tab/, the page included', async () => {
    const redirect = await fetch(`${tab.url}/tab`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/tab/');
    for (const path of [
      '/tab/',
      '/tab/config.html',
      '/tab/nothing.js',
      '/tab/api/nothing',
      '/tab/%2e%2e%2fpackage.json',
    ]) {
      const response = await tab.get(path);
      assert.match(
        response.headers.get('content-security-policy') ?? '',
        /frame-ancestors https:\/\/\*\.cloud\.microsoft/,
        path,
      );
      assert.notEqual(response.status, 200, path);
    }
  });
});
