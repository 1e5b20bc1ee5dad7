/**
 * Reading a response document runs in a worker thread, never on the bot's event loop: a document can be built to
 * make the parsers work for seconds or to need gigabytes, and while the loop is busy no other user's turn is
 * answered. The worker has a memory ceiling and a time budget; past either it is terminated and the document is
 * refused with a {@link DocumentTooComplexError}. The bot and the CLI both read documents through
 * {@link extractDocument}.
 *
 * The worker's file sits next to this one, `.ts` under tsx (then the worker loads tsx too) or `.js` once compiled,
 * so it starts the same under mocha, `npm start` and `node dist/…`.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentDraft, ExtractOptions } from './document';
import { DocumentTooComplexError } from './documentTooComplexError';
import { ImportError } from './errors';
import type { WorkerAnswer, WorkerInput } from './extractWorker';

/** How long a document may take to read. */
export const EXTRACTION_TIMEOUT_MS = 10_000;

/** The worker's V8 heap ceiling: far above any response document, far below what would hurt the bot. */
export const EXTRACTION_MAX_MEMORY_MB = 256;

/** Options of {@link extractDocument}: those of extractDraft, and the bounds of the worker. */
export interface ExtractionOptions extends ExtractOptions {
  /** Time budget in ms, from the worker's start to its answer. Default: {@link EXTRACTION_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** The worker's old-generation heap limit in MB. Default: {@link EXTRACTION_MAX_MEMORY_MB}. */
  maxMemoryMb?: number;
  /**
   * Test hook: the worker blocks its own thread (Atomics.wait, at most 30 s) while `hold[0]` is 0, after telling
   * `onStarted`, so a test can keep a document "being read". Were the reading on the bot's thread, the hold would
   * stop the bot too.
   */
  hold?: Int32Array;
  /** Called once the worker runs and is about to read. */
  onStarted?: () => void;
}

const WORKER_EXTENSION = extname(__filename);
const WORKER_FILE = join(__dirname, `extractWorker${WORKER_EXTENSION}`);
// A .ts worker needs tsx's require hook in its own thread; compiled .js needs nothing.
const WORKER_EXEC_ARGV = WORKER_EXTENSION === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [];

/**
 * Reads a committee's response document into a draft (readDocumentText, then extractDraft) in a worker thread
 * with a memory ceiling and a time budget.
 * @param fileName the name the user gave; it picks the format and names the file in errors.
 * @param bytes the file's content.
 * @throws ImportError when the document is unreadable or holds no action, as readDocumentText and extractDraft.
 * @throws DocumentTooComplexError when reading it takes too long, needs too much memory, or a .docx inflates too
 *   far; the worker is then gone and nothing of the document is kept.
 * @example const draft = await extractDocument('svar.docx', bytes, { today: '2026-03-02' });
 */
export function extractDocument(
  fileName: string,
  bytes: Uint8Array,
  options: ExtractionOptions = {},
): Promise<DocumentDraft> {
  const {
    timeoutMs = EXTRACTION_TIMEOUT_MS,
    maxMemoryMb = EXTRACTION_MAX_MEMORY_MB,
    hold,
    onStarted,
  } = options;
  const input: WorkerInput = {
    fileName,
    bytes,
    options: {
      ...(options.today === undefined ? {} : { today: options.today }),
      ...(options.documentDate === undefined ? {} : { documentDate: options.documentDate }),
    },
    hold: hold ?? null,
  };
  return new Promise<DocumentDraft>((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: input,
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (outcome: { draft: DocumentDraft } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Terminating also frees a worker that answered but still holds the document's memory.
      void worker.terminate();
      if ('draft' in outcome) resolve(outcome.draft);
      else reject(outcome.error);
    };
    const timer = setTimeout(() => {
      settle({ error: new DocumentTooComplexError(fileName, 'time', `tog mer än ${seconds(timeoutMs)} s`) });
    }, timeoutMs);
    worker.on('message', (answer: WorkerAnswer) => {
      if (answer.kind === 'started') onStarted?.();
      else if (answer.kind === 'done') settle({ draft: answer.draft });
      else settle({ error: errorFrom(fileName, answer) });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      settle({
        error:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DocumentTooComplexError(fileName, 'memory', `behövde mer än ${maxMemoryMb} MB minne`, {
                cause: error,
              })
            : new Error(`Dokumentet kunde inte läsas: ${error.message}`, { cause: error }),
      });
    });
    worker.on('exit', (code) => {
      settle({ error: new Error(`Dokumentläsaren avslutades utan svar (kod ${code})`) });
    });
  });
}

/** The error a worker reported, as the class the callers catch. */
function errorFrom(fileName: string, answer: Extract<WorkerAnswer, { kind: 'failed' }>): Error {
  const { error } = answer;
  switch (error.type) {
    case 'import': {
      const rebuilt = new ImportError({ ...error.details, problem: '' });
      // The problem sentence is inside the message the worker built; keeping that message keeps the wording whole.
      rebuilt.message = error.message;
      return rebuilt;
    }
    case 'tooComplex':
      return new DocumentTooComplexError(fileName, error.reason, error.detail);
    case 'other':
      return new Error(`Dokumentet kunde inte läsas: ${error.message}`);
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1);
}
