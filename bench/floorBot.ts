/*
 * The floor of the latency benchmark: a bare teams-ai Application behind the same server, harness and fake connector
 * as the real bot, whose handlers do only the storage work a turn of each kind cannot do without, straight on the
 * TableClient, and answer with one plain message. Whatever the real bot takes beyond this is its own overhead.
 *
 * The floor of each command:
 * - `mina åtgärder`: one range query of the open-action index for the caller's e-mail (the rows the list shows);
 *   answers with one line per action.
 * - `försenade`: one range query of the open-action index for due dates before today (pages of 1,000 rows);
 *   answers with the count and the first 30 lines, as many as the real list card shows.
 * Both read only the columns their lines show (ref, text, due date).
 * - `A-n klar`: one point read of the action and one transaction: the action merged with its new status and version
 *   (with the ETag read), its history event created, its open-index row deleted.
 * - card button (setStatus): the same read and transaction (for Pågår the open-index row is merged instead of
 *   deleted); answers the invoke with a text.
 * What the floor does not do, and the real bot must: know who is asking (the floor is handed each caller's e-mail,
 * the bot reads the user and their roles), remember the activity against redelivery, store the conversation
 * reference, load and save turn state, check permissions, and render cards.
 */
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { TurnContext } from 'botbuilder';
import { CARD_VERBS, MAX_LIST_ITEMS } from '../src/teams/cards/cards';
import type { BotApp } from '../src/server/httpServer';
import { padNumber } from '../src/storage/keys';

/** What the floor bot is given: the actions table, the tenant, today, and who is who. */
export interface FloorBotOptions {
  actions: TableClient;
  /** The tenant's PartitionKey. */
  partitionKey: string;
  /** Today, `YYYY-MM-DD`: actions due before it are overdue. */
  today: string;
  /** E-mail by Entra object id, for `mina åtgärder` (the real bot reads it from the users table). */
  emails: ReadonlyMap<string, string>;
}

interface ActionRow {
  ref: number;
  text: string;
  dueDate: string;
  version: number;
}

const OPEN_FROM = 'open|';
const OPEN_TO = 'open}';

/** Builds the floor bot on the server's adapter (`createBot` of startServer). */
export function createFloorBot(adapter: TeamsAdapter, options: FloorBotOptions): BotApp {
  const { actions, partitionKey, today, emails } = options;
  // No turn state storage and no typing timer: the real bot keeps its typing timer off as well.
  const app = new Application({ adapter, botAppId: '', startTypingTimer: false });

  const listOpen = async (filter: string): Promise<ActionRow[]> => {
    const rows: ActionRow[] = [];
    const range = odata`PartitionKey eq ${partitionKey} and RowKey ge ${OPEN_FROM} and RowKey lt ${OPEN_TO}`;
    for await (const row of actions.listEntities<ActionRow>({
      // Only the columns it shows: the least a list needs to read.
      queryOptions: { filter: `${range} and ${filter}`, select: ['ref', 'text', 'dueDate'] },
    })) {
      rows.push(row);
    }
    return rows;
  };

  const setStatus = async (ref: number, status: 'Genomförd' | 'Pågår'): Promise<string> => {
    const key = padNumber(ref);
    const row = await actions.getEntity<ActionRow>(partitionKey, `action|${key}`);
    const version = row.version + 1;
    const change = { partitionKey, status, version };
    const operations: TransactionAction[] = [
      ['update', { ...change, rowKey: `action|${key}` }, 'Merge', { etag: row.etag }],
      [
        'create',
        {
          partitionKey,
          rowKey: `hist|${key}|${padNumber(version)}`,
          ref,
          seq: version,
          kind: 'status',
          to: status,
        },
      ],
      status === 'Genomförd'
        ? ['delete', { partitionKey, rowKey: `open|${key}` }]
        : ['update', { ...change, rowKey: `open|${key}` }, 'Merge'],
    ];
    await actions.submitTransaction(operations);
    return `A-${ref}: ${status}`;
  };

  const lines = (rows: readonly ActionRow[]): string =>
    rows.map((row) => `A-${row.ref} ${row.dueDate} ${row.text}`).join('\n');

  app.message(/^mina åtgärder$/i, async (context: TurnContext) => {
    const email = emails.get(context.activity.from.aadObjectId ?? '') ?? '';
    await context.sendActivity(lines(await listOpen(odata`ownerEmail eq ${email}`)));
  });
  app.message(/^försenade$/i, async (context: TurnContext) => {
    const rows = await listOpen(odata`dueDate lt ${today} and dueDate gt ${''}`);
    await context.sendActivity(`${rows.length}\n${lines(rows.slice(0, MAX_LIST_ITEMS))}`);
  });
  app.message(/^A-(\d+) klar$/i, async (context: TurnContext) => {
    const ref = Number(/^A-(\d+)/i.exec(context.activity.text ?? '')?.[1]);
    await context.sendActivity(await setStatus(ref, 'Genomförd'));
  });
  app.adaptiveCards.actionExecute<{ ref?: unknown; status?: unknown }>(
    CARD_VERBS.setStatus,
    async (_context, _state, data) =>
      setStatus(
        Number(String(data.ref).replace(/^A-/i, '')),
        data.status === 'Genomförd' ? 'Genomförd' : 'Pågår',
      ),
  );
  return app;
}
