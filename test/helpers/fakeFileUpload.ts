/**
 * Teams' file consent flow as the tests need it: a OneDrive upload session (an HTTP server taking PUTs, told to
 * accept, fail with a status, or never answer) and the `fileConsent/invoke` a user's Allow or Decline sends.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { invokeActionExecute, type ActionExecuteOptions } from './activities';

/** One PUT the upload server received. */
export interface ReceivedUpload {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** How the upload server answers: 201 (done), another status, or never. */
export type UploadBehaviour = { kind: 'accept' } | { kind: 'status'; status: number } | { kind: 'hang' };

/** A running fake upload session server. */
export interface FakeUploadServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly uploads: readonly ReceivedUpload[];
  behave(behaviour: UploadBehaviour): void;
  close(): Promise<void>;
}

/** Starts the upload server; it accepts uploads until told otherwise. */
export async function startFakeUploadServer(): Promise<FakeUploadServer> {
  const uploads: ReceivedUpload[] = [];
  let behaviour: UploadBehaviour = { kind: 'accept' };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      uploads.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      if (behaviour.kind === 'hang') return;
      res.statusCode = behaviour.kind === 'accept' ? 201 : behaviour.status;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ id: 'item-1' }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get uploads() {
      return uploads;
    },
    behave(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Options of {@link fileConsentInvoke}: who answers, and with what. */
export type FileConsentOptions = Omit<ActionExecuteOptions, 'verb' | 'data'> & {
  action: 'accept' | 'decline';
  /** The consent card's `acceptContext` or `declineContext`, as Teams sends it back. */
  context: unknown;
  uploadInfo?: Record<string, unknown>;
};

/** The invoke Teams sends when a user presses Allow or Decline on a consent card. */
export function fileConsentInvoke(options: FileConsentOptions): ReturnType<typeof invokeActionExecute> {
  const { action, context, uploadInfo, ...rest } = options;
  const activity = invokeActionExecute({ ...rest, verb: '', data: {} });
  activity.name = 'fileConsent/invoke';
  activity.value = { type: 'fileUpload', action, context, ...(uploadInfo ? { uploadInfo } : {}) };
  return activity;
}
