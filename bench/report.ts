/*
 * Benchmark of the board report at scale (a script, not a test): `npm run bench:report`.
 *
 * Starts Azurite, stores 400 audits with 20,000 actions over 40 committees, made and changed by the domain's own
 * functions (statuses and moved deadlines included, so the history has what a real tenant's has), then runs the
 * full report (read + build + write md, html, csv, xlsx as the CLI does) in a fresh child process, so that its peak memory is the
 * report's and not the data generator's, and prints the time and memory of each phase.
 * Target: under 2 s and 200 MB.
 *
 * Generating the data takes Azurite several minutes (it checks every insert against the whole partition), so the
 * data set is kept in the temp directory and reused by later runs.
 *
 * Options: --actions N (default 20000), --runs N (default 3), --fresh (generate the data again), --keep (leave
 * Azurite running until Ctrl-C and print its connection string), --connection S (measure a Table service that
 * already holds the data; nothing is generated).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableEntity, TransactionAction } from '@azure/data-tables';
import {
  changeDeadline,
  changeStatus,
  createAction,
  isClosed,
  type ActionChange,
} from '../src/domain/actions';
import type { Action, Audit, HistoryEvent } from '../src/domain/types';
import { readReportInput, writeReportFiles } from '../src/cli/commands/reportCommand';
import { buildBoardReport, REPORT_FORMATS } from '../src/reports';
import {
  ActionRepository,
  AuditRepository,
  ConversationRepository,
  openTables,
  startAzurite,
  UserRepository,
  type Tables,
} from '../src/storage';

const TENANT = 'bench-tenant';
const AS_OF = '2026-03-31';
const COMMITTEE_COUNT = 40;
const RECOMMENDATIONS_PER_AUDIT = 5;
const ACTIONS_PER_AUDIT = 50;
const OWNERS = 2_000;
const UNREACHABLE = 25;

const BASE_COMMITTEES = [
  'Kommunstyrelsen',
  'Socialnämnden',
  'Grundskolenämnden',
  'Förskolenämnden',
  'Gymnasie- och vuxenutbildningsnämnden',
  'Kulturnämnden',
  'Fritidsnämnden',
  'Miljö- och hälsoskyddsnämnden',
  'Byggnadsnämnden',
  'Tekniska nämnden',
  'Vård- och omsorgsnämnden',
  'Arbetsmarknads- och integrationsnämnden',
  'Stadsbyggnadsnämnden',
  'Valnämnden',
  'Överförmyndarnämnden',
  'Servicenämnden',
  'Idrotts- och föreningsnämnden',
  'Trafiknämnden',
  'Krisledningsnämnden',
  'Funktionsstödsnämnden',
];
const COMMITTEES = Array.from({ length: COMMITTEE_COUNT }, (_, i) =>
  i < BASE_COMMITTEES.length
    ? (BASE_COMMITTEES[i] ?? '')
    : `Stadsdelsnämnd ${i - BASE_COMMITTEES.length + 1}`,
);
const REASONS = [
  'Personalbrist under sommaren',
  'Väntar på nytt verksamhetssystem',
  'Beslut i nämnden sköts upp',
  'Upphandlingen överprövades',
  'Omorganisation av förvaltningen',
];

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(items: readonly T[], next: () => number): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function isoDate(start: Date, days: number): string {
  return new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

async function generate(tables: Tables, actionCount: number): Promise<void> {
  const next = random(20260331);
  const audits = new AuditRepository(tables.audits);
  const auditCount = Math.ceil(actionCount / ACTIONS_PER_AUDIT);
  const started = performance.now();
  const rows: TableEntity[] = [];
  let ref = 0;
  for (let a = 0; a < auditCount; a++) {
    const committees = [COMMITTEES[a % COMMITTEE_COUNT] ?? '', pick(COMMITTEES, next)].filter(
      (c, i, all) => all.indexOf(c) === i,
    );
    const audit: Audit = {
      id: `audit-${String(a + 1).padStart(4, '0')}`,
      title: `Granskning ${a + 1} av ${pick(['intern kontroll', 'styrning', 'IT-säkerhet', 'upphandling', 'barnkonventionen'], next)}`,
      auditor: pick(['Stadsrevisionen', 'EY', 'PwC', 'KPMG'], next),
      reportDate: isoDate(new Date('2022-01-01'), Math.floor(next() * 1400)),
      diaryNumber: `KS ${2022 + (a % 4)}-${String(a + 1).padStart(5, '0')}`,
      committees,
      responseDue: committees.map((committee) => ({ committee, due: '2026-06-30' })),
      boardFeedback: [],
      recommendations: Array.from({ length: RECOMMENDATIONS_PER_AUDIT }, (_, r) => ({
        id: `R${r + 1}`,
        text: `Rekommendation ${r + 1}: säkerställ att rutinerna följs och dokumenteras`,
        committees,
      })),
    };
    await audits.createAudit(TENANT, audit);
    const remaining = Math.min(ACTIONS_PER_AUDIT, actionCount - a * ACTIONS_PER_AUDIT);
    for (let i = 0; i < remaining; i++) {
      const date = next() < 0.03 ? null : isoDate(new Date('2024-01-01'), Math.floor(next() * 1100));
      ref += 1;
      // Every action is made and changed by the domain's own functions, so actions and history agree as in use.
      let { action, event } = createAction(
        {
          ref,
          auditId: audit.id,
          recommendationId: `R${(i % RECOMMENDATIONS_PER_AUDIT) + 1}`,
          text: `Åtgärd ${i + 1} i granskning ${a + 1}: ta fram en rutin och följ upp den`,
          committee: pick(committees, next),
          ownerEmail: next() < 0.05 ? null : `person${Math.floor(next() * OWNERS)}@kommun.se`,
          deadline: { date, phrase: date ?? 'på sikt' },
        },
        { by: 'bench', now: new Date('2024-01-01T08:00:00Z') },
      );
      const events = [event];
      const apply = (change: ActionChange): void => {
        ({ action, event } = change);
        events.push(event);
      };
      const when = (day: number) => ({ by: 'bench', now: new Date(Date.UTC(2024, 6, 1) + day * 86_400_000) });
      const moves = next() < 0.12 ? (next() < 0.25 ? 2 : 1) : 0;
      for (let m = 0; m < moves && action.deadline.date !== null; m++) {
        const moved = isoDate(new Date(action.deadline.date), 60 + m * 30);
        apply(changeDeadline(action, { date: moved, reason: REASONS[(ref + m) % REASONS.length] }, when(m)));
      }
      const roll = next();
      if (roll < 0.3) apply(changeStatus(action, { to: 'Pågår' }, when(10)));
      else if (roll < 0.65) apply(changeStatus(action, { to: 'Genomförd' }, when(20)));
      else if (roll < 0.7)
        apply(changeStatus(action, { to: 'Avbruten', comment: 'Ersätts av annan åtgärd' }, when(20)));
      rows.push(...actionRows(action, events));
    }
  }
  rows.push({ partitionKey: TENANT, rowKey: 'counter|action', next: ref + 1 });
  process.stderr.write(`  ${ref} åtgärder, ${rows.length} rader att skriva\n`);

  // Azurite checks each insert against every row of the partition, so writing gets slower as the table grows.
  for (let i = 0; i < rows.length; i += 100) {
    await tables.actions.submitTransaction(
      rows.slice(i, i + 100).map((row): TransactionAction => ['create', row]),
    );
    if ((i / 100 + 1) % 100 === 0) {
      process.stderr.write(`  ${i + 100} rader skrivna (${seconds(performance.now() - started)})\n`);
    }
  }
  await checkLayout(tables, rows);

  // Owners whose personal chat refused messages: the report lists them.
  const conversations = new ConversationRepository(tables.conversations);
  const users = new UserRepository(tables.users);
  for (let u = 0; u < UNREACHABLE; u++) {
    const aadObjectId = `00000000-0000-0000-0000-${String(u).padStart(12, '0')}`;
    await users.upsertUser(TENANT, { aadObjectId, email: `person${u * 7}@kommun.se`, name: null });
    const conversationId = `a:personal-${u}`;
    await conversations.upsertConversation(
      TENANT,
      {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' },
        user: { id: `29:${u}`, name: '', aadObjectId },
      },
      { now: new Date('2026-01-10T08:00:00Z') },
    );
    await conversations.markInactive(TENANT, conversationId, 'ConversationBlockedByUser', undefined, {
      now: new Date('2026-02-01T08:00:00Z'),
    });
  }
}

/*
 * The rows ActionRepository keeps for one action (see the layout comment in src/storage/actionRepository.ts),
 * written here directly because going through createActions and updateAction would take Azurite many minutes.
 * checkLayout reads a sample back through the repository, so a layout that drifted from it fails loudly.
 */
function actionRows(action: Action, events: readonly HistoryEvent[]): TableEntity[] {
  const ref = String(action.ref).padStart(10, '0');
  const entity = (rowKey: string): TableEntity => ({
    partitionKey: TENANT,
    rowKey,
    kind: 'action',
    ref: action.ref,
    auditId: action.auditId,
    recommendationId: action.recommendationId,
    text: action.text,
    committee: action.committee,
    ownerEmail: action.ownerEmail ?? '',
    dueDate: action.deadline.date ?? '',
    duePhrase: action.deadline.phrase,
    originalDueDate: action.originalDeadline.date ?? '',
    originalDuePhrase: action.originalDeadline.phrase,
    status: action.status,
    cancelReason: action.cancelReason ?? '',
    lastComment: action.lastComment ?? '',
    deadlineChanges: action.deadlineChanges,
    version: action.version,
    createdAt: action.createdAt,
    updatedAt: action.updatedAt,
  });
  const key = createHash('sha256')
    .update(`${action.auditId}\n${action.recommendationId}\n${action.text.toLowerCase()}`)
    .digest('hex');
  return [
    entity(`action|${ref}`),
    ...(isClosed(action.status) ? [] : [entity(`open|${ref}`)]),
    ...events.map((event) => ({
      partitionKey: TENANT,
      rowKey: `hist|${ref}|${String(event.seq).padStart(10, '0')}`,
      ref: event.ref,
      seq: event.seq,
      kind: event.kind,
      at: event.at,
      by: event.by,
      from: event.from ?? '',
      to: event.to ?? '',
      phrase: event.phrase ?? '',
      comment: event.comment ?? '',
    })),
    { partitionKey: TENANT, rowKey: `key|${key}`, ref: action.ref },
  ];
}

async function checkLayout(tables: Tables, rows: readonly TableEntity[]): Promise<void> {
  const actions = new ActionRepository(tables.actions);
  const moved = rows.find((row) => row.rowKey.startsWith('action|') && Number(row.deadlineChanges) > 0);
  const ref = Number(moved?.ref ?? 1);
  const { action } = await actions.getAction(TENANT, ref);
  const history = await actions.listHistory(TENANT, ref);
  const open = await actions.listOpenActions(TENANT, { committee: action.committee });
  if (history.length !== action.version || history.at(-1)?.seq !== action.version || open.length === 0) {
    throw new Error(`Genererade rader läses inte tillbaka som ActionRepository skriver dem (A-${ref}).`);
  }
}

/** One timed run of the report, as the CLI makes it; memory is sampled while it runs. */
interface RunResult {
  read: number;
  build: number;
  render: Record<string, number>;
  total: number;
  bytes: Record<string, number>;
  actions: number;
  history: number;
  peakRssMb: number;
  peakHeapMb: number;
}

async function measureOnce(connectionString: string): Promise<RunResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  // The sampler cannot run during synchronous work, so every phase boundary samples too; maxRSS (kernel) is the
  // true peak and is reported as well by the parent.
  const sampler = setInterval(sample, 5);
  const t0 = performance.now();
  const tables = await openTables(connectionString);
  const input = await readReportInput(tables, TENANT);
  sample();
  const t1 = performance.now();
  const report = buildBoardReport(input.audits, input.actions, input.history, AS_OF, {
    unreachableOwners: input.unreachableOwners,
  });
  sample();
  const t2 = performance.now();
  const render: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  // Written to files exactly as `report --format md,html,csv,xlsx --out FILE` writes them, one format at a time
  // so each is timed on its own.
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
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}

/** Child mode: one cold run per process, so the memory figures are the report's alone. */
async function child(connectionString: string): Promise<void> {
  const result = await measureOnce(connectionString);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ...result, maxRssMb })}\n`);
}

function runChild(connectionString: string): Promise<RunResult & { maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', '-r', 'tsx/cjs', __filename, '--measure'], {
      env: { ...process.env, BENCH_CONNECTION_STRING: connectionString },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code !== 0) reject(new Error(`mätprocessen avslutades med ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as RunResult & { maxRssMb: number });
    });
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      measure: { type: 'boolean', default: false },
      actions: { type: 'string', default: '20000' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
      connection: { type: 'string' },
      fresh: { type: 'boolean', default: false },
    },
  });
  if (values.measure) {
    const connectionString = process.env.BENCH_CONNECTION_STRING;
    if (!connectionString) throw new Error('BENCH_CONNECTION_STRING saknas');
    await child(connectionString);
    return;
  }
  const actionCount = Number(values.actions);
  const runs = Number(values.runs);
  // Generating takes Azurite minutes (see generate), so the data set is kept on disk and reused by later runs.
  const location = join(tmpdir(), `revisionsuppfoljning-bench-report-${actionCount}-v1`);
  const ready = join(location, 'ready');
  if (values.fresh) await rm(location, { recursive: true, force: true });
  const cached = !values.connection && existsSync(ready);
  if (!values.connection && !cached) await rm(location, { recursive: true, force: true });
  const azurite = values.connection ? null : await startAzurite({ location });
  const connectionString = values.connection ?? azurite?.connectionString ?? '';
  try {
    if (azurite && !cached) {
      const tables = await openTables(connectionString);
      process.stderr.write(`Skapar ${actionCount} åtgärder i ${COMMITTEE_COUNT} nämnder i ${location} ...\n`);
      const started = performance.now();
      await generate(tables, actionCount);
      process.stderr.write(`Data klar på ${seconds(performance.now() - started)}.\n`);
    } else if (cached) {
      process.stderr.write(`Använder data som skapades tidigare i ${location} (--fresh skapar nya).\n`);
    }

    const results: (RunResult & { maxRssMb: number })[] = [];
    for (let i = 0; i < runs; i++) results.push(await runChild(connectionString));

    const first = results[0];
    if (!first) return;
    console.log(
      `\nStyrelserapport: ${first.actions} åtgärder, ${COMMITTEE_COUNT} nämnder, ` +
        `${first.history} datumändringar lästa; mål < 2 s och < 200 MB.\n`,
    );
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
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
    const line = (cells: string[]) => cells.map((cell, c) => pad(cell, widths[c] ?? 0)).join('  ');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log(
      `\nStorlek: ${REPORT_FORMATS.map((f) => `${f} ${((first.bytes[f] ?? 0) / 2 ** 20).toFixed(1)} MB`).join(', ')}`,
    );
    if (values.keep && azurite) {
      console.log(`\nAzurite kör kvar: ${connectionString}\nAvsluta med Ctrl-C.`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await azurite?.stop();
  }
  // Marked only after Azurite saved its database on stop, so a run cut short regenerates next time.
  if (azurite && !cached) await writeFile(ready, new Date().toISOString());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
