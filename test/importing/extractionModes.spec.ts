/**
 * The extraction worker is a file next to extraction.ts, and must start however the code runs: under mocha with
 * `-r tsx/cjs` (every other test), under the `tsx` command as `npm start` runs the server, and as JavaScript compiled
 * by tsc. The last two run here in child processes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'test', 'fixtures', 'seeds', 'tyreso-asn-samverkan-2023.txt');

/** A script that reads the seed through `modulePath`'s extractDocument and prints the number of actions. */
function script(modulePath: string): string {
  return [
    `const { extractDocument } = require(${JSON.stringify(modulePath)});`,
    `const bytes = require('node:fs').readFileSync(${JSON.stringify(SEED)});`,
    "extractDocument('svar.txt', bytes, { today: '2026-03-02' }).then(",
    '  (draft) => console.log(JSON.stringify({ actions: draft.details.actions.length })),',
    '  (error) => { console.error(String(error)); process.exitCode = 1; },',
    ');',
  ].join('\n');
}

describe('document extraction: the worker starts in every way the code runs', function () {
  // Each case starts a process of its own, and one runs tsc first: tens of seconds on a busy machine.
  this.timeout(240_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'extraction-modes-'));
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('under the tsx command, as npm start runs the server', async () => {
    const file = join(dir, 'viaTsx.ts');
    await writeFile(file, script(join(ROOT, 'src', 'importing', 'extraction.ts')));
    const { stdout } = await run(process.execPath, [require.resolve('tsx/cli'), file], { cwd: ROOT });
    assert.deepEqual(JSON.parse(stdout), { actions: 5 });
  });

  it('as JavaScript compiled by tsc (the worker is the .js file beside extraction.js)', async () => {
    const out = join(dir, 'dist');
    await run(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        ...['--outDir', out, '--rootDir', ROOT, '--module', 'node16', '--moduleResolution', 'node16'],
        ...['--target', 'ES2022', '--esModuleInterop', '--resolveJsonModule', '--skipLibCheck', '--strict'],
        ...['--types', 'node'],
        join(ROOT, 'src', 'importing', 'extraction.ts'),
        join(ROOT, 'src', 'importing', 'extractWorker.ts'),
      ],
      { cwd: ROOT },
    );
    const file = join(dir, 'viaJs.js');
    await writeFile(file, script(join(out, 'src', 'importing', 'extraction.js')));
    // The compiled files live outside the project, so they find its packages through NODE_PATH.
    const { stdout } = await run(process.execPath, [file], {
      cwd: dir,
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    });
    assert.deepEqual(JSON.parse(stdout), { actions: 5 });
  });
});
