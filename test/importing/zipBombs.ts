/**
 * Word documents built to hurt: `.docx` archives whose `word/document.xml` inflates to far more than any response
 * document, honestly declared or hidden behind lying size fields. Used by the tests and by bench/importLoad.ts.
 */
import { constants, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { ZipFile } from 'yazl';

/**
 * The raw deflate stream of `megabytes` MB of spaces, built without ever holding them: every megabyte after the
 * first is the same full-flushed block (a full flush forgets the window, so each block compresses alike), repeated.
 */
export async function deflatedSpaces(megabytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const megabyte = Buffer.alloc(1024 * 1024, 0x20);
  const flushed = async (): Promise<Buffer> => {
    await new Promise<void>((resolve) => deflate.flush(constants.Z_FULL_FLUSH, () => resolve()));
    return Buffer.concat(chunks.splice(0));
  };
  deflate.write(megabyte);
  const first = await flushed();
  deflate.write(megabyte);
  const repeated = await flushed();
  const ended = new Promise<void>((resolve) => deflate.on('end', resolve));
  deflate.end();
  await ended;
  const last = Buffer.concat(chunks.splice(0));
  return Buffer.concat([first, ...Array.from({ length: Math.max(megabytes - 1, 0) }, () => repeated), last]);
}

/**
 * A `.docx` whose `word/document.xml` is `megabytes` MB of spaces: small on disk (about 1 KB per MB), honest about
 * its sizes. Built with yazl, which deflates the spaces itself, so keep `megabytes` to a few hundred.
 */
export async function honestBomb(megabytes: number): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from('<Types/>'), '[Content_Types].xml');
  zip.addBuffer(Buffer.alloc(megabytes * 1024 * 1024, 0x20), 'word/document.xml', { compressionLevel: 9 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** One entry of {@link handMadeZip}: its name, its deflated data, and the sizes its headers claim. */
export interface HandMadeEntry {
  name: string;
  deflated: Buffer;
  /** The uncompressed size written in both headers (the lie, when it differs from the truth). */
  declaredSize: number;
  crc32: number;
}

/** A zip archive written byte by byte, so that headers may say what the test wants them to say. */
export function handMadeZip(entries: readonly HandMadeEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(entry.crc32 >>> 0, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc32 >>> 0, 16);
    central.writeUInt32LE(entry.deflated.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A `.docx` whose `word/document.xml` claims to be 1 KB but inflates to `megabytes` MB of spaces: the central
 * directory alone cannot tell. (Its CRC is not that of the data; nothing should read far enough to check it.)
 */
export async function lyingBomb(megabytes: number): Promise<Buffer> {
  return handMadeZip([
    { name: '[Content_Types].xml', deflated: deflateRawSync('<Types/>'), declaredSize: 8, crc32: 0 },
    { name: 'word/document.xml', deflated: await deflatedSpaces(megabytes), declaredSize: 1024, crc32: 0 },
  ]);
}
