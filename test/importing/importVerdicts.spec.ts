import assert from 'node:assert/strict';
import { ImportError } from '../../src/importing/errors';
import { saveImport } from '../../src/importing/importService';
import { parseImportFile } from '../../src/importing/structured';
import { ActionRepository } from '../../src/storage/actionRepository';
import { AuditRepository } from '../../src/storage/auditRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const SN = 'Socialnämnden';
const now = new Date('2026-03-02T09:00:00Z');

/** A file of one audit whose two recommendations carry references and earlier verdicts as `extra` says. */
function file(extra: { refs?: (string | null)[]; verdicts?: unknown[][]; diary?: string } = {}): string {
  const recommendation = (i: number) => ({
    text: `Rekommendation ${i + 1}`,
    committees: [SN],
    actions: [{ text: `Åtgärd ${i + 1}`, committee: SN, due: '2024-06-30' }],
    ...(extra.refs?.[i] ? { ref: extra.refs[i] } : {}),
    ...(extra.verdicts?.[i] ? { verdicts: extra.verdicts[i] } : {}),
  });
  return JSON.stringify({
    audits: [
      {
        title: 'Granskning av intern kontroll',
        auditor: 'EY',
        reportDate: '2023-01-15',
        diaryNumber: extra.diary ?? 'SN 2023-00012',
        committees: [SN],
        recommendations: [recommendation(0), recommendation(1)],
      },
    ],
  });
}

const VERDICTS = [
  { verdict: 'Ej åtgärdad', date: '2023-03-01', by: 'Revisor@Kommun.se', comment: 'Ingen rutin ännu.' },
  { verdict: 'delvis åtgärdad', date: '2024-03-01', by: 'revisor@kommun.se' },
];

describe('import: recommendation references and earlier verdicts (Azurite)', () => {
  let tables: Tables;
  let tenant: string;
  let deps: { audits: AuditRepository; actions: ActionRepository };

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    deps = { audits: new AuditRepository(tables.audits), actions: new ActionRepository(tables.actions) };
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  const run = (text: string) =>
    saveImport(tenant, parseImportFile('uppfoljning.json', text), deps, {
      by: 'import:uppfoljning.json',
      now,
    });

  it('keeps a free reference, numbers the rest, stores the verdicts; the same file again changes nothing', async () => {
    const text = file({ refs: ['R-12', null], verdicts: [VERDICTS] });
    const first = await run(text);
    assert.deepEqual(first.audits[0]?.recommendations, [
      { ref: 'R-12', text: 'Rekommendation 1', verdictsAdded: 2, refNotKept: null },
      { ref: 'R-1', text: 'Rekommendation 2', verdictsAdded: 0, refNotKept: null },
    ]);
    const recs = deps.audits.recommendations;
    const stored = (await recs.getRecommendation(tenant, 12)).recommendation;
    assert.equal(stored.version, 2);
    assert.equal(stored.latestVerdict, 'Delvis åtgärdad');
    assert.equal(stored.latestVerdictDate, '2024-03-01');
    const verdicts = await recs.listVerdicts(tenant, { ref: 12 });
    assert.deepEqual(
      verdicts.map((v) => [v.seq, v.verdict, v.date, v.at, v.by, v.comment]),
      [
        [
          1,
          'Ej åtgärdad',
          '2023-03-01',
          '2023-03-01T00:00:00.000Z',
          'revisor@kommun.se',
          'Ingen rutin ännu.',
        ],
        [2, 'Delvis åtgärdad', '2024-03-01', '2024-03-01T00:00:00.000Z', 'revisor@kommun.se', null],
      ],
    );

    const second = await run(text);
    assert.deepEqual(
      second.audits[0]?.recommendations.map((r) => [r.ref, r.verdictsAdded]),
      [
        ['R-12', 0],
        ['R-1', 0],
      ],
    );
    assert.equal(
      second.audits[0]?.actions.every((a) => !a.created),
      true,
    );
    assert.equal((await recs.listVerdicts(tenant)).length, 2);
    assert.equal((await recs.getRecommendation(tenant, 12)).recommendation.version, 2);
  });

  it('adds only the verdicts a stored recommendation lacks', async () => {
    await run(file({ verdicts: [[VERDICTS[0]]] }));
    const result = await run(file({ verdicts: [VERDICTS] }));
    assert.equal(result.audits[0]?.recommendations[0]?.verdictsAdded, 1);
    assert.deepEqual(
      (await deps.audits.recommendations.listVerdicts(tenant, { ref: 1 })).map((v) => v.verdict),
      ['Ej åtgärdad', 'Delvis åtgärdad'],
    );
  });

  it('gives the next free reference when another recommendation holds the one asked for, and says so', async () => {
    await run(file({ refs: ['R-5', null] }));
    const other = file({ refs: ['R-5', null], diary: 'SN 2024-00001' });
    const result = await run(other);
    assert.deepEqual(
      result.audits[0]?.recommendations.map((r) => [r.ref, r.refNotKept]),
      [
        ['R-6', { asked: 'R-5', because: 'taken' }],
        ['R-7', null],
      ],
    );
    assert.equal((await deps.audits.listAudits(tenant)).length, 2);
    assert.equal(
      (await deps.audits.recommendations.getRecommendation(tenant, 5)).recommendation.text,
      'Rekommendation 1',
    );
    const again = await run(other);
    assert.deepEqual(
      again.audits[0]?.recommendations.map((r) => [r.ref, r.refNotKept]),
      [
        ['R-6', { asked: 'R-5', because: 'stored' }],
        ['R-7', null],
      ],
      'the same file again changes nothing',
    );
    assert.equal((await deps.actions.listActions(tenant)).length, 4);
  });

  it('keeps a stored recommendation’s reference when the file gives another, and says so', async () => {
    await run(file({ refs: ['R-5', null] }));
    const result = await run(file({ refs: ['R-6', null] }));
    assert.deepEqual(result.audits[0]?.recommendations[0]?.refNotKept, { asked: 'R-6', because: 'stored' });
    assert.equal(result.audits[0]?.recommendations[0]?.ref, 'R-5');
    await assert.rejects(deps.audits.recommendations.getRecommendation(tenant, 6));
  });

  describe('the file format', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        'an unknown verdict',
        { verdicts: [{ verdict: 'Klar', date: '2023-03-01', by: 'a@b.se' }] },
        /okänd bedömning "Klar"/,
      ],
      [
        'a verdict without date',
        { verdicts: [{ verdict: 'Åtgärdad', by: 'a@b.se' }] },
        /verdicts\[0\]\.date/,
      ],
      [
        'a misspelt field',
        { verdicts: [{ verdict: 'Åtgärdad', date: '2023-03-01', by: 'a@b.se', kommentar: 'x' }] },
        /okänt fält "kommentar"/,
      ],
      ['a reference that is an action reference', { ref: 'A-12' }, /"A-12" är ingen rekommendationsreferens/],
      [
        'a comment over 2000 characters',
        { verdicts: [{ verdict: 'Åtgärdad', date: '2023-03-01', by: 'a@b.se', comment: 'x'.repeat(2001) }] },
        /högst 2000 tecken/,
      ],
    ];
    for (const [name, extra, message] of cases) {
      it(`refuses ${name}, naming the place`, () => {
        const data = JSON.parse(file()) as { audits: { recommendations: Record<string, unknown>[] }[] };
        Object.assign(data.audits[0]?.recommendations[0] ?? {}, extra);
        assert.throws(
          () => parseImportFile('f.json', JSON.stringify(data, null, 2)),
          (error: unknown) => error instanceof ImportError && message.test(error.message),
        );
      });
    }

    it('refuses two recommendations asking for the same reference', () => {
      assert.throws(
        () => parseImportFile('f.json', file({ refs: ['R-3', 'r3'] })),
        (error: unknown) =>
          error instanceof ImportError &&
          /recommendations\[1\]\.ref: R-3 står redan vid audits\[0\]\.recommendations\[0\]/.test(
            error.message,
          ),
      );
    });

    it('reads the verdicts by their Swedish names in any case, and "r 7" as R-7', () => {
      const parsed = parseImportFile('f.json', file({ refs: ['r 7', null], verdicts: [VERDICTS] }));
      const rec = parsed.audits[0]?.recommendations[0];
      assert.equal(rec?.ref, 7);
      assert.deepEqual(
        rec?.verdicts?.map((v) => [v.verdict, v.by]),
        [
          ['Ej åtgärdad', 'revisor@kommun.se'],
          ['Delvis åtgärdad', 'revisor@kommun.se'],
        ],
      );
    });
  });
});
