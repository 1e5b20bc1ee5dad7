import pino from 'pino';
import { ConfigError, loadConfig, loadDotEnv } from '../server/config';
import { openStorage } from '../server/storageHost';
import { StorageError } from '../storage/errors';
import { runCli } from './run';

/** `npm run cli -- <command>`: the same storage as the server, including its embedded Azurite. */
async function main(): Promise<number> {
  loadDotEnv('.env');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  // Logs go to stderr so that `--json` output on stdout stays parseable.
  // Quieter than the server unless LOG_LEVEL asks otherwise: the CLI's own output is what the user reads.
  const log = pino({ level: process.env.LOG_LEVEL ? config.logLevel : 'warn' }, pino.destination(2));
  let storage;
  try {
    storage = await openStorage(config, log);
  } catch (error) {
    if (error instanceof StorageError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  try {
    return await runCli(process.argv.slice(2), {
      connectionString: storage.connectionString,
      defaultTenantId: config.defaultTenantId,
      allowedTenantIds: config.allowedTenantIds,
      timeZone: config.timeZone,
      config,
      now: () => new Date(),
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Oväntat fel: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
