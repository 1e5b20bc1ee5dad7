/**
 * Files sent to the bot with a command, over HTTP as Teams sends them: `A-17 underlag [beskrivning]` with one file
 * or several (all kept in one change, or none), a link and a file together, the same link or file twice, and a
 * command other than `underlag` with a file (the command runs; the answer says the file was not kept).
 */
import assert from 'node:assert/strict';
import { linkEvidence, MAX_EVIDENCE_PER_ACTION } from '../../../src/domain/evidence';
import { AuditRepository, attachEvidence } from '../../../src/storage';
import { teamsFile, users } from '../../helpers/activities';
import { cardText, onlyReply, useWorld, type Tenant, type World } from './world';

describe('e2e: files and evidence in chat', function () {
  let world: World;
  let t: Tenant;

  useWorld({ started: (started) => (world = started), tenant: (tenant) => (t = tenant) });

  /** Everything a reply says, its text and its cards'. */
  function said(reply: { text: string; cards: Record<string, unknown>[] }): string {
    return [reply.text, ...reply.cards.map((card) => cardText(card))].join('\n');
  }

  /** The evidence events of A-`ref`'s history. */
  async function evidenceEvents(ref: number) {
    return (await t.history(ref)).filter((event) => event.kind === 'evidence');
  }

  describe('A-17 underlag <beskrivning> with a file', () => {
    it('keeps the words after underlag as the file’s description when the first word is no link', async () => {
      const reply = onlyReply(
        await t.send('A-2 underlag protokollet från mötet', { attachments: [teamsFile('p3.pdf')] }),
      );
      assert.match(said(reply), /Sparat: underlaget p3\.pdf till A-2\./);
      const [event] = await evidenceEvents(2);
      assert.deepEqual(event?.evidence, {
        kind: 'file',
        name: 'p3.pdf',
        contentUrl: 'https://kommun-my.sharepoint.com/personal/anna/Documents/p3.pdf',
        uniqueId: 'file-p3.pdf',
        description: 'protokollet från mötet',
      });
    });

    it('in English, and a file name as the first word is a description too', async () => {
      const reply = onlyReply(
        await t.send('A-2 evidence minutes.pdf from the board', {
          attachments: [teamsFile('minutes.pdf')],
          locale: 'en-US',
        }),
      );
      assert.match(said(reply), /Saved: the evidence minutes\.pdf on A-2\./);
      assert.equal((await evidenceEvents(2))[0]?.evidence?.description, 'minutes.pdf from the board');
    });

    it('still checks a first word that looks like a link: a javascript: link is refused and nothing is stored', async () => {
      const before = await t.action(2);
      const reply = onlyReply(
        await t.send('A-2 underlag javascript:alert(1)', { attachments: [teamsFile('p.pdf')] }),
      );
      assert.match(reply.text, /bara https-länkar/);
      assert.equal((await t.action(2)).version, before.version);
    });

    it('keeps a link and a file sent together, both with the description, in one change', async () => {
      const before = await t.action(2);
      const reply = onlyReply(
        await t.send('A-2 underlag https://kommun.se/x.pdf protokoll', { attachments: [teamsFile('p.pdf')] }),
      );
      assert.match(said(reply), /Sparat: 2 underlag till A-2: https:\/\/kommun\.se\/x\.pdf och p\.pdf\./);
      const events = await evidenceEvents(2);
      assert.deepEqual(
        events.map((event) => [event.evidence?.kind, event.evidence?.description]),
        [
          ['link', 'protokoll'],
          ['file', 'protokoll'],
        ],
      );
      assert.equal((await t.action(2)).version, before.version + 2);
    });
  });

  describe('several files with A-17 underlag', () => {
    it('keeps every file, named in the answer, in one change', async () => {
      const before = await t.action(2);
      const reply = onlyReply(
        await t.send('A-2 underlag', { attachments: [teamsFile('x1.pdf'), teamsFile('x2.pdf')] }),
      );
      assert.match(said(reply), /Sparat: 2 underlag till A-2: x1\.pdf och x2\.pdf\./);
      const events = await evidenceEvents(2);
      assert.deepEqual(
        events.map((event) => (event.evidence?.kind === 'file' ? event.evidence.name : '')),
        ['x1.pdf', 'x2.pdf'],
      );
      assert.equal(new Set(events.map((event) => event.at)).size, 1, 'one change, one moment');
      assert.equal((await t.action(2)).version, before.version + 2);
      const shown = said(onlyReply(await t.send('visa R-1')));
      assert.match(shown, /x1\.pdf/);
      assert.match(shown, /x2\.pdf/);
    });

    it('keeps none when they do not all fit, and says how many do', async () => {
      const deps = { actions: world.actions, audits: new AuditRepository(world.tables.audits) };
      const links = Array.from({ length: MAX_EVIDENCE_PER_ACTION - 1 }, (_, i) =>
        linkEvidence(`https://kommun.se/${i}.pdf`),
      );
      const context = { by: users.anna.aadObjectId, now: new Date() };
      const filled = await attachEvidence(
        deps,
        t.id,
        { ref: 2, expectedVersion: null, evidence: links },
        context,
        () => true,
      );
      assert.equal(filled.kind, 'saved');
      const before = await t.action(2);
      const reply = onlyReply(
        await t.send('A-2 underlag', { attachments: [teamsFile('x1.pdf'), teamsFile('x2.pdf')] }),
      );
      assert.match(
        reply.text,
        new RegExp(
          `A-2 har ${MAX_EVIDENCE_PER_ACTION - 1} underlag och kan ha högst ${MAX_EVIDENCE_PER_ACTION}, så de 2 nya får inte plats\\. Inget har sparats`,
        ),
      );
      assert.equal((await t.action(2)).version, before.version);
      assert.match(
        said(onlyReply(await t.send('A-2 underlag', { attachments: [teamsFile('x1.pdf')] }))),
        /Sparat/,
      );
    });
  });

  describe('the same evidence twice', () => {
    it('stores a link once and says it is already attached', async () => {
      onlyReply(await t.send('A-2 underlag https://kommun.se/x.pdf protokoll'));
      const before = await t.action(2);
      const again = onlyReply(await t.send('A-2 underlag https://kommun.se/x.pdf protokoll'));
      assert.match(
        again.text,
        /A-2 har redan underlaget https:\/\/kommun\.se\/x\.pdf, så inget har sparats\./,
      );
      assert.equal((await t.action(2)).version, before.version);
      assert.equal((await evidenceEvents(2)).length, 1);
      const shown = said(onlyReply(await t.send('visa R-1')));
      assert.equal(shown.split('https://kommun.se/x.pdf').length - 1, 1, shown);
    });

    it('stores a Teams file once, known by its id whatever its name, and says so in English', async () => {
      onlyReply(await t.send('A-2 underlag', { attachments: [teamsFile('p.pdf', { uniqueId: 'f-42' })] }));
      const before = await t.action(2);
      const again = onlyReply(
        await t.send('A-2 evidence', {
          attachments: [teamsFile('p (1).pdf', { uniqueId: 'f-42' }), teamsFile('new.pdf')],
          locale: 'en-US',
        }),
      );
      assert.match(again.text, /A-2 already has the evidence p \\?\(1\\?\)\.pdf, so nothing was saved\./);
      assert.equal((await t.action(2)).version, before.version);
    });
  });

  describe('another command with a file', () => {
    it('A-17 klar with a file changes the status and says the file was not kept', async () => {
      const reply = onlyReply(await t.send('A-2 klar', { attachments: [teamsFile('p8.pdf')] }));
      assert.match(said(reply), /Sparat: A-2 har nu status Genomförd\./);
      assert.match(
        reply.text,
        /Den bifogade filen p8\.pdf har inte sparats\. Ska den bli underlag, skicka den igen med texten `A-2 underlag`\./,
      );
      assert.equal((await t.action(2)).status, 'Genomförd');
      assert.deepEqual(await evidenceEvents(2), []);
    });

    it('in English, with two files; a file without command text still goes to the importer', async () => {
      const reply = onlyReply(
        await t.send('show A-2', { attachments: [teamsFile('a.pdf'), teamsFile('b.pdf')], locale: 'en-US' }),
      );
      assert.match(reply.text, /The attached files a\.pdf and b\.pdf were not saved\./);
      const imported = onlyReply(await t.send('', { attachments: [teamsFile('svar.pdf')], locale: 'en-US' }));
      assert.match(imported.text, /Only admins and coordinators can import/);
    });
  });
});
