import { hostname } from 'node:os';
import type { Logger } from 'pino';
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
  type OutboxMessage,
  type Tables,
} from '../storage';
import { systemClock, type Clock } from './clock';
import { BotConnector, type TokenSource } from '../teams/connector';
import { Pacer, type PacerOptions } from './pacer';
import type { ServiceUrlPolicy } from '../teams/serviceUrl';

/** Points in a delivery where a test can make the process "die" (by throwing) to check that nothing is lost. */
export interface DeliveryHooks {
  /** The outbox row was just created (pending); nothing was sent. */
  afterCreate?(message: OutboxMessage): void | Promise<void>;
  /** The row was just marked `sending`; the HTTP request has not been made. */
  beforeSend?(message: OutboxMessage): void | Promise<void>;
  /** The connector answered; the outcome is not recorded yet. */
  afterSend?(message: OutboxMessage): void | Promise<void>;
}

/** Knobs of the scheduler's mechanics; every one has a default fit for production. */
export interface SchedulerTuning {
  /** How long a lease lasts; renewed while a pass runs, so it only needs to outlast a stall. Default: 5 min. */
  leaseMs?: number;
  /** A `sending` row older than this was left by a process that died mid-send: it goes to `check`. Default: 10 min. */
  staleSendingMs?: number;
  /**
   * Messages delivered at once (the pacer keeps them under Teams' limits). A message waiting out a Retry-After or a
   * backoff holds its place, so there are enough places for the pacer's budget to stay in use meanwhile: with 4, a
   * 1,000-reminder fan-out with 5 % faults took 1.14 times the budget's minimum, with 8 it takes 1.05. Default: 8.
   */
  concurrency?: number;
  /** Attempts at one message within one pass before it waits for the next pass. Default: 5. */
  attemptsPerPass?: number;
  /** Attempts at one message over all passes before it is dead-lettered. Default: 20. */
  maxAttempts?: number;
  /** First backoff after a transient failure; doubles each attempt, with full jitter. Default: 1 000 ms. */
  backoffBaseMs?: number;
  /** Longest backoff. Default: 60 000 ms. */
  backoffMaxMs?: number;
  /** A retry further away than this waits for a later pass instead of holding this one. Default: 120 000 ms. */
  maxWaitInPassMs?: number;
  /** Teams' rate limits as the pacer keeps them. Default: Teams' documented limits (tenant: 30/s). */
  pacer?: PacerOptions;
  /** Random numbers in [0, 1) for jitter. Default: Math.random. */
  random?: () => number;
  /** Fault injection for tests. Default: none. */
  hooks?: DeliveryHooks;
}

/** What the scheduler needs: storage, the connector, the clock and the municipality's settings. */
export interface SchedulerDeps {
  readonly actions: ActionRepository;
  readonly audits: AuditRepository;
  readonly users: UserRepository;
  readonly roles: RoleRepository;
  readonly settings: SettingsRepository;
  readonly conversations: ConversationRepository;
  readonly outbox: OutboxRepository;
  readonly leases: LeaseRepository;
  readonly snoozes: SnoozeRepository;
  readonly connector: BotConnector;
  /** IANA time zone of the municipality (TIME_ZONE). */
  readonly timeZone: string;
  /** ADMIN_AAD_IDS: admins from the start, besides those granted the role. */
  readonly adminAadIds: readonly string[];
  /** Where sends may go. */
  readonly serviceUrls: ServiceUrlPolicy;
  readonly clock: Clock;
  /** Logs subjects, stages, states and codes; never message text or e-mail addresses. */
  readonly log: Logger;
  /** Who this instance is, in leases. */
  readonly holder: string;
  readonly tuning: Required<Omit<SchedulerTuning, 'hooks' | 'pacer'>> &
    Pick<SchedulerTuning, 'hooks' | 'pacer'>;
}

/** Most outbox keys remembered per tenant. */
const MAX_KNOWN_KEYS = 100_000;

/** Defaults of {@link SchedulerTuning}. */
export const DEFAULT_TUNING: Required<Omit<SchedulerTuning, 'hooks' | 'pacer'>> = {
  leaseMs: 5 * 60_000,
  staleSendingMs: 10 * 60_000,
  concurrency: 8,
  attemptsPerPass: 5,
  maxAttempts: 20,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  maxWaitInPassMs: 120_000,
  random: Math.random,
};

/**
 * The scheduler's long-lived state in one process: its dependencies, one pacer per tenant (Teams' limits hold across
 * passes) and the outbox keys known to exist (a pass then skips the create that would answer 409).
 */
export class SchedulerRuntime {
  private readonly pacers = new Map<string, Pacer>();
  private readonly known = new Map<string, Set<string>>();

  constructor(readonly deps: SchedulerDeps) {}

  /** The tenant's pacer, shared by every pass and digest of this process. */
  pacerFor(tenantId: string): Pacer {
    let pacer = this.pacers.get(tenantId);
    if (!pacer) {
      pacer = new Pacer(this.deps.clock, this.deps.tuning.pacer ?? {});
      this.pacers.set(tenantId, pacer);
    }
    return pacer;
  }

  /** Outbox keys of the tenant known to exist in storage. */
  knownKeys(tenantId: string): Set<string> {
    let keys = this.known.get(tenantId);
    // Forgetting costs one create answered 409 per key; it keeps a server running for years from growing.
    if (!keys || keys.size > MAX_KNOWN_KEYS) {
      keys = new Set();
      this.known.set(tenantId, keys);
    }
    return keys;
  }
}

/** The parts of the app's configuration the scheduler reads (a subset of the server's `Config`). */
export interface SchedulerConfig {
  readonly timeZone: string;
  readonly adminAadIds: readonly string[];
  readonly localMode: boolean;
  readonly microsoftAppId: string | null;
}

/** Options for {@link createSchedulerRuntime}. */
export interface CreateRuntimeOptions {
  log: Logger;
  /**
   * The process's Bot Connector client (src/teams/adapter.ts, `botConnectorFor`), signing with the bot's token;
   * needed when an app id is set, unless `tokens` is given.
   */
  connector?: BotConnector;
  /** Default: the system clock. */
  clock?: Clock;
  /** Tokens for a connector of the scheduler's own, when no `connector` is given. Default: none (local mode). */
  tokens?: TokenSource;
  /** Default: Teams' hosts outside local mode, loopback in local mode. */
  serviceUrls?: ServiceUrlPolicy;
  tuning?: SchedulerTuning;
  /** Default: host name and process id. */
  holder?: string;
}

/**
 * Wires the scheduler on the app's tables and the bot's connector client. The server and the CLI both build it
 * here, so `cli remind` runs exactly the server's code.
 */
export function createSchedulerRuntime(
  tables: Tables,
  config: SchedulerConfig,
  options: CreateRuntimeOptions,
): SchedulerRuntime {
  const { hooks, pacer, ...tuning } = options.tuning ?? {};
  if (config.microsoftAppId && !options.connector && !options.tokens) {
    throw new TypeError(
      "createSchedulerRuntime: with an app id the bot's connector (for its credentials) is needed.",
    );
  }
  const connector =
    options.connector ?? new BotConnector({ tokens: options.tokens ?? { getToken: async () => null } });
  return new SchedulerRuntime({
    actions: new ActionRepository(tables.actions),
    audits: new AuditRepository(tables.audits),
    users: new UserRepository(tables.users),
    roles: new RoleRepository(tables.roles, tables.users),
    settings: new SettingsRepository(tables.settings),
    conversations: new ConversationRepository(tables.conversations, tables.users),
    outbox: new OutboxRepository(tables.outbox),
    leases: new LeaseRepository(tables.leases),
    snoozes: new SnoozeRepository(tables.snoozes),
    connector,
    timeZone: config.timeZone,
    adminAadIds: config.adminAadIds,
    serviceUrls: options.serviceUrls ?? { localMode: config.localMode },
    clock: options.clock ?? systemClock,
    log: options.log,
    holder: options.holder ?? `${hostname()}:${process.pid}`,
    tuning: { ...DEFAULT_TUNING, ...tuning, ...(hooks ? { hooks } : {}), ...(pacer ? { pacer } : {}) },
  });
}

/**
 * The tenants the server's scheduler serves: those in ALLOWED_TENANT_IDS, or in local mode (any tenant allowed) the
 * one the CLI would use by default, the Agents Playground's.
 */
export function tenantsToServe(config: {
  allowedTenantIds: readonly string[];
  defaultTenantId: string | null;
}): string[] {
  if (config.allowedTenantIds.length > 0) return [...config.allowedTenantIds];
  return config.defaultTenantId ? [config.defaultTenantId] : [];
}
