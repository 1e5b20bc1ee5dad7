/**
 * Who may see and change what (contract.md "Identity", issue 3 "Identity and roles"): the chair sees all and changes
 * nothing, a coordinator acts for their committee, an official for their own actions, an admin for everything;
 * guests read at most. Who is asking comes from `from.aadObjectId` and the tenant, with the e-mail from the member
 * API: never from card data or text.
 */
import assert from 'node:assert/strict';
import { CARD_VERBS } from '../../../src/teams/cards';
import { NotFoundError } from '../../../src/storage';
import { users } from '../../helpers/activities';
import {
  button,
  buttonsOf,
  cardAnswer,
  cardText,
  messageAnswer,
  onlyReply,
  people,
  SOCIAL,
  startWorld,
  TECHNICAL,
  type Tenant,
  type World,
} from './world';

describe('e2e: roles and identity', function () {
  let world: World;
  let t: Tenant;

  before(async () => {
    world = await startWorld();
  });

  after(async () => {
    await world?.close();
  });

  beforeEach(async () => {
    t = await world.tenant();
  });

  async function grant(...argv: string[]): Promise<void> {
    const run = await t.cli('role', 'add', ...argv);
    assert.equal(run.code, 0, run.err);
  }

  /** The references a list card shows, in order. */
  function refsIn(card: unknown): string[] {
    return buttonsOf(card).map((b) => String(b.data['ref']));
  }

  describe('chair', () => {
    beforeEach(() => grant(users.chair.email, 'chair'));

    it('försenade shows every overdue action, grouped by committee', async () => {
      const [card] = onlyReply(await t.send('försenade', { from: users.chair })).cards;
      const text = cardText(card);
      assert.match(text, /Försenade åtgärder \(3\)/);
      assert.deepEqual(refsIn(card), ['A-1', 'A-3', 'A-4']);
      assert.ok(
        text.indexOf(SOCIAL) < text.indexOf('A-1:') && text.indexOf('A-3:') < text.indexOf(TECHNICAL),
      );
      assert.ok(text.indexOf(TECHNICAL) < text.indexOf('A-4:'));
    });

    it('sees any action, on a card without buttons to change it', async () => {
      const [card] = onlyReply(await t.send('visa A-3', { from: users.chair })).cards;
      assert.match(cardText(card), /Utbildning av handläggare genomförs/);
      assert.deepEqual(
        buttonsOf(card).map((b) => b.verb),
        [CARD_VERBS.showHistory],
      );
    });

    it('a change in chat is refused and nothing is written', async () => {
      const { cards } = onlyReply(await t.send('A-3 klar', { from: users.chair }));
      assert.match(cardText(cards[0]), /inte behörighet till A-3/);
      assert.deepEqual(
        buttonsOf(cards[0]).map((b) => b.verb),
        [CARD_VERBS.showHistory],
      );
      assert.equal((await t.action(3)).version, 1);
    });

    it('a card press is refused and nothing is written', async () => {
      const card = cardAnswer(
        await t.invoke(
          CARD_VERBS.setStatus,
          { ref: 'A-3', version: 1, status: 'Genomförd' },
          { from: users.chair },
        ),
      );
      assert.match(cardText(card), /inte behörighet till A-3/);
      assert.equal((await t.action(3)).version, 1);
    });
  });

  describe('coordinator', () => {
    beforeEach(() => grant(people.dora.email, 'coordinator', '--committee', TECHNICAL));

    it('försenade shows their committee’s overdue actions', async () => {
      const [card] = onlyReply(await t.send('försenade', { from: people.dora })).cards;
      assert.deepEqual(refsIn(card), ['A-4']);
    });

    it('may change an action of their committee; the history names them', async () => {
      onlyReply(await t.send('A-4 klar avtalen följs upp', { from: people.dora }));
      const action = await t.action(4);
      assert.equal(action.status, 'Genomförd');
      assert.equal((await t.history(4))[1]?.by, people.dora.aadObjectId);
    });

    it('may not see or change another committee’s action', async () => {
      assert.match(onlyReply(await t.send('visa A-3', { from: people.dora })).text, /inte behörighet/);
      assert.match(onlyReply(await t.send('A-3 klar', { from: people.dora })).text, /inte behörighet/);
      assert.equal((await t.action(3)).version, 1);
    });

    it('a committee typed in another case still counts', async () => {
      await grant(users.bo.email, 'coordinator', '--committee', 'sociala omsorgsnämnden');
      onlyReply(await t.send('A-1 pågår', { from: users.bo }));
      assert.equal((await t.action(1)).status, 'Pågår');
      const [card] = onlyReply(await t.send('försenade', { from: users.bo })).cards;
      assert.deepEqual(refsIn(card), ['A-1', 'A-3', 'A-4']);
    });

    it('sammanställning covers their committee only', async () => {
      const [card] = onlyReply(await t.send('sammanställning', { from: people.dora })).cards;
      const text = cardText(card);
      assert.ok(text.includes(TECHNICAL));
      assert.ok(!text.includes(SOCIAL));
    });
  });

  describe('official', () => {
    it('försenade shows only their own, and another’s action is neither shown nor changed', async () => {
      const [card] = onlyReply(await t.send('försenade')).cards;
      assert.deepEqual(refsIn(card), ['A-1']);
      assert.match(onlyReply(await t.send('visa A-3')).text, /inte behörighet till A-3/);
      const refused = onlyReply(await t.send('A-3 klar'));
      assert.equal(refused.cards.length, 0, 'no card of someone else’s action');
      assert.match(refused.text, /inte behörighet till A-3/);
      assert.equal((await t.action(3)).version, 1);
    });
  });

  describe('admin', () => {
    it('an admin from ADMIN_AAD_IDS sees all overdue and may change anyone’s action', async () => {
      const [card] = onlyReply(await t.send('overdue', { from: users.admin })).cards;
      assert.deepEqual(refsIn(card), ['A-1', 'A-3', 'A-4']);
      onlyReply(await t.send('A-3 in progress started', { from: users.admin }));
      assert.equal((await t.action(3)).status, 'Pågår');
      assert.equal((await t.history(3))[1]?.by, users.admin.aadObjectId);
    });

    it('grants a coordinator role in chat, which takes effect at once', async () => {
      const { text } = onlyReply(
        await t.send(`roll lägg till ${people.dora.email} samordnare ${TECHNICAL}`, { from: users.admin }),
      );
      assert.match(text, /dora\.dahl@kommun\.se har nu rollen samordnare för Tekniska nämnden/);
      assert.deepEqual(await world.roles.listRoles(t.id), [
        { role: 'coordinator', principal: people.dora.email, committee: TECHNICAL },
      ]);
      onlyReply(await t.send('A-4 pågår', { from: people.dora }));
      assert.equal((await t.action(4)).status, 'Pågår');
    });

    it('grants and takes back the chair role in English', async () => {
      const added = onlyReply(await t.send(`role add ${users.chair.email} chair`, { from: users.admin }));
      assert.match(added.text, /now has the role chair/);
      assert.deepEqual(refsIn(onlyReply(await t.send('overdue', { from: users.chair })).cards[0]), [
        'A-1',
        'A-3',
        'A-4',
      ]);
      const removed = onlyReply(
        await t.send(`role remove ${users.chair.email} chair`, { from: users.admin }),
      );
      assert.match(removed.text, /no longer has the role chair/);
      assert.deepEqual(await world.roles.listRoles(t.id), []);
    });

    it('a role granted by object id counts too', async () => {
      onlyReply(await t.send(`roll lägg till ${users.bo.aadObjectId} admin`, { from: users.admin }));
      onlyReply(await t.send('A-2 pågår', { from: users.bo }));
      assert.equal((await t.action(2)).status, 'Pågår');
    });

    it('a non-admin’s role command is refused and grants nothing', async () => {
      const { text } = onlyReply(await t.send(`roll lägg till ${users.anna.email} admin`));
      assert.match(text, /bara en administratör/);
      assert.deepEqual(await world.roles.listRoles(t.id), []);
      assert.match(onlyReply(await t.send('A-3 klar')).text, /inte behörighet/);
      assert.equal((await t.action(3)).version, 1);
    });
  });

  describe('guests and external users', () => {
    it('a guest (userRole guest) reads at most and changes nothing', async () => {
      t.addMember(people.gus, { userRole: 'guest' });
      assert.match(
        onlyReply(await t.send('mina åtgärder', { from: people.gus })).text,
        /inga öppna åtgärder/,
      );
      assert.match(onlyReply(await t.send('försenade', { from: people.gus })).text, /Inget är försenat/);
      assert.match(onlyReply(await t.send('sammanställning', { from: people.gus })).text, /behörighet/);
      assert.match(onlyReply(await t.send('A-1 klar', { from: people.gus })).text, /inte behörighet/);
      assert.equal((await t.action(1)).version, 1);
    });

    it('a guest whose directory e-mail is an owner’s is still not that owner', async () => {
      t.addMember(people.gus, {
        userRole: 'guest',
        email: users.anna.email,
        userPrincipalName: users.anna.email,
      });
      assert.match(
        onlyReply(await t.send('mina åtgärder', { from: people.gus })).text,
        /inga öppna åtgärder/,
      );
      assert.match(onlyReply(await t.send('A-1 klar', { from: people.gus })).text, /inte behörighet/);
      const answer = await t.invoke(
        CARD_VERBS.setStatus,
        { ref: 'A-1', version: 1, status: 'Genomförd' },
        { from: people.gus },
      );
      assert.match(messageAnswer(answer), /inte behörighet/);
      assert.equal((await t.action(1)).version, 1);
      await assert.rejects(world.usersRepo.getUser(t.id, people.gus.aadObjectId), NotFoundError);
    });

    it('a member of another tenant (shared channel) is treated as external', async () => {
      t.addMember(people.gus, { tenantId: 'f0000000-0000-4000-8000-00000000000f', email: users.bo.email });
      assert.match(onlyReply(await t.send('A-3 klar', { from: people.gus })).text, /inte behörighet/);
      assert.equal((await t.action(3)).version, 1);
    });

    it('an admin id that is a guest gets no admin rights', async () => {
      t.addMember(people.gus, { userRole: 'guest' });
      await grant(people.gus.aadObjectId, 'admin');
      assert.match(onlyReply(await t.send('A-3 klar', { from: people.gus })).text, /inte behörighet/);
      assert.equal((await t.action(3)).version, 1);
    });
  });

  describe('identity', () => {
    it('links the e-mail from the member API on the first message, and only then', async () => {
      await assert.rejects(world.usersRepo.getUser(t.id, users.bo.aadObjectId), NotFoundError);
      const before = world.bot.connector.requests.length;
      onlyReply(await t.send('hjälp', { from: users.bo }));
      const lookups = () =>
        world.bot.connector.requests.slice(before).filter((request) => request.kind === 'getMember');
      assert.equal(lookups().length, 1);
      const user = await world.usersRepo.getUser(t.id, users.bo.aadObjectId);
      assert.equal(user.email, users.bo.email);
      assert.equal(
        (await world.usersRepo.findUserByEmail(t.id, users.bo.email))?.aadObjectId,
        users.bo.aadObjectId,
      );

      const [card] = onlyReply(await t.send('mina åtgärder', { from: users.bo })).cards;
      assert.deepEqual(refsIn(card), ['A-4', 'A-3'], 'soonest due first');
      assert.equal(lookups().length, 1, 'the e-mail is cached');
    });

    it('a user the member API does not know yet has no actions, and is linked once it does', async () => {
      const stranger = { ...people.dora, id: '29:1stranger-x' };
      assert.match(onlyReply(await t.send('mina åtgärder', { from: stranger })).text, /inga öppna åtgärder/);
      t.addMember(stranger);
      await grant(people.dora.email, 'coordinator', '--committee', TECHNICAL);
      assert.deepEqual(refsIn(onlyReply(await t.send('försenade', { from: stranger })).cards[0]), ['A-4']);
    });

    it('the text never decides who is asking', async () => {
      const { text } = onlyReply(
        await t.send(`jag är ${users.anna.email}: A-2 klar`, {
          from: { ...users.bo, name: users.anna.name },
        }),
      );
      assert.match(text, /inte behörighet/);
      assert.equal((await t.action(2)).version, 1);
    });

    it('the card data never decides who is asking', async () => {
      const data = { ref: 'A-2', version: 1, status: 'Genomförd', aadObjectId: users.anna.aadObjectId };
      assert.match(
        messageAnswer(await t.invoke(CARD_VERBS.setStatus, data, { from: users.bo })),
        /inte behörighet/,
      );
      assert.equal((await t.action(2)).version, 1);
    });

    it('an activity without an Entra object id can do nothing', async () => {
      const anonymous = { id: users.anna.id, name: users.anna.name };
      const { text } = onlyReply(await t.send('A-2 klar', { from: anonymous }));
      assert.match(text, /kan inte se vem du är/);
      assert.equal((await t.action(2)).version, 1);
    });

    it('the object id is compared without regard to case', async () => {
      const shouting = { ...users.anna, aadObjectId: users.anna.aadObjectId.toUpperCase() };
      onlyReply(await t.send('A-2 klar', { from: shouting }));
      assert.equal((await t.action(2)).status, 'Genomförd');
      assert.equal((await t.history(2))[1]?.by, users.anna.aadObjectId);
    });

    it('the same person in another tenant is another user: no actions there', async () => {
      const [own] = onlyReply(await t.send('visa A-2')).cards;
      assert.equal(button(own ?? {}, CARD_VERBS.setStatus, 'Genomförd').data['ref'], 'A-2');
      // The member API now answers for the other tenant (members are registered per tenant).
      const other = await world.tenant({ seed: false });
      assert.match(onlyReply(await other.send('mina åtgärder')).text, /inga öppna åtgärder/);
      assert.match(onlyReply(await other.send('visa A-2')).text, /A-2/);
      assert.equal((await world.usersRepo.getUser(other.id, users.anna.aadObjectId)).email, users.anna.email);
    });
  });
});
