/**
 * The audit cache of action cards, over a real AuditRepository on Azurite: what it reads, and when it reads again.
 * The repository is wrapped only to count its calls.
 */
import assert from 'node:assert/strict';
import { AuditCards, type AuditSource } from '../../src/bot/auditCards';
import type { Audit } from '../../src/domain/types';
import { AuditRepository, openTables, StorageError } from '../../src/storage';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

function audit(id: string, title: string, recommendations: number): Audit {
  return {
    id,
    title,
    auditor: 'Stadsrevisionen',
    reportDate: '2026-01-15',
    diaryNumber: `KS ${id}`,
    committees: ['Kommunstyrelsen'],
    responseDue: [],
    boardFeedback: [],
    recommendations: Array.from({ length: recommendations }, (_, i) => ({
      id: `R${i + 1}`,
      text: `Rekommendation ${i + 1} i ${title}`,
      committees: ['Kommunstyrelsen'],
    })),
  };
}

describe('AuditCards (Azurite)', () => {
  let repo: AuditRepository;
  let tenant: string;
  let calls: string[];
  let failNext: boolean;
  let clock: number;
  let cards: AuditCards;

  before(async () => {
    repo = new AuditRepository((await openTables((await testAzurite()).connectionString)).audits);
  });

  beforeEach(async () => {
    tenant = newTenantId();
    calls = [];
    failNext = false;
    clock = 0;
    const counting: AuditSource = {
      listAudits: async (tenantId) => {
        calls.push('listAudits');
        if (failNext) {
          failNext = false;
          throw new StorageError('Lagringen svarar inte.', { code: 'Unavailable' });
        }
        return repo.listAudits(tenantId);
      },
      getAudit: async (tenantId, id) => {
        calls.push(`getAudit ${id}`);
        return repo.getAudit(tenantId, id);
      },
    };
    cards = new AuditCards(counting, () => clock);
    await repo.createAudit(tenant, audit('a1', 'Barnkonventionen', 2));
    await repo.createAudit(tenant, audit('a2', 'Upphandling', 1));
  });

  it('reads the tenant’s audits once, then answers every card from memory', async () => {
    assert.equal(
      (await cards.find(tenant, { auditId: 'a1', recommendationId: 'R2' }))?.title,
      'Barnkonventionen',
    );
    assert.equal((await cards.find(tenant, { auditId: 'a2', recommendationId: 'R1' }))?.title, 'Upphandling');
    assert.equal(
      (await cards.find(tenant, { auditId: 'a1', recommendationId: 'R1' }))?.title,
      'Barnkonventionen',
    );
    assert.deepEqual(calls, ['listAudits']);
  });

  it('reads an audit imported since, and a recommendation appended since, on its own', async () => {
    await cards.find(tenant, { auditId: 'a1', recommendationId: 'R1' });
    await repo.createAudit(tenant, audit('a3', 'Nytt', 1));
    const a2 = await repo.getAudit(tenant, 'a2');
    await repo.addRecommendations(tenant, a2, [
      { id: 'R2', text: 'Tillagd', committees: ['Kommunstyrelsen'] },
    ]);
    assert.equal((await cards.find(tenant, { auditId: 'a3', recommendationId: 'R1' }))?.title, 'Nytt');
    const again = await cards.find(tenant, { auditId: 'a2', recommendationId: 'R2' });
    assert.equal(again?.recommendations.find((rec) => rec.id === 'R2')?.text, 'Tillagd');
    assert.deepEqual(calls, ['listAudits', 'getAudit a3', 'getAudit a2']);
    await cards.find(tenant, { auditId: 'a3', recommendationId: 'R1' });
    assert.equal(calls.length, 3, 'kept once read');
  });

  it('answers an audit that is gone with null, and keeps tenants apart', async () => {
    assert.equal(await cards.find(tenant, { auditId: 'gone', recommendationId: 'R1' }), null);
    assert.equal(await cards.find(newTenantId(), { auditId: 'a1', recommendationId: 'R1' }), null);
  });

  it('reads the tenant again after 15 minutes, and does not keep a failed read', async () => {
    failNext = true;
    await assert.rejects(cards.find(tenant, { auditId: 'a1', recommendationId: 'R1' }), StorageError);
    await cards.find(tenant, { auditId: 'a1', recommendationId: 'R1' });
    clock += 14 * 60 * 1000;
    await cards.find(tenant, { auditId: 'a1', recommendationId: 'R1' });
    assert.deepEqual(calls, ['listAudits', 'listAudits']);
    clock += 2 * 60 * 1000;
    await cards.find(tenant, { auditId: 'a1', recommendationId: 'R1' });
    assert.deepEqual(calls, ['listAudits', 'listAudits', 'listAudits']);
  });
});
