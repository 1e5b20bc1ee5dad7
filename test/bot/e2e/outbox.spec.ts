/**
 * `utkorg` / `outbox` over HTTP as Teams sends it: the admin card listing the proactive messages whose delivery is
 * uncertain (state `check`), settled with Levererat / Skicka igen (verb `settleOutbox`) through the same code as
 * `cli outbox settle`; storage is read back to prove what was, and was not, written.
 */
import assert from 'node:assert/strict';
import { CARD_VERBS } from '../../../src/teams/cards';
import {
  INTERRUPTED_SEND_CODE,
  outboxKey,
  outboxMessageId,
  OutboxRepository,
  type OutboxDraft,
  type OutboxMessage,
} from '../../../src/storage';
import { users } from '../../helpers/activities';
import {
  buttonsOf,
  cardAnswer,
  cardText,
  messageAnswer,
  NOW,
  onlyReply,
  useWorld,
  type Card,
  type Tenant,
  type World,
} from './world';

describe('e2e: the outbox in chat (utkorg / outbox)', function () {
  let world: World;
  let t: Tenant;
  let outbox: OutboxRepository;

  useWorld({
    seed: false,
    started: (started) => {
      world = started;
      outbox = new OutboxRepository(world.tables.outbox);
    },
    tenant: (tenant) => (t = tenant),
  });

  const reminder: OutboxDraft = {
    kind: 'reminder',
    subject: 'A-4',
    stage: 'overdue-1',
    stageDate: '2026-02-27',
    recipient: 'bo.berg@kommun.se',
    dueAt: '2026-02-27T07:00:00.000Z',
    ref: 4,
  };
  const digest: OutboxDraft = {
    kind: 'digest',
    subject: 'digest',
    stage: '2026-02-23T07:00:00.000Z',
    stageDate: '2026-02-23',
    recipient: 'conversation:19:revisionen@thread.tacv2',
    dueAt: '2026-02-23T07:00:00.000Z',
    ref: null,
  };

  /**
   * Stores a message and moves it as a send whose answer never came does: pending -> sending -> check, by default
   * with the connector's 500; `interrupted`, as the next pass marks a send cut off before any answer.
   */
  async function uncertain(
    draft: OutboxDraft,
    how: 'answered' | 'interrupted' = 'answered',
  ): Promise<OutboxMessage> {
    const created = await outbox.createMessage(t.id, draft, { now: NOW });
    const sending = await outbox.moveMessage(t.id, created, 'sending', { now: NOW });
    return outbox.moveMessage(
      t.id,
      sending,
      'check',
      how === 'answered'
        ? {
            now: NOW,
            reason: 'Svaret kom aldrig; oklart om påminnelsen kom fram.',
            code: '500 InternalServerError',
          }
        : {
            now: NOW,
            reason: 'Avbröts mitt i sändningen; oklart om meddelandet kom fram. Kontrollera i Teams.',
            code: INTERRUPTED_SEND_CODE,
          },
    );
  }

  const stateOf = async (draft: OutboxDraft) => (await outbox.getMessage(t.id, outboxKey(draft))).state;
  const idOf = (draft: OutboxDraft) => outboxMessageId(outboxKey(draft));

  /** The outbox card an admin gets for `utkorg`. */
  async function outboxCardFor(text = 'utkorg', locale = 'sv-SE'): Promise<Card> {
    const reply = onlyReply(await t.send(text, { from: users.admin, locale }));
    assert.equal(reply.cards.length, 1, reply.text);
    return reply.cards[0]!;
  }

  it('shows an admin an empty outbox as such', async () => {
    const card = await outboxCardFor();
    assert.match(cardText(card), /Inga meddelanden har oklar leverans\. Utkorgen är i ordning\./);
    assert.deepEqual(buttonsOf(card), []);
  });

  it('lists each message in check with Levererat and Skicka igen; a weekly digest only with Levererat', async () => {
    await uncertain(reminder);
    await uncertain(digest);
    // A message that went out is no business of the outbox card.
    const sentDraft = { ...reminder, stage: 'due', stageDate: '2026-02-20' };
    const sending = await outbox.moveMessage(
      t.id,
      await outbox.createMessage(t.id, sentDraft, { now: NOW }),
      'sending',
      { now: NOW },
    );
    await outbox.moveMessage(t.id, sending, 'sent', { now: NOW });

    const card = await outboxCardFor();
    const text = cardText(card);
    assert.match(text, /Utkorgen: oklar leverans \(2\)/);
    assert.match(text, /Påminnelse A-4 \(overdue-1\) → bo\.berg@kommun\.se/);
    assert.match(text, /500 InternalServerError: Svaret kom aldrig/);
    assert.match(text, /Veckosammanfattning 2026-02-23 → conversation:19:revisionen@thread\.tacv2/);
    assert.doesNotMatch(text, /\(due\)/);
    // Both changed at the same instant: their order on the card is the storage's, so the buttons are compared sorted.
    const sorted = (buttons: unknown[][]) => buttons.map((b) => JSON.stringify(b)).sort();
    assert.deepEqual(
      sorted(buttonsOf(card).map((b) => [b.title, b.verb, b.data])),
      sorted([
        ['Levererat', CARD_VERBS.settleOutbox, { id: idOf(reminder), decision: 'delivered' }],
        ['Skicka igen', CARD_VERBS.settleOutbox, { id: idOf(reminder), decision: 'resend' }],
        ['Levererat', CARD_VERBS.settleOutbox, { id: idOf(digest), decision: 'delivered' }],
      ]),
    );
  });

  it('Levererat records the message as sent, sends nothing, and updates the card in place', async () => {
    await uncertain(reminder);
    const [delivered] = buttonsOf(await outboxCardFor());
    const sentBefore = world.bot.connector.sent.length;
    const card = cardAnswer(await t.invoke(CARD_VERBS.settleOutbox, delivered!.data, { from: users.admin }));
    assert.match(
      cardText(card),
      /Markerat som levererat: Påminnelse A-4 \(overdue-1\) → bo\.berg@kommun\.se\. Inget skickades\./,
    );
    assert.match(cardText(card), /Inga meddelanden har oklar leverans/);
    assert.equal(await stateOf(reminder), 'sent');
    assert.equal(world.bot.connector.sent.length, sentBefore);
  });

  it('Skicka igen makes the message owed again (pending) for the next reminder pass', async () => {
    await uncertain(reminder);
    await uncertain(digest);
    const resend = buttonsOf(await outboxCardFor()).find((b) => b.data['decision'] === 'resend');
    const card = cardAnswer(await t.invoke(CARD_VERBS.settleOutbox, resend!.data, { from: users.admin }));
    assert.match(cardText(card), /Påminnelse A-4 \(overdue-1\) → bo\.berg@kommun\.se skickas igen vid nästa/);
    assert.match(cardText(card), /Utkorgen: oklar leverans \(1\)/);
    assert.equal(await stateOf(reminder), 'pending');
    assert.equal(await stateOf(digest), 'check');
  });

  it('a message someone else settled first is answered clearly, and nothing changes', async () => {
    await uncertain(reminder);
    const [delivered, resend] = buttonsOf(await outboxCardFor());
    cardAnswer(await t.invoke(CARD_VERBS.settleOutbox, delivered!.data, { from: users.admin }));
    const card = cardAnswer(await t.invoke(CARD_VERBS.settleOutbox, resend!.data, { from: users.admin }));
    assert.match(
      cardText(card),
      /Någon annan har redan avgjort Påminnelse A-4 \(overdue-1\) → bo\.berg@kommun\.se: det är markerat som levererat\. Inget har ändrats nu/,
    );
    assert.equal(await stateOf(reminder), 'sent');
  });

  it('refuses to resend a weekly digest, even from forged card data', async () => {
    await uncertain(digest);
    const card = cardAnswer(
      await t.invoke(
        CARD_VERBS.settleOutbox,
        { id: idOf(digest), decision: 'resend' },
        { from: users.admin },
      ),
    );
    assert.match(cardText(card), /Veckosammanfattning 2026-02-23 .* skickas inte om härifrån/);
    assert.equal(await stateOf(digest), 'check');
  });

  it('is for admins only: the command and a forged button press from anyone else change nothing', async () => {
    await uncertain(reminder);
    const reply = onlyReply(await t.send('utkorg', { from: users.anna }));
    assert.equal(reply.text, 'Det kan bara en administratör göra.');
    assert.equal(reply.cards.length, 0);
    const text = messageAnswer(
      await t.invoke(
        CARD_VERBS.settleOutbox,
        { id: idOf(reminder), decision: 'delivered' },
        { from: users.anna },
      ),
    );
    assert.equal(text, 'Det kan bara en administratör göra.');
    assert.equal(await stateOf(reminder), 'check');
  });

  it('refuses card data that is no message id, and an id of no message, writing nothing', async () => {
    await uncertain(reminder);
    const bad = messageAnswer(
      await t.invoke(
        CARD_VERBS.settleOutbox,
        { id: "' or 1 eq 1", decision: 'delivered' },
        { from: users.admin },
      ),
    );
    assert.match(bad, /Kortets data är ogiltig \(id\)/);
    const gone = cardAnswer(
      await t.invoke(
        CARD_VERBS.settleOutbox,
        { id: 'abcdef0123456789', decision: 'delivered' },
        { from: users.admin },
      ),
    );
    assert.match(cardText(gone), /Meddelandet finns inte längre i utkorgen, så inget har ändrats\./);
    assert.equal(await stateOf(reminder), 'check');
  });

  it('says why each delivery is uncertain, an interrupted send without its code', async () => {
    await uncertain(reminder);
    await uncertain({ ...reminder, subject: 'A-5', ref: 5 }, 'interrupted');
    const text = cardText(await outboxCardFor());
    assert.match(text, /500 InternalServerError: Svaret kom aldrig/);
    assert.match(text, /: Avbröts mitt i sändningen; oklart om meddelandet kom fram\. Kontrollera i Teams\./);
    assert.doesNotMatch(text, /Interrupted/);
  });

  it('speaks English to `outbox`, the reasons too', async () => {
    await uncertain(reminder);
    await uncertain({ ...reminder, subject: 'A-5', ref: 5 }, 'interrupted');
    const card = await outboxCardFor('outbox', 'en-US');
    assert.match(cardText(card), /Outbox: delivery uncertain \(2\)/);
    assert.match(cardText(card), /Reminder A-4 \(overdue-1\) → bo\.berg@kommun\.se/);
    assert.match(
      cardText(card),
      /Teams answered 500 InternalServerError, which does not say whether it arrived; check in Teams/,
    );
    assert.match(
      cardText(card),
      /the send was cut off before Teams answered; check in Teams whether it arrived/,
    );
    assert.doesNotMatch(cardText(card), /Svaret|Avbröts|Kontrollera/);
    assert.deepEqual(
      buttonsOf(card).map((b) => b.title),
      ['Delivered', 'Send again', 'Delivered', 'Send again'],
    );
    const delivered = buttonsOf(card).find(
      (b) => b.title === 'Delivered' && (b.data as { id?: string }).id === idOf(reminder),
    );
    const after = cardAnswer(
      await t.invoke(CARD_VERBS.settleOutbox, delivered!.data, { from: users.admin, locale: 'en-US' }),
    );
    assert.match(cardText(after), /Marked as delivered: Reminder A-4/);
    assert.match(cardText(after), /Outbox: delivery uncertain \(1\)/);
  });
});
