/**
 * The dashboard tab in a real browser, as someone opens it outside Teams: the page built by esbuild, the real
 * server in local mode on the demo data (demo/demo-audits.yaml, imported as `npm run playground` does), and
 * Debian's chromium (headless, through playwright-core). The page falls back to local mode when it is not framed
 * by Teams; `?lang=en` and `?theme=dark|contrast` stand in for Teams' locale and theme.
 *
 * Checks the committees' numbers against the board report's, the other views, English and the three themes, a
 * 320 px wide window, that the page runs under its own Content-Security-Policy, and axe-core on every view and
 * theme (no serious or critical violation). Screenshots go to a temporary directory, printed at the end.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; `.ci/run` installs it). Without it the suite is
 * skipped, except in CI (`CI` set), where it must run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildBoardReport, readReportInput, reportSourcesOf, type BoardReport } from '../../src/reports';
import { loadConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/httpServer';
import { fileEvidence, linkEvidence } from '../../src/domain/evidence';
import {
  ActionRepository,
  attachEvidence,
  AuditRepository,
  freePort,
  openTables,
  RoleRepository,
} from '../../src/storage';
import { PLAYGROUND_DEMO_USER } from '../../src/tab';
import { buildTabAssets } from '../../scripts/tab/buildTab';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';

const ROOT = resolve(__dirname, '../..');
const DEMO_FILE = join(ROOT, 'demo/demo-audits.yaml');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
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
const NOW = new Date('2026-03-31T10:00:00Z');
const AS_OF = '2026-03-31';
/** Evidence attached to the first action of the first audit before the page opens. */
const EVIDENCE_LINK = 'https://kommun.example.se/protokoll/ks-2020-09.pdf';
const EVIDENCE_FILE = 'Återkoppling september 2020.docx';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('the dashboard tab in a browser (local mode, demo data)', function () {
  this.timeout(180_000);

  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let assetsDir = '';
  let base = '';
  let report: BoardReport;
  const shots = mkdtempSync(join(tmpdir(), 'dashboard-shots-'));
  /** Everything the page's console said, CSP violations included. */
  const consoleLines: string[] = [];
  const tenantId = newTenantId();

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (!process.env.CI) {
        console.log(`      (hoppar över: ${CHROMIUM} saknas; installera med "apt-get install -y chromium")`);
        this.skip();
      }
      throw new Error(`${CHROMIUM} saknas i CI; .ci/run ska installera chromium före npm test.`);
    }
    const azurite = await testAzurite();
    const imported = await runCliForTest(['import', DEMO_FILE], {
      connectionString: azurite.connectionString,
      tenantId,
    });
    assert.equal(imported.code, 0, imported.err);
    // The demo user sees every committee as the chair, which the board report covers; as an official they would
    // see only their own actions.
    const tables = await openTables(azurite.connectionString);
    await new RoleRepository(tables.roles, tables.users).addRole(tenantId, {
      role: 'chair',
      principal: PLAYGROUND_DEMO_USER.email,
      committee: null,
    });
    const input = await readReportInput(reportSourcesOf(tables), tenantId);
    report = buildBoardReport(input.audits, input.actions, input.history, AS_OF, {
      unreachableOwners: input.unreachableOwners,
    });
    // The first action of the audit the page lists first.
    const firstAction = report.audits[0]?.recommendations[0]?.actions[0];
    assert.ok(firstAction);
    const deps = {
      audits: new AuditRepository(tables.audits),
      actions: new ActionRepository(tables.actions),
    };
    const ref: number = firstAction.ref;
    const change = { by: PLAYGROUND_DEMO_USER.aadObjectId, now: new Date('2026-03-20T10:00:00Z') };
    for (const evidence of [
      linkEvidence(EVIDENCE_LINK, 'Protokoll september 2020'),
      fileEvidence({
        name: EVIDENCE_FILE,
        contentUrl: 'https://example-my.sharepoint.com/personal/alexw/Documents/aterkoppling.docx',
        uniqueId: 'demo-file-1',
      }),
    ]) {
      const target = { ref, expectedVersion: null, evidence };
      assert.equal((await attachEvidence(deps, tenantId, target, change, () => true)).kind, 'saved');
    }

    assetsDir = mkdtempSync(join(tmpdir(), 'tab-assets-'));
    await buildTabAssets(assetsDir);
    const config = loadConfig({
      PORT: String(await freePort()),
      TABLES_CONNECTION_STRING: azurite.connectionString,
      ALLOWED_TENANT_IDS: tenantId,
    });
    assert.equal(config.localMode, true);
    const { connectionString } = azurite;
    server = await startServer(config, {
      log: pino({ level: 'silent' }),
      storage: { connectionString, embedded: true, source: 'connectionString', close: async () => {} },
      tab: { assetsDir, now: () => NOW },
    });
    base = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext({
      locale: 'sv-SE',
      viewport: { width: 1100, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (assetsDir) rmSync(assetsDir, { recursive: true, force: true });
    if (page) console.log(`      skärmbilder: ${shots}`);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`      sidans konsol:\n${consoleLines.join('\n')}`);
  });

  const open = async (query = ''): Promise<Page> => {
    const current = pageOf(page);
    await current.goto(`${base}/tab/${query}`, { waitUntil: 'domcontentloaded' });
    await current.locator('main[aria-busy="false"]').waitFor({ timeout: 30_000 });
    return current;
  };

  /** Runs axe-core on the page as it is and fails on serious or critical violations. */
  const axe = async (current: Page, what: string): Promise<void> => {
    // Evaluated through the DevTools protocol, which the page's CSP (no inline script) does not govern.
    await current.evaluate(readFileSync(AXE, 'utf8'));
    const violations = (await current.evaluate(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
    )) as AxeViolation[];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      [],
      `axe, ${what}`,
    );
  };

  const shoot = (current: Page, name: string) =>
    current.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  it('shows each committee’s numbers as the board report counts them, in Swedish, with a chart beside the table', async () => {
    const current = await open();
    assert.equal(await current.locator('html').getAttribute('lang'), 'sv');
    await current.getByText(`Läget ${AS_OF}`).waitFor();
    const table = current.locator('table', {
      has: current.locator('caption', { hasText: 'Åtgärder per nämnd och status' }),
    });
    const headers = await table.locator('thead th').allInnerTexts();
    assert.deepEqual(headers, [
      'Nämnd',
      'Planerad',
      'Pågår',
      'Genomförd',
      'Försenad',
      'Avbruten',
      'Totalt',
      'Andel genomförda',
    ]);
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
      );
    const expected = report.summary.rows.map((row) => [
      row.committee,
      ...[row.planned, row.inProgress, row.done, row.overdue, row.cancelled, row.total].map(String),
    ]);
    assert.ok(expected.length >= 3, 'the demo data has several committees');
    assert.deepEqual(
      rows.map((cells) => cells.slice(0, 7)),
      expected,
    );
    const totals = await table.locator('tfoot th, tfoot td').allInnerTexts();
    assert.deepEqual(
      totals.slice(1, 7),
      [
        ...[report.summary.totals.planned, report.summary.totals.inProgress, report.summary.totals.done],
        ...[report.summary.totals.overdue, report.summary.totals.cancelled, report.summary.totals.total],
      ].map(String),
    );
    // One bar per committee, hidden from screen readers (the table is what they read).
    assert.equal(await current.locator('ul.bars[aria-hidden="true"] svg.bar').count(), expected.length);
    await shoot(current, '1-namnder-sv');
    await axe(current, 'nämnder, standardtema');
    assert.deepEqual(
      consoleLines.filter((line) => /Content Security Policy|Refused to/i.test(line)),
      [],
      'the page must run under its own CSP',
    );
  });

  it('lists overdue actions longest overdue first, filterable by committee, owner and audit', async () => {
    const current = await open();
    await current.getByRole('button', { name: /^Försenade åtgärder/ }).click();
    const rows = current.locator('section[aria-labelledby="overdue-heading"] tbody tr');
    assert.equal(await rows.count(), report.overdue.length);
    const days = (await rows.locator('td.num').allInnerTexts()).map(Number);
    assert.deepEqual(
      days,
      [...days].sort((a, b) => b - a),
    );
    assert.deepEqual(
      await rows.locator('th').allInnerTexts(),
      report.overdue.map((line) => line.reference),
    );
    const committee = report.overdue[report.overdue.length - 1]?.committee ?? '';
    await current.getByLabel('Nämnd', { exact: true }).selectOption(committee);
    assert.equal(await rows.count(), report.overdue.filter((line) => line.committee === committee).length);
    await current.getByLabel('Ägare').selectOption(PLAYGROUND_DEMO_USER.email);
    for (const owner of await rows.locator('td:nth-of-type(3)').allInnerTexts()) {
      assert.equal(owner, PLAYGROUND_DEMO_USER.email);
    }
    await current.getByLabel('Nämnd', { exact: true }).selectOption('');
    await current.getByLabel('Ägare').selectOption('');
    await current.getByLabel('Granskning').selectOption({ index: 1 });
    assert.ok((await rows.count()) >= 1);
    await shoot(current, '2-forsenade-sv');
    await axe(current, 'försenade');
  });

  it('opens an audit with its recommendations and their actions', async () => {
    const current = await open();
    await current.getByRole('button', { name: 'Granskningar' }).click();
    const first = report.audits[0];
    assert.ok(first);
    await current.getByRole('button', { name: first.title }).click();
    await current.getByRole('heading', { level: 2, name: first.title }).waitFor();
    const sections = current.locator('section.card');
    assert.equal(await sections.count(), first.recommendations.length);
    const refs = await current.locator('section.card tbody th').allInnerTexts();
    assert.deepEqual(
      refs,
      first.recommendations.flatMap((rec) => rec.actions.map((line) => line.reference)),
    );
    // The demo's R-1 carries two verdicts: the whole history, oldest first, with who and the comment.
    const verdicts = await sections.first().locator('h4:has-text("bedömningar") + ul li').allInnerTexts();
    assert.equal(verdicts.length, 2, verdicts.join(' | '));
    assert.match(
      verdicts[0] ?? '',
      /2020-03-10: Ej åtgärdad, av revisor@example\.com – Ingen strategisk målbild/,
    );
    assert.match(verdicts[1] ?? '', /2021-03-15: Delvis åtgärdad, av revisor@example\.com – Handlingsplanen/);
    // Evidence: the link opens apart from the page and tells the site nothing; the file is shown by name.
    const link = current.getByRole('link', { name: 'Protokoll september 2020' });
    assert.equal(await link.getAttribute('href'), EVIDENCE_LINK);
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await link.getAttribute('target'), '_blank');
    await current.getByText(`${EVIDENCE_FILE} (fil)`).waitFor();
    await shoot(current, '3-granskning-sv');
    await axe(current, 'granskning');

    // The demo user is chair: the audit's follow-up review pack downloads from the audit view.
    const pack = current.locator('section[aria-labelledby="review-pack-heading"]');
    const [download] = await Promise.all([
      current.waitForEvent('download'),
      pack.getByRole('button', { name: 'Ladda ner som MD' }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^uppfoljning-.+-${AS_OF}\\.md$`));
    const markdown = readFileSync(await download.path(), 'utf8');
    for (const line of first.recommendations.flatMap((rec) => rec.actions)) {
      assert.ok(markdown.includes(line.reference), line.reference);
    }
    assert.ok(
      markdown.includes('Ingen strategisk målbild är beslutad.'),
      'the verdict comment is in the pack',
    );
  });

  it('shows the trend of the last twelve months beside its table, and downloads the board report', async () => {
    const current = await open();
    await current.getByRole('button', { name: 'Utveckling' }).click();
    const months = await current.locator('section[aria-labelledby="trend-heading"] tbody th').allInnerTexts();
    assert.equal(months.length, 12);
    assert.equal(months[11], AS_OF.slice(0, 7));
    await shoot(current, '4-utveckling-sv');
    await axe(current, 'utveckling');

    await current.getByRole('button', { name: 'Rapport' }).click();
    const [download] = await Promise.all([
      current.waitForEvent('download'),
      current.getByRole('button', { name: 'Ladda ner som CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `aterrapportering-${AS_OF}.csv`);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8');
    for (const line of report.actions) assert.ok(csv.includes(`${line.reference};`), line.reference);
    await axe(current, 'rapport');
  });

  it('speaks English with ?lang=en and follows the dark and high-contrast themes', async () => {
    const current = await open('?lang=en&theme=dark');
    assert.equal(await current.locator('html').getAttribute('lang'), 'en');
    assert.equal(await current.locator('html').getAttribute('data-theme'), 'dark');
    await current.getByText(`As of ${AS_OF}`).waitFor();
    const headers = await current.locator('table thead th').allInnerTexts();
    assert.deepEqual(headers.slice(0, 8), [
      'Committee',
      'Planned',
      'In progress',
      'Done',
      'Overdue',
      'Cancelled',
      'Total',
      'Share done',
    ]);
    const background = await current.evaluate('getComputedStyle(document.body).backgroundColor');
    assert.equal(background, 'rgb(31, 31, 31)');
    await shoot(current, '5-committees-en-dark');
    await axe(current, 'committees, dark');
    await current.getByRole('button', { name: /^Overdue actions/ }).click();
    await shoot(current, '6-overdue-en-dark');
    await axe(current, 'overdue, dark');

    const contrast = await open('?theme=contrast');
    assert.equal(await contrast.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(0, 0, 0)');
    await shoot(contrast, '7-namnder-sv-kontrast');
    await axe(contrast, 'nämnder, hög kontrast');
  });

  it('fits a 320 px wide window without sideways scrolling of the page', async () => {
    const current = pageOf(page);
    await current.setViewportSize({ width: 320, height: 800 });
    try {
      for (const view of ['Nämnder', 'Försenade åtgärder', 'Granskningar', 'Utveckling']) {
        await open();
        await current.getByRole('button', { name: new RegExp(`^${view}`) }).click();
        const width = Number(await current.evaluate('document.documentElement.scrollWidth'));
        assert.ok(width <= 320, `${view}: the page is ${width} px wide`);
      }
      await shoot(current, '8-utveckling-320');
      await open();
      await shoot(current, '9-namnder-320');
      await axe(current, '320 px');
    } finally {
      await current.setViewportSize({ width: 1100, height: 900 });
    }
  });
});

function pageOf(page: Page | undefined): Page {
  assert.ok(page, 'the browser did not start');
  return page;
}
