import assert from 'node:assert/strict';
import { recordVerdict } from '../../src/domain/verdicts';
import { AuditRepository } from '../../src/storage/auditRepository';
import { ConflictError, NotFoundError } from '../../src/storage/errors';
import { recommendationKey, ReferenceTakenError } from '../../src/storage/recommendationRows';
import { RecommendationRepository } from '../../src/storage/recommendationRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAudit } from '../helpers/audits';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const now = new Date('2026-03-02T09:00:00Z');

describe('RecommendationRepository (Azurite)', () => {
  let tables: Tables;
  let audits: AuditRepository;
  let recs: RecommendationRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    audits = new AuditRepository(tables.audits);
    recs = new RecommendationRepository(tables.audits);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('gives recommendations references R-1, R-2, ... at import, and finds each by its reference', async () => {
    await audits.createAudit(tenant, testAudit('a', 2));
    await audits.createAudit(tenant, testAudit('b', 1));
    const listed = await recs.listRecommendations(tenant);
    assert.deepEqual(
      listed.map((rec) => [rec.ref, rec.auditId, rec.recommendationId, rec.version, rec.latestVerdict]),
      [
        [1, 'a', 'R1', 0, null],
        [2, 'a', 'R2', 0, null],
        [3, 'b', 'R1', 0, null],
      ],
    );
    const { recommendation } = await recs.getRecommendation(tenant, 3);
    assert.equal(recommendation.text, 'Rekommendation 1 i b');
    await assert.rejects(recs.getRecommendation(tenant, 4), NotFoundError);
    assert.deepEqual(
      (await recs.listRecommendations(tenant, { auditId: 'a' })).map((rec) => rec.ref),
      [1, 2],
    );
  });

  it('keeps a requested reference when it is free, and never hands it out again', async () => {
    await audits.createAudit(tenant, testAudit('a', 3), { refs: [null, 12, 2] });
    await audits.createAudit(tenant, testAudit('b', 1));
    const refs = (await recs.listRecommendations(tenant)).map((rec) => `${rec.auditId}:${rec.ref}`);
    assert.deepEqual(refs, ['a:1', 'a:12', 'a:2', 'b:13']);
  });

  it('refuses a requested reference another recommendation holds, and writes nothing', async () => {
    await audits.createAudit(tenant, testAudit('a', 1), { refs: [7] });
    await assert.rejects(
      audits.createAudit(tenant, testAudit('b', 2), { refs: [null, 7] }),
      (error: unknown) => {
        assert.ok(error instanceof ReferenceTakenError);
        assert.equal(error.ref, 7);
        assert.match(error.message, /R-7 är redan given/);
        return true;
      },
    );
    await assert.rejects(audits.getAudit(tenant, 'b'), NotFoundError);
    assert.deepEqual(
      (await recs.listRecommendations(tenant)).map((rec) => rec.ref),
      [7],
    );
  });

  it('keeps references unique when ten audits are imported at once', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => audits.createAudit(tenant, testAudit(`x${i}`, 3))),
    );
    const refs = (await recs.listRecommendations(tenant)).map((rec) => rec.ref).sort((a, b) => a - b);
    assert.deepEqual(
      refs,
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });

  it('stores verdicts with the ETag it read: a stale write is refused and writes nothing', async () => {
    await audits.createAudit(tenant, testAudit('a', 1));
    const stored = await recs.getRecommendation(tenant, 1);
    const first = recordVerdict(
      stored.recommendation,
      { verdict: 'Delvis åtgärdad', date: '2026-03-02' },
      {
        by: 'revisor',
        now,
      },
    );
    await recs.saveVerdicts(tenant, first.recommendation, [first.event], stored.etag);
    const again = recordVerdict(
      stored.recommendation,
      { verdict: 'Åtgärdad', date: '2026-03-02' },
      {
        by: 'revisor',
        now,
      },
    );
    await assert.rejects(
      recs.saveVerdicts(tenant, again.recommendation, [again.event], stored.etag),
      ConflictError,
    );
    const verdicts = await recs.listVerdicts(tenant, { ref: 1 });
    assert.deepEqual(
      verdicts.map((v) => [v.seq, v.verdict]),
      [[1, 'Delvis åtgärdad']],
    );
    const now1 = await recs.getRecommendation(tenant, 1);
    assert.equal(now1.recommendation.version, 1);
    assert.equal(now1.recommendation.latestVerdict, 'Delvis åtgärdad');
  });

  it('undoing an import deletes the recommendations with their references and verdicts', async () => {
    const a = await audits.createAudit(tenant, testAudit('a', 2));
    const stored = await recs.getRecommendation(tenant, 2);
    const change = recordVerdict(
      stored.recommendation,
      { verdict: 'Ej åtgärdad', date: '2024-01-01' },
      {
        by: 'revisor@kommun.se',
        now,
      },
    );
    await recs.saveVerdicts(tenant, change.recommendation, [change.event], stored.etag);
    await audits.deleteAudit(tenant, a);
    await assert.rejects(recs.getRecommendation(tenant, 2), NotFoundError);
    assert.deepEqual(await recs.listVerdicts(tenant), []);
    assert.deepEqual(await recs.listRecommendations(tenant), []);
  });

  describe('data stored before references existed', () => {
    /** Writes an audit and its recommendations exactly as the repository wrote them before references. */
    async function storeOldWay(id: string, reportDate: string, count: number): Promise<void> {
      const partitionKey = tenant;
      await tables.audits.createEntity({
        partitionKey,
        rowKey: `audit|${id}`,
        id,
        title: `Granskning ${id}`,
        auditor: 'EY',
        reportDate,
        diaryNumber: '',
        committees: '["Socialnämnden"]',
        responseDue: '[]',
        boardFeedback: '[]',
      });
      for (let i = 0; i < count; i++) {
        await tables.audits.createEntity({
          partitionKey,
          rowKey: recommendationKey(id, i),
          auditId: id,
          id: `R${i + 1}`,
          position: i,
          text: `Rekommendation ${i + 1} i ${id}`,
          committees: '["Socialnämnden"]',
        });
      }
    }

    it('gives them references once, oldest audit first, even with two processes at once', async () => {
      await storeOldWay('ny', '2025-01-01', 30);
      await storeOldWay('gammal', '2021-06-01', 40);
      const processA = new RecommendationRepository(tables.audits);
      const processB = new RecommendationRepository(tables.audits);
      await Promise.all([processA.ensureRefs(tenant), processB.ensureRefs(tenant)]);

      const listed = await new RecommendationRepository(tables.audits).listRecommendations(tenant);
      assert.equal(listed.length, 70);
      assert.deepEqual(
        listed.map((rec) => rec.ref).sort((a, b) => a - b),
        Array.from({ length: 70 }, (_, i) => i + 1),
      );
      const gammal = listed.filter((rec) => rec.auditId === 'gammal').map((rec) => rec.ref);
      assert.deepEqual(
        gammal,
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      assert.equal((await processB.getRecommendation(tenant, 41)).recommendation.recommendationId, 'R1');

      // Idempotent: running it again, in a new process, changes nothing; a new import continues after them.
      await new RecommendationRepository(tables.audits).ensureRefs(tenant);
      await audits.createAudit(tenant, testAudit('senare', 1));
      const after = await recs.listRecommendations(tenant);
      assert.equal(after.length, 71);
      assert.equal(after.find((rec) => rec.auditId === 'senare')?.ref, 71);
      assert.equal((await audits.getAudit(tenant, 'gammal')).recommendations.length, 40);
    });

    it('numbers a row an old process writes after the migration when it is first listed', async () => {
      await audits.createAudit(tenant, testAudit('a', 1));
      await recs.listRecommendations(tenant);
      await storeOldWay('sen', '2026-01-01', 1);
      const listed = await recs.listRecommendations(tenant);
      assert.deepEqual(
        listed.map((rec) => `${rec.auditId}:${rec.ref}`),
        ['a:1', 'sen:2'],
      );
    });
  });
});
