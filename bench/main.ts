/*
 * `npm run bench` (a script, not a test): the project's performance figures, measured in one run and written as a
 * table to bench/results.md (and printed):
 * - p50 and p95 latency of `mina åtgärder`, `A-n klar`, `försenade` as chair and a card button, next to the floor
 *   measured in the same run (latency.ts, floorBot.ts), with the Table requests each turn makes against their limits;
 * - time and peak memory of the overdue list, as a repository call and as a whole turn (overdueList.ts);
 * - time and peak memory of the full board report (boardReport.ts);
 * - a fan-out of 1,000 reminders through the fake connector with Teams' limits and 5 % injected faults (fanout.ts).
 * All but the fan-out use the data set of dataset.ts (20,000 actions over 40 committees and 2,000 owners), generated
 * once and cached in the temp directory; each run works on a fresh copy of it.
 *
 * Options: --turns N (timed turns per command and side, default 200), --warmup N (default 10), --report-runs N
 * (default 3), --fresh (generate the data set again), --skip-fanout, --out FILE (default bench/results.md).
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openTables } from '../src/storage';
import { measureBoardReport } from './boardReport';
import { runFanOutBenchmark } from './fanout';
import { startFloorBot, startRealBot } from './bots';
import { prepareDataSet, startDataSetCopy, type DataSet } from './dataset';
import { actionsNeeded, measureLatency, type LatencyOptions } from './latency';
import { measureOverdueList } from './overdueList';
import { castPeople } from './people';
import { renderResults, type BenchResults } from './results';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Everything that runs against the data set: overdue list, latency, board report. */
async function measureOnDataSet(
  dataSet: DataSet,
  latencyOptions: LatencyOptions,
  reportRuns: number,
): Promise<Pick<BenchResults, 'latency' | 'overdue' | 'report'>> {
  const copy = await startDataSetCopy(dataSet);
  try {
    const { connectionString } = copy.azurite;
    const { lists, perList } = actionsNeeded(latencyOptions);
    const cast = await castPeople(await openTables(connectionString), lists, perList);

    log('Försenade åtgärder: repositoryanrop och hel tur, var för sig i en ny process ...');
    // Before the latency turns, which close some of the overdue actions.
    const overdue = await measureOverdueList(connectionString);

    log(`Svarstider, ${latencyOptions.turns ?? 200} turer per kommando för boten och för golvet ...`);
    const bot = await startRealBot(connectionString);
    const floor = await startFloorBot(connectionString, cast.emails);
    let latency;
    try {
      latency = await measureLatency({ bot, floor }, cast, { ...latencyOptions, log });
    } finally {
      await bot.harness.close();
      await floor.harness.close();
    }

    log(`Styrelserapporten, ${reportRuns} körningar i var sin process ...`);
    const report = await measureBoardReport(connectionString, reportRuns);
    return { latency, overdue, report };
  } finally {
    await copy.dispose();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const startedAt = new Date();
  const startLoad = loadavg()[0] ?? 0;
  const { values } = parseArgs({
    options: {
      turns: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '10' },
      'report-runs': { type: 'string', default: '3' },
      fresh: { type: 'boolean', default: false },
      'skip-fanout': { type: 'boolean', default: false },
      out: { type: 'string', default: join(__dirname, 'results.md') },
    },
  });
  const dataSet = await prepareDataSet({ fresh: values.fresh, log });
  const measured = await measureOnDataSet(
    dataSet,
    { turns: Number(values.turns), warmup: Number(values.warmup) },
    Number(values['report-runs']),
  );
  let fanOut = null;
  if (!values['skip-fanout']) {
    log('Utskick av 1 000 påminnelser genom den falska connectorn ...');
    fanOut = await runFanOutBenchmark({ reminders: 1_000, faultRate: 0.05 });
  }
  const markdown = renderResults({
    startedAt,
    startLoad,
    totalMs: performance.now() - started,
    dataSet: { actions: dataSet.actions, generatedMs: dataSet.generatedMs },
    ...measured,
    fanOut,
  });
  await writeFile(values.out, markdown);
  console.log(markdown);
  log(`Skrev ${values.out}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
