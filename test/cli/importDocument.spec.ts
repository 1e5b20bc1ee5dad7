import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionRepository } from '../../src/storage/actionRepository';
import { AuditRepository } from '../../src/storage/auditRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { docxFromText } from '../helpers/docx';
import { newTenantId } from '../helpers/ids';

const SEEDS = join(__dirname, '..', 'fixtures', 'seeds');
const TYRESO = join(SEEDS, 'tyreso-asn-samverkan-2023.txt');
const TRELLEBORG = join(SEEDS, 'trelleborg-sn-samordnade-insatser-2021.txt');

interface JsonOutput {
  saved: boolean;
  audits: {
    id: string | null;
    title: string;
    actions: {
      ref: string | null;
      text: string;
      owner: string | null;
      due: string | null;
      phrase: string | null;
      role: string | null;
      confidence: 'high' | 'medium' | 'low';
      warnings: string[];
    }[];
  }[];
}

describe('cli import from a response document (.txt, .md, .docx)', () => {
  let connectionString: string;
  let tables: Tables;
  let tenantId: string;
  let dir: string;

  before(async () => {
    connectionString = (await testAzurite()).connectionString;
    tables = await openTables(connectionString);
    dir = await mkdtemp(join(tmpdir(), 'import-document-'));
  });

  beforeEach(() => {
    tenantId = newTenantId();
  });

  const cli = (...argv: string[]) => runCliForTest(argv, { connectionString, tenantId });
  const stored = async () => ({
    audits: await new AuditRepository(tables.audits).listAudits(tenantId),
    actions: await new ActionRepository(tables.actions).listActions(tenantId),
  });

  it('prints a draft with confidence and warnings and saves nothing without --yes', async () => {
    const run = await cli('import', TYRESO);
    assert.equal(run.code, 0, run.err);
    assert.equal(run.err, '');
    assert.match(
      run.out,
      /^Utkast från .*tyreso-asn-samverkan-2023\.txt – inget är sparat\. Kör igen med --yes/,
    );
    assert.match(run.out, /Revisor: +Ernst & Young \(85 %\)/);
    assert.match(run.out, /Åtgärd 2: 2023-05-31 \("innan sommaren"\)/);
    assert.match(run.out, /Åtgärd 4: 2023-04-30 \("senast i april 2023"\)/);
    assert.match(run.out, /Kontrollera \(\d+\):/);
    assert.match(run.out, /"i samband med sista mötet för året" ger inget datum – sätt ett datum/);
    assert.deepEqual(await stored(), { audits: [], actions: [] });
  });

  it('prints the draft with --json in the contract shape, every ref null, warnings on stderr', async () => {
    const run = await cli('import', TYRESO, '--json');
    assert.equal(run.code, 0, run.err);
    const output = JSON.parse(run.out) as JsonOutput;
    assert.equal(output.saved, false, 'a draft says that nothing was saved');
    assert.equal(output.audits.length, 1);
    const audit = output.audits[0];
    assert.deepEqual(Object.keys(audit ?? {}), ['id', 'title', 'actions']);
    assert.equal(audit?.id, null, 'an audit that was never saved has no id');
    assert.equal(audit?.actions.length, 5);
    for (const action of audit?.actions ?? []) {
      // The contract's fields first and unchanged; phrase, role, confidence and warnings are additions.
      assert.deepEqual(Object.keys(action), [
        'ref',
        'text',
        'owner',
        'due',
        'phrase',
        'role',
        'confidence',
        'warnings',
      ]);
      assert.equal(action.ref, null);
    }
    assert.deepEqual(
      audit?.actions.map((a) => a.due),
      [null, '2023-05-31', null, '2023-04-30', null],
    );
    assert.ok(
      run.err.split('\n').every((line) => line.startsWith('Varning: ')),
      run.err,
    );
    assert.deepEqual(await stored(), { audits: [], actions: [] });
  });

  it('gives per action with --json the phrase and role as written, a confidence level and what to check', async () => {
    const run = await cli('import', TYRESO, '--json');
    assert.equal(run.code, 0, run.err);
    const actions = (JSON.parse(run.out) as JsonOutput).audits[0]?.actions ?? [];
    const chief = 'Förvaltningschef för arbetsmarknads- och socialförvaltningen';
    assert.deepEqual(
      actions.map((a) => [a.phrase, a.role, a.confidence]),
      [
        [null, null, 'low'],
        // No year, read against a date the document does not state: not high.
        ['innan sommaren', null, 'medium'],
        ['i samband med sista mötet för året', chief, 'low'],
        ['senast i april 2023', chief, 'high'],
        [null, chief, 'low'],
      ],
    );
    assert.deepEqual(actions[0]?.warnings, [
      'Åtgärden saknar tidsangivelse – sätt ett datum.',
      'Åtgärden saknar ägare – ange en e-postadress.',
    ]);
    assert.deepEqual(actions[2]?.warnings, [
      'Åtgärden: "i samband med sista mötet för året" ger inget datum – sätt ett datum.',
      `Åtgärden saknar ägarens e-postadress; ansvarig enligt dokumentet: ${chief}.`,
    ]);
    // The role is a field of its own; it no longer has to be read out of the text.
    assert.equal(actions[3]?.role, chief);
  });

  it('lists the actions to check first, lowest confidence first, in the printed draft', async () => {
    const run = await cli('import', TYRESO);
    assert.equal(run.code, 0, run.err);
    const first = run.out.indexOf('Kontrollera först (4, lägst säkerhet först):');
    assert.ok(first > 0, run.out);
    assert.ok(first < run.out.indexOf('Rekommendationer ('), 'the list comes before the recommendations');
    const listed = run.out
      .slice(first)
      .split('\n')
      .slice(1, 5)
      .map((line) => /Åtgärd (\d) \(säkerhet (\p{L}+)\)/u.exec(line)?.slice(1, 3));
    assert.deepEqual(listed, [
      ['1', 'låg'],
      ['3', 'låg'],
      ['5', 'låg'],
      ['2', 'medel'],
    ]);
    assert.match(run.out, /Åtgärd 4: 2023-04-30 \("senast i april 2023"\).*\(säkerhet hög, 90 %\)/);
  });

  it('saves with --yes through the same saving code, and confirming twice saves once', async () => {
    const first = await cli('import', TYRESO, '--yes', '--json');
    assert.equal(first.code, 0, first.err);
    const saved = JSON.parse(first.out) as JsonOutput;
    assert.equal(saved.saved, true);
    assert.match(saved.audits[0]?.id ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      saved.audits[0]?.actions.map((a) => [a.ref, a.due, a.confidence]),
      [
        ['A-1', null, 'low'],
        ['A-2', '2023-05-31', 'medium'],
        ['A-3', null, 'low'],
        ['A-4', '2023-04-30', 'high'],
        ['A-5', null, 'low'],
      ],
    );
    const { action } = await new ActionRepository(tables.actions).getAction(tenantId, 2);
    assert.deepEqual(action.deadline, { date: '2023-05-31', phrase: 'innan sommaren' });
    assert.equal(action.committee, 'Arbetsmarknads- och socialnämnden');

    const again = await cli('import', TYRESO, '--yes');
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /\(fanns redan\): 0 nya åtgärder, 5 fanns redan/);
    assert.match(again.out, /A-4 {2}2023-04-30 \("senast i april 2023"\)/);
    const after = await stored();
    assert.equal(after.audits.length, 1);
    assert.equal(after.actions.length, 5);
  });

  it('prints what it created, with references and what to check, after --yes', async () => {
    const run = await cli('import', TRELLEBORG, '--yes');
    assert.equal(run.code, 0, run.err);
    assert.match(
      run.out,
      /^Granskning av samverkan kring barn och unga med behov av samordnade insatser \(ny granskning\): 2 nya åtgärder/,
    );
    assert.match(run.out, /A-1 {2}2021-11-30 \("under hösten 2021"\) {2}maria\.rosenquist@trelleborg\.se/);
    assert.match(run.out, /A-2 {2}DATUM SAKNAS/);
    assert.match(run.out, /Kontrollera \(\d+\):/);
  });

  it('reads a .docx made from a seed and saves the same actions as from the text', async () => {
    const file = join(dir, `${tenantId}.docx`);
    await writeFile(file, docxFromText(await readFile(TRELLEBORG, 'utf8')));
    const fromDocx = JSON.parse((await cli('import', file, '--json')).out) as JsonOutput;
    const fromText = JSON.parse((await cli('import', TRELLEBORG, '--json')).out) as JsonOutput;
    const strip = (output: JsonOutput) => output.audits.map((a) => ({ title: a.title, actions: a.actions }));
    assert.deepEqual(strip(fromDocx), strip(fromText));
    const saved = await cli('import', file, '--yes', '--json');
    assert.equal(saved.code, 0, saved.err);
    assert.equal((await stored()).actions.length, 2);
  });

  it('refuses a document with no recognisable actions: exit 1, one line, nothing saved', async () => {
    const file = join(dir, `${tenantId}-inga.md`);
    await writeFile(
      file,
      '# Yttrande över granskning av IT-säkerhet\n\nNämnden tackar för granskningen och delar revisorernas bedömning.\n',
    );
    for (const flags of [[], ['--yes'], ['--yes', '--json']]) {
      const run = await cli('import', file, ...flags);
      assert.equal(run.code, 1);
      assert.equal(run.out, '');
      assert.equal(run.err.split('\n').length, 1);
      assert.match(run.err, /^Fel: .*-inga\.md: hittade inga åtgärder i dokumentet/);
    }
    assert.deepEqual(await stored(), { audits: [], actions: [] });
  });

  it('reads phrases without a year against --date, and refuses --date for JSON and YAML', async () => {
    const file = join(dir, `${tenantId}.txt`);
    await copyFile(TYRESO, file);
    const run = await cli('import', file, '--json', '--date', '2022-09-01');
    assert.equal(run.code, 0, run.err);
    // Written in September 2022, "innan sommaren" is the summer of 2023 all the same; "senast i april 2023" too.
    assert.deepEqual(
      (JSON.parse(run.out) as JsonOutput).audits[0]?.actions.map((a) => a.due),
      [null, '2023-05-31', null, '2023-04-30', null],
    );
    const badDate = await cli('import', file, '--date', '2022-02-30');
    assert.equal(badDate.code, 1);
    assert.match(badDate.err, /2022-02-30 finns inte i kalendern/);
    const json = await cli(
      'import',
      join(__dirname, '..', 'fixtures', 'contract-example.json'),
      '--date',
      '2022-01-01',
    );
    assert.equal(json.code, 1);
    assert.match(json.err, /--date gäller bara svarsdokument/);
    assert.deepEqual(await stored(), { audits: [], actions: [] });
  });
});
