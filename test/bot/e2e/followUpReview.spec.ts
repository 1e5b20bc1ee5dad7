/**
 * Recommendations in chat, over HTTP as Teams sends them: `visa R-3` with its actions, evidence, notes and verdicts,
 * the auditors' verdicts typed and pressed (version-checked, updated in place), and who may do what.
 */
import assert from 'node:assert/strict';
import { users } from '../../helpers/activities';
import { CARD_VERBS } from '../../../src/teams/cards';
import {
  button,
  buttonsOf,
  cardAnswer,
  cardText,
  messageAnswer,
  onlyReply,
  people,
  startWorld,
  type Tenant,
  type World,
} from './world';

describe('e2e: recommendations and verdicts (visa R-3, R-3 åtgärdad)', function () {
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
    await t.cli('role', 'add', people.dora.email, 'auditor');
  });

  it('visa R-1 shows the recommendation with its actions, evidence, notes; no verdict buttons for an official', async () => {
    onlyReply(await t.send('A-2 underlag https://kommun.se/inventering.pdf inventeringen'));
    onlyReply(await t.send('A-2 kommentar halvvägs klara'));
    const { cards } = onlyReply(await t.send('visa R-1'));
    assert.equal(cards.length, 1);
    const text = cardText(cards[0]);
    assert.match(text, /Rekommendation R-1/);
    assert.match(text, /Säkerställ att barnkonsekvensanalyser/);
    assert.match(text, /Sociala omsorgsnämnden/);
    assert.match(text, /A-1: Rutin för egenkontroll tas fram/);
    assert.match(text, /A-3: Utbildning av handläggare genomförs/);
    assert.match(text, /Försenad · slutdatum 2022-12-31/);
    assert.match(text, /https:\/\/kommun\.se\/inventering\.pdf – inventeringen/);
    assert.match(text, /2026-03-02: halvvägs klara/);
    assert.match(text, /Ingen bedömning än/);
    assert.equal(buttonsOf(cards[0]).filter((b) => b.verb === CARD_VERBS.recordVerdict).length, 0);
  });

  it('show R-1 in English, with the four verdict buttons for an auditor', async () => {
    const { cards } = onlyReply(await t.send('show R-1', { from: people.dora, locale: 'en-US' }));
    const text = cardText(cards[0]);
    assert.match(text, /Recommendation R-1/);
    assert.match(text, /No verdict yet/);
    const titles = buttonsOf(cards[0])
      .filter((b) => b.verb === CARD_VERBS.recordVerdict)
      .map((b) => b.title);
    assert.deepEqual(titles, ['Implemented', 'Partly implemented', 'Not implemented', 'No longer relevant']);
  });

  it('hides a recommendation from someone who may see none of its actions, and a guest', async () => {
    const bo = onlyReply(await t.send('visa R-1', { from: users.bo }));
    assert.equal(bo.cards.length, 1, 'Bo owns A-3, so he sees R-1');
    t.addMember(people.gus, { userRole: 'guest' });
    const guest = onlyReply(await t.send('visa R-1', { from: people.gus }));
    assert.match(guest.text, /Jag hittar ingen rekommendation R-1/);
    const other = onlyReply(await t.send('visa R-99'));
    assert.match(other.text, /Jag hittar ingen rekommendation R-99/);
    await t.cli('role', 'remove', people.dora.email, 'auditor');
    const dora = onlyReply(await t.send('visa R-1', { from: people.dora }));
    assert.match(dora.text, /Jag hittar ingen rekommendation R-1/);
  });

  it('R-1 delvis åtgärdad <kommentar> by an auditor records the verdict and shows it', async () => {
    const reply = onlyReply(
      await t.send('R-1 delvis åtgärdad rutinen finns men används inte', { from: people.dora }),
    );
    const text = cardText(reply.cards[0]);
    assert.match(text, /Sparat: bedömningen Delvis åtgärdad för R-1\./);
    assert.match(text, /Delvis åtgärdad \(2026-03-02\)/);
    assert.match(text, /2026-03-02 · Delvis åtgärdad · rutinen finns men används inte/);
    const listed = await t.cli('review', 'SON 2022-00030', '--format', 'md');
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, /Delvis åtgärdad/);
  });

  it('R-2 no longer relevant in English by an auditor', async () => {
    const reply = onlyReply(await t.send('R-2 no longer relevant', { from: people.dora }));
    assert.match(cardText(reply.cards[0]), /Saved: the verdict No longer relevant on R-2\./);
  });

  it("refuses an official's verdict, typed or pressed, and stores nothing", async () => {
    const typed = onlyReply(await t.send('R-1 åtgärdad'));
    assert.match(typed.text, /Bara revisorer lämnar bedömningar/);
    const { cards } = onlyReply(await t.send('show R-1', { from: people.dora }));
    const press = button(cards[0], CARD_VERBS.recordVerdict);
    const forged = messageAnswer(await t.invoke(CARD_VERBS.recordVerdict, press.data, { from: users.anna }));
    assert.match(forged, /Bara revisorer/);
    const admin = onlyReply(await t.send('R-1 implemented', { from: users.admin }));
    assert.match(admin.text, /Only auditors give verdicts/);
    const shown = cardText(onlyReply(await t.send('visa R-1')).cards[0]);
    assert.match(shown, /Inga bedömningar än/);
  });

  it('a verdict button records the verdict with its comment and updates the card in place; a stale press stores nothing', async () => {
    const { cards } = onlyReply(await t.send('visa R-1', { from: people.dora }));
    const press = button(cards[0], CARD_VERBS.recordVerdict);
    assert.deepEqual(press.data, { ref: 'R-1', version: 0, verdict: 'Åtgärdad' });
    const updated = cardAnswer(
      await t.invoke(
        CARD_VERBS.recordVerdict,
        { ...press.data, comment: 'allt på plats' },
        { from: people.dora },
      ),
    );
    assert.match(cardText(updated), /Sparat: bedömningen Åtgärdad för R-1\./);
    assert.match(cardText(updated), /2026-03-02 · Åtgärdad · allt på plats/);
    const again = cardAnswer(await t.invoke(CARD_VERBS.recordVerdict, press.data, { from: people.dora }));
    assert.match(cardText(again), /En annan bedömning av R-1 sparades medan kortet var öppet/);
    assert.equal((cardText(again).match(/· Åtgärdad/g) ?? []).length, 1, 'the stale press stored nothing');
  });

  it('a forged press with bad data changes nothing', async () => {
    const answer = await t.invoke(
      CARD_VERBS.recordVerdict,
      { ref: 'R-1', version: 0, verdict: 'Godkänd' },
      { from: people.dora },
    );
    assert.equal(answer.kind, 'message');
    const shown = cardText(onlyReply(await t.send('visa R-1')).cards[0]);
    assert.match(shown, /Inga bedömningar än/);
  });

  describe('att granska / to review', () => {
    async function closeR1(): Promise<void> {
      onlyReply(await t.send('A-1 klar'));
      onlyReply(await t.send('A-2 klar'));
      onlyReply(await t.send('A-3 klar', { from: users.bo }));
    }

    it('lists the recommendations whose actions are all closed, for an auditor, until a verdict is given', async () => {
      const none = onlyReply(await t.send('att granska', { from: people.dora }));
      assert.match(none.text, /Inga rekommendationer väntar på granskning/);
      await closeR1();
      const listed = onlyReply(await t.send('att granska', { from: people.dora }));
      assert.match(listed.text, /\*\*Att granska \(1\)\*\*/);
      assert.match(
        listed.text,
        /- R-1: Säkerställ att barnkonsekvensanalyser [^\n]*\(Sociala omsorgsnämnden\): alla åtgärder är avslutade/,
      );
      assert.match(listed.text, /`visa R-1`/);
      onlyReply(await t.send('R-1 åtgärdad', { from: people.dora }));
      const after = onlyReply(await t.send('att granska', { from: people.dora }));
      assert.match(after.text, /Inga rekommendationer väntar/);
    });

    it('answers the chair and admins too, in English', async () => {
      await closeR1();
      await t.cli('role', 'add', users.chair.email, 'chair');
      const chair = onlyReply(await t.send('to review', { from: users.chair, locale: 'en-US' }));
      assert.match(chair.text, /\*\*To review \(1\)\*\*/);
      assert.match(chair.text, /every action is closed/);
      const admin = onlyReply(await t.send('to review', { from: users.admin }));
      assert.match(admin.text, /R-1/);
    });

    it('refuses an official', async () => {
      await closeR1();
      const anna = onlyReply(await t.send('att granska'));
      assert.match(anna.text, /för revisorer, ordförande och administratörer/);
      assert.doesNotMatch(anna.text, /R-1/);
    });
  });
});
