import assert from 'node:assert/strict';
import { changeStatus } from '../../src/domain/actions';
import { DomainError } from '../../src/domain/errors';
import { fileEvidence, linkEvidence } from '../../src/domain/evidence';
import type { Audit } from '../../src/domain/types';
import { ActionRepository } from '../../src/storage/actionRepository';
import { AuditRepository } from '../../src/storage/auditRepository';
import { NotFoundError } from '../../src/storage/errors';
import {
  addNote,
  attachEvidence,
  getRecommendationByRef,
  listEvidence,
  listToReview,
  recordVerdict,
  removeEvidence,
  type FollowUpDeps,
} from '../../src/storage/followUp';
import { openTables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const SN = 'Socialnämnden';
const context = { by: 'aad-anna', now: new Date('2026-03-02T09:00:00Z') };
const later = { by: 'aad-revisor', now: new Date('2026-03-05T09:00:00Z') };
const yes = () => true;

const AUDIT: Audit = {
  id: 'g1',
  title: 'Granskning av intern kontroll',
  auditor: 'EY',
  reportDate: '2025-01-15',
  diaryNumber: 'SN 2025-00012',
  committees: [SN],
  responseDue: [],
  boardFeedback: [],
  recommendations: [
    { id: 'R1', text: 'Inför en rutin', committees: [SN] },
    { id: 'R2', text: 'Utbilda personalen', committees: [SN] },
  ],
};

describe('follow-up services: notes, evidence, verdicts (Azurite)', () => {
  let deps: FollowUpDeps;
  let tenant: string;

  before(async () => {
    const tables = await openTables((await testAzurite()).connectionString);
    deps = { audits: new AuditRepository(tables.audits), actions: new ActionRepository(tables.actions) };
  });

  beforeEach(async () => {
    tenant = newTenantId();
    await deps.audits.createAudit(tenant, AUDIT);
    await deps.actions.createActions(
      tenant,
      ['R1', 'R1', 'R2'].map((recommendationId, i) => ({
        auditId: 'g1',
        recommendationId,
        text: `Åtgärd ${i + 1}`,
        committee: SN,
        ownerEmail: 'anna@kommun.se',
        deadline: { date: '2026-06-30', phrase: '2026-06-30' },
      })),
      context,
    );
  });

  it('stores a note with the version bump; the status stays and the note is the latest comment', async () => {
    const outcome = await addNote(
      deps,
      tenant,
      { ref: 1, text: 'Utkast klart', expectedVersion: 1 },
      context,
      yes,
    );
    assert.equal(outcome.kind, 'saved');
    const { action } = await deps.actions.getAction(tenant, 1);
    assert.deepEqual([action.status, action.lastComment, action.version], ['Planerad', 'Utkast klart', 2]);
    const history = await deps.actions.listHistory(tenant, 1);
    assert.deepEqual(
      history.map((e) => [e.kind, e.comment]),
      [
        ['created', null],
        ['note', 'Utkast klart'],
      ],
    );
    assert.equal((await deps.actions.listOpenActions(tenant))[0]?.lastComment, 'Utkast klart');
  });

  it('writes nothing for a stale card or a caller who may not', async () => {
    const stale = await addNote(deps, tenant, { ref: 1, text: 'x', expectedVersion: 7 }, context, yes);
    assert.equal(stale.kind, 'stale');
    const refused = await attachEvidence(
      deps,
      tenant,
      { ref: 1, evidence: linkEvidence('https://kommun.se/a'), expectedVersion: null },
      context,
      (action) => action.ownerEmail === 'someone.else@kommun.se',
    );
    assert.equal(refused.kind, 'notAllowed');
    assert.equal((await deps.actions.getAction(tenant, 1)).action.version, 1);
    assert.equal((await deps.actions.listHistory(tenant, 1)).length, 1);
  });

  it('a javascript: link is refused before anything is stored', async () => {
    await assert.rejects(
      async () =>
        attachEvidence(
          deps,
          tenant,
          { ref: 1, evidence: linkEvidence('javascript:alert(1)'), expectedVersion: null },
          context,
          yes,
        ),
      DomainError,
    );
    assert.equal((await deps.actions.listHistory(tenant, 1)).length, 1);
  });

  it('attaches links and files, reads them back, and removes one as an event', async () => {
    const file = fileEvidence({
      name: 'Rutin.docx',
      contentUrl: 'https://kommun-my.sharepoint.com/personal/anna/Rutin.docx',
      uniqueId: 'abc-123',
    });
    const link = linkEvidence('https://kommun.se/protokoll.pdf', 'Protokoll');
    await attachEvidence(deps, tenant, { ref: 1, evidence: link, expectedVersion: 1 }, context, yes);
    await attachEvidence(deps, tenant, { ref: 1, evidence: file, expectedVersion: 2 }, context, yes);
    assert.deepEqual(
      (await listEvidence(deps, tenant, 1)).map((item) => [item.seq, item.evidence, item.by]),
      [
        [2, link, 'aad-anna'],
        [3, file, 'aad-anna'],
      ],
    );
    const removed = await removeEvidence(deps, tenant, { ref: 1, item: 2, expectedVersion: 3 }, context, yes);
    assert.equal(removed.kind, 'saved');
    assert.deepEqual(
      (await listEvidence(deps, tenant, 1)).map((item) => item.seq),
      [3],
    );
    const history = await deps.actions.listHistory(tenant, 1);
    assert.deepEqual(
      history.map((e) => e.kind),
      ['created', 'evidence', 'evidence', 'evidenceRemoved'],
    );
    assert.deepEqual(history[3]?.evidence, link);
    assert.equal(history[3]?.removes, 2);
  });

  it('of two attaches to one version at once, one is saved and the other is a conflict', async () => {
    const attach = (n: number) =>
      attachEvidence(
        deps,
        tenant,
        { ref: 1, evidence: linkEvidence(`https://kommun.se/${n}`), expectedVersion: 1 },
        context,
        yes,
      );
    const outcomes = await Promise.all([attach(1), attach(2)]);
    assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['conflict', 'saved']);
    assert.equal((await listEvidence(deps, tenant, 1)).length, 1);
  });

  it('records a verdict without touching any action; stale and refused verdicts write nothing', async () => {
    const before = await deps.actions.listActions(tenant);
    const request = {
      ref: 1,
      verdict: 'Delvis åtgärdad' as const,
      comment: 'Rutinen saknas',
      date: '2026-03-05',
    };
    const refused = await recordVerdict(deps, tenant, { ...request, expectedVersion: 0 }, later, () => false);
    assert.equal(refused.kind, 'notAllowed');
    const stale = await recordVerdict(deps, tenant, { ...request, expectedVersion: 3 }, later, yes);
    assert.equal(stale.kind, 'stale');
    const saved = await recordVerdict(deps, tenant, { ...request, expectedVersion: 0 }, later, yes);
    assert.equal(saved.kind, 'saved');
    assert.deepEqual(
      [saved.current.version, saved.current.latestVerdict, saved.current.latestVerdictDate],
      [1, 'Delvis åtgärdad', '2026-03-05'],
    );
    assert.deepEqual(await deps.actions.listActions(tenant), before);
    const again = await recordVerdict(deps, tenant, { ...request, expectedVersion: 0 }, later, yes);
    assert.equal(again.kind, 'stale');
    assert.equal((await deps.audits.recommendations.listVerdicts(tenant)).length, 1);
    await assert.rejects(
      recordVerdict(deps, tenant, { ...request, ref: 99, expectedVersion: null }, later, yes),
      NotFoundError,
    );
  });

  it('shows one recommendation with its actions, evidence and verdicts', async () => {
    await attachEvidence(
      deps,
      tenant,
      { ref: 2, evidence: linkEvidence('https://kommun.se/x'), expectedVersion: null },
      context,
      yes,
    );
    await recordVerdict(
      deps,
      tenant,
      { ref: 1, verdict: 'Ej åtgärdad', comment: null, date: '2026-03-05', expectedVersion: null },
      later,
      yes,
    );
    const view = await getRecommendationByRef(deps, tenant, 1);
    assert.equal(view.audit.title, AUDIT.title);
    assert.equal(view.recommendation.text, 'Inför en rutin');
    assert.deepEqual(
      view.actions.map((a) => [a.action.ref, a.evidence.length, a.history.length]),
      [
        [1, 0, 1],
        [2, 1, 2],
      ],
    );
    assert.deepEqual(
      view.verdicts.map((v) => v.verdict),
      ['Ej åtgärdad'],
    );
  });

  it('lists what waits for review: all actions closed and no verdict, or changed since the verdict', async () => {
    const close = async (ref: number) => {
      const stored = await deps.actions.getAction(tenant, ref);
      await deps.actions.updateAction(
        tenant,
        changeStatus(stored.action, { to: 'Genomförd', comment: null }, context),
        stored.etag,
      );
    };
    assert.deepEqual(await listToReview(deps, tenant), []);
    await close(1);
    await close(2);
    assert.deepEqual(
      (await listToReview(deps, tenant)).map((item) => [item.recommendation.ref, item.reason]),
      [[1, 'ready']],
    );
    await recordVerdict(
      deps,
      tenant,
      { ref: 1, verdict: 'Åtgärdad', comment: null, date: '2026-03-05', expectedVersion: null },
      later,
      yes,
    );
    assert.deepEqual(await listToReview(deps, tenant), []);
    await addNote(
      deps,
      tenant,
      { ref: 2, text: 'Uppföljning gjord', expectedVersion: null },
      { by: 'aad-anna', now: new Date('2026-03-06T09:00:00Z') },
      yes,
    );
    assert.deepEqual(
      (await listToReview(deps, tenant)).map((item) => [item.recommendation.ref, item.reason]),
      [[1, 'changedSinceVerdict']],
    );
    assert.deepEqual(await listToReview(deps, tenant, { committees: ['Kommunstyrelsen'] }), []);
  });
});
