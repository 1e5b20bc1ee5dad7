import { startAzurite, type RunningAzurite } from '../../src/storage/azurite';

let running: Promise<RunningAzurite> | undefined;

/**
 * The Azurite Table service of this test run: started on first use (in memory, on a free port) and stopped by the
 * root hook after the last test. Tests keep apart by using their own tenant ids or table names.
 */
export async function testAzurite(): Promise<RunningAzurite> {
  running ??= startAzurite();
  return running;
}

/** Stops the shared Azurite if a test started it. */
export async function stopTestAzurite(): Promise<void> {
  if (!running) return;
  const azurite = await running;
  running = undefined;
  await azurite.stop();
}
