/**
 * End to end through the Microsoft 365 Agents Playground, as a user tries the bot: the demo data imported for the
 * Playground's tenant, the real bot on a free port in local mode, the Playground pointed at it, and Debian's
 * chromium (headless, through playwright-core) typing into the Playground's chat page.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; `.ci/run` installs it). Without it the suite is skipped,
 * except in CI (`CI` set), where it must run. On failure a screenshot is written to /tmp and the bot's and the
 * Playground's logs are printed. How the page works is written down in docs/playground.md.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { runCli } from '../../src/cli/run';
import { parseRef } from '../../src/domain/refs';
import { createBotFactory } from '../../src/server/botFactory';
import { loadConfig, PLAYGROUND_TENANT_ID } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/httpServer';
import { ActionRepository } from '../../src/storage/actionRepository';
import { freePort, startAzurite, type RunningAzurite } from '../../src/storage/azurite';
import { openTables } from '../../src/storage/tables';

const ROOT = resolve(__dirname, '../..');
const DEMO_FILE = join(ROOT, 'demo/demo-audits.yaml');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** The Playground's default user (user-id-0, Alex Wilber): owner of most demo actions. */
const PLAYGROUND_USER_EMAIL = 'alexw@example.com';
/** How long the bot may take to answer one message or card press (Table storage round trips included). */
const REPLY_TIMEOUT_MS = 30_000;
/**
 * The word for "done", on the button and as the status shown. The contract makes the bot Swedish by default and
 * English when the Teams locale is English; Agents Playground 0.2.28 puts `locale: "en-US"` on every activity it
 * sends, so either language is the bot's right answer here. Button and status must agree (see the test).
 */
const DONE_WORDS = ['Genomförd', 'Done'] as const;
const DONE_BUTTON = new RegExp(`^(${DONE_WORDS.join('|')})$`);
const REF_PATTERN = /\bA-\d+\b/g;

interface ImportJson {
  audits: { actions: { ref: string; text: string; owner: string | null }[] }[];
}

/** The demo actions as imported: reference and text, split by whether the Playground user owns them. */
interface DemoActions {
  own: Map<string, string>;
  others: Set<string>;
}

describe('Agents Playground i webbläsaren', function () {
  this.timeout(180_000);

  let azurite: RunningAzurite | undefined;
  let server: RunningServer | undefined;
  let playground: ChildProcess | undefined;
  let playgroundDir: string | undefined;
  let playgroundUrl = '';
  let playgroundOutput = '';
  let browser: Browser | undefined;
  let page: Page | undefined;
  const botLog: string[] = [];
  /** The demo actions, from the import's `--json` output. */
  let demo: DemoActions = { own: new Map(), others: new Set() };
  /** The first reference `mina åtgärder` showed; the second test presses Genomförd on it. */
  let shownRef: string | undefined;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (!process.env.CI) {
        console.log(`      (hoppar över: ${CHROMIUM} saknas; installera med "apt-get install -y chromium")`);
        this.skip();
      }
      throw new Error(`${CHROMIUM} saknas i CI; .ci/run ska installera chromium före npm test.`);
    }

    azurite = await startAzurite();
    demo = await importDemo(azurite.connectionString);
    assert.ok(demo.own.size > 0, `demo-filen ger ${PLAYGROUND_USER_EMAIL} inga åtgärder`);

    const config = loadConfig({
      PORT: String(await freePort()),
      TABLES_CONNECTION_STRING: azurite.connectionString,
    });
    assert.equal(config.localMode, true);
    const log = pino({ level: 'debug' }, { write: (line: string) => void botLog.push(line.trimEnd()) });
    const createBot = await createBotFactory(config, azurite.connectionString, log);
    const { connectionString } = azurite;
    server = await startServer(config, {
      log,
      storage: { connectionString, embedded: true, source: 'connectionString', close: async () => {} },
      createBot,
    });

    const port = await freePort();
    playgroundUrl = `http://127.0.0.1:${port}`;
    playgroundDir = mkdtempSync(join(tmpdir(), 'playground-'));
    playground = spawn(
      process.execPath,
      [
        require.resolve('@microsoft/m365agentsplayground/cli.js'),
        '-e',
        server.messagesUrl,
        '-c',
        'msteams',
        '-p',
        String(port),
        '--disable-telemetry',
      ],
      // Its own directory: its log (devTools/) and no .m365agentsplayground.yml that would change its users.
      {
        cwd: playgroundDir,
        env: playgroundEnv(playgroundDir),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    playground.stdout?.on('data', (chunk: Buffer) => (playgroundOutput += chunk.toString('utf8')));
    playground.stderr?.on('data', (chunk: Buffer) => (playgroundOutput += chunk.toString('utf8')));
    await waitForPlayground(playground, `${playgroundUrl}/_internal/v1/config`, 60_000);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    await page.goto(`${playgroundUrl}/`, { waitUntil: 'domcontentloaded' });
    await composeBox(page).waitFor({ state: 'visible', timeout: 30_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    if (page) {
      const file = join(tmpdir(), `playground-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).then(
        () => console.log(`      skärmbild: ${file}`),
        (error: unknown) => console.log(`      ingen skärmbild: ${String(error)}`),
      );
    }
    console.log(`      botens logg (slutet):\n${botLog.slice(-30).join('\n')}`);
    console.log(`      Playgroundens utskrift (slutet):\n${playgroundOutput.slice(-3000)}`);
    const logFile = playgroundDir && join(playgroundDir, 'playground.log');
    if (logFile && existsSync(logFile)) {
      console.log(`      Playgroundens logg (slutet):\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    if (playground) await stopProcessGroup(playground);
    await server?.close();
    await azurite?.stop();
    if (playgroundDir) rmSync(playgroundDir, { recursive: true, force: true });
  });

  it('simulerar Alex Wilber i den klient som demodatan är importerad för', async () => {
    const response = await fetch(`${playgroundUrl}/_internal/v1/config`);
    const { config } = (await response.json()) as {
      config: { tenantId: string; currentUser: { id: string; email: string } };
    };
    assert.equal(config.tenantId, PLAYGROUND_TENANT_ID);
    assert.equal(config.currentUser.id, 'user-id-0');
    assert.equal(config.currentUser.email, PLAYGROUND_USER_EMAIL);
  });

  it('"mina åtgärder" visar ett kort med användarens öppna åtgärder och deras A-referenser', async () => {
    const p = pageOf(page);
    await send(p, 'mina åtgärder');
    // The answer is the card that lists one of the user's actions with its text: the welcome card the bot may
    // send when the page opens also names a reference ("A-17 klar"), but no action's text.
    const { text, ref } = await waitForCard(p, (cardText) => ownActionIn(cardText, demo), REPLY_TIMEOUT_MS);
    const foreign = [...text.matchAll(REF_PATTERN)]
      .map((match) => match[0])
      .filter((r) => demo.others.has(r));
    assert.deepEqual(foreign, [], `kortet visar åtgärder som ${PLAYGROUND_USER_EMAIL} inte äger`);
    shownRef = ref;
  });

  it('Genomförd på åtgärdskortet uppdaterar kortet och sparar status Genomförd', async () => {
    const p = pageOf(page);
    const ref = shownRef ?? [...demo.own.keys()][0];
    assert.ok(ref);
    const head = textHead(demo.own.get(ref) ?? '');
    const cardsOfAction = p
      .locator('.ac-adaptiveCard')
      // Matched against the card's textContent, where text blocks run together ("A-1Planerad"): no word boundary.
      .filter({ hasText: new RegExp(`${escapeRegExp(ref)}(?!\\d)`) })
      .filter({ hasText: head });
    const actionCards = cardsOfAction.filter({ has: p.getByRole('button', { name: DONE_BUTTON }) });
    const before = await actionCards.count();
    await send(p, `visa ${ref}`);
    await waitForCount(actionCards, before + 1, REPLY_TIMEOUT_MS);
    const button = actionCards.last().getByRole('button', { name: DONE_BUTTON }).first();
    const word = (await button.innerText()).trim();
    await button.click();

    // The card is replaced in place by the bot's answer to the press: its status (a text block, not the button)
    // now reads the same word as the button pressed.
    const status = cardsOfAction
      .locator('.ac-textBlock')
      .filter({ hasText: new RegExp(`^\\s*${word}\\s*$`) });
    await status.first().waitFor({ state: 'visible', timeout: REPLY_TIMEOUT_MS });

    const tables = await openTables(azuriteOf(azurite).connectionString);
    const stored = await new ActionRepository(tables.actions).getAction(PLAYGROUND_TENANT_ID, parseRef(ref));
    assert.equal(stored.action.status, 'Genomförd');
  });
});

/** Imports the demo file in-process for the Playground's tenant, as `npm run playground` does. */
async function importDemo(connectionString: string): Promise<DemoActions> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['import', DEMO_FILE, '--json', '--tenant', PLAYGROUND_TENANT_ID], {
    connectionString,
    defaultTenantId: PLAYGROUND_TENANT_ID,
    allowedTenantIds: [],
    timeZone: 'Europe/Stockholm',
    now: () => new Date(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  assert.equal(code, 0, `importen av demo/demo-audits.yaml misslyckades: ${err.join('\n')}`);
  const result = JSON.parse(out.join('\n')) as ImportJson;
  const demo: DemoActions = { own: new Map(), others: new Set() };
  for (const action of result.audits.flatMap((audit) => audit.actions)) {
    if (action.owner === PLAYGROUND_USER_EMAIL) demo.own.set(action.ref, action.text);
    else demo.others.add(action.ref);
  }
  return demo;
}

/** The first words of an action's text: enough to recognise it on a card, short enough to survive shortening. */
function textHead(text: string): string {
  return text.split(/\s+/).slice(0, 4).join(' ');
}

/** The first of the user's actions that a card's text shows with its reference and the start of its text. */
function ownActionIn(cardText: string, demo: DemoActions): string | undefined {
  const flat = cardText.replace(/\s+/g, ' ');
  for (const match of flat.matchAll(REF_PATTERN)) {
    const text = demo.own.get(match[0]);
    if (text !== undefined && flat.includes(textHead(text))) return match[0];
  }
  return undefined;
}

/** Waits for an Adaptive Card on the page for which `pick` finds a reference; returns the card's text and it. */
async function waitForCard(
  page: Page,
  pick: (cardText: string) => string | undefined,
  timeoutMs: number,
): Promise<{ text: string; ref: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await page.locator('.ac-adaptiveCard').allInnerTexts();
    for (const text of texts.reverse()) {
      const ref = pick(text);
      if (ref !== undefined) return { text, ref };
    }
    if (Date.now() > deadline) {
      throw new Error(
        `inget kort med användarens åtgärder inom ${timeoutMs} ms; korten: ${JSON.stringify(texts)}`,
      );
    }
    await delay(250);
  }
}

/** The Playground's environment: ours without anything that would redirect it, its log in `dir`, no browser. */
function playgroundEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_|TEAMS_APP_TEST_TOOL_)|^BOT_ENDPOINT$|proxy$/i.test(key))
      continue;
    env[key] = value;
  }
  env.TEAMSAPPTESTER_BROWSER = 'none';
  env.M365_AGENTS_PLAYGROUND_LOGFILE = join(dir, 'playground.log');
  return env;
}

async function waitForPlayground(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Agents Playground avslutades direkt (kod ${child.exitCode}).`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await delay(250);
  }
  throw new Error(`Agents Playground svarade inte på ${url} inom ${timeoutMs} ms.`);
}

/** Stops a detached child and everything it started: SIGTERM to its process group, SIGKILL after 5 s. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The chat's compose box: a Lexical rich-text editor (a contenteditable with role textbox). */
function composeBox(page: Page): Locator {
  return page.locator('[contenteditable="true"][role="textbox"]').first();
}

/** Types a message into the compose box and sends it with Enter, as a user does. */
async function send(page: Page, text: string): Promise<void> {
  const box = composeBox(page);
  await box.click();
  await box.pressSequentially(text);
  await page.keyboard.press('Enter');
  // The message appears in the conversation as the user's own bubble.
  await page
    .locator('span', { hasText: new RegExp(`^${escapeRegExp(text)}$`) })
    .last()
    .waitFor({ timeout: 10_000 });
}

async function waitForCount(locator: Locator, atLeast: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await locator.count()) < atLeast) {
    if (Date.now() > deadline) throw new Error(`väntade på ${atLeast} kort, ser ${await locator.count()}`);
    await delay(200);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pageOf(page: Page | undefined): Page {
  assert.ok(page, 'sidan öppnades inte (se before-kroken)');
  return page;
}

function azuriteOf(azurite: RunningAzurite | undefined): RunningAzurite {
  assert.ok(azurite);
  return azurite;
}
