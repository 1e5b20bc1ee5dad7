/**
 * Who may see and change what (docs/commands.md, and src/domain/access.ts): the chair sees all and changes
 * nothing, a coordinator acts for their committee, an official for their own actions, an admin for everything;
 * guests read at most. Who is asking comes from `from.aadObjectId` and the tenant, with the e-mail from the member
 * API: never from card data or text.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  useWorld,
  TECHNICAL,
  type Tenant,
  type World,
} from './world';

/** The answer to a reference that does not exist, which is also the answer to one the asker may not see. */
const NOT_FOUND = /^Jag hittar ingen åtgärd A-\d+\. Kontrollera referensen/;

describe('e2e: roles and identity', function () {
  let world: World;
  let t: Tenant;

  useWorld({ started: (started) => (world = started), tenant: (tenant) => (t = tenant) });

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
      assert.match(onlyReply(await t.send('visa A-3', { from: people.dora })).text, NOT_FOUND);
      assert.match(onlyReply(await t.send('A-3 klar', { from: people.dora })).text, NOT_FOUND);
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
      assert.match(onlyReply(await t.send('visa A-3')).text, NOT_FOUND);
      const refused = onlyReply(await t.send('A-3 klar'));
      assert.equal(refused.cards.length, 0, 'no card of someone else’s action');
      assert.match(refused.text, NOT_FOUND);
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
      assert.match(onlyReply(await t.send('A-3 klar')).text, NOT_FOUND);
      assert.equal((await t.action(3)).version, 1);
    });
  });

  describe('references cannot be enumerated', () => {
    /** Every way of naming an action, from Anna (an official): each answered for `ref` only. */
    const asks: [string, (ref: string) => Promise<string>][] = [
      ['visa', async (ref) => onlyReply(await t.send(`visa ${ref}`)).text],
      ['show (English)', async (ref) => onlyReply(await t.send(`show ${ref}`, { locale: 'en-US' })).text],
      ['a status in chat', async (ref) => onlyReply(await t.send(`${ref} klar`)).text],
      ['a new date in chat', async (ref) => onlyReply(await t.send(`${ref} nytt datum 2026-09-30 x`)).text],
      ['pausa', async (ref) => onlyReply(await t.send(`pausa ${ref} till 2026-08-15`)).text],
      ['the history button', async (ref) => messageAnswer(await t.invoke(CARD_VERBS.showHistory, { ref }))],
      [
        'Genomförd on a card',
        async (ref) =>
          messageAnswer(await t.invoke(CARD_VERBS.setStatus, { ref, version: 1, status: 'Genomförd' })),
      ],
    ];

    for (const [how, ask] of asks) {
      it(`${how}: someone else's action gets the answer of a missing one, word for word`, async () => {
        const mark = world.bot.connector.lastSeq;
        const others = await ask('A-3');
        const missing = await ask('A-99');
        assert.equal(others, missing.replace('A-99', 'A-3'));
        assert.doesNotMatch(others, /behörighet|access/);
        assert.doesNotMatch(others, /Utbildning av handläggare/);
        // Nothing of A-3 was sent either (the history button sends its card as a new message).
        const sent = world.bot.connector.sent.filter((r) => r.seq > mark && r.activity.attachments?.length);
        assert.equal(sent.length, 0);
        assert.equal((await t.action(3)).version, 1);
      });
    }
  });

  describe('auditor', () => {
    beforeEach(() => grant(people.dora.email, 'auditor'));

    it('reads every committee’s overdue actions and any action, without buttons to change it', async () => {
      const [list] = onlyReply(await t.send('försenade', { from: people.dora })).cards;
      assert.deepEqual(refsIn(list), ['A-1', 'A-3', 'A-4']);
      const [card] = onlyReply(await t.send('visa A-4', { from: people.dora })).cards;
      assert.deepEqual(
        buttonsOf(card).map((b) => b.verb),
        [CARD_VERBS.showHistory],
      );
    });

    it('never changes an action, in chat or on a card', async () => {
      const { cards } = onlyReply(await t.send('A-4 klar', { from: people.dora }));
      assert.match(cardText(cards[0]), /inte behörighet till A-4/);
      const answer = cardAnswer(
        await t.invoke(
          CARD_VERBS.setStatus,
          { ref: 'A-4', version: 1, status: 'Genomförd' },
          { from: people.dora },
        ),
      );
      assert.match(cardText(answer), /inte behörighet till A-4/);
      assert.equal((await t.action(4)).version, 1);
    });
  });

  describe('role commands: the committee must exist, and input is checked before storage', () => {
    /** Imports one more audit, for a committee whose name begins with a word the parser used to drop. */
    async function importCommittee(name: string): Promise<void> {
      const file = join(mkdtempSync(join(tmpdir(), 'roles-')), 'extra.json');
      const audit = {
        title: `Granskning för ${name}`,
        auditor: 'Stadsrevisionen',
        reportDate: '2024-01-15',
        committees: [name],
        recommendations: [{ text: 'Stärk kontrollen', committees: [name], actions: [] }],
      };
      writeFileSync(file, JSON.stringify({ audits: [audit] }));
      const run = await t.cli('import', file);
      assert.equal(run.code, 0, run.err);
    }

    it('grants a coordinator for "Nämnd för teknik" under its whole name, in chat and on the command line', async () => {
      await importCommittee('Nämnd för teknik');
      const { text } = onlyReply(
        await t.send(`roll lägg till ${people.dora.email} samordnare Nämnd för teknik`, {
          from: users.admin,
        }),
      );
      assert.match(text, /har nu rollen samordnare för Nämnd för teknik\.$/);
      const cli = await t.cli(
        'role',
        'add',
        users.bo.email,
        'coordinator',
        '--committee',
        'nämnd för teknik',
      );
      assert.equal(cli.code, 0, cli.err);
      assert.match(cli.out, /för Nämnd för teknik\.$/);
      assert.deepEqual(await world.roles.listRoles(t.id), [
        { role: 'coordinator', principal: users.bo.email, committee: 'Nämnd för teknik' },
        { role: 'coordinator', principal: people.dora.email, committee: 'Nämnd för teknik' },
      ]);
    });

    it('reads "för <nämnd>" and any case as the committee the audits name, and stores that spelling', async () => {
      onlyReply(
        await t.send(`roll lägg till ${people.dora.email} samordnare för tekniska nämnden`, {
          from: users.admin,
        }),
      );
      assert.deepEqual(await world.roles.listRoles(t.id), [
        { role: 'coordinator', principal: people.dora.email, committee: TECHNICAL },
      ]);
      onlyReply(await t.send('A-4 pågår', { from: people.dora }));
      assert.equal((await t.action(4)).status, 'Pågår');
      const removed = onlyReply(
        await t.send(`roll ta bort ${people.dora.email} samordnare TEKNISKA NÄMNDEN`, { from: users.admin }),
      );
      assert.match(removed.text, /har inte längre rollen samordnare för Tekniska nämnden/);
      assert.deepEqual(await world.roles.listRoles(t.id), []);
    });

    it('grants the auditor role in chat as revisor', async () => {
      const { text } = onlyReply(
        await t.send(`roll lägg till ${people.dora.email} revisor`, { from: users.admin }),
      );
      assert.match(text, /har nu rollen revisor\.$/);
      assert.deepEqual(await world.roles.listRoles(t.id), [
        { role: 'auditor', principal: people.dora.email, committee: null },
      ]);
    });

    it('refuses a committee no audit names, naming the known ones; nothing is stored', async () => {
      const { text } = onlyReply(
        await t.send(`roll lägg till ${people.dora.email} samordnare Kulturnämnden`, { from: users.admin }),
      );
      assert.equal(
        text,
        `Ingen granskning nämner nämnden "Kulturnämnden". Kända nämnder: ${SOCIAL}, ${TECHNICAL}.`,
      );
      const english = onlyReply(
        await t.send(`role add ${people.dora.email} coordinator Culture`, {
          from: users.admin,
          locale: 'en-US',
        }),
      );
      assert.match(english.text, /^No audit names the committee "Culture"\. Known committees: /);
      const cli = await t.cli(
        'role',
        'add',
        people.dora.email,
        'coordinator',
        '--committee',
        'Kulturnämnden',
      );
      assert.equal(cli.code, 1);
      assert.equal(
        cli.err,
        `Fel: Ingen granskning nämner nämnden "Kulturnämnden". Kända nämnder: ${SOCIAL}, ${TECHNICAL}.`,
      );
      assert.deepEqual(await world.roles.listRoles(t.id), []);
    });

    it('answers a principal or committee over 400 characters in one line, before storage', async () => {
      const longPrincipal = `${'a'.repeat(400)}@kommun.se`;
      const longCommittee = 'N'.repeat(401);
      const chat = [
        onlyReply(await t.send(`roll lägg till ${longPrincipal} ordförande`, { from: users.admin })).text,
        onlyReply(
          await t.send(`roll lägg till ${people.dora.email} samordnare ${longCommittee}`, {
            from: users.admin,
          }),
        ).text,
      ];
      assert.deepEqual(chat, [
        'Personen är angiven med 410 tecken; en e-postadress eller ett objekt-id har högst 254.',
        'Nämndens namn är 401 tecken; högst 200 får plats.',
      ]);
      const cli = [
        await t.cli('role', 'add', longPrincipal, 'chair'),
        await t.cli('role', 'add', people.dora.email, 'coordinator', '--committee', longCommittee),
        await t.cli('role', 'add', 'kalle', 'admin'),
      ];
      assert.deepEqual(
        cli.map((run) => [run.code, run.err]),
        [
          [1, `Fel: ${chat[0]}`],
          [1, `Fel: ${chat[1]}`],
          [1, 'Fel: Ange personen som en e-postadress eller ett Entra-objekt-id, inte "kalle".'],
        ],
      );
      assert.deepEqual(await world.roles.listRoles(t.id), []);
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
      assert.match(onlyReply(await t.send('A-1 klar', { from: people.gus })).text, NOT_FOUND);
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
      assert.match(onlyReply(await t.send('A-1 klar', { from: people.gus })).text, NOT_FOUND);
      const answer = await t.invoke(
        CARD_VERBS.setStatus,
        { ref: 'A-1', version: 1, status: 'Genomförd' },
        { from: people.gus },
      );
      assert.match(messageAnswer(answer), NOT_FOUND);
      assert.equal((await t.action(1)).version, 1);
      await assert.rejects(world.usersRepo.getUser(t.id, people.gus.aadObjectId), NotFoundError);
    });

    it('a member of another tenant (shared channel) is treated as external', async () => {
      t.addMember(people.gus, { tenantId: 'f0000000-0000-4000-8000-00000000000f', email: users.bo.email });
      assert.match(onlyReply(await t.send('A-3 klar', { from: people.gus })).text, NOT_FOUND);
      assert.equal((await t.action(3)).version, 1);
    });

    it('an admin id that is a guest gets no admin rights', async () => {
      t.addMember(people.gus, { userRole: 'guest' });
      await grant(people.gus.aadObjectId, 'admin');
      assert.match(onlyReply(await t.send('A-3 klar', { from: people.gus })).text, NOT_FOUND);
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
      assert.match(text, NOT_FOUND);
      assert.equal((await t.action(2)).version, 1);
    });

    it('the card data never decides who is asking', async () => {
      const data = { ref: 'A-2', version: 1, status: 'Genomförd', aadObjectId: users.anna.aadObjectId };
      assert.match(messageAnswer(await t.invoke(CARD_VERBS.setStatus, data, { from: users.bo })), NOT_FOUND);
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
