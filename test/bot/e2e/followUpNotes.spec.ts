/**
 * Notes and evidence on actions, typed in chat or sent as a file, over HTTP as Teams sends them: who may add them,
 * what is stored, and how `visa A-17` and the action card show them.
 */
import assert from 'node:assert/strict';
import { users } from '../../helpers/activities';
import { cardText, onlyReply, people, useWorld, type Tenant } from './world';

describe('e2e: notes and evidence on actions (A-17 kommentar, A-17 underlag)', function () {
  let t: Tenant;

  useWorld({ tenant: (tenant) => (t = tenant) });

  /** Everything a reply says, its text and its cards'. */
  function said(reply: { text: string; cards: Record<string, unknown>[] }): string {
    return [reply.text, ...reply.cards.map((card) => cardText(card))].join('\n');
  }

  describe('A-17 kommentar / A-17 note', () => {
    it('keeps a note in Swedish with the status unchanged, on the card and in the history', async () => {
      const before = await t.action(2);
      const reply = onlyReply(await t.send('A-2 kommentar upphandlingen dröjer till maj'));
      assert.match(said(reply), /Sparat: kommentaren till A-2\. Statusen är oförändrad\./);
      assert.match(said(reply), /Senaste kommentar/);
      assert.match(said(reply), /upphandlingen dröjer till maj/);
      const after = await t.action(2);
      assert.equal(after.status, before.status);
      assert.equal(after.version, before.version + 1);
      const last = (await t.history(2)).at(-1);
      assert.equal(last?.kind, 'note');
      assert.equal(last?.comment, 'upphandlingen dröjer till maj');

      const shown = said(onlyReply(await t.send('visa A-2')));
      assert.match(shown, /Kommentar/);
      assert.match(shown, /upphandlingen dröjer till maj/);
    });

    it('keeps a note in English', async () => {
      const reply = onlyReply(await t.send('A-2 note the procurement is delayed'));
      assert.match(said(reply), /Saved: the note on A-2\. The status is unchanged\./);
      assert.equal((await t.history(2)).at(-1)?.comment, 'the procurement is delayed');
    });

    it('asks for the text when a note has none, and stores nothing', async () => {
      const before = await t.action(2);
      const reply = onlyReply(await t.send('A-2 kommentar'));
      assert.match(reply.text, /Det saknas en kommentar/);
      assert.equal((await t.action(2)).version, before.version);
    });

    it('A-17 pågår <text> on an action already in progress keeps the words as a note', async () => {
      onlyReply(await t.send('A-2 pågår'));
      assert.equal((await t.action(2)).status, 'Pågår');
      const reply = onlyReply(await t.send('A-2 pågår, väntar på leverantören'));
      assert.match(said(reply), /Sparat: kommentaren till A-2/);
      assert.doesNotMatch(said(reply), /har redan status/);
      const after = await t.action(2);
      assert.equal(after.status, 'Pågår');
      assert.equal(after.lastComment, 'väntar på leverantören');
      assert.equal((await t.history(2)).at(-1)?.kind, 'note');
    });

    it('A-17 pågår <text> on a planned action still changes the status', async () => {
      onlyReply(await t.send('A-2 pågår, vi har börjat'));
      const after = await t.action(2);
      assert.equal(after.status, 'Pågår');
      assert.equal((await t.history(2)).at(-1)?.kind, 'status');
    });

    it("refuses another official's note and a note by an auditor, storing nothing", async () => {
      const before = await t.action(2);
      const bo = onlyReply(await t.send('A-2 kommentar inget', { from: users.bo }));
      assert.match(bo.text, /Jag hittar ingen åtgärd A-2/);
      await t.cli('role', 'add', people.dora.email, 'auditor');
      const auditor = onlyReply(await t.send('A-2 kommentar granskat', { from: people.dora }));
      assert.match(auditor.text, /Revisorer läser åtgärder men ändrar dem aldrig/);
      await t.cli('role', 'add', users.chair.email, 'chair');
      const chair = onlyReply(await t.send('A-2 note looked at it', { from: users.chair }));
      assert.match(said(chair), /You don’t have access to A-2|You do not have access to A-2|access to A-2/);
      assert.equal((await t.action(2)).version, before.version);
    });
  });

  describe('A-17 underlag / A-17 evidence', () => {
    it('attaches an https link with a description, shown as text in the reply and in visa A-17', async () => {
      const reply = onlyReply(
        await t.send('A-2 underlag https://kommun.se/protokoll.pdf protokoll från nämnden'),
      );
      assert.match(said(reply), /Sparat: underlaget https:\/\/kommun\.se\/protokoll\.pdf till A-2\./);
      const last = (await t.history(2)).at(-1);
      assert.equal(last?.kind, 'evidence');
      assert.deepEqual(last?.evidence, {
        kind: 'link',
        url: 'https://kommun.se/protokoll.pdf',
        description: 'protokoll från nämnden',
      });
      const shown = said(onlyReply(await t.send('visa A-2')));
      assert.match(shown, /Underlag: https:\/\/kommun\.se\/protokoll\.pdf – protokoll från nämnden/);
    });

    it('attaches evidence in English', async () => {
      const reply = onlyReply(await t.send('A-2 evidence https://kommun.se/minutes.pdf'));
      assert.match(said(reply), /Saved: the evidence https:\/\/kommun\.se\/minutes\.pdf on A-2\./);
      assert.equal((await t.history(2)).at(-1)?.evidence?.kind, 'link');
    });

    it('refuses a javascript: link with a clear answer and stores nothing', async () => {
      const before = await t.action(2);
      const reply = onlyReply(await t.send('A-2 underlag javascript:alert(1)'));
      assert.match(reply.text, /bara https-länkar/);
      const english = onlyReply(await t.send('A-2 evidence http://kommun.se/x.pdf'));
      assert.match(english.text, /https/);
      assert.equal((await t.action(2)).version, before.version);
    });

    it('shows a markdown-looking description as text', async () => {
      onlyReply(await t.send('A-2 underlag https://kommun.se/a.pdf [Godkänt](https://evil.example)'));
      const shown = JSON.stringify(onlyReply(await t.send('visa A-2')).cards);
      assert.ok(!shown.includes('[Godkänt](https://evil.example)'), 'the link must not render as a link');
      assert.match(shown, /\\\\\[Godkänt\\\\\]/);
    });

    it('asks for a link when there is neither link nor file', async () => {
      const reply = onlyReply(await t.send('A-2 underlag'));
      assert.match(reply.text, /Det saknas en länk/);
    });

    it('a file sent with `A-17 underlag` becomes evidence (name, address, id kept), not an import', async () => {
      const reply = onlyReply(
        await t.send('A-2 underlag', {
          attachments: [
            {
              contentType: 'application/vnd.microsoft.teams.file.download.info',
              name: 'Protokoll 2026-02.pdf',
              contentUrl: 'https://kommun-my.sharepoint.com/personal/anna/Documents/Protokoll%202026-02.pdf',
              content: {
                downloadUrl: 'https://kommun-my.sharepoint.com/download.aspx?tempauth=x',
                uniqueId: '8a1b2c3d-0000-4000-8000-000000000001',
                fileType: 'pdf',
              },
            },
          ],
        }),
      );
      assert.match(said(reply), /Sparat: underlaget Protokoll 2026-02\.pdf till A-2\./);
      assert.deepEqual((await t.history(2)).at(-1)?.evidence, {
        kind: 'file',
        name: 'Protokoll 2026-02.pdf',
        contentUrl: 'https://kommun-my.sharepoint.com/personal/anna/Documents/Protokoll%202026-02.pdf',
        uniqueId: '8a1b2c3d-0000-4000-8000-000000000001',
        description: null,
      });
      assert.match(said(onlyReply(await t.send('visa A-2'))), /Protokoll 2026-02\.pdf/);
    });

    it("refuses an auditor's and another official's evidence, storing nothing", async () => {
      const before = await t.action(2);
      await t.cli('role', 'add', people.dora.email, 'auditor');
      const auditor = onlyReply(await t.send('A-2 evidence https://kommun.se/x.pdf', { from: people.dora }));
      assert.match(auditor.text, /Auditors read actions but never change them|Revisorer läser/);
      const bo = onlyReply(await t.send('A-2 underlag https://kommun.se/x.pdf', { from: users.bo }));
      assert.match(bo.text, /Jag hittar ingen åtgärd A-2/);
      assert.equal((await t.action(2)).version, before.version);
    });
  });
});
