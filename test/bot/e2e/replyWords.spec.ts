/**
 * What the bot says in chat, and in which language: refusals in their own words, hints that show the command the
 * user wrote, role answers without the command line's flags, and replies in the language of the words (else the
 * Teams locale), never in the language a person happened to write in once before.
 */
import assert from 'node:assert/strict';
import { users } from '../../helpers/activities';
import { CARD_VERBS } from '../../../src/teams/cards';
import { cardText, messageAnswer, onlyReply, people, useWorld, type Tenant } from './world';

/** An English answer: no å, ä, ö, and none of the Swedish sentences' common words. */
function assertEnglish(text: string): void {
  assert.doesNotMatch(text, /[åäöÅÄÖ]/, text);
  assert.doesNotMatch(text, /\b(har|inte|inget|rollen|datum|skriv|jag|och)\b/i, text);
}

/** A Swedish answer: none of the English sentences' common words. */
function assertSwedish(text: string): void {
  assert.doesNotMatch(text, /\b(the|you|is|nothing|write|I|and)\b/, text);
}

describe('e2e: the words of the answers, and their language', function () {
  let t: Tenant;

  useWorld({ tenant: (tenant) => (t = tenant) });

  describe('uppföljning / follow-up from someone who may not have the pack', () => {
    it('names the follow-up pack, not the list of what waits for review, in both languages', async () => {
      const sv = onlyReply(await t.send('uppföljning SON 2022-00030')).text;
      assert.equal(
        sv,
        'Underlaget för uppföljande granskning är för revisorer, ordförande och administratörer. `mina åtgärder` visar dina åtgärder.',
      );
      const en = onlyReply(await t.send('follow-up SON 2022-00030', { locale: 'en-US' })).text;
      assert.equal(
        en,
        'The follow-up review pack is for auditors, the chair and admins. `my actions` shows your actions.',
      );
    });
  });

  describe('the language of a reply: the words, else the Teams locale, else Swedish', () => {
    it('after one English message, a sv-SE user gets Swedish for words that say no language', async () => {
      assert.match(onlyReply(await t.send('help')).text, /What you can write to me/);
      const card = onlyReply(await t.send('A-1')).cards[0];
      assert.match(cardText(card), /Ansvarig/);
      assert.match(onlyReply(await t.send('?')).text, /Det här kan du skriva till mig/);
      assert.match(onlyReply(await t.send('')).text, /Jag förstod inte riktigt/);
    });

    it('greetings and thanks are Swedish or English words, and get a sensible answer', async () => {
      await t.send('help');
      assert.match(onlyReply(await t.send('hej')).text, /Det här kan du skriva till mig/);
      assert.equal(
        onlyReply(await t.send('tack')).text,
        'Varsågod! Skriv `hjälp` om du vill se vad jag kan.',
      );
      assert.equal(
        onlyReply(await t.send('Tackar!')).text,
        'Varsågod! Skriv `hjälp` om du vill se vad jag kan.',
      );
      // English words win over a Swedish locale.
      assert.equal(
        onlyReply(await t.send('thank you')).text,
        "You're welcome! Write `help` to see what I can do.",
      );
      assert.match(onlyReply(await t.send('hello')).text, /What you can write to me/);
      // An English locale decides when the words say nothing.
      assert.match(
        onlyReply(await t.send('?', { from: users.bo, locale: 'en-US' })).text,
        /What you can write/,
      );
    });

    it('a file sent with no text is answered in the Teams locale, not the language written in before', async () => {
      await t.send('help');
      const file = {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'svar.docx',
        contentUrl: 'https://kommun-my.sharepoint.com/personal/anna/Documents/svar.docx',
        content: {
          downloadUrl: 'https://kommun-my.sharepoint.com/download/svar.docx',
          uniqueId: 'u-svar',
          fileType: 'docx',
        },
      };
      const { text } = onlyReply(await t.send('', { attachments: [file] }));
      assert.match(text, /^Bara administratörer och samordnare kan importera/);
    });
  });

  describe('taking back a role the person does not hold', () => {
    it('chat says so in its own words, in Swedish and in English, and changes nothing', async () => {
      const sv = onlyReply(
        await t.send(`roll ta bort ${people.dora.email} revisor`, { from: users.admin }),
      ).text;
      assert.equal(sv, 'dora.dahl@kommun.se har inte rollen revisor; inget har ändrats.');
      const en = onlyReply(
        await t.send(`role remove ${people.dora.email} admin`, { from: users.admin, locale: 'en-US' }),
      ).text;
      assert.equal(en, 'Nothing was changed: dora.dahl@kommun.se does not have the role admin.');
      assertEnglish(en);
      const committee = onlyReply(
        await t.send(`roll ta bort ${people.dora.email} samordnare Tekniska nämnden`, { from: users.admin }),
      ).text;
      assert.equal(
        committee,
        'dora.dahl@kommun.se har inte rollen samordnare för Tekniska nämnden; inget har ändrats.',
      );
    });

    it('the command line calls it bad input, not a storage fault', async () => {
      const run = await t.cli('role', 'remove', people.dora.email, 'auditor');
      assert.equal(run.code, 1);
      assert.equal(run.err.trim(), 'Fel: dora.dahl@kommun.se har inte rollen auditor; inget har ändrats.');
    });
  });

  describe('role rules in Swedish chat use chat’s syntax, not the command line’s flag', () => {
    it('a coordinator without a committee, and a chair with one', async () => {
      const coordinator = onlyReply(
        await t.send(`roll ta bort ${people.dora.email} samordnare`, { from: users.admin }),
      ).text;
      assert.equal(
        coordinator,
        'En samordnare måste ha en nämnd: skriv nämnden efter rollen, till exempel `roll lägg till anna.andersson@kommun.se samordnare Sociala omsorgsnämnden`.',
      );
      const chair = onlyReply(
        await t.send(`roll lägg till ${people.dora.email} ordförande Tekniska nämnden`, {
          from: users.admin,
        }),
      ).text;
      assert.equal(
        chair,
        'Rollen ordförande gäller hela organisationen och har ingen nämnd: skriv ingenting efter rollen.',
      );
      for (const text of [coordinator, chair]) assert.doesNotMatch(text, /--committee|\bchair\b/);
    });

    it('the command line keeps its flag', async () => {
      const run = await t.cli('role', 'add', people.dora.email, 'chair', '--committee', 'Tekniska nämnden');
      assert.equal(run.code, 1);
      assert.match(run.err, /ta bort --committee/);
    });
  });

  describe('a missing date is hinted with the command that was written', () => {
    it('pausa and snooze show the snooze command, with the action’s reference', async () => {
      assert.equal(
        onlyReply(await t.send('pausa A-2')).text,
        'Det saknas ett datum. Skriv till exempel `pausa A-2 till 2026-08-15 motivering`.',
      );
      assert.equal(
        onlyReply(await t.send('snooze A-2', { locale: 'en-US' })).text,
        'The date is missing. Write for example `snooze A-2 until 2026-08-15 reason`.',
      );
      assert.match(onlyReply(await t.send('pausa A-2 till nästa vecka')).text, /`pausa A-2 till 2026-08-15/);
    });

    it('Spara nytt datum with no date names the card’s own action', async () => {
      const text = messageAnswer(
        await t.invoke(CARD_VERBS.setDate, { ref: 'A-2', version: 1, newDate: '', reason: 'x' }),
      );
      assert.equal(text, 'Det saknas ett datum. Skriv till exempel `A-2 nytt datum 2026-03-31 motivering`.');
    });
  });

  describe('a new deadline in the past is refused, in chat and on the card', () => {
    it('in chat, in both languages, writing nothing', async () => {
      const sv = onlyReply(await t.send('A-2 nytt datum 2020-01-01 gammal')).text;
      assert.equal(
        sv,
        '2020-01-01 har redan varit; ett nytt slutdatum för A-2 kan tidigast vara i dag (2026-03-02). Inget har ändrats.',
      );
      const en = onlyReply(await t.send('A-2 new date 2026-03-01', { locale: 'en-US' })).text;
      assert.equal(
        en,
        '2026-03-01 has passed; a new due date for A-2 can be today (2026-03-02) at the earliest. Nothing was changed.',
      );
      assertEnglish(en);
      const action = await t.action(2);
      assert.equal(action.version, 1);
      assert.equal(action.deadlineChanges, 0);
    });

    it('today itself is accepted', async () => {
      onlyReply(await t.send('A-2 nytt datum 2026-03-02 i dag'));
      assert.equal((await t.action(2)).deadline.date, '2026-03-02');
    });

    it('on the card, writing nothing', async () => {
      const text = messageAnswer(
        await t.invoke(CARD_VERBS.setDate, { ref: 'A-2', version: 1, newDate: '2019-01-01', reason: '' }),
      );
      assert.match(text, /^2019-01-01 har redan varit/);
      assert.equal((await t.action(2)).version, 1);
    });
  });

  describe('a message naming several actions', () => {
    it('says so, lists them and changes none', async () => {
      const sv = onlyReply(await t.send('A-1 och A-2 klara')).text;
      assert.equal(
        sv,
        'Meddelandet nämner flera åtgärder (A-1, A-2), och jag tar en i taget, så inget har ändrats. Skriv ett meddelande per åtgärd, till exempel `A-1 klar`.',
      );
      assertSwedish(sv);
      assert.match(onlyReply(await t.send('visa A-2 A-3')).text, /flera åtgärder \(A-2, A-3\)/);
      const en = onlyReply(await t.send('A-1 and A-2 done', { locale: 'en-US' })).text;
      assert.match(en, /names several actions \(A-1, A-2\)/);
      for (const ref of [1, 2]) assert.equal((await t.action(ref)).version, 1);
    });
  });

  describe('hjälp / help, and oåtkomliga / unreachable', () => {
    it('the role line names every role chat takes, and the oåtkomliga line says who once', async () => {
      const sv = onlyReply(await t.send('hjälp')).text;
      assert.match(sv, /ge någon rollen admin, ordförande, samordnare \(med nämnd\) eller revisor;/);
      assert.match(
        sv,
        /- `oåtkomliga`: ägare som boten inte når, och varför \(för administratörer, och för samordnare om deras nämnder\)\n/,
      );
      const en = onlyReply(await t.send('help', { locale: 'en-US' })).text;
      assert.match(en, /give someone the role admin, chair, coordinator \(with a committee\) or auditor;/);
      assert.match(
        en,
        /- `unreachable`: owners the bot cannot reach, and why \(for admins, and for coordinators about their committees\)\n/,
      );
    });

    it('oåtkomliga says what to do in words, with no path into the repository', async () => {
      for (const [text, locale] of [
        ['oåtkomliga', 'sv-SE'],
        ['unreachable', 'en-US'],
      ] as const) {
        const answer = onlyReply(await t.send(text, { from: users.admin, locale })).text;
        assert.match(answer, /TeamsAppInstallation\.ReadWriteForUser\.All/, answer);
        assert.doesNotMatch(answer, /docs\/|\.md\b/, answer);
      }
    });
  });

  describe('forgiving spellings', () => {
    it('roll alone from an admin shows how the role commands are written', async () => {
      const text = onlyReply(await t.send('roll', { from: users.admin })).text;
      assert.match(text, /`roll lägg till anna\.andersson@kommun\.se samordnare Sociala omsorgsnämnden`/);
      assert.match(text, /`roll ta bort /);
    });

    it('hjalp is hjälp, and visa A 1 is visa A-1', async () => {
      assert.match(onlyReply(await t.send('hjalp')).text, /Det här kan du skriva till mig/);
      assert.match(cardText(onlyReply(await t.send('visa A 1')).cards[0]), /A-1/);
    });
  });

  describe('a new date written as a Swedish date', () => {
    it('30 september 2026 is that day', async () => {
      onlyReply(await t.send('A-2 nytt datum 30 september 2026 budgeten'));
      const action = await t.action(2);
      assert.equal(action.deadline.date, '2026-09-30');
      assert.equal((await t.history(2)).at(-1)?.comment, 'budgeten');
    });

    it('without a year it is quoted whole and nothing changes', async () => {
      const { text } = onlyReply(await t.send('A-2 nytt datum 30 september budgeten'));
      assert.match(text, /^"30 september" kan jag inte använda som datum\./);
      assert.equal((await t.action(2)).version, 1);
    });
  });
});
