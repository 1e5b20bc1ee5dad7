import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ConfigError,
  loadConfig,
  loadDotEnv,
  PLAYGROUND_TENANT_ID,
  type Config,
} from '../../src/server/config';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER = 'b2c3d4e5-0000-4000-8000-000000000002';
const APP_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
const ADMIN = 'c3d4e5f6-0000-4000-8000-000000000003';
/** The Agents Playground's default user (docs/playground.md): 13 digits in the last group, like its tenant. */
const PLAYGROUND_USER = '00000000-0000-0000-0000-0000000000020';

/** The smallest environment that is valid outside local mode. */
const credentials = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'hemligt-lösenord-123',
  ALLOWED_TENANT_IDS: TENANT,
};

/** The seven endpoint settings of a test identity provider (docs/configuration.md), all set together. */
const endpoints = {
  ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:4000/openid',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'http://127.0.0.1:4000/openid',
  ToChannelFromBotLoginUrl: 'http://127.0.0.1:4000/login',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'http://127.0.0.1:4000/oauth',
  CallerId: 'urn:botframework:azure',
};

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, '/srv/bot');
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('loadConfig accepted a bad configuration');
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment (local mode)', () => {
    const expected: Config = {
      port: 3978,
      host: '127.0.0.1',
      tablesConnectionString: null,
      dataDir: '/srv/bot/.data',
      azuritePort: 10002,
      microsoftAppId: null,
      microsoftAppPassword: null,
      microsoftAppTenantId: null,
      microsoftAppType: 'MultiTenant',
      allowedTenantIds: [],
      timeZone: 'Europe/Stockholm',
      adminAadIds: [],
      nodeEnv: 'development',
      logLevel: 'info',
      localMode: true,
      defaultTenantId: PLAYGROUND_TENANT_ID,
      botFrameworkAuth: {},
      outboxRetentionDays: 90,
      graphInstallEnabled: false,
      teamsAppCatalogId: null,
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      fileDownloadHosts: ['sharepoint.com'],
      fileDownloadAllowLoopback: false,
      importMaxBytes: 10 * 1024 * 1024,
      tabAppClientId: null,
      tabJwksUrl: 'https://login.microsoftonline.com/{tenantid}/discovery/v2.0/keys',
    };
    assert.deepEqual(loadConfig({}, '/srv/bot'), expected);
  });

  it('reads LOG_LEVEL and refuses an unknown level', () => {
    assert.equal(loadConfig({ LOG_LEVEL: 'debug' }).logLevel, 'debug');
    assert.throws(() => loadConfig({ LOG_LEVEL: 'chatty' }), /LOG_LEVEL="chatty": ska vara en av fatal/);
  });

  it('treats blank values as unset, as a .env file with "MicrosoftAppId=" means', () => {
    const config = loadConfig({ PORT: ' ', MicrosoftAppId: '', TIME_ZONE: '  ', NODE_ENV: '' }, '/srv/bot');
    assert.equal(config.port, 3978);
    assert.equal(config.localMode, true);
    assert.equal(config.timeZone, 'Europe/Stockholm');
  });

  it('resolves DATA_DIR to an absolute path and uses the other values given', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        AZURITE_PORT: '20002',
        DATA_DIR: 'var/data',
        TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=kommun;AccountKey=abc==;',
        TIME_ZONE: 'europe/helsinki',
        ADMIN_AAD_IDS: ` ${ADMIN.toUpperCase()}, ${PLAYGROUND_USER} `,
        NODE_ENV: 'test',
      },
      '/srv/bot',
    );
    assert.equal(config.port, 8080);
    assert.equal(config.azuritePort, 20002);
    assert.equal(config.dataDir, resolve('/srv/bot', 'var/data'));
    assert.match(config.tablesConnectionString ?? '', /AccountName=kommun/);
    assert.equal(config.timeZone, 'Europe/Helsinki', 'canonical spelling of the zone');
    assert.deepEqual(config.adminAadIds, [ADMIN, PLAYGROUND_USER]);
    assert.equal(config.nodeEnv, 'test');
  });

  describe('rejects each bad variable, naming it', () => {
    const cases: Array<{ name: string; env: NodeJS.ProcessEnv; mentions: string }> = [
      { name: 'PORT not a number', env: { PORT: 'abc' }, mentions: 'PORT="abc"' },
      { name: 'PORT 0', env: { PORT: '0' }, mentions: 'PORT="0"' },
      { name: 'PORT above 65535', env: { PORT: '70000' }, mentions: 'PORT="70000"' },
      { name: 'PORT negative', env: { PORT: '-1' }, mentions: 'PORT="-1"' },
      { name: 'AZURITE_PORT not a number', env: { AZURITE_PORT: '10 002' }, mentions: 'AZURITE_PORT' },
      {
        name: 'AZURITE_PORT equal to PORT',
        env: { PORT: '5000', AZURITE_PORT: '5000' },
        mentions: 'AZURITE_PORT',
      },
      {
        name: 'TIME_ZONE not an IANA zone',
        env: { TIME_ZONE: 'Mars/Olympus' },
        mentions: 'TIME_ZONE="Mars/Olympus"',
      },
      { name: 'TIME_ZONE an offset', env: { TIME_ZONE: 'CET+1' }, mentions: 'TIME_ZONE' },
      {
        name: 'MicrosoftAppType unknown',
        env: { ...credentials, MicrosoftAppType: 'Global' },
        mentions: 'MicrosoftAppType',
      },
      {
        name: 'MicrosoftAppType that is an Object property name',
        env: { ...credentials, MicrosoftAppType: 'constructor' },
        mentions: 'MicrosoftAppType',
      },
      {
        name: 'MicrosoftAppId with a space',
        env: { ...credentials, MicrosoftAppId: 'app id' },
        mentions: 'MicrosoftAppId="app id"',
      },
      {
        name: 'ALLOWED_TENANT_IDS with a space inside',
        env: { ALLOWED_TENANT_IDS: 'abc def' },
        mentions: 'ALLOWED_TENANT_IDS',
      },
      {
        name: 'ALLOWED_TENANT_IDS separated by ;',
        env: { ALLOWED_TENANT_IDS: 'a;b' },
        mentions: 'ALLOWED_TENANT_IDS',
      },
      {
        name: 'ALLOWED_TENANT_IDS not a GUID',
        env: { ALLOWED_TENANT_IDS: 'not-a-guid' },
        mentions: 'ALLOWED_TENANT_IDS="not-a-guid": "not-a-guid" är inget klient-id (tenant id)',
      },
      {
        name: 'ALLOWED_TENANT_IDS with one GUID mistyped among good ones',
        env: { ALLOWED_TENANT_IDS: `${TENANT},22222222-2222-4222-8222-22222222222X` },
        mentions: '"22222222-2222-4222-8222-22222222222x" är inget klient-id',
      },
      {
        name: 'ADMIN_AAD_IDS words, not ids',
        env: { ADMIN_AAD_IDS: 'foo,bar' },
        mentions: 'ADMIN_AAD_IDS="foo,bar": "foo", "bar" är inga Entra-objekt-id',
      },
      {
        name: 'ADMIN_AAD_IDS an e-mail',
        env: { ADMIN_AAD_IDS: 'anna@kommun.se' },
        mentions: 'ADMIN_AAD_IDS',
      },
      {
        name: 'TABLES_CONNECTION_STRING not one',
        env: { TABLES_CONNECTION_STRING: 'kommun' },
        mentions: 'TABLES_CONNECTION_STRING',
      },
      {
        name: 'ValidateAuthority not a boolean',
        env: { ValidateAuthority: 'ja' },
        mentions: 'ValidateAuthority',
      },
      {
        name: 'an endpoint URL that is not a URL',
        env: { ...endpoints, OAuthUrl: 'oauth' },
        mentions: 'OAuthUrl',
      },
      {
        name: 'only some endpoint settings',
        env: { ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:4000/openid' },
        mentions: 'ToChannelFromBotLoginUrl',
      },
      { name: 'wrongly cased MicrosoftAppID', env: { MicrosoftAppID: APP_ID }, mentions: 'MicrosoftAppId' },
      { name: 'password without app id', env: { MicrosoftAppPassword: 'x' }, mentions: 'MicrosoftAppId' },
      {
        name: 'app id without ALLOWED_TENANT_IDS',
        env: { ...credentials, ALLOWED_TENANT_IDS: ' , ' },
        mentions: 'ALLOWED_TENANT_IDS',
      },
      {
        name: 'app id without password',
        env: { ...credentials, MicrosoftAppPassword: '' },
        mentions: 'MicrosoftAppPassword',
      },
      {
        name: 'SingleTenant without tenant id',
        env: { ...credentials, MicrosoftAppType: 'SingleTenant' },
        mentions: 'MicrosoftAppTenantId',
      },
      {
        name: 'UserAssignedMSI with a password',
        env: { ...credentials, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT },
        mentions: 'MicrosoftAppPassword',
      },
    ];
    for (const { name, env, mentions } of cases) {
      it(name, () => {
        const error = configError(env);
        assert.equal(error.name, 'ConfigError');
        assert.equal(error.problems.length, 1, error.message);
        assert.ok(error.message.includes(mentions), `"${mentions}" not in:\n${error.message}`);
      });
    }
  });

  it('lists every problem in one message', () => {
    const error = configError({
      PORT: 'abc',
      AZURITE_PORT: '99999',
      TIME_ZONE: 'Nowhere/City',
      NODE_ENV: 'production',
      ADMIN_AAD_IDS: 'not an id',
    });
    assert.equal(error.problems.length, 5, error.message);
    for (const name of [
      'PORT="abc"',
      'AZURITE_PORT="99999"',
      'TIME_ZONE',
      'ADMIN_AAD_IDS',
      'MicrosoftAppId',
    ]) {
      assert.ok(error.message.includes(name), `${name} not in:\n${error.message}`);
    }
  });

  it('refuses NODE_ENV=production without MicrosoftAppId and says what to set', () => {
    const error = configError({ NODE_ENV: 'production' });
    assert.match(error.message, /NODE_ENV=production/);
    for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'ALLOWED_TENANT_IDS']) {
      assert.ok(error.message.includes(name), `${name} not in:\n${error.message}`);
    }
  });

  it('never echoes a secret back', () => {
    const error = configError({
      MicrosoftAppPassword: 'hemligt-lösenord-123',
      TABLES_CONNECTION_STRING: 'hemlig-sträng',
    });
    assert.ok(!error.message.includes('hemligt-lösenord-123'));
    assert.ok(!error.message.includes('hemlig-sträng'));
  });

  it('starts outside local mode with credentials: all interfaces, nothing defaulted to the Playground', () => {
    const config = loadConfig({ ...credentials, NODE_ENV: 'production' }, '/srv/bot');
    assert.equal(config.localMode, false);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.microsoftAppId, APP_ID);
    assert.equal(config.defaultTenantId, TENANT);
  });

  it('accepts UserAssignedMSI without a password, with a tenant id', () => {
    const config = loadConfig(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppType: 'userassignedmsi',
        MicrosoftAppTenantId: TENANT,
        ALLOWED_TENANT_IDS: TENANT,
      },
      '/srv/bot',
    );
    assert.equal(config.microsoftAppType, 'UserAssignedMSI');
    assert.equal(config.microsoftAppPassword, null);
  });

  describe('ALLOWED_TENANT_IDS and the default tenant', () => {
    const cases: Array<{
      value: string;
      credentials: boolean;
      ids: string[];
      defaultTenantId: string | null;
    }> = [
      { value: '', credentials: false, ids: [], defaultTenantId: PLAYGROUND_TENANT_ID },
      { value: ' , ,', credentials: false, ids: [], defaultTenantId: PLAYGROUND_TENANT_ID },
      { value: ` ${TENANT.toUpperCase()} `, credentials: false, ids: [TENANT], defaultTenantId: TENANT },
      {
        value: `${TENANT}, ,${OTHER},,${TENANT},${TENANT.toUpperCase()}`,
        credentials: false,
        ids: [TENANT, OTHER],
        defaultTenantId: null,
      },
      { value: TENANT, credentials: true, ids: [TENANT], defaultTenantId: TENANT },
      { value: `${TENANT},${OTHER}`, credentials: true, ids: [TENANT, OTHER], defaultTenantId: null },
      {
        value: PLAYGROUND_TENANT_ID,
        credentials: false,
        ids: [PLAYGROUND_TENANT_ID],
        defaultTenantId: PLAYGROUND_TENANT_ID,
      },
    ];
    for (const c of cases) {
      it(`"${c.value}"${c.credentials ? ' with credentials' : ''}`, () => {
        const base = c.credentials ? credentials : {};
        const config = loadConfig({ ...base, ALLOWED_TENANT_IDS: c.value }, '/srv/bot');
        assert.deepEqual(config.allowedTenantIds, c.ids);
        assert.equal(config.defaultTenantId, c.defaultTenantId);
      });
    }
  });

  it('passes the Bot Framework settings that are set, and only those', () => {
    const config = loadConfig(
      { ...credentials, ...endpoints, ValidateAuthority: 'FALSE', OTHER: 'x' },
      '/srv/bot',
    );
    assert.deepEqual(config.botFrameworkAuth, { ...endpoints, ValidateAuthority: 'false' });
    assert.deepEqual(loadConfig({ ValidateAuthority: 'true' }, '/srv/bot').botFrameworkAuth, {
      ValidateAuthority: 'true',
    });
  });
});

describe('loadDotEnv', () => {
  let dir: string;
  const keys = ['REVISION_TEST_FROM_FILE', 'REVISION_TEST_ALREADY_SET', 'REVISION_TEST_EMPTY'];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
  });

  afterEach(() => {
    for (const key of keys) delete process.env[key];
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a .env file without replacing variables that are already set', () => {
    const path = join(dir, '.env');
    writeFileSync(
      path,
      '# kommentar\nREVISION_TEST_FROM_FILE="från filen"\nREVISION_TEST_ALREADY_SET=fil\nREVISION_TEST_EMPTY=fil\n',
    );
    process.env.REVISION_TEST_ALREADY_SET = 'miljö';
    process.env.REVISION_TEST_EMPTY = '';
    assert.equal(loadDotEnv(path), true);
    assert.equal(process.env.REVISION_TEST_FROM_FILE, 'från filen');
    assert.equal(process.env.REVISION_TEST_ALREADY_SET, 'miljö');
    assert.equal(process.env.REVISION_TEST_EMPTY, '');
  });

  it('does nothing when there is no file', () => {
    assert.equal(loadDotEnv(join(dir, '.env')), false);
  });
});
