import assert from 'node:assert/strict';
import { join } from 'node:path';
import { liveEvidence } from '../../src/domain/evidence';
import { ActionRepository } from '../../src/storage/actionRepository';
import { AuditRepository } from '../../src/storage/auditRepository';
import { openTables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';

const DEMO = join(__dirname, '..', '..', 'demo', 'demo-audits.yaml');

describe('cli import of the demo data (demo/demo-audits.yaml)', () => {
  it('imports with its references, earlier verdicts and evidence, and a second import changes nothing', async () => {
    const connectionString = (await testAzurite()).connectionString;
    const tenantId = newTenantId();
    const first = await runCliForTest(['import', DEMO], { connectionString, tenantId });
    assert.equal(first.code, 0, first.err);
    const recommendations = new AuditRepository((await openTables(connectionString)).audits).recommendations;
    const listed = await recommendations.listRecommendations(tenantId);
    assert.deepEqual(
      listed.map((rec) => rec.ref).sort((a, b) => a - b),
      Array.from({ length: listed.length }, (_, i) => i + 1),
    );
    const withVerdicts = listed
      .filter((rec) => rec.latestVerdict !== null)
      .map((rec) => [rec.ref, rec.latestVerdict]);
    assert.deepEqual(
      withVerdicts.sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [1, 'Delvis åtgärdad'],
        [2, 'Delvis åtgärdad'],
        [12, 'Åtgärdad'],
      ],
    );
    const verdicts = (await recommendations.listVerdicts(tenantId)).length;
    const actions = new ActionRepository((await openTables(connectionString)).actions);
    const evidenceEvents = async () =>
      (await actions.listTenantHistory(tenantId)).filter((event) => event.kind === 'evidence').length;
    // A few actions carry links to the municipalities' protocol pages.
    assert.equal(await evidenceEvents(), 4);
    const first1 = liveEvidence(await actions.listHistory(tenantId, 1)).map((item) => item.evidence);
    assert.deepEqual(
      first1.map((e) => e.kind === 'link' && e.url.startsWith('https://www.boras.se/')),
      [true],
    );

    const second = await runCliForTest(['import', DEMO], { connectionString, tenantId });
    assert.equal(second.code, 0, second.err);
    assert.equal((await recommendations.listVerdicts(tenantId)).length, verdicts);
    assert.equal(await evidenceEvents(), 4, 'evidence is not attached twice');
    const review = await runCliForTest(['review', listed.find((rec) => rec.ref === 1)?.auditId ?? ''], {
      connectionString,
      tenantId,
    });
    assert.equal(review.code, 0, review.err);
    assert.match(review.out, /## R-1 Kommunstyrelsen behöver stärka/);
    assert.match(review.out, /https:\/\/www\.boras\.se\/kommunochpolitik/);
  });
});
