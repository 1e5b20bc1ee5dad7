/**
 * Every chat command of docs/commands.md, in Swedish and English, sent over HTTP as Teams sends it, with the answers
 * read from what the fake Bot Connector received and the changes read back from storage.
 */
import assert from 'node:assert/strict';
import { users } from '../../helpers/activities';
import { DIGEST_CHANNEL_SETTING } from '../../../src/storage';
import {
  ACTION_TEXTS,
  button,
  buttonsOf,
  cardText,
  onlyReply,
  SOCIAL,
  useWorld,
  TECHNICAL,
  type Tenant,
  type World,
} from './world';

describe('e2e: chat commands (docs/commands.md), Swedish and English', function () {
  let world: World;
  let t: Tenant;

  useWorld({ started: (started) => (world = started), tenant: (tenant) => (t = tenant) });

  describe('hjälp / help', () => {
    it('hjälp lists every Swedish command', async () => {
      const { text, cards } = onlyReply(await t.send('hjälp'));
      assert.equal(cards.length, 0);
      for (const command of [
        'mina åtgärder',
        'försenade',
        'A-17 klar',
        'A-17 pågår',
        'A-17 nytt datum 2026-03-31',
        'visa A-17',
        'sammanställning',
        'digest här',
      ]) {
        assert.ok(text.includes(command), `"${command}" missing from the help: ${text}`);
      }
    });

    it('help lists every English command, in English', async () => {
      const { text } = onlyReply(await t.send('help'));
      for (const command of [
        'my actions',
        'overdue',
        'A-17 done',
        'A-17 in progress',
        'A-17 new date 2026-03-31',
        'show A-17',
        'summary',
        'digest here',
      ]) {
        assert.ok(text.includes(command), `"${command}" missing from the help: ${text}`);
      }
      assert.doesNotMatch(text, /Det här kan du/);
    });
  });

  describe('mina åtgärder / my actions', () => {
    it('mina åtgärder lists the caller’s own open actions, in Swedish, with days overdue from the clock', async () => {
      const { cards } = onlyReply(await t.send('mina åtgärder'));
      assert.equal(cards.length, 1);
      const text = cardText(cards[0]);
      assert.match(text, /Mina öppna åtgärder/);
      assert.ok(text.includes(`A-1: ${ACTION_TEXTS[1]}`));
      assert.ok(text.includes(`A-2: ${ACTION_TEXTS[2]}`));
      assert.match(text, /A-5: /);
      assert.doesNotMatch(text, /A-3|A-4/, 'Bo’s actions are not Anna’s');
      // 2022-12-31 to 2026-03-02 (the fixed clock) is 1157 days.
      assert.match(text, /Försenad \(1157 dagar\)/);
      assert.match(text, /Planerad · 2026-06-30/);
      assert.deepEqual(
        buttonsOf(cards[0]).map((b) => [b.verb, b.data['ref']]),
        [
          ['showAction', 'A-1'],
          ['showAction', 'A-2'],
          ['showAction', 'A-5'],
        ],
      );
    });

    it('my actions gives the same list in English', async () => {
      const { cards } = onlyReply(await t.send('my actions'));
      const text = cardText(cards[0]);
      assert.match(text, /My open actions/);
      assert.match(text, /Overdue \(1157 days\)/);
      assert.match(text, /Planned · 2026-06-30/);
      assert.doesNotMatch(text, /A-3|A-4/);
    });

    it('an official without open actions is told so', async () => {
      for (const ref of [1, 2, 5]) await t.send(`A-${ref} klar`);
      const { text, cards } = onlyReply(await t.send('mina åtgärder'));
      assert.equal(cards.length, 0);
      assert.match(text, /inga öppna åtgärder/);
    });
  });

  describe('försenade / overdue', () => {
    it('försenade shows an official their own overdue actions only, grouped by committee', async () => {
      const { cards } = onlyReply(await t.send('försenade', { from: users.bo }));
      const text = cardText(cards[0]);
      assert.match(text, /Försenade åtgärder \(2\)/);
      assert.ok(text.indexOf(SOCIAL) < text.indexOf('A-3:'), 'A-3 under its committee');
      assert.ok(text.indexOf(TECHNICAL) < text.indexOf('A-4:'), 'A-4 under its committee');
      assert.match(text, /Försenad \(30 dagar\)/);
      assert.match(text, /Försenad \(92 dagar\)/);
      assert.doesNotMatch(text, /A-1:/, 'Anna’s overdue action is not Bo’s');
    });

    it('overdue gives the same in English', async () => {
      const { cards } = onlyReply(await t.send('overdue', { from: users.bo }));
      const text = cardText(cards[0]);
      assert.match(text, /Overdue actions \(2\)/);
      assert.match(text, /Overdue \(30 days\)/);
    });

    it('says so when nothing of the caller’s is overdue', async () => {
      await t.send('A-1 klar');
      assert.match(onlyReply(await t.send('försenade')).text, /Inget är försenat/);
      assert.match(onlyReply(await t.send('overdue')).text, /Nothing is overdue/);
    });
  });

  describe('A-n klar / done [kommentar]', () => {
    it('A-2 klar with a comment saves Genomförd, records the event, and answers with the updated card', async () => {
      const { cards } = onlyReply(await t.send('A-2 klar protokollet är skickat'));
      assert.equal(cards.length, 1);
      const text = cardText(cards[0]);
      assert.match(text, /Sparat: A-2 har nu status Genomförd/);
      assert.match(text, /protokollet är skickat/);

      const action = await t.action(2);
      assert.equal(action.status, 'Genomförd');
      assert.equal(action.lastComment, 'protokollet är skickat');
      assert.equal(action.version, 2);
      const history = await t.history(2);
      assert.equal(history.length, 2);
      assert.deepEqual(
        { ...history[1], at: undefined },
        {
          ref: 2,
          seq: 2,
          kind: 'status',
          at: undefined,
          by: users.anna.aadObjectId,
          from: 'Planerad',
          to: 'Genomförd',
          phrase: null,
          comment: 'protokollet är skickat',
        },
      );
    });

    it('A-2 done with a comment works in English', async () => {
      const { cards } = onlyReply(await t.send('A-2 done sent the minutes'));
      assert.match(cardText(cards[0]), /Saved: A-2 is now Done/);
      const action = await t.action(2);
      assert.equal(action.status, 'Genomförd');
      assert.equal(action.lastComment, 'sent the minutes');
    });

    it('accepts the reference as a1, A1, a-1 and A-1', async () => {
      for (const [text, ref] of [
        ['a1 pågår', 1],
        ['A2 klar', 2],
        ['a-5 pågår', 5],
      ] as const) {
        onlyReply(await t.send(text));
        const action = await t.action(ref);
        assert.notEqual(action.status, 'Planerad', `"${text}" changed nothing`);
      }
      assert.equal((await t.action(1)).status, 'Pågår');
      assert.equal((await t.action(2)).status, 'Genomförd');
      assert.equal((await t.action(5)).status, 'Pågår');
    });

    it('free phrasing: "klar med A-1: protokollet är skickat" reports done with the comment', async () => {
      onlyReply(await t.send('klar med A-1: protokollet är skickat'));
      const action = await t.action(1);
      assert.equal(action.status, 'Genomförd');
      assert.equal(action.lastComment, 'protokollet är skickat');
    });

    it('free phrasing: "A-1 är klar nu" reports done, without a comment', async () => {
      onlyReply(await t.send('A-1 är klar nu'));
      const action = await t.action(1);
      assert.equal(action.status, 'Genomförd');
      assert.equal(action.lastComment, null);
      assert.equal((await t.history(1))[1]?.comment, null);
    });

    it('in a team channel, after the @mention, A-2 klar works the same', async () => {
      const { cards } = onlyReply(await t.send('A-2 klar', { channel: {} }));
      assert.match(cardText(cards[0]), /Sparat: A-2 har nu status Genomförd/);
      assert.equal((await t.action(2)).status, 'Genomförd');
    });

    it('"A-1 är inte klar" changes nothing and says what to write', async () => {
      const { text } = onlyReply(await t.send('A-1 är inte klar'));
      assert.match(text, /A-1/);
      assert.equal((await t.action(1)).version, 1);
    });
  });

  describe('A-n pågår / in progress', () => {
    it('A-2 pågår saves Pågår with the comment', async () => {
      const { cards } = onlyReply(await t.send('A-2 pågår vi har börjat'));
      assert.match(cardText(cards[0]), /Sparat: A-2 har nu status Pågår/);
      const action = await t.action(2);
      assert.equal(action.status, 'Pågår');
      assert.equal(action.lastComment, 'vi har börjat');
      assert.equal((await t.history(2))[1]?.to, 'Pågår');
    });

    it('A-2 in progress works in English', async () => {
      const { cards } = onlyReply(await t.send('A-2 in progress'));
      assert.match(cardText(cards[0]), /Saved: A-2 is now In progress/);
      assert.equal((await t.action(2)).status, 'Pågår');
    });
  });

  describe('A-n nytt datum / new date', () => {
    it('A-2 nytt datum 2026-03-31 with a reason moves the date and keeps the original', async () => {
      const { cards } = onlyReply(await t.send('A-2 nytt datum 2026-03-31 ny leverantör'));
      const text = cardText(cards[0]);
      assert.match(text, /Sparat: A-2 har nytt slutdatum 2026-03-31/);
      assert.match(text, /Ursprungligt: 2026-06-30, flyttat 1 gång/);
      const action = await t.action(2);
      assert.equal(action.deadline.date, '2026-03-31');
      assert.equal(action.originalDeadline.date, '2026-06-30');
      assert.equal(action.deadlineChanges, 1);
      const event = (await t.history(2))[1];
      assert.equal(event?.kind, 'deadline');
      assert.equal(event?.from, '2026-06-30');
      assert.equal(event?.to, '2026-03-31');
      assert.equal(event?.comment, 'ny leverantör');
    });

    it('A-2 new date 2026-03-31 with a reason works in English', async () => {
      const { cards } = onlyReply(await t.send('A-2 new date 2026-03-31 new supplier'));
      assert.match(cardText(cards[0]), /Saved: A-2 has a new due date, 2026-03-31/);
      const action = await t.action(2);
      assert.equal(action.deadline.date, '2026-03-31');
      assert.equal((await t.history(2))[1]?.comment, 'new supplier');
    });

    it('a date the calendar lacks is named back and nothing changes', async () => {
      const { text } = onlyReply(await t.send('A-2 nytt datum 2023-02-30'));
      assert.match(text, /2023-02-30/);
      assert.equal((await t.action(2)).version, 1);
    });
  });

  describe('visa / show A-n', () => {
    it('visa A-1 shows the action card and its history, with the changes made', async () => {
      await t.send('A-1 pågår vi har börjat');
      const { cards } = onlyReply(await t.send('visa A-1'));
      assert.equal(cards.length, 2);
      const [action, history] = cards;
      assert.match(cardText(action), /Rutin för egenkontroll tas fram/);
      assert.match(cardText(action), /Granskning av barnkonventionen/);
      assert.match(cardText(action), /2022-12-31 \(innan årets slut\)/);
      assert.equal(button(action ?? {}, 'setStatus', 'Genomförd').data['version'], 2);
      const events = cardText(history);
      assert.match(events, /Historik: A-1/);
      assert.match(events, /Skapad/);
      assert.match(events, /Status: Planerad → Pågår/);
      assert.match(events, /vi har börjat/);
      assert.match(events, /Anna Andersson/, 'who made the change, by name');
      assert.match(events, /Import \(audits\.json\)/, 'the import, by file name');
      assert.doesNotMatch(events, /fixtures|\/work\//, 'no server path');
    });

    it('show a1 gives the same in English', async () => {
      const { cards } = onlyReply(await t.send('show a1'));
      assert.equal(cards.length, 2);
      assert.match(cardText(cards[0]), /Committee/);
      assert.match(cardText(cards[1]), /History: A-1/);
      assert.match(cardText(cards[1]), /Created/);
    });

    it('a reference that does not exist is named back', async () => {
      const { text, cards } = onlyReply(await t.send('visa A-99'));
      assert.equal(cards.length, 0);
      assert.match(text, /A-99/);
    });
  });

  describe('sammanställning / summary', () => {
    it('an admin gets the summary per committee with counts and share done', async () => {
      await t.send('A-2 klar', { from: users.anna });
      const { cards } = onlyReply(await t.send('sammanställning', { from: users.admin }));
      const text = cardText(cards[0]);
      assert.match(text, /Sammanställning per nämnd/);
      assert.match(text, /Läge per 2026-03-02/);
      assert.ok(text.includes(SOCIAL) && text.includes(TECHNICAL));
      assert.match(text, /Alla nämnder/);
      // One of five done.
      assert.match(text, /20\u00a0%/);
    });

    it('summary works in English for the chair', async () => {
      assert.equal((await t.cli('role', 'add', users.chair.email, 'chair')).code, 0);
      const { cards } = onlyReply(await t.send('summary', { from: users.chair }));
      const text = cardText(cards[0]);
      assert.match(text, /Summary by committee/);
      assert.match(text, /All committees/);
    });

    it('an official is told that the summary is not for them', async () => {
      const { text, cards } = onlyReply(await t.send('sammanställning'));
      assert.equal(cards.length, 0);
      assert.match(text, /behörighet/);
    });
  });

  describe('digest här / digest here', () => {
    it('digest här in a team channel by an admin stores the channel', async () => {
      const { text } = onlyReply(await t.send('digest här', { from: users.admin, channel: {} }));
      assert.match(text, /veckans sammanfattning kommer i den här kanalen/);
      const setting = await world.settings.getSetting(t.id, DIGEST_CHANNEL_SETTING);
      assert.ok(setting);
      assert.equal(
        (setting.value as { conversationId?: string }).conversationId,
        '19:revisionen-general@thread.tacv2',
      );
    });

    it('digest här typed in a thread picks the channel, not the thread', async () => {
      onlyReply(await t.send('digest här', { from: users.admin, channel: { messageId: '1700000000000' } }));
      const setting = await world.settings.getSetting(t.id, DIGEST_CHANNEL_SETTING);
      assert.deepEqual(setting?.value, {
        conversationId: '19:revisionen-general@thread.tacv2',
        teamId: '19:revisionen-general@thread.tacv2',
        serviceUrl: world.bot.connector.url,
        setBy: users.admin.aadObjectId,
        setAt: '2026-03-02T09:00:00.000Z',
        language: 'sv',
      });
    });

    it('digest here works in English', async () => {
      const { text } = onlyReply(
        await t.send('digest here', { from: users.admin, channel: { channelId: '19:board@thread.tacv2' } }),
      );
      assert.match(text, /weekly digest will be posted in this channel/);
      const setting = await world.settings.getSetting(t.id, DIGEST_CHANNEL_SETTING);
      assert.equal((setting?.value as { conversationId?: string }).conversationId, '19:board@thread.tacv2');
      // Written in English, the digest is posted in English.
      assert.equal((setting?.value as { language?: string }).language, 'en');
    });

    it('outside a channel, or from a non-admin, nothing is stored', async () => {
      assert.match(onlyReply(await t.send('digest här', { from: users.admin })).text, /bara i en kanal/);
      assert.match(onlyReply(await t.send('digest här', { channel: {} })).text, /bara en administratör/);
      assert.equal(await world.settings.getSetting(t.id, DIGEST_CHANNEL_SETTING), null);
    });
  });

  describe('messages the bot cannot place, and the language of the answer', () => {
    it('an unknown message gets a short helpful answer in Swedish, never silence or a stack trace', async () => {
      const { text, cards } = onlyReply(await t.send('blomkål med sås'));
      assert.equal(cards.length, 0);
      assert.match(text, /`mina åtgärder`/);
      assert.match(text, /`hjälp`/);
      assert.ok(text.length < 400, 'short');
      assert.doesNotMatch(text, /Error|at \w+ \(|\.ts:\d+/);
    });

    it('a user whose Teams is in English gets the unknown answer in English', async () => {
      const { text } = onlyReply(await t.send('qwerty 42', { from: users.bo, locale: 'en-US' }));
      assert.match(text, /`my actions`/);
      assert.match(text, /`help`/);
    });

    it('a message naming a reference but no command says what it saw', async () => {
      const { text } = onlyReply(await t.send('A-2 blomkål'));
      assert.match(text, /A-2/);
      assert.match(text, /`A-2 klar/);
      assert.equal((await t.action(2)).version, 1);
    });

    it('the user’s own words decide the language over the Teams locale', async () => {
      const swedish = onlyReply(await t.send('mina åtgärder', { locale: 'en-US' }));
      assert.match(cardText(swedish.cards[0]), /Mina öppna åtgärder/);
      const english = onlyReply(await t.send('my actions', { from: users.bo, locale: 'sv-SE' }));
      assert.match(cardText(english.cards[0]), /My open actions/);
    });

    it('an empty message (only a mention in a channel) gets the short answer', async () => {
      const { text } = onlyReply(await t.send('', { channel: {} }));
      assert.match(text, /`hjälp`/);
    });
  });

  describe('a broken rule is explained in the user’s language', () => {
    /** Asserts an English answer with no Swedish in it: no å, ä, ö, and none of the Swedish sentence's words. */
    function assertEnglish(text: string): void {
      assert.doesNotMatch(text, /[åäöÅÄÖ]/, text);
      assert.doesNotMatch(text, /\b(har|redan|ange|varför|datum|inte|kalendern|nämnd|samordnare)\b/i, text);
    }

    it('A-2 klar on a done action: the Swedish sentence, word for word', async () => {
      await t.send('A-2 klar protokollet är skickat');
      const { text, cards } = onlyReply(await t.send('A-2 klar'));
      assert.equal(cards.length, 0);
      assert.equal(text, 'A-2 har redan status Genomförd.');
    });

    it('A-2 done on a done action: a full English sentence', async () => {
      await t.send('A-2 done sent the minutes');
      const { text } = onlyReply(await t.send('A-2 done', { locale: 'en-US' }));
      assert.equal(text, 'A-2 is already Done; nothing was changed.');
      assertEnglish(text);
      assert.equal((await t.action(2)).version, 2);
    });

    it('reopening without a reason: Swedish as before, English in full', async () => {
      await t.send('A-2 klar protokollet är skickat');
      assert.equal(
        onlyReply(await t.send('A-2 pågår')).text,
        'A-2 är genomförd; ange varför den öppnas igen.',
      );
      const { text } = onlyReply(await t.send('A-2 in progress', { locale: 'en-US' }));
      assert.equal(text, 'A-2 is done; please give a reason for reopening it.');
      assertEnglish(text);
      assert.equal((await t.action(2)).status, 'Genomförd');
    });

    it('a new date on a done action, and the same date again, in English', async () => {
      const same = onlyReply(await t.send('A-2 new date 2026-06-30', { locale: 'en-US' })).text;
      assert.equal(same, 'A-2 already has the due date 2026-06-30.');
      assertEnglish(same);
      await t.send('A-2 done');
      const closed = onlyReply(await t.send('A-2 new date 2026-09-30 new supplier')).text;
      assert.equal(closed, 'A-2 is done; reopen it before you change its date.');
      assertEnglish(closed);
      assert.equal((await t.action(2)).deadline.date, '2026-06-30');
    });

    it('A-1 new date 2023-02-30: the date is named back in English', async () => {
      const { text } = onlyReply(await t.send('A-1 new date 2023-02-30', { locale: 'en-US' }));
      assert.match(text, /2023-02-30/);
      assertEnglish(text);
      assert.equal((await t.action(1)).version, 1);
    });

    it('role add for a coordinator without a committee: English, with the chat command to write', async () => {
      const { text } = onlyReply(
        await t.send(`role add ${users.bo.email} coordinator`, { from: users.admin, locale: 'en-US' }),
      );
      assertEnglish(text);
      assert.match(text, /^A coordinator needs a committee: .*`role add .* coordinator .+`\.$/);
    });
  });
});
