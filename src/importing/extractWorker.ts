/**
 * The worker thread of {@link extractDocument} (extraction.ts): reads one document and answers once. Everything
 * here runs off the bot's event loop, under the memory ceiling and time budget the parent set.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { extractDraft, type DocumentDraft, type ExtractOptions } from './document';
import { readDocumentText } from './documentText';
import { DocumentTooComplexError, type TooComplexReason } from './documentTooComplexError';
import { ImportError } from './errors';

/** What the parent hands the worker. */
export interface WorkerInput {
  fileName: string;
  bytes: Uint8Array;
  options: ExtractOptions;
  /** The test hook of ExtractionOptions.hold, or null. */
  hold: Int32Array | null;
}

/** An error as it crosses the thread boundary (class identity does not survive structured cloning). */
export type WorkerError =
  | {
      type: 'import';
      message: string;
      details: { file: string; line: number | null; path: string; field: string; expected: string };
    }
  | { type: 'tooComplex'; reason: TooComplexReason; detail: string }
  | { type: 'other'; message: string };

/** What the worker posts: that it started, then the draft or the error. */
export type WorkerAnswer =
  { kind: 'started' } | { kind: 'done'; draft: DocumentDraft } | { kind: 'failed'; error: WorkerError };

/** Longest a test's hold keeps the worker waiting. */
const HOLD_MAX_MS = 30_000;

async function read(input: WorkerInput): Promise<WorkerAnswer> {
  try {
    const text = await readDocumentText(input.fileName, input.bytes);
    return { kind: 'done', draft: extractDraft(input.fileName, text, input.options) };
  } catch (error) {
    return { kind: 'failed', error: toWorkerError(error) };
  }
}

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof ImportError) {
    const { file, line, path, field, expected, message } = error;
    return { type: 'import', message, details: { file, line, path, field, expected } };
  }
  if (error instanceof DocumentTooComplexError) {
    return { type: 'tooComplex', reason: error.reason, detail: error.detail };
  }
  return { type: 'other', message: error instanceof Error ? error.message : String(error) };
}

if (parentPort !== null) {
  const port = parentPort;
  const input = workerData as WorkerInput;
  port.postMessage({ kind: 'started' } satisfies WorkerAnswer);
  // At most HOLD_MAX_MS, so that a hold that somehow landed on the bot's own thread stalls a test, not hangs it.
  if (input.hold !== null) Atomics.wait(input.hold, 0, 0, HOLD_MAX_MS);
  void read(input).then((answer) => port.postMessage(answer));
}
