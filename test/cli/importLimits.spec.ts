/**
 * Import files that are too big to parse safely, and documents too big to read: refused with one line and exit
 * status 1, before anything is parsed or saved. JSON is read as JSON (no YAML view), and its errors still name
 * the line.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { ImportError } from '../../src/importing/errors';
import { parseImportFile } from '../../src/importing/structured';
import { ConfigError, loadConfig } from '../../src/server/config';
import { ActionRepository } from '../../src/storage/actionRepository';
import { AuditRepository } from '../../src/storage/auditRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';
import { honestBomb } from '../importing/zipBombs';

/** A valid import file with one audit and `actions` actions, pretty-printed: one field per line. */
function importFile(actions: number, owner = (n: number) => `person${n}@kommun.se`): string {
  return JSON.stringify(
    {
      audits: [
        {
          title: 'Granskning av löneprocessen',
          auditor: 'Stadsrevisionen',
          reportDate: '2024-01-15',
          diaryNumber: 'KS 2024-00001',
          committees: ['Personalnämnden'],
          recommendations: [
            {
              text: 'Inför kontroller',
              committees: ['Personalnämnden'],
              actions: Array.from({ length: actions }, (_, n) => ({
                text: `Åtgärd ${n + 1}`,
                owner: owner(n),
                committee: 'Personalnämnden',
                due: '2024-06-30',
              })),
            },
          ],
        },
      ],
    },
    null,
    2,
  );
}

describe('cli import: size cap and JSON read as JSON', () => {
  let connectionString: string;
  let tables: Tables;
  let dir: string;
  let tenantId: string;

  before(async () => {
    connectionString = (await testAzurite()).connectionString;
    tables = await openTables(connectionString);
    dir = await mkdtemp(join(tmpdir(), 'import-limits-'));
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    tenantId = newTenantId();
  });

  async function cli(argv: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      connectionString,
      defaultTenantId: tenantId,
      allowedTenantIds: [],
      timeZone: 'Europe/Stockholm',
      config: loadConfig({ TABLES_CONNECTION_STRING: connectionString, ...env }),
      now: () => new Date('2026-03-02T09:00:00Z'),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  async function nothingStored(): Promise<void> {
    assert.deepEqual(await new AuditRepository(tables.audits).listAudits(tenantId), []);
    assert.deepEqual(await new ActionRepository(tables.actions).listActions(tenantId), []);
  }

  for (const name of ['stor.json', 'stor.yaml', 'stor.docx']) {
    it(`refuses a 50 MB ${name} unread, with one line and exit status 1`, async () => {
      const file = join(dir, name);
      // A sparse file: 50 MB by its size, nothing on disk; reading it would still mean 50 MB to parse.
      await writeFile(file, '');
      await truncate(file, 50 * 1024 * 1024);
      const run = await cli(['import', file]);
      assert.equal(run.code, 1);
      assert.equal(run.out, '');
      assert.equal(run.err.split('\n').length, 1, run.err);
      assert.match(
        run.err,
        /^Fel: .*stor\.\w+: filen är 50,0 MB, större än gränsen 10,0 MB \(IMPORT_MAX_BYTES\); dela upp den/,
      );
      await nothingStored();
    });
  }

  it('takes the limit from IMPORT_MAX_BYTES: the same file is refused under it and imported over it', async () => {
    const file = join(dir, 'liten.json');
    const text = importFile(3);
    await writeFile(file, text);
    const bytes = Buffer.byteLength(text);
    const refused = await cli(['import', file], { IMPORT_MAX_BYTES: String(bytes - 1) });
    assert.equal(refused.code, 1);
    assert.match(refused.err, new RegExp(`filen är ${bytes} byte, större än gränsen ${bytes - 1} byte`));
    await nothingStored();
    const imported = await cli(['import', file], { IMPORT_MAX_BYTES: String(bytes) });
    assert.equal(imported.code, 0, imported.err);
    assert.equal((await new ActionRepository(tables.actions).listActions(tenantId)).length, 3);
  });

  it('refuses a bad IMPORT_MAX_BYTES at start, naming it', () => {
    for (const value of ['10MB', '-1', '0', '1.5']) {
      assert.throws(
        () => loadConfig({ IMPORT_MAX_BYTES: value }),
        (error: unknown) =>
          error instanceof ConfigError && /IMPORT_MAX_BYTES="[^"]*": ska vara/.test(error.message),
        value,
      );
    }
    assert.equal(loadConfig({}).importMaxBytes, 10 * 1024 * 1024);
  });

  it('answers a zip bomb given as a response document with one line, and saves nothing', async () => {
    const file = join(dir, 'bomb.docx');
    await writeFile(file, await honestBomb(100));
    const run = await cli(['import', file, '--yes']);
    assert.equal(run.code, 1);
    assert.equal(run.err.split('\n').length, 1, run.err);
    assert.match(
      run.err,
      /^Fel: .*bomb\.docx: dokumentet är för stort eller för komplicerat för att läsas \(/,
    );
    await nothingStored();
  });

  describe('JSON errors point at their line without a YAML view', () => {
    const rejects = (name: string, text: string, message: RegExp) =>
      assert.throws(
        () => parseImportFile(name, text),
        (error: unknown) => {
          assert.ok(error instanceof ImportError, String(error));
          assert.match(error.message, message);
          return true;
        },
      );

    it('names the line of a bad field deep in the file, and counts the others', () => {
      const text = importFile(40, (n) => (n === 20 || n === 30 ? 'inte-en-adress' : `person${n}@kommun.se`));
      const line = text.split('\n').findIndex((l) => l.includes('"inte-en-adress"')) + 1;
      rejects(
        'a.json',
        text,
        new RegExp(
          `^a\\.json rad ${line}: audits\\[0\\]\\.recommendations\\[0\\]\\.actions\\[20\\]\\.owner: ` +
            'förväntade en e-postadress, fick "inte-en-adress" \\(och 1 fel till i filen\\)$',
        ),
      );
    });

    it('names the line of an unknown field, and of a missing one by its object', () => {
      const extra = importFile(2).replace('"auditor": "Stadsrevisionen",', '"auditor": "S", "revisor": "S",');
      const line = extra.split('\n').findIndex((l) => l.includes('"revisor"')) + 1;
      assert.ok(line > 1);
      rejects(
        'a.json',
        extra,
        new RegExp(`^a\\.json rad ${line}: audits\\[0\\]\\.revisor: okänt fält "revisor"`),
      );
      const missing = importFile(2).replace('"auditor": "Stadsrevisionen",', '');
      // The audit's object opens on the line above its title; findIndex is 0-based, so it is that line, 1-based.
      const object = missing.split('\n').findIndex((l) => l.includes('"title"'));
      rejects(
        'a.json',
        missing,
        new RegExp(`^a\\.json rad ${object}: audits\\[0\\]\\.auditor: förväntade en revisor, fick inget`),
      );
    });

    it('refuses a key written twice in one object, also when escapes hide it, naming the second', () => {
      const text = ['{', '  "audits": [],', '  "aud\\u0069ts": []', '}'].join('\n');
      rejects('a.json', text, /^a\.json rad 3: samma fält står två gånger i ett objekt$/);
      // The same key in two different objects is no duplicate.
      assert.doesNotThrow(() => parseImportFile('a.json', importFile(2)));
    });

    it('reads strings with escaped quotes and brackets without losing its place', () => {
      const text = importFile(2).replace('"Inför kontroller"', '"Inför \\"kontroller\\" [a] {b}"');
      const bad = text.replace('"person1@kommun.se"', '"x"');
      const line = bad.split('\n').findIndex((l) => l.includes('"x"')) + 1;
      rejects('a.json', bad, new RegExp(`^a\\.json rad ${line}: .*actions\\[1\\]\\.owner:`));
    });
  });
});
