import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createServer, plugins, type Request, type Response, type Server } from './restify';
import { explainFailedTurn, watchAnswers } from '../bot/app';
import { withStorageDeadline } from '../storage/deadline';
import { checkTableService } from '../storage/health';
import { createAdapter, createRequestAuthenticator, type BotApp, type TeamsAdapter } from '../teams/adapter';
import { createPlaceholderBot } from '../teams/placeholderBot';
import { openTables } from '../storage/tables';
import { defaultTabAssetsDir, registerTabRoutes } from '../tab';
import type { Config } from './config';
import { runInTurn } from './logging';
import type { StorageHost } from './storageHost';
import { isRecord } from '../domain/guards';

/** Largest request body accepted on /api/messages; larger ones get 413 before any bot code runs. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How long the storage work of one turn may take in all. Teams gives a turn 15 s before it sends the activity
 * again; the rest is for the answer (which says that storage did not answer in time).
 */
export const TURN_STORAGE_DEADLINE_MS = 10_000;

/** What {@link startServer} is given besides the configuration. */
export interface ServerDeps {
  /** Logger for server events; it never receives message text or user ids. */
  readonly log: Logger;
  /** The Table service the bot stores its data in. */
  readonly storage: StorageHost;
  /** Builds the bot on the server's adapter. Default: {@link createPlaceholderBot}. */
  readonly createBot?: (adapter: TeamsAdapter, config: Config, storage: StorageHost) => BotApp;
  /** Storage time of one turn. Default: {@link TURN_STORAGE_DEADLINE_MS}. */
  readonly turnStorageDeadlineMs?: number;
  /** The tab's page directory and clock. Default: dist/tab and the system clock. */
  readonly tab?: { readonly assetsDir?: string; readonly now?: () => Date };
}

/** A listening HTTP server. */
export interface RunningServer {
  /** The port actually listened on (differs from `config.port` when that is 0). */
  readonly port: number;
  /** The Bot Framework messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  readonly messagesUrl: string;
  /** The adapter, for proactive sends (`continueConversationAsync`). */
  readonly adapter: TeamsAdapter;
  /** Stops accepting connections and waits for requests in flight (at most a few seconds). */
  close(): Promise<void>;
}

/** The HTTP server could not start; the message says what to do. */
export class ServerStartError extends Error {
  override readonly name = 'ServerStartError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
  }
}

/**
 * Starts the HTTP server with `POST /api/messages` on `config.host:config.port`. Resolves once it listens.
 *
 * @throws {ServerStartError} when the port cannot be used.
 */
export async function startServer(config: Config, deps: ServerDeps): Promise<RunningServer> {
  const { log } = deps;
  const adapter = createAdapter(config);
  adapter.onTurnError = async (context, error) => {
    // Only the error's name and message: the activity holds message text and user ids.
    log.error(
      { err: { name: error.name, message: error.message }, activityType: context.activity.type },
      'Turen misslyckades',
    );
    try {
      await explainFailedTurn(context, error);
    } catch (sendError) {
      log.warn({ err: describe(sendError) }, 'Kunde inte svara användaren efter ett fel');
    }
  };
  const bot = (deps.createBot ?? createPlaceholderBot)(adapter, config, deps.storage);
  const authenticate = createRequestAuthenticator(config);

  const server = createServer({ name: 'revisionsuppfoljning' });
  server.use(plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  const handleMessage = async (req: Request, res: Response): Promise<void> => {
    // botbuilder answers a body that is no activity with a 500; it is the sender's mistake, so say 400.
    if (!isActivityShaped(req.body)) {
      res.send(400, {
        error:
          'Förväntade en Bot Framework-aktivitet (JSON-objekt med type, conversation.id, from och serviceUrl).',
      });
      return;
    }
    // Checked here first: botbuilder turns some bad tokens (a signature from an unknown key, a malformed token)
    // into 500 inside adapter.process. Every authentication failure is the caller's, so it is a 401. The adapter
    // then verifies again (the keys are cached: the second check costs well under a millisecond).
    try {
      await authenticate(req.body, String(req.headers.authorization ?? ''));
    } catch (error) {
      log.warn({ err: describe(error) }, 'Obehörig begäran avvisad');
      res.send(401, { error: 'Ogiltig eller saknad autentisering.' });
      return;
    }
    await withStorageDeadline(deps.turnStorageDeadlineMs ?? TURN_STORAGE_DEADLINE_MS, () =>
      adapter.process(req, res, async (context) => {
        watchAnswers(context);
        await bot.run(context);
      }),
    );
  };
  // restify requires an async function here (it checks), hence the wrapper around runInTurn.
  server.post('/api/messages', async (req, res) =>
    // Every line logged while this request is handled, the bot's included, carries the same turn id.
    runInTurn(async () => {
      const startedAt = Date.now();
      log.debug({ activityType: activityTypeOf(req.body) }, 'Tur börjar');
      try {
        await handleMessage(req, res);
      } finally {
        log.debug({ status: res.statusCode, ms: Date.now() - startedAt }, 'Tur klar');
      }
    }),
  );

  // For load balancers and App Service: 200 only while storage answers, since without it the bot can do nothing.
  server.get('/healthz', async (_req, res) => {
    try {
      await checkTableService(deps.storage.connectionString);
      res.send(200, { status: 'ok' });
    } catch (error) {
      log.warn({ err: describe(error) }, 'Hälsokontrollen misslyckades: lagringen svarar inte');
      res.send(503, { status: 'storage unavailable' });
    }
  });

  // The dashboard tab: its page and its SSO-authenticated API (src/tab/).
  registerTabRoutes(server, {
    settings: config,
    tables: () => openTables(deps.storage.connectionString),
    log,
    assetsDir: deps.tab?.assetsDir ?? defaultTabAssetsDir(),
    now: deps.tab?.now,
  });

  await listen(server, config);
  const port = (server.address() as AddressInfo).port;
  const messagesUrl = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/api/messages`;
  if (config.localMode) log.warn('Lokalt läge: ingen autentisering, lyssnar endast på 127.0.0.1');
  log.info({ url: messagesUrl, localMode: config.localMode }, `Boten lyssnar på ${messagesUrl}`);
  let closing: Promise<void> | undefined;
  return { port, messagesUrl, adapter, close: () => (closing ??= close(server)) };
}

function listen(server: Server, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new ServerStartError(
          error.code === 'EADDRINUSE'
            ? `Port ${config.port} (PORT) är upptagen. Stoppa programmet som använder den (kanske en annan instans ` +
                'av boten) eller välj en annan port med PORT.'
            : `HTTP-servern kunde inte starta på ${config.host}:${config.port}: ${error.message}`,
          { cause: error },
        ),
      );
    };
    server.server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Idle keep-alive connections close at once; a request still running gets a few seconds, then is cut.
    const timer = setTimeout(() => server.server.closeAllConnections(), 5_000);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The fields every activity a channel sends carries and that the bot cannot run a turn without: its type, the
 * conversation (turn state and replies are keyed by its id), the sender, and the serviceUrl replies go to. Without
 * them the turn would fail inside botbuilder or teams-ai and answer 200 after logging an error.
 */
function isActivityShaped(body: unknown): boolean {
  if (!isRecord(body)) return false;
  const { type, conversation, from, serviceUrl } = body;
  return (
    isShortText(type) &&
    isRecord(conversation) &&
    isShortText(conversation['id'], 1_000) &&
    isRecord(from) &&
    isShortText(serviceUrl, 2_000)
  );
}

/** The activity's type for the log, when it is a short text: never anything else from the body. */
function activityTypeOf(body: unknown): string | undefined {
  return isRecord(body) && isShortText(body['type']) ? body['type'] : undefined;
}

function isShortText(value: unknown, max = 100): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
