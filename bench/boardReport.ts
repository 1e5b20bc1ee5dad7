/*
 * The board report at scale: read + build + write md, html, csv and xlsx exactly as `report --format md,html,csv,xlsx
 * --out FILE` does, timed phase by phase, each run in a fresh process (probes/report.ts) so that its peak memory is the
 * report's and not the data generator's or the bot's. Target: under 2 s and 200 MB.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeReportFiles } from '../src/cli/commands/reportCommand';
import { buildBoardReport, readReportInput, reportSourcesOf, REPORT_FORMATS } from '../src/reports';
import { openTables } from '../src/storage';
import { collectGarbage, hasNumbers, measureInChild, type ChildFigures } from './child';
import { AS_OF, COMMITTEE_COUNT, TENANT } from './dataset';
import { formatTable, megabytes, seconds } from './format';

/** One timed run of the report, as the CLI makes it. */
export interface ReportRun extends ChildFigures {
  read: number;
  build: number;
  /** Milliseconds per format. */
  render: Record<string, number>;
  total: number;
  /** Bytes per format. */
  bytes: Record<string, number>;
  actions: number;
  history: number;
  /** Resident size just before the report starts (Node, tsx and the code loaded), in MiB. */
  baselineRssMb: number;
  /** Largest heap seen by sampling (the sampler cannot run during synchronous work; maxRssMb is the true peak). */
  peakHeapMb: number;
}

/** In the probe: one cold run of the report against the Table service at `connectionString`. */
export async function runReportOnce(connectionString: string): Promise<Omit<ReportRun, 'maxRssMb'>> {
  collectGarbage();
  const baselineRssMb = megabytes(process.memoryUsage().rss);
  let peakHeap = 0;
  const sample = (): void => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 5);
  const t0 = performance.now();
  const tables = await openTables(connectionString);
  const input = await readReportInput(reportSourcesOf(tables), TENANT);
  sample();
  const t1 = performance.now();
  const report = buildBoardReport(input.audits, input.actions, input.history, AS_OF, {
    unreachableOwners: input.unreachableOwners,
  });
  sample();
  const t2 = performance.now();
  const render: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  // One format at a time, so each is timed on its own; the files are written as the CLI writes them.
  const dir = await mkdtemp(join(tmpdir(), 'bench-report-'));
  try {
    for (const format of REPORT_FORMATS) {
      const start = performance.now();
      const [file] = await writeReportFiles(report, [format], join(dir, 'rapport'));
      sample();
      render[format] = performance.now() - start;
      bytes[format] = file ? (await stat(file)).size : 0;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const t3 = performance.now();
  clearInterval(sampler);
  return {
    read: t1 - t0,
    build: t2 - t1,
    render,
    total: t3 - t0,
    bytes,
    actions: input.actions.length,
    history: input.history.length,
    baselineRssMb,
    peakHeapMb: megabytes(peakHeap),
  };
}

function isReportRun(value: unknown): value is ReportRun {
  return hasNumbers(value, [
    'read',
    'build',
    'total',
    'actions',
    'history',
    'baselineRssMb',
    'peakHeapMb',
    'maxRssMb',
  ]);
}

/** Runs the report `runs` times, each in a fresh process, one after another. */
export async function measureBoardReport(connectionString: string, runs: number): Promise<ReportRun[]> {
  const results: ReportRun[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(await measureInChild('report', connectionString, isReportRun));
  }
  return results;
}

/** The runs as a plain-text table with a heading line: time per phase, peak memory, and the files' sizes. */
export function describeReportRuns(results: readonly ReportRun[]): string {
  const first = results[0];
  if (!first) return 'Styrelserapporten kördes inte.';
  const header = ['körning', 'läsa', 'bygga', ...REPORT_FORMATS, 'totalt', 'max RSS', 'max heap'];
  const rows = results.map((r, i) => [
    `${i + 1}`,
    seconds(r.read),
    seconds(r.build),
    ...REPORT_FORMATS.map((f) => seconds(r.render[f] ?? 0)),
    seconds(r.total),
    `${r.maxRssMb.toFixed(0)} MB`,
    `${r.peakHeapMb.toFixed(0)} MB`,
  ]);
  const sizes = REPORT_FORMATS.map((f) => `${f} ${megabytes(first.bytes[f] ?? 0).toFixed(1)} MB`).join(', ');
  return [
    `Styrelserapport: ${first.actions} åtgärder, ${COMMITTEE_COUNT} nämnder, ${first.history} datumändringar lästa; ` +
      'mål < 2 s och < 200 MB.',
    '',
    formatTable(header, rows),
    '',
    `Storlek: ${sizes}`,
  ].join('\n');
}
