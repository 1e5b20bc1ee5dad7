/**
 * Card buttons as Teams presses them: `adaptiveCard/action` invokes with the verbs of CARD_VERBS and the data the
 * card carried (plus the inputs Teams merges in). The pressed card is replaced by the card the invoke answers with;
 * storage is read back to prove what was, and was not, written.
 */
import assert from 'node:assert/strict';
import { CARD_VERBS } from '../../../src/teams/cards';
import { invokeActionExecute, users } from '../../helpers/activities';
import {
  button,
  buttonsOf,
  answerOf,
  cardAnswer,
  cardText,
  inputValuesOf,
  messageAnswer,
  onlyReply,
  useWorld,
  type Card,
  type Tenant,
  type World,
} from './world';

/** The answer to a reference that does not exist, which is also the answer to one the asker may not see. */
const NOT_FOUND = /^Jag hittar ingen åtgärd A-\d+\. Kontrollera referensen/;

describe('e2e: card actions (Action.Execute)', function () {
  let world: World;
  let t: Tenant;

  useWorld({ started: (started) => (world = started), tenant: (tenant) => (t = tenant) });

  /** The action card `visa A-n` shows the given user. */
  async function actionCardFor(ref: number, from = users.anna): Promise<Card> {
    const [card] = onlyReply(await t.send(`visa A-${ref}`, { from })).cards;
    assert.ok(card, `no card for A-${ref}`);
    return card;
  }

  /** Asserts that an action is as imported: version 1, status Planerad, one history event. */
  async function assertUnchanged(ref: number): Promise<void> {
    const action = await t.action(ref);
    assert.equal(action.version, 1, `A-${ref} was changed`);
    assert.equal(action.status, 'Planerad');
    assert.equal((await t.history(ref)).length, 1);
  }

  describe('Genomförd / Pågår (setStatus)', () => {
    it('on one’s own action: the returned card shows the new status, and the history has the event', async () => {
      const done = button(await actionCardFor(2), CARD_VERBS.setStatus, 'Genomförd');
      assert.deepEqual(done.data, { ref: 'A-2', version: 1, status: 'Genomförd' });

      // Teams merges the card's inputs (the comment field) into the button's data.
      const card = cardAnswer(
        await t.invoke(CARD_VERBS.setStatus, { ...done.data, comment: 'Rutinen är antagen' }),
      );
      const text = cardText(card);
      assert.match(text, /Sparat: A-2 har nu status Genomförd/);
      assert.match(text, /Rutinen är antagen/);
      assert.equal(button(card, CARD_VERBS.setStatus, 'Pågår').data['version'], 2, 'the new card carries v2');

      const action = await t.action(2);
      assert.equal(action.status, 'Genomförd');
      assert.equal(action.version, 2);
      const history = await t.history(2);
      assert.equal(history.length, 2);
      assert.equal(history[1]?.kind, 'status');
      assert.equal(history[1]?.by, users.anna.aadObjectId);
      assert.equal(history[1]?.from, 'Planerad');
      assert.equal(history[1]?.to, 'Genomförd');
      assert.equal(history[1]?.comment, 'Rutinen är antagen');

      const shown = onlyReply(await t.send('visa A-2'));
      assert.match(cardText(shown.cards[1]), /Status: Planerad → Genomförd/);
    });

    it('Pågår on a done action without a reason: refused in English for an English user', async () => {
      await t.send('A-2 klar protokollet är skickat');
      const [shown] = onlyReply(await t.send('show A-2', { locale: 'en-US' })).cards;
      const reopen = button(shown ?? {}, CARD_VERBS.setStatus, 'Pågår');
      const text = messageAnswer(await t.invoke(CARD_VERBS.setStatus, reopen.data, { locale: 'en-US' }));
      assert.equal(text, 'A-2 is done; please give a reason for reopening it.');
      assert.equal((await t.action(2)).status, 'Genomförd');
    });

    it('Pågår after writing in English answers with the English card', async () => {
      const [shown] = onlyReply(await t.send('show A-2', { locale: 'en-US' })).cards;
      const inProgress = button(shown ?? {}, CARD_VERBS.setStatus, 'Pågår');
      assert.equal(inProgress.title, 'In progress');
      const card = cardAnswer(await t.invoke(CARD_VERBS.setStatus, inProgress.data, { locale: 'en-US' }));
      assert.match(cardText(card), /Saved: A-2 is now In progress/);
      assert.equal((await t.action(2)).status, 'Pågår');
    });

    it('on someone else’s action: refused, without showing the action, and storage unchanged', async () => {
      const data = button(await actionCardFor(2), CARD_VERBS.setStatus, 'Genomförd').data;
      const answer = await t.invoke(CARD_VERBS.setStatus, data, { from: users.bo });
      const text = messageAnswer(answer);
      assert.match(text, NOT_FOUND);
      assert.doesNotMatch(text, /Inventeringen/);
      await assertUnchanged(2);
    });

    it('from a stale card: the current card with a note, and nothing overwritten', async () => {
      const stale = button(await actionCardFor(2), CARD_VERBS.setStatus, 'Genomförd').data;
      await t.send('A-2 pågår vi har börjat');

      const card = cardAnswer(await t.invoke(CARD_VERBS.setStatus, { ...stale, comment: 'klart!' }));
      const text = cardText(card);
      assert.match(text, /Någon ändrade A-2 medan kortet var öppet/);
      assert.match(text, /Pågår/);
      assert.match(text, /vi har börjat/);
      assert.equal(button(card, CARD_VERBS.setStatus, 'Genomförd').data['version'], 2, 'the current version');

      const action = await t.action(2);
      assert.equal(action.status, 'Pågår');
      assert.equal(action.version, 2);
      assert.equal(action.lastComment, 'vi har börjat');
      assert.equal((await t.history(2)).length, 2);
    });

    it('from a stale card: what was typed is back in its fields, and pressing again on the new card saves it', async () => {
      const old = await actionCardFor(2);
      assert.deepEqual(inputValuesOf(old), {
        comment: '',
        newDate: '',
        reason: '',
        evidenceUrl: '',
        evidenceDescription: '',
      });
      assert.doesNotMatch(JSON.stringify(old), /"value":""/, 'an empty field has no value');
      await t.send('A-2 pågår vi har börjat');

      const stale = cardAnswer(
        await t.invoke(CARD_VERBS.setStatus, {
          ...button(old, CARD_VERBS.setStatus, 'Genomförd').data,
          comment: 'Rutinen är antagen',
        }),
      );
      assert.match(cardText(stale), /medan kortet var öppet/);
      assert.equal(inputValuesOf(stale)['comment'], 'Rutinen är antagen');
      const dated = cardAnswer(
        await t.invoke(CARD_VERBS.setDate, {
          ...button(old, CARD_VERBS.setDate).data,
          newDate: '2026-06-30',
          reason: 'Väntar på nämndens beslut',
        }),
      );
      assert.deepEqual(
        [inputValuesOf(dated)['newDate'], inputValuesOf(dated)['reason'], inputValuesOf(dated)['comment']],
        ['2026-06-30', 'Väntar på nämndens beslut', ''],
      );
      assert.equal((await t.history(2)).length, 2, 'a stale card wrote nothing');

      // The user presses Genomförd on the card they got back, with the comment as it stands in its field.
      const saved = cardAnswer(
        await t.invoke(CARD_VERBS.setStatus, {
          ...button(stale, CARD_VERBS.setStatus, 'Genomförd').data,
          comment: inputValuesOf(stale)['comment'],
        }),
      );
      assert.match(cardText(saved), /Sparat/);
      assert.equal(inputValuesOf(saved)['comment'], '', 'a saved card starts empty');
      assert.equal((await t.action(2)).lastComment, 'Rutinen är antagen');
    });

    it('pressing the same button twice: the second press is stale, one event only', async () => {
      const data = button(await actionCardFor(2), CARD_VERBS.setStatus, 'Genomförd').data;
      cardAnswer(await t.invoke(CARD_VERBS.setStatus, data));
      const again = cardAnswer(await t.invoke(CARD_VERBS.setStatus, data));
      assert.match(cardText(again), /medan kortet var öppet/);
      assert.equal((await t.history(2)).length, 2);
    });
  });

  describe('forged card data', () => {
    const valid = { ref: 'A-2', version: 1, status: 'Genomförd' };
    const forgeries: Array<[string, Record<string, unknown>]> = [
      ['ref as an array', { ...valid, ref: ['A-2'] }],
      ['ref as an object', { ...valid, ref: { $ne: null } }],
      ['ref as a number', { ...valid, ref: 2 }],
      ['ref as NaN (JSON null)', { ...valid, ref: Number.NaN }],
      ['ref as the text NaN', { ...valid, ref: 'NaN' }],
      ['ref negative', { ...valid, ref: 'A--2' }],
      ['ref as a negative number', { ...valid, ref: -2 }],
      ['ref zero', { ...valid, ref: 'A-0' }],
      ['ref with a filter quote', { ...valid, ref: "A-2' or PartitionKey ne '" }],
      ['ref missing', { version: 1, status: 'Genomförd' }],
      ['version as text', { ...valid, version: '1' }],
      ['version as an array', { ...valid, version: [1] }],
      ['version negative', { ...valid, version: -1 }],
      ['version NaN (JSON null)', { ...valid, version: Number.NaN }],
      ['version fractional', { ...valid, version: 1.5 }],
      ['version missing', { ref: 'A-2', status: 'Genomförd' }],
      ['status not settable from a card', { ...valid, status: 'Avbruten' }],
      ['status derived', { ...valid, status: 'Försenad' }],
      ['status as an array', { ...valid, status: ['Genomförd'] }],
      ['comment as a number', { ...valid, comment: 42 }],
      ['comment as an object', { ...valid, comment: { text: 'x' } }],
      ['comment too long', { ...valid, comment: 'x'.repeat(5_000) }],
      ['data as an array', ['A-2', 1, 'Genomförd'] as unknown as Record<string, unknown>],
    ];

    for (const [name, data] of forgeries) {
      it(`${name}: refused with a message, storage unchanged`, async () => {
        const text = messageAnswer(await t.invoke(CARD_VERBS.setStatus, data));
        assert.ok(text.length > 0);
        assert.doesNotMatch(text, /ZodError|TypeError|at \w+ \(|\.ts:\d+/);
        await assertUnchanged(2);
      });
    }

    it('a forged user or owner in the data is ignored: Bo is still Bo', async () => {
      const data = {
        ...valid,
        userId: users.anna.aadObjectId,
        aadObjectId: users.anna.aadObjectId,
        from: { id: users.anna.id, aadObjectId: users.anna.aadObjectId },
        owner: users.bo.email,
        ownerEmail: users.bo.email,
      };
      const text = messageAnswer(await t.invoke(CARD_VERBS.setStatus, data, { from: users.bo }));
      assert.match(text, NOT_FOUND);
      await assertUnchanged(2);
    });

    it('a forged user in Anna’s own press is ignored: the event is recorded as hers', async () => {
      const data = { ...valid, userId: users.bo.aadObjectId, by: users.bo.aadObjectId };
      cardAnswer(await t.invoke(CARD_VERBS.setStatus, data));
      assert.equal((await t.history(2))[1]?.by, users.anna.aadObjectId);
    });

    it('a verb the bot does not know is answered, and nothing changes', async () => {
      const result = await world.bot.post(
        invokeActionExecute({
          verb: 'deleteEverything',
          data: valid,
          serviceUrl: world.bot.connector.url,
          tenantId: t.id,
        }),
      );
      assert.equal(result.status, 200);
      assert.match(messageAnswer(answerOf(result.body)), /känner jag inte igen/);
      await assertUnchanged(2);
    });
  });

  describe('Nytt datum (setDate)', () => {
    it('with a reason: the card shows the new date and the original, the history the move', async () => {
      const save = button(await actionCardFor(2), CARD_VERBS.setDate);
      assert.deepEqual(save.data, { ref: 'A-2', version: 1 });
      const card = cardAnswer(
        await t.invoke(CARD_VERBS.setDate, { ...save.data, newDate: '2026-09-30', reason: 'Ny leverantör' }),
      );
      const text = cardText(card);
      assert.match(text, /Sparat: A-2 har nytt slutdatum 2026-09-30/);
      assert.match(text, /Ursprungligt: 2026-06-30, flyttat 1 gång/);
      const action = await t.action(2);
      assert.equal(action.deadline.date, '2026-09-30');
      assert.equal(action.deadlineChanges, 1);
      const event = (await t.history(2))[1];
      assert.equal(event?.kind, 'deadline');
      assert.equal(event?.comment, 'Ny leverantör');
    });

    for (const [name, newDate] of [
      ['a date the calendar lacks', '2023-02-30'],
      ['a Swedish short date', '31/4'],
      ['no date', ''],
      ['a date as an array', ['2026-09-30']],
    ] as const) {
      it(`${name}: refused with a message, storage unchanged`, async () => {
        const text = messageAnswer(
          await t.invoke(CARD_VERBS.setDate, { ref: 'A-2', version: 1, newDate, reason: 'x' }),
        );
        assert.ok(text.length > 0);
        await assertUnchanged(2);
      });
    }

    it('in English, no date and broken card data are explained in English', async () => {
      // A card press speaks the language the user last wrote in.
      await t.send('show A-2', { locale: 'en-US' });
      const noDate = messageAnswer(
        await t.invoke(
          CARD_VERBS.setDate,
          { ref: 'A-2', version: 1, newDate: '', reason: 'x' },
          { locale: 'en-US' },
        ),
      );
      assert.match(noDate, /^The date is missing\./);
      const badData = messageAnswer(
        await t.invoke(CARD_VERBS.setDate, { ref: 'A-2', version: 'one' }, { locale: 'en-US' }),
      );
      assert.equal(badData, "The card's data is not valid (version). Write `my actions` for current cards.");
      for (const text of [noDate, badData]) assert.doesNotMatch(text, /[åäöÅÄÖ]|\b(datum|ogiltig)\b/i);
      await assertUnchanged(2);
    });

    it('the language a user last wrote in is remembered per tenant, not carried into another tenant', async () => {
      const badData = { ref: 'A-2', version: 'one' };
      // English words set the language, whatever the Teams locale says.
      await t.send('show A-2', { locale: 'sv-SE' });
      // The same Teams user in another tenant has written nothing there: the Teams locale decides.
      const other = await world.tenant();
      const there = messageAnswer(await other.invoke(CARD_VERBS.setDate, badData, { locale: 'sv-SE' }));
      assert.match(there, /ogiltig|inte giltig/i, there);
      const here = messageAnswer(await t.invoke(CARD_VERBS.setDate, badData, { locale: 'sv-SE' }));
      assert.match(here, /^The card's data is not valid/, here);
    });

    it('on someone else’s action: refused, storage unchanged', async () => {
      const text = messageAnswer(
        await t.invoke(
          CARD_VERBS.setDate,
          { ref: 'A-2', version: 1, newDate: '2026-09-30', reason: 'x' },
          { from: users.bo },
        ),
      );
      assert.match(text, NOT_FOUND);
      await assertUnchanged(2);
    });
  });

  describe('Historik and Visa', () => {
    it('Historik sends the history card as a new message and leaves the pressed card', async () => {
      await t.send('A-2 pågår');
      const mark = world.bot.connector.lastSeq;
      const text = messageAnswer(await t.invoke(CARD_VERBS.showHistory, { ref: 'A-2' }));
      assert.match(text, /A-2 visas i ett nytt meddelande/);
      const sent = world.bot.connector.sent.filter((r) => r.seq > mark && r.activity.type === 'message');
      assert.equal(sent.length, 1);
      const card = sent[0]?.activity.attachments?.[0]?.content;
      assert.match(cardText(card), /Historik: A-2/);
      assert.match(cardText(card), /Planerad → Pågår/);
    });

    it('Visa on a list sends the action card', async () => {
      const [list] = onlyReply(await t.send('mina åtgärder')).cards;
      const show = buttonsOf(list).find((b) => b.data['ref'] === 'A-1');
      assert.ok(show);
      const mark = world.bot.connector.lastSeq;
      messageAnswer(await t.invoke(show.verb, show.data));
      const sent = world.bot.connector.sent.filter((r) => r.seq > mark && r.activity.type === 'message');
      assert.equal(sent.length, 1);
      assert.match(cardText(sent[0]?.activity.attachments?.[0]?.content), /Rutin för egenkontroll tas fram/);
    });

    it('someone else’s history is refused, and nothing is sent', async () => {
      const mark = world.bot.connector.lastSeq;
      const text = messageAnswer(await t.invoke(CARD_VERBS.showHistory, { ref: 'A-2' }, { from: users.bo }));
      assert.match(text, NOT_FOUND);
      assert.equal(world.bot.connector.sent.filter((r) => r.seq > mark).length, 0);
    });
  });

  describe('confirming free text (Ja / Nej)', () => {
    it('"inventeringen är klar" asks about the sender’s own matching action and changes nothing yet', async () => {
      const { cards } = onlyReply(await t.send('inventeringen är klar'));
      assert.equal(cards.length, 1);
      const text = cardText(cards[0]);
      assert.match(text, /Menar du A-2/);
      assert.match(text, /Genomförd/);
      assert.deepEqual(button(cards[0] ?? {}, CARD_VERBS.confirmMatch).data, {
        ref: 'A-2',
        version: 1,
        status: 'Genomförd',
        comment: '',
      });
      await assertUnchanged(2);
    });

    it('Ja applies the change', async () => {
      const [confirm] = onlyReply(await t.send('inventeringen är klar')).cards;
      const yes = button(confirm ?? {}, CARD_VERBS.confirmMatch);
      const card = cardAnswer(await t.invoke(yes.verb, yes.data));
      assert.match(cardText(card), /Sparat: A-2 har nu status Genomförd/);
      assert.equal((await t.action(2)).status, 'Genomförd');
      assert.equal((await t.history(2)).length, 2);
    });

    it('Nej changes nothing', async () => {
      const [confirm] = onlyReply(await t.send('inventeringen är klar')).cards;
      const no = button(confirm ?? {}, CARD_VERBS.rejectMatch);
      assert.match(messageAnswer(await t.invoke(no.verb, no.data)), /inget har ändrats/);
      await assertUnchanged(2);
    });

    it('"inventory is in progress" style text matches only the sender’s own actions', async () => {
      const { text, cards } = onlyReply(await t.send('inventeringen är klar', { from: users.bo }));
      assert.equal(cards.length, 0);
      assert.match(text, /ingen av dina öppna åtgärder/);
      await assertUnchanged(2);
    });

    it('someone else pressing Ja is refused', async () => {
      const [confirm] = onlyReply(await t.send('inventeringen är klar')).cards;
      const yes = button(confirm ?? {}, CARD_VERBS.confirmMatch);
      assert.match(messageAnswer(await t.invoke(yes.verb, yes.data, { from: users.bo })), NOT_FOUND);
      await assertUnchanged(2);
    });

    it('Ja on a stale confirmation is not applied', async () => {
      const [confirm] = onlyReply(await t.send('inventeringen är klar')).cards;
      await t.send('A-2 pågår');
      const yes = button(confirm ?? {}, CARD_VERBS.confirmMatch);
      assert.match(cardText(cardAnswer(await t.invoke(yes.verb, yes.data))), /medan kortet var öppet/);
      assert.equal((await t.action(2)).status, 'Pågår');
    });
  });
});
