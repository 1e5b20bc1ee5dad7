import { request } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { azuriteConnectionString, startAzurite } from '../storage/azurite';
import { StorageError } from '../storage/errors';
import type { Config } from './config';

/** The Table service the process works against, and how to let go of it. */
export interface StorageHost {
  /** Connection string for `@azure/data-tables` (Azurite's needs `allowInsecureConnection: true`). */
  readonly connectionString: string;
  /** True when the service is an Azurite emulator on 127.0.0.1 (started here or reused), false for a real account. */
  readonly embedded: boolean;
  /**
   * Where the service came from: `connectionString` (TABLES_CONNECTION_STRING), `started` (this process started
   * Azurite and {@link StorageHost.close} stops it) or `reused` (another process's Azurite, left running).
   */
  readonly source: 'connectionString' | 'started' | 'reused';
  /** Stops the emulator if this process started it; otherwise does nothing. Safe to call more than once. */
  close(): Promise<void>;
}

/** Options for {@link openStorage}. */
export interface OpenStorageOptions {
  /** How long to wait for an answer on AZURITE_PORT before calling the port taken. Default: 2 000 ms. */
  probeTimeoutMs?: number;
}

const PRODUCTION_NEEDS_ACCOUNT =
  'TABLES_CONNECTION_STRING saknas, och med NODE_ENV=production startas ingen inbyggd lagringsemulator. ' +
  'Sätt TABLES_CONNECTION_STRING till anslutningssträngen för ett Azure Storage-konto, ' +
  'eller ta bort NODE_ENV=production för att köra lokalt.';

type Probe = { kind: 'free' } | { kind: 'azurite'; server: string } | { kind: 'other'; detail: string };

const ADVICE =
  'Gör något av detta: stoppa programmet som använder porten, välj en annan port med AZURITE_PORT, ' +
  'eller sätt TABLES_CONNECTION_STRING till ett Azure Storage-konto.';

/**
 * Opens the Table service: the account in TABLES_CONNECTION_STRING if set; else an Azurite that already answers on
 * 127.0.0.1:AZURITE_PORT (the running server's, which is how the CLI shares its data); else a new Azurite keeping its
 * data under `DATA_DIR/azurite`. With `NODE_ENV=production` only the first: the emulator is never reached for there.
 *
 * @throws {StorageError} (code `Unavailable`) whose message says what to do, when production has no
 *   TABLES_CONNECTION_STRING, the port is taken by something that is not Azurite, or Azurite cannot start.
 */
export async function openStorage(
  config: Pick<Config, 'tablesConnectionString' | 'azuritePort' | 'dataDir' | 'nodeEnv'>,
  log: Logger,
  options: OpenStorageOptions = {},
): Promise<StorageHost> {
  if (config.tablesConnectionString !== null) {
    log.info('Lagring: Azure Storage-kontot i TABLES_CONNECTION_STRING');
    return {
      connectionString: config.tablesConnectionString,
      embedded: false,
      source: 'connectionString',
      close: noop,
    };
  }
  // An emulator in production would keep the municipality's data on one instance's disk, out of every backup and
  // apart from every other instance; a production install does not even contain Azurite. Say so before probing.
  if (config.nodeEnv === 'production')
    throw new StorageError(PRODUCTION_NEEDS_ACCOUNT, { code: 'Unavailable' });
  const port = config.azuritePort;
  const timeoutMs = options.probeTimeoutMs ?? 2_000;
  const found = await probeAzurite(port, timeoutMs);
  if (found.kind === 'azurite') return reuse(port, found.server, log);
  if (found.kind === 'other') {
    throw new StorageError(
      `Port ${port} (AZURITE_PORT) för lagringsemulatorn är upptagen av ett annat program än Azurite ` +
        `(${found.detail}). ${ADVICE}`,
      { code: 'Unavailable' },
    );
  }
  const location = join(config.dataDir, 'azurite');
  try {
    const azurite = await startAzurite({ port, location });
    log.info({ port, location }, 'Lagring: startade lagringsemulatorn Azurite');
    let stopping: Promise<void> | undefined;
    return {
      connectionString: azurite.connectionString,
      embedded: true,
      source: 'started',
      close: () => (stopping ??= azurite.stop()),
    };
  } catch (cause) {
    // The server and the CLI may both have seen the port free and raced to start Azurite: use the winner's.
    const after = await probeAzurite(port, timeoutMs);
    if (after.kind === 'azurite') return reuse(port, after.server, log);
    throw explainStartFailure(cause, port, location);
  }
}

function reuse(port: number, server: string, log: Logger): StorageHost {
  log.info({ port, server }, 'Lagring: använder lagringsemulatorn som redan körs på porten');
  return { connectionString: azuriteConnectionString(port), embedded: true, source: 'reused', close: noop };
}

function explainStartFailure(cause: unknown, port: number, location: string): StorageError {
  const message = cause instanceof Error ? cause.message : String(cause);
  // azurite.ts already says what to do for a taken port or a missing install; keep those words as they are.
  if (message.includes('TABLES_CONNECTION_STRING'))
    return new StorageError(message, { cause, code: 'Unavailable' });
  return new StorageError(
    `Lagringsemulatorn Azurite kunde inte startas på port ${port} med data i ${location}: ${message} ` +
      `Kontrollera att katalogen går att skriva i (DATA_DIR) och att "npm install" har körts. ${ADVICE}`,
    { cause, code: 'Unavailable' },
  );
}

/**
 * Asks what answers on 127.0.0.1:port. Azurite answers an unsigned request with 403 and `Server: Azurite-Table/<version>`;
 * a refused connection means the port is free; anything else (another HTTP server, a silent TCP server) is "other".
 */
function probeAzurite(port: number, timeoutMs: number): Promise<Probe> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/devstoreaccount1/Tables',
        method: 'GET',
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        const server = String(res.headers.server ?? '');
        resolve(
          server.startsWith('Azurite-Table')
            ? { kind: 'azurite', server }
            : {
                kind: 'other',
                detail: server ? `den svarar som ${server}` : `den svarar HTTP ${res.statusCode}`,
              },
        );
      },
    );
    req.once('timeout', () => {
      resolve({ kind: 'other', detail: `den svarar inte på HTTP inom ${timeoutMs} ms` });
      req.destroy();
    });
    req.once('error', (error: NodeJS.ErrnoException) => {
      resolve(
        error.code === 'ECONNREFUSED'
          ? { kind: 'free' }
          : { kind: 'other', detail: `den svarar inte som Azurite: ${error.code ?? error.message}` },
      );
    });
    req.end();
  });
}

async function noop(): Promise<void> {}
