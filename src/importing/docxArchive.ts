/**
 * A `.docx` is a zip archive, and mammoth inflates whatever the archive holds, all in memory: a 3 MB file whose
 * `word/document.xml` inflates to gigabytes (a zip bomb) would take the bot down with it. {@link checkDocxArchive}
 * reads the archive's central directory first and refuses what declares too much, then inflates every entry as a
 * stream, counting the bytes that really come out, because the declared sizes are the attacker's to choose.
 * Only an archive that passes is handed to mammoth, which then inflates the same bytes to the same sizes.
 */
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { DocumentTooComplexError } from './documentTooComplexError';

/** The limits {@link checkDocxArchive} holds an archive to. */
export interface DocxLimits {
  /** Most bytes `word/document.xml` may inflate to. Default: 32 MB, far beyond any response document's text. */
  maxDocumentBytes: number;
  /** Most bytes all entries together may inflate to (images included). Default: 64 MB. */
  maxTotalBytes: number;
  /**
   * Highest compression ratio (inflated / compressed) of an entry larger than {@link DocxLimits.ratioFloorBytes}.
   * Word's XML compresses about 5-20 times; a bomb compresses about 1000 times. Default: 200.
   */
  maxRatio: number;
  /** Entries that inflate to fewer bytes than this are not held to `maxRatio`. Default: 1 MB. */
  ratioFloorBytes: number;
  /** Most entries the archive may have. Default: 2000. */
  maxEntries: number;
}

/** The limits every `.docx` is held to unless a caller passes others. */
export const DOCX_LIMITS: Readonly<DocxLimits> = {
  maxDocumentBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 2000,
};

/** The entry that holds a Word document's text. */
const DOCUMENT_ENTRY = 'word/document.xml';

/** What an archive that passed {@link checkDocxArchive} inflates to. */
export interface DocxArchiveSize {
  entries: number;
  /** Bytes all entries inflated to, counted while inflating. */
  totalBytes: number;
  /** Bytes `word/document.xml` inflated to, counted while inflating. */
  documentBytes: number;
}

/**
 * Checks that a `.docx` stays within `limits` when inflated: declared sizes and ratios first, from the central
 * directory alone, then the real inflated byte count of every entry, stopping at the first byte over a limit.
 * Memory stays at one inflate window: nothing inflated is kept.
 * @param fileName names the file in the error.
 * @throws DocumentTooComplexError (reason `expansion`) when the archive inflates past a limit.
 * @throws Error from yauzl when the bytes are no readable zip archive (the caller words that for the user).
 * @example await checkDocxArchive('svar.docx', bytes) // { entries: 9, totalBytes: 48211, documentBytes: 30877 }
 */
export async function checkDocxArchive(
  fileName: string,
  bytes: Uint8Array,
  limits: DocxLimits = DOCX_LIMITS,
): Promise<DocxArchiveSize> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    lazyEntries: true,
    // The count below checks sizes itself, so that a lying entry is refused as one, not as a broken file.
    validateEntrySizes: false,
    decodeStrings: true,
  });
  try {
    const refuse = (detail: string) => new DocumentTooComplexError(fileName, 'expansion', detail);
    if (zip.entryCount > limits.maxEntries) {
      throw refuse(`arkivet har ${zip.entryCount} delar, högst ${limits.maxEntries} läses`);
    }
    const entries: Entry[] = [];
    let declaredTotal = 0;
    for await (const entry of zip.eachEntry()) {
      declaredTotal += entry.uncompressedSize;
      checkDeclared(entry, declaredTotal, limits, refuse);
      entries.push(entry);
    }
    let totalBytes = 0;
    let documentBytes = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const isDocument = entry.fileName === DOCUMENT_ENTRY;
      const entryLimit = Math.min(
        isDocument ? limits.maxDocumentBytes : limits.maxTotalBytes,
        limits.maxTotalBytes - totalBytes,
      );
      const inflated = await inflatedSize(zip, entry, entryLimit, (count) =>
        refuse(
          count > entry.uncompressedSize
            ? `${entry.fileName} packas upp till mer än arkivet anger (${entry.uncompressedSize} byte)`
            : `${entry.fileName} packas upp till mer än ${megabytes(entryLimit)} MB`,
        ),
      );
      totalBytes += inflated;
      if (isDocument) documentBytes += inflated;
    }
    return { entries: entries.length, totalBytes, documentBytes };
  } finally {
    zip.close();
  }
}

function checkDeclared(
  entry: Entry,
  declaredTotal: number,
  limits: DocxLimits,
  refuse: (detail: string) => DocumentTooComplexError,
): void {
  const size = entry.uncompressedSize;
  if (entry.fileName === DOCUMENT_ENTRY && size > limits.maxDocumentBytes) {
    throw refuse(
      `texten packas upp till ${megabytes(size)} MB, högst ${megabytes(limits.maxDocumentBytes)} MB läses`,
    );
  }
  if (declaredTotal > limits.maxTotalBytes) {
    throw refuse(
      `arkivet packas upp till mer än ${megabytes(limits.maxTotalBytes)} MB (${megabytes(declaredTotal)} MB hittills)`,
    );
  }
  if (size >= limits.ratioFloorBytes && size > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
    throw refuse(
      `${entry.fileName} är packad ${Math.round(size / Math.max(entry.compressedSize, 1))} gånger`,
    );
  }
}

/**
 * Inflates one entry into nothing, counting bytes; rejects with `tooLarge(count)` at the first chunk past `limit` or
 * past the size the entry declares.
 */
async function inflatedSize(
  zip: ZipFile,
  entry: Entry,
  limit: number,
  tooLarge: (count: number) => DocumentTooComplexError,
): Promise<number> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  let count = 0;
  try {
    for await (const chunk of stream) {
      count += (chunk as Buffer).byteLength;
      if (count > limit || count > entry.uncompressedSize) throw tooLarge(count);
    }
  } finally {
    stream.destroy();
  }
  return count;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}
