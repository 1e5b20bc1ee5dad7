/**
 * Teams SSO tokens for the tab: what `authentication.getAuthToken()` gives the page and the page sends as
 * `Authorization: Bearer …`. Every check is done here, before anything is read from storage:
 *
 * - the tenant (`tid`) is one of ALLOWED_TENANT_IDS — looked at first, so a token from elsewhere costs no key
 *   fetch and is answered 403;
 * - the signature (RS256 only, so `alg: none` and HMAC tricks fail) against the tenant's v2 signing keys;
 * - `iss` is `https://login.microsoftonline.com/{tid}/v2.0` and `ver` is 2.0;
 * - `aud` is the tab's client id, or an App ID URI `api://<host>/<client id>` (Teams asks for the token with the
 *   App ID URI; Entra puts the client id in a v2 token's `aud`, but either names the same registration);
 * - `scp` contains `access_as_user`;
 * - `exp` and `nbf`, with five minutes' leeway for clocks, as botbuilder allows;
 * - `oid` is an object id, since it becomes a storage key.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { TabApiError } from './errors';

/** The delegated scope the tab's app registration exposes and the Teams clients are pre-authorised for. */
export const TAB_SCOPE = 'access_as_user';

/** Leeway for clocks that differ, in seconds (botbuilder allows the same for the bot's tokens). */
const CLOCK_TOLERANCE_S = 300;

/** How long a key fetch may take before the request is answered 503 instead of waiting on. */
const KEY_FETCH_TIMEOUT_MS = 5_000;

/** Tenant and object ids as Entra issues them; anything else cannot be a storage key. */
const ID = /^[0-9a-z][0-9a-z.-]{0,99}$/i;

const BEARER = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]*)$/i;

/** Who a valid token names. */
export interface TabIdentity {
  /** `tid`, lower case. */
  readonly tenantId: string;
  /** `oid`, lower case: the same id `from.aadObjectId` carries in chat. */
  readonly aadObjectId: string;
  /** `name`, for greeting only; never used to decide anything. */
  readonly name: string | null;
  /** A guest in the tenant (signed in by another identity provider, `idp`): no role counts for them. */
  readonly isGuest: boolean;
}

/** What {@link TabTokenVerifier} checks tokens against. */
export interface TabTokenVerifierOptions {
  /** The tab's app registration client id (TAB_APP_CLIENT_ID). */
  readonly clientId: string;
  /** The signing keys' URL, `{tenantid}` replaced by the token's tenant (TAB_JWKS_URL). */
  readonly jwksUrl: string;
  /** ALLOWED_TENANT_IDS, lower case; empty means any tenant (local mode only, as for the bot). */
  readonly allowedTenantIds: readonly string[];
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** Validates tab SSO tokens fully; keeps one cached key set per allowed tenant. */
export class TabTokenVerifier {
  private readonly keySets = new Map<string, KeySet>();

  constructor(private readonly options: TabTokenVerifierOptions) {}

  /**
   * The identity in a request's `Authorization` header.
   * @throws TabApiError `noToken` (401) without a bearer token, `badToken` (401) for a token that fails any check,
   *   `tenantNotAllowed` (403) for a tenant not in ALLOWED_TENANT_IDS, `notConfigured` (503) when the signing keys
   *   cannot be fetched.
   */
  async verify(authorization: string | undefined): Promise<TabIdentity> {
    if (!authorization?.trim()) throw new TabApiError('noToken', 'Inloggning saknas.');
    const token = BEARER.exec(authorization.trim())?.[1];
    if (!token) throw badToken('not a bearer JWT');
    const tenantId = claimedTenant(token);
    const allowed = this.options.allowedTenantIds;
    if (allowed.length > 0 && !allowed.includes(tenantId)) {
      throw new TabApiError('tenantNotAllowed', 'Din organisation har inte tillgång till den här appen.');
    }
    const issuer = `https://login.microsoftonline.com/${tenantId}/v2.0`;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(tenantId), {
        algorithms: ['RS256'],
        issuer,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'aud', 'oid', 'tid', 'scp'],
      }));
    } catch (error) {
      if (isKeyFetchFailure(error)) {
        throw new TabApiError('notConfigured', 'Inloggningen kan inte kontrolleras just nu. Försök igen.', {
          cause: error,
        });
      }
      throw badToken(error instanceof Error ? error.message : String(error), error);
    }
    if (payload['tid'] !== tenantId && String(payload['tid']).toLowerCase() !== tenantId) {
      throw badToken('tid changed');
    }
    if (payload['ver'] !== '2.0') throw badToken('not a v2 token');
    if (!this.isOurAudience(payload.aud)) throw badToken('audience');
    const scopes = typeof payload['scp'] === 'string' ? payload['scp'].split(' ') : [];
    if (!scopes.includes(TAB_SCOPE)) throw badToken('scope');
    const oid = payload['oid'];
    if (typeof oid !== 'string' || !ID.test(oid)) throw badToken('oid');
    const idp = payload['idp'];
    const name = payload['name'];
    return {
      tenantId,
      aadObjectId: oid.toLowerCase(),
      name: typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : null,
      isGuest: typeof idp === 'string' && idp !== issuer && idp !== `https://sts.windows.net/${tenantId}/`,
    };
  }

  private isOurAudience(aud: JWTPayload['aud']): boolean {
    // One audience only: a token meant for several resources is not one the tab asked for.
    if (typeof aud !== 'string') return false;
    const clientId = this.options.clientId.toLowerCase();
    const value = aud.toLowerCase();
    if (value === clientId) return true;
    const match = /^api:\/\/([^/]+)\/([^/]+)$/.exec(value);
    return match !== null && match[2] === clientId;
  }

  private keySet(tenantId: string): KeySet {
    let keys = this.keySets.get(tenantId);
    if (!keys) {
      const url = new URL(this.options.jwksUrl.replace(/\{tenantid\}/gi, encodeURIComponent(tenantId)));
      keys = createRemoteJWKSet(url, { timeoutDuration: KEY_FETCH_TIMEOUT_MS });
      // Bounded: only allowed tenants get here (any tenant only in local mode, where tokens are optional).
      this.keySets.set(tenantId, keys);
    }
    return keys;
  }
}

/** The tenant a token claims, read before its signature so that a foreign tenant costs nothing. */
function claimedTenant(token: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch (error) {
    throw badToken('undecodable', error);
  }
  const tid = claims['tid'];
  if (typeof tid !== 'string' || !ID.test(tid)) throw badToken('tid');
  return tid.toLowerCase();
}

function isKeyFetchFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout) return true;
  // A key endpoint answering other than 200, or not at all (jose passes the network error through): neither is
  // the caller's fault. Every other failure is the token's.
  if (error instanceof errors.JOSEError) return error.message.startsWith('Expected 200 OK');
  return true;
}

function badToken(reason: string, cause?: unknown): TabApiError {
  return new TabApiError('badToken', 'Inloggningen är ogiltig eller har gått ut. Ladda om fliken.', {
    cause: cause ?? new Error(reason),
  });
}
