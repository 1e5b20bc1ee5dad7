/**
 * The bot server (`src/server/main.ts`) and the CLI as real processes, for tests of what only a process shows:
 * signals, exit codes, ports released, several instances on one storage. Each runs in its own process group so that
 * cleanup also reaches an Azurite child left behind by a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ENV_KEYS } from '../../src/server/config';

const ROOT = resolve(__dirname, '../..');

/** Every variable the server reads, blanked: neither the developer's shell nor a `.env` file may change a test. */
const CONFIG_KEYS = ENV_KEYS;

/** A spawned process and what it wrote. */
export interface SpawnedProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Both streams, for assertion messages. */
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const spawned: SpawnedProcess[] = [];

function start(
  script: string,
  args: string[],
  env: Record<string, string>,
  cwd: string = ROOT,
  loader: readonly string[] = ['--import', 'tsx'],
): SpawnedProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONFIG_KEYS) childEnv[key] = '';
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, [...loader, script, ...args], {
    cwd,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const proc: SpawnedProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    output: () => `--- stdout\n${out}\n--- stderr\n${err}`,
    exited,
  };
  spawned.push(proc);
  return proc;
}

/** Starts the server as `npm start` does, with only `env` configured, from the project (or `root`, see below). */
export function startServerProcess(env: Record<string, string>, root: string = ROOT): SpawnedProcess {
  return start('src/server/main.ts', [], env, root);
}

/** Starts the compiled server (`npm run build` first) with plain node, as the production image runs it. */
export function startCompiledServerProcess(env: Record<string, string>, root: string = ROOT): SpawnedProcess {
  return start('dist/src/server/main.js', [], env, root, []);
}

/**
 * Lays out in `dir` a checkout of this project whose `node_modules` lacks the (unscoped) package `missing`, as after
 * an install that did not finish. The sources are copied, because Node resolves packages from a module's real path
 * and a symlinked `src` would find them in this project's `node_modules` again; every other package is a symlink, so
 * nothing is installed. Start the server there with {@link startServerProcess}'s `root`.
 */
export function projectWithout(missing: string, dir: string): void {
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  // Read-only data the sources import (cards): links are enough, they resolve nothing.
  symlinkSync(join(ROOT, 'cards'), join(dir, 'cards'));
  // `type` (CommonJS) and the compiler options tsx needs to load the sources as the project does.
  for (const file of ['package.json', 'tsconfig.json']) copyFileSync(join(ROOT, file), join(dir, file));
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== missing) symlinkSync(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
}

/** Starts `npm run cli -- <args>` as a process, for tests that act on it while it runs (a kill mid-pass). */
export function startCliProcess(args: string[], env: Record<string, string>): SpawnedProcess {
  // The CLI hands LOG_LEVEL to pino unvalidated, and the blank that keeps a `.env` out is no level.
  return start('src/cli/main.ts', args, { LOG_LEVEL: 'warn', ...env });
}

/** Runs `npm run cli -- <args>` as a process and resolves when it exits. */
export async function runCliProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  const proc = startCliProcess(args, env);
  const { code } = await proc.exited;
  return { code, out: proc.stdout(), err: proc.stderr() };
}

/** True while the process has neither exited nor been killed. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Resolves with how the process ended, or rejects after `timeoutMs` with its output. */
export async function waitForExit(
  proc: SpawnedProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: string | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the process did not exit within ${timeoutMs} ms; ${proc.output()}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** True when a new server could bind the port on 127.0.0.1, i.e. nobody holds it any more. */
export function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** Waits until the server listens on `port`; fails early, with its output, when it exits first. */
export async function waitForListening(
  proc: SpawnedProcess,
  port: number,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(proc.child)) {
      throw new Error(
        `the server exited (${String(proc.child.exitCode)}) before listening; ${proc.output()}`,
      );
    }
    if (await canConnect(port)) return;
    await delay(200);
  }
  throw new Error(`the server did not listen on ${port} within ${timeoutMs} ms; ${proc.output()}`);
}

/** Stops every process started here: SIGTERM, a grace period, then SIGKILL to what is left of each group. */
export async function stopSpawned(): Promise<void> {
  for (const proc of spawned.splice(0)) {
    if (isRunning(proc.child)) {
      killGroup(proc.child, 'SIGTERM');
      await Promise.race([proc.exited, delay(15_000)]);
    }
    killGroup(proc.child, 'SIGKILL');
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the whole group is gone already, which is what we want.
  }
}
