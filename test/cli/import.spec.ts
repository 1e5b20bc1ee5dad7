import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ActionRepository } from '../../src/storage/actionRepository';
import { AuditRepository } from '../../src/storage/auditRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest, runNpmCli } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';

const EXAMPLE = join(__dirname, '..', 'fixtures', 'contract-example.json');

interface JsonOutput {
  audits: {
    id: string;
    title: string;
    actions: {
      ref: string;
      text: string;
      owner: string;
      due: string | null;
      phrase?: string | null;
      confidence?: string;
      warnings?: string[];
    }[];
  }[];
}

/** A file of 80 lines with `audits` audits, each one action, formatted one value per line. */
function manyAudits(count: number): { audits: unknown[] } {
  return {
    audits: Array.from({ length: count }, (_, i) => ({
      title: `Granskning ${i + 1}`,
      auditor: 'EY',
      reportDate: '2023-01-15',
      committees: ['Socialnämnden'],
      recommendations: [
        {
          text: `Rekommendation ${i + 1}`,
          committees: ['Socialnämnden'],
          actions: [{ text: `Åtgärd ${i + 1}`, committee: 'Socialnämnden', due: 'under hösten 2023' }],
        },
      ],
    })),
  };
}

describe('cli import (JSON and YAML)', () => {
  let connectionString: string;
  let tables: Tables;
  let tenantId: string;
  let dir: string;

  before(async () => {
    connectionString = (await testAzurite()).connectionString;
    tables = await openTables(connectionString);
    dir = await mkdtemp(join(tmpdir(), 'import-'));
  });

  beforeEach(() => {
    tenantId = newTenantId();
  });

  const cli = (...argv: string[]) => runCliForTest(argv, { connectionString, tenantId });

  it('imports the contract example and prints --json with references and resolved dates', async () => {
    const run = await cli('import', EXAMPLE, '--json');
    assert.equal(run.err, '');
    assert.equal(run.code, 0);
    const output = JSON.parse(run.out) as JsonOutput;
    assert.equal(output.audits.length, 1);
    assert.equal(output.audits[0]?.title, 'Granskning av barnkonventionen');
    assert.deepEqual(output.audits[0]?.actions, [
      {
        ref: 'A-1',
        text: 'Rutin för egenkontroll tas fram',
        owner: 'anna.andersson@kommun.se',
        due: '2022-12-31',
        phrase: 'innan årets slut',
        role: null,
        confidence: 'high',
        warnings: [],
      },
    ]);
    const { action } = await new ActionRepository(tables.actions).getAction(tenantId, 1);
    assert.deepEqual(action.deadline, { date: '2022-12-31', phrase: 'innan årets slut' });
    const audit = await new AuditRepository(tables.audits).getAudit(tenantId, output.audits[0]?.id ?? '');
    assert.equal(audit.diaryNumber, 'SON 2022-00030');
    assert.deepEqual(audit.responseDue, [{ committee: 'Sociala omsorgsnämnden', due: '2022-05-31' }]);
  });

  it('marks with --json a file action whose date a person must set as low, saying why', async () => {
    const data = JSON.parse(await readFile(EXAMPLE, 'utf8')) as {
      audits: { recommendations: { actions: Record<string, unknown>[] }[] }[];
    };
    const recommendation = data.audits[0]?.recommendations[0];
    assert.ok(recommendation);
    recommendation.actions = [
      { text: 'Rutinen ses över', committee: 'Sociala omsorgsnämnden', due: 'på sikt' },
      { text: 'Utbildning för chefer', committee: 'Sociala omsorgsnämnden' },
    ];
    const file = join(dir, `${tenantId}-undated.json`);
    await writeFile(file, JSON.stringify(data));
    const run = await cli('import', file, '--json');
    assert.equal(run.code, 0, run.err);
    const actions = (JSON.parse(run.out) as JsonOutput).audits[0]?.actions ?? [];
    assert.deepEqual(
      actions.map((a) => [a.ref, a.due, a.phrase, a.confidence, a.warnings]),
      [
        [
          'A-1',
          null,
          'på sikt',
          'low',
          [
            'Åtgärden: "på sikt" ger inget datum – sätt ett datum.',
            'Åtgärden saknar ägare – ange en e-postadress.',
          ],
        ],
        [
          'A-2',
          null,
          null,
          'low',
          [
            'Åtgärden saknar tidsangivelse – sätt ett datum.',
            'Åtgärden saknar ägare – ange en e-postadress.',
          ],
        ],
      ],
    );
  });

  it('counts in Swedish: 1 ny åtgärd, 0 nya åtgärder', async () => {
    assert.match((await cli('import', EXAMPLE)).out, /\(ny granskning\): 1 ny åtgärd, 0 fanns redan\n/);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const first = JSON.parse((await cli('import', EXAMPLE, '--json')).out) as JsonOutput;
    const second = await cli('import', EXAMPLE, '--json');
    assert.equal(second.code, 0);
    assert.deepEqual(JSON.parse(second.out), first);
    assert.equal((await new ActionRepository(tables.actions).listActions(tenantId)).length, 1);
    assert.equal((await new AuditRepository(tables.audits).listAudits(tenantId)).length, 1);
    assert.match((await cli('import', EXAMPLE)).out, /\(fanns redan\): 0 nya åtgärder, 1 fanns redan/);
  });

  it('shows on a re-import what is stored, and says which values of the file were not applied', async () => {
    const data = JSON.parse(await readFile(EXAMPLE, 'utf8')) as {
      audits: { recommendations: { actions: Record<string, unknown>[] }[] }[];
    };
    const action = data.audits[0]?.recommendations[0]?.actions[0];
    assert.ok(action);
    action.due = 'snart';
    const file = join(dir, `${tenantId}-snart.json`);
    const first = JSON.stringify(data);
    await writeFile(file, first);
    assert.equal((await cli('import', file)).code, 0);

    action.due = 'på sikt';
    action.owner = 'bo.berg@kommun.se';
    await writeFile(file, JSON.stringify(data));
    const again = await cli('import', file);
    assert.equal(again.code, 0, again.err);
    assert.deepEqual(again.out.split('\n').slice(1), [
      '  A-1  DATUM SAKNAS – sätt ett datum ("snart")  anna.andersson@kommun.se  Rutin för egenkontroll tas fram',
      '      Filen säger "på sikt", men en import ändrar inte en sparad åtgärd. Ändra datumet i chatten: ' +
        'A-1 nytt datum ÅÅÅÅ-MM-DD <motivering>.',
      '      Filen har ägaren bo.berg@kommun.se, men en import ändrar inte ägaren på en sparad åtgärd.',
    ]);
    const { action: stored } = await new ActionRepository(tables.actions).getAction(tenantId, 1);
    assert.deepEqual(stored.deadline, { date: null, phrase: 'snart' });
    assert.equal(stored.ownerEmail, 'anna.andersson@kommun.se');
    await writeFile(file, first);
    assert.doesNotMatch((await cli('import', file)).out, /Filen/, 'nothing to say when the file agrees');
  });

  it('gives a recommendation the next free reference when the one the file asks for is taken, and says so', async () => {
    const data = JSON.parse(await readFile(EXAMPLE, 'utf8')) as {
      audits: { diaryNumber: string; recommendations: Record<string, unknown>[] }[];
    };
    const audit = data.audits[0];
    assert.ok(audit?.recommendations[0]);
    audit.recommendations[0].ref = 'R-1';
    const file = join(dir, `${tenantId}-ref.json`);
    await writeFile(file, JSON.stringify(data));
    assert.equal((await cli('import', file)).code, 0);

    audit.diaryNumber = 'SON 2022-00099';
    await writeFile(file, JSON.stringify(data));
    const run = await cli('import', file);
    assert.equal(run.code, 0, run.err);
    assert.equal(
      run.out.split('\n')[1],
      '  R-2  Filen anger R-1, men R-1 är redan given åt en annan rekommendation, så den här fick R-2: ' +
        '"Säkerställ att barnkonsekvensanalyser genomförs och dokumenteras"',
    );
    assert.equal((await new AuditRepository(tables.audits).listAudits(tenantId)).length, 2);
    const json = await cli('import', file, '--json');
    assert.equal(json.code, 0, json.err);
    assert.match(
      json.err,
      /^Varning: R-2 {2}Filen anger R-1, men rekommendationen är redan sparad med R-2 och behåller den/,
    );
  });

  it('imports the same content from YAML as from JSON', async () => {
    const yamlFile = join(dir, `${tenantId}.yaml`);
    await writeFile(yamlFile, stringify(JSON.parse(await readFile(EXAMPLE, 'utf8'))));
    const run = await cli('import', yamlFile, '--json');
    assert.equal(run.code, 0, run.err);
    const output = JSON.parse(run.out) as JsonOutput;
    assert.equal(output.audits[0]?.actions[0]?.due, '2022-12-31');
  });

  it('adds a recommendation that a file gained since the first import, keeping the old references', async () => {
    const original = JSON.parse(await readFile(EXAMPLE, 'utf8')) as {
      audits: { recommendations: { text: string; committees: string[]; actions: unknown[] }[] }[];
    };
    await cli('import', EXAMPLE);
    original.audits[0]?.recommendations.push({
      text: 'Följ upp barnrättsarbetet årligen',
      committees: ['Sociala omsorgsnämnden'],
      actions: [{ text: 'Årlig uppföljning', committee: 'Sociala omsorgsnämnden', due: 'Q3 2022' }],
    });
    const file = join(dir, `${tenantId}-grown.json`);
    await writeFile(file, JSON.stringify(original));
    const output = JSON.parse((await cli('import', file, '--json')).out) as JsonOutput;
    assert.deepEqual(
      output.audits[0]?.actions.map((a) => [a.ref, a.due]),
      [
        ['A-1', '2022-12-31'],
        ['A-2', '2022-09-30'],
      ],
    );
    const audit = await new AuditRepository(tables.audits).getAudit(tenantId, output.audits[0]?.id ?? '');
    assert.deepEqual(
      audit.recommendations.map((r) => r.id),
      ['R1', 'R2'],
    );
  });

  it('imports nothing and exits 1 with a one-line message when one row deep inside is bad', async () => {
    const data = manyAudits(8);
    const lines = JSON.stringify(data, null, 2).split('\n');
    // Break the due date of an action in the middle of the file.
    const target = lines.findIndex((line, i) => i > lines.length / 2 && line.includes('"due"'));
    lines[target] = lines[target]!.replace('"under hösten 2023"', '"2023-02-30"');
    const file = join(dir, `${tenantId}-bad.json`);
    await writeFile(file, lines.join('\n'));

    const run = await cli('import', file, '--json');
    assert.equal(run.code, 1);
    assert.equal(run.out, '');
    assert.equal(run.err.split('\n').length, 1);
    assert.ok(run.err.includes(file), run.err);
    assert.ok(run.err.includes(`rad ${target + 1}`), run.err);
    assert.match(run.err, /due/);
    assert.match(run.err, /2023-02-30/);
    assert.deepEqual(await new ActionRepository(tables.actions).listActions(tenantId), []);
    assert.deepEqual(await new AuditRepository(tables.audits).listAudits(tenantId), []);
  });

  it('says what is wrong with a missing file, an unknown command and missing arguments', async () => {
    const missing = await cli('import', join(dir, 'finns-inte.json'));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /finns-inte\.json: filen kan inte läsas \(ENOENT\)/);
    const unknown = await cli('importera');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /Okänt kommando "importera"/);
    const noFile = await cli('import');
    assert.equal(noFile.code, 1);
    assert.match(noFile.err, /Ange en fil/);
    const badFlag = await cli('import', EXAMPLE, '--jsn');
    assert.equal(badFlag.code, 1);
    assert.match(badFlag.err, /jsn/);
  });

  it('grants and takes back roles', async () => {
    // A coordinator's committee must be one an imported audit names; it is stored as the audit spells it.
    const unknown = await cli(
      'role',
      'add',
      'Eva.Ek@kommun.se',
      'coordinator',
      '--committee',
      'Socialnämnden',
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /^Fel: Ingen granskning nämner nämnden "Socialnämnden"/);
    assert.equal((await cli('import', EXAMPLE)).code, 0);
    const add = await cli(
      'role',
      'add',
      'Eva.Ek@kommun.se',
      'coordinator',
      '--committee',
      'sociala omsorgsnämnden',
    );
    assert.equal(add.code, 0, add.err);
    assert.equal(add.out, 'Rollen coordinator gavs till eva.ek@kommun.se för Sociala omsorgsnämnden.');
    assert.equal((await cli('role', 'add', 'ordf@kommun.se', 'chair')).code, 0);
    const remove = await cli('role', 'remove', 'ordf@kommun.se', 'chair');
    assert.equal(remove.code, 0, remove.err);
    const again = await cli('role', 'remove', 'ordf@kommun.se', 'chair');
    assert.equal(again.code, 1);
    assert.equal(again.err.split('\n').length, 1);
    const bad = await cli('role', 'add', 'x@kommun.se', 'kung');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /Okänd roll "kung"/);
    const noCommittee = await cli('role', 'add', 'x@kommun.se', 'coordinator');
    assert.equal(noCommittee.code, 1);
  });

  it('runs as `npm run cli` on the given storage and prints parseable --json', async function () {
    this.timeout(60_000);
    const cli = { connectionString, allowedTenantId: tenantId };
    const run = await runNpmCli(['import', EXAMPLE, '--json'], cli);
    assert.equal(run.code, 0, run.err);
    const output = JSON.parse(run.out) as JsonOutput;
    assert.equal(output.audits[0]?.actions[0]?.ref, 'A-1');
    const failed = await runNpmCli(['import', '/nope.json'], cli);
    assert.equal(failed.code, 1);
    assert.doesNotMatch(failed.err, /\n\s+at /);
  });
});
