/**
 * How the scheduler's Graph installs are built from the server's configuration: off by default, on with the bot's
 * own identity (a managed identity or the app secret), and only for the tenant of that identity. The installs
 * themselves are tested end to end in test/bot/e2e/graphInstall.spec.ts.
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import { createSchedulerRuntime } from '../../src/scheduler';
import { loadConfig } from '../../src/server/config';
import { openTables, type Tables } from '../../src/storage';
import { testAzurite } from '../helpers/azurite';

const TENANT = '5e1f0000-0000-4000-8000-00000000000a';
const BOT_ID = '0b070000-0000-4000-8000-00000000000b';
const CATALOG_ID = '3f1a8a4e-6f0b-4c1e-9d55-0a1b2c3d4e5f';

describe('scheduler: Graph installs wired from the configuration', () => {
  let tables: Tables;
  const log = pino({ level: 'silent' });
  // The connector's tokens, which a runtime with an app id needs; never asked for here.
  const tokens = { getToken: async () => null };

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
  });

  it('builds none by default, nor with GRAPH_INSTALL_ENABLED=false', () => {
    for (const env of [{}, { GRAPH_INSTALL_ENABLED: 'false' }]) {
      const runtime = createSchedulerRuntime(tables, loadConfig(env), { log });
      assert.equal(runtime.deps.graphReach, null);
    }
  });

  for (const appType of ['UserAssignedMSI', 'SingleTenant'] as const) {
    it(`builds one for the identity's own tenant only, with ${appType}`, () => {
      const config = loadConfig({
        GRAPH_INSTALL_ENABLED: 'true',
        TEAMS_APP_CATALOG_ID: CATALOG_ID,
        MicrosoftAppId: BOT_ID,
        MicrosoftAppType: appType,
        MicrosoftAppTenantId: TENANT,
        ALLOWED_TENANT_IDS: TENANT,
        ...(appType === 'SingleTenant' ? { MicrosoftAppPassword: 'secret' } : {}),
      });
      const runtime = createSchedulerRuntime(tables, config, { log, tokens });
      const reach = runtime.deps.graphReach;
      assert.ok(reach, 'GRAPH_INSTALL_ENABLED=true builds the Graph installs');
      assert.equal(reach.serves(TENANT.toUpperCase()), true);
      assert.equal(reach.serves('0ther000-0000-4000-8000-000000000000'), false);
    });
  }

  it('refuses to build it without a catalog id or the identity (a caller that skipped the config check)', () => {
    const base = {
      timeZone: 'Europe/Stockholm',
      adminAadIds: [],
      localMode: true,
      graphInstallEnabled: true,
    };
    assert.throws(
      () =>
        createSchedulerRuntime(
          tables,
          { ...base, microsoftAppId: null, microsoftAppTenantId: TENANT },
          { log },
        ),
      /TEAMS_APP_CATALOG_ID/,
    );
    assert.throws(
      () =>
        createSchedulerRuntime(
          tables,
          { ...base, microsoftAppId: null, microsoftAppTenantId: TENANT, teamsAppCatalogId: CATALOG_ID },
          { log },
        ),
      /MicrosoftAppId/,
    );
  });
});
