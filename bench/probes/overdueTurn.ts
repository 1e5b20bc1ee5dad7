// Child process of overdueList.ts: the chair's whole `försenade` turn on the real bot, over HTTP (see child.ts).
import { messageActivity } from '../../test/helpers/activities';
import { startRealBot } from '../bots';
import { runProbe } from '../child';
import { TENANT } from '../dataset';
import { timeRuns } from '../overdueList';
import { CHAIR } from '../people';

runProbe(async (connectionString) => {
  const { harness } = await startRealBot(connectionString);
  try {
    const send = async (text: string) => {
      const activity = messageActivity({
        text,
        from: CHAIR.account,
        tenantId: TENANT,
        serviceUrl: harness.connector.url,
      });
      const result = await harness.post(activity);
      if (result.status !== 200) throw new Error(`${text} fick HTTP ${result.status}`);
    };
    // The bot's first turn loads its code and turn state; that is not the list's cost.
    await send('hjälp');
    return await timeRuns(async () => {
      await send('försenade');
      // The chair is stored by castPeople; the card's title counts what it lists.
      const card = JSON.stringify(harness.connector.sent.at(-1)?.activity ?? {});
      return Number(/Försenade åtgärder \((\d+)\)/.exec(card)?.[1] ?? Number.NaN);
    });
  } finally {
    await harness.close();
  }
});
