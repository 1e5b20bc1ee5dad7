import assert from 'node:assert/strict';
import type { Action } from '../../src/domain/types';
import { buildBoardReport, type BoardReport } from '../../src/reports/boardReport';
import { summarize } from '../../src/reports/summary';
import { AS_OF, AUDITS, knownActions, NASTY_TITLE, UNREACHABLE } from './knownDataSet';

/** A summary row written out: planned, in progress, done, overdue, cancelled, total. */
function counts(row: {
  planned: number;
  inProgress: number;
  done: number;
  overdue: number;
  cancelled: number;
  total: number;
}) {
  return [row.planned, row.inProgress, row.done, row.overdue, row.cancelled, row.total];
}

describe('reports/buildBoardReport (known data set)', () => {
  let report: BoardReport;
  let actions: Action[];

  before(() => {
    const known = knownActions();
    actions = known.actions;
    report = buildBoardReport(AUDITS, known.actions, known.history, AS_OF, {
      unreachableOwners: UNREACHABLE,
    });
  });

  it('counts per committee and in total, as worked out by hand', () => {
    assert.equal(report.asOf, '2026-03-31');
    assert.equal(report.title, 'Återrapportering av revisionsgranskningar');
    assert.deepEqual(
      report.summary.rows.map((row) => [row.committee, ...counts(row)]),
      [
        ['Grundskolenämnden', 1, 0, 1, 1, 0, 3],
        ['Kommunstyrelsen', 0, 1, 2, 1, 0, 4],
        ['Socialnämnden', 1, 0, 1, 1, 1, 4],
      ],
    );
    assert.deepEqual(counts(report.summary.totals), [2, 1, 4, 3, 1, 11]);
    assert.equal(report.summary.totals.shareDone, 4 / 10);
    assert.deepEqual(
      report.summary.rows.map((row) => row.shareDone),
      [1 / 3, 2 / 4, 1 / 3],
    );
  });

  it('takes its counts from summarize, the function behind the chat summary card', () => {
    assert.deepEqual(report.summary, summarize(actions, AS_OF));
  });

  it('gives the key figures', () => {
    assert.deepEqual(report.keyFigures, {
      audits: 3,
      recommendations: 5,
      recommendationsWithoutActions: 1,
      rescheduledActions: 3,
      deadlineChanges: 4,
      unreachableOwners: 1,
      openWithoutOwner: 1,
      openWithoutDueDate: 1,
    });
  });

  it('lists the overdue actions longest overdue first, with their days', () => {
    assert.deepEqual(
      report.overdue.map((line) => [line.reference, line.committee, line.currentDue.date, line.daysOverdue]),
      [
        ['A-5', 'Grundskolenämnden', '2026-01-15', 75],
        ['A-2', 'Socialnämnden', '2026-02-28', 31],
        ['A-9', 'Kommunstyrelsen', '2026-03-30', 1],
      ],
    );
    const dueToday = report.actions.find((line) => line.reference === 'A-8');
    assert.equal(dueToday?.status, 'Pågår', 'due on the report date is not yet overdue');
    assert.equal(dueToday?.daysOverdue, null);
    const cancelled = report.actions.find((line) => line.reference === 'A-6');
    assert.equal(cancelled?.status, 'Avbruten', 'past due but cancelled is not overdue');
  });

  it('shows moved deadlines: original and current date, how many times, and the reasons', () => {
    assert.deepEqual(
      report.rescheduled.map((line) => ({
        ref: line.reference,
        original: line.originalDue.date,
        current: line.currentDue.date,
        times: line.deadlineChangeCount,
        changes: line.deadlineChanges.map((c) => [c.changedOn, c.from, c.to, c.reason]),
      })),
      [
        {
          ref: 'A-2',
          original: '2025-06-30',
          current: '2026-02-28',
          times: 2,
          changes: [
            ['2025-06-20', '2025-06-30', '2025-12-31', 'Personalbrist under sommaren'],
            ['2025-12-15', '2025-12-31', '2026-02-28', 'Väntar på nytt verksamhetssystem'],
          ],
        },
        {
          ref: 'A-7',
          original: '2025-10-31',
          current: '2025-11-30',
          times: 1,
          changes: [['2025-10-20', '2025-10-31', '2025-11-30', 'Ny rektor']],
        },
        {
          ref: 'A-9',
          original: '2026-01-31',
          current: '2026-03-30',
          times: 1,
          // 23:30 UTC on 31 January is 00:30 on 1 February in Stockholm.
          changes: [['2026-02-01', '2026-01-31', '2026-03-30', null]],
        },
      ],
    );
  });

  it('lists unreachable owners who have open actions, and open actions nobody owns', () => {
    assert.deepEqual(
      report.unreachableOwners.map((owner) => [
        owner.email,
        owner.since,
        owner.reason,
        owner.openActions.map((line) => line.reference),
      ]),
      [['bo.berg@kommun.se', '2026-03-10', 'ConversationBlockedByUser', ['A-2']]],
    );
    assert.deepEqual(
      report.openWithoutOwner.map((line) => line.reference),
      ['A-3'],
    );
  });

  it('orders audits by report date, with recommendations, their actions and counts', () => {
    assert.deepEqual(
      report.audits.map((audit) => [audit.title, counts(audit.counts)]),
      [
        ['Granskning av barnkonventionen', [1, 0, 1, 1, 0, 3]],
        ['Granskning av intern kontroll', [1, 0, 1, 1, 1, 4]],
        [NASTY_TITLE, [0, 1, 2, 1, 0, 4]],
      ],
    );
    const control = report.audits[1];
    assert.deepEqual(
      control?.recommendations.map((rec) => [
        rec.id,
        rec.actions.map((line) => line.reference),
        rec.counts.total,
      ]),
      [
        ['R1', ['A-4', 'A-5', 'A-6', 'A-7'], 4],
        ['R2', [], 0],
      ],
    );
    assert.deepEqual(
      report.actions.map((line) => line.reference),
      ['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'A-8', 'A-9', 'A-10', 'A-11'],
    );
  });

  it('groups actions per committee in the summary order', () => {
    assert.deepEqual(
      report.committees.map((committee) => [
        committee.committee,
        committee.actions.map((line) => line.reference),
        committee.counts === report.summary.rows.find((row) => row.committee === committee.committee),
      ]),
      [
        ['Grundskolenämnden', ['A-4', 'A-5', 'A-7'], true],
        ['Kommunstyrelsen', ['A-8', 'A-9', 'A-10', 'A-11'], true],
        ['Socialnämnden', ['A-1', 'A-2', 'A-3', 'A-6'], true],
      ],
    );
  });

  it('judges as of the given date: a day earlier, A-9 is not yet overdue', () => {
    const known = knownActions();
    const earlier = buildBoardReport(AUDITS, known.actions, known.history, '2026-03-30');
    assert.deepEqual(
      earlier.overdue.map((line) => [line.reference, line.daysOverdue]),
      [
        ['A-5', 74],
        ['A-2', 30],
      ],
    );
    assert.equal(earlier.unreachableOwners.length, 0, 'no unreachable owners were given');
  });

  it('keeps actions of an unknown audit or recommendation in the numbers, under a placeholder', () => {
    const known = knownActions();
    const stray = known.actions.map((action) =>
      action.ref === 11
        ? { ...action, auditId: 'gone' }
        : action.ref === 10
          ? { ...action, recommendationId: 'R9' }
          : action,
    );
    const odd = buildBoardReport(AUDITS, stray, known.history, AS_OF);
    assert.equal(odd.summary.totals.total, 11);
    assert.equal(odd.actions.length, 11);
    const placeholder = odd.audits.at(-1);
    assert.equal(placeholder?.title, 'Okänd granskning (gone)');
    assert.deepEqual(
      placeholder?.recommendations[0]?.actions.map((line) => line.reference),
      ['A-11'],
    );
    const it3 = odd.audits.find((audit) => audit.id === 'aud-3');
    assert.deepEqual(
      it3?.recommendations.map((rec) => rec.id),
      ['R1', 'R9'],
    );
    assert.equal(odd.keyFigures.audits, 3, 'a placeholder is not counted as an audit');
  });

  it('is empty but whole for a tenant with nothing stored', () => {
    const empty = buildBoardReport([], [], [], AS_OF);
    assert.equal(empty.summary.totals.total, 0);
    assert.equal(empty.summary.totals.shareDone, 0);
    assert.deepEqual(empty.committees, []);
    assert.deepEqual(empty.audits, []);
  });
});
