/*
 * The two bots the latency benchmark talks to, each behind the real HTTP server (startServer) in this process with
 * a fake Bot Connector as serviceUrl, through test/helpers/botHarness.ts (imported, not copied: it is the harness
 * the end-to-end tests speak to the bot with):
 * - the real bot: createBotDeps + createBotApp, as createBotFactory wires them, with turn state in Azure Tables and
 *   the clock fixed at the data set's day, on tables whose requests are counted;
 * - the floor: floorBot.ts on tables of its own counter.
 */
import pino from 'pino';
import { createBotApp } from '../src/bot/app';
import { createBotDeps } from '../src/server/botFactory';
import { loadConfig } from '../src/server/config';
import type { ServerDeps } from '../src/server/httpServer';
import { openTables } from '../src/storage';
import { botConnectorFor, type TeamsAdapter } from '../src/teams/adapter';
import { startBotHarness, type BotHarness } from '../test/helpers/botHarness';
import { AS_OF, TENANT } from './dataset';
import { createFloorBot } from './floorBot';
import { TableRequestCounter } from './tableCounter';

/** The bot's clock: 10:00 in Stockholm on the data set's day, so "today" and "overdue" are the report's. */
export const BOT_NOW = new Date(`${AS_OF}T08:00:00Z`);

/** Only the benchmark's tenant is allowed, as in production. */
const ENV = { ALLOWED_TENANT_IDS: TENANT };

/** A bot behind its server, and the counter of its Table requests. */
export interface BenchBot {
  readonly harness: BotHarness;
  readonly counter: TableRequestCounter;
}

/** Starts the real bot against the Table service at `connectionString`. */
export async function startRealBot(connectionString: string): Promise<BenchBot> {
  const counter = new TableRequestCounter();
  const tables = await openTables(connectionString, counter.openTablesOptions);
  const config = loadConfig({ TABLES_CONNECTION_STRING: connectionString, ...ENV });
  const deps = createBotDeps(tables, config, pino({ level: 'silent' }), () => BOT_NOW);
  const createBot = (adapter: TeamsAdapter) =>
    createBotApp({
      adapter,
      connector: botConnectorFor(config),
      botAppId: config.microsoftAppId ?? '',
      deps,
    });
  return { harness: await startHarness(connectionString, createBot), counter };
}

/** Starts the floor bot against the Table service at `connectionString`; `emails` names each caller. */
export async function startFloorBot(
  connectionString: string,
  emails: ReadonlyMap<string, string>,
): Promise<BenchBot> {
  const counter = new TableRequestCounter();
  const tables = await openTables(connectionString, counter.openTablesOptions);
  const createBot = (adapter: TeamsAdapter) =>
    createFloorBot(adapter, { actions: tables.actions, partitionKey: TENANT, today: AS_OF, emails });
  return { harness: await startHarness(connectionString, createBot), counter };
}

function startHarness(connectionString: string, createBot: NonNullable<ServerDeps['createBot']>) {
  return startBotHarness({
    env: ENV,
    createBot,
    storage: connectionString,
    connectorOptions: { tenantId: TENANT },
  });
}
