/**
 * `rapport` / `report` as a file in personal chat through Teams' file consent flow, over HTTP: the consent card, the
 * user's Allow (upload to the session URL, then the file's card), Decline, and an upload URL that fails or never
 * answers. The bytes never travel in the card: they are made again from storage on Allow, for the caller as they
 * are then.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Audit } from '../../../src/domain/types';
import { AuditRepository } from '../../../src/storage';
import { users } from '../../helpers/activities';
import {
  fileConsentInvoke,
  startFakeUploadServer,
  type FakeUploadServer,
} from '../../helpers/fakeFileUpload';
import { cardText, onlyReply, people, SOCIAL, startWorld, type Tenant, type World } from './world';

const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

describe('e2e: files through the consent flow (rapport / report)', function () {
  let world: World;
  let uploads: FakeUploadServer;
  let t: Tenant;

  before(async () => {
    world = await startWorld();
    uploads = await startFakeUploadServer();
  });

  after(async () => {
    await uploads?.close();
    await world?.close();
  });

  beforeEach(async () => {
    t = await world.tenant();
    uploads.behave({ kind: 'accept' });
    await t.cli('role', 'add', users.chair.email, 'chair');
  });

  /** Asks for a file (the report by default) and returns the consent card attachment. */
  async function consentCard(from = users.chair, command = 'rapport'): Promise<Record<string, unknown>> {
    const turn = await t.send(command, { from });
    const attachments = turn.messages.flatMap((message) => message.attachments ?? []);
    const card = attachments.find((attachment) => attachment.contentType === CONSENT);
    assert.ok(card, `no consent card: ${JSON.stringify(turn.messages)}`);
    return card as Record<string, unknown>;
  }

  /** The tenant's audit with this title. */
  async function auditNamed(title: string): Promise<Audit> {
    const audit = (await new AuditRepository(world.tables.audits).listAudits(t.id)).find(
      (each) => each.title === title,
    );
    assert.ok(audit, `no audit "${title}"`);
    return audit;
  }

  /** Presses Allow or Decline and waits for the bot's next message in the chair's chat. */
  async function answer(
    action: 'accept' | 'decline',
    context: unknown,
    uploadPath = 'session-1',
    from = users.chair,
  ) {
    const mark = world.bot.connector.lastSeq;
    const invoke = fileConsentInvoke({
      action,
      context,
      from,
      tenantId: t.id,
      serviceUrl: world.bot.connector.url,
      ...(action === 'accept'
        ? {
            uploadInfo: {
              name: 'styrelserapport-2026-03-02.html',
              uploadUrl: `${uploads.url}${uploadPath}`,
              contentUrl:
                'https://kommun-my.sharepoint.com/personal/ordf/Documents/styrelserapport-2026-03-02.html',
              uniqueId: '1d2c3b4a-0000-4000-8000-000000000042',
              fileType: 'html',
            },
          }
        : {}),
    });
    const started = Date.now();
    const result = await world.bot.post(invoke);
    const answeredMs = Date.now() - started;
    const [next] = await world.bot.connector.waitForActivities((recorded) => recorded.seq > mark, 1, 15_000);
    assert.ok(next);
    return { status: result.status, answeredMs, activity: next.activity };
  }

  it('sends a consent card with name, description, size and contexts, and no bytes', async () => {
    const card = await consentCard();
    assert.equal(card['name'], 'styrelserapport-2026-03-02.html');
    const content = card['content'] as Record<string, unknown>;
    assert.match(String(content['description']), /Återrapportering till kommunstyrelsen, läget 2026-03-02/);
    assert.equal(typeof content['sizeInBytes'], 'number');
    assert.ok((content['sizeInBytes'] as number) > 100);
    assert.deepEqual(content['acceptContext'], { kind: 'boardReport', format: 'html' });
    assert.ok(JSON.stringify(card).length < 1_000, 'the file itself is not in the card');
  });

  it('on Allow answers the invoke, uploads with Content-Length and Content-Range and no token, then the file card', async () => {
    const card = await consentCard();
    const content = card['content'] as { acceptContext: unknown; sizeInBytes: number };
    const before = uploads.uploads.length;
    const { status, activity } = await answer('accept', content.acceptContext);
    assert.equal(status, 200);
    const upload = uploads.uploads[before];
    assert.ok(upload, 'nothing was uploaded');
    assert.equal(upload.path, '/session-1');
    const size = upload.body.length;
    assert.equal(size, content.sizeInBytes);
    assert.equal(upload.headers['content-length'], String(size));
    assert.equal(upload.headers['content-range'], `bytes 0-${size - 1}/${size}`);
    assert.equal(upload.headers['authorization'], undefined);
    assert.match(upload.body.toString('utf8'), /<html/i);
    const info = (activity.attachments ?? [])[0] as Record<string, unknown> | undefined;
    assert.equal(info?.['contentType'], FILE_INFO);
    assert.equal(info?.['name'], 'styrelserapport-2026-03-02.html');
    assert.match(String(info?.['contentUrl']), /^https:\/\/kommun-my\.sharepoint\.com\//);
    assert.deepEqual(info?.['content'], {
      uniqueId: '1d2c3b4a-0000-4000-8000-000000000042',
      fileType: 'html',
    });
  });

  it("the report has each action's latest note, in the language the chair asked in", async () => {
    onlyReply(await t.send('A-2 kommentar upphandlingen dröjer till maj'));
    const uploaded = async (command: string, path: string) => {
      const content = (await consentCard(users.chair, command))['content'] as { acceptContext: unknown };
      const before = uploads.uploads.length;
      await answer('accept', content.acceptContext, path);
      const upload = uploads.uploads[before];
      assert.ok(upload, 'nothing was uploaded');
      return upload.body.toString('utf8');
    };
    const swedish = await uploaded('rapport', 'session-sv');
    assert.match(swedish, /<html lang="sv"/);
    assert.match(swedish, /Senaste kommentarer/);
    assert.match(swedish, /upphandlingen dröjer till maj/);
    const english = await uploaded('report', 'session-en');
    assert.match(english, /<html lang="en"/);
    assert.match(english, /Latest notes/);
    assert.match(english, /upphandlingen dröjer till maj/);
    assert.doesNotMatch(english, /Senaste kommentarer/);
  });

  it('on Decline says so and uploads nothing', async () => {
    const card = await consentCard();
    const before = uploads.uploads.length;
    const { status, activity } = await answer(
      'decline',
      (card['content'] as { declineContext: unknown }).declineContext,
    );
    assert.equal(status, 200);
    assert.match(String(activity.text), /jag skickar ingen fil/);
    assert.equal(uploads.uploads.length, before);
  });

  it('an upload URL answering 503 gets a clear message, once, and no retry', async () => {
    const card = await consentCard();
    uploads.behave({ kind: 'status', status: 503 });
    const before = uploads.uploads.length;
    const { activity } = await answer(
      'accept',
      (card['content'] as { acceptContext: unknown }).acceptContext,
    );
    assert.match(String(activity.text), /Filen kunde inte laddas upp/);
    assert.equal(uploads.uploads.length, before + 1, 'one attempt, no retry loop');
  });

  it('an upload URL that never answers gets the same message within the bound, and the invoke is answered at once', async () => {
    const card = await consentCard();
    uploads.behave({ kind: 'hang' });
    const { answeredMs, activity } = await answer(
      'accept',
      (card['content'] as { acceptContext: unknown }).acceptContext,
    );
    assert.ok(answeredMs < 3_000, `the invoke took ${answeredMs} ms`);
    assert.match(String(activity.text), /Filen kunde inte laddas upp/);
  });

  it('re-checks the caller on Allow: an official pressing a forwarded Allow gets nothing uploaded', async () => {
    const card = await consentCard();
    const before = uploads.uploads.length;
    const { activity } = await answer(
      'accept',
      (card['content'] as { acceptContext: unknown }).acceptContext,
      'session-2',
      users.anna,
    );
    assert.match(String(activity.text), /Styrelserapporten är för ordförande och administratörer/);
    assert.equal(uploads.uploads.length, before);
  });

  it('refuses an official, and in a channel says the file comes in personal chat (English)', async () => {
    assert.match(onlyReply(await t.send('rapport')).text, /för ordförande och administratörer/);
    const channel = onlyReply(await t.send('report', { from: users.chair, channel: {}, locale: 'en-US' }));
    const [card] = channel.cards;
    assert.ok(card, 'a card says where the file comes');
    assert.match(cardText(card), /The file comes in personal chat/);
    assert.match(cardText(card), /I send files in personal chat only/);
    assert.match(cardText(card), /report/);
    const group = onlyReply(await t.send('uppföljning SON 2022-00030', { from: users.chair, channel: {} }));
    assert.match(cardText(group.cards[0]), /Filen kommer i personlig chatt/);
  });

  describe('uppföljning <diarienummer> / follow-up <diary number>', () => {
    beforeEach(() => t.cli('role', 'add', people.dora.email, 'auditor'));

    it("sends an auditor the audit's review pack through the consent flow", async () => {
      onlyReply(await t.send('R-1 delvis åtgärdad rutinen saknas', { from: people.dora }));
      const card = await consentCard(people.dora, 'uppföljning SON 2022-00030');
      assert.equal(card['name'], 'uppfoljning-SON-2022-00030-2026-03-02.html');
      const content = card['content'] as { acceptContext: unknown; description: string; sizeInBytes: number };
      assert.deepEqual(content.acceptContext, {
        kind: 'reviewPack',
        auditId: (await auditNamed('Granskning av barnkonventionen')).id,
        format: 'html',
      });
      assert.match(
        content.description,
        /Underlag för uppföljande granskning: Granskning av barnkonventionen/,
      );
      const before = uploads.uploads.length;
      const { activity } = await answer('accept', content.acceptContext, 'session-3', people.dora);
      const upload = uploads.uploads[before];
      assert.ok(upload);
      assert.equal(upload.body.length, content.sizeInBytes);
      const html = upload.body.toString('utf8');
      assert.match(html, /Säkerställ att barnkonsekvensanalyser/);
      assert.match(html, /rutinen saknas/);
      assert.equal(
        ((activity.attachments ?? [])[0] as Record<string, unknown> | undefined)?.['contentType'],
        FILE_INFO,
      );
    });

    it('Allow for an audit that is gone since the card was sent says so, not that the caller may not', async () => {
      const before = uploads.uploads.length;
      const { activity } = await answer(
        'accept',
        { kind: 'reviewPack', auditId: 'borttagen-granskning', format: 'html' },
        'session-gone',
        people.dora,
      );
      assert.match(String(activity.text), /Granskningen finns inte längre, så ingen fil har laddats upp/);
      assert.doesNotMatch(String(activity.text), /för revisorer/);
      assert.equal(uploads.uploads.length, before);
    });

    it('in English; an unknown diary number and a missing one are named back', async () => {
      const card = await consentCard(users.chair, 'follow-up TN 2023-00112');
      assert.equal(card['name'], 'uppfoljning-TN-2023-00112-2026-03-02.html');
      const unknown = onlyReply(await t.send('uppföljning KS 1999-1', { from: people.dora }));
      assert.match(unknown.text, /Ingen granskning har diarienumret, id:t eller titeln "KS 1999-1"\./);
      assert.match(unknown.text, /utan hänsyn till versaler, mellanslag och bindestreck/);
      // What there is, newest report first, each with the command that asks for exactly it.
      const tn = await auditNamed('Granskning av upphandling och avtalstrohet');
      assert.match(
        unknown.text,
        new RegExp(
          `Granskningar:\\n- Granskning av upphandling och avtalstrohet \\(TN 2023-00112, rapport 2023-03-01\\): \`uppföljning ${tn.id}\`\\n- Granskning av barnkonventionen`,
        ),
      );
      const missing = onlyReply(await t.send('follow-up', { from: people.dora }));
      assert.match(missing.text, /The diary number is missing/);
    });

    it('finds the audit by a loosely written diary number, by id, and by title', async () => {
      const son = await auditNamed('Granskning av barnkonventionen');
      for (const command of [
        'uppföljning SON-2022-00030',
        'uppföljning son 202200030',
        `uppföljning ${son.id}`,
        'uppföljning granskning av BARNKONVENTIONEN',
      ]) {
        const card = await consentCard(people.dora, command);
        assert.equal(card['name'], 'uppfoljning-SON-2022-00030-2026-03-02.html', command);
      }
      const wrong = onlyReply(await t.send('uppföljning SON 2022-30', { from: people.dora }));
      assert.match(wrong.text, /Ingen granskning har diarienumret, id:t eller titeln "SON 2022-30"/);
    });

    it('finds an audit without a diary number by id and title, and lists several with the same title', async () => {
      const file = join(await mkdtemp(join(tmpdir(), 'revision-')), 'utan-dnr.json');
      const audit = (reportDate: string) => ({
        title: 'Granskning av IT-säkerhet',
        auditor: 'Stadsrevisionen',
        reportDate,
        committees: [SOCIAL],
        recommendations: [
          {
            text: `Säkerhetsrutiner ${reportDate}`,
            committees: [SOCIAL],
            actions: [
              { text: 'Rutin tas fram', owner: users.anna.email, committee: SOCIAL, due: '2026-12-31' },
            ],
          },
        ],
      });
      await writeFile(file, JSON.stringify({ audits: [audit('2024-05-01')] }));
      assert.equal((await t.cli('import', file)).code, 0);
      const security = await auditNamed('Granskning av IT-säkerhet');
      const byTitle = await consentCard(people.dora, 'uppföljning Granskning av IT-säkerhet');
      assert.equal(byTitle['name'], `uppfoljning-${security.id}-2026-03-02.html`);
      const byId = await consentCard(people.dora, `follow-up ${security.id}`);
      assert.equal(byId['name'], byTitle['name']);

      await writeFile(file, JSON.stringify({ audits: [audit('2025-05-01')] }));
      assert.equal((await t.cli('import', file)).code, 0);
      const both = onlyReply(await t.send('uppföljning granskning av it-säkerhet', { from: people.dora }));
      assert.match(
        both.text,
        /^2 granskningar passar "granskning av it-säkerhet", så jag har inte skickat någon fil\./,
      );
      assert.match(
        both.text,
        /Granskning av IT-säkerhet \(inget diarienummer, rapport 2024-05-01\): `uppföljning /,
      );
      assert.match(
        both.text,
        /Granskning av IT-säkerhet \(inget diarienummer, rapport 2025-05-01\): `uppföljning /,
      );
      assert.deepEqual(both.cards, []);
    });

    it('refuses an official, and re-checks on Allow', async () => {
      const anna = onlyReply(await t.send('uppföljning SON 2022-00030'));
      assert.match(anna.text, /för revisorer, ordförande och administratörer/);
      const before = uploads.uploads.length;
      const { id } = await auditNamed('Granskning av barnkonventionen');
      const { activity } = await answer(
        'accept',
        { kind: 'reviewPack', auditId: id, format: 'html' },
        'session-4',
        users.anna,
      );
      assert.match(String(activity.text), /för revisorer, ordförande och administratörer/);
      assert.equal(uploads.uploads.length, before);
    });
  });
});
