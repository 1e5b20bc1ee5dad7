import assert from 'node:assert/strict';
import type { ConnectorFailure } from '../../src/teams/connector';
import { proactiveDecision, REPLY_ATTEMPTS, replyRetryWait } from '../../src/teams/sendPolicy';

function failure(status: number | null, kind: ConnectorFailure['kind'], retryAfterMs: number | null = null) {
  return { kind, status, code: null, message: 'test', retryAfterMs } satisfies ConnectorFailure;
}

describe('send policies (pure)', () => {
  describe('in-turn reply', () => {
    const half = () => 0.5;
    const cases: Array<[string, ConnectorFailure, number, number, number, number | null]> = [
      // name, failure, attempt, unknown outcomes so far, ms left, expected wait
      ['429 with Retry-After waits it', failure(429, 'retry', 7_000), 1, 0, 12_000, 7_000],
      [
        '429 with a Retry-After past the deadline gives up',
        failure(429, 'retry', 30_000),
        1,
        0,
        12_000,
        null,
      ],
      ['502 backs off with jitter (first ceiling 500 ms)', failure(502, 'retry'), 1, 0, 12_000, 375],
      ['412 backs off longer the second time', failure(412, 'retry'), 2, 0, 12_000, 750],
      [`no attempt after the ${REPLY_ATTEMPTS}rd`, failure(503, 'retry'), REPLY_ATTEMPTS, 0, 12_000, null],
      ['a first 500 is resent once', failure(500, 'unknown'), 1, 1, 12_000, 375],
      ['a second 500 is not', failure(500, 'unknown'), 2, 2, 12_000, null],
      ['403 is final', failure(403, 'final'), 1, 0, 12_000, null],
      ['413 is final', failure(413, 'final'), 1, 0, 12_000, null],
      ['401 is not retried within a turn', failure(401, 'retry'), 1, 0, 12_000, null],
    ];
    for (const [name, given, attempt, unknown, msLeft, expected] of cases) {
      it(name, () => {
        assert.equal(replyRetryWait(given, attempt, unknown, msLeft, half), expected);
      });
    }
  });

  describe('proactive send', () => {
    const backoff = () => 1_234;
    it('dead-letters a final failure, marking the conversation gone for 403 and 404 only', () => {
      assert.deepEqual(proactiveDecision(failure(403, 'final'), backoff), {
        outcome: 'deadLetter',
        conversationGone: true,
      });
      assert.deepEqual(proactiveDecision(failure(404, 'final'), backoff), {
        outcome: 'deadLetter',
        conversationGone: true,
      });
      assert.deepEqual(proactiveDecision(failure(413, 'final'), backoff), {
        outcome: 'deadLetter',
        conversationGone: false,
      });
    });

    it('leaves a send that may have arrived for a person to check, never sending it again', () => {
      assert.deepEqual(proactiveDecision(failure(500, 'unknown'), backoff), { outcome: 'check' });
      assert.deepEqual(proactiveDecision(failure(null, 'unknown'), backoff), { outcome: 'check' });
    });

    it("retries later: after Retry-After when given (holding the conversation back on 429), else the outbox's backoff", () => {
      assert.deepEqual(proactiveDecision(failure(429, 'retry', 7_000), backoff), {
        outcome: 'later',
        waitMs: 7_000,
        throttled: true,
      });
      assert.deepEqual(proactiveDecision(failure(502, 'retry'), backoff), {
        outcome: 'later',
        waitMs: 1_234,
        throttled: false,
      });
    });
  });
});
