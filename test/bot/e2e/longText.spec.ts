/**
 * Reliability item 9 over HTTP: a reply that would pass Teams' ~28 KB. The chair asks for the overdue actions of a
 * tenant with 120 long ones; what reaches the connector is one message Teams accepts, listing as many as fit and
 * saying how many more there are. (The 100,000-character message itself is in safety.spec.ts; text replies are
 * paged, see test/bot/paging.spec.ts.)
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CARD_VERBS } from '../../../src/teams/cards/cards';
import { users } from '../../helpers/activities';
import { buttonsOf, cardText, onlyReply, startWorld, type Tenant, type World } from './world';

/** Teams' documented limit for a message, card and activity together. */
const TEAMS_MESSAGE_BYTES = 28 * 1024;

const ACTIONS = 120;

/** One audit with {@link ACTIONS} overdue actions of 1,500 characters each (markdown and å ä ö, which escaping grows). */
function longAudit(): unknown {
  const text = (i: number) =>
    `Åtgärd ${i}: ${'Förvaltningen ska *säkerställa* att [rutinen](https://example.se) följs och att ärendet återrapporteras. '.repeat(15)}`.slice(
      0,
      1_500,
    );
  return {
    audits: [
      {
        title: 'Granskning av ärendehanteringen',
        auditor: 'Stadsrevisionen',
        reportDate: '2024-01-15',
        committees: ['Kommunstyrelsen'],
        responseDue: [{ committee: 'Kommunstyrelsen', due: '2024-04-30' }],
        recommendations: [
          {
            text: 'Säkerställ en ändamålsenlig ärendehantering',
            committees: ['Kommunstyrelsen'],
            actions: Array.from({ length: ACTIONS }, (_, i) => ({
              text: text(i + 1),
              owner: users.anna.email,
              committee: 'Kommunstyrelsen',
              due: '2025-06-30',
            })),
          },
        ],
      },
    ],
  };
}

describe('e2e: a reply larger than Teams takes (reliability 9)', function () {
  this.timeout(60_000);
  let world: World;
  let t: Tenant;
  let dir: string;

  before(async () => {
    world = await startWorld({ tenants: 2 });
    t = await world.tenant({ seed: false });
    dir = await mkdtemp(join(tmpdir(), 'e2e-long-'));
    const file = join(dir, 'long.json');
    await writeFile(file, JSON.stringify(longAudit()));
    const run = await t.cli('import', file);
    assert.equal(run.code, 0, run.err);
    assert.equal((await t.cli('role', 'add', users.chair.email, 'chair')).code, 0);
  });

  after(async () => {
    await world?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('försenade as chair over 120 long actions: one message within 28 KB that says how many more there are', async () => {
    const turn = await t.send('försenade', { from: users.chair });
    const { cards } = onlyReply(turn);

    const size = Buffer.byteLength(JSON.stringify(turn.messages[0]), 'utf8');
    assert.ok(size <= TEAMS_MESSAGE_BYTES, `the message is ${size} bytes`);
    const [card] = cards;
    assert.ok(card, 'no card');
    const shown = buttonsOf(card).filter((b) => b.verb === CARD_VERBS.showAction).length;
    assert.ok(shown > 0 && shown < ACTIONS, `${shown} shown`);
    const text = cardText(card);
    assert.match(text, new RegExp(`Försenade åtgärder \\(${ACTIONS}\\)`));
    assert.match(text, new RegExp(`… och ${ACTIONS - shown} till`));
  });
});
