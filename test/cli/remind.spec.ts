import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/run';
import { loadConfig } from '../../src/server/config';
import { testAzurite } from '../helpers/azurite';
import {
  addActions,
  addAudit,
  addChannel,
  addPerson,
  createWorld,
  person,
  sends,
  type World,
} from '../scheduler/support';

/** Runs the CLI in-process as `npm run cli` would, with the configuration of local mode. */
async function cli(world: World, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const connectionString = (await testAzurite()).connectionString;
  const config = loadConfig({ TABLES_CONNECTION_STRING: connectionString });
  const code = await runCli(argv, {
    connectionString,
    defaultTenantId: world.tenantId,
    allowedTenantIds: config.allowedTenantIds,
    timeZone: 'Europe/Stockholm',
    config,
    now: () => new Date('2026-03-02T09:00:00Z'),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli remind and digest', function () {
  this.timeout(60_000);
  let world: World;

  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.close());

  it('remind --now runs one pass as of that time and prints what it sent; again, nothing', async () => {
    const anna = person('Anna Andersson');
    await addPerson(world, anna);
    await addActions(world, await addAudit(world), [
      { owner: anna, due: '2026-03-31' },
      { owner: 'okand@kommun.se', due: '2026-03-31' },
    ]);
    // Without an offset, --now is local time: 09:00 in Stockholm.
    const first = await cli(world, ['remind', '--now', '2026-03-17T09:00']);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^Påminnelser för .* per 2026-03-17T08:00:00\.000Z:/);
    assert.match(
      first.out,
      new RegExp(
        `skickad: påminnelse A-1 \\(14 dagar före\\) till ${anna.email} \\(aktivitet \\d+ i a:personal-`,
      ),
    );
    assert.match(
      first.out,
      /\n {2}kunde inte levereras: påminnelse A-2 \(14 dagar före\) till okand@kommun\.se: Boten har inte träffat okand@kommun\.se i Teams \(personen finns inte i något team där boten är installerad\)\.\n/,
    );
    // A person reads this: no internal kind, stage or error code.
    assert.doesNotMatch(first.out, /reminder|before-14|UnknownUser|→/);
    assert.match(first.out, /Skickade: 1, kunde inte levereras: 1, att kontrollera: 0/);
    // Who gets no reminders at all, which actions, why, and what to do; Anna is reached and not named.
    assert.match(
      first.out,
      /\nÄgare som boten inte når: 1 ägare med 1 öppen åtgärd får inga påminnelser\.\n {2}okand@kommun\.se \(A-2\): ingen Teams-användare som boten har träffat har den e-postadressen\n {2}Be dem installera appen/,
    );
    assert.doesNotMatch(first.out, /anna\.andersson@kommun\.se \(A-1\)/);
    assert.equal(sends(world).length, 1);
    // A pass by hand is no slot of the server's schedule: it does not stand in for one.
    assert.equal(await world.leases.getLastRun(world.tenantId, 'remind'), null);

    const again = await cli(world, ['remind', '--now', '2026-03-17T08:30:00Z']);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /Inget att skicka\./);
    assert.equal(sends(world).length, 1);
  });

  it('refuses a --now that is no time, and stray arguments', async () => {
    const bad = await cli(world, ['remind', '--now', 'igår']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^Fel: --now "igår" är ingen tidpunkt/);
    const stray = await cli(world, ['digest', 'nu']);
    assert.equal(stray.code, 1);
    assert.match(stray.err, /^Fel: Skriv: npm run cli -- digest/);
  });

  it('digest --now posts the week up to then to the digest channel, once per instant', async () => {
    const missing = await cli(world, ['digest']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /digest här/);

    const channel = await addChannel(world);
    await world.settings.upsertSetting(world.tenantId, 'digestChannel', { conversationId: channel });
    const posted = await cli(world, ['digest', '--now', '2026-03-30T08:00']);
    assert.equal(posted.code, 0, posted.err);
    assert.match(
      posted.out,
      /^skickad: veckosammanfattning \(2026-03-30T06:00:00\.000Z\) till conversation:19:general@thread\.tacv2/,
    );
    assert.match(posted.out, /\*\*Veckosammanfattning, vecka 13\*\*/);
    assert.equal(sends(world, channel).length, 1);
    const again = await cli(world, ['digest', '--now', '2026-03-30T08:00']);
    assert.equal(again.code, 0);
    assert.match(again.out, /redan postad/);
    assert.equal(sends(world, channel).length, 1);
  });
});
