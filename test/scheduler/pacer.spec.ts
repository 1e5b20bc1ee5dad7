import assert from 'node:assert/strict';
import { Pacer, TEAMS_THREAD_LIMITS, type RateLimit } from '../../src/scheduler';
import { ManualClock } from './support';

/** True when no window of `limits` holds more than its maximum of `times`. */
function within(times: readonly number[], limits: readonly RateLimit[]): boolean {
  return limits.every(({ windowMs, max }) =>
    times.every((start) => times.filter((t) => t >= start && t < start + windowMs).length <= max),
  );
}

describe('Pacer', () => {
  it("keeps one conversation under Teams' per-thread limits (7/1 s, 8/2 s, 60/30 s)", async () => {
    const clock = new ManualClock('2026-03-17T08:00:00Z');
    const pacer = new Pacer(clock);
    const times: number[] = [];
    for (let i = 0; i < 130; i++) {
      await pacer.acquire('a:anna');
      times.push(clock.now().getTime());
    }
    assert.ok(within(times, TEAMS_THREAD_LIMITS));
    // 7 at once, the 8th a second later, then 8 per 2 s until 60 per 30 s binds: not slower than needed either.
    assert.equal(times[6]! - times[0]!, 0);
    assert.equal(times[7]! - times[0]!, 1_000);
    // 60 per 30 s: sends 121-130 go in the third half minute.
    const span = times[129]! - times[0]!;
    assert.ok(span >= 60_000 && span <= 62_000, `130 sends took ${span} ms`);
  });

  it('keeps the tenant under 30 per second across conversations', async () => {
    const clock = new ManualClock('2026-03-17T08:00:00Z');
    const pacer = new Pacer(clock);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      await pacer.acquire(`a:user-${i}`);
      times.push(clock.now().getTime());
    }
    assert.ok(within(times, [{ windowMs: 1_000, max: 30 }]));
    const span = times[199]! - times[0]!;
    assert.equal(span, 6_000, `200 sends took ${span} ms`);
  });

  it('lets concurrent callers through one at a time, never two into the last slot', async () => {
    const clock = new ManualClock('2026-03-17T08:00:00Z');
    const pacer = new Pacer(clock, { tenantLimits: [{ windowMs: 1_000, max: 5 }] });
    const start = clock.now().getTime();
    await Promise.all(Array.from({ length: 20 }, (_, i) => pacer.acquire(`a:user-${i}`)));
    // 20 requests at 5 per second: the last one cannot have passed before 3 s.
    assert.ok(clock.now().getTime() - start >= 3_000);
  });

  it('holds a conversation back until Retry-After; a lone 429 holds no other conversation', async () => {
    const clock = new ManualClock('2026-03-17T08:00:00Z');
    const pacer = new Pacer(clock);
    const start = clock.now().getTime();
    pacer.block('a:anna', new Date(start + 7_000));
    await pacer.acquire('a:bo');
    assert.equal(clock.now().getTime() - start, 0);
    await pacer.acquire('a:anna');
    assert.equal(clock.now().getTime() - start, 7_000);
  });

  it('holds the tenant for at most a second once 429s are more than chance (3, and a fifth of the requests)', async () => {
    const clock = new ManualClock('2026-03-17T08:00:00Z');
    const pacer = new Pacer(clock);
    const start = clock.now().getTime();
    for (let i = 0; i < 20; i++) await pacer.acquire(`a:user-${i}`);
    // Three 429s among twenty requests in the last second: chance, the tenant goes on.
    for (const who of ['a:anna', 'a:bo', 'a:cecilia']) pacer.block(who, new Date(start + 7_000));
    await pacer.acquire('a:david');
    assert.equal(clock.now().getTime() - start, 0);
    // Two more make five 429s of 21 requests: likely the tenant's limit, held for a second (not the 7 s).
    for (const who of ['a:erik', 'a:fatima']) pacer.block(who, new Date(start + 7_000));
    await pacer.acquire('a:gustav');
    assert.equal(clock.now().getTime() - start, 1_000);
  });

  it('counts a request when it goes out (restamp), as Teams counts it when it arrives', async () => {
    const clock = new ManualClock('2026-03-17T08:00:00Z');
    const pacer = new Pacer(clock, { tenantLimits: [{ windowMs: 1_000, max: 2 }] });
    const start = clock.now().getTime();
    const permits = [await pacer.acquire('a:anna'), await pacer.acquire('a:bo')];
    // Recording the rows as sending took 300 ms before the requests went out.
    clock.advance(300);
    for (const permit of permits) permit.restamp();
    await pacer.acquire('a:cecilia');
    assert.equal(clock.now().getTime() - start, 1_300);
  });

  it('stops waiting when aborted', async () => {
    const clock = new ManualClock('2026-03-17T08:00:00Z');
    const pacer = new Pacer(clock);
    pacer.block('a:anna', new Date(clock.now().getTime() + 60_000));
    const controller = new AbortController();
    controller.abort(new Error('stopping'));
    await assert.rejects(pacer.acquire('a:anna', controller.signal), /stopping/);
  });
});
