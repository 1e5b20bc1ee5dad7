/*
 * `npx tsx bench/importLoad.ts`: what hostile or oversized imports cost the bot, as figures (no pass/fail):
 * - peak memory (max RSS) and time to refuse a .docx zip bomb of 3 GB, with honest and with lying headers, each in
 *   a fresh process so that the peak is the refusal's (target: under 300 MB);
 * - peak memory and time of parsing an 8 MB JSON import file, as `cli import` does;
 * - the delay another user's `hjälp` sees while a large or pathological document is imported through the real bot
 *   over HTTP, next to `hjälp` on an idle bot, and the event loop's delay meanwhile (perf_hooks);
 * - for comparison, the event loop's delay when the large document is read on the event loop itself.
 * Options: --turns N (idle `hjälp` turns, default 20).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createBotApp } from '../src/bot/app';
import { extractDraft } from '../src/importing/document';
import { checkDocxArchive } from '../src/importing/docxArchive';
import { readDocumentText } from '../src/importing/documentText';
import { extractDocument } from '../src/importing/extraction';
import { parseImportFile } from '../src/importing/structured';
import { createBotDeps } from '../src/server/botFactory';
import { loadConfig } from '../src/server/config';
import { openTables } from '../src/storage';
import { botConnectorFor } from '../src/teams/adapter';
import { users } from '../test/helpers/activities';
import { stopTestAzurite, testAzurite } from '../test/helpers/azurite';
import { startBotHarness, type BotHarness } from '../test/helpers/botHarness';
import { newTenantId } from '../test/helpers/ids';
import { deflatedSpaces, handMadeZip } from '../test/importing/zipBombs';

const BOMB_MB = 3000;
const SEED = readFileSync(
  join(__dirname, '..', 'test', 'fixtures', 'seeds', 'trelleborg-sn-samordnade-insatser-2021.txt'),
  'utf8',
);

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(0);

// ---------------------------------------------------------------------------------------------------------------
// Probes: each runs in a process of its own (`--probe <name>`) and prints one JSON line.

/** A 3 GB bomb: `word/document.xml` declared at its true size, or at 1 KB (the lie). */
async function bomb(lying: boolean): Promise<Buffer> {
  const deflated = await deflatedSpaces(BOMB_MB);
  return handMadeZip([
    { name: 'word/document.xml', deflated, declaredSize: lying ? 1024 : BOMB_MB * 1024 * 1024, crc32: 0 },
  ]);
}

const PROBES: Record<string, () => Promise<object>> = {
  async bombDeclared() {
    return refuseBomb(await bomb(false));
  },
  async bombLying() {
    return refuseBomb(await bomb(true));
  },
  async json8mb() {
    const text = importFile(8 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const start = performance.now();
    const document = parseImportFile('stor.json', text);
    const actions = document.audits.reduce(
      (n, a) => n + a.recommendations.reduce((m, r) => m + r.actions.length, 0),
      0,
    );
    return {
      ms: performance.now() - start,
      bytes: Buffer.byteLength(text),
      actions,
      rssBeforeMb: before / 2 ** 20,
    };
  },
};

async function refuseBomb(bytes: Buffer): Promise<object> {
  const before = process.memoryUsage().rss;
  const checkStart = performance.now();
  const checkOutcome = await checkDocxArchive('bomb.docx', bytes).then(
    () => 'passed',
    (error: unknown) => (error instanceof Error ? error.name : String(error)),
  );
  const checkMs = performance.now() - checkStart;
  const start = performance.now();
  let outcome = 'read';
  try {
    await extractDocument('bomb.docx', bytes, { today: '2026-03-02' });
  } catch (error) {
    outcome = error instanceof Error ? error.message : String(error);
  }
  return {
    ms: performance.now() - start,
    checkMs,
    checkOutcome,
    fileBytes: bytes.length,
    outcome,
    rssBeforeMb: before / 2 ** 20,
  };
}

/** A valid import file of about `size` bytes: audits of 50 actions each, until the size is reached. */
function importFile(size: number): string {
  const audits: object[] = [];
  let length = 0;
  for (let n = 0; length < size; n++) {
    const audit = {
      title: `Granskning ${n}`,
      auditor: 'Stadsrevisionen',
      reportDate: '2024-01-15',
      diaryNumber: `KS 2024-${n}`,
      committees: ['Personalnämnden'],
      recommendations: [
        {
          text: `Rekommendation ${n}`,
          committees: ['Personalnämnden'],
          actions: Array.from({ length: 10 }, (_, a) => ({
            text: `Åtgärd ${a} i granskning ${n}: ${'rutinen ses över och dokumenteras '.repeat(14)}`,
            owner: `person${a}@kommun.se`,
            committee: 'Personalnämnden',
            due: '2024-06-30',
          })),
        },
      ],
    };
    length += JSON.stringify(audit).length + 1;
    audits.push(audit);
    // The schema allows 1000 audits; past that the file is refused for its count, not parsed for its size.
    if (audits.length >= 1000) break;
  }
  return JSON.stringify({ audits }, null, 2);
}

function runProbeInChild(name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', __filename, '--probe', name], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(last) as Record<string, unknown>);
      else reject(new Error(`probe ${name} exited with ${code}: ${last}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Another user's turn while a document is imported.

/** Documents for the bot to read: a large ordinary one, and one shaped to make parsers backtrack. */
function documents(): Record<string, string> {
  const large = SEED.repeat(Math.floor((4.5 * 1024 * 1024) / Buffer.byteLength(SEED)));
  const pathological = [
    `#${' '.repeat(100_000)}x`,
    `${'Nämnden ska '.repeat(90_000)}`,
    `- ${'a'.repeat(100_000)}`,
    `**${' '.repeat(50_000)}`,
    `Åtgärd: ${'kommer att '.repeat(50_000)}senast ${'i '.repeat(50_000)}`,
    SEED,
  ].join('\n\n');
  return { 'large.txt': large, 'pathological.txt': pathological };
}

interface Timings {
  p50: number;
  max: number;
  count: number;
}

function summarise(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    max: sorted.at(-1) ?? NaN,
    count: sorted.length,
  };
}

async function hjalp(bot: BotHarness, tenantId: string): Promise<number> {
  const start = performance.now();
  const turn = await bot.send('hjälp', { tenantId, from: users.anna });
  if (!turn.texts.some((text) => text.includes('mina åtgärder'))) throw new Error('hjälp was not answered');
  return performance.now() - start;
}

async function duringImports(turns: number): Promise<void> {
  const azurite = await testAzurite();
  const files = documents();
  const server = createServer((req, res) => {
    const body = files[(req.url ?? '').slice(1)];
    res.writeHead(body === undefined ? 404 : 200);
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tenantId = newTenantId();
  const env = {
    ALLOWED_TENANT_IDS: tenantId,
    ADMIN_AAD_IDS: users.admin.aadObjectId,
    FILE_DOWNLOAD_ALLOW_LOOPBACK: 'true',
  };
  const config = loadConfig({ TABLES_CONNECTION_STRING: azurite.connectionString, ...env });
  const tables = await openTables(azurite.connectionString);
  const deps = createBotDeps(tables, config, pino({ level: 'silent' }));
  const bot = await startBotHarness({
    env,
    createBot: (adapter) =>
      createBotApp({
        adapter,
        connector: botConnectorFor(config),
        botAppId: '',
        deps,
      }),
  });
  for (const member of [users.anna, users.admin])
    bot.connector.addMember({ ...member, tenantId, userRole: 'user' });
  try {
    for (let i = 0; i < 3; i++) await hjalp(bot, tenantId);
    const idle: number[] = [];
    for (let i = 0; i < turns; i++) idle.push(await hjalp(bot, tenantId));
    const quiet = summarise(idle);
    log(
      `hjälp, idle bot: p50 ${quiet.p50.toFixed(0)} ms, max ${quiet.max.toFixed(0)} ms (${quiet.count} turns)`,
    );

    for (const name of Object.keys(files)) {
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const start = performance.now();
      let done = false;
      const importing = bot
        .send('', {
          tenantId,
          from: users.admin,
          attachments: [
            {
              contentType: 'application/vnd.microsoft.teams.file.download.info',
              name,
              content: { downloadUrl: `${base}/${name}`, uniqueId: name, fileType: 'txt' },
            },
          ],
        })
        .then((turn) => {
          done = true;
          return turn;
        });
      const during: number[] = [];
      while (!done) during.push(await hjalp(bot, tenantId));
      const turn = await importing;
      loop.disable();
      const took = performance.now() - start;
      const answer = turn.messages[0]?.attachments?.length
        ? 'a draft card'
        : (turn.texts[0] ?? '').slice(0, 80);
      const busy = summarise(during);
      log(
        `${name} (${mb(Buffer.byteLength(files[name] ?? ''))} MB) imported in ${took.toFixed(0)} ms: ${answer}\n` +
          `  hjälp meanwhile: p50 ${busy.p50.toFixed(0)} ms, max ${busy.max.toFixed(0)} ms (${busy.count} turns); ` +
          `event loop delay max ${(loop.max / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`,
      );
    }

    // The same large document read on the event loop, as before the worker. extractDraft is synchronous, so its
    // whole duration is a stall that every other turn waits out. (The pathological one is not tried here: on the
    // event loop it could stall for minutes.)
    const text = await readDocumentText('large.txt', Buffer.from(files['large.txt'] ?? ''));
    const start = performance.now();
    try {
      extractDraft('large.txt', text, { today: '2026-03-02' });
    } catch {
      // Only the time matters here.
    }
    log(
      `large.txt read on the event loop instead (for comparison): the loop was blocked for ` +
        `${(performance.now() - start).toFixed(0)} ms`,
    );
  } finally {
    await bot.close();
    await new Promise((resolve) => server.close(resolve));
    await stopTestAzurite();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { probe: { type: 'string' }, turns: { type: 'string', default: '20' } },
  });
  if (values.probe !== undefined) {
    const probe = PROBES[values.probe];
    if (!probe) throw new Error(`unknown probe ${values.probe}`);
    const figures = await probe();
    log(JSON.stringify({ ...figures, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  for (const [name, label] of [
    ['bombDeclared', `zip bomb, ${BOMB_MB} MB declared`],
    ['bombLying', `zip bomb, ${BOMB_MB} MB behind a 1 KB header`],
  ] as const) {
    const f = await runProbeInChild(name);
    log(
      `${label} (${mb(Number(f['fileBytes']))} MB file): refused in ${Number(f['ms']).toFixed(0)} ms ` +
        `(worker start included; the archive check alone ${Number(f['checkMs']).toFixed(0)} ms, ` +
        `${String(f['checkOutcome'])}), peak RSS ${Number(f['maxRssMb']).toFixed(0)} MB ` +
        `(${Number(f['rssBeforeMb']).toFixed(0)} MB before; target < 300 MB): ${String(f['outcome'])}`,
    );
  }
  const json = await runProbeInChild('json8mb');
  log(
    `8 MB JSON import file (${mb(Number(json['bytes']))} MB, ${String(json['actions'])} actions) parsed in ` +
      `${Number(json['ms']).toFixed(0)} ms, peak RSS ${Number(json['maxRssMb']).toFixed(0)} MB`,
  );
  await duringImports(Number(values.turns));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
