/**
 * Composition root of the bot server (`npm start`): reads the configuration, opens storage, starts the HTTP server
 * and shuts all of it down in order on SIGINT/SIGTERM. Together with config.ts the only reader of process.env.
 */
import { resolve } from 'node:path';
import { StorageError } from '../storage/errors';
import { createBotFactory, createScheduler } from './botFactory';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config';
import type { ReminderScheduler } from '../scheduler';
import { ServerStartError, startServer, type RunningServer } from './httpServer';
import { createLogger } from './logging';
import { openStorage, type StorageHost } from './storageHost';

/** How long a shutdown may take before the process gives up waiting and exits with status 1. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  loadDotEnv(resolve('.env'));
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    // A configuration mistake is the user's to fix: the message says how, a stack trace would only hide it.
    if (error instanceof ConfigError) exitWith(error.message);
    throw error;
  }
  // JSON lines on stdout: App Service's log stream and container runtimes collect them as they are.
  const log = createLogger({ level: config.logLevel });

  // Signals are handled from here on, also while starting: a SIGTERM that arrives before the server listens waits
  // for the start to finish and then stops what was started, instead of killing the process (and Azurite's
  // unsaved data) outright.
  const running: { storage?: StorageHost; server?: RunningServer; scheduler?: ReminderScheduler } = {};
  let stopping = false;
  let startup: Promise<void> = Promise.resolve();
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    // A second Ctrl+C while stopping must not start a second, overlapping shutdown.
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'Stänger av');
    setTimeout(() => {
      log.error('Avstängningen tog för lång tid; avslutar ändå');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await startup.catch(() => undefined);
      // Both at once: the server stops accepting at the signal and lets the turn under way finish (its reply is
      // sent, its state saved), while a reminder pass stops between messages and releases its lease, so another
      // instance can take the next slot without waiting for the lease to expire.
      await Promise.all([running.server?.close(), running.scheduler?.stop()]);
      // Last: the turn in flight and the pass both needed storage until they were done.
      await running.storage?.close();
      log.info('Avstängd');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'Avstängningen misslyckades');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  startup = (async () => {
    try {
      running.storage = await openStorage(config, log);
    } catch (error) {
      if (error instanceof StorageError) exitWith(error.message);
      throw error;
    }
    try {
      const createBot = await createBotFactory(config, running.storage.connectionString, log);
      running.server = await startServer(config, { log, storage: running.storage, createBot });
      running.scheduler = await createScheduler(config, running.storage.connectionString, log);
    } catch (error) {
      await running.storage.close();
      if (error instanceof ServerStartError || error instanceof StorageError) exitWith(error.message);
      throw error;
    }
  })();
  await startup;
  // Reminders and the weekly digest; the first tick catches up a pass missed while the server was down.
  if (!stopping) running.scheduler?.start();
}

function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}

main().catch((error: unknown) => {
  // An unexpected failure is a bug: keep the stack for whoever fixes it.
  console.error('Boten kunde inte starta:', error);
  process.exit(1);
});
