/**
 * Evidence in the import format: https links per action, saved as the same evidence events as `A-17 underlag` in
 * chat, checked with the same rules, and idempotent when the file is imported again.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachEvidence, linkEvidence, liveEvidence, removeEvidence } from '../../src/domain/evidence';
import { ActionRepository } from '../../src/storage/actionRepository';
import { openTables, type Tables } from '../../src/storage/tables';
import { testAzurite } from '../helpers/azurite';
import { runCliForTest } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';

const SON = 'Sociala omsorgsnämnden';
const PROTOCOL = 'https://www.goteborg.se/protokoll/son-2022-05-16.pdf';
const ROUTINE = 'https://www.goteborg.se/rutiner/egenkontroll';

/** The contract example with `evidence` on its one action. */
function fileWith(evidence: unknown): object {
  return {
    audits: [
      {
        title: 'Granskning av barnkonventionen',
        auditor: 'Stadsrevisionen',
        reportDate: '2021-12-01',
        diaryNumber: 'SON 2022-00030',
        committees: [SON],
        recommendations: [
          {
            text: 'Säkerställ att barnkonsekvensanalyser genomförs och dokumenteras',
            committees: [SON],
            actions: [
              { text: 'Rutin för egenkontroll tas fram', committee: SON, due: 'innan årets slut', evidence },
            ],
          },
        ],
      },
    ],
  };
}

describe('cli import: evidence per action', () => {
  let connectionString: string;
  let tables: Tables;
  let actions: ActionRepository;
  let tenantId: string;
  let dir: string;

  before(async () => {
    connectionString = (await testAzurite()).connectionString;
    tables = await openTables(connectionString);
    actions = new ActionRepository(tables.actions);
    dir = await mkdtemp(join(tmpdir(), 'import-evidence-'));
  });

  beforeEach(() => {
    tenantId = newTenantId();
  });

  const importFile = async (data: object, name = 'underlag.json') => {
    const file = join(dir, `${tenantId}-${name}`);
    await writeFile(file, JSON.stringify(data));
    return runCliForTest(['import', file], { connectionString, tenantId });
  };
  const live = async (ref = 1) =>
    liveEvidence(await actions.listHistory(tenantId, ref)).map((item) => item.evidence);

  it('saves each link as an evidence event, as chat does, and adds nothing when imported again', async () => {
    const data = fileWith([{ url: PROTOCOL, description: 'Nämndens beslut 2022-05-16' }, { url: ROUTINE }]);
    const first = await importFile(data);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /A-1 .*Rutin för egenkontroll tas fram {2}\(2 nya underlag\)/);
    assert.deepEqual(await live(), [
      { kind: 'link', url: PROTOCOL, description: 'Nämndens beslut 2022-05-16' },
      { kind: 'link', url: ROUTINE, description: null },
    ]);
    const events = (await actions.listHistory(tenantId, 1)).filter((e) => e.kind === 'evidence');
    assert.ok(events.every((e) => e.by.startsWith('import:')));

    const again = await importFile(data);
    assert.equal(again.code, 0, again.err);
    assert.doesNotMatch(again.out, /nya underlag/);
    assert.equal((await actions.listHistory(tenantId, 1)).filter((e) => e.kind === 'evidence').length, 2);
    const gained = await importFile(
      fileWith([{ url: PROTOCOL }, { url: ROUTINE }, { url: `${ROUTINE}#bilaga` }]),
    );
    assert.match(gained.out, /Rutin för egenkontroll tas fram {2}\(1 nytt underlag\)$/m);
  });

  it('adds a link the file gained to the stored action, and never brings back one that was removed', async () => {
    assert.equal((await importFile(fileWith([{ url: PROTOCOL }, { url: ROUTINE }]))).code, 0);
    const stored = await actions.getAction(tenantId, 1);
    const history = await actions.listHistory(tenantId, 1);
    const protocol = liveEvidence(history).find(
      (item) => item.evidence.kind === 'link' && item.evidence.url === PROTOCOL,
    );
    assert.ok(protocol);
    const change = removeEvidence(stored.action, history, protocol.seq, 'fel protokoll', {
      by: 'aad-coordinator',
      now: new Date(),
    });
    await actions.updateAction(tenantId, change, stored.etag);

    const later = 'https://www.goteborg.se/protokoll/son-2022-09-12.pdf';
    const run = await importFile(fileWith([{ url: PROTOCOL }, { url: ROUTINE }, { url: later }]));
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(
      (await live()).map((e) => (e.kind === 'link' ? e.url : e.name)),
      [ROUTINE, later],
    );
  });

  it('refuses, before writing anything, links that would take a stored action past its limit', async () => {
    assert.equal((await importFile(fileWith([{ url: PROTOCOL }]))).code, 0);
    // 19 more in chat: the action has the 20 it may have.
    for (let i = 0; i < 19; i += 1) {
      const stored = await actions.getAction(tenantId, 1);
      const history = await actions.listHistory(tenantId, 1);
      const evidence = linkEvidence(`https://kommun.se/bilaga-${i}.pdf`);
      const change = attachEvidence(stored.action, history, evidence, { by: 'aad-owner', now: new Date() });
      await actions.updateAction(tenantId, change, stored.etag);
    }
    const run = await importFile(fileWith([{ url: PROTOCOL }, { url: ROUTINE }]));
    assert.equal(run.code, 1);
    assert.match(run.err, /A-1 har redan 20 underlag; ta bort något innan du lägger till fler/);
    assert.equal((await live()).length, 20);
    // Links it has already count for nothing: the same file without the new link imports.
    assert.equal((await importFile(fileWith([{ url: PROTOCOL }]))).code, 0);
  });

  const refused: [string, unknown, RegExp][] = [
    [
      'an http link',
      [{ url: 'http://www.goteborg.se/protokoll.pdf' }],
      /evidence\[0\]\.url: Länkar med http: tas inte emot som underlag; bara https-länkar/,
    ],
    [
      'a javascript: link',
      [{ url: 'javascript:alert(1)' }],
      /evidence\[0\]\.url: Länkar med javascript: tas inte emot/,
    ],
    [
      'a link with a password',
      [{ url: 'https://anna:hemligt@kommun.se/a.pdf' }],
      /evidence\[0\]\.url: Länken innehåller användarnamn eller lösenord/,
    ],
    ['no link at all', [{ url: 'protokollet' }], /evidence\[0\]\.url: "protokollet" är ingen länk/],
    [
      'the same link twice',
      [{ url: PROTOCOL }, { url: PROTOCOL }],
      /evidence\[1\]\.url: länken står två gånger under åtgärden/,
    ],
    [
      'more links than an action may have',
      Array.from({ length: 21 }, (_, i) => ({ url: `https://kommun.se/bilaga-${i}.pdf` })),
      /evidence: förväntade högst 20 underlag per åtgärd/,
    ],
    ['an unknown field', [{ url: PROTOCOL, titel: 'Protokoll' }], /evidence\[0\]\.titel: okänt fält "titel"/],
  ];
  for (const [name, evidence, message] of refused) {
    it(`refuses ${name}: exit 1, one line naming the place, nothing saved`, async () => {
      const run = await importFile(fileWith(evidence));
      assert.equal(run.code, 1);
      assert.equal(run.err.trim().split('\n').length, 1, run.err);
      assert.match(run.err, message);
      assert.deepEqual(await actions.listActions(tenantId), []);
    });
  }
});
