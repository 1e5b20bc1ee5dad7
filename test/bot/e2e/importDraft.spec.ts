/**
 * Importing a response document in Teams: a coordinator sends the file in personal chat, gets a draft
 * card, corrects it and presses Spara. The file is served by a tiny HTTP server on the loopback address, which the
 * bot may fetch in local mode only; storage is read back to prove what was, and was not, saved.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CARD_VERBS } from '../../../src/teams/cards/cards';
import { isAllowedFileUrl } from '../../../src/bot/handlers/importDraft';
import { AuditRepository } from '../../../src/storage';
import { users } from '../../helpers/activities';
import {
  button,
  cardAnswer,
  cardText,
  messageAnswer,
  onlyReply,
  people,
  startWorld,
  TECHNICAL,
  type Card,
  type Tenant,
  type World,
} from './world';

const SEED = 'trelleborg-sn-samordnade-insatser-2021.txt';
/** The committee of the seed's actions; its audit is addressed to Bildningsnämnden as well. */
const SEED_COMMITTEE = 'Socialnämnden';
const SEEDS = join(__dirname, '..', '..', 'fixtures', 'seeds');

/** Files the test server serves, by path. */
const FILES: Record<string, string> = {
  [`/${SEED}`]: readFileSync(join(SEEDS, SEED), 'utf8'),
  '/inga-atgarder.txt': 'Svar på revisionsrapport\n\nNämnden har tagit del av rapporten och noterar den.\n',
};

describe('e2e: importing a response document (draft card)', function () {
  let world: World;
  let t: Tenant;
  let server: Server;
  let base: string;
  let audits: AuditRepository;

  before(async () => {
    world = await startWorld();
    audits = new AuditRepository(world.tables.audits);
    server = createServer((req, res) => {
      const body = FILES[req.url ?? ''];
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await world?.close();
  });

  beforeEach(async () => {
    t = await world.tenant({ seed: false });
    // Straight to the repository: the tenant has no audits yet, and role commands grant only committees that exist.
    await world.roles.addRole(t.id, {
      role: 'coordinator',
      principal: people.dora.email,
      committee: SEED_COMMITTEE,
    });
  });

  /** Sends a file as Teams does in personal chat (a download-info attachment with a pre-authenticated URL). */
  function sendFile(name: string, from = people.dora, path = `/${name}`) {
    return t.send('', {
      from,
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name,
          content: { downloadUrl: `${base}${path}`, uniqueId: 'f-1', fileType: name.split('.').pop() },
        },
      ],
    });
  }

  async function draftCardFor(name = SEED): Promise<Card> {
    const reply = onlyReply(await sendFile(name));
    const [card] = reply.cards;
    assert.ok(card, `no draft card, got: ${reply.text}`);
    return card;
  }

  it('shows a draft card, saves on Spara with references, and saves nothing new the second time', async () => {
    const card = await draftCardFor();
    const text = cardText(card);
    assert.match(text, /Utkast till import/);
    assert.match(text, /rekommendationer, 2 åtgärder/);
    assert.ok(JSON.stringify(card).length < 28_000);
    const save = button(card, CARD_VERBS.confirmDraft);
    button(card, CARD_VERBS.rejectDraft);
    assert.equal(typeof save.data['draft'], 'string');
    assert.deepEqual(await world.actions.listActions(t.id), [], 'nothing is saved before Spara');

    // Teams merges the inputs into the data; the diary number is filled in by the coordinator.
    const inputs = { auditDiaryNumber: 'SN 2021/42' };
    const saved = cardText(
      cardAnswer(await t.invoke(CARD_VERBS.confirmDraft, { ...save.data, ...inputs }, { from: people.dora })),
    );
    assert.match(saved, /2 nya åtgärder sparades/);
    assert.match(saved, /A-1/);
    assert.match(saved, /A-2/);
    const stored = await world.actions.listActions(t.id);
    assert.equal(stored.length, 2);
    const [audit] = await audits.listAudits(t.id);
    assert.equal(audit?.diaryNumber, 'SN 2021/42');
    assert.ok(stored.every((action) => action.status === 'Planerad'));

    const again = cardText(
      cardAnswer(await t.invoke(CARD_VERBS.confirmDraft, { ...save.data, ...inputs }, { from: people.dora })),
    );
    assert.match(again, /Inget nytt sparades/);
    assert.equal((await world.actions.listActions(t.id)).length, 2);
    assert.equal((await audits.listAudits(t.id)).length, 1);
  });

  it('Avbryt saves nothing', async () => {
    const card = await draftCardFor();
    const answer = messageAnswer(
      await t.invoke(CARD_VERBS.rejectDraft, button(card, CARD_VERBS.rejectDraft).data, {
        from: people.dora,
      }),
    );
    assert.match(answer, /Inget har sparats/);
    assert.deepEqual(await world.actions.listActions(t.id), []);
  });

  it('refuses an official with no role, for the file and for a Spara press', async () => {
    const reply = onlyReply(await sendFile(SEED, users.anna));
    assert.equal(reply.cards.length, 0);
    assert.match(reply.text, /Bara administratörer och samordnare/);

    const save = button(await draftCardFor(), CARD_VERBS.confirmDraft);
    const answer = messageAnswer(await t.invoke(CARD_VERBS.confirmDraft, save.data, { from: users.anna }));
    assert.match(answer, /Bara administratörer och samordnare/);
    assert.deepEqual(await world.actions.listActions(t.id), []);
  });

  it('refuses Spara from a coordinator of another committee, and saves nothing', async () => {
    await world.roles.addRole(t.id, { role: 'coordinator', principal: users.bo.email, committee: TECHNICAL });
    const reply = onlyReply(await sendFile(SEED, users.bo));
    const [card] = reply.cards;
    assert.ok(card, `no draft card, got: ${reply.text}`);
    const save = button(card, CARD_VERBS.confirmDraft);
    const answer = messageAnswer(await t.invoke(CARD_VERBS.confirmDraft, save.data, { from: users.bo }));
    assert.equal(
      answer,
      'Du kan bara importera för nämnder du samordnar (Tekniska nämnden), och utkastet gäller också Socialnämnden. ' +
        'Rätta nämnderna i utkastet eller be en administratör importera det. Inget har sparats.',
    );
    assert.deepEqual(await world.actions.listActions(t.id), []);
    assert.deepEqual(await audits.listAudits(t.id), []);
  });

  it('decides again on what Spara sends: a committee renamed on the card to one not theirs is refused', async () => {
    const save = button(await draftCardFor(), CARD_VERBS.confirmDraft);
    // The card's committee field, one per line: Socialnämnden renamed, so its actions would move to it.
    const renamed = { ...save.data, auditCommittees: `Bildningsnämnden\n${TECHNICAL}` };
    const answer = messageAnswer(await t.invoke(CARD_VERBS.confirmDraft, renamed, { from: people.dora }));
    assert.match(
      answer,
      /^Du kan bara importera för nämnder du samordnar \(Socialnämnden\), .*Tekniska nämnden\./,
    );
    assert.deepEqual(await world.actions.listActions(t.id), []);
    assert.deepEqual(await audits.listAudits(t.id), []);
  });

  it('lets an admin import too', async () => {
    const reply = onlyReply(await sendFile(SEED, users.admin));
    assert.equal(reply.cards.length, 1);
  });

  it('refuses a forged confirm payload with a clear message and saves nothing', async () => {
    const save = button(await draftCardFor(), CARD_VERBS.confirmDraft);
    const forged: Record<string, unknown>[] = [
      { ...save.data, auditReportDate: '2021-02-30' },
      { ...save.data, auditTitle: '' },
      { ...save.data, auditCommittees: 42 },
      { ...save.data, draft: '{"audits": [' },
      { ...save.data, draft: JSON.stringify({ audits: [{ title: 'x' }] }) },
      { fileName: 'x.txt' },
    ];
    for (const data of forged) {
      const answer = messageAnswer(await t.invoke(CARD_VERBS.confirmDraft, data, { from: people.dora }));
      assert.match(
        answer,
        /Utkastet kan inte sparas: .+Inget har sparats/,
        JSON.stringify(data).slice(0, 200),
      );
    }
    assert.deepEqual(await world.actions.listActions(t.id), []);
    assert.deepEqual(await audits.listAudits(t.id), []);
  });

  it('answers a file with no actions clearly, saving nothing', async () => {
    const reply = onlyReply(await sendFile('inga-atgarder.txt'));
    assert.equal(reply.cards.length, 0);
    assert.match(reply.text, /kunde inte göra ett utkast.*hittade inga åtgärder.*Inget har sparats/s);
  });

  it('refuses a file type it cannot read, and a file it cannot fetch', async () => {
    assert.match(onlyReply(await sendFile('svar.pdf')).text, /kan inte läsa svar\.pdf/);
    assert.match(onlyReply(await sendFile('saknas.txt')).text, /kunde inte hämta saknas\.txt/);
  });
});

describe('importDraft: which file URLs the bot fetches', () => {
  it('fetches https anywhere, and plain http only on loopback in local mode', () => {
    const allowed = (url: string, local: boolean) => isAllowedFileUrl(new URL(url), local);
    assert.equal(allowed('https://contoso.sharepoint.com/x.docx', false), true);
    assert.equal(allowed('http://127.0.0.1:3000/x.txt', false), false);
    assert.equal(allowed('http://127.0.0.1:3000/x.txt', true), true);
    assert.equal(allowed('http://169.254.169.254/latest', true), false);
    assert.equal(allowed('file:///etc/passwd', true), false);
    assert.equal(allowed('https://user:pw@contoso.example/x.txt', false), false);
  });
});
