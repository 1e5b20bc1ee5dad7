/**
 * `oåtkomliga` / `unreachable` over HTTP: the owners of open actions the bot cannot reach, which actions and why,
 * for admins (every owner) and coordinators (their committees' owners); refused to anyone else.
 */
import assert from 'node:assert/strict';
import { users } from '../../helpers/activities';
import { onlyReply, people, useWorld, TECHNICAL, type Tenant } from './world';

describe('e2e: oåtkomliga / unreachable', function () {
  let t: Tenant;

  useWorld({ tenant: (tenant) => (t = tenant) });

  it('lists owners no Teams user has the e-mail of, with their actions, why, and what to do (admin, Swedish)', async () => {
    const { text, cards } = onlyReply(await t.send('oåtkomliga', { from: users.admin }));
    assert.equal(cards.length, 0);
    assert.match(text, /^\*\*Ägare som boten inte når\*\*/);
    assert.match(text, /2 ägare med 5 öppna åtgärder får inga påminnelser\./);
    assert.match(
      text,
      /- anna\.andersson@kommun\.se \(A-1, A-2, A-5\): ingen Teams-användare som boten har träffat har den e-postadressen/,
    );
    assert.match(text, /- bo\.angstrom@kommun\.se \(A-3, A-4\): ingen Teams-användare/);
    assert.match(text, /Be dem installera appen i Teams eller skriva till boten/);
    // What the admin does, in words: a Teams user cannot open a path of the repository.
    assert.match(text, /installera appen åt dem via Microsoft Graph: slå på Graph-installationen/);
    assert.doesNotMatch(text, /docs\//);
  });

  it('forgets an owner once they have written to the bot; in English for `unreachable`', async () => {
    await t.send('hjälp', { from: users.anna });
    const { text } = onlyReply(await t.send('unreachable', { from: users.admin }));
    assert.match(text, /^\*\*Owners the bot cannot reach\*\*/);
    assert.match(text, /1 owner with 2 open actions gets no reminders\./);
    assert.match(
      text,
      /- bo\.angstrom@kommun\.se \(A-3, A-4\): no Teams user the bot has met has this e-mail address/,
    );
    assert.doesNotMatch(text, /anna/);
    assert.match(text, /Ask them to install the app in Teams/);
  });

  it('says so when every owner can be reached', async () => {
    await t.send('hjälp', { from: users.anna });
    await t.send('hjälp', { from: users.bo });
    const { text } = onlyReply(await t.send('oåtkomliga', { from: users.admin }));
    assert.equal(text, '**Ägare som boten inte når**\n\nBoten når alla ägare till öppna åtgärder.');
  });

  it("shows a coordinator only their committees' owners", async () => {
    t.addMember(people.dora);
    const granted = await t.cli('role', 'add', people.dora.email, 'coordinator', '--committee', TECHNICAL);
    assert.equal(granted.code, 0, granted.err);
    const { text } = onlyReply(await t.send('oåtkomliga', { from: people.dora }));
    assert.match(text, /- anna\.andersson@kommun\.se \(A-5\): /);
    assert.match(text, /- bo\.angstrom@kommun\.se \(A-4\): /);
    assert.doesNotMatch(text, /A-1|A-2|A-3/);
  });

  it('refuses an official, in their language, and names nobody', async () => {
    const sv = onlyReply(await t.send('oåtkomliga', { from: users.bo })).text;
    assert.equal(sv, 'Listan över ägare som boten inte når är för administratörer och samordnare.');
    const en = onlyReply(await t.send('unreachable', { from: users.bo })).text;
    assert.equal(en, 'The list of owners the bot cannot reach is for admins and coordinators.');
  });
});
