// Child process of overdueList.ts: the repository call that lists the tenant's overdue actions (see child.ts).
import { ActionRepository, openTables } from '../../src/storage';
import { runProbe } from '../child';
import { AS_OF, TENANT } from '../dataset';
import { timeRuns } from '../overdueList';

runProbe(async (connectionString) => {
  const actions = new ActionRepository((await openTables(connectionString)).actions);
  return timeRuns(async () => (await actions.listOverdueActions(TENANT, AS_OF)).length);
});
