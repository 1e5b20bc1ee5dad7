import assert from 'node:assert/strict';
import { changeStatus } from '../../src/domain/actions';
import type { Status } from '../../src/domain/types';
import { recordVerdict } from '../../src/domain/verdicts';
import { ActionRepository, type ActionDraft, type StoredAction } from '../../src/storage/actionRepository';
import { AuditRepository, MAX_RECOMMENDATIONS } from '../../src/storage/auditRepository';
import { CHANGE_MARKER_KEY, ChangeMarkers } from '../../src/storage/changeMarker';
import { padNumber, tenantKey } from '../../src/storage/keys';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAudit } from '../helpers/audits';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const now = new Date('2026-03-02T09:00:00Z');

/** The one action most of these tests write, in audit `a`. */
const ROUTINE: ActionDraft = {
  auditId: 'a',
  recommendationId: 'R1',
  text: 'Rutin tas fram',
  committee: 'Socialnämnden',
  ownerEmail: 'anna.andersson@kommun.se',
  deadline: { date: '2026-03-31', phrase: 'senast i mars 2026' },
};

/*
 * Every write that changes what the dashboard shows moves the tenant's change marker, in the same transaction;
 * the marker is read by another set of clients than the one that wrote (as another server instance would).
 */
describe('change marker (Azurite)', () => {
  let tables: Tables;
  let markers: ChangeMarkers;
  let actions: ActionRepository;
  let audits: AuditRepository;
  let tenant: string;

  before(async () => {
    const { connectionString } = await testAzurite();
    tables = await openTables(connectionString);
    markers = new ChangeMarkers(await openTables(connectionString));
    actions = new ActionRepository(tables.actions);
    audits = new AuditRepository(tables.audits);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  /** Runs `write` and asserts that the marker moved. */
  async function moves(what: string, write: () => Promise<unknown>): Promise<void> {
    const before = await markers.getChangeMarker(tenant);
    await write();
    assert.notEqual(await markers.getChangeMarker(tenant), before, `${what} did not move the marker`);
  }

  it('is the same string while nothing is written, for a tenant never written too', async () => {
    assert.equal(await markers.getChangeMarker(tenant), '-/-');
    await audits.createAudit(tenant, testAudit('a', 1));
    const first = await markers.getChangeMarker(tenant);
    assert.equal(await markers.getChangeMarker(tenant), first);
    await audits.listAudits(tenant);
    await actions.listActions(tenant);
    assert.equal(await markers.getChangeMarker(tenant), first, 'a read moved the marker');
  });

  it('moves with every write of audits, recommendations, verdicts, actions and their history', async () => {
    const stored = testAudit('a', 2);
    await moves('createAudit', () => audits.createAudit(tenant, stored));
    await moves('addRecommendations', () =>
      audits.addRecommendations(tenant, stored, [
        { id: 'R3', text: 'Ny rekommendation', committees: ['Socialnämnden'] },
      ]),
    );
    await moves('createActions', () => actions.createActions(tenant, [ROUTINE], { by: 'cli', now }));
    await moves('updateAction', async () => {
      const read = await actions.getAction(tenant, 1);
      await actions.updateAction(
        tenant,
        changeStatus(read.action, { to: 'Pågår' }, { by: 'cli', now }),
        read.etag,
      );
    });
    await moves('saveVerdicts', judgeR1);
    const withThird = {
      ...stored,
      recommendations: [...stored.recommendations, { id: 'R3', text: 'x', committees: [] }],
    };
    await moves('removeRecommendations', () => audits.removeRecommendations(tenant, withThird, 1));
    await moves('deleteAudit', () => audits.deleteAudit(tenant, stored));
  });

  it('fits in the largest transactions: an audit of MAX_RECOMMENDATIONS recommendations, 24 actions at once', async () => {
    await moves('createAudit (largest)', () =>
      audits.createAudit(tenant, testAudit('stor', MAX_RECOMMENDATIONS)),
    );
    const listed = await audits.recommendations.listRecommendations(tenant);
    assert.equal(listed.length, MAX_RECOMMENDATIONS);
    await moves('createActions (two full transactions and one more)', () =>
      actions.createActions(
        tenant,
        Array.from({ length: 49 }, (_, i) => ({
          auditId: 'stor',
          recommendationId: 'R1',
          text: `Åtgärd ${i + 1}`,
          committee: 'Socialnämnden',
          ownerEmail: 'anna.andersson@kommun.se',
          deadline: { date: '2026-03-31', phrase: 'senast i mars 2026' },
        })),
        { by: 'cli', now },
      ),
    );
    assert.equal((await actions.listActions(tenant)).length, 49);
  });

  /** The auditors judge R-1 Åtgärdad. */
  async function judgeR1(): Promise<void> {
    const read = await audits.recommendations.getRecommendation(tenant, 1);
    const change = recordVerdict(
      read.recommendation,
      { verdict: 'Åtgärdad', date: '2026-03-02', comment: null },
      { by: 'revisor@kommun.se', now },
    );
    await audits.recommendations.saveVerdicts(tenant, change.recommendation, [change.event], read.etag);
  }

  /** Starts A-1 (Pågår); the action as it was read before. */
  async function startAction(): Promise<StoredAction> {
    const read = await actions.getAction(tenant, 1);
    await actions.updateAction(
      tenant,
      changeStatus(read.action, { to: 'Pågår' }, { by: 'cli', now }),
      read.etag,
    );
    return read;
  }

  /** Asserts that changing the action `read` to `to` is refused with the error `name`, and the marker stays put. */
  async function refusedInPlace(read: StoredAction, to: Status, name: string): Promise<void> {
    const before = await markers.getChangeMarker(tenant);
    await assert.rejects(
      actions.updateAction(tenant, changeStatus(read.action, { to }, { by: 'cli', now }), read.etag),
      { name },
    );
    assert.equal(await markers.getChangeMarker(tenant), before);
  }

  it('stays put when a write is refused (the marker is part of the transaction)', async () => {
    await actions.createActions(tenant, [ROUTINE], { by: 'cli', now });
    const read = await startAction();
    // The same change again with the old ETag: refused, nothing written, the marker where it was.
    await refusedInPlace(read, 'Genomförd', 'ConflictError');
  });

  /*
   * The frequent changes (a status, a note, a verdict) rewrite the marker and an open action's index copy with an
   * update, expecting them to exist; data written before there was a marker, or a copy lost by hand, must not make
   * those changes fail (transactions.ts, submitExpectingRows).
   */
  describe('rows a change expects', () => {
    beforeEach(async () => {
      await audits.createAudit(tenant, testAudit('a', 1));
      await actions.createActions(tenant, [ROUTINE], { by: 'cli', now });
    });

    it('stores a change in a tenant whose data is older than the marker, and creates the marker', async () => {
      await tables.actions.deleteEntity(tenantKey(tenant), CHANGE_MARKER_KEY);
      await tables.audits.deleteEntity(tenantKey(tenant), CHANGE_MARKER_KEY);
      assert.equal(await markers.getChangeMarker(tenant), '-/-');

      await startAction();
      assert.equal((await actions.getAction(tenant, 1)).action.status, 'Pågår');
      const [actionStamp] = (await markers.getChangeMarker(tenant)).split('/');
      assert.notEqual(actionStamp, '-', 'the change did not create the marker');

      await judgeR1();
      assert.equal(
        (await audits.recommendations.getRecommendation(tenant, 1)).recommendation.latestVerdict,
        'Åtgärdad',
      );
      const [, auditStamp] = (await markers.getChangeMarker(tenant)).split('/');
      assert.notEqual(auditStamp, '-', 'the verdict did not create the marker');
    });

    it('puts back an open action’s lost index copy with its next change', async () => {
      await tables.actions.deleteEntity(tenantKey(tenant), `open|${padNumber(1)}`);
      assert.deepEqual(await actions.listOpenActions(tenant), []);

      await startAction();
      const open = await actions.listOpenActions(tenant);
      assert.deepEqual(
        open.map((action) => [action.ref, action.status]),
        [[1, 'Pågår']],
      );
    });

    it('refuses a change to an action that is gone, and writes nothing', async () => {
      const read = await actions.getAction(tenant, 1);
      await tables.actions.deleteEntity(tenantKey(tenant), `action|${padNumber(1)}`);
      await refusedInPlace(read, 'Pågår', 'NotFoundError');
      assert.equal((await actions.listHistory(tenant, 1)).length, 1, 'a history event was written');
      assert.equal((await actions.listOpenActions(tenant))[0]?.status, 'Planerad');
    });
  });
});
