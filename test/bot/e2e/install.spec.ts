/**
 * Installing the bot, as Teams tells it: `conversationUpdate` with the bot in `membersAdded` (and, beside it, an
 * `installationUpdate`). A personal install gets a welcome; a team install gets a welcome in the channel and links
 * the team's roster, so owners registered by e-mail are known before they ever write.
 */
import assert from 'node:assert/strict';
import { ConversationRepository, NotFoundError } from '../../../src/storage';
import {
  BOT,
  channelConversationId,
  conversationUpdateMembersAdded,
  installationUpdate,
  messageActivity,
  personalConversationId,
  users,
  type IncomingActivity,
  type TestTeam,
  type TestUser,
} from '../../helpers/activities';
import type { RecordedActivity } from '../../helpers/fakeConnector';
import { buttonsOf, cardText, onlyReply, people, useWorld, type Tenant, type World } from './world';

describe('e2e: install and welcome', function () {
  let world: World;
  let t: Tenant;

  useWorld({ started: (started) => (world = started), tenant: (tenant) => (t = tenant) });

  /** Posts an activity and returns the messages the bot sent while handling it. */
  async function deliver(activity: IncomingActivity): Promise<RecordedActivity[]> {
    const mark = world.bot.connector.lastSeq;
    const result = await world.bot.post(activity);
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return world.bot.connector.sent.filter((r) => r.seq > mark && r.activity.type === 'message');
  }

  function welcomeOf(sent: RecordedActivity[]): string {
    assert.equal(sent.length, 1, `expected one welcome, got ${sent.length}`);
    const card = sent[0]?.activity.attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    return cardText(card?.content);
  }

  describe('personal scope', () => {
    it('the bot added to a personal chat sends a welcome that says what it can do', async () => {
      const sent = await deliver(
        conversationUpdateMembersAdded({
          serviceUrl: world.bot.connector.url,
          tenantId: t.id,
          conversationType: 'personal',
        }),
      );
      const text = welcomeOf(sent);
      assert.equal(sent[0]?.conversationId, personalConversationId(users.anna, t.id));
      assert.match(text, /Hej! Jag följer upp revisionens rekommendationer/);
      for (const command of ['mina åtgärder', 'försenade', 'A-17 klar', 'visa A-17', 'hjälp']) {
        assert.ok(text.includes(command), `"${command}" missing: ${text}`);
      }
      assert.ok(!text.includes('digest här'), 'the digest is for channels');
      assert.equal(buttonsOf(sent[0]?.activity.attachments?.[0]?.content).length, 0);
    });

    it('a user whose Teams is in English gets the welcome in English', async () => {
      const sent = await deliver(
        conversationUpdateMembersAdded({
          serviceUrl: world.bot.connector.url,
          tenantId: t.id,
          conversationType: 'personal',
          locale: 'en-US',
        }),
      );
      const text = welcomeOf(sent);
      assert.match(text, /follow up the auditors' recommendations/);
      assert.ok(text.includes('my actions'));
    });

    it('the installationUpdate Teams sends beside it adds no second welcome', async () => {
      const install = await deliver(
        installationUpdate({
          serviceUrl: world.bot.connector.url,
          tenantId: t.id,
          conversationType: 'personal',
        }),
      );
      assert.equal(install.length, 0);
    });

    it('someone else joining a chat gets no welcome from the bot', async () => {
      const sent = await deliver(
        conversationUpdateMembersAdded({
          serviceUrl: world.bot.connector.url,
          tenantId: t.id,
          conversationType: 'personal',
          membersAdded: [users.bo],
        }),
      );
      assert.equal(sent.length, 0);
    });
  });

  describe('team', () => {
    it('the bot added to a team welcomes the channel and links the roster’s e-mails', async () => {
      t.addMember(people.gus, { userRole: 'guest' });
      await assert.rejects(world.usersRepo.getUser(t.id, users.bo.aadObjectId), NotFoundError);

      const sent = await deliver(
        conversationUpdateMembersAdded({ serviceUrl: world.bot.connector.url, tenantId: t.id }),
      );
      const text = welcomeOf(sent);
      assert.equal(sent[0]?.conversationId, channelConversationId());
      assert.match(text, /skriv @ och mitt namn först/);
      assert.ok(text.includes('digest här'));

      for (const member of [users.anna, users.bo, users.chair, users.admin, people.dora]) {
        const linked = await world.usersRepo.findUserByEmail(t.id, member.email);
        assert.equal(linked?.aadObjectId, member.aadObjectId, `${member.email} not linked`);
      }
      await assert.rejects(
        world.usersRepo.getUser(t.id, people.gus.aadObjectId),
        NotFoundError,
        'guest linked',
      );
    });

    it('one member the bot cannot store does not stop the others, nor show an error in the channel', async () => {
      const odd = { ...people.gus, id: '29:1odd', aadObjectId: 'not/a#guid?', email: 'odd@kommun.se' };
      const late = { ...people.gus, id: '29:1late', aadObjectId: '1a7e0000-0000-4000-8000-000000000007' };
      world.bot.connector.addMember({
        ...odd,
        userPrincipalName: odd.email,
        tenantId: t.id,
        userRole: 'user',
      });
      world.bot.connector.addMember({ ...late, email: 'late@kommun.se', tenantId: t.id, userRole: 'user' });
      try {
        const sent = await deliver(
          conversationUpdateMembersAdded({ serviceUrl: world.bot.connector.url, tenantId: t.id }),
        );
        assert.match(welcomeOf(sent), /Hej/);
        assert.equal(
          (await world.usersRepo.findUserByEmail(t.id, 'late@kommun.se'))?.aadObjectId,
          late.aadObjectId,
        );
        assert.equal(await world.usersRepo.findUserByEmail(t.id, odd.email), null);
      } finally {
        // Out of this tenant's roster, so later tests see the standard team.
        for (const member of [odd, late]) world.bot.connector.addMember({ ...member, conversationIds: [] });
      }
    });

    it('an owner linked from the roster gets their actions without a member lookup of their own', async () => {
      await deliver(conversationUpdateMembersAdded({ serviceUrl: world.bot.connector.url, tenantId: t.id }));
      const before = world.bot.connector.requests.length;
      const [card] = onlyReply(await t.send('mina åtgärder', { from: users.bo })).cards;
      assert.match(cardText(card), /A-3: Utbildning av handläggare genomförs/);
      assert.match(cardText(card), /A-4: Avtalsuppföljning införs i förvaltningen/);
      assert.deepEqual(
        world.bot.connector.requests
          .slice(before)
          .map((r) => r.kind)
          .filter((kind) => kind === 'getMember'),
        [],
      );
    });

    it('a person joining the team is linked without a welcome', async () => {
      const sent = await deliver(
        conversationUpdateMembersAdded({
          serviceUrl: world.bot.connector.url,
          tenantId: t.id,
          membersAdded: [people.dora],
        }),
      );
      assert.equal(sent.length, 0);
      assert.equal(
        (await world.usersRepo.findUserByEmail(t.id, people.dora.email))?.aadObjectId,
        people.dora.aadObjectId,
      );
    });

    it('a team install from a tenant not allowed is refused: no welcome, no roster read', async () => {
      const requests = world.bot.connector.requests.length;
      const sent = await deliver(
        conversationUpdateMembersAdded({
          serviceUrl: world.bot.connector.url,
          tenantId: 'bad00000-0000-4000-8000-00000000bad0',
        }),
      );
      assert.equal(sent.length, 0);
      assert.deepEqual(world.bot.connector.requests.slice(requests), []);
    });

    it('the bot is addressed as Teams does (28: id) and never welcomes itself twice', async () => {
      const activity = conversationUpdateMembersAdded({
        serviceUrl: world.bot.connector.url,
        tenantId: t.id,
        membersAdded: [{ id: BOT.id }, users.anna],
      });
      welcomeOf(await deliver(activity));
      assert.equal((await deliver(activity)).length, 0, 'a redelivered install is not welcomed again');
    });
  });

  describe('installed by a Teams admin’s setup policy: the person never writes to the bot', () => {
    /** What Teams sends when a policy installs the app for a person: both activities, from them. */
    async function installFor(who: TestUser): Promise<void> {
      const place = { serviceUrl: world.bot.connector.url, tenantId: t.id, from: who };
      await deliver(installationUpdate({ ...place, conversationType: 'personal' }));
      await deliver(conversationUpdateMembersAdded({ ...place, conversationType: 'personal' }));
    }

    it('an owner installed by policy who never wrote is linked, and the reminder pass reaches them', async () => {
      await installFor(users.bo);
      const linked = await world.usersRepo.findUserByEmail(t.id, users.bo.email);
      assert.equal(linked?.aadObjectId, users.bo.aadObjectId);

      const mark = world.bot.connector.lastSeq;
      const run = await t.cli('remind', '--now', '2026-03-02T09:00');
      assert.equal(run.code, 0, run.err);
      // Anna owns actions too, but nothing installed the app for her: she is the owner the bot cannot reach.
      assert.match(
        run.out,
        new RegExp(`till ${users.anna.email}: Boten har inte träffat ${users.anna.email}`),
      );
      assert.doesNotMatch(run.out, new RegExp(`till ${users.bo.email}: Boten har inte träffat`));
      assert.match(run.out, new RegExp(`skickad: påminnelse A-3 \\([^)]+\\) till ${users.bo.email} `));
      const reminders = world.bot.connector.sent.filter(
        (r) => r.seq > mark && r.conversationId === personalConversationId(users.bo, t.id),
      );
      assert.ok(reminders.length >= 1, `no reminder reached Bo's chat:\n${run.out}`);
      assert.ok(
        reminders.some((r) => JSON.stringify(r.activity).includes('A-3')),
        'the reminder names his action',
      );
    });

    it('a guest installed by policy stays unlinked: no row, and their directory e-mail reaches no one', async () => {
      t.addMember(people.gus, { userRole: 'guest' });
      const before = world.bot.connector.requests.length;
      await installFor(people.gus);
      assert.ok(
        world.bot.connector.requests.slice(before).some((r) => r.kind === 'getMember'),
        'the install asked the member API who the guest is',
      );
      await assert.rejects(world.usersRepo.getUser(t.id, people.gus.aadObjectId), NotFoundError);
      assert.equal(await world.usersRepo.findUserByEmail(t.id, people.gus.email), null);
    });

    it('an uninstall links no one', async () => {
      const place = { serviceUrl: world.bot.connector.url, tenantId: t.id, from: users.bo };
      await deliver(installationUpdate({ ...place, conversationType: 'personal', action: 'remove' }));
      await assert.rejects(world.usersRepo.getUser(t.id, users.bo.aadObjectId), NotFoundError);
    });
  });

  describe('a team whose install the bot missed (it was down)', () => {
    const pagedReads = (from: number) =>
      world.bot.connector.requests.slice(from).filter((r) => r.kind === 'getPagedMembers').length;

    it('the team’s next activity links its roster, once', async () => {
      await assert.rejects(world.usersRepo.getUser(t.id, users.bo.aadObjectId), NotFoundError);
      const before = world.bot.connector.requests.length;
      const first = await t.send('hjälp', { channel: {} });
      assert.equal(first.status, 200);
      assert.equal(first.messages.length, 1, 'the message is answered as ever');
      for (const member of [users.bo, users.chair, users.admin, people.dora]) {
        const linked = await world.usersRepo.findUserByEmail(t.id, member.email);
        assert.equal(linked?.aadObjectId, member.aadObjectId, `${member.email} not linked`);
      }
      assert.equal(pagedReads(before), 1);
      const conversations = new ConversationRepository(world.tables.conversations);
      assert.notEqual(await conversations.getRosterRead(t.id, channelConversationId()), null);

      const again = world.bot.connector.requests.length;
      await t.send('hjälp', { channel: {} });
      await t.send('mina åtgärder', { channel: {}, from: users.bo });
      assert.equal(pagedReads(again), 0, 'the roster is read once');
    });

    it('a roster another instance recorded as read is not read again', async () => {
      const team: TestTeam = {
        id: '19:other-team@thread.tacv2',
        name: 'Annat team',
        aadGroupId: 'feed0000-0000-4000-8000-000000000011',
      };
      const conversations = new ConversationRepository(world.tables.conversations);
      await conversations.upsertRosterRead(t.id, team.id, { now: new Date() });
      const before = world.bot.connector.requests.length;
      const turn = await world.bot.post(
        messageActivity({
          text: 'hjälp',
          serviceUrl: world.bot.connector.url,
          tenantId: t.id,
          channel: { team },
        }),
      );
      assert.equal(turn.status, 200);
      assert.equal(pagedReads(before), 0);
    });
  });
});
