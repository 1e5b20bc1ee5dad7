import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/server/config';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CATALOG_ID = '1542629c-01b3-4a6d-8f76-1938b779e48d';

/** A valid configuration outside local mode, with the bot's identity in the municipality's tenant. */
const bot = {
  MicrosoftAppId: 'a1b2c3d4-0000-4000-8000-000000000001',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: TENANT,
  ALLOWED_TENANT_IDS: TENANT,
};

function problems(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
  assert.fail('loadConfig accepted a bad configuration');
}

describe('loadConfig: outbox retention and Graph installs', () => {
  it('reads OUTBOX_RETENTION_DAYS and refuses what is not 1–3650 days', () => {
    assert.equal(loadConfig({ OUTBOX_RETENTION_DAYS: '30' }).outboxRetentionDays, 30);
    for (const bad of ['0', '-5', '3651', '90 dagar', '1.5']) {
      assert.deepEqual(problems({ OUTBOX_RETENTION_DAYS: bad }), [
        `OUTBOX_RETENTION_DAYS="${bad}": ska vara ett antal dagar, ett heltal 1–3650.`,
      ]);
    }
  });

  it('turns Graph installs on with the catalog id and the bot identity, and keeps them off by default', () => {
    const config = loadConfig({
      ...bot,
      GRAPH_INSTALL_ENABLED: 'TRUE',
      TEAMS_APP_CATALOG_ID: CATALOG_ID.toUpperCase(),
      GRAPH_BASE_URL: 'http://127.0.0.1:4010/v1.0/',
    });
    assert.equal(config.graphInstallEnabled, true);
    assert.equal(config.teamsAppCatalogId, CATALOG_ID);
    assert.equal(config.graphBaseUrl, 'http://127.0.0.1:4010/v1.0');
    assert.equal(loadConfig(bot).graphInstallEnabled, false);
    assert.equal(loadConfig({ ...bot, GRAPH_INSTALL_ENABLED: 'false' }).graphInstallEnabled, false);
  });

  it('names what Graph installs lack, every problem at once', () => {
    assert.deepEqual(problems({ GRAPH_INSTALL_ENABLED: 'true' }), [
      'GRAPH_INSTALL_ENABLED: kräver TEAMS_APP_CATALOG_ID, MicrosoftAppId, MicrosoftAppTenantId; boten installerar ' +
        'appen med sin egen identitet i kommunens klient (se docs/graph-install.md), eller sätt ' +
        'GRAPH_INSTALL_ENABLED=false.',
    ]);
    const found = problems({
      ...bot,
      GRAPH_INSTALL_ENABLED: 'ja',
      TEAMS_APP_CATALOG_ID: 'com.kommun.revision',
      GRAPH_BASE_URL: 'http://graph.example.com/v1.0',
    });
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(found[0] ?? '', /^GRAPH_INSTALL_ENABLED="ja": ska vara true eller false\.$/);
    assert.match(
      found[1] ?? '',
      /^TEAMS_APP_CATALOG_ID="com\.kommun\.revision": ska vara appens id .* ett GUID/,
    );
    assert.match(
      found[2] ?? '',
      /^GRAPH_BASE_URL="http:\/\/graph\.example\.com\/v1\.0": ska vara en https-adress/,
    );
  });
});
