import assert from 'node:assert/strict';
import {
  changeDeadline,
  changeStatus,
  createAction,
  displayStatus,
  isOverdue,
  MAX_COMMENT_LENGTH,
  type NewAction,
} from '../../src/domain/actions';
import { DomainError } from '../../src/domain/errors';
import type { Action, Status } from '../../src/domain/types';

const now = new Date('2026-03-02T09:00:00Z');
const input: NewAction = {
  ref: 17,
  auditId: 'a1',
  recommendationId: 'R1',
  text: '  Rutin   för egenkontroll ',
  committee: 'Socialnämnden',
  ownerEmail: 'anna@kommun.se',
  deadline: { date: '2026-03-31', phrase: 'senast i mars 2026' },
};

function withStatus(status: Status): Action {
  return { ...createAction(input, { by: 'u', now }).action, status };
}

function domainError(code: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, code);
    return true;
  };
}

describe('domain/actions', () => {
  it('creates a Planerad action with its original deadline and a first event', () => {
    const { action, event } = createAction(input, { by: 'import:x.json', now });
    assert.equal(action.text, 'Rutin för egenkontroll');
    assert.equal(action.status, 'Planerad');
    assert.deepEqual(action.originalDeadline, input.deadline);
    assert.equal(action.version, 1);
    assert.deepEqual(
      [event.seq, event.kind, event.from, event.to, event.by, event.at],
      [1, 'created', null, 'Planerad', 'import:x.json', '2026-03-02T09:00:00.000Z'],
    );
  });

  it('refuses an empty or too long text', () => {
    assert.throws(
      () => createAction({ ...input, text: ' \u200b ' }, { by: 'u', now }),
      domainError('InvalidValue'),
    );
    assert.throws(
      () => createAction({ ...input, text: 'x'.repeat(4001) }, { by: 'u', now }),
      domainError('InvalidValue'),
    );
  });

  describe('isOverdue and displayStatus', () => {
    const cases: [Status, string | null, string, boolean][] = [
      ['Planerad', '2026-03-31', '2026-03-31', false], // on the due date: not yet late
      ['Planerad', '2026-03-31', '2026-04-01', true],
      ['Pågår', '2026-03-31', '2027-01-01', true],
      ['Genomförd', '2026-03-31', '2027-01-01', false],
      ['Avbruten', '2026-03-31', '2027-01-01', false],
      ['Planerad', null, '2027-01-01', false], // no date yet: flagged elsewhere, not late
    ];
    for (const [status, date, today, expected] of cases) {
      it(`${status}, due ${date ?? 'none'}, on ${today}: ${expected ? 'Försenad' : status}`, () => {
        const action = { status, deadline: { date, phrase: '' } };
        assert.equal(isOverdue(action, today), expected);
        assert.equal(displayStatus(action, today), expected ? 'Försenad' : status);
      });
    }
  });

  describe('changeStatus', () => {
    const allowed: [Status, Status, string | null][] = [
      ['Planerad', 'Pågår', null],
      ['Planerad', 'Genomförd', 'Protokollet skickat'],
      ['Pågår', 'Genomförd', null],
      ['Pågår', 'Avbruten', 'Uppdraget togs bort'],
      ['Genomförd', 'Pågår', 'Rutinen räckte inte'],
      ['Avbruten', 'Planerad', 'Nytt beslut i nämnden'],
    ];
    for (const [from, to, comment] of allowed) {
      it(`${from} -> ${to}${comment ? ' with a reason' : ''}`, () => {
        const { action, event } = changeStatus(withStatus(from), { to, comment }, { by: 'user-1', now });
        assert.equal(action.status, to);
        assert.equal(action.version, 2);
        assert.deepEqual(
          [event.seq, event.kind, event.from, event.to, event.comment],
          [2, 'status', from, to, comment],
        );
        assert.equal(action.cancelReason, to === 'Avbruten' ? comment : null);
      });
    }

    it('refuses a change to the same status', () => {
      assert.throws(
        () => changeStatus(withStatus('Pågår'), { to: 'Pågår' }, { by: 'u', now }),
        domainError('InvalidStatusChange'),
      );
    });
    it('needs a reason to cancel', () => {
      assert.throws(
        () => changeStatus(withStatus('Pågår'), { to: 'Avbruten', comment: '  ' }, { by: 'u', now }),
        domainError('ReasonRequired'),
      );
    });
    it('needs a reason to reopen', () => {
      assert.throws(
        () => changeStatus(withStatus('Genomförd'), { to: 'Pågår' }, { by: 'u', now }),
        domainError('ReasonRequired'),
      );
      assert.throws(
        () => changeStatus(withStatus('Avbruten'), { to: 'Planerad' }, { by: 'u', now }),
        domainError('ReasonRequired'),
      );
    });
    it('refuses a comment over the limit', () => {
      const comment = 'x'.repeat(MAX_COMMENT_LENGTH + 1);
      assert.throws(
        () => changeStatus(withStatus('Pågår'), { to: 'Genomförd', comment }, { by: 'u', now }),
        domainError('InvalidValue'),
      );
    });
    it('keeps the last comment when a change has none', () => {
      const first = changeStatus(
        withStatus('Planerad'),
        { to: 'Pågår', comment: 'Påbörjad' },
        { by: 'u', now },
      );
      const second = changeStatus(first.action, { to: 'Genomförd' }, { by: 'u', now });
      assert.equal(second.action.lastComment, 'Påbörjad');
      assert.equal(second.event.comment, null);
    });
  });

  describe('changeDeadline', () => {
    it('moves the deadline, keeps the original, counts the move and records the reason', () => {
      const { action, event } = changeDeadline(
        withStatus('Pågår'),
        { date: '2026-06-30', reason: 'Väntar på ny lag' },
        { by: 'u', now },
      );
      assert.deepEqual(action.deadline, { date: '2026-06-30', phrase: '2026-06-30' });
      assert.deepEqual(action.originalDeadline, input.deadline);
      assert.equal(action.deadlineChanges, 1);
      assert.deepEqual(
        [event.kind, event.from, event.to, event.comment],
        ['deadline', '2026-03-31', '2026-06-30', 'Väntar på ny lag'],
      );
    });
    it('refuses a date the calendar lacks', () => {
      assert.throws(
        () => changeDeadline(withStatus('Pågår'), { date: '2023-02-30' }, { by: 'u', now }),
        domainError('InvalidDate'),
      );
      assert.throws(
        () => changeDeadline(withStatus('Pågår'), { date: '31/4' }, { by: 'u', now }),
        domainError('InvalidDate'),
      );
    });
    it('refuses the same date and a closed action', () => {
      assert.throws(
        () => changeDeadline(withStatus('Pågår'), { date: '2026-03-31' }, { by: 'u', now }),
        domainError('InvalidStatusChange'),
      );
      assert.throws(
        () => changeDeadline(withStatus('Genomförd'), { date: '2026-05-01' }, { by: 'u', now }),
        domainError('InvalidStatusChange'),
      );
    });
  });
});
