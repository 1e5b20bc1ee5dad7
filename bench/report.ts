/*
 * Benchmark of the board report at scale (a script, not a test): `npm run bench:report`.
 *
 * Prepares the data set of dataset.ts (400 audits, 20,000 actions over 40 committees; generated once and cached in
 * the temp directory), starts Azurite over a copy of it, and runs the full report (read + build + write md, html,
 * csv, xlsx as the CLI does) in fresh child processes, printing the time and memory of each phase.
 * Target: under 2 s and 200 MB. `npm run bench` measures the same as one row of its table.
 *
 * Options: --actions N (default 20000), --runs N (default 3), --fresh (generate the data again), --keep (leave
 * Azurite running until Ctrl-C and print its connection string), --connection S (measure a Table service that
 * already holds the data; nothing is generated).
 */
import { parseArgs } from 'node:util';
import { describeReportRuns, measureBoardReport } from './boardReport';
import { DEFAULT_ACTION_COUNT, prepareDataSet, startDataSetCopy, type DataSetCopy } from './dataset';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      actions: { type: 'string', default: String(DEFAULT_ACTION_COUNT) },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
      connection: { type: 'string' },
      fresh: { type: 'boolean', default: false },
    },
  });
  let copy: DataSetCopy | null = null;
  try {
    if (!values.connection) {
      copy = await startDataSetCopy(
        await prepareDataSet({ actions: Number(values.actions), fresh: values.fresh }),
      );
    }
    const connectionString = values.connection ?? copy?.azurite.connectionString ?? '';
    console.log(`\n${describeReportRuns(await measureBoardReport(connectionString, Number(values.runs)))}`);
    if (values.keep && copy) {
      console.log(`\nAzurite kör kvar: ${connectionString}\nAvsluta med Ctrl-C.`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await copy?.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
