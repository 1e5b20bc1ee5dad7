import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { runReminderPass, type PassReport } from '../../src/scheduler';
import { outboxKey, outboxMessageId, type OutboxDraft } from '../../src/storage';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest, type CliRun } from '../helpers/cli';
import {
  addActions,
  addPerson,
  addAudit,
  createWorld,
  person,
  personalChatId,
  sends,
  type Person,
  type World,
} from '../scheduler/support';

/** The before-14 reminder of an action due 2026-03-31 goes out at 09:00 Stockholm on 2026-03-17. */
const FIRST_PASS = '2026-03-17T08:00:00Z';
const NEXT_PASS = '2026-03-17T08:15:00Z';

async function passAt(world: World, iso: string): Promise<PassReport> {
  world.clock.set(iso);
  return runReminderPass(world.runtime(), world.tenantId, new Date(iso));
}

async function outbox(world: World, argv: string[], now = '2026-03-17T09:00:00Z'): Promise<CliRun> {
  return runCliForTest(['outbox', ...argv], {
    connectionString: (await testAzurite()).connectionString,
    tenantId: world.tenantId,
    now: new Date(now),
  });
}

/** The id `outbox list` prints for the one message in `check`. */
function listedId(run: CliRun): string {
  const match = /^ {2}([0-9a-f]{8}) {2}påminnelse A-1 \(before-14\)/m.exec(run.out);
  assert.ok(match?.[1], `no listed id in:\n${run.out}`);
  return match[1];
}

describe('cli outbox list and settle (Azurite + fake Bot Connector)', function () {
  this.timeout(60_000);
  let world: World;
  let anna: Person;

  beforeEach(async () => {
    world = await createWorld({ start: '2026-03-01T08:00:00Z' });
    anna = person('Anna Andersson');
    await addPerson(world, anna);
    await addActions(world, await addAudit(world), [{ owner: anna, due: '2026-03-31' }]);
    // Teams takes the reminder but answers 500: nobody can tell whether it arrived.
    world.connector.failNext(1, { status: 500, afterAccept: true });
    const pass = await passAt(world, FIRST_PASS);
    assert.equal(pass.outcomes[0]?.state, 'check');
  });
  afterEach(() => world.close());

  it('lists the message to check with an id, what, to whom, when and why; dead letters apart', async () => {
    const run = await outbox(world, ['list']);
    assert.equal(run.code, 0, run.err);
    const lines = run.out.split('\n');
    assert.match(lines[0] ?? '', /^Att kontrollera för klient .* \(1\): oklart om meddelandet kom fram\.$/);
    assert.match(
      lines[1] ?? '',
      new RegExp(
        `^ {2}[0-9a-f]{8} {2}påminnelse A-1 \\(before-14\\) → ${anna.email}, 2026-03-17 09:00: 500 \\S+: .+`,
      ),
    );
    assert.match(run.out, /outbox settle <id> delivered \(kom fram\) eller resend/);
    assert.match(
      run.out,
      /\n\nKunde inte levereras de senaste 7 dagarna \(0\): skickas inte igen.*\n {2}Inget\.$/,
    );
    const [row] = await world.outbox.listMessages(world.tenantId, { states: ['check'] });
    assert.equal(listedId(run), outboxMessageId(row!.key).slice(0, 8));
  });

  it('settle delivered: check -> sent, and nothing is sent, now or in the next pass', async () => {
    const id = listedId(await outbox(world, ['list']));
    const run = await outbox(world, ['settle', id, 'delivered']);
    assert.equal(run.code, 0, run.err);
    assert.match(
      run.out,
      new RegExp(
        `^Meddelandet ${id} \\(påminnelse A-1 \\(before-14\\) → ${anna.email}\\) är markerat som levererat`,
      ),
    );
    const [row] = await world.outbox.listMessages(world.tenantId);
    assert.equal(row?.state, 'sent');
    assert.equal(row.sentAt, '2026-03-17T09:00:00.000Z');
    assert.match(row.reason ?? '', /Bekräftat levererat av kommandoraden/);
    assert.equal(sends(world).length, 1);
    assert.deepEqual((await passAt(world, NEXT_PASS)).outcomes, []);
    assert.equal(sends(world).length, 1);
    assert.match((await outbox(world, ['list'])).out, /\(0\): oklart om meddelandet kom fram\.\n {2}Inget\./);
  });

  it('settle resend: check -> pending, and the next pass sends it once', async () => {
    const id = listedId(await outbox(world, ['list']));
    // Any case, and any unambiguous prefix of six or more characters.
    const run = await outbox(world, ['settle', id.slice(0, 6).toUpperCase(), 'resend']);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /skickas igen vid nästa påminnelsekörning, om det fortfarande är aktuellt/);
    const [row] = await world.outbox.listMessages(world.tenantId);
    assert.equal(row?.state, 'pending');
    assert.equal(sends(world).length, 1, 'settling sends nothing itself');
    const next = await passAt(world, NEXT_PASS);
    assert.equal(next.outcomes[0]?.state, 'sent');
    assert.equal(sends(world, personalChatId(anna)).length, 2);
    assert.deepEqual((await passAt(world, '2026-03-17T08:30:00Z')).outcomes, []);
    assert.equal(sends(world).length, 2);
  });

  it('refuses an unknown id, a settled message, a bad id and a bad verdict in one line, exit 1', async () => {
    const id = listedId(await outbox(world, ['list']));
    const cases: Array<[string[], RegExp]> = [
      [['settle', 'abcdef12', 'delivered'], /^Fel: Inget meddelande i utkorgen har id abcdef12\.$/],
      [['settle', 'xyz', 'delivered'], /^Fel: "xyz" är inget meddelande-id; .*minst 6 tecken/],
      [['settle', id.slice(0, 5), 'delivered'], /^Fel: "[0-9a-f]{5}" är inget meddelande-id/],
      [['settle', id, 'maybe'], /^Fel: Okänt beslut "maybe"; skriv delivered .* eller resend/],
      [['settle', id], /^Fel: Skriv: npm run cli -- outbox list \[--days <n>\] \| outbox settle/],
      [['list', '--days', 'tio'], /^Fel: --days "tio" ska vara ett antal dagar 0–365/],
    ];
    for (const [argv, expected] of cases) {
      const run = await outbox(world, argv);
      assert.equal(run.code, 1, argv.join(' '));
      assert.match(run.err, expected);
      assert.equal(run.err.split('\n').length, 1, run.err);
    }
    assert.equal((await outbox(world, ['settle', id, 'delivered'])).code, 0);
    const again = await outbox(world, ['settle', id, 'resend']);
    assert.equal(again.code, 1);
    assert.equal(again.err, `Fel: Meddelandet ${id} ska inte kontrolleras: det är redan levererat.`);
    const [row] = await world.outbox.listMessages(world.tenantId);
    assert.equal(row?.state, 'sent', 'the refused verdict changed nothing');
  });

  it('lets one of two verdicts given at once win; the other is told and changes nothing', async () => {
    const id = listedId(await outbox(world, ['list']));
    const runs = await Promise.all([
      outbox(world, ['settle', id, 'delivered']),
      outbox(world, ['settle', id, 'resend']),
    ]);
    assert.deepEqual(runs.map((run) => run.code).sort(), [0, 1]);
    const loser = runs.find((run) => run.code === 1)!;
    assert.match(
      loser.err,
      /^Fel: Meddelandet [0-9a-f]{8} (ändrades av någon annan just nu|ska inte kontrolleras)/,
    );
    const winner = runs.find((run) => run.code === 0)!;
    const [row] = await world.outbox.listMessages(world.tenantId);
    assert.equal(row?.state, /levererat/.test(winner.out) ? 'sent' : 'pending');
  });

  it('shows dead letters of the last days apart, and --days 0 leaves them out', async () => {
    await addActions(world, await addAudit(world), [{ owner: 'okand@kommun.se', due: '2026-03-31' }]);
    await passAt(world, NEXT_PASS);
    const run = await outbox(world, ['list', '--days', '3']);
    assert.equal(run.code, 0, run.err);
    const [, deadPart] = run.out.split('\n\n');
    assert.match(
      deadPart ?? '',
      /^Kunde inte levereras de senaste 3 dagarna \(1\).*\n {2}[0-9a-f]{8} {2}påminnelse A-2 \(before-14\) → okand@kommun\.se, 2026-03-17 09:15: UnknownUser: /,
    );
    assert.doesNotMatch(run.out.split('\n\n')[0] ?? '', /A-2/);
    const later = await outbox(world, ['list', '--days', '3'], '2026-03-21T09:00:00Z');
    assert.match(later.out, /senaste 3 dagarna \(0\)/);
    const oneDay = await outbox(world, ['list', '--days', '1'], '2026-03-21T09:00:00Z');
    assert.match(oneDay.out, /Kunde inte levereras den senaste dagen \(0\)/);
    const none = await outbox(world, ['list', '--days', '0']);
    assert.doesNotMatch(none.out, /Kunde inte levereras/);
  });

  it('refuses to resend a weekly digest from the outbox, but settles it as delivered', async () => {
    const digest: OutboxDraft = {
      kind: 'digest',
      subject: 'digest',
      stage: '2026-03-16T07:00:00.000Z',
      stageDate: '2026-03-16',
      recipient: 'conversation:19:general@thread.tacv2',
      dueAt: '2026-03-16T07:00:00.000Z',
      ref: null,
    };
    const created = await world.outbox.createMessage(world.tenantId, digest, { now: world.clock.now() });
    const sending = await world.outbox.moveMessage(world.tenantId, created, 'sending', {
      now: world.clock.now(),
    });
    await world.outbox.moveMessage(world.tenantId, sending, 'check', {
      now: world.clock.now(),
      reason: 'Timeout',
    });
    const id = outboxMessageId(outboxKey(digest)).slice(0, 8);
    const listed = await outbox(world, ['list']);
    assert.match(
      listed.out,
      new RegExp(`^ {2}${id} {2}veckosammanfattning 2026-03-16 → conversation:19:general`, 'm'),
    );
    const resend = await outbox(world, ['settle', id, 'resend']);
    assert.equal(resend.code, 1);
    assert.match(
      resend.err,
      /^Fel: Meddelandet [0-9a-f]{8} är en veckosammanfattning, .*npm run cli -- digest/,
    );
    assert.equal((await world.outbox.getMessage(world.tenantId, outboxKey(digest))).state, 'check');
    assert.equal((await outbox(world, ['settle', id, 'delivered'])).code, 0);
    assert.equal((await world.outbox.getMessage(world.tenantId, outboxKey(digest))).state, 'sent');
  });

  it('asks for more characters when an id prefix fits two messages', async () => {
    // Two recipients whose keys' hashes share their first six hex digits (found by trying, ~4,000 tries).
    const base = {
      kind: 'reminder',
      subject: 'A-9',
      stage: 'due',
      stageDate: '2026-03-17',
      dueAt: '2026-03-17T08:00:00.000Z',
      ref: 9,
    } as const;
    const seen = new Map<string, string>();
    let pair: [string, string] | null = null;
    for (let n = 0; pair === null; n++) {
      const recipient = `p${n}@kommun.se`;
      const key = outboxKey({ ...base, recipient });
      const prefix = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 6);
      const other = seen.get(prefix);
      if (other !== undefined) pair = [other, recipient];
      else seen.set(prefix, recipient);
    }
    for (const recipient of pair) {
      const created = await world.outbox.createMessage(
        world.tenantId,
        { ...base, recipient },
        {
          now: world.clock.now(),
        },
      );
      const sending = await world.outbox.moveMessage(world.tenantId, created, 'sending', {
        now: world.clock.now(),
      });
      await world.outbox.moveMessage(world.tenantId, sending, 'check', { now: world.clock.now() });
    }
    const prefix = outboxMessageId(outboxKey({ ...base, recipient: pair[0] })).slice(0, 6);
    const run = await outbox(world, ['settle', prefix, 'delivered']);
    assert.equal(run.code, 1);
    assert.equal(run.err, `Fel: Id ${prefix} passar 2 meddelanden; skriv fler tecken av id:t.`);
    const full = outboxMessageId(outboxKey({ ...base, recipient: pair[0] }));
    assert.equal((await outbox(world, ['settle', full, 'delivered'])).code, 0);
  });
});
