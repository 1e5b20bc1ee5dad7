import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBoardReport, recommendationKey, renderPublicHtml } from '../../src/reports';
import {
  ActionRepository,
  AuditRepository,
  openTables,
  recordVerdict,
  UserRepository,
} from '../../src/storage';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';
import { NOW, SECRET_COMMENT, seedTenant } from '../tab/support';

/** Anything that looks like an e-mail address. */
const EMAIL = /[^\s@;"'<>]+@[^\s@;"'<>]+\.[a-z]{2,}/i;
/** The seeded owners' names, as their addresses and their directory names spell them. */
const OWNER_NAMES = ['ottilia', 'Överste', 'sigrid', 'Sjöholm', 'tore.tegnerback', 'Tegnerbäck', 'Torbjörn'];
/** Comments and reasons recorded on the seeded actions. */
const COMMENTS = [SECRET_COMMENT, 'Väntar på kommunfullmäktige', 'Arbetet har börjat'];

describe('cli export public (Azurite)', () => {
  const tenantId = newTenantId();
  let connectionString = '';
  let dir = '';

  before(async () => {
    connectionString = (await testAzurite()).connectionString;
    await seedTenant(connectionString, tenantId);
    // Directory names for the owners: stored beside their addresses, never to be published.
    const users = new UserRepository((await openTables(connectionString)).users);
    await users.upsertUser(tenantId, {
      aadObjectId: '88888888-8888-4888-8888-888888888888',
      email: 'ottilia.oversteg@kommun.se',
      name: 'Ottilia Överste',
    });
    dir = mkdtempSync(join(tmpdir(), 'public-'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    runCliForTest(['export', 'public', ...args], { connectionString, tenantId, now: NOW });

  it('writes an HTML page and a CSV with audits, recommendations, committees, actions, statuses and dates', async () => {
    const result = await run(['--out', dir]);
    assert.equal(result.code, 0, result.err);
    assert.match(
      result.out,
      /revisionsuppfoljning\.html och .*revisionsuppfoljning\.csv: 5 åtgärder i 2 granskningar, per 2026-03-31\./,
    );
    const html = readFileSync(join(dir, 'revisionsuppfoljning.html'), 'utf8');
    const csv = readFileSync(join(dir, 'revisionsuppfoljning.csv'), 'utf8');
    for (const text of [
      'Granskning av hemtjänstens kvalitet',
      'ÄN 2024-00042',
      'Revidera investeringsreglementet',
      'Socialnämnden',
      'Samverkansavtal med regionen tecknas',
    ]) {
      assert.ok(html.includes(text), `html: ${text}`);
      assert.ok(csv.includes(text), `csv: ${text}`);
    }
    const rows = csv
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'));
    assert.deepEqual(rows[0], [
      'Granskning',
      'Diarienummer',
      'Rapportdatum',
      'Revisor',
      'Rekommendation',
      'Rekommendationens text',
      'Bedömning',
      'Bedömd',
      'Nämnd',
      'Åtgärd',
      'Åtgärdens text',
      'Status',
      'Ursprungligt slutdatum',
      'Aktuellt slutdatum',
    ]);
    const byRef = new Map(rows.slice(1).map((cells) => [cells[9], cells]));
    assert.deepEqual(
      ['A-1', 'A-2', 'A-3', 'A-4', 'A-5'].map((ref) => byRef.get(ref)?.[11]),
      ['Försenad', 'Pågår', 'Försenad', 'Försenad', 'Genomförd'],
    );
    // A-4's deadline was moved: both dates are public, the reason is not.
    assert.deepEqual(byRef.get('A-4')?.slice(12), ['2025-06-30', '2025-10-31']);
  });

  it('publishes no e-mail address, no owner name and no comment', async () => {
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8');
      assert.doesNotMatch(text, EMAIL, name);
      for (const owner of OWNER_NAMES)
        assert.ok(!text.toLowerCase().includes(owner.toLowerCase()), `${name}: ${owner}`);
      for (const comment of COMMENTS) assert.ok(!text.includes(comment), `${name}: ${comment}`);
    }
    // The same words are in storage, so their absence is the export's doing.
    const tables = await openTables(connectionString);
    const action = (await new ActionRepository(tables.actions).getAction(tenantId, 5)).action;
    assert.equal(action.lastComment, SECRET_COMMENT);
    assert.match(action.ownerEmail ?? '', /tore\.tegnerback@/);
  });

  it('is ready to publish: escaped, no script, a strict CSP whose style hash matches; CSV for Swedish Excel', async () => {
    const html = readFileSync(join(dir, 'revisionsuppfoljning.html'), 'utf8');
    assert.ok(!/<script/i.test(html), 'no script element');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/);
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    assert.ok(csp.includes(`sha256-${hash}`), 'the style hash in the CSP is the style’s');
    assert.match(html, /<html lang="sv">/);

    const csv = readFileSync(join(dir, 'revisionsuppfoljning.csv'), 'utf8');
    assert.ok(csv.startsWith('\ufeffGranskning;'), 'BOM and ; separator');
    assert.ok(
      csv.includes(
        '"\'=HYPERLINK(""https://evil.example"") Ny mall för förstudier <script>alert(1)</script>"',
      ),
    );
    assert.ok(csv.endsWith('\r\n'));
  });

  it('shows the auditors’ verdict and the recommendation reference when there are any, without their comment', async () => {
    const tables = await openTables(connectionString);
    const audits = await new AuditRepository(tables.audits).listAudits(tenantId);
    const actions = await new ActionRepository(tables.actions).listActions(tenantId);
    const report = buildBoardReport(audits, actions, [], '2026-03-31');
    const audit = report.audits[0];
    assert.ok(audit);
    const key = recommendationKey(audit.id, audit.recommendations[0]?.id ?? '');
    const html = renderPublicHtml(report, {
      recommendationRefs: new Map([[key, 'R-7']]),
      verdicts: new Map([[key, { verdict: 'Delvis åtgärdad', date: '2026-03-01' }]]),
    });
    assert.match(html, /<h3>Rekommendation R-7<\/h3>/);
    assert.match(html, /Revisorernas bedömning: Delvis åtgärdad \(<span class="date">2026-03-01<\/span>\)\./);
  });

  it('publishes the stored references and latest verdicts, never the auditor or their comment', async () => {
    const tables = await openTables(connectionString);
    const audits = new AuditRepository(tables.audits);
    const [first] = await audits.recommendations.listRecommendations(tenantId);
    assert.ok(first, 'the seeded tenant has recommendations with references');
    const comment = 'Revisorernas hemliga motivering 4711';
    const outcome = await recordVerdict(
      { audits, actions: new ActionRepository(tables.actions) },
      tenantId,
      { ref: first.ref, verdict: 'Ej åtgärdad', comment, date: '2026-03-20', expectedVersion: null },
      { by: 'revisor.rut@kommun.se', now: NOW },
      () => true,
    );
    assert.equal(outcome.kind, 'saved');
    const out = join(dir, 'with-verdict');
    const result = await run(['--out', out]);
    assert.equal(result.code, 0, result.err);
    const html = readFileSync(join(out, 'revisionsuppfoljning.html'), 'utf8');
    const csv = readFileSync(join(out, 'revisionsuppfoljning.csv'), 'utf8');
    assert.match(html, new RegExp(`Rekommendation R-${first.ref}<`));
    assert.match(html, /Revisorernas bedömning: Ej åtgärdad \(<span class="date">2026-03-20<\/span>\)\./);
    assert.ok(
      csv.includes('Ej åtgärdad') && csv.includes('2026-03-20'),
      'the CSV carries the verdict and its day',
    );
    for (const text of [html, csv]) {
      assert.ok(!text.includes(comment), 'no verdict comment');
      assert.ok(!text.toLowerCase().includes('revisor.rut'), 'no auditor');
    }
  });

  it('refuses a bad command line or an unwritable directory in one line, writing nothing', async () => {
    const bare = await runCliForTest(['export'], { connectionString, tenantId, now: NOW });
    assert.equal(bare.code, 1);
    assert.match(bare.err, /^Fel: Skriv: export public/);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const blocked = await run(['--out', join(file, 'sub')]);
    assert.equal(blocked.code, 1);
    assert.equal(blocked.err.split('\n').length, 1);
    assert.match(blocked.err, /kan inte skrivas \(E(NOTDIR|EXIST)\)/);
    assert.ok(!existsSync(join(file, 'sub')));
  });
});
