/**
 * Evidence given on the action card (Spara underlag, verb `addEvidence`), over HTTP as Teams presses it: the card's
 * data `{ ref, version }` with the link and description inputs merged in. The same rules as `A-17 underlag`: who
 * may add it is decided against the stored action, only https links, a limit per action.
 */
import assert from 'node:assert/strict';
import { MAX_EVIDENCE_PER_ACTION } from '../../../src/domain/evidence';
import { CARD_VERBS } from '../../../src/teams/cards';
import { users } from '../../helpers/activities';
import {
  button,
  cardAnswer,
  cardText,
  inputValuesOf,
  messageAnswer,
  onlyReply,
  useWorld,
  type Card,
  type Tenant,
} from './world';

describe('e2e: evidence on the action card (addEvidence)', function () {
  let t: Tenant;

  useWorld({ tenant: (tenant) => (t = tenant) });

  /** The action card `visa A-n` shows the given user. */
  async function actionCardFor(ref: number, from = users.anna, locale = 'sv-SE'): Promise<Card> {
    const command = locale.startsWith('en') ? 'show' : 'visa';
    const [card] = onlyReply(await t.send(`${command} A-${ref}`, { from, locale })).cards;
    assert.ok(card, `no card for A-${ref}`);
    return card;
  }

  it('the owner adds a link with a description: stored as evidence, the card is updated in place', async () => {
    const save = button(await actionCardFor(2), CARD_VERBS.addEvidence);
    assert.deepEqual(save.data, { ref: 'A-2', version: 1 });
    const card = cardAnswer(
      await t.invoke(CARD_VERBS.addEvidence, {
        ...save.data,
        evidenceUrl: ' https://kommun.se/inventering.pdf ',
        evidenceDescription: 'Inventeringen',
      }),
    );
    assert.match(cardText(card), /Sparat: underlaget https:\/\/kommun\.se\/inventering\.pdf till A-2\./);
    // The card answered is the action as it is now: its buttons carry the new version.
    assert.deepEqual(button(card, CARD_VERBS.addEvidence).data, { ref: 'A-2', version: 2 });
    const last = (await t.history(2)).at(-1);
    assert.equal(last?.kind, 'evidence');
    assert.equal(last?.by, users.anna.aadObjectId);
    assert.deepEqual(last?.evidence, {
      kind: 'link',
      url: 'https://kommun.se/inventering.pdf',
      description: 'Inventeringen',
    });
    assert.equal((await t.action(2)).status, 'Planerad');
  });

  it('answers in English for an English user', async () => {
    const save = button(await actionCardFor(2, users.anna, 'en-US'), CARD_VERBS.addEvidence);
    const card = cardAnswer(
      await t.invoke(
        CARD_VERBS.addEvidence,
        { ...save.data, evidenceUrl: 'https://kommun.se/minutes.pdf' },
        { locale: 'en-US' },
      ),
    );
    assert.match(cardText(card), /Saved: the evidence https:\/\/kommun\.se\/minutes\.pdf on A-2\./);
  });

  it('someone who may not see the action hears that there is none, whatever the card data says', async () => {
    const save = button(await actionCardFor(2), CARD_VERBS.addEvidence);
    const text = messageAnswer(
      await t.invoke(
        CARD_VERBS.addEvidence,
        { ...save.data, evidenceUrl: 'https://kommun.se/x.pdf' },
        { from: users.bo },
      ),
    );
    assert.match(text, /^Jag hittar ingen åtgärd A-2\./);
    assert.equal((await t.action(2)).version, 1);
    assert.equal((await t.history(2)).length, 1);
  });

  it('the chair, who sees the action but may not change it, is refused and nothing is stored', async () => {
    await t.cli('role', 'add', users.chair.email, 'chair');
    const save = button(await actionCardFor(2), CARD_VERBS.addEvidence);
    const card = cardAnswer(
      await t.invoke(
        CARD_VERBS.addEvidence,
        { ...save.data, evidenceUrl: 'https://kommun.se/x.pdf' },
        { from: users.chair },
      ),
    );
    assert.match(cardText(card), /Du har inte behörighet till A-2\./);
    assert.throws(() => button(card, CARD_VERBS.addEvidence), /no addEvidence button/);
    assert.equal((await t.history(2)).length, 1);
  });

  it('refuses a link that is not https with a clear message, so the card keeps what was typed', async () => {
    const save = button(await actionCardFor(2), CARD_VERBS.addEvidence);
    for (const evidenceUrl of ['http://kommun.se/x.pdf', 'javascript:alert(1)']) {
      const text = messageAnswer(await t.invoke(CARD_VERBS.addEvidence, { ...save.data, evidenceUrl }));
      assert.match(text, /tas inte emot som underlag; bara https-länkar\./);
    }
    const notALink = messageAnswer(
      await t.invoke(CARD_VERBS.addEvidence, { ...save.data, evidenceUrl: 'protokollet' }),
    );
    assert.match(notALink, /"protokollet" är ingen länk/);
    const empty = messageAnswer(await t.invoke(CARD_VERBS.addEvidence, { ...save.data, evidenceUrl: ' ' }));
    assert.match(empty, /Skriv en https-länk i fältet för underlaget till A-2.*Inget har sparats\./);
    assert.equal((await t.action(2)).version, 1);
    assert.equal((await t.history(2)).length, 1);
  });

  it('a card rendered from an older version stores nothing and shows the current card', async () => {
    const save = button(await actionCardFor(2), CARD_VERBS.addEvidence);
    onlyReply(await t.send('A-2 kommentar upphandlingen dröjer'));
    const card = cardAnswer(
      await t.invoke(CARD_VERBS.addEvidence, { ...save.data, evidenceUrl: 'https://kommun.se/x.pdf' }),
    );
    assert.match(cardText(card), /Någon ändrade A-2 medan kortet var öppet/);
    assert.equal((await t.history(2)).at(-1)?.kind, 'note');
  });

  it('a stale card comes back with the link and description typed on it, saved by pressing again', async () => {
    const save = button(await actionCardFor(2), CARD_VERBS.addEvidence);
    onlyReply(await t.send('A-2 kommentar upphandlingen dröjer'));
    const typed = {
      evidenceUrl: 'https://kommun.se/protokoll.pdf',
      evidenceDescription: 'Protokoll 15 mars',
    };
    const stale = cardAnswer(await t.invoke(CARD_VERBS.addEvidence, { ...save.data, ...typed }));
    const values = inputValuesOf(stale);
    assert.deepEqual(
      [values['evidenceUrl'], values['evidenceDescription']],
      [typed.evidenceUrl, typed.evidenceDescription],
    );

    const again = cardAnswer(
      await t.invoke(CARD_VERBS.addEvidence, { ...button(stale, CARD_VERBS.addEvidence).data, ...typed }),
    );
    assert.doesNotMatch(cardText(again), /medan kortet var öppet/);
    assert.equal(inputValuesOf(again)['evidenceUrl'], '');
    const last = (await t.history(2)).at(-1);
    assert.equal(last?.kind, 'evidence');
  });

  it('refuses evidence beyond the limit per action, as in chat', async function () {
    this.timeout(120_000);
    for (let i = 1; i <= MAX_EVIDENCE_PER_ACTION; i++) {
      onlyReply(await t.send(`A-2 underlag https://kommun.se/bilaga-${i}.pdf`));
    }
    const save = button(await actionCardFor(2), CARD_VERBS.addEvidence);
    const version = (await t.action(2)).version;
    assert.equal(save.data['version'], version);
    const text = messageAnswer(
      await t.invoke(CARD_VERBS.addEvidence, { ...save.data, evidenceUrl: 'https://kommun.se/en-till.pdf' }),
    );
    assert.equal(
      text,
      `A-2 har redan ${MAX_EVIDENCE_PER_ACTION} underlag; ta bort något innan du lägger till fler.`,
    );
    assert.equal((await t.action(2)).version, version);
  });
});
