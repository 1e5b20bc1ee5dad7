import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Below this many bytes an answer is sent as it is: compressing it would save less than a packet. */
export const MIN_COMPRESSED_BYTES = 1_024;

/**
 * Whether an `Accept-Encoding` header accepts gzip: named (or `*`) without `q=0`. Teams' clients send
 * `gzip, deflate, br`; a client that sends no header gets the answer as it is.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let gzipQuality: number | null = null;
  let anyQuality: number | null = null;
  for (const part of value.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (name === 'gzip' || name === 'x-gzip') gzipQuality = Number.isNaN(quality) ? 0 : quality;
    else if (name === '*') anyQuality = Number.isNaN(quality) ? 0 : quality;
  }
  return (gzipQuality ?? anyQuality ?? 0) > 0;
}

/** Whether to gzip `bytes` for a client with this `Accept-Encoding`: it accepts gzip, and there is enough to gain. */
function worthCompressing(bytes: Buffer, acceptEncoding: string | string[] | undefined): boolean {
  return bytes.byteLength >= MIN_COMPRESSED_BYTES && acceptsGzip(acceptEncoding);
}

/**
 * The bytes to send for `text` and the Content-Encoding to name, if any: gzip when the client accepts it and the text
 * is large enough to gain. The dashboard's answer for a large municipality is megabytes of JSON, a tenth of that
 * compressed. Compression runs on libuv's thread pool, not on the event loop that serves the bot's turns.
 */
export async function encodeBody(
  text: string,
  acceptEncoding: string | string[] | undefined,
): Promise<{ bytes: Buffer; encoding: 'gzip' | null }> {
  const bytes = Buffer.from(text, 'utf8');
  if (!worthCompressing(bytes, acceptEncoding)) return { bytes, encoding: null };
  return { bytes: await gzipAsync(bytes, { level: 6 }), encoding: 'gzip' };
}

/**
 * The page's files, compressed once per content: the page is the same for every user, and its Teams library alone
 * is some 200 KiB. Keyed by the file's ETag (a hash of its content), so a rebuilt page is compressed again; bounded,
 * since only a handful of files exist.
 */
export class CompressedFiles {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(private readonly maxEntries = 64) {}

  /** The file's body to send and its encoding, for a client with this `Accept-Encoding`. */
  async encode(
    etag: string,
    body: Buffer,
    acceptEncoding: string | string[] | undefined,
  ): Promise<{ bytes: Buffer; encoding: 'gzip' | null }> {
    if (!worthCompressing(body, acceptEncoding)) return { bytes: body, encoding: null };
    let compressed = this.cache.get(etag);
    if (compressed === undefined) {
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      compressed = gzipAsync(body, { level: 9 });
      this.cache.set(etag, compressed);
      compressed.catch(() => this.cache.delete(etag));
    }
    return { bytes: await compressed, encoding: 'gzip' };
  }
}

/** Whether an `If-None-Match` header names this ETag (or `*`): the client's copy is current. */
export function matchesETag(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
