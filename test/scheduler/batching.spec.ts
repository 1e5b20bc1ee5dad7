/**
 * One reminder message per person per pass (over HTTP against the fake Bot Connector): several items owed to one
 * person go out as one activity, a line that says how many and one card that lists them; each item keeps its own
 * outbox row, so nothing already delivered is sent again and a failed batch is retried for what is still owed.
 */
import assert from 'node:assert/strict';
import type { ConversationAccount } from 'botbuilder';
import {
  runReminderPass,
  type PassReport,
  type SchedulerRuntime,
  type SchedulerTuning,
} from '../../src/scheduler';
import { MAX_CARD_BYTES } from '../../src/teams/limits';
import type { RecordedActivity } from '../helpers/fakeConnector';
import {
  addActions,
  addAudit,
  addPerson,
  createWorld,
  person,
  personalChatId,
  sends,
  type Person,
  type World,
} from './support';

const DUE = '2026-03-31';
/** Tuesday 17 March 2026, 09:00 in Stockholm: the 14-day reminder of an action due 2026-03-31. */
const AT = '2026-03-17T08:00:00Z';

async function passAt(world: World, runtime: SchedulerRuntime, iso: string): Promise<PassReport> {
  world.clock.set(iso);
  return runReminderPass(runtime, world.tenantId, new Date(iso));
}

function cardOf(recorded: RecordedActivity | undefined): string {
  const content = recorded?.activity.attachments?.[0]?.content;
  assert.ok(content, 'the message carries a card');
  return JSON.stringify(content);
}

/** The action references a message's card offers to show (one `showAction` button each). */
function shownRefs(recorded: RecordedActivity | undefined): string[] {
  return [...cardOf(recorded).matchAll(/"verb":"showAction","data":\{"ref":"(A-\d+)"\}/g)].map((m) => m[1]!);
}

class Killed extends Error {
  override readonly name = 'Killed';
}

describe('reminders: one message per person per pass', function () {
  this.timeout(60_000);
  let world: World;
  let anna: Person;

  beforeEach(async () => {
    world = await createWorld({ start: '2026-03-01T08:00:00Z' });
    anna = person('Anna Andersson');
    await addPerson(world, anna);
  });
  afterEach(() => world.close());

  it('sends seven items to one person as one message with one card listing them; run again, nothing', async () => {
    const actions = await addActions(
      world,
      await addAudit(world),
      Array.from({ length: 7 }, () => ({ owner: anna, due: DUE })),
    );
    const runtime = world.runtime();
    const report = await passAt(world, runtime, AT);
    assert.equal(report.outcomes.length, 7);
    assert.ok(report.outcomes.every((outcome) => outcome.state === 'sent'));
    const [message, ...more] = sends(world, personalChatId(anna));
    assert.equal(more.length, 0, 'one message');
    assert.equal(
      message!.activity.text,
      `Du har 7 påminnelser i dag. Öppna en åtgärd med Visa på kortet, eller skriv till exempel "visa A-${actions[0]!.ref}".`,
    );
    assert.deepEqual(
      shownRefs(message),
      actions.map((action) => `A-${action.ref}`),
    );
    const card = cardOf(message);
    assert.match(card, /"text":"Påminnelser 2026-03-17"/);
    assert.match(card, /"text":"Dina åtgärder"/);
    assert.match(card, /Planerad · 2026-03-31 · om 14 dagar/);
    // Every row records the one activity.
    assert.deepEqual(new Set(report.outcomes.map((outcome) => outcome.activityId)), new Set([message!.id]));

    assert.deepEqual((await passAt(world, runtime, AT)).outcomes, []);
    assert.deepEqual((await passAt(world, world.runtime(), '2026-03-17T08:15:00Z')).outcomes, []);
    assert.equal(sends(world).length, 1);
  });

  it('keeps the full action card for a single item', async () => {
    const [action] = await addActions(world, await addAudit(world), [{ owner: anna, due: DUE }]);
    await passAt(world, world.runtime(), AT);
    const [message] = sends(world, personalChatId(anna));
    assert.match(
      message!.activity.text ?? '',
      new RegExp(`^Påminnelse: A-${action!.ref} ska vara klar 2026-03-31`),
    );
    assert.match(cardOf(message), /"verb":"setStatus"/);
  });

  it('sends only what is new when one item was delivered already: a message with the other two', async () => {
    const audit = await addAudit(world);
    const [first] = await addActions(world, audit, [{ owner: anna, due: DUE }]);
    const runtime = world.runtime();
    await passAt(world, runtime, AT);
    assert.equal(sends(world).length, 1);
    // Two more actions for Anna, due the same day: their 14-day reminder is owed from the same 09:00.
    const later = await addActions(world, audit, [
      { owner: anna, due: DUE },
      { owner: anna, due: DUE },
    ]);
    const report = await passAt(world, runtime, '2026-03-17T08:15:00Z');
    assert.deepEqual(
      report.outcomes.map((outcome) => `${outcome.state} ${outcome.subject}`).sort(),
      later.map((action) => `sent A-${action.ref}`).sort(),
    );
    const [, second] = sends(world, personalChatId(anna));
    assert.match(second!.activity.text ?? '', /^Du har 2 påminnelser i dag\./);
    assert.deepEqual(
      shownRefs(second),
      later.map((action) => `A-${action.ref}`),
    );
    assert.ok(!shownRefs(second).includes(`A-${first!.ref}`));
  });

  it('a 429 in the middle of a pass: that person’s message waits for a later pass, and nobody gets one twice', async () => {
    const bo = person('Bo Ångström');
    const cecilia = person('Cecilia Carlsson');
    await addPerson(world, bo);
    await addPerson(world, cecilia);
    await addActions(
      world,
      await addAudit(world),
      [anna, bo, cecilia].flatMap((who) => [
        { owner: who, due: DUE },
        { owner: who, due: DUE },
        { owner: who, due: DUE },
      ]),
    );
    // Bo's chat is throttled for longer than a pass waits.
    world.connector.failNext(1, { status: 429, retryAfter: 600 }, { conversationId: personalChatId(bo) });
    const runtime = world.runtime({ concurrency: 1 });
    const first = await passAt(world, runtime, AT);
    const byState = (report: PassReport, state: string) =>
      report.outcomes.filter((outcome) => outcome.state === state).length;
    assert.equal(byState(first, 'sent'), 6);
    assert.equal(byState(first, 'pending'), 3);
    assert.equal(sends(world, personalChatId(bo)).length, 0);
    // Before the Retry-After: nothing; after it: Bo's three items in one message, the others not again.
    assert.deepEqual((await passAt(world, runtime, '2026-03-17T08:05:00Z')).outcomes, []);
    const second = await passAt(world, runtime, '2026-03-17T08:15:00Z');
    assert.equal(byState(second, 'sent'), 3);
    for (const who of [anna, bo, cecilia]) {
      const received = sends(world, personalChatId(who));
      assert.equal(received.length, 1, who.name);
      assert.equal(shownRefs(received[0]).length, 3, who.name);
    }
    const rows = await world.outbox.listMessages(world.tenantId);
    assert.equal(rows.length, 9);
    assert.ok(rows.every((row) => row.state === 'sent'));
  });

  for (const status of [502, 503] as const) {
    it(`a ${status} on a batch is retried within the pass: one message with every item`, async () => {
      await addActions(world, await addAudit(world), [
        { owner: anna, due: DUE },
        { owner: anna, due: DUE },
      ]);
      world.connector.failNext(2, { status });
      const report = await passAt(world, world.runtime(), AT);
      assert.deepEqual(
        report.outcomes.map((outcome) => [outcome.state, outcome.attempts]),
        [
          ['sent', 3],
          ['sent', 3],
        ],
      );
      assert.equal(sends(world, personalChatId(anna)).length, 1);
    });
  }

  it('a 500 after Teams accepted a batch: every item of it goes to check, and none is sent again', async () => {
    await addActions(world, await addAudit(world), [
      { owner: anna, due: DUE },
      { owner: anna, due: DUE },
    ]);
    world.connector.failNext(1, { status: 500, afterAccept: true });
    const runtime = world.runtime();
    const report = await passAt(world, runtime, AT);
    assert.deepEqual(
      report.outcomes.map((outcome) => outcome.state),
      ['check', 'check'],
    );
    assert.deepEqual((await passAt(world, runtime, '2026-03-17T10:00:00Z')).outcomes, []);
    assert.equal(sends(world).length, 1);
  });

  describe('a process killed mid-batch', () => {
    const crash = (hook: keyof NonNullable<SchedulerTuning['hooks']>): SchedulerTuning => ({
      hooks: {
        [hook]: () => {
          throw new Killed(`killed at ${hook}`);
        },
      },
    });

    beforeEach(async () => {
      await addActions(world, await addAudit(world), [
        { owner: anna, due: DUE },
        { owner: anna, due: DUE },
        { owner: anna, due: DUE },
      ]);
    });

    it('before anything was marked sending: the restarted process sends the batch, once', async () => {
      await assert.rejects(passAt(world, world.runtime(crash('afterCreate')), AT), Killed);
      const restarted = await passAt(world, world.runtime(), '2026-03-17T08:01:00Z');
      assert.equal(restarted.outcomes.filter((outcome) => outcome.state === 'sent').length, 3);
      assert.equal(sends(world).length, 1);
      assert.equal(shownRefs(sends(world)[0]).length, 3);
    });

    for (const hook of ['beforeSend', 'afterSend'] as const) {
      it(`at ${hook}: every row of the batch is marked for checking together, nothing is sent again`, async () => {
        await assert.rejects(passAt(world, world.runtime(crash(hook)), AT), Killed);
        const delivered = sends(world).length;
        assert.equal(delivered, hook === 'afterSend' ? 1 : 0);
        const rows = await world.outbox.listMessages(world.tenantId);
        assert.deepEqual(
          rows.map((row) => row.state),
          ['sending', 'sending', 'sending'],
        );
        const later = await passAt(world, world.runtime(), '2026-03-17T08:11:00Z');
        assert.equal(later.markedForCheck.length, 3);
        assert.deepEqual(later.outcomes, []);
        assert.deepEqual((await passAt(world, world.runtime(), '2026-03-17T09:00:00Z')).outcomes, []);
        assert.equal(sends(world).length, delivered);
      });
    }
  });

  it('pages into a second card only when one card cannot hold the items, each within the size limit', async () => {
    const long = 'Rutin för egenkontroll av barnkonsekvensanalyser tas fram och dokumenteras. '.repeat(4);
    const actions = await addActions(
      world,
      await addAudit(world),
      Array.from({ length: 45 }, (_, i) => ({ owner: anna, due: DUE, text: `${long} (${i})` })),
    );
    await passAt(world, world.runtime(), AT);
    const received = sends(world, personalChatId(anna));
    assert.ok(received.length >= 2, `${received.length} messages`);
    assert.ok(received.length <= 3, `${received.length} messages`);
    received.forEach((message, index) => {
      assert.ok(Buffer.byteLength(cardOf(message), 'utf8') <= MAX_CARD_BYTES);
      assert.match(message.activity.text ?? '', new RegExp(`\\(del ${index + 1} av ${received.length}\\)`));
    });
    const refs = received.flatMap(shownRefs);
    assert.deepEqual(refs.sort(), actions.map((action) => `A-${action.ref}`).sort());
  });

  it('batches escalations to the chair into one message, in their own section', async () => {
    const chair = person('Cecilia Carlsson');
    await addPerson(world, chair);
    await world.roles.addRole(world.tenantId, { role: 'chair', principal: chair.email, committee: null });
    const bo = person('Bo Ångström');
    await addPerson(world, bo);
    const actions = await addActions(world, await addAudit(world), [
      { owner: anna, due: DUE },
      { owner: bo, due: DUE },
    ]);
    // Four weeks overdue: the escalation of both, to the chair.
    const report = await passAt(world, world.runtime(), '2026-04-28T07:00:00Z');
    assert.equal(report.outcomes.filter((outcome) => outcome.kind === 'escalation').length, 2);
    const toChair = sends(world, personalChatId(chair));
    assert.equal(toChair.length, 1);
    assert.match(
      toChair[0]!.activity.text ?? '',
      /^Du har 2 påminnelser i dag, varav 2 om försenade åtgärder\./,
    );
    const card = cardOf(toChair[0]);
    assert.match(card, /"text":"Försenade åtgärder som eskalerats till dig"/);
    assert.match(card, /Socialnämnden, ansvarig anna\.andersson@kommun\.se, inte klar efter slutdatumet/);
    assert.deepEqual(
      shownRefs(toChair[0]),
      actions.map((action) => `A-${action.ref}`),
    );
  });
});

describe('reminders in each person’s language', function () {
  this.timeout(60_000);
  let world: World;

  beforeEach(async () => {
    world = await createWorld({ start: '2026-03-01T08:00:00Z' });
  });
  afterEach(() => world.close());

  /** Stores the person's chat as Teams would, with the client's locale. */
  async function chatWithLocale(who: Person, locale: string): Promise<void> {
    await world.conversations.upsertConversation(
      world.tenantId,
      {
        channelId: 'msteams',
        serviceUrl: world.connector.url,
        locale,
        bot: { id: '28:bot-id', name: 'Revisionsuppföljning' },
        user: { id: who.teamsId, name: who.name, aadObjectId: who.aadObjectId },
        conversation: {
          id: personalChatId(who),
          conversationType: 'personal',
          tenantId: world.tenantId,
          isGroup: false,
          name: '',
        } as ConversationAccount,
      },
      { userAadObjectId: who.aadObjectId, now: world.clock.now() },
    );
  }

  it('writes to someone who last wrote in English in English: the line, the card, the buttons', async () => {
    const emma = person('Emma Evans');
    await addPerson(world, emma);
    await world.users.upsertUser(world.tenantId, { ...emma, language: 'en' });
    const actions = await addActions(world, await addAudit(world), [
      { owner: emma, due: DUE },
      { owner: emma, due: '2026-03-10' },
    ]);
    await passAt(world, world.runtime(), AT);
    const [message] = sends(world, personalChatId(emma));
    assert.equal(
      message!.activity.text,
      `You have 2 reminders today, 1 of them about overdue actions. Open an action with Show on the card, or write for example "show A-${actions[1]!.ref}".`,
    );
    const card = cardOf(message);
    assert.match(card, /"text":"Reminders 2026-03-17"/);
    assert.match(card, /"text":"Your actions"/);
    assert.match(card, /"title":"Show"/);
    assert.match(card, /Overdue \(7 days\) · 2026-03-10/);
    assert.match(card, /Planned · 2026-03-31 · in 14 days/);
    assert.doesNotMatch(card, /Påminnelser|Dina åtgärder|Planerad|Försenad|"Visa"/);
  });

  it('a single reminder in English: the sentence and the action card', async () => {
    const emma = person('Emma Evans');
    await addPerson(world, emma);
    await world.users.upsertUser(world.tenantId, { ...emma, language: 'en' });
    const [action] = await addActions(world, await addAudit(world), [{ owner: emma, due: DUE }]);
    await passAt(world, world.runtime(), AT);
    const [message] = sends(world, personalChatId(emma));
    assert.match(
      message!.activity.text ?? '',
      new RegExp(`^Reminder: A-${action!.ref} is due 2026-03-31, in 14 days\\.`),
    );
    assert.match(cardOf(message), /"title":"Done"/);
  });

  it('goes by the Teams locale when the person has not written yet, and by what they wrote over it', async () => {
    const frank = person('Frank Foster');
    const greta = person('Greta Gustafsson');
    for (const who of [frank, greta]) {
      await addPerson(world, who, { chat: false });
      await chatWithLocale(who, 'en-US');
    }
    // Greta's client is English, but she writes Swedish.
    await world.users.upsertUser(world.tenantId, { ...greta, language: 'sv' });
    await addActions(world, await addAudit(world), [
      { owner: frank, due: DUE },
      { owner: frank, due: DUE },
      { owner: greta, due: DUE },
      { owner: greta, due: DUE },
    ]);
    await passAt(world, world.runtime(), AT);
    assert.match(
      sends(world, personalChatId(frank))[0]!.activity.text ?? '',
      /^You have 2 reminders today\./,
    );
    assert.match(
      sends(world, personalChatId(greta))[0]!.activity.text ?? '',
      /^Du har 2 påminnelser i dag\./,
    );
  });

  it('escalates in English to an English-speaking chair', async () => {
    const chair = person('Harriet Hughes');
    await addPerson(world, chair);
    await world.users.upsertUser(world.tenantId, { ...chair, language: 'en' });
    await world.roles.addRole(world.tenantId, { role: 'chair', principal: chair.email, committee: null });
    const anna = person('Anna Andersson');
    await addPerson(world, anna);
    const [action] = await addActions(world, await addAudit(world), [{ owner: anna, due: DUE }]);
    await passAt(world, world.runtime(), '2026-04-28T07:00:00Z');
    const [toChair] = sends(world, personalChatId(chair));
    assert.match(
      toChair!.activity.text ?? '',
      new RegExp(`^Escalation: A-${action!.ref} \\(Socialnämnden, owner anna`),
    );
    // The owner, who has not written in English, is reminded in Swedish.
    assert.match(sends(world, personalChatId(anna))[0]!.activity.text ?? '', /^Påminnelse: /);
  });

  it("reminds an English coordinator of the committee's response date in English", async () => {
    const coordinator = person('Ian Irving');
    await addPerson(world, coordinator);
    await world.users.upsertUser(world.tenantId, { ...coordinator, language: 'en' });
    await world.roles.addRole(world.tenantId, {
      role: 'coordinator',
      principal: coordinator.email,
      committee: 'Socialnämnden',
    });
    await addAudit(world, {
      title: 'Granskning av barnkonventionen',
      responseDue: [{ committee: 'Socialnämnden', due: '2026-05-29' }],
    });
    await passAt(world, world.runtime(), '2026-05-29T07:00:00Z');
    const [message] = sends(world, personalChatId(coordinator));
    assert.equal(
      message!.activity.text,
      'Reminder: Socialnämnden is to respond to the audit "Granskning av barnkonventionen" by 2026-05-29 (today).',
    );
  });
});
