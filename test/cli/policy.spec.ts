import assert from 'node:assert/strict';
import { DEFAULT_REMINDER_POLICY, parseReminderPolicy, REMINDER_POLICY_SETTING } from '../../src/scheduler';
import { SettingsRepository } from '../../src/storage';
import { openTables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';

describe('cli policy (show, set, reset)', () => {
  let connectionString: string;
  let settings: SettingsRepository;
  let tenantId: string;

  before(async () => {
    connectionString = (await testAzurite()).connectionString;
    settings = new SettingsRepository((await openTables(connectionString)).settings);
  });

  beforeEach(() => {
    tenantId = newTenantId();
  });

  const cli = (...argv: string[]) => runCliForTest(argv, { connectionString, tenantId });

  /** What the scheduler would use for the tenant: the same read as `loadReminderPolicy`. */
  const effective = async (tenant = tenantId) =>
    parseReminderPolicy((await settings.getSetting(tenant, REMINDER_POLICY_SETTING))?.value ?? null);

  /** The line of `policy show` for one key. */
  const lineOf = (out: string, key: string) => out.split('\n').find((line) => line.endsWith(`[${key}]`));

  it('shows the Swedish defaults when nothing is stored, and stores nothing', async () => {
    const run = await cli('policy', 'show');
    assert.equal(run.err, '');
    assert.equal(run.code, 0);
    assert.match(run.out, new RegExp(`^Påminnelsepolicy för klient ${tenantId}`));
    assert.equal(
      lineOf(run.out, 'beforeDays'),
      '  Påminnelse till ansvarig före förfallodagen: 14 och 3 dagar före  [beforeDays]',
    );
    assert.match(lineOf(run.out, 'onDueDate') ?? '', /: ja {2}/);
    assert.match(lineOf(run.out, 'overdueEvery') ?? '', /: var 7:e dag {2}/);
    assert.match(lineOf(run.out, 'escalateAfter') ?? '', /: efter 3 förseningspåminnelser {2}/);
    assert.match(lineOf(run.out, 'sendTime') ?? '', /: 09:00 \(Europe\/Stockholm\)/);
    assert.match(lineOf(run.out, 'summerPause') ?? '', /: 07-01\.\.07-31 {2}/);
    assert.match(lineOf(run.out, 'daysOff') ?? '', /: inga {2}/);
    assert.match(lineOf(run.out, 'digestCron') ?? '', /: "0 8 \* \* 1"/);
    // Nothing is marked as changed.
    assert.equal(run.out.split('\n').filter((line) => line.startsWith('*')).length, 0);
    assert.equal(await settings.getSetting(tenantId, REMINDER_POLICY_SETTING), null);
  });

  const cases: {
    key: string;
    value: string;
    expect: Partial<typeof DEFAULT_REMINDER_POLICY>;
    shown: RegExp;
  }[] = [
    {
      key: 'beforeDays',
      value: '14,7,3',
      expect: { ownerDaysBefore: [14, 7, 3] },
      shown: /14, 7 och 3 dagar före/,
    },
    { key: 'beforeDays', value: 'inga', expect: { ownerDaysBefore: [] }, shown: /: ingen {2}/ },
    { key: 'onDueDate', value: 'nej', expect: { remindOnDueDate: false }, shown: /: nej {2}/ },
    { key: 'overdueEvery', value: '14', expect: { overdueEveryDays: 14 }, shown: /: var 14:e dag/ },
    { key: 'overdueEvery', value: '0', expect: { overdueEveryDays: 0 }, shown: /: aldrig {2}/ },
    { key: 'escalateAfter', value: '2', expect: { escalateAfterOverdue: 2 }, shown: /efter 2 förseningsp/ },
    { key: 'noDateEvery', value: '2', expect: { noDateEveryDays: 2 }, shown: /: var 2:a dag/ },
    {
      key: 'escalateAfter',
      value: '1',
      expect: { escalateAfterOverdue: 1 },
      shown: /: efter 1 förseningspåminnelse {2}/,
    },
    { key: 'responseDays', value: '1', expect: { responseDaysBefore: [1] }, shown: /: 1 dag före {2}/ },
    { key: 'responseDays', value: '30', expect: { responseDaysBefore: [30] }, shown: /: 30 dagar före/ },
    {
      key: 'boardFeedbackDays',
      value: '21,7',
      expect: { boardFeedbackDaysBefore: [21, 7] },
      shown: /21 och 7/,
    },
    { key: 'sendTime', value: '08:30', expect: { sendTime: '08:30' }, shown: /: 08:30 \(/ },
    {
      key: 'summerPause',
      value: '06-24..08-10',
      expect: { summerPause: { from: '06-24', to: '08-10' } },
      shown: /: 06-24\.\.08-10/,
    },
    { key: 'summerPause', value: 'inget', expect: { summerPause: null }, shown: /: inget {2}/ },
    {
      key: 'daysOff',
      value: '2026-05-15,2026-06-05',
      expect: { extraDaysOff: ['2026-05-15', '2026-06-05'] },
      shown: /: 2026-05-15, 2026-06-05/,
    },
    { key: 'digestCron', value: '0 7 * * 5', expect: { digestCron: '0 7 * * 5' }, shown: /: "0 7 \* \* 5"/ },
    // The schema's own field name works as a key too.
    { key: 'ownerDaysBefore', value: '10', expect: { ownerDaysBefore: [10] }, shown: /: 10 dagar före/ },
  ];

  for (const { key, value, expect, shown } of cases) {
    it(`set ${key} ${value}: stored for the scheduler and shown as changed`, async () => {
      const run = await cli('policy', 'set', key, value);
      assert.equal(run.err, '');
      assert.equal(run.code, 0);
      assert.match(run.out, /sparad\]$/);
      assert.deepEqual(await effective(), { ...DEFAULT_REMINDER_POLICY, ...expect });

      const show = await cli('policy', 'show');
      assert.equal(show.code, 0);
      const changed = show.out.split('\n').filter((line) => line.startsWith('*'));
      assert.equal(changed.length, 1, show.out);
      assert.match(changed[0] ?? '', shown);
    });
  }

  it('keeps earlier changes when another field is set (read, merge, write with the ETag)', async () => {
    assert.equal((await cli('policy', 'set', 'sendTime', '10:15')).code, 0);
    assert.equal((await cli('policy', 'set', 'escalateAfter', '5')).code, 0);
    assert.equal((await cli('policy', 'set', 'sendTime', '07:45')).code, 0);
    assert.deepEqual((await settings.getSetting(tenantId, REMINDER_POLICY_SETTING))?.value, {
      sendTime: '07:45',
      escalateAfterOverdue: 5,
    });
  });

  const bad: { key: string; value: string; expected: RegExp }[] = [
    { key: 'beforeDays', value: '14,x', expected: /dagar 0–365/ },
    { key: 'beforeDays', value: '400', expected: /dagar 0–365/ },
    { key: 'onDueDate', value: 'kanske', expected: /ja eller nej/ },
    { key: 'overdueEvery', value: '1.5', expected: /antal dagar 0–365/ },
    { key: 'escalateAfter', value: '53', expected: /0–52/ },
    { key: 'sendTime', value: '9:00', expected: /HH:MM/ },
    { key: 'sendTime', value: '24:00', expected: /HH:MM/ },
    { key: 'summerPause', value: '07-01', expected: /MM-DD\.\.MM-DD/ },
    { key: 'summerPause', value: '07-01..13-01', expected: /MM-DD\.\.MM-DD/ },
    { key: 'daysOff', value: '15 maj', expected: /ÅÅÅÅ-MM-DD/ },
    { key: 'digestCron', value: 'varje måndag', expected: /cron-mönster/ },
  ];

  for (const { key, value, expected } of bad) {
    it(`set ${key} "${value}": exit 1, one line naming the key and what is expected, nothing changed`, async () => {
      assert.equal((await cli('policy', 'set', 'sendTime', '10:00')).code, 0);
      const before = await settings.getSetting(tenantId, REMINDER_POLICY_SETTING);

      const run = await cli('policy', 'set', key, value);
      assert.equal(run.code, 1);
      assert.equal(run.out, '');
      assert.equal(run.err.split('\n').length, 1, run.err);
      assert.ok(run.err.startsWith(`Fel: ${key} "${value}" är ogiltigt: ska vara `), run.err);
      assert.match(run.err, expected);
      assert.deepEqual(await settings.getSetting(tenantId, REMINDER_POLICY_SETTING), before);
    });
  }

  it('an unknown key or a missing value: exit 1, one line listing the keys, nothing stored', async () => {
    const unknown = await cli('policy', 'set', 'colour', 'blue');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /^Fel: Okänd nyckel "colour"; välj en av beforeDays, .*digestCron\.$/);
    const missing = await cli('policy', 'set', 'sendTime');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^Fel: Skriv: npm run cli -- policy show/);
    assert.equal(await settings.getSetting(tenantId, REMINDER_POLICY_SETTING), null);
  });

  it('a broken stored policy: show names it and the way out; reset repairs it', async () => {
    await settings.createSetting(tenantId, REMINDER_POLICY_SETTING, { sendTime: 'nio' });
    const show = await cli('policy', 'show');
    assert.equal(show.code, 1);
    assert.match(show.err, /^Fel: Påminnelsepolicyn är ogiltig: sendTime: .*Kör "policy reset"/);
    // set refuses to write on top of it rather than store what the scheduler would refuse.
    assert.equal((await cli('policy', 'set', 'escalateAfter', '2')).code, 1);
    assert.deepEqual((await settings.getSetting(tenantId, REMINDER_POLICY_SETTING))?.value, {
      sendTime: 'nio',
    });

    assert.equal((await cli('policy', 'reset')).code, 0);
    assert.deepEqual(await effective(), DEFAULT_REMINDER_POLICY);
  });

  it('reset: back to the defaults; a second reset changes nothing', async () => {
    assert.equal((await cli('policy', 'set', 'beforeDays', '30')).code, 0);
    assert.equal((await cli('policy', 'set', 'summerPause', 'inget')).code, 0);

    const reset = await cli('policy', 'reset');
    assert.equal(reset.err, '');
    assert.equal(reset.code, 0);
    assert.equal(reset.out, 'Påminnelsepolicyn är återställd till standard.');
    assert.deepEqual(await effective(), DEFAULT_REMINDER_POLICY);
    const show = await cli('policy', 'show');
    assert.equal(show.out.split('\n').filter((line) => line.startsWith('*')).length, 0);

    const again = await cli('policy', 'reset');
    assert.equal(again.code, 0);
    assert.match(again.out, /redan standardpolicyn/);
  });

  it('--tenant: a change for one tenant leaves another at the defaults', async () => {
    const other = newTenantId();
    const run = await cli('policy', 'set', 'sendTime', '11:00', '--tenant', other);
    assert.equal(run.code, 0);
    assert.equal((await effective(other)).sendTime, '11:00');
    assert.deepEqual(await effective(), DEFAULT_REMINDER_POLICY);
    assert.match(lineOf((await cli('policy', 'show')).out, 'sendTime') ?? '', /^ {2}.*09:00/);
    assert.match(
      lineOf((await cli('policy', 'show', '--tenant', other)).out, 'sendTime') ?? '',
      /^\* .*11:00/,
    );

    assert.equal((await cli('policy', 'reset', '--tenant', other)).code, 0);
    assert.equal((await effective(other)).sendTime, '09:00');
  });

  it('concurrent sets: each either lands or says "try again"; none is silently lost', async () => {
    const changes: [string, string, keyof typeof DEFAULT_REMINDER_POLICY][] = [
      ['sendTime', '10:00', 'sendTime'],
      ['escalateAfter', '4', 'escalateAfterOverdue'],
      ['overdueEvery', '5', 'overdueEveryDays'],
      ['noDateEvery', '3', 'noDateEveryDays'],
      ['onDueDate', 'nej', 'remindOnDueDate'],
    ];
    const runs = await Promise.all(changes.map(([key, value]) => cli('policy', 'set', key, value)));
    const stored = (await settings.getSetting(tenantId, REMINDER_POLICY_SETTING))?.value;
    assert.ok(stored && typeof stored === 'object');
    runs.forEach((run, i) => {
      const field = changes[i]?.[2] ?? 'sendTime';
      if (run.code === 0) {
        assert.ok(Object.hasOwn(stored, field), `${field} reported saved but not stored`);
      } else {
        assert.equal(
          run.err,
          'Fel: någon annan ändrade påminnelsepolicyn samtidigt; inget sparades. Försök igen.',
        );
      }
    });
    assert.ok(runs.some((run) => run.code === 0));
  });
});
