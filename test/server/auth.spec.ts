import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import pino from 'pino';
import { createBotFactory } from '../../src/server/botFactory';
import { loadConfig } from '../../src/server/config';
import { installationUpdate, messageActivity } from '../helpers/activities';
import { testAzurite } from '../helpers/azurite';
import { startBotHarness, type BotHarness } from '../helpers/botHarness';
import { newTenantId } from '../helpers/ids';

/*
 * The authenticated path, as reliability.md asks: tokens signed by a test key, served by a test OpenID/JWKS
 * endpoint (as botbuilder-js's own tests do), never by turning authentication off.
 */
const APP_ID = 'b0a1c2d3-0000-4000-8000-00000000a11d';
const ISSUER = 'https://api.botframework.com';

interface IdentityProvider {
  url: string;
  sign(
    claims: Record<string, unknown>,
    options?: { kid?: string; key?: KeyLike; expiresIn?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

async function startIdentityProvider(): Promise<IdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };
  let base = '';
  const server: Server = createServer((req, res) => {
    const send = (body: unknown): void => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (req.url === '/openid') {
      send({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (req.url === '/keys') {
      send({ keys: [{ ...jwk, endorsements: ['msteams'] }] });
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    async sign(claims, options = {}) {
      return new SignJWT({ aud: APP_ID, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setNotBefore('-1m')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m')
        .sign(options.key ?? privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('authenticated mode (MicrosoftAppId set): every request must carry a valid token', () => {
  let idp: IdentityProvider;
  let bot: BotHarness;
  const tenantId = newTenantId();

  before(async () => {
    idp = await startIdentityProvider();
    const env = {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      ALLOWED_TENANT_IDS: tenantId,
      ToBotFromChannelOpenIdMetadataUrl: `${idp.url}/openid`,
      ToBotFromChannelTokenIssuer: ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: `${idp.url}/openid`,
      ToChannelFromBotLoginUrl: `${idp.url}/login`,
      ToChannelFromBotOAuthScope: ISSUER,
      OAuthUrl: `${idp.url}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'false',
    };
    const azurite = await testAzurite();
    const config = loadConfig({ TABLES_CONNECTION_STRING: azurite.connectionString, ...env });
    const createBot = await createBotFactory(config, azurite.connectionString, pino({ level: 'silent' }));
    bot = await startBotHarness({ env, createBot });
  });

  after(async () => {
    await bot?.close();
    await idp?.close();
  });

  // An activity that needs no reply, so that only the incoming authentication is under test.
  const activity = () =>
    installationUpdate({ serviceUrl: bot.connector.url, tenantId, conversationType: 'personal' });
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('listens on every interface, not only loopback, since requests are authenticated', () => {
    assert.equal(bot.config.host, '0.0.0.0');
    assert.equal(bot.config.localMode, false);
  });

  it('accepts a valid token', async () => {
    const body = activity();
    const token = await idp.sign({ serviceurl: body.serviceUrl });
    const result = await bot.post(body, bearer(token));
    assert.equal(result.status, 200, JSON.stringify(result.body));
  });

  it('answers 401 to a request without Authorization', async () => {
    assert.equal((await bot.post(activity())).status, 401);
  });

  it('answers 401 to a token for another audience', async () => {
    const body = activity();
    const token = await new SignJWT({ serviceurl: body.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(ISSUER)
      .setAudience('someone-else')
      .setExpirationTime('10m')
      .sign((await generateKeyPair('RS256')).privateKey);
    assert.equal((await bot.post(body, bearer(token))).status, 401);
    const rightKeyWrongAudience = await idp.sign({ serviceurl: body.serviceUrl, aud: 'someone-else' });
    assert.equal((await bot.post(body, bearer(rightKeyWrongAudience))).status, 401);
  });

  it('answers 401 to an expired token', async () => {
    const body = activity();
    const token = await idp.sign({ serviceurl: body.serviceUrl }, { expiresIn: '-10m' });
    assert.equal((await bot.post(body, bearer(token))).status, 401);
  });

  it('answers 401 to an unsigned token (alg: none)', async () => {
    const body = activity();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
      iss: ISSUER,
      aud: APP_ID,
      nbf: now - 60,
      exp: now + 600,
      serviceurl: body.serviceUrl,
    })}.`;
    assert.equal((await bot.post(body, bearer(token))).status, 401);
  });

  it('answers 401 to a token signed with an unknown key id', async () => {
    const body = activity();
    const stranger = (await generateKeyPair('RS256')).privateKey;
    const token = await idp.sign({ serviceurl: body.serviceUrl }, { kid: 'unknown-key', key: stranger });
    assert.equal((await bot.post(body, bearer(token))).status, 401);
  });

  it('answers 401 when the body serviceUrl differs from the token claim', async () => {
    const body = activity();
    const token = await idp.sign({ serviceurl: 'https://smba.trafficmanager.net/emea/' });
    assert.equal((await bot.post(body, bearer(token))).status, 401);
  });

  it('refuses a valid token for an activity from a tenant that is not allowed, and runs no handler', async () => {
    const body = messageActivity({
      text: 'mina åtgärder',
      serviceUrl: bot.connector.url,
      tenantId: newTenantId(),
    });
    const token = await idp.sign({ serviceurl: body.serviceUrl });
    const mark = bot.connector.lastSeq;
    const result = await bot.post(body, bearer(token));
    assert.ok(result.status === 200 || result.status === 403, String(result.status));
    // No list card reached the connector: the handler did not run.
    const cards = bot.connector.sent.filter((s) => s.seq > mark && (s.activity.attachments?.length ?? 0) > 0);
    assert.deepEqual(cards, []);
  });
});
