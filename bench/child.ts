/*
 * Measurements that need a process of their own: peak memory (the kernel's max RSS) is a high-water mark of the
 * whole process, so a figure meant to be one operation's is taken in a fresh Node process that does nothing else.
 * Each such measurement has an entry script in bench/probes/ that imports only what it measures (loading the bot's
 * code alone would add some 150 MB), measures against the Table service in BENCH_CONNECTION_STRING and prints one
 * JSON line, which the parent reads.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What every child measurement reports besides its own figures. */
export interface ChildFigures {
  /** Peak resident memory of the child process, in MiB (kernel max RSS). */
  maxRssMb: number;
}

/**
 * Runs bench/probes/`probe`.ts in a fresh process (`node --expose-gc -r tsx/cjs`) against the Table service at
 * `connectionString`, and returns the JSON object of the last line it prints, once `isResult` accepts it.
 * @throws Error when the child fails or prints something else.
 */
export function measureInChild<T extends ChildFigures>(
  probe: string,
  connectionString: string,
  isResult: (value: unknown) => value is T,
): Promise<T> {
  const script = join(__dirname, 'probes', `${probe}.ts`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', 'tsx/cjs', script], {
      env: { ...process.env, BENCH_CONNECTION_STRING: connectionString },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`mätprocessen ${probe} avslutades med ${code}`));
        return;
      }
      const last = out.trim().split('\n').pop() ?? '';
      let value: unknown;
      try {
        value = JSON.parse(last);
      } catch {
        value = undefined;
      }
      if (isResult(value)) resolve(value);
      else reject(new Error(`mätprocessen ${probe} svarade inte med sina siffror: ${last.slice(0, 200)}`));
    });
  });
}

/**
 * The body of a probe script: runs `measure` against BENCH_CONNECTION_STRING and prints its figures, with the
 * process's peak memory, as the last line; a failure is printed to stderr and ends the process with status 1.
 */
export function runProbe(measure: (connectionString: string) => Promise<object>): void {
  const connectionString = process.env['BENCH_CONNECTION_STRING'];
  const run = async (): Promise<void> => {
    if (!connectionString) throw new Error('BENCH_CONNECTION_STRING saknas');
    const figures = await measure(connectionString);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ ...figures, maxRssMb })}\n`);
  };
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}

/** Runs the garbage collector when the process was started with --expose-gc, so a measurement starts clean. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** True when `value` is an object whose `keys` all hold numbers. */
export function hasNumbers(value: unknown, keys: readonly string[]): value is Record<string, number> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return keys.every((key) => typeof record[key] === 'number');
}
