import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors';
import type { Status } from '../../src/domain/types';
import {
  DEFAULT_REMINDER_POLICY,
  dueReminders,
  isDayOff,
  localInstant,
  nextReminder,
  nextWorkingDay,
  parseReminderPolicy,
  type ReminderPolicy,
  type ReminderSubject,
} from '../../src/scheduler';
import { TIME_ZONE } from './support';

const policy = DEFAULT_REMINDER_POLICY;

function actionSubject(
  due: string | null,
  options: { status?: Status; snoozedUntil?: string | null; createdAt?: string } = {},
): ReminderSubject {
  return {
    kind: 'action',
    action: {
      ref: 17,
      status: options.status ?? 'Planerad',
      deadline: { date: due, phrase: due ?? 'under året' },
      createdAt: options.createdAt ?? '2025-12-01T10:00:00Z',
    },
    snoozedUntil: options.snoozedUntil ?? null,
  };
}

/**
 * Runs the policy as the scheduler would, every half hour from `from` to `to`, and records each reminder the first
 * time it is owed (the outbox makes any later asking a no-op): track, stage, and the instant it first came. Reminders
 * of the same instant are listed by track.
 */
function simulate(
  subject: ReminderSubject,
  from: string,
  to: string,
  rules: ReminderPolicy = policy,
): Array<{ track: string; stage: string; at: string }> {
  const seen = new Set<string>();
  const fired: Array<{ track: string; stage: string; at: string }> = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 30 * 60_000) {
    for (const reminder of dueReminders(subject, rules, TIME_ZONE, new Date(t))) {
      const key = `${reminder.track}|${reminder.stage}|${reminder.stageDate}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fired.push({ track: reminder.track, stage: reminder.stage, at: new Date(t).toISOString() });
    }
  }
  return fired.sort((a, b) => a.at.localeCompare(b.at) || a.track.localeCompare(b.track));
}

describe('scheduler calendar', () => {
  const calendar = { summerPause: { from: '07-01', to: '07-31' }, extraDaysOff: ['2026-05-15'] };
  const cases: Array<[string, boolean, string]> = [
    ['2026-03-02', false, 'an ordinary Monday'],
    ['2026-03-07', true, 'Saturday'],
    ['2026-03-08', true, 'Sunday'],
    ['2026-01-06', true, 'trettondedag jul'],
    ['2026-04-02', false, 'skärtorsdagen is a working day'],
    ['2026-04-03', true, 'långfredagen'],
    ['2026-04-06', true, 'annandag påsk'],
    ['2026-04-30', false, 'valborgsmässoafton is a working day'],
    ['2026-05-01', true, 'första maj'],
    ['2026-05-14', true, 'Kristi himmelsfärdsdag'],
    ['2026-05-15', true, 'an extra day off (klämdag)'],
    ['2026-05-25', false, 'annandag pingst is no longer a holiday'],
    ['2026-06-19', true, 'midsommarafton'],
    ['2026-06-30', false, 'the day before the summer pause'],
    ['2026-07-01', true, 'first day of the summer pause'],
    ['2026-07-15', true, 'inside the summer pause'],
    ['2026-07-31', true, 'last day of the summer pause'],
    ['2026-08-03', false, 'the first Monday after it'],
    ['2026-12-24', true, 'julafton'],
    ['2026-12-25', true, 'juldagen'],
    ['2026-12-31', true, 'nyårsafton'],
    ['2027-01-01', true, 'nyårsdagen'],
  ];
  for (const [date, off, why] of cases) {
    it(`${date} is ${off ? 'a day off' : 'a working day'}: ${why}`, () => {
      assert.equal(isDayOff(date, calendar), off);
    });
  }

  it('moves to the next working day', () => {
    const table: Array<[string, string]> = [
      ['2026-03-02', '2026-03-02'],
      ['2026-03-07', '2026-03-09'],
      ['2026-04-03', '2026-04-07'],
      ['2026-06-19', '2026-06-22'],
      ['2026-07-01', '2026-08-03'],
      ['2026-12-24', '2026-12-28'],
      ['2026-12-31', '2027-01-04'],
    ];
    for (const [date, expected] of table) assert.equal(nextWorkingDay(date, calendar), expected, date);
  });

  it('supports a pause across the new year, and no pause at all', () => {
    const winter = { summerPause: { from: '12-20', to: '01-06' }, extraDaysOff: [] };
    assert.equal(isDayOff('2026-12-21', winter), true);
    assert.equal(isDayOff('2027-01-05', winter), true);
    assert.equal(isDayOff('2027-01-07', winter), false);
    assert.equal(isDayOff('2026-07-15', { summerPause: null, extraDaysOff: [] }), false);
  });

  it('refuses a calendar without working days rather than looping', () => {
    assert.throws(
      () => nextWorkingDay('2026-03-02', { summerPause: { from: '01-01', to: '12-31' }, extraDaysOff: [] }),
      (error: unknown) => error instanceof DomainError && error.code === 'InvalidValue',
    );
  });

  it('keeps 09:00 local on both sides of the daylight-saving changes', () => {
    const table: Array<[string, string]> = [
      ['2026-03-27', '2026-03-27T08:00:00.000Z'], // CET
      ['2026-03-30', '2026-03-30T07:00:00.000Z'], // CEST, after the last Sunday of March
      ['2026-10-23', '2026-10-23T07:00:00.000Z'], // CEST
      ['2026-10-26', '2026-10-26T08:00:00.000Z'], // CET, after the last Sunday of October
    ];
    for (const [date, expected] of table) {
      assert.equal(localInstant(date, '09:00', TIME_ZONE).toISOString(), expected, date);
    }
    // A time inside the spring gap (02:00-03:00 does not exist on 2026-03-29) moves forward by the gap.
    assert.equal(localInstant('2026-03-29', '02:30', TIME_ZONE).toISOString(), '2026-03-29T01:30:00.000Z');
  });
});

describe('reminder policy (pure)', () => {
  it('fires each stage once, at 09:00 local, across the spring change (due 2026-03-31)', () => {
    assert.deepEqual(simulate(actionSubject('2026-03-31'), '2026-03-01T00:00:00Z', '2026-05-13T00:00:00Z'), [
      { track: 'owner', stage: 'before-14', at: '2026-03-17T08:00:00.000Z' },
      // 2026-03-28 is a Saturday: Monday, now in summer time.
      { track: 'owner', stage: 'before-3', at: '2026-03-30T07:00:00.000Z' },
      { track: 'owner', stage: 'due', at: '2026-03-31T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-1', at: '2026-04-07T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-2', at: '2026-04-14T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-3', at: '2026-04-21T07:00:00.000Z' },
      // After three overdue reminders, one more week, then the chair and admins hear of it, once.
      { track: 'escalation', stage: 'escalation', at: '2026-04-28T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-4', at: '2026-04-28T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-5', at: '2026-05-05T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-6', at: '2026-05-12T07:00:00.000Z' },
    ]);
  });

  it('fires each stage once, at 09:00 local, across the autumn change (due 2026-10-27)', () => {
    assert.deepEqual(simulate(actionSubject('2026-10-27'), '2026-10-01T00:00:00Z', '2026-11-04T00:00:00Z'), [
      { track: 'owner', stage: 'before-14', at: '2026-10-13T07:00:00.000Z' },
      { track: 'owner', stage: 'before-3', at: '2026-10-26T08:00:00.000Z' },
      { track: 'owner', stage: 'due', at: '2026-10-27T08:00:00.000Z' },
      { track: 'owner', stage: 'overdue-1', at: '2026-11-03T08:00:00.000Z' },
    ]);
  });

  it('sends nothing on julafton, juldagen or nyårsafton: due 2026-12-24', () => {
    assert.deepEqual(simulate(actionSubject('2026-12-24'), '2026-12-01T00:00:00Z', '2027-01-05T00:00:00Z'), [
      { track: 'owner', stage: 'before-14', at: '2026-12-10T08:00:00.000Z' },
      { track: 'owner', stage: 'before-3', at: '2026-12-21T08:00:00.000Z' },
      { track: 'owner', stage: 'due', at: '2026-12-28T08:00:00.000Z' },
      // 2026-12-31 nyårsafton, 2027-01-01 nyårsdagen, then a weekend.
      { track: 'owner', stage: 'overdue-1', at: '2027-01-04T08:00:00.000Z' },
    ]);
  });

  it('moves midsommarafton to the Monday after', () => {
    const fired = simulate(actionSubject('2026-06-19'), '2026-06-18T00:00:00Z', '2026-06-23T00:00:00Z');
    assert.deepEqual(
      fired.filter((entry) => entry.stage === 'due'),
      [{ track: 'owner', stage: 'due', at: '2026-06-22T07:00:00.000Z' }],
    );
  });

  it('sends one reminder, not five, on the first day after the summer pause', () => {
    // 07-01 before-14, 07-12 before-3, 07-15 due, 07-22 and 07-29 overdue: all fall in the pause.
    const fired = simulate(actionSubject('2026-07-15'), '2026-06-25T00:00:00Z', '2026-08-13T00:00:00Z');
    assert.deepEqual(fired, [
      { track: 'owner', stage: 'overdue-2', at: '2026-08-03T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-3', at: '2026-08-05T07:00:00.000Z' },
      { track: 'escalation', stage: 'escalation', at: '2026-08-12T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-4', at: '2026-08-12T07:00:00.000Z' },
    ]);
  });

  it('asks weekly for a date when an action has none', () => {
    const subject = actionSubject(null, { createdAt: '2026-03-02T10:00:00Z' });
    const fired = simulate(subject, '2026-03-02T10:00:00Z', '2026-03-24T00:00:00Z');
    assert.deepEqual(fired, [
      // Created after 09:00 on a Monday: the first request comes at once.
      { track: 'owner', stage: 'no-date', at: '2026-03-02T10:00:00.000Z' },
      { track: 'owner', stage: 'no-date', at: '2026-03-09T08:00:00.000Z' },
      { track: 'owner', stage: 'no-date', at: '2026-03-16T08:00:00.000Z' },
      { track: 'owner', stage: 'no-date', at: '2026-03-23T08:00:00.000Z' },
    ]);
  });

  it('sends nothing for a closed action', () => {
    for (const status of ['Genomförd', 'Avbruten'] as const) {
      assert.deepEqual(
        simulate(actionSubject('2026-03-31', { status }), '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'),
        [],
      );
    }
  });

  it('holds everything back while snoozed, then reminds once that the pause is over', () => {
    const fired = simulate(
      actionSubject('2026-03-31', { snoozedUntil: '2026-04-20' }),
      '2026-03-01T00:00:00Z',
      '2026-04-29T00:00:00Z',
    );
    assert.deepEqual(fired, [
      { track: 'owner', stage: 'after-snooze', at: '2026-04-20T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-3', at: '2026-04-21T07:00:00.000Z' },
      { track: 'escalation', stage: 'escalation', at: '2026-04-28T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-4', at: '2026-04-28T07:00:00.000Z' },
    ]);
  });

  it('moves an escalation that falls in the pause to its end, rather than dropping it', () => {
    const fired = simulate(
      actionSubject('2026-03-31', { snoozedUntil: '2026-05-02' }), // a Saturday: the pause ends Monday 05-04
      '2026-04-25T00:00:00Z',
      '2026-05-06T00:00:00Z',
    );
    assert.deepEqual(fired, [
      { track: 'escalation', stage: 'escalation', at: '2026-05-04T07:00:00.000Z' },
      { track: 'owner', stage: 'after-snooze', at: '2026-05-04T07:00:00.000Z' },
      { track: 'owner', stage: 'overdue-5', at: '2026-05-05T07:00:00.000Z' },
    ]);
  });

  it('reminds of a committee response date and a board feedback date', () => {
    for (const kind of ['responseDue', 'boardFeedback'] as const) {
      const subject: ReminderSubject = { kind, auditId: 'a1', committee: 'Socialnämnden', due: '2026-05-29' };
      assert.deepEqual(simulate(subject, '2026-05-01T00:00:00Z', '2026-06-10T00:00:00Z'), [
        { track: kind, stage: 'before-14', at: '2026-05-15T07:00:00.000Z' },
        { track: kind, stage: 'before-3', at: '2026-05-26T07:00:00.000Z' },
        { track: kind, stage: 'due', at: '2026-05-29T07:00:00.000Z' },
      ]);
    }
  });

  it('names the next reminder, the same one the simulation fires next', () => {
    const subject = actionSubject('2026-03-31');
    const next = nextReminder(subject, policy, TIME_ZONE, new Date('2026-03-17T08:00:00Z'));
    assert.equal(next?.stage, 'before-3');
    assert.equal(next?.sendDate, '2026-03-30');
    assert.equal(next?.sendAt.toISOString(), '2026-03-30T07:00:00.000Z');
    const summer = nextReminder(
      actionSubject('2026-07-15'),
      policy,
      TIME_ZONE,
      new Date('2026-06-01T00:00:00Z'),
    );
    assert.equal(summer?.stage, 'overdue-2');
    assert.equal(
      nextReminder(actionSubject('2026-03-31', { status: 'Genomförd' }), policy, TIME_ZONE, new Date()),
      null,
    );
  });

  it('follows a tenant policy: other days, no escalation, another send time', () => {
    const rules = parseReminderPolicy({
      ownerDaysBefore: [7],
      escalateAfterOverdue: 0,
      sendTime: '13:30',
      summerPause: null,
    });
    assert.deepEqual(
      simulate(actionSubject('2026-07-15'), '2026-07-01T00:00:00Z', '2026-08-13T00:00:00Z', rules),
      [
        { track: 'owner', stage: 'before-7', at: '2026-07-08T11:30:00.000Z' },
        { track: 'owner', stage: 'due', at: '2026-07-15T11:30:00.000Z' },
        { track: 'owner', stage: 'overdue-1', at: '2026-07-22T11:30:00.000Z' },
        { track: 'owner', stage: 'overdue-2', at: '2026-07-29T11:30:00.000Z' },
        { track: 'owner', stage: 'overdue-3', at: '2026-08-05T11:30:00.000Z' },
        { track: 'owner', stage: 'overdue-4', at: '2026-08-12T11:30:00.000Z' },
      ],
    );
  });
});

describe('parseReminderPolicy', () => {
  it('gives the Swedish defaults when nothing is stored', () => {
    assert.deepEqual(parseReminderPolicy(null), DEFAULT_REMINDER_POLICY);
    assert.deepEqual(parseReminderPolicy({}), DEFAULT_REMINDER_POLICY);
    assert.deepEqual(DEFAULT_REMINDER_POLICY.ownerDaysBefore, [14, 3]);
    assert.deepEqual(DEFAULT_REMINDER_POLICY.summerPause, { from: '07-01', to: '07-31' });
    assert.equal(DEFAULT_REMINDER_POLICY.sendTime, '09:00');
    assert.equal(DEFAULT_REMINDER_POLICY.digestCron, '0 8 * * 1');
  });

  it('keeps the defaults of fields not given', () => {
    const rules = parseReminderPolicy({ digestCron: '30 7 * * 5', overdueEveryDays: 14 });
    assert.equal(rules.digestCron, '30 7 * * 5');
    assert.equal(rules.overdueEveryDays, 14);
    assert.equal(rules.sendTime, '09:00');
  });

  it('names every bad field at once', () => {
    assert.throws(
      () =>
        parseReminderPolicy({
          sendTime: '25:00',
          digestCron: 'every monday',
          ownerDaysBefore: [-1],
          extra: 1,
        }),
      (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'InvalidValue');
        assert.match(error.message, /sendTime/);
        assert.match(error.message, /digestCron/);
        assert.match(error.message, /ownerDaysBefore/);
        return true;
      },
    );
  });

  it('refuses an extra day off that the calendar lacks, as well as one of another shape', () => {
    for (const day of ['2026-02-30', '2026-5-15']) {
      assert.throws(
        () => parseReminderPolicy({ extraDaysOff: ['2026-05-15', day] }),
        (error: unknown) => error instanceof DomainError && /extraDaysOff/.test(error.message),
        day,
      );
    }
    assert.deepEqual(parseReminderPolicy({ extraDaysOff: ['2024-02-29'] }).extraDaysOff, ['2024-02-29']);
  });
});
