import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, encodeBody, matchesETag, MIN_COMPRESSED_BYTES } from '../../src/tab/compression';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';
import { startTabServer, type TabServer } from './support';

describe('tab API compression', () => {
  const table: Array<[string | string[] | undefined, boolean]> = [
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['GZIP', true],
    ['x-gzip', true],
    ['*', true],
    [['deflate', 'gzip'], true],
    [undefined, false],
    ['', false],
    ['identity', false],
    ['br, deflate', false],
    ['gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['*;q=0', false],
    ['gzip;q=abc', false],
  ];
  for (const [header, expected] of table) {
    it(`${JSON.stringify(header)} ${expected ? 'accepts' : 'does not accept'} gzip`, () => {
      assert.equal(acceptsGzip(header), expected);
    });
  }

  it('compresses a large body, and leaves a small one and one for a client without gzip as it is', async () => {
    const large = JSON.stringify({
      rows: Array.from({ length: 500 }, (_, i) => ({ ref: `A-${i}`, text: 'Åtgärd' })),
    });
    const compressed = await encodeBody(large, 'gzip');
    assert.equal(compressed.encoding, 'gzip');
    assert.equal(gunzipSync(compressed.bytes).toString('utf8'), large);

    const small = '{"error":"Ogiltigt gransknings-id."}';
    assert.ok(Buffer.byteLength(small) < MIN_COMPRESSED_BYTES);
    assert.deepEqual(await encodeBody(small, 'gzip'), { bytes: Buffer.from(small, 'utf8'), encoding: null });
    assert.deepEqual(await encodeBody(large, 'identity'), {
      bytes: Buffer.from(large, 'utf8'),
      encoding: null,
    });
  });
});

describe('the tab page’s files: ETag, 304 and gzip (the real server)', () => {
  let tab: TabServer;
  let dir: string;
  const script = `console.log(${JSON.stringify('Uppföljning '.repeat(400))});\n`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tab-assets-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Uppföljning</title>');
    await writeFile(join(dir, 'main.js'), script);
    const azurite = await testAzurite();
    tab = await startTabServer({
      connectionString: azurite.connectionString,
      env: { ALLOWED_TENANT_IDS: newTenantId() },
      assetsDir: dir,
    });
  });

  after(async () => {
    await tab?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A GET as a browser sends it, the body as it came over the wire (not decompressed). */
  function raw(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        httpGet(`${tab.url}${path}`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        }).on('error', reject);
      },
    );
  }

  it('sends a file compressed to a browser that accepts gzip, as it is to one that does not, with one ETag', async () => {
    const plain = await raw('/tab/main.js');
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString('utf8'), script);
    const etag = plain.headers['etag'];
    assert.match(String(etag), /^"[\w-]{27}"$/);

    const compressed = await raw('/tab/main.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(compressed.headers['content-encoding'], 'gzip');
    assert.equal(compressed.headers['etag'], etag);
    assert.equal(compressed.headers['vary'], 'Accept-Encoding');
    assert.ok(compressed.body.byteLength < Buffer.byteLength(script) / 5, 'barely compressed');
    assert.equal(gunzipSync(compressed.body).toString('utf8'), script);
    assert.match(String(compressed.headers['content-security-policy']), /frame-ancestors/);
  });

  it('answers 304 with no body while the file is unchanged, and the new file once it changed', async () => {
    const first = await raw('/tab/main.js');
    const etag = String(first.headers['etag']);
    const again = await raw('/tab/main.js', { 'if-none-match': etag, 'accept-encoding': 'gzip' });
    assert.equal(again.status, 304);
    assert.equal(again.body.byteLength, 0);

    const rebuilt = `${script}// rebuilt\n`;
    await writeFile(join(dir, 'main.js'), rebuilt);
    const changed = await raw('/tab/main.js', { 'if-none-match': etag, 'accept-encoding': 'gzip' });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers['etag'], etag);
    assert.equal(gunzipSync(changed.body).toString('utf8'), rebuilt);
  });

  it('matches If-None-Match as RFC 9110 says: a list, weak tags, and *', () => {
    assert.equal(matchesETag('"a", "b"', '"b"'), true);
    assert.equal(matchesETag('W/"b"', '"b"'), true);
    assert.equal(matchesETag('*', '"b"'), true);
    assert.equal(matchesETag('"a"', '"b"'), false);
    assert.equal(matchesETag(undefined, '"b"'), false);
  });
});
