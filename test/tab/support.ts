/**
 * The tab's test world: a test identity provider that signs Teams-like SSO tokens and serves its keys on loopback,
 * the real server (`startServer`) with its storage behind a recording proxy, and a seeded tenant whose people hold
 * every role.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import pino from 'pino';
import { changeDeadline, changeStatus } from '../../src/domain/actions';
import type { Action } from '../../src/domain/types';
import { loadConfig, type Config } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/httpServer';
import { ActionRepository, freePort, openTables, RoleRepository, UserRepository } from '../../src/storage';
import { runCliForTest } from '../helpers/cli';
import { startStorageProxy, type StorageProxy } from '../helpers/storageProxy';

/** The tab's app registration in tests. */
export const TAB_CLIENT_ID = '6a1f0c2e-1b2c-4d3e-8f90-a1b2c3d4e5f6';
/** The bot's app id in tests (authenticated mode). */
export const BOT_APP_ID = 'b0a1c2d3-0000-4000-8000-00000000a11d';
/** The day the seeded numbers are for. */
export const AS_OF = '2026-03-31';
export const NOW = new Date('2026-03-31T10:00:00Z');

/** The seeded people: object id, e-mail and what they hold. */
export const PEOPLE = {
  chair: { oid: '11111111-1111-4111-8111-111111111111', email: 'clara.chair@kommun.se' },
  coordinator: { oid: '22222222-2222-4222-8222-222222222222', email: 'karin.koordinator@kommun.se' },
  official: { oid: '33333333-3333-4333-8333-333333333333', email: 'tore.tegnerback@kommun.se' },
  auditor: { oid: '44444444-4444-4444-8444-444444444444', email: 'rut.revisor@kommun.se' },
  admin: { oid: '55555555-5555-4555-8555-555555555555', email: null },
  guest: { oid: '66666666-6666-4666-8666-666666666666', email: null },
  stranger: { oid: '77777777-7777-4777-8777-777777777777', email: null },
} as const;

/** A comment recorded on a seeded action: it must never reach the public table. */
export const SECRET_COMMENT = 'Hemlig kommentar från Torbjörn Tegnerbäck om budgeten';

/** A test identity provider: RS256 keys served as a tenant's v2 JWKS, and a signer of SSO tokens. */
export interface TestIdentityProvider {
  /** The JWKS URL template (`{tenantid}` in it), for TAB_JWKS_URL. */
  readonly jwksUrl: string;
  /** Requests for keys so far. */
  readonly keyRequests: number;
  /** A token as Teams would get it for the tab, with `claims` over the defaults. */
  sign(
    tenantId: string,
    oid: string,
    claims?: Record<string, unknown>,
    options?: { kid?: string; key?: KeyLike; expiresIn?: string | number },
  ): Promise<string>;
  /** A second key pair that the JWKS does not list. */
  readonly foreignKey: KeyLike;
  close(): Promise<void>;
}

/** Starts the identity provider on a free loopback port. */
export async function startIdentityProvider(): Promise<TestIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'tab-key', use: 'sig', alg: 'RS256' };
  let keyRequests = 0;
  const server: Server = createServer((req, res) => {
    if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(req.url ?? '')) {
      keyRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    jwksUrl: `${base}/{tenantid}/discovery/v2.0/keys`,
    get keyRequests() {
      return keyRequests;
    },
    foreignKey: foreign.privateKey,
    async sign(tenantId, oid, claims = {}, options = {}) {
      const jwt = new SignJWT({
        aud: TAB_CLIENT_ID,
        iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
        tid: tenantId,
        oid,
        scp: 'access_as_user',
        ver: '2.0',
        name: 'Testperson',
        azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'tab-key', typ: 'JWT' })
        .setNotBefore('-1m')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m');
      return jwt.sign(options.key ?? privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The server with the tab, its storage behind a recording proxy. */
export interface TabServer {
  readonly url: string;
  readonly config: Config;
  readonly proxy: StorageProxy;
  readonly server: RunningServer;
  /** GET a path, with a bearer token when given. */
  get(path: string, token?: string | null, headers?: Record<string, string>): Promise<globalThis.Response>;
  close(): Promise<void>;
}

/**
 * The tab's server as production runs it (bot credentials, one allowed tenant, its admin, the tab's app registration),
 * checking tokens against the test identity provider `idp`, on the storage at `connectionString`.
 */
export function startSignedInTabServer(
  connectionString: string,
  idp: { readonly jwksUrl: string },
  tenantId: string,
): Promise<TabServer> {
  return startTabServer({
    connectionString,
    env: {
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: 'test-secret',
      ALLOWED_TENANT_IDS: tenantId,
      ADMIN_AAD_IDS: PEOPLE.admin.oid,
      TAB_APP_CLIENT_ID: TAB_CLIENT_ID,
      TAB_JWKS_URL: idp.jwksUrl,
    },
  });
}

/** Starts the real server with the tab; `env` over a fresh port and the proxied test storage. */
export async function startTabServer(options: {
  connectionString: string;
  env: Record<string, string>;
  assetsDir?: string;
}): Promise<TabServer> {
  const proxy = await startStorageProxy(options.connectionString);
  const config = loadConfig({
    PORT: String(await freePort()),
    TABLES_CONNECTION_STRING: proxy.connectionString,
    ...options.env,
  });
  const server = await startServer(config, {
    log: pino({ level: 'silent' }),
    storage: {
      connectionString: proxy.connectionString,
      embedded: true,
      source: 'connectionString',
      close: async () => {},
    },
    tab: { now: () => NOW, assetsDir: options.assetsDir ?? join(__dirname, 'no-assets') },
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    config,
    proxy,
    server,
    get: (path, token, headers = {}) =>
      fetch(`${url}${path}`, {
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      }),
    async close() {
      await server.close();
      await proxy.close();
    },
  };
}

/**
 * Seeds a tenant: two audits, three committees, five actions (A-1 … A-5) as of {@link AS_OF} —
 * overdue, A-2 in progress, A-5 done — and the people of {@link PEOPLE} with their roles.
 */
export async function seedTenant(connectionString: string, tenantId: string): Promise<void> {
  const file = join(__dirname, '../fixtures/tab/audits.json');
  const imported = await runCliForTest(['import', file], {
    connectionString,
    tenantId,
    now: new Date('2025-01-10T09:00:00Z'),
  });
  if (imported.code !== 0) throw new Error(`import failed: ${imported.err}`);
  const tables = await openTables(connectionString);
  const actions = new ActionRepository(tables.actions);
  const apply = async (
    ref: number,
    at: string,
    make: (action: Action, now: Date) => ReturnType<typeof changeStatus>,
  ) => {
    const stored = await actions.getAction(tenantId, ref);
    await actions.updateAction(tenantId, make(stored.action, new Date(at)), stored.etag);
  };
  await apply(4, '2025-06-15T09:00:00Z', (action, now) =>
    changeDeadline(action, { date: '2025-10-31', reason: 'Väntar på kommunfullmäktige' }, { by: 'cli', now }),
  );
  await apply(2, '2026-01-05T09:00:00Z', (action, now) =>
    changeStatus(action, { to: 'Pågår', comment: 'Arbetet har börjat' }, { by: 'cli', now }),
  );
  await apply(5, '2026-02-10T09:00:00Z', (action, now) =>
    changeStatus(action, { to: 'Genomförd', comment: SECRET_COMMENT }, { by: 'cli', now }),
  );

  const users = new UserRepository(tables.users);
  for (const person of [PEOPLE.chair, PEOPLE.coordinator, PEOPLE.official, PEOPLE.auditor]) {
    await users.upsertUser(tenantId, { aadObjectId: person.oid, email: person.email, name: null });
  }
  const roles = new RoleRepository(tables.roles, tables.users);
  await roles.addRole(tenantId, { role: 'chair', principal: PEOPLE.chair.email, committee: null });
  await roles.addRole(tenantId, {
    role: 'coordinator',
    principal: PEOPLE.coordinator.email,
    committee: 'Socialnämnden',
  });
  await roles.addRole(tenantId, { role: 'auditor', principal: PEOPLE.auditor.email, committee: null });
  // A guest granted a role by object id: no role counts for a guest.
  await roles.addRole(tenantId, { role: 'chair', principal: PEOPLE.guest.oid, committee: null });
}
