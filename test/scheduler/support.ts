/**
 * A small world for scheduler tests: the shared test Azurite with a tenant of its own, a fake Bot Connector on a
 * manual clock (so Teams' rate limits and Retry-After waits pass in no real time), and the scheduler runtime wired
 * as the server wires it, in local mode.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationAccount, ConversationReference } from 'botbuilder';
import pino from 'pino';
import type { Action, Audit } from '../../src/domain/types';
import {
  createSchedulerRuntime,
  type Clock,
  type SchedulerRuntime,
  type SchedulerTuning,
} from '../../src/scheduler';
import {
  ActionRepository,
  AuditRepository,
  ConversationRepository,
  LeaseRepository,
  OutboxRepository,
  RoleRepository,
  SettingsRepository,
  SnoozeRepository,
  UserRepository,
  openTables,
  type Tables,
} from '../../src/storage';
import { testAzurite } from '../helpers/azurite';
import { startFakeConnector, type FakeConnector, type FakeConnectorOptions } from '../helpers/fakeConnector';
import { newTenantId } from '../helpers/ids';

export const TIME_ZONE = 'Europe/Stockholm';

/**
 * A clock that only moves when told or when someone sleeps: `sleepUntil(t)` jumps to `t` (never backwards), so
 * concurrent sleepers that computed the same instant cost one wait, as on a real clock.
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Sets the clock (forwards, or backwards for clock-jump tests). */
  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }

  async sleepUntil(instant: Date, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.current = Math.max(this.current, instant.getTime());
    // Let I/O callbacks run, as a real sleep would.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The repositories of a world, on its tables. */
export interface Repos {
  actions: ActionRepository;
  audits: AuditRepository;
  users: UserRepository;
  roles: RoleRepository;
  settings: SettingsRepository;
  conversations: ConversationRepository;
  outbox: OutboxRepository;
  leases: LeaseRepository;
  snoozes: SnoozeRepository;
}

/** A tenant with its storage, connector and clock. */
export interface World extends Repos {
  tenantId: string;
  tables: Tables;
  connector: FakeConnector;
  clock: ManualClock;
  /** A runtime as the server builds it (a new one per call: a "restarted process"). */
  runtime(tuning?: SchedulerTuning, holder?: string): SchedulerRuntime;
  close(): Promise<void>;
}

/** Fast retries for tests: the manual clock makes waits free, but attempts should not be many. */
export const FAST_TUNING: SchedulerTuning = { backoffBaseMs: 1_000, backoffMaxMs: 8_000, random: () => 0.5 };

/** Options of {@link createWorld}. */
export interface WorldOptions {
  start?: string;
  connector?: FakeConnectorOptions;
  adminAadIds?: string[];
}

/** Creates a world on the shared test Azurite, with a tenant of its own. */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const tables = await openTables((await testAzurite()).connectionString);
  const tenantId = newTenantId();
  const clock = new ManualClock(options.start ?? '2026-03-02T07:00:00Z');
  const connector = await startFakeConnector({
    tenantId,
    now: () => clock.now().getTime(),
    ...options.connector,
  });
  const repos: Repos = {
    actions: new ActionRepository(tables.actions),
    audits: new AuditRepository(tables.audits),
    users: new UserRepository(tables.users),
    roles: new RoleRepository(tables.roles, tables.users),
    settings: new SettingsRepository(tables.settings),
    conversations: new ConversationRepository(tables.conversations),
    outbox: new OutboxRepository(tables.outbox),
    leases: new LeaseRepository(tables.leases),
    snoozes: new SnoozeRepository(tables.snoozes),
  };
  return {
    ...repos,
    tenantId,
    tables,
    connector,
    clock,
    runtime(tuning = FAST_TUNING, holder = `test-${randomUUID()}`) {
      return createSchedulerRuntime(
        tables,
        {
          timeZone: TIME_ZONE,
          adminAadIds: options.adminAadIds ?? [],
          localMode: true,
          microsoftAppId: null,
        },
        { log: pino({ level: 'silent' }), clock, tuning: { ...FAST_TUNING, ...tuning }, holder },
      );
    },
    close: () => connector.close(),
  };
}

/** A person of the tests: Entra object id, Teams id and e-mail. */
export interface Person {
  aadObjectId: string;
  teamsId: string;
  email: string;
  name: string;
}

/** A new person with unique ids (`n` makes the e-mail readable). */
export function person(name: string): Person {
  const aadObjectId = randomUUID();
  return {
    aadObjectId,
    teamsId: `29:${aadObjectId.slice(0, 8)}`,
    email: `${name.toLowerCase().replace(/[^a-z0-9]/g, '.')}@kommun.se`,
    name,
  };
}

/** The personal conversation id the tests give a person. */
export function personalChatId(who: Person): string {
  return `a:personal-${who.aadObjectId}`;
}

/** Registers a person as the bot knows them (member API gave the e-mail) and, unless `chat: false`, their 1:1 chat. */
export async function addPerson(world: World, who: Person, options: { chat?: boolean } = {}): Promise<void> {
  await world.users.upsertUser(
    world.tenantId,
    { aadObjectId: who.aadObjectId, email: who.email, name: who.name },
    { now: world.clock.now() },
  );
  if (options.chat === false) return;
  await world.conversations.upsertConversation(
    world.tenantId,
    reference(world, { id: personalChatId(who), conversationType: 'personal' }, who),
    { userAadObjectId: who.aadObjectId, now: world.clock.now() },
  );
}

/** Stores a team channel's conversation reference (the bot is installed in the team). */
export async function addChannel(world: World, channelId = '19:general@thread.tacv2'): Promise<string> {
  await world.conversations.upsertConversation(
    world.tenantId,
    reference(world, { id: channelId, conversationType: 'channel', isGroup: true }),
    { now: world.clock.now() },
  );
  return channelId;
}

/**
 * Adds a channel and chooses it for the weekly digest, as `digest här` stores it (`digest here`: language 'en').
 * Returns the channel's id.
 */
export async function chooseDigestChannel(
  world: World,
  channelId = '19:revisionen@thread.tacv2',
  language?: 'sv' | 'en',
): Promise<string> {
  await addChannel(world, channelId);
  await world.settings.upsertSetting(world.tenantId, 'digestChannel', {
    conversationId: channelId,
    teamId: channelId,
    serviceUrl: world.connector.url,
    setBy: 'ad01',
    setAt: world.clock.now().toISOString(),
    ...(language ? { language } : {}),
  });
  return channelId;
}

function reference(
  world: World,
  conversation: { id: string; conversationType: string; isGroup?: boolean },
  who?: Person,
): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: world.connector.url,
    bot: { id: '28:bot-id', name: 'Revisionsuppföljning' },
    ...(who ? { user: { id: who.teamsId, name: who.name, aadObjectId: who.aadObjectId } } : {}),
    conversation: {
      id: conversation.id,
      conversationType: conversation.conversationType,
      tenantId: world.tenantId,
      isGroup: conversation.isGroup ?? false,
      name: '',
    } as ConversationAccount,
  };
}

/** An audit with one recommendation (`R1`), for actions to belong to. */
export async function addAudit(world: World, overrides: Partial<Audit> = {}): Promise<Audit> {
  const audit: Audit = {
    id: randomUUID(),
    title: 'Granskning av intern kontroll',
    auditor: 'Stadsrevisionen',
    reportDate: '2026-01-15',
    diaryNumber: `KS ${randomUUID().slice(0, 8)}`,
    committees: ['Socialnämnden'],
    responseDue: [],
    boardFeedback: [],
    recommendations: [
      { id: 'R1', text: 'Säkerställ en fungerande intern kontroll', committees: ['Socialnämnden'] },
    ],
    ...overrides,
  };
  return world.audits.createAudit(world.tenantId, audit);
}

/** Actions of an audit, created at `createdAt` (default: the clock). */
export async function addActions(
  world: World,
  audit: Audit,
  actions: Array<{ text?: string; owner: Person | string | null; due: string | null; committee?: string }>,
  createdAt: Date = world.clock.now(),
): Promise<Action[]> {
  return world.actions.createActions(
    world.tenantId,
    actions.map((entry, index) => ({
      auditId: audit.id,
      recommendationId: 'R1',
      text: entry.text ?? `Åtgärd ${index + 1} ${randomUUID().slice(0, 6)}`,
      committee: entry.committee ?? 'Socialnämnden',
      ownerEmail:
        entry.owner === null ? null : typeof entry.owner === 'string' ? entry.owner : entry.owner.email,
      deadline: { date: entry.due, phrase: entry.due ?? 'under året' },
    })),
    { by: 'import:test', now: createdAt },
  );
}

/** The messages the connector delivered (sends only), to a conversation or all. */
export function sends(world: World, conversationId?: string) {
  return world.connector.sent.filter(
    (recorded) =>
      recorded.kind === 'send' &&
      (conversationId === undefined || recorded.conversationId === conversationId),
  );
}
