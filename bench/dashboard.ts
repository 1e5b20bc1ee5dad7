/*
 * The dashboard tab at scale (`npx tsx bench/dashboard.ts`), on the benchmarks' data set (dataset.ts: 20,000 actions
 * over 40 committees and 2,000 owners, cached in the temp directory, each run on a fresh copy):
 * - p50 and p95 of `GET /tab/api/dashboard` and of one audit's `GET /tab/api/audits/:id`, through the real server
 *   in local mode as the chair (everything), next to the board report's reading and building time in the same
 *   process, which is what the dashboard must at least do: cached (the tenant's change marker unchanged, the
 *   server's copy of the tenant is used) and cold (the marker moved before every request, as after a write, so
 *   every request reads the tenant again);
 * - the page's first render in headless Chromium (navigation start to the dashboard's data on screen, and the
 *   first contentful paint), and the size of what the browser loads.
 * It prints figures, and writes them to bench/dashboard-results.md (--out; bench/main.ts rewrites results.md whole,
 * so the dashboard keeps a file of its own); it asserts nothing.
 *
 * Options: --runs N (timed requests per address, default 20), --page-runs N (default 5), --actions N (default
 * 20,000), --fresh (generate the data set again).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { buildBoardReport, readReportInput, reportSourcesOf } from '../src/reports';
import { loadConfig } from '../src/server/config';
import { startServer } from '../src/server/httpServer';
import { CHANGE_MARKER_KEY, freePort, openTables, RoleRepository } from '../src/storage';
import { PLAYGROUND_DEMO_USER, type TabDashboard } from '../src/tab';
import { buildTabAssets } from '../scripts/tab/buildTab';
import { AS_OF, DEFAULT_ACTION_COUNT, prepareDataSet, startDataSetCopy, TENANT } from './dataset';
import { formatTable, millis, quantile } from './format';

const CHROMIUM = '/usr/bin/chromium';
const NOW = new Date(`${AS_OF}T10:00:00Z`);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** p50, p95 and the slowest of some timings, formatted. */
function figures(name: string, timings: readonly number[], note = ''): string[] {
  return [
    name,
    millis(quantile(timings, 0.5)),
    millis(quantile(timings, 0.95)),
    millis(Math.max(...timings)),
    String(timings.length),
    note,
  ];
}

async function timeRequest(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, bytes: body.byteLength, status: response.status };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20' },
      'page-runs': { type: 'string', default: '5' },
      actions: { type: 'string', default: String(DEFAULT_ACTION_COUNT) },
      fresh: { type: 'boolean', default: false },
      out: { type: 'string', default: join(__dirname, 'dashboard-results.md') },
    },
  });
  const runs = Number(values.runs);
  const pageRuns = Number(values['page-runs']);
  const dataSet = await prepareDataSet({ actions: Number(values.actions), fresh: values.fresh, log });
  const copy = await startDataSetCopy(dataSet);
  const assetsDir = mkdtempSync(join(tmpdir(), 'bench-tab-'));
  const rows: string[][] = [];
  try {
    const { connectionString } = copy.azurite;
    const tables = await openTables(connectionString);
    // The Playground's demo user, whom local mode stands for, as chair: the dashboard over every action.
    await new RoleRepository(tables.roles, tables.users).addRole(TENANT, {
      role: 'chair',
      principal: PLAYGROUND_DEMO_USER.email,
      committee: null,
    });

    log(`Styrelserapportens läsning och uppbyggnad, ${runs} gånger ...`);
    const reportTimings: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      const input = await readReportInput(reportSourcesOf(tables), TENANT);
      buildBoardReport(input.audits, input.actions, input.history, AS_OF, {
        unreachableOwners: input.unreachableOwners,
      });
      // The first run warms the connections and the code, as the server's own first request would.
      if (i > 0) reportTimings.push(performance.now() - started);
    }
    rows.push(
      figures('styrelserapporten: läsa + bygga', reportTimings, 'readReportInput + buildBoardReport'),
    );

    const build = await buildTabAssets(assetsDir);
    const config = loadConfig({
      PORT: String(await freePort()),
      TABLES_CONNECTION_STRING: connectionString,
      ALLOWED_TENANT_IDS: TENANT,
      LOG_LEVEL: 'silent',
    });
    const server = await startServer(config, {
      log: pino({ level: 'silent' }),
      storage: { connectionString, embedded: true, source: 'connectionString', close: async () => {} },
      tab: { assetsDir, now: () => NOW },
    });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      // What any write does to the tenant's change marker (src/storage/changeMarker.ts): the next request reads
      // the tenant again.
      const moveMarker = () =>
        tables.actions.upsertEntity(
          { partitionKey: TENANT.toLowerCase(), rowKey: CHANGE_MARKER_KEY, stamp: randomUUID() },
          'Replace',
        );
      log(`GET /tab/api/dashboard, ${runs} gånger kall (markören flyttad före varje) ...`);
      const first = (await (await fetch(`${base}/tab/api/dashboard`)).json()) as TabDashboard;
      const cold: number[] = [];
      for (let i = 0; i < runs; i++) {
        await moveMarker();
        const timed = await timeRequest(`${base}/tab/api/dashboard`);
        if (timed.status !== 200) throw new Error(`dashboard answered ${timed.status}`);
        cold.push(timed.ms);
      }
      log(`GET /tab/api/dashboard, ${runs} gånger ur kopian ...`);
      const cached: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const timed = await timeRequest(`${base}/tab/api/dashboard`);
        if (timed.status !== 200) throw new Error(`dashboard answered ${timed.status}`);
        cached.push(timed.ms);
        bytes = timed.bytes;
      }
      rows.push(
        figures(
          'GET /tab/api/dashboard, kall',
          cold,
          'klienten läses om (markören flyttad före varje anrop)',
        ),
        figures(
          'GET /tab/api/dashboard, ur kopian',
          cached,
          `${first.totals.total} åtgärder, ${first.overdue.length} försenade, ${Math.round(bytes / 1024)} KiB`,
        ),
      );

      const audit = first.audits[0];
      if (audit) {
        log(`GET /tab/api/audits/:id, ${runs} gånger ur kopian ...`);
        const detail: number[] = [];
        for (let i = 0; i < runs; i++) {
          detail.push((await timeRequest(`${base}/tab/api/audits/${encodeURIComponent(audit.id)}`)).ms);
        }
        rows.push(
          figures('GET /tab/api/audits/:id', detail, `${audit.counts.total} åtgärder i granskningen`),
        );
      }

      if (existsSync(CHROMIUM)) {
        log(`Sidans första rendering i Chromium, ${pageRuns} gånger ...`);
        const browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
        });
        try {
          const rendered: number[] = [];
          const painted: number[] = [];
          for (let i = 0; i < pageRuns + 1; i++) {
            // A new context each time: nothing cached from the run before.
            const context = await browser.newContext();
            const page = await context.newPage();
            await page.goto(`${base}/tab/`, { waitUntil: 'domcontentloaded' });
            await page.locator('main[aria-busy="false"]').waitFor({ timeout: 60_000 });
            const marks = (await page.evaluate(
              `[performance.getEntriesByName('dashboard-rendered')[0]?.startTime ?? NaN,
                performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN]`,
            )) as [number, number];
            if (i > 0) {
              rendered.push(marks[0]);
              painted.push(marks[1]);
            }
            await context.close();
          }
          const loaded = build.files.filter((f) => !f.name.startsWith('chunk-') || f.bytes < 100_000);
          const pageBytes = loaded.reduce((sum, f) => sum + f.bytes, 0);
          rows.push(figures('sidan: första innehåll (FCP)', painted, 'innan data: "Hämtar …"'));
          rows.push(
            figures(
              'sidan: data på skärmen',
              rendered,
              `navigeringsstart till renderad vy; ${Math.round(pageBytes / 1024)} KiB utanför Teams`,
            ),
          );
        } finally {
          await browser.close();
        }
      } else {
        log(`${CHROMIUM} saknas: sidans rendering mäts inte.`);
      }
    } finally {
      await server.close();
    }
    const teamsChunk = build.files.find((f) => f.name.startsWith('chunk-') && f.bytes >= 100_000);
    const text =
      `Fliken på ${dataSet.actions} åtgärder (${AS_OF}), lokalt läge som ordförande; ` +
      `${new Date().toISOString()}, ${cpus().length} kärnor, belastning ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}.\n\n` +
      formatTable(['mätning', 'p50', 'p95', 'max', 'n', 'anmärkning'], rows) +
      `\n\nSidans filer: ${build.files.map((f) => `${f.name} ${Math.round(f.bytes / 1024)} KiB`).join(', ')}` +
      (teamsChunk ? ` (${teamsChunk.name} är Teams-biblioteket, som bara laddas i Teams).` : '.');
    console.log(`\n${text}`);
    writeFileSync(
      values.out,
      `# Fliken Uppföljning (\`npx tsx bench/dashboard.ts\`)\n\n\`\`\`text\n${text}\n\`\`\`\n`,
    );
  } finally {
    rmSync(assetsDir, { recursive: true, force: true });
    await copy.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
