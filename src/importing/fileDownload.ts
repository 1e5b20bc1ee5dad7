/**
 * Downloading a file a user sent to the bot. The URL comes from the activity, so anyone who can post an activity
 * can name any address: a forged one must never make the bot fetch from its own network (loopback, private
 * ranges, the cloud's metadata service). Teams hands out pre-authenticated SharePoint/OneDrive links, so only
 * those hosts are fetched, over https, and the address a name resolves to is checked at connect time, in the
 * socket's own DNS lookup, so that a name pointing inwards (or re-pointed between check and connect) is refused
 * too.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import ipaddr from 'ipaddr.js';

/**
 * Host suffixes files are fetched from by default: SharePoint Online, where Teams keeps files sent in chat (each
 * user's OneDrive for Business is `<tenant>-my.sharepoint.com`) in Microsoft 365's commercial cloud. Sovereign
 * clouds set FILE_DOWNLOAD_HOSTS (e.g. `sharepoint.us` for GCC High).
 */
export const DEFAULT_DOWNLOAD_HOSTS: readonly string[] = ['sharepoint.com'];

/** Which URLs the bot may fetch a sent file from. */
export interface DownloadPolicy {
  /** Host suffixes, lower case without a leading dot: `sharepoint.com` allows `contoso-my.sharepoint.com`. */
  hosts: readonly string[];
  /**
   * For tests only (FILE_DOWNLOAD_ALLOW_LOOPBACK, local mode only): also fetch http and https from the literal
   * loopback addresses `127.0.0.1` and `[::1]`, where the tests serve their files. Never a name, never the default.
   */
  allowLoopback: boolean;
}

/** Why a URL was not fetched. */
export type DownloadRefusal = 'scheme' | 'credentials' | 'ipLiteral' | 'host' | 'internalAddress';

/** A URL the policy does not allow; nothing was fetched from it. `host` is safe to show (it is no secret). */
export class DownloadRefusedError extends Error {
  override readonly name = 'DownloadRefusedError';
  readonly reason: DownloadRefusal;
  readonly host: string;

  constructor(reason: DownloadRefusal, host: string) {
    super(`Adressen får inte hämtas (${reason}): ${host}`);
    this.reason = reason;
    this.host = host;
  }
}

/** A download refused for its size, so the user can be told the limit. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
}

/** Resolves a host name to its addresses, as `dns.lookup(name, { all: true })` does; tests pass their own. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The hosts of the test-only loopback exception, as WHATWG URL writes them. */
const LOOPBACK_LITERALS = new Set(['127.0.0.1', '[::1]']);

/**
 * Addresses that are public unicast by range yet must not be fetched: Azure's platform endpoint (wireserver,
 * IMDS's relative), reachable from every Azure VM.
 */
const METADATA_ADDRESSES = new Set(['168.63.129.16']);

/**
 * Whether an IP address is one the bot may connect to: public unicast only. Loopback, private (RFC 1918),
 * link-local (169.254.0.0/16 with the metadata service, fe80::/10), CGNAT (100.64.0.0/10), unique-local (fc00::/7),
 * multicast, reserved and documentation ranges, IPv4 embedded in IPv6 (mapped, NAT64, 6to4, Teredo) and known
 * metadata addresses are refused.
 * @example isPublicAddress('20.190.128.1') // true
 * @example isPublicAddress('::ffff:127.0.0.1') // false
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast' && !METADATA_ADDRESSES.has(parsed.toString());
}

function isIpLiteral(hostname: string): boolean {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare);
}

function isAllowedHost(hostname: string, hosts: readonly string[]): boolean {
  return hosts.some((suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`));
}

/**
 * Why the policy refuses `url` before any connection, or null when it may be fetched (the resolved address is
 * checked later, at connect time, by {@link guardedLookup}).
 * @example downloadRefusal(new URL('https://10.0.0.5/x.docx'), policy) // 'ipLiteral'
 */
export function downloadRefusal(url: URL, policy: DownloadPolicy): DownloadRefusal | null {
  if (url.username || url.password) return 'credentials';
  const loopback = policy.allowLoopback && LOOPBACK_LITERALS.has(url.hostname);
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) return 'scheme';
  if (loopback) return null;
  if (isIpLiteral(url.hostname)) return 'ipLiteral';
  if (!isAllowedHost(url.hostname, policy.hosts)) return 'host';
  return null;
}

/**
 * A socket `lookup` that resolves with `resolve` and refuses, with a {@link DownloadRefusedError}, a name with any
 * address that is not public: it is the address actually connected to that counts, not what the name looks like.
 */
export function guardedLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : null;
        const usable = family === null ? addresses : addresses.filter((a) => a.family === family);
        const first = usable[0];
        if (first === undefined) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} har ingen adress`);
          error.code = 'ENOTFOUND';
          callback(error, '', 0);
          return;
        }
        if (!usable.every((a) => isPublicAddress(a.address))) {
          callback(new DownloadRefusedError('internalAddress', hostname), '', 0);
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  policy: DownloadPolicy;
  /** How host names are resolved. Default: the system resolver (`dns.lookup`). */
  resolve?: Resolver;
}

/** Most redirects a download follows; each target is checked against the same rules as the first URL. */
const MAX_REDIRECTS = 3;

/**
 * Downloads a file with no credentials, stopping at `maxBytes` (by Content-Length, and again while reading, after
 * decompression, since the header may lie or be absent) and after `timeoutMs`. Redirects are followed by hand so
 * that every target passes the policy, and every connection's resolved address passes {@link guardedLookup}.
 * @throws DownloadRefusedError for a URL or address the policy refuses; nothing was fetched from it.
 * @throws FileTooLargeError above `maxBytes`.
 * @throws Error for an HTTP error, too many redirects, a network failure or the timeout.
 */
export async function downloadFile(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const lookup = guardedLookup(options.resolve);
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    const refusal = downloadRefusal(target, options.policy);
    if (refusal !== null) throw new DownloadRefusedError(refusal, target.hostname);
    const response = await get(target, lookup, signal);
    const location = response.headers.location;
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && location !== undefined) {
      response.destroy();
      if (hop >= MAX_REDIRECTS) throw new Error('För många omdirigeringar');
      target = new URL(location, target);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.destroy();
      throw new Error(`Hämtningen svarade HTTP ${status}`);
    }
    const declared = Number(response.headers['content-length'] ?? '0');
    if (declared > options.maxBytes) {
      response.destroy();
      throw new FileTooLargeError(`${declared} byte`);
    }
    return await readBody(response, options.maxBytes);
  }
}

/**
 * The production `BotDeps.fetchFile`: {@link downloadFile} bound to the configured policy.
 * @example fileDownloader({ hosts: DEFAULT_DOWNLOAD_HOSTS, allowLoopback: false })(url, { maxBytes, timeoutMs })
 */
export function fileDownloader(
  policy: DownloadPolicy,
  resolve?: Resolver,
): (url: string, limits: { maxBytes: number; timeoutMs: number }) => Promise<Uint8Array> {
  return (url, limits) => downloadFile(url, { ...limits, policy, ...(resolve ? { resolve } : {}) });
}

function get(target: URL, lookup: LookupFunction, signal: AbortSignal): Promise<IncomingMessage> {
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(target, {
      method: 'GET',
      // A fresh socket per request, so that every connection goes through the guarded lookup.
      agent: false,
      lookup,
      signal,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The body, decompressed as its Content-Encoding says, failing at the first byte past `maxBytes`. */
async function readBody(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const encoding = String(response.headers['content-encoding'] ?? 'identity').toLowerCase();
  const decoders: Record<string, () => Transform> = {
    gzip: createGunzip,
    'x-gzip': createGunzip,
    deflate: createInflate,
    br: createBrotliDecompress,
  };
  const decoder = decoders[encoding];
  if (decoder === undefined && encoding !== 'identity') {
    response.destroy();
    throw new Error(`Okänd Content-Encoding: ${encoding}`);
  }
  // pipeline, not pipe: a response cut off by the timeout must end the decoder too, or the read would wait forever.
  const body: Readable = decoder === undefined ? response : pipeline(response, decoder(), () => {});
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += (chunk as Buffer).byteLength;
      if (total > maxBytes) throw new FileTooLargeError(`över ${maxBytes} byte`);
      chunks.push(chunk as Buffer);
    }
  } finally {
    response.destroy();
    if (body !== response) body.destroy();
  }
  return Buffer.concat(chunks);
}
