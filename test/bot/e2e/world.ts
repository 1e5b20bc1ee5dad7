/**
 * The world of the end-to-end tests: the real bot (createBotFactory) behind the real server, spoken to over HTTP as
 * Teams does, with a fake Bot Connector and a fixed clock. Each test takes a tenant of its own from the allow-list,
 * with the audits of `test/fixtures/e2e/audits.json` imported through the CLI and the standard users registered in
 * the member API, so tests never see each other's rows.
 *
 * The imported actions (refs are per tenant, so the same in every tenant):
 * - A-1 "Rutin för egenkontroll tas fram": Anna, Sociala omsorgsnämnden, due 2022-12-31 ("innan årets slut"), overdue
 * - A-2 "Inventeringen av barnkonsekvensanalyser slutförs": Anna, Sociala omsorgsnämnden, due 2026-06-30
 * - A-3 "Utbildning av handläggare genomförs": Bo, Sociala omsorgsnämnden, due 2026-01-31, overdue
 * - A-4 "Avtalsuppföljning införs i förvaltningen": Bo, Tekniska nämnden, due 2025-11-30, overdue
 * - A-5 a text with a markdown link, bold and `${owner}`: Anna, Tekniska nämnden, due 2026-12-31
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pino from 'pino';
import type { Action, HistoryEvent } from '../../../src/domain/types';
import { loadConfig } from '../../../src/server/config';
import { createBotFactory } from '../../../src/server/botFactory';
import {
  ActionRepository,
  openTables,
  RoleRepository,
  SettingsRepository,
  UserRepository,
  type Tables,
} from '../../../src/storage';
import { type TestUser, users } from '../../helpers/activities';
import { testAzurite } from '../../helpers/azurite';
import {
  startBotHarness,
  type BotHarness,
  type InvokeOptions,
  type SendOptions,
  type TurnResult,
} from '../../helpers/botHarness';
import { runCliForTest, type CliRun } from '../../helpers/cli';
import type { MemberInput } from '../../helpers/fakeConnector';
import { newTenantId } from '../../helpers/ids';

/** The bot's fixed clock: Monday 2 March 2026, 10:00 in Stockholm. */
export const NOW = new Date('2026-03-02T09:00:00Z');

/** The audits every tenant starts with. */
export const AUDITS_FILE = join(__dirname, '..', '..', 'fixtures', 'e2e', 'audits.json');

/** Committees of the imported audits. */
export const SOCIAL = 'Sociala omsorgsnämnden';
export const TECHNICAL = 'Tekniska nämnden';

/** The action texts of the import, by reference number. */
export const ACTION_TEXTS = {
  1: 'Rutin för egenkontroll tas fram',
  2: 'Inventeringen av barnkonsekvensanalyser slutförs',
  3: 'Utbildning av handläggare genomförs',
  4: 'Avtalsuppföljning införs i förvaltningen',
  5: 'Publicera [Godkänt](https://evil.example/x) och **fet** text ${owner} ${json(labels)}',
} as const;

/** A Teams user beyond the standard four, shaped like them. */
function extraUser(key: string, guid: string, givenName: string, surname: string, email: string): TestUser {
  return {
    id: `29:1${key}-${guid.slice(0, 8)}`,
    name: `${givenName} ${surname}`,
    aadObjectId: guid,
    email,
    userPrincipalName: email,
    givenName,
    surname,
  };
}

/** More users: a coordinator to be, a guest, and a member who owns actions but never writes to the bot. */
export const people = {
  ...users,
  dora: extraUser('dora', 'd0000005-0000-4000-8000-000000000005', 'Dora', 'Dahl', 'dora.dahl@kommun.se'),
  gus: extraUser('gus', 'e0000006-0000-4000-8000-000000000006', 'Gus', 'Gäst', 'gus@partner.example'),
} as const;

/** One tenant of one test: its id, and the harness's calls with the tenant filled in. */
export interface Tenant {
  readonly id: string;
  /** Sends a chat message into this tenant (default from Anna, personal chat, `sv-SE`). */
  send(text: string, options?: SendOptions): Promise<TurnResult>;
  /** Presses a card button in this tenant and returns the invoke answer. */
  invoke(verb: string, data: unknown, options?: InvokeOptions): Promise<InvokeAnswer>;
  /** The action as stored now. */
  action(ref: number): Promise<Action>;
  /** The action's history as stored now, oldest first. */
  history(ref: number): Promise<HistoryEvent[]>;
  /** Runs a CLI command for this tenant. */
  cli(...argv: string[]): Promise<CliRun>;
  /** Registers a member for this tenant in the member API (the standard ones are registered already). */
  addMember(member: TestUser, extra?: Partial<MemberInput>): void;
}

/** What an `adaptiveCard/action` invoke answered: a card that replaces the pressed one, or a message. */
export type InvokeAnswer =
  { kind: 'card'; card: Card; statusCode: number } | { kind: 'message'; text: string; statusCode: number };

/** An Adaptive Card as JSON. */
export type Card = Record<string, unknown>;

/** The running world of one spec file. */
export interface World {
  readonly bot: BotHarness;
  readonly tables: Tables;
  readonly actions: ActionRepository;
  readonly usersRepo: UserRepository;
  readonly roles: RoleRepository;
  readonly settings: SettingsRepository;
  /** Tenant ids the bot accepts but no test uses: for "nothing stored" checks against a fresh id. */
  readonly spareTenantIds: readonly string[];
  /**
   * A fresh tenant from the allow-list: the audits imported (unless `seed` is false) and the standard users (plus
   * Dora) registered for it in the member API.
   */
  tenant(options?: { seed?: boolean }): Promise<Tenant>;
  close(): Promise<void>;
}

/** Options of {@link startWorld}. */
export interface WorldOptions {
  /** How many tenants the tests of the file will take. Default: 100. */
  tenants?: number;
  /** More environment for the bot (ADMIN_AAD_IDS is set to the standard admin already). */
  env?: Record<string, string>;
  /**
   * The Table service the bot itself uses, e.g. a fault-injecting proxy's (test/helpers/storageProxy.ts). The
   * world's own reads and the CLI always go straight to the test Azurite. Default: the test Azurite.
   */
  botStorage?: string;
}

/** Starts the real bot behind its server with the fixed clock, allowing a pool of fresh tenants. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const pool = Array.from({ length: options.tenants ?? 100 }, () => newTenantId());
  const spare = [newTenantId()];
  const env = {
    ALLOWED_TENANT_IDS: [...pool, ...spare].join(','),
    ADMIN_AAD_IDS: users.admin.aadObjectId,
    ...options.env,
  };
  const azurite = await testAzurite();
  const config = loadConfig({ TABLES_CONNECTION_STRING: azurite.connectionString, ...env });
  const createBot = await createBotFactory(
    config,
    options.botStorage ?? azurite.connectionString,
    pino({ level: process.env['TEST_LOG'] ? 'debug' : 'silent' }),
    () => NOW,
  );
  const bot = await startBotHarness({ env, createBot });
  const tables = await openTables(azurite.connectionString);
  const actions = new ActionRepository(tables.actions);

  return {
    bot,
    tables,
    actions,
    usersRepo: new UserRepository(tables.users),
    roles: new RoleRepository(tables.roles, tables.users),
    settings: new SettingsRepository(tables.settings),
    spareTenantIds: spare,
    async tenant({ seed = true } = {}) {
      const id = pool.shift();
      assert.ok(id, 'the world ran out of tenants: raise `tenants` in startWorld');
      const addMember = (member: TestUser, extra: Partial<MemberInput> = {}) => {
        bot.connector.addMember({ ...member, tenantId: id, userRole: 'user', ...extra });
      };
      // Members are keyed by Teams id at the connector: registering them again moves them to this tenant.
      for (const member of [users.anna, users.bo, users.chair, users.admin, people.dora]) addMember(member);
      const cli = (...argv: string[]) =>
        runCliForTest(argv, { connectionString: azurite.connectionString, tenantId: id, now: NOW });
      if (seed) {
        const run = await cli('import', AUDITS_FILE);
        assert.equal(run.code, 0, run.err);
      }
      return {
        id,
        send: (text, sendOptions = {}) => bot.send(text, { tenantId: id, ...sendOptions }),
        invoke: async (verb, data, invokeOptions = {}) =>
          answerOf(await bot.invoke(verb, data, { tenantId: id, ...invokeOptions })),
        action: async (ref) => (await actions.getAction(id, ref)).action,
        history: (ref) => actions.listHistory(id, ref),
        cli,
        addMember,
      };
    },
    close: () => bot.close(),
  };
}

/**
 * The usual suite setup: one world for the suite (started before its first test, closed after its last) and a new
 * tenant for each test, handed to the suite through `tenant` (and the world through `started`, for suites that need it).
 * `seed: false` gives each test an empty tenant instead of the imported audits.
 */
export function useWorld(set: {
  seed?: boolean;
  started?(world: World): void;
  tenant(tenant: Tenant): void;
}): void {
  let world: World | undefined;
  before(async () => {
    world = await startWorld();
    set.started?.(world);
  });
  after(async () => {
    await world?.close();
  });
  beforeEach(async () => {
    if (!world) throw new Error('useWorld: the world did not start.');
    set.tenant(await world.tenant({ seed: set.seed ?? true }));
  });
}

/** Reads teams-ai's invoke response body: `{ statusCode, type, value }`. */
export function answerOf(body: unknown): InvokeAnswer {
  assert.ok(isRecord(body), `the invoke answer is no object: ${JSON.stringify(body)}`);
  const { statusCode, type, value } = body;
  assert.equal(typeof statusCode, 'number', `no statusCode in ${JSON.stringify(body)}`);
  if (type === 'application/vnd.microsoft.card.adaptive') {
    assert.ok(isRecord(value), 'the card answer has no card');
    return { kind: 'card', card: value, statusCode: statusCode as number };
  }
  assert.equal(
    type,
    'application/vnd.microsoft.activity.message',
    `unknown answer type in ${JSON.stringify(body)}`,
  );
  assert.equal(typeof value, 'string');
  return { kind: 'message', text: value as string, statusCode: statusCode as number };
}

/** The card of an invoke answer; fails the test when the answer was a message. */
export function cardAnswer(answer: InvokeAnswer): Card {
  assert.equal(answer.kind, 'card', `expected a card, got: ${answer.kind === 'message' ? answer.text : ''}`);
  assert.equal(answer.statusCode, 200);
  return answer.card;
}

/** The text of an invoke answer; fails the test when the answer was a card. */
export function messageAnswer(answer: InvokeAnswer): string {
  assert.equal(answer.kind, 'message', `expected a message, got a card: ${JSON.stringify(answer)}`);
  return answer.text;
}

/** The Adaptive Cards of a turn's messages, in order. */
export function cardsOf(turn: TurnResult): Card[] {
  return turn.messages.flatMap((message) =>
    (message.attachments ?? [])
      .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((attachment) => {
        assert.ok(isRecord(attachment.content), 'a card attachment without content');
        return attachment.content;
      }),
  );
}

/** The one message of a turn: its text (may be empty) and cards. Fails unless the turn sent exactly one. */
export function onlyReply(turn: TurnResult): { text: string; cards: Card[] } {
  assert.equal(turn.status, 200, `HTTP ${turn.status}: ${JSON.stringify(turn.body)}`);
  assert.equal(
    turn.messages.length,
    1,
    `expected one reply, got ${turn.messages.length}: ${JSON.stringify(turn.texts)}`,
  );
  return { text: turn.texts[0] ?? '', cards: cardsOf(turn) };
}

/** Every piece of text a card shows (TextBlock texts, fact titles and values, button titles), in order. */
export function textsOf(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isRecord(node)) return;
    for (const key of ['text', 'title', 'value']) {
      const value = node[key];
      if (typeof value === 'string') found.push(value);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'data' && typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return found;
}

/** All text of a card as one string, for `includes` and `match`. */
export function cardText(card: unknown): string {
  return textsOf(card).join('\n');
}

/** A card's `Action.Execute` buttons, anywhere in it (ShowCard sub-cards included). */
export function buttonsOf(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const found: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isRecord(node)) return;
    if (node['type'] === 'Action.Execute') {
      found.push({
        title: String(node['title']),
        verb: String(node['verb']),
        data: isRecord(node['data']) ? node['data'] : {},
      });
    }
    Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

/** The values a card's input fields show, by id (ShowCard sub-cards included); '' for an empty field. */
export function inputValuesOf(card: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isRecord(node)) return;
    if (
      typeof node['type'] === 'string' &&
      node['type'].startsWith('Input.') &&
      typeof node['id'] === 'string'
    ) {
      found[node['id']] = typeof node['value'] === 'string' ? node['value'] : '';
    }
    Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

/** The button with this verb (and, for setStatus, this status); fails when the card has none. */
export function button(card: Card, verb: string, status?: string) {
  const found = buttonsOf(card).find(
    (b) => b.verb === verb && (status === undefined || b.data['status'] === status),
  );
  assert.ok(found, `no ${verb}${status ? `/${status}` : ''} button on: ${JSON.stringify(buttonsOf(card))}`);
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
