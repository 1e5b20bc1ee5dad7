/**
 * Reliability item 28 with a real process: `npm run cli -- remind` (src/cli/main.ts, its own process) is killed with
 * SIGKILL while its one reminder is on the way, once after Teams accepted the send and once before the send reached
 * Teams; either way the outbox row says `sending` and nothing says whether it arrived. The next pass (the real pass
 * code, run later than the time a send may take) must not send it again: it marks the row for a person to check.
 * The reminder reaches Teams at most once.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { runReminderPass } from '../../src/scheduler';
import { testAzurite } from '../helpers/azurite';
import type { Fault } from '../helpers/fakeConnector';
import { startCliProcess, stopSpawned, type SpawnedProcess } from '../helpers/serverProcess';
import {
  addActions,
  addAudit,
  addPerson,
  createWorld,
  person,
  personalChatId,
  sends,
  type World,
} from './support';

/** Tuesday 17 March 2026, 09:00 in Stockholm: the due-date reminder of an action due that day is owed. */
const NOW = '2026-03-17T08:00:00Z';

/** How long the connector holds the send it kills the process on. */
const HOLD_MS = 2_000;

/** Longer than the scheduler waits before it calls a `sending` row abandoned (staleSendingMs, 10 min). */
const LATER_MS = 11 * 60_000;

describe('reminder pass killed mid-send (a real process, SIGKILL)', function () {
  this.timeout(120_000);

  afterEach(() => stopSpawned());

  for (const [when, accepted] of [
    ['after Teams accepted the send', true],
    ['before the send reached Teams', false],
  ] as const) {
    it(`killed ${when}: the next pass marks the reminder for checking and sends nothing again`, async () => {
      let cli: SpawnedProcess | undefined;
      // The kill comes as the send arrives; the connector answers only after the process is gone.
      const hold: Fault = accepted
        ? { status: 500, afterAccept: true, delayMs: HOLD_MS }
        : { status: 503, delayMs: HOLD_MS };
      const world: World = await createWorld({
        start: NOW,
        connector: {
          now: () => Date.now(),
          onSend: (write) => {
            if (write.kind !== 'send' || !cli) return undefined;
            cli.child.kill('SIGKILL');
            return hold;
          },
        },
      });
      try {
        const anna = person('anna');
        await addPerson(world, anna);
        await addActions(world, await addAudit(world), [{ owner: anna, due: '2026-03-17' }]);

        cli = startCliProcess(['remind', '--now', NOW, '--tenant', world.tenantId], {
          TABLES_CONNECTION_STRING: (await testAzurite()).connectionString,
          ALLOWED_TENANT_IDS: world.tenantId,
        });
        const ended = await cli.exited;
        assert.equal(ended.signal, 'SIGKILL', `the pass ended on its own:\n${cli.output()}`);

        // Let the connector finish with the held send (recording it delivered or not) before counting.
        await delay(HOLD_MS + 500);
        const [row] = await world.outbox.listMessages(world.tenantId, {});
        assert.equal(row?.state, 'sending', 'the killed process left the row as it was');
        assert.equal(sends(world, personalChatId(anna)).length, accepted ? 1 : 0);

        // Later, as a restarted instance: the real pass on a clock past the time a send may take.
        world.clock.set(new Date(Date.now() + LATER_MS));
        const next = await runReminderPass(world.runtime(), world.tenantId, new Date(NOW));

        assert.deepEqual(
          next.markedForCheck.map((outcome) => outcome.state),
          ['check'],
        );
        assert.deepEqual(next.outcomes, [], 'the next pass delivered something');
        const [checked] = await world.outbox.listMessages(world.tenantId, {});
        assert.equal(checked?.state, 'check');
        assert.equal(
          sends(world, personalChatId(anna)).length,
          accepted ? 1 : 0,
          'the reminder reached Teams again',
        );
      } finally {
        await world.close();
      }
    });
  }
});
