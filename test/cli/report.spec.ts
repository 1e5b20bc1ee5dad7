import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addNote, changeDeadline, changeStatus, type ActionChange } from '../../src/domain/actions';
import type { Action } from '../../src/domain/types';
import { ActionRepository } from '../../src/storage/actionRepository';
import { ConversationRepository } from '../../src/storage/conversationRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { UserRepository } from '../../src/storage/userRepository';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';
import { csvRecords, htmlTable, markdownTable, readWorkbook, sheetRows } from '../reports/read';

const S = '\u00a0';

/** Two audits, five actions over two committees; the numbers below are worked out by hand from it. */
const IMPORT = {
  audits: [
    {
      title: 'Granskning av <b>intern</b> kontroll & styrning',
      auditor: 'EY',
      reportDate: '2025-06-15',
      diaryNumber: 'KS 2025-00042',
      committees: ['Socialnämnden', 'Kommunstyrelsen'],
      recommendations: [
        {
          text: 'Dokumentera kontrollerna',
          committees: ['Socialnämnden', 'Kommunstyrelsen'],
          actions: [
            {
              text: 'Kontrollplan tas fram',
              owner: 'anna@kommun.se',
              committee: 'Socialnämnden',
              due: '2026-01-31',
            },
            {
              text: 'Rapport till nämnden',
              owner: 'bo@kommun.se',
              committee: 'Socialnämnden',
              due: '2026-02-28',
            },
            {
              text: 'Uppföljning i ledningsgruppen',
              owner: 'bo@kommun.se',
              committee: 'Kommunstyrelsen',
              due: '2026-06-30',
            },
          ],
        },
      ],
    },
    {
      title: 'Granskning av barnkonventionen',
      auditor: 'Stadsrevisionen',
      reportDate: '2021-12-01',
      committees: ['Socialnämnden'],
      recommendations: [
        {
          text: 'Säkerställ barnkonsekvensanalyser',
          committees: ['Socialnämnden'],
          actions: [
            {
              text: 'Rutin för analys',
              owner: 'cia@kommun.se',
              committee: 'Socialnämnden',
              due: '2025-12-31',
            },
            { text: 'Utbildning', owner: 'cia@kommun.se', committee: 'Socialnämnden', due: '2026-03-15' },
          ],
        },
      ],
    },
  ],
};

describe('cli report (against Azurite)', () => {
  let connectionString: string;
  let tables: Tables;
  let tenantId: string;
  let dir: string;

  before(async () => {
    connectionString = (await testAzurite()).connectionString;
    tables = await openTables(connectionString);
  });

  beforeEach(async () => {
    tenantId = newTenantId();
    dir = await mkdtemp(join(tmpdir(), 'report-'));
  });

  const cli = (argv: string[], now?: Date) => runCliForTest(argv, { connectionString, tenantId, now });

  /**
   * Imports the file (A-1..A-3 from the first audit, A-4 and A-5 from the second), then changes what people would:
   * A-1 done, A-2 moved to 2026-03-20 with a reason, A-4 cancelled; bo@kommun.se's personal chat blocks the bot.
   * As of 2026-03-31 by hand: Socialnämnden A-1 Genomförd, A-2 Försenad 11 days, A-4 Avbruten, A-5 Försenad 16 days;
   * Kommunstyrelsen A-3 Planerad.
   */
  async function seed(): Promise<void> {
    const file = join(dir, 'audits.json');
    await writeFile(file, JSON.stringify(IMPORT));
    const imported = await cli(['import', file]);
    assert.equal(imported.code, 0, imported.err);
    const actions = new ActionRepository(tables.actions);
    const change = async (ref: number, make: (action: Action) => ActionChange): Promise<void> => {
      const stored = await actions.getAction(tenantId, ref);
      await actions.updateAction(tenantId, make(stored.action), stored.etag);
    };
    const by = (iso: string) => ({ by: 'user-1', now: new Date(iso) });
    await change(1, (a) => changeStatus(a, { to: 'Genomförd' }, by('2026-01-20T09:00:00Z')));
    await change(2, (a) =>
      changeDeadline(
        a,
        { date: '2026-03-20', reason: 'Väntar på "nytt" system & stöd' },
        by('2026-02-10T09:00:00Z'),
      ),
    );
    await change(4, (a) =>
      changeStatus(a, { to: 'Avbruten', comment: 'Ersatt' }, by('2025-11-01T09:00:00Z')),
    );

    const aadObjectId = '11111111-2222-3333-4444-555555555555';
    await new UserRepository(tables.users).upsertUser(tenantId, {
      aadObjectId,
      email: 'bo@kommun.se',
      name: 'Bo',
    });
    const conversations = new ConversationRepository(tables.conversations);
    await conversations.upsertConversation(
      tenantId,
      {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: 'a:bo', conversationType: 'personal', isGroup: false, name: '' },
        user: { id: '29:bo', name: 'Bo', aadObjectId },
      },
      { now: new Date('2026-03-01T08:00:00Z') },
    );
    await conversations.markInactive(tenantId, 'a:bo', 'ConversationBlockedByUser', undefined, {
      now: new Date('2026-03-05T08:00:00Z'),
    });
  }

  it('prints the Markdown report to stdout by default, with the hand-worked numbers', async () => {
    await seed();
    const run = await cli(['report', '--as-of', '2026-03-31']);
    assert.equal(run.err, '');
    assert.equal(run.code, 0);
    assert.match(run.out, /^# Återrapportering av revisionsgranskningar\n\nPer 2026-03-31\./);
    // Columns: Planerad, Pågår, Försenad, Genomförd, Avbruten, Totalt, Andel genomförda.
    assert.deepEqual(markdownTable(run.out, 'Status per nämnd'), [
      ['Kommunstyrelsen', '1', '0', '0', '0', '0', '1', `0${S}%`],
      ['Socialnämnden', '0', '0', '2', '1', '1', '4', `33${S}%`],
      ['**Totalt**', '1', '0', '2', '1', '1', '5', `25${S}%`],
    ]);
    assert.deepEqual(
      markdownTable(run.out, 'Försenade åtgärder').map((row) => [row[0], row[4], row[5]]),
      [
        ['A-5', '2026-03-15', '16 dagar'],
        ['A-2', '2026-03-20', '11 dagar'],
      ],
    );
    assert.deepEqual(markdownTable(run.out, 'Ändrade slutdatum'), [
      [
        'A-2',
        'Socialnämnden',
        'Rapport till nämnden',
        '2026-02-28',
        '2026-03-20',
        '1',
        '2026-02-10: 2026-02-28 → 2026-03-20 (Väntar på "nytt" system \\& stöd)',
      ],
    ]);
    assert.deepEqual(markdownTable(run.out, 'Ansvariga som inte kunnat nås'), [
      ['bo@kommun.se', '2026-03-05', 'ConversationBlockedByUser', 'A-2, A-3'],
    ]);
  });

  it('writes every format to FILE with its extension, all with the same numbers', async () => {
    await seed();
    const out = join(dir, 'rapport');
    const run = await cli(['report', '--format', 'md,html,csv,xlsx', '--as-of', '2026-03-31', '--out', out]);
    assert.equal(run.err, '');
    assert.equal(run.code, 0);
    assert.equal(
      run.out,
      `Skrev ${out}.md, ${out}.html, ${out}.csv, ${out}.xlsx: 5 åtgärder i 2 granskningar, per 2026-03-31.`,
    );
    assert.deepEqual((await readdir(dir)).sort(), [
      'audits.json',
      'rapport.csv',
      'rapport.html',
      'rapport.md',
      'rapport.xlsx',
    ]);

    const html = await readFile(`${out}.html`, 'utf8');
    assert.deepEqual(htmlTable(html, 'summary').at(-1), ['Totalt', '1', '0', '2', '1', '1', '5', `25${S}%`]);
    assert.ok(html.includes('Granskning av &lt;b&gt;intern&lt;/b&gt; kontroll &amp; styrning'));
    assert.ok(!html.includes('<b>intern'));

    const csv = await readFile(`${out}.csv`);
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const records = csvRecords(csv.toString('utf8'));
    assert.deepEqual(
      records.map((r) => [r.Ref, r.Nämnd, r.Status, r['Dagar försenad'], r['Antal datumändringar']]),
      [
        // Audits by report date: the 2021 one first.
        ['A-4', 'Socialnämnden', 'Avbruten', '', '0'],
        ['A-5', 'Socialnämnden', 'Försenad', '16', '0'],
        ['A-1', 'Socialnämnden', 'Genomförd', '', '0'],
        ['A-2', 'Socialnämnden', 'Försenad', '11', '1'],
        ['A-3', 'Kommunstyrelsen', 'Planerad', '', '0'],
      ],
    );

    const workbook = await readWorkbook(await readFile(`${out}.xlsx`));
    const summary = sheetRows(workbook.getWorksheet('Sammanfattning') ?? assert.fail('no summary sheet'));
    assert.deepEqual(
      summary.find((row) => row[0] === 'Totalt'),
      ['Totalt', 1, 0, 2, 1, 1, 5, 0.25],
    );
    const actions = sheetRows(workbook.getWorksheet('Åtgärder') ?? assert.fail('no actions sheet'));
    assert.equal(actions.length, 6);

    assert.ok((await readFile(`${out}.md`, 'utf8')).includes(`- Genomförda: 1 (25${S}% av de ej avbrutna)`));
  });

  it('takes today in the municipality’s time zone when --as-of is left out', async () => {
    // 23:30 UTC on 2 March is already 3 March in Stockholm.
    const run = await cli(['report'], new Date('2026-03-02T23:30:00Z'));
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /\nPer 2026-03-03\.\n/);
    assert.ok(run.out.includes('\n- Åtgärder: 0\n'), 'a tenant with nothing stored gets an empty report');
  });

  it('refuses a date the calendar lacks with one line and exit status 1', async () => {
    const run = await cli(['report', '--as-of', '2023-02-30']);
    assert.equal(run.code, 1);
    assert.equal(run.out, '');
    assert.equal(run.err, 'Fel: --as-of: 2023-02-30 finns inte i kalendern.');
  });

  it('refuses unknown formats, several formats without --out, and xlsx to stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['report', '--format', 'pdf'], /^Fel: Okänt format "pdf"; välj bland md, html, csv, xlsx\.$/],
      [['report', '--format', 'md,csv'], /^Fel: Flera format kräver --out <fil>/],
      [['report', '--format', 'xlsx'], /^Fel: Formatet xlsx kräver --out <fil>\.$/],
      [['report', '--as-of', '31/3'], /^Fel: --as-of: "31\/3" är inget datum/],
      [['report', 'extra'], /^Fel: Okänt argument "extra"/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      assert.equal(run.code, 1, argv.join(' '));
      assert.match(run.err, message);
      assert.ok(!run.err.includes('\n'), 'one line');
    }
  });

  it('writes nothing when the report cannot be written', async () => {
    const out = join(dir, 'saknas', 'rapport');
    const run = await cli(['report', '--format', 'md,html', '--out', out]);
    assert.equal(run.code, 1);
    assert.match(run.err, /^Fel: .*rapporten kan inte skrivas \(ENOENT\)\.$/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('writes one format to the file as named', async () => {
    const out = join(dir, 'styrelsen.txt');
    const run = await cli(['report', '--format', 'csv', '--out', out, '--as-of', '2026-03-31']);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(await readdir(dir), ['styrelsen.txt']);
    assert.ok((await readFile(out, 'utf8')).startsWith('\ufeffGranskning;'));
  });

  it('writes one format to the file as named even when its extension is another format’s', async () => {
    const out = join(dir, 'r2.md');
    const run = await cli(['report', '--format', 'html', '--out', out, '--as-of', '2026-03-31']);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, new RegExp(`^Skrev ${out}: 0 åtgärder i 0 granskningar, per 2026-03-31\\.$`));
    assert.deepEqual(await readdir(dir), ['r2.md']);
    assert.match(await readFile(out, 'utf8'), /^<!DOCTYPE html>/i);
  });

  it('writes into a directory given as --out, under the default name, and nothing beside it', async () => {
    const out = join(dir, 'styrelsen');
    await mkdir(out);
    const one = await cli(['report', '--out', out, '--as-of', '2026-03-31']);
    assert.equal(one.code, 0, one.err);
    const md = join(out, 'styrelserapport-2026-03-31.md');
    assert.match(one.out, new RegExp(`^Skrev ${md}: `));
    const several = await cli([
      'report',
      '--format',
      'csv,xlsx',
      '--out',
      `${out}/`,
      '--as-of',
      '2026-03-31',
    ]);
    assert.equal(several.code, 0, several.err);
    assert.deepEqual(await readdir(dir), ['styrelsen']);
    assert.deepEqual((await readdir(out)).sort(), [
      'styrelserapport-2026-03-31.csv',
      'styrelserapport-2026-03-31.md',
      'styrelserapport-2026-03-31.xlsx',
    ]);
  });
  it('shows each action’s latest note with who and when, in Swedish or with --lang en in English', async () => {
    await seed();
    const actions = new ActionRepository(tables.actions);
    const note = async (text: string, by: string, iso: string) => {
      const stored = await actions.getAction(tenantId, 3);
      await actions.updateAction(
        tenantId,
        addNote(stored.action, text, { by, now: new Date(iso) }),
        stored.etag,
      );
    };
    await note('Första mötet hållet', 'cli', '2026-03-01T09:00:00Z');
    // Bo's Entra object id (see seed): the report names him by e-mail; 23:30 UTC is already the next day here.
    await note(
      'Ledningsgruppen | har fått planen',
      '11111111-2222-3333-4444-555555555555',
      '2026-03-09T23:30:00Z',
    );

    const swedish = await cli(['report', '--as-of', '2026-03-31']);
    assert.equal(swedish.code, 0, swedish.err);
    assert.deepEqual(markdownTable(swedish.out, 'Senaste kommentarer'), [
      [
        'A-3',
        'Kommunstyrelsen',
        'Uppföljning i ledningsgruppen',
        '2026-03-10',
        'bo@kommun.se',
        'Ledningsgruppen \\| har fått planen',
      ],
    ]);

    const english = await cli(['report', '--as-of', '2026-03-31', '--lang', 'EN']);
    assert.equal(english.code, 0, english.err);
    assert.match(english.out, /^# Follow-up of audit reports\n\nAs of 2026-03-31\./);
    assert.deepEqual(
      markdownTable(english.out, 'Latest notes').map((row) => [row[0], row[3], row[4]]),
      [['A-3', '2026-03-10', 'bo@kommun.se']],
    );
    assert.deepEqual(
      markdownTable(english.out, 'Overdue actions').map((row) => [row[0], row[5]]),
      [
        ['A-5', '16 days'],
        ['A-2', '11 days'],
      ],
    );

    const refused = await cli(['report', '--lang', 'de']);
    assert.equal(refused.code, 1);
    assert.equal(refused.out, '');
    assert.match(refused.err, /Okänt språk "de"; välj sv eller en\./);
  });
});
