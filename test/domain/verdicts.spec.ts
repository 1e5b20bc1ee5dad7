import assert from 'node:assert/strict';
import { changeStatus, createAction } from '../../src/domain/actions';
import { DomainError } from '../../src/domain/errors';
import { lastChangeOf, toReview } from '../../src/domain/recommendations';
import type { Action, Status, TrackedRecommendation, VerdictEvent } from '../../src/domain/types';
import { latestVerdict, parseVerdict, recordVerdict, verdictLabel } from '../../src/domain/verdicts';

const at = (iso: string) => ({ by: 'u1', now: new Date(iso) });

function recommendation(ref: number, overrides: Partial<TrackedRecommendation> = {}): TrackedRecommendation {
  return {
    ref,
    auditId: 'g1',
    recommendationId: `R${ref}`,
    text: `Rekommendation ${ref}`,
    committees: ['Socialnämnden'],
    version: 0,
    latestVerdict: null,
    latestVerdictDate: null,
    ...overrides,
  };
}

/** An action of recommendation R<rec>, created 2025-01-10, moved to `status` at `changedAt` (if given). */
function action(
  ref: number,
  rec: number,
  status: Status | null = null,
  changedAt = '2025-06-01T10:00:00Z',
): Action {
  const created = createAction(
    {
      ref,
      auditId: 'g1',
      recommendationId: `R${rec}`,
      text: `Åtgärd ${ref}`,
      committee: 'Socialnämnden',
      ownerEmail: null,
      deadline: { date: '2025-12-31', phrase: '2025-12-31' },
    },
    at('2025-01-10T09:00:00Z'),
  ).action;
  return status === null
    ? created
    : changeStatus(created, { to: status, comment: 'klart' }, at(changedAt)).action;
}

function verdict(ref: number, seq: number, date: string, iso = `${date}T12:00:00.000Z`): VerdictEvent {
  return { ref, seq, verdict: 'Delvis åtgärdad', date, at: iso, by: 'revisor', comment: null };
}

describe('domain/verdicts', () => {
  const names: [string, string][] = [
    ['Åtgärdad', 'Åtgärdad'],
    ['delvis åtgärdad', 'Delvis åtgärdad'],
    ['EJ ÅTGÄRDAD', 'Ej åtgärdad'],
    ['inaktuell', 'Inte längre aktuell'],
    ['Inte längre aktuell', 'Inte längre aktuell'],
    ['partly implemented', 'Delvis åtgärdad'],
    ['delvis a\u030atga\u0308rdad', 'Delvis åtgärdad'],
  ];
  for (const [text, expected] of names) {
    it(`reads ${JSON.stringify(text)} as ${expected}`, () => assert.equal(parseVerdict(text), expected));
  }
  for (const text of ['klar', 'åtgärdad!', '', 'delvis']) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => parseVerdict(text),
        (error: unknown) => error instanceof DomainError && error.code === 'InvalidValue',
      );
    });
  }

  it('labels verdicts in Swedish and English', () => {
    assert.equal(verdictLabel('Inte längre aktuell', 'sv'), 'Inte längre aktuell');
    assert.equal(verdictLabel('Inte längre aktuell', 'en'), 'No longer relevant');
    assert.equal(verdictLabel('Ej åtgärdad', 'en'), 'Not implemented');
  });

  it('records a verdict as the next event and a new version; a comment is capped', () => {
    const rec = recommendation(3);
    const { recommendation: after, event } = recordVerdict(
      rec,
      { verdict: 'Åtgärdad', date: '2026-03-02', comment: '  Rutinen finns.  ' },
      at('2026-03-02T09:00:00Z'),
    );
    assert.deepEqual(event, {
      ref: 3,
      seq: 1,
      verdict: 'Åtgärdad',
      date: '2026-03-02',
      at: '2026-03-02T09:00:00.000Z',
      by: 'u1',
      comment: 'Rutinen finns.',
    });
    assert.equal(after.version, 1);
    assert.equal(after.latestVerdict, 'Åtgärdad');
    assert.throws(
      () =>
        recordVerdict(
          rec,
          { verdict: 'Åtgärdad', date: '2026-03-02', comment: 'x'.repeat(2001) },
          at('2026-03-02T09:00:00Z'),
        ),
      (error: unknown) => error instanceof DomainError && error.problem.kind === 'commentTooLong',
    );
    assert.throws(
      () => recordVerdict(rec, { verdict: 'Åtgärdad', date: '2026-02-30' }, at('2026-03-02T09:00:00Z')),
      (error: unknown) => error instanceof DomainError && error.code === 'InvalidDate',
    );
  });

  it('keeps the latest verdict by date: an older one recorded later does not replace it', () => {
    const rec = recommendation(1, { version: 1, latestVerdict: 'Åtgärdad', latestVerdictDate: '2025-05-01' });
    const older = recordVerdict(
      rec,
      { verdict: 'Ej åtgärdad', date: '2023-05-01' },
      at('2026-01-01T00:00:00Z'),
    );
    assert.equal(older.recommendation.latestVerdict, 'Åtgärdad');
    assert.equal(older.recommendation.version, 2);
    const events = [
      verdict(1, 1, '2025-05-01'),
      { ...verdict(1, 2, '2023-05-01'), verdict: 'Ej åtgärdad' as const },
    ];
    assert.equal(latestVerdict(events)?.seq, 1);
    assert.equal(latestVerdict([...events, verdict(1, 3, '2025-05-01')])?.seq, 3);
    assert.equal(latestVerdict([]), null);
  });
});

describe('domain/recommendations: toReview', () => {
  it('counts only changes after registration as changes', () => {
    assert.equal(lastChangeOf(action(1, 1)), null);
    assert.equal(lastChangeOf(action(1, 1, 'Genomförd', '2025-06-01T10:00:00Z')), '2025-06-01T10:00:00.000Z');
  });

  const cases: {
    name: string;
    actions: Action[];
    verdicts: VerdictEvent[];
    expected: [number, string][];
  }[] = [
    { name: 'no actions: nothing to judge', actions: [], verdicts: [], expected: [] },
    {
      name: 'an open action: not ready',
      actions: [action(1, 1, 'Genomförd'), action(2, 1, 'Pågår')],
      verdicts: [],
      expected: [],
    },
    {
      name: 'all closed, no verdict: ready',
      actions: [action(1, 1, 'Genomförd'), action(2, 1, 'Avbruten')],
      verdicts: [],
      expected: [[1, 'ready']],
    },
    {
      name: 'all closed, verdict after the last change: judged',
      actions: [action(1, 1, 'Genomförd', '2025-06-01T10:00:00Z')],
      verdicts: [verdict(1, 1, '2025-09-01')],
      expected: [],
    },
    {
      name: 'verdict before the last change: changed since verdict',
      actions: [action(1, 1, 'Genomförd', '2025-06-01T10:00:00Z')],
      verdicts: [verdict(1, 1, '2025-03-01')],
      expected: [[1, 'changedSinceVerdict']],
    },
    {
      name: 'an open action that changed after the verdict: changed since verdict',
      actions: [action(1, 1, 'Pågår', '2025-06-01T10:00:00Z')],
      verdicts: [verdict(1, 1, '2025-03-01')],
      expected: [[1, 'changedSinceVerdict']],
    },
    {
      name: 'an imported verdict of an action nothing happened to since it was registered',
      actions: [action(1, 1)],
      verdicts: [verdict(1, 1, '2023-03-01', '2023-03-01T00:00:00.000Z')],
      expected: [],
    },
    {
      name: 'only the latest verdict counts',
      actions: [action(1, 1, 'Genomförd', '2025-06-01T10:00:00Z')],
      verdicts: [verdict(1, 1, '2025-03-01'), verdict(1, 2, '2025-07-01')],
      expected: [],
    },
    {
      name: 'each recommendation on its own, by reference',
      actions: [action(1, 2, 'Genomförd'), action(2, 1, 'Genomförd'), action(3, 3, 'Pågår')],
      verdicts: [verdict(3, 1, '2025-09-01')],
      expected: [
        [1, 'ready'],
        [2, 'ready'],
      ],
    },
  ];
  for (const { name, actions, verdicts, expected } of cases) {
    it(name, () => {
      const recs = [recommendation(3), recommendation(1), recommendation(2)];
      const items = toReview(recs, actions, verdicts);
      assert.deepEqual(
        items.map((item) => [item.recommendation.ref, item.reason]),
        expected,
      );
    });
  }

  it('does not mix up recommendations of two audits with the same id', () => {
    const other = { ...action(5, 1, 'Pågår'), auditId: 'g2' };
    const items = toReview([recommendation(1)], [action(1, 1, 'Genomförd'), other], []);
    assert.deepEqual(
      items.map((item) => item.actions.map((a) => a.ref)),
      [[1]],
    );
  });
});
