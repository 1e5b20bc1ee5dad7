import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkEvidence } from '../../src/domain/evidence';
import { ActionRepository } from '../../src/storage/actionRepository';
import { AuditRepository } from '../../src/storage/auditRepository';
import { attachEvidence } from '../../src/storage/followUp';
import { openTables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';

const FILE = {
  audits: [
    {
      title: 'Granskning av intern kontroll',
      auditor: 'EY',
      reportDate: '2024-01-15',
      diaryNumber: 'SN 2024-00012',
      committees: ['Socialnämnden'],
      recommendations: [
        {
          text: 'Inför en rutin för kontroll',
          committees: ['Socialnämnden'],
          ref: 'R-12',
          actions: [
            {
              text: 'Rutin tas fram',
              owner: 'anna@kommun.se',
              committee: 'Socialnämnden',
              due: 'under hösten 2024',
            },
          ],
          verdicts: [
            {
              verdict: 'Delvis åtgärdad',
              date: '2025-03-01',
              by: 'revisor@kommun.se',
              comment: 'Rutinen är inte antagen.',
            },
          ],
        },
      ],
    },
  ],
};

describe('cli review: the follow-up review pack of one audit', () => {
  let connectionString: string;
  let tenantId: string;
  let dir: string;

  before(async () => {
    connectionString = (await testAzurite()).connectionString;
    dir = await mkdtemp(join(tmpdir(), 'review-'));
  });

  beforeEach(async () => {
    tenantId = newTenantId();
    const file = join(dir, `${tenantId}.json`);
    await writeFile(file, JSON.stringify(FILE));
    const imported = await cli('import', file);
    assert.equal(imported.code, 0, imported.err);
    const tables = await openTables(connectionString);
    const deps = {
      audits: new AuditRepository(tables.audits),
      actions: new ActionRepository(tables.actions),
    };
    const saved = await attachEvidence(
      deps,
      tenantId,
      { ref: 1, evidence: linkEvidence('https://kommun.se/utkast.pdf', 'Utkast'), expectedVersion: null },
      { by: 'aad-anna', now: new Date('2026-02-01T09:00:00Z') },
      () => true,
    );
    assert.equal(saved.kind, 'saved');
  });

  const cli = (...argv: string[]) => runCliForTest(argv, { connectionString, tenantId });

  it('prints the pack as Markdown, found by diary number, in Swedish', async () => {
    const run = await cli('review', 'SN 2024-00012');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^# Underlag för uppföljande granskning: Granskning av intern kontroll/);
    assert.match(run.out, /## R-12 Inför en rutin för kontroll/);
    assert.match(run.out, /\*\*A-1\*\* Rutin tas fram/);
    assert.match(run.out, /Underlag: https:\/\/kommun\.se\/utkast\.pdf – Utkast \(2026-02-01\)/);
    assert.match(
      run.out,
      /\| 2025-03-01 \| Delvis åtgärdad \| revisor@kommun\.se \| Rutinen är inte antagen\. \|/,
    );
    assert.match(
      run.out,
      /\| R-12 Inför en rutin för kontroll \| A-1 Rutin tas fram \| 0 av 1 genomförda, 1 försenad \| Delvis åtgärdad \(2025-03-01\) \|/,
    );
  });

  it('writes every format to files, in English on request', async () => {
    const out = join(dir, `${tenantId}-pack`);
    const run = await cli(
      'review',
      'SN 2024-00012',
      '--format',
      'md,html,xlsx',
      '--out',
      out,
      '--lang',
      'en',
    );
    assert.equal(run.code, 0, run.err);
    assert.match(
      run.out,
      /^Skrev .*pack\.md, .*pack\.html, .*pack\.xlsx: 1 rekommendation i "Granskning av intern kontroll", per /,
    );
    const html = await readFile(`${out}.html`, 'utf8');
    assert.match(html, /<html lang="en">/);
    assert.match(html, /Partly implemented/);
    assert.ok((await readFile(`${out}.xlsx`)).subarray(0, 2).equals(Buffer.from('PK')));
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  it('writes one format to --out exactly as named, and into a directory under the default name', async () => {
    const named = join(dir, `${tenantId}-r2.md`);
    const run = await cli('review', 'SN 2024-00012', '--format', 'html', '--out', named);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, new RegExp(`^Skrev ${named}: 1 rekommendation i "Granskning av intern kontroll"`));
    assert.match(await readFile(named, 'utf8'), /^<!DOCTYPE html>/i);
    await assert.rejects(readFile(join(dir, `${tenantId}-r2.html`)), { code: 'ENOENT' });

    const folder = join(dir, `${tenantId}-mapp`);
    await mkdir(folder);
    const inFolder = await cli('review', 'SN 2024-00012', '--out', folder);
    assert.equal(inFolder.code, 0, inFolder.err);
    assert.deepEqual(await readdir(folder), ['uppfoljning-SN-2024-00012-2026-03-02.md']);
  });

  it('refuses an unknown audit, an unknown format and xlsx without a file, with one line each', async () => {
    const cases: [string[], RegExp][] = [
      [['review', 'SN 1999-00001'], /^Fel: Ingen granskning har diarienummer eller id "SN 1999-00001"\.$/],
      [
        ['review', 'SN 2024-00012', '--format', 'pdf'],
        /^Fel: Okänt format "pdf"; välj bland md, html, xlsx\.$/,
      ],
      [['review', 'SN 2024-00012', '--format', 'xlsx'], /^Fel: Formatet xlsx kräver --out <fil>\.$/],
      [['review', 'SN 2024-00012', '--lang', 'de'], /^Fel: Okänt språk "de"; välj sv eller en\.$/],
      [['review'], /^Fel: Ange granskningens diarienummer eller id/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(...argv);
      assert.equal(run.code, 1, argv.join(' '));
      assert.match(run.err, message);
    }
  });
});
