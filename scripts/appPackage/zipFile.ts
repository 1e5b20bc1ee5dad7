/** Writes the app package: a flat zip, as Teams requires (no folders, the manifest at the top). */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** One file in the package. */
export interface ZipEntry {
  /** A plain file name: Teams reads the package flat, so there are no folders. */
  readonly name: string;
  readonly data: Buffer;
}

/**
 * A fixed time stamp for every entry, so that building the same files again gives the same zip (on machines in the
 * same time zone: zip stores local time) and a rebuilt package shows no change.
 */
const ENTRY_TIME = new Date(2000, 0, 1);

/**
 * Writes `entries` to `path`. The zip is written beside it first and renamed into place, so a failure leaves no
 * half-written package behind for someone to upload.
 */
export async function writeZip(path: string, entries: readonly ZipEntry[]): Promise<void> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (/[/\\]/.test(entry.name)) throw new TypeError(`Zip entries must be plain file names: ${entry.name}`);
    zip.addBuffer(entry.data, entry.name, { mtime: ENTRY_TIME, mode: 0o100644 });
  }
  zip.end();
  const partial = `${path}.${process.pid}.part`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
