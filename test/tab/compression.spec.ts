import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, encodeBody, MIN_COMPRESSED_BYTES } from '../../src/tab/compression';

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
