/*
 * The overdue list at scale: the chair's `försenade` lists every overdue action of the tenant. Measured twice, each
 * in a fresh process so that the peak memory is the measurement's own:
 * - the repository call, ActionRepository.listOverdueActions (the open-action index, due before today), in
 *   probes/overdueQuery.ts;
 * - the whole turn, the real bot behind its server answering the chair's `försenade` over HTTP, in
 *   probes/overdueTurn.ts.
 * Each is run once cold and then a few times more; the time is the median of the warm runs, the memory the peak
 * resident size of the process and how far it rose above what the process held just before the first run.
 * Target: under 300 ms.
 */
import { performance } from 'node:perf_hooks';
import { collectGarbage, hasNumbers, measureInChild, type ChildFigures } from './child';
import { megabytes, quantile } from './format';

/** Warm runs after the cold one. */
const WARM_RUNS = 5;

/** Figures of one way of listing the overdue actions. */
export interface OverdueFigures extends ChildFigures {
  /** Median of the warm runs. */
  ms: number;
  coldMs: number;
  /** How far the resident size rose above the level before the first run, in MiB. */
  rssRiseMb: number;
  /** Overdue actions listed. */
  count: number;
}

/** In a probe: one cold run of `run` and {@link WARM_RUNS} warm ones; `run` returns how many actions it listed. */
export async function timeRuns(run: () => Promise<number>): Promise<Omit<OverdueFigures, 'maxRssMb'>> {
  collectGarbage();
  const before = process.memoryUsage().rss;
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i <= WARM_RUNS; i++) {
    const start = performance.now();
    count = await run();
    times.push(performance.now() - start);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  return {
    ms: quantile(times.slice(1), 0.5),
    coldMs: times[0] ?? Number.NaN,
    rssRiseMb: megabytes(Math.max(0, peak - before)),
    count,
  };
}

function isOverdueFigures(value: unknown): value is OverdueFigures {
  return hasNumbers(value, ['ms', 'coldMs', 'rssRiseMb', 'count', 'maxRssMb']);
}

/** Measures the repository call and the whole turn, each in a fresh process, against `connectionString`. */
export async function measureOverdueList(
  connectionString: string,
): Promise<{ query: OverdueFigures; turn: OverdueFigures }> {
  return {
    query: await measureInChild('overdueQuery', connectionString, isOverdueFigures),
    turn: await measureInChild('overdueTurn', connectionString, isOverdueFigures),
  };
}
