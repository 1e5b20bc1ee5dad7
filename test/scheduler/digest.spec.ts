import assert from 'node:assert/strict';
import type { Action, HistoryEvent } from '../../src/domain/types';
import {
  buildDigest,
  ReminderScheduler,
  renderDigest,
  runDigest,
  runReminderPass,
  type DigestContent,
} from '../../src/scheduler';
import { INTERRUPTED_SEND_CODE, type OutboxMessage } from '../../src/storage';
import { addActions, addAudit, chooseDigestChannel, createWorld, TIME_ZONE, type World } from './support';

function action(ref: number, overrides: Partial<Action> & { due?: string | null }): Action {
  const { due = null, ...rest } = overrides;
  return {
    ref,
    auditId: 'audit-1',
    recommendationId: 'R1',
    text: `Åtgärd ${ref}`,
    committee: 'Socialnämnden',
    ownerEmail: 'anna@kommun.se',
    deadline: { date: due, phrase: due ?? 'under året' },
    originalDeadline: { date: due, phrase: due ?? 'under året' },
    status: 'Planerad',
    cancelReason: null,
    lastComment: null,
    deadlineChanges: 0,
    version: 1,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-10T09:00:00.000Z',
    ...rest,
  };
}

function undelivered(overrides: Partial<OutboxMessage>): OutboxMessage {
  return {
    key: 'k',
    kind: 'reminder',
    subject: 'A-4',
    stage: 'overdue-1',
    stageDate: '2026-03-27',
    recipient: 'bo@kommun.se',
    dueAt: '2026-03-27T08:00:00.000Z',
    ref: 4,
    state: 'deadLetter',
    attempts: 1,
    createdAt: '2026-03-27T08:00:00.000Z',
    updatedAt: '2026-03-27T08:00:01.000Z',
    nextAttemptAt: null,
    sendingSince: null,
    conversationId: null,
    activityId: null,
    sentAt: null,
    reason: 'Boten har inte träffat bo@kommun.se i Teams.',
    code: 'UnknownUser',
    etag: '*',
    ...overrides,
  };
}

// The week before Monday 2026-03-30 08:00 (summer time), from Monday 2026-03-23 08:00 (winter time).
const FROM = new Date('2026-03-23T07:00:00Z');
const TO = new Date('2026-03-30T06:00:00Z');

describe('weekly digest content (pure)', () => {
  const actions: Action[] = [
    action(1, {
      createdAt: '2026-03-24T10:00:00.000Z',
      updatedAt: '2026-03-24T10:00:00.000Z',
      due: '2026-04-05',
    }),
    action(2, { status: 'Genomförd', updatedAt: '2026-03-25T12:00:00.000Z', due: '2026-03-31' }),
    action(3, { status: 'Genomförd', updatedAt: '2026-03-10T12:00:00.000Z', due: '2026-03-31' }),
    action(4, { due: '2026-03-20' }),
    action(5, { due: '2026-03-01', committee: 'Barn- och utbildningsnämnden', ownerEmail: null }),
    action(6, { due: '2026-04-20', deadlineChanges: 1, updatedAt: '2026-03-26T09:00:00.000Z' }),
    action(7, { status: 'Avbruten', due: '2026-03-01' }),
    action(8, {
      createdAt: TO.toISOString(),
      due: '2026-04-13',
      text: '[Godkänt](https://evil.example) *nu*',
    }),
  ];
  const history = new Map<number, HistoryEvent[]>([
    [
      6,
      [
        {
          ref: 6,
          seq: 1,
          kind: 'created',
          at: '2026-01-10T09:00:00.000Z',
          by: 'import',
          from: null,
          to: 'Planerad',
          comment: null,
        },
        {
          ref: 6,
          seq: 2,
          kind: 'deadline',
          at: '2026-03-26T09:00:00.000Z',
          by: 'aa01',
          from: '2026-03-31',
          to: '2026-04-20',
          phrase: '2026-04-20',
          comment: 'Väntar på upphandling',
        },
      ],
    ],
  ]);
  const outbox = [
    undelivered({}),
    undelivered({
      state: 'check',
      subject: 'A-1',
      recipient: 'anna@kommun.se',
      updatedAt: '2026-03-26T08:00:00.000Z',
      reason: 'Oklart om meddelandet kom fram',
      code: '500 InternalServerError',
    }),
    undelivered({ updatedAt: '2026-03-10T08:00:00.000Z', subject: 'A-99' }),
    undelivered({ kind: 'digest', subject: 'digest', recipient: 'conversation:19:x' }),
  ];

  it('picks new, done, due within 14 days, overdue by committee, moved deadlines and people not reached', () => {
    const content = buildDigest({
      actions,
      history,
      undelivered: outbox,
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    const refs = (items: Array<{ ref: number }>) => items.map((item) => item.ref);
    assert.equal(content.today, '2026-03-30');
    assert.deepEqual(refs(content.newActions), [1]);
    assert.deepEqual(refs(content.doneActions), [2]);
    assert.deepEqual(refs(content.dueSoon), [1, 8]);
    assert.deepEqual(
      content.overdueByCommittee.map(({ committee, items }) => [
        committee,
        items.map((i) => [i.ref, i.daysOverdue]),
      ]),
      [
        ['Barn- och utbildningsnämnden', [[5, 29]]],
        ['Socialnämnden', [[4, 10]]],
      ],
    );
    assert.deepEqual(content.deadlineChanges, [
      {
        ref: 6,
        text: 'Åtgärd 6',
        committee: 'Socialnämnden',
        from: '2026-03-31',
        to: '2026-04-20',
        reason: 'Väntar på upphandling',
        at: '2026-03-26T09:00:00.000Z',
      },
    ]);
    assert.deepEqual(
      content.unreachable.map((entry) => [entry.recipient, entry.subject, entry.state]),
      [
        ['anna@kommun.se', 'A-1', 'check'],
        ['bo@kommun.se', 'A-4', 'deadLetter'],
      ],
    );
  });

  it('says in Swedish and in English when every owner can be reached', () => {
    const content = buildDigest({
      actions,
      history,
      undelivered: [],
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    assert.match(
      renderDigest(content, TIME_ZONE),
      /\*\*Ägare som boten inte når\*\*\n\nBoten når alla ägare till öppna åtgärder\.$/,
    );
    assert.match(
      renderDigest(content, TIME_ZONE, 'en'),
      /\*\*Owners the bot cannot reach\*\*\n\nThe bot reaches every owner of an open action\.$/,
    );
  });

  it('says why a reminder did not arrive: the reason in Swedish, the connector’s answer in English', () => {
    const cutOff = undelivered({
      state: 'check',
      subject: 'A-2',
      recipient: 'cilla@kommun.se',
      reason: 'Avbröts mitt i sändningen; oklart om meddelandet kom fram. Kontrollera i Teams.',
      code: INTERRUPTED_SEND_CODE,
    });
    const content = buildDigest({
      actions,
      history,
      undelivered: [...outbox, cutOff],
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    const sv = renderDigest(content, TIME_ZONE);
    assert.match(
      sv,
      /- anna@kommun\.se: A-1 overdue-1 – oklart om påminnelsen kom fram, kontrollera \(Oklart om meddelandet kom fram\)/,
    );
    assert.match(
      sv,
      /- cilla@kommun\.se: A-2 overdue-1 – oklart om påminnelsen kom fram, kontrollera \(Avbröts mitt i sändningen;/,
    );
    const en = renderDigest(content, TIME_ZONE, 'en');
    assert.match(
      en,
      /- anna@kommun\.se: A-1 overdue-1 – unclear whether the reminder arrived; please check \(Teams answered 500 InternalServerError\)/,
    );
    assert.match(
      en,
      /- cilla@kommun\.se: A-2 overdue-1 – unclear whether the reminder arrived; please check \(the send was cut off before Teams answered\)/,
    );
    assert.doesNotMatch(en, /Oklart|Avbröts|Interrupted/);
  });

  it('renders each section in Swedish, user text escaped, long sections counted', () => {
    const content = buildDigest({
      actions,
      history,
      undelivered: outbox,
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    const text = renderDigest(content, TIME_ZONE);
    assert.match(text, /^\*\*Veckosammanfattning, vecka 13\*\* \(2026-03-23 08:00 – 2026-03-30 08:00\)/);
    assert.match(text, /\*\*Försenade per nämnd \(2\)\*\*/);
    for (const heading of [
      'Nya åtgärder (1)',
      'Genomförda (1)',
      'Slutdatum inom 14 dagar (2)',
      'Försenade per nämnd',
      'Ändrade slutdatum (1)',
      'Kunde inte nås (2)',
    ]) {
      assert.ok(text.includes(`**${heading}`), heading);
    }
    assert.match(text, /A-6 Åtgärd 6 \(Socialnämnden\): 2026-03-31 → 2026-04-20, "Väntar på upphandling"/);
    assert.match(text, /\\\[Godkänt\\\]\(https:\/\/evil\.example\) \\\*nu\\\*/);
    assert.doesNotMatch(text, /\[Godkänt\]\(/);
    const many: DigestContent = {
      ...content,
      newActions: Array.from({ length: 40 }, (_, i) => ({
        ref: i + 1,
        text: 'x',
        committee: 'K',
        owner: null,
        due: null,
      })),
    };
    assert.match(renderDigest(many, TIME_ZONE), /- … och 25 rader till/);
    const huge: DigestContent = {
      ...content,
      overdueByCommittee: Array.from({ length: 200 }, (_, i) => ({
        committee: `Nämnd ${i} ${'x'.repeat(200)}`,
        items: [
          { ref: i, text: 'y'.repeat(500), committee: 'n', owner: null, due: '2026-01-01', daysOverdue: 88 },
        ],
      })),
    };
    assert.ok(Buffer.byteLength(renderDigest(huge, TIME_ZONE), 'utf8') <= 24_000);
  });
});

describe('weekly digest posting (Azurite + fake Bot Connector)', function () {
  this.timeout(60_000);
  let world: World;
  let channel: string;

  beforeEach(async () => {
    world = await createWorld({ start: '2026-03-20T08:00:00Z' });
    channel = await chooseDigestChannel(world);
  });
  afterEach(() => world.close());

  const posts = () => world.connector.sent.filter((r) => r.kind === 'send' && r.conversationId === channel);

  it('posts on Mondays at 08:00 local on both sides of the daylight-saving changes, once per week', async () => {
    const scheduler = new ReminderScheduler(world.runtime(), { tenants: [world.tenantId] });
    const tick = async (iso: string) => {
      world.clock.set(iso);
      return (await scheduler.tick(new Date(iso))).digests
        .filter((digest) => digest.delivered)
        .map((d) => d.slot);
    };
    assert.deepEqual(await tick('2026-03-23T06:59:00Z'), ['2026-03-16T07:00:00.000Z']); // first start: last week's, once
    assert.deepEqual(await tick('2026-03-23T07:00:00Z'), ['2026-03-23T07:00:00.000Z']); // 08:00 CET
    assert.deepEqual(await tick('2026-03-23T07:01:00Z'), []);
    assert.deepEqual(await tick('2026-03-30T05:59:00Z'), []);
    assert.deepEqual(await tick('2026-03-30T06:00:00Z'), ['2026-03-30T06:00:00.000Z']); // 08:00 CEST
    assert.deepEqual(await tick('2026-03-30T07:00:00Z'), []);
    // Down from April to the end of October: the missed Mondays come as one digest, then the next on time.
    assert.deepEqual(await tick('2026-10-26T06:59:00Z'), ['2026-10-19T06:00:00.000Z']);
    assert.deepEqual(await tick('2026-10-26T07:00:00Z'), ['2026-10-26T07:00:00.000Z']); // 08:00 CET again
    assert.equal(posts().length, 5);
    assert.match(
      posts()[2]!.activity.text ?? '',
      /^\*\*Veckosammanfattning, vecka 13\*\* \(2026-03-23 08:00 – 2026-03-30 08:00\)/,
    );
    await scheduler.stop();
  });

  it('follows a tenant schedule of its own, to a channel known only from `digest här`', async () => {
    await world.settings.upsertSetting(world.tenantId, 'reminderPolicy', { digestCron: '30 7 * * 5' });
    // Chosen in a thread: the bot stored the thread's reference, the setting names the channel and its serviceUrl.
    channel = '19:annan-kanal@thread.tacv2';
    await world.settings.upsertSetting(world.tenantId, 'digestChannel', {
      conversationId: channel,
      serviceUrl: world.connector.url,
    });
    const runtime = world.runtime();
    world.clock.set('2026-03-27T06:30:00Z');
    const report = await runDigest(runtime, world.tenantId, world.clock.now());
    assert.equal(report.slot, '2026-03-27T06:30:00.000Z'); // Friday 07:30 CET
    assert.equal(report.delivered, true);
    assert.equal(posts().length, 1);
  });

  it('posts once when two instances try at once, and lists the owners who could not be reached', async () => {
    await addActions(world, await addAudit(world), [{ owner: 'okand@kommun.se', due: '2026-03-24' }]);
    world.clock.set('2026-03-24T08:00:00Z');
    const pass = await runReminderPass(world.runtime(), world.tenantId, world.clock.now());
    assert.equal(pass.outcomes[0]?.state, 'deadLetter');
    world.clock.set('2026-03-30T06:00:00Z');
    const [a, b] = await Promise.all([
      runDigest(world.runtime(), world.tenantId, world.clock.now()),
      runDigest(world.runtime(), world.tenantId, world.clock.now()),
    ]);
    assert.equal([a, b].filter((r) => r!.delivered).length, 1);
    assert.equal(posts().length, 1);
    const text = posts()[0]!.activity.text ?? '';
    assert.match(
      text,
      /\*\*Kunde inte nås \(1\)\*\*\n\n- okand@kommun\.se: A-1 due – påminnelsen kunde inte levereras/,
    );
    assert.match(text, /\*\*Försenade per nämnd \(1\)\*\*\n\n- \*\*Socialnämnden\*\* \(1\)/);
    // The owner is also named where it says who gets no reminders at all, and why.
    assert.match(
      text,
      /\*\*Ägare som boten inte når \(1\)\*\*\n\n- okand@kommun\.se \(A-1\): ingen Teams-användare som boten har träffat har den e-postadressen\n\nBe dem installera appen/,
    );
  });

  it('posts in English to a channel chosen with `digest here`, every section in English', async () => {
    await chooseDigestChannel(world, channel, 'en');
    await addActions(world, await addAudit(world), [
      { owner: 'okand@kommun.se', due: '2026-03-24' },
      { owner: 'okand@kommun.se', due: '2026-04-01' },
    ]);
    world.clock.set('2026-03-30T06:00:00Z');
    const report = await runDigest(world.runtime(), world.tenantId, world.clock.now());
    assert.equal(report.delivered, true);
    const [post] = posts();
    const text = post!.activity.text ?? '';
    assert.equal(post!.activity.summary, 'Weekly digest');
    assert.match(text, /^\*\*Weekly digest, week 13\*\* \(2026-03-23 08:00 – 2026-03-30 08:00\)/);
    for (const heading of [
      'Overdue by committee (1)',
      'Due within 14 days (1)',
      'Owners the bot cannot reach (1)',
    ]) {
      assert.ok(text.includes(`**${heading}**`), `${heading}: ${text}`);
    }
    assert.match(
      text,
      /- okand@kommun\.se \(A-1, A-2\): no Teams user the bot has met has this e-mail address/,
    );
    assert.match(text, /Ask them to install the app in Teams/);
    assert.doesNotMatch(text, /Veckosammanfattning|Nya åtgärder|slutdatum|ingen ansvarig|Ägare/);
  });

  it('says so when no channel is chosen', async () => {
    await world.settings.upsertSetting(world.tenantId, 'digestChannel', null);
    const report = await runDigest(world.runtime(), world.tenantId, world.clock.now(), { onDemand: true });
    assert.match(report.skipped ?? '', /skadad|digest här/);
    assert.equal(posts().length, 0);
  });
});
