import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { StorageError } from './errors';

/** Azurite's well-known development account; it is public and only ever used against the emulator. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Options for {@link startAzurite}. */
export interface AzuriteOptions {
  /** TCP port on 127.0.0.1. Default: a free port chosen by the OS. */
  port?: number;
  /** Directory for the data files. Default: none, the data lives in memory only. */
  location?: string;
  /** How long to wait for the service to listen. Default: 20 000 ms. */
  startTimeoutMs?: number;
}

/** A running Azurite Table service. */
export interface RunningAzurite {
  readonly port: number;
  readonly connectionString: string;
  /** Stops the service and waits for the process to exit. */
  stop(): Promise<void>;
}

/** Builds the connection string of an Azurite Table service on 127.0.0.1. */
export function azuriteConnectionString(port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`
  );
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Azurite's Table service as a child process (its public command line; the in-process server is not a
 * public API). Fails with a {@link StorageError} that says what to do when the port is taken or Azurite is missing.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const chosenPort = options.port ?? (await freePort());
  let main: string;
  try {
    main = require.resolve('azurite/dist/src/table/main.js');
  } catch (cause) {
    throw new StorageError(
      'Lagringsemulatorn Azurite är inte installerad. Kör "npm install" i projektets katalog, eller sätt TABLES_CONNECTION_STRING till ett Azure Storage-konto.',
      { cause },
    );
  }
  const args = [
    main,
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(chosenPort),
    '--skipApiVersionCheck',
    '--loose',
    '--disableTelemetry',
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitUntilListening(child, chosenPort, options.startTimeoutMs ?? 20_000);
  return {
    port: chosenPort,
    connectionString: azuriteConnectionString(chosenPort),
    stop: () => stopChild(child),
  };
}

function waitUntilListening(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`Azurite svarade inte inom ${timeoutMs} ms.`);
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('successfully started') || output.includes('successfully listens')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    const fail = (message: string): void => {
      clearTimeout(timer);
      reject(new StorageError(message));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (cause) => fail(`Azurite kunde inte startas: ${cause.message}`));
    child.once('exit', (code) => {
      if (output.includes('EADDRINUSE')) {
        fail(
          `Port ${port} för lagringsemulatorn är upptagen. Stoppa programmet som använder den (till exempel en annan Azurite), ` +
            'välj en annan port med AZURITE_PORT, eller sätt TABLES_CONNECTION_STRING till ett Azure Storage-konto.',
        );
      } else {
        fail(`Azurite avslutades direkt (kod ${code ?? 'okänd'}): ${output.trim().split('\n').pop() ?? ''}`);
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGINT: Azurite saves its database and closes cleanly only on SIGINT; SIGTERM would lose the last writes.
    child.kill('SIGINT');
  });
}
