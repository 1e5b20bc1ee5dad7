/**
 * The reminder pass installs the app through Microsoft Graph for owners the bot has never met
 * (`GRAPH_INSTALL_ENABLED`), over HTTP end to end: the real bot behind its server, a real Azurite, the fake Bot
 * Connector, and a fake Graph that, once it has installed the app, delivers the personal install activities to the
 * bot's `/api/messages` as Teams does. The bot links the person from that activity, and the pass sends to them.
 *
 * The e2e audits have two owners, Anna (A-1 overdue) and Bo (A-3, A-4 overdue); in a fresh tenant the bot has met
 * neither.
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import {
  createSchedulerRuntime,
  runReminderPass,
  type DeliveryOutcome,
  type SchedulerConfig,
  type SchedulerRuntime,
} from '../../../src/scheduler';
import { ConversationRepository, OutboxRepository, SettingsRepository } from '../../../src/storage';
import {
  BOT,
  channelConversationId,
  conversationUpdateMembersAdded,
  installationUpdate,
  personalConversationId,
  users,
  type TestUser,
} from '../../helpers/activities';
import { startFakeGraph, type FakeGraph } from '../../helpers/fakeGraph';
import { FAST_TUNING, ManualClock, TIME_ZONE } from '../../scheduler/support';
import { onlyReply, useWorld, type Tenant, type World } from './world';

const CATALOG_ID = '3f1a8a4e-6f0b-4c1e-9d55-0a1b2c3d4e5f';
const PASS_AT = new Date('2026-03-02T08:00:00Z');
const GRAPH_TOKEN = 'graph-test-token';

describe('e2e: the reminder pass installs the app through Microsoft Graph for owners it cannot reach', function () {
  let world: World;
  let t: Tenant;
  let graph: FakeGraph;
  let clock: ManualClock;
  let logLines: Array<{ level: number; msg: string; permission?: string }>;
  let outbox: OutboxRepository;

  useWorld({
    started: (started) => {
      world = started;
      outbox = new OutboxRepository(world.tables.outbox);
    },
    tenant: (tenant) => (t = tenant),
  });

  beforeEach(async () => {
    clock = new ManualClock(PASS_AT);
    logLines = [];
    graph = await startGraph([users.anna, users.bo]);
  });

  /**
   * A fake Graph whose directory holds these people. Unless `teams` is false, it then does what Teams does once the
   * app is installed: the personal install activities reach the bot's endpoint.
   */
  async function startGraph(directory: TestUser[], teams = true): Promise<FakeGraph> {
    const started = await startFakeGraph({
      token: GRAPH_TOKEN,
      catalogAppIds: [CATALOG_ID],
      ...(teams
        ? {
            onInstall: async (installed) => {
              const who = directory.find((user) => user.aadObjectId === installed.id);
              assert.ok(who, `the fake Graph installed for a stranger: ${installed.userPrincipalName}`);
              await deliverInstall(who);
            },
          }
        : {}),
    });
    for (const who of directory) started.addUser(who.email, who.aadObjectId);
    return started;
  }

  afterEach(async () => {
    await graph.installsDelivered();
    await graph.close();
  });

  /** Posts the personal `installationUpdate` and `conversationUpdate` Teams sends after an install. */
  async function deliverInstall(who: TestUser): Promise<void> {
    const place = { serviceUrl: world.bot.connector.url, tenantId: t.id, from: who };
    for (const activity of [
      installationUpdate({ ...place, conversationType: 'personal' }),
      conversationUpdateMembersAdded({ ...place, conversationType: 'personal' }),
    ]) {
      const result = await world.bot.post(activity);
      assert.equal(result.status, 200, JSON.stringify(result.body));
    }
  }

  /** The scheduler as the server builds it from its configuration, with Graph installs on unless told otherwise. */
  function runtime(config: Partial<SchedulerConfig> = {}, linkTimeoutMs = 5_000): SchedulerRuntime {
    return createSchedulerRuntime(
      world.tables,
      {
        timeZone: TIME_ZONE,
        adminAadIds: [],
        localMode: true,
        microsoftAppId: null,
        graphInstallEnabled: true,
        teamsAppCatalogId: CATALOG_ID,
        graphBaseUrl: graph.url,
        microsoftAppTenantId: t.id,
        ...config,
      },
      {
        log: pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) }),
        clock,
        tuning: FAST_TUNING,
        graph: {
          credential: {
            getToken: async () => ({ token: GRAPH_TOKEN, expiresOnTimestamp: Date.now() + 3.6e6 }),
          },
          linkPollMs: 25,
          linkTimeoutMs,
        },
      },
    );
  }

  async function pass(scheduler: SchedulerRuntime): Promise<DeliveryOutcome[]> {
    const report = await runReminderPass(scheduler, t.id, PASS_AT);
    assert.equal(report.ran, true);
    assert.deepEqual(report.errors, []);
    return report.outcomes;
  }

  const of = (outcomes: DeliveryOutcome[], who: TestUser) =>
    outcomes.filter((outcome) => outcome.recipient === who.email);
  const sentTo = (who: TestUser) =>
    world.bot.connector.sent.filter(
      (recorded) => recorded.kind === 'send' && recorded.conversationId === personalConversationId(who, t.id),
    );
  const installCalls = () => graph.requests.filter((request) => request.method === 'POST');

  it('installs the app for both owners, waits for the bot to link them, and sends in the same pass', async () => {
    const outcomes = await pass(runtime());
    for (const who of [users.anna, users.bo]) {
      const mine = of(outcomes, who);
      assert.ok(mine.length >= 1, `no reminder owed to ${who.email}`);
      assert.deepEqual(
        mine.map((outcome) => outcome.state),
        mine.map(() => 'sent'),
        `${who.email}: ${JSON.stringify(mine)}`,
      );
      // One message per person, in the chat the install activity gave the bot.
      assert.equal(sentTo(who).length, 1, `${who.email} got ${sentTo(who).length} messages`);
      const linked = await world.usersRepo.findUserByEmail(t.id, who.email);
      assert.equal(linked?.aadObjectId, who.aadObjectId);
    }
    assert.deepEqual(graph.installs.map((install) => install.userId).sort(), [
      users.anna.aadObjectId,
      users.bo.aadObjectId,
    ]);
    // The binding names the app in the catalog, on the Graph configured.
    assert.deepEqual(installCalls()[0]?.body, {
      'teamsApp@odata.bind': `${graph.url}/appCatalogs/teamsApps/${CATALOG_ID}`,
    });

    // The next pass owes nothing more and asks Graph nothing: both are known now.
    const requests = graph.requests.length;
    assert.deepEqual(await pass(runtime()), []);
    assert.equal(graph.requests.length, requests);
    for (const who of [users.anna, users.bo]) assert.equal(sentTo(who).length, 1);
  });

  it('leaves the rows pending when the install activity does not come in time; the next pass sends them once', async () => {
    await graph.close();
    graph = await startGraph([users.bo], false);
    // A short wait: nothing will come.
    const scheduler = runtime({}, 300);
    const first = of(await pass(scheduler), users.bo);
    assert.ok(first.length >= 1);
    for (const outcome of first) {
      assert.equal(outcome.state, 'pending');
      assert.equal(outcome.code, 'GraphInstallPending');
    }
    assert.equal(sentTo(users.bo).length, 0);

    // Teams delivers the install late; the next pass finds Bo linked and sends, without asking Graph again.
    await deliverInstall(users.bo);
    const requests = graph.requests.length;
    const second = of(await pass(scheduler), users.bo);
    assert.deepEqual(
      second.map((outcome) => outcome.state),
      first.map(() => 'sent'),
    );
    assert.equal(graph.requests.length, requests);
    assert.equal(sentTo(users.bo).length, 1);
  });

  it('409 (installed already, but the bot never got the install): leaves the rows pending with the reason', async () => {
    graph.markInstalled(users.bo.aadObjectId, CATALOG_ID);
    const outcomes = of(await pass(runtime()), users.bo);
    assert.ok(outcomes.length >= 1);
    for (const outcome of outcomes) {
      assert.equal(outcome.state, 'pending');
      assert.equal(outcome.code, 'GraphAlreadyInstalled');
      assert.match(outcome.reason ?? '', /409/);
    }
    assert.equal(sentTo(users.bo).length, 0);
    const rows = (await outbox.listMessages(t.id, { states: ['pending'] })).filter(
      (row) => row.recipient === users.bo.email,
    );
    assert.ok(rows.every((row) => row.code === 'GraphAlreadyInstalled' && row.attempts === 0));

    // Once the bot hears of Bo (here: Teams delivers his install after all), the next pass reaches him, once.
    await deliverInstall(users.bo);
    const next = of(await pass(runtime()), users.bo);
    assert.deepEqual(
      next.map((outcome) => outcome.state),
      outcomes.map(() => 'sent'),
    );
    assert.equal(sentTo(users.bo).length, 1);
  });

  it('409, and the person is in a team the bot is in: reached by object id through the team, in the same pass', async () => {
    graph.markInstalled(users.bo.aadObjectId, CATALOG_ID);
    // A team channel the bot knows, whose roster it never read: Bo is a member, but the bot has not linked him.
    const channel = channelConversationId();
    await new ConversationRepository(world.tables.conversations).upsertConversation(
      t.id,
      {
        channelId: 'msteams',
        serviceUrl: world.bot.connector.url,
        bot: { id: BOT.id, name: BOT.name },
        conversation: { id: channel, conversationType: 'channel', tenantId: t.id, isGroup: true, name: '' },
      },
      { now: PASS_AT },
    );
    const outcomes = of(await pass(runtime()), users.bo);
    assert.ok(outcomes.length >= 1);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.state),
      outcomes.map(() => 'sent'),
      JSON.stringify(outcomes),
    );
    const created = world.bot.connector.sent.filter(
      (recorded) =>
        recorded.kind === 'create' &&
        JSON.stringify(recorded.parameters?.members) === JSON.stringify([{ id: users.bo.id }]),
    );
    assert.equal(created.length, 1, 'a 1:1 chat opened with Bo through the team');
    const chat = await new ConversationRepository(world.tables.conversations).findPersonalConversation(
      t.id,
      users.bo.aadObjectId,
    );
    assert.equal(chat?.conversationId, created[0]?.conversationId);
    assert.equal(graph.installs.length, 1, 'only Anna was installed for; Bo had the app');
  });

  it('404 (no such user): dead-letters the rows, and oåtkomliga / unreachable says Graph refused', async () => {
    await graph.close();
    // Bo is in the directory; Anna's address is nobody's.
    graph = await startGraph([users.bo]);
    const outcomes = of(await pass(runtime()), users.anna);
    assert.ok(outcomes.length >= 1);
    for (const outcome of outcomes) {
      assert.equal(outcome.state, 'deadLetter');
      assert.equal(outcome.code, 'GraphUserNotFound');
    }
    assert.equal(sentTo(users.anna).length, 0);
    assert.equal(sentTo(users.bo).length, 1, 'Bo, in the directory, was installed for and reached');

    const sv = onlyReply(await t.send('oåtkomliga', { from: users.admin })).text;
    assert.match(
      sv,
      new RegExp(
        `${escape(users.anna.email)} \\(A-1, A-2, A-5\\): installationen via Microsoft Graph nekades: ingen användare`,
      ),
    );
    const en = onlyReply(await t.send('unreachable', { from: users.admin, locale: 'en-US' })).text;
    assert.match(
      en,
      /Graph install refused: no user in the organisation’s directory has this e-mail address/,
    );
  });

  it('403 (permission missing): one install call for all owners, one log line for the admin, shown as unreachable', async () => {
    graph.setPermissions(['User.Read.All']);
    const outcomes = await pass(runtime());
    for (const who of [users.anna, users.bo]) {
      const mine = of(outcomes, who);
      assert.ok(mine.length >= 1);
      for (const outcome of mine) {
        assert.equal(outcome.state, 'deadLetter');
        assert.equal(outcome.code, 'GraphForbidden');
        assert.match(outcome.reason ?? '', /TeamsAppInstallation\.ReadWriteForUser\.All/);
      }
    }
    // One at a time until one succeeds: the first 403 stops the rest before they ask Graph.
    assert.equal(
      installCalls().length,
      1,
      JSON.stringify(graph.requests.map((r) => `${r.method} ${r.status}`)),
    );
    assert.equal(graph.requests.length, 2, 'one user lookup and one install, for two owners');
    const told = logLines.filter((line) => line.permission !== undefined);
    assert.equal(told.length, 1, JSON.stringify(logLines));
    assert.equal(told[0]?.level, 50, 'logged as an error');
    assert.equal(told[0]?.permission, 'TeamsAppInstallation.ReadWriteForUser.All');
    assert.match(
      told[0]?.msg ?? '',
      /saknar Graph-behörigheten TeamsAppInstallation\.ReadWriteForUser\.All.*docs\/graph-install\.md/,
    );
    assert.ok(!JSON.stringify(logLines).includes('@kommun.se'), 'no e-mail address in the logs');

    const text = onlyReply(await t.send('oåtkomliga', { from: users.admin })).text;
    for (const who of [users.anna, users.bo]) {
      assert.match(
        text,
        new RegExp(
          `${escape(who.email)} \\([^)]*\\): installationen via Microsoft Graph nekades: boten saknar behörighet`,
        ),
      );
    }
    assert.match(text, /TeamsAppInstallation\.ReadWriteForUser\.All/);

    // The block of `cli remind` says the same.
    const run = await t.cli('remind', '--now', '2026-03-02T09:00');
    assert.equal(run.code, 0, run.err);
    for (const who of [users.anna, users.bo]) {
      assert.match(
        run.out,
        new RegExp(
          `${escape(who.email)} \\([^)]*\\): installationen via Microsoft Graph nekades: boten saknar behörighet`,
        ),
      );
    }

    // And the weekly digest. Its channel is set as storage keeps it: `digest här` in a team would read the team's
    // roster, and the owners in it could then be reached through the team.
    await new SettingsRepository(world.tables.settings).upsertSetting(t.id, 'digestChannel', {
      conversationId: '19:uppfoljning@thread.tacv2',
      serviceUrl: world.bot.connector.url,
    });
    const mark = world.bot.connector.lastSeq;
    const digest = await t.cli('digest', '--now', '2026-03-02T10:00');
    assert.equal(digest.code, 0, digest.err);
    const [posted] = await world.bot.connector.waitForActivities((r) => r.seq > mark, 1, 15_000);
    const digestText = posted?.activity.text ?? '';
    assert.match(digestText, /\*\*Ägare som boten inte når \(2\)\*\*/);
    for (const who of [users.anna, users.bo]) {
      assert.match(
        digestText,
        new RegExp(
          `${escape(who.email)} \\([^)]*\\): installationen via Microsoft Graph nekades: boten saknar behörighet`,
        ),
      );
    }
  });

  it('429 with Retry-After: the owner waits for a later pass, then gets the reminder once', async () => {
    // Longer than the installer waits within a pass.
    graph.throttleNext(1, 120);
    const scheduler = runtime();
    const first = await pass(scheduler);
    const throttled = first.filter((outcome) => outcome.code === 'GraphThrottled');
    assert.ok(throttled.length >= 1, JSON.stringify(first));
    assert.ok(throttled.every((outcome) => outcome.state === 'pending'));
    const waiting = throttled[0]!.recipient;
    const who = [users.anna, users.bo].find((user) => user.email === waiting)!;
    const other = who === users.anna ? users.bo : users.anna;
    assert.equal(sentTo(who).length, 0);
    assert.equal(sentTo(other).length, 1, 'the other owner was installed for and reached');
    const rows = (await outbox.listMessages(t.id, { states: ['pending'] })).filter(
      (row) => row.recipient === waiting,
    );
    const retryAt = new Date(PASS_AT.getTime() + 120_000).toISOString();
    assert.ok(rows.length >= 1 && rows.every((row) => row.nextAttemptAt === retryAt), JSON.stringify(rows));

    // Before Retry-After has passed: Graph is not asked.
    const requests = graph.requests.length;
    assert.deepEqual(await pass(scheduler), []);
    assert.equal(graph.requests.length, requests);

    clock.advance(121_000);
    const later = of(await pass(scheduler), who);
    assert.deepEqual(
      later.map((outcome) => outcome.state),
      throttled.map(() => 'sent'),
    );
    assert.equal(sentTo(who).length, 1);
    assert.equal(sentTo(other).length, 1);
  });

  it('off (the default): no Graph call at all; the owners stay UnknownUser', async () => {
    const outcomes = await pass(runtime({ graphInstallEnabled: undefined }));
    assert.ok(outcomes.length >= 2);
    for (const outcome of outcomes) {
      assert.equal(outcome.state, 'deadLetter');
      assert.equal(outcome.code, 'UnknownUser');
    }
    assert.equal(graph.requests.length, 0);
    const text = onlyReply(await t.send('oåtkomliga', { from: users.admin })).text;
    assert.match(text, /ingen Teams-användare som boten har träffat har den e-postadressen/);
    assert.doesNotMatch(text, /nekades/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
