/**
 * The bot as Teams sees it: the real server (`startServer`) in this process, its `/api/messages` spoken to over HTTP,
 * and a fake Bot Connector as the `serviceUrl`, so that every reply, update and proactive send travels the real
 * protocol. Storage is the shared test Azurite.
 *
 * Reply timing (checked in harness.spec.ts): botbuilder's CloudAdapter answers the POST only after the turn has run,
 * and a turn's `sendActivity` awaits the connector's answer, so when {@link BotHarness.post} resolves every reply the
 * turn awaited is already recorded at the connector. Only sends the bot does not await (teams-ai's typing timer after
 * the first second of a slow turn, fire-and-forget code) can arrive later: wait for those with `expectReplies` or
 * `connector.waitForActivities`.
 */
import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from '../../src/server/config';
import { startServer, type RunningServer, type ServerDeps } from '../../src/server/httpServer';
import type { StorageHost } from '../../src/server/storageHost';
import {
  invokeActionExecute,
  messageActivity,
  type ActionExecuteOptions,
  type IncomingActivity,
  type MessageOptions,
  DEFAULT_TENANT_ID,
} from './activities';
import { testAzurite } from './azurite';
import {
  startFakeConnector,
  type FakeConnector,
  type FakeConnectorOptions,
  type RecordedActivity,
  type SentActivity,
} from './fakeConnector';

/** Options for {@link startBotHarness}. */
export interface BotHarnessOptions {
  /** Environment for `loadConfig`, over `TABLES_CONNECTION_STRING` (the test Azurite). Default: none. */
  env?: Record<string, string>;
  /** Builds the bot; default: the server's placeholder bot (answers every message with PLACEHOLDER_REPLY). */
  createBot?: ServerDeps['createBot'];
  /** Options of the fake connector. Default: its defaults, with members' tenant {@link DEFAULT_TENANT_ID}. */
  connectorOptions?: FakeConnectorOptions;
  /** Connection string of the Table service the server is configured with. Default: the shared test Azurite. */
  storage?: string;
}

/** The HTTP answer of the bot's `/api/messages`. */
export interface PostResult {
  status: number;
  /** Parsed JSON when the body is JSON, the text when it is something else, `undefined` when empty. */
  body: unknown;
  headers: Headers;
}

/** Extra request details for {@link BotHarness.post} and {@link BotHarness.postRaw}. */
export interface PostOptions {
  /** Extra headers, e.g. `authorization: 'Bearer ...'`. */
  headers?: Record<string, string>;
}

/** Options of {@link BotHarness.send}: the message's fields (all but text and serviceUrl) and how long to wait. */
export interface SendOptions extends Omit<MessageOptions, 'text' | 'serviceUrl'>, PostOptions {
  /**
   * Wait until at least this many activities arrived in the turn's conversation (counting from the POST), for bots
   * that answer after the HTTP response. Default: 0, take what arrived before the response.
   */
  expectReplies?: number;
  /** How long `expectReplies` may wait. Default: 5 000 ms. */
  timeoutMs?: number;
}

/** What one message turn produced. */
export interface TurnResult extends PostResult {
  /** The activity that was posted. */
  activity: IncomingActivity;
  /** Everything the bot delivered to the turn's conversation during the turn (typing included), in order. */
  replies: RecordedActivity[];
  /** The `message` activities among `replies`. */
  messages: SentActivity[];
  /** The `text` of each of `messages` (empty string for a card without text). */
  texts: string[];
  /** What the bot delivered to other conversations during the turn (e.g. a notice to an action's owner). */
  elsewhere: RecordedActivity[];
}

/** Options of {@link BotHarness.invoke}: the invoke's fields besides verb, data and serviceUrl. */
export type InvokeOptions = Omit<ActionExecuteOptions, 'verb' | 'data' | 'serviceUrl'> & PostOptions;

/** A running bot with its fake connector. */
export interface BotHarness {
  /** The bot's messaging endpoint, `http://127.0.0.1:<port>/api/messages`. */
  readonly url: string;
  /** The fake Bot Connector the activities' `serviceUrl` points at. */
  readonly connector: FakeConnector;
  /** The configuration the server runs with. */
  readonly config: Config;
  /** The Table service connection string (by default the shared test Azurite). */
  readonly storage: string;
  /** The running server, e.g. `server.adapter` for proactive sends. */
  readonly server: RunningServer;
  /** POSTs `body` as JSON to `/api/messages`. */
  post(body: unknown, options?: PostOptions): Promise<PostResult>;
  /** POSTs raw bytes with the given content type (malformed JSON, arrays, huge bodies). */
  postRaw(body: string | Buffer, contentType: string, options?: PostOptions): Promise<PostResult>;
  /** Sends a message (default: from Anna, personal chat) and returns what the turn delivered. */
  send(text: string, options?: SendOptions): Promise<TurnResult>;
  /**
   * Presses a card button (`Action.Execute` with `verb` and `data`) and returns the invoke response body (teams-ai's
   * `{ statusCode, type, value }`, the card or message answer).
   *
   * @throws {Error} when the HTTP status is not 200, with the status and body in the message.
   */
  invoke(verb: string, data?: unknown, options?: InvokeOptions): Promise<unknown>;
  /** Stops the server and the connector. Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Starts the real server in this process against the shared test Azurite (or `options.storage`), plus a fake Bot
 * Connector.
 * The logger is silent unless `TEST_LOG` is set (to a pino level, or anything else for `debug`).
 *
 * @example
 * const bot = await startBotHarness();
 * after(() => bot.close());
 * const turn = await bot.send('hjälp');
 * assert.match(turn.texts[0] ?? '', /mina åtgärder/);
 */
export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const connectionString = options.storage ?? (await testAzurite()).connectionString;
  const env = { TABLES_CONNECTION_STRING: connectionString, ...options.env };
  // loadConfig accepts ports 1-65535 only; a free port (0) is set on the result, as start.spec.ts does.
  const loaded = loadConfig(env);
  const config: Config = options.env?.['PORT'] === undefined ? { ...loaded, port: 0 } : loaded;
  const storage: StorageHost = {
    connectionString,
    embedded: true,
    source: 'connectionString',
    close: async () => {},
  };
  const connector = await startFakeConnector({ tenantId: DEFAULT_TENANT_ID, ...options.connectorOptions });
  let server: RunningServer;
  try {
    const deps: ServerDeps = options.createBot
      ? { log: testLogger(), storage, createBot: options.createBot }
      : { log: testLogger(), storage };
    server = await startServer(config, deps);
  } catch (error) {
    await connector.close();
    throw error;
  }
  const url = `http://127.0.0.1:${server.port}/api/messages`;

  const postRaw = async (body: string | Buffer, contentType: string, postOptions: PostOptions = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...postOptions.headers },
      body,
    });
    return { status: response.status, body: parseBody(await response.text()), headers: response.headers };
  };
  const post = (body: unknown, postOptions?: PostOptions) =>
    postRaw(JSON.stringify(body), 'application/json', postOptions);

  let closing: Promise<void> | undefined;
  return {
    url,
    connector,
    config,
    storage: connectionString,
    server,
    post,
    postRaw,
    async send(text, sendOptions = {}) {
      const { expectReplies = 0, timeoutMs = 5_000, headers, ...messageOptions } = sendOptions;
      const activity = messageActivity({ ...messageOptions, text, serviceUrl: connector.url });
      const conversationId = activity.conversation.id;
      const mark = connector.lastSeq;
      const result = await post(activity, headers ? { headers } : {});
      const inTurn = (recorded: RecordedActivity) => recorded.seq > mark;
      const inConversation = (recorded: RecordedActivity) =>
        inTurn(recorded) && recorded.conversationId === conversationId;
      if (expectReplies > 0) await connector.waitForActivities(inConversation, expectReplies, timeoutMs);
      const during = connector.sent.filter(inTurn);
      const replies = during.filter(inConversation);
      const messages = replies.map((recorded) => recorded.activity).filter((sent) => sent.type === 'message');
      return {
        ...result,
        activity,
        replies,
        messages,
        texts: messages.map((sent) => sent.text ?? ''),
        elsewhere: during.filter((recorded) => !inConversation(recorded)),
      };
    },
    async invoke(verb, data = {}, invokeOptions = {}) {
      const { headers, ...activityOptions } = invokeOptions;
      const activity = invokeActionExecute({ ...activityOptions, verb, data, serviceUrl: connector.url });
      const result = await post(activity, headers ? { headers } : {});
      if (result.status !== 200) {
        throw new Error(
          `The invoke "${verb}" got HTTP ${result.status} from the bot: ${JSON.stringify(result.body)}`,
        );
      }
      return result.body;
    },
    close() {
      closing ??= (async () => {
        await server.close();
        await connector.close();
      })();
      return closing;
    },
  };
}

function testLogger(): Logger {
  const wanted = process.env['TEST_LOG'];
  if (!wanted) return pino({ level: 'silent' });
  const level = Object.keys(pino.levels.values).includes(wanted) ? wanted : 'debug';
  return pino({ level, name: 'bot-under-test' });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
