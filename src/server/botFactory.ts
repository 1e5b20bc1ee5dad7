import type { Logger } from 'pino';
import { createBotApp } from '../bot/app';
import { AuditCards } from '../bot/auditCards';
import type { BotDeps } from '../bot/deps';
import { extractDocument } from '../importing/extraction';
import { fileDownloader } from '../importing/fileDownload';
import {
  ActionRepository,
  ActivityLog,
  AuditRepository,
  ConversationRepository,
  openTables,
  RoleRepository,
  SettingsRepository,
  SnoozeRepository,
  UserRepository,
  type Tables,
} from '../storage';
import { createSchedulerRuntime, ReminderScheduler, snoozeAction, tenantsToServe } from '../scheduler';
import { botConnectorFor } from '../teams/adapter';
import type { Config } from './config';
import type { ServerDeps } from './httpServer';

/** Builds the bot's dependencies on one set of tables. */
export function createBotDeps(
  tables: Tables,
  config: Config,
  log: Logger,
  now: () => Date = () => new Date(),
): BotDeps {
  const actions = new ActionRepository(tables.actions);
  const audits = new AuditRepository(tables.audits);
  const snoozes = new SnoozeRepository(tables.snoozes);
  return {
    actions,
    audits,
    auditCards: new AuditCards(audits),
    users: new UserRepository(tables.users, tables.roles),
    roles: new RoleRepository(tables.roles, tables.users),
    settings: new SettingsRepository(tables.settings),
    conversations: new ConversationRepository(tables.conversations, tables.users),
    activityLog: new ActivityLog(tables.activities),
    timeZone: config.timeZone,
    allowedTenantIds: config.allowedTenantIds,
    adminAadIds: config.adminAadIds,
    now,
    log,
    snooze: (tenantId, request) =>
      snoozeAction({ actions, snoozes, timeZone: config.timeZone }, tenantId, request),
    localMode: config.localMode,
    fetchFile: fileDownloader({
      hosts: config.fileDownloadHosts,
      allowLoopback: config.fileDownloadAllowLoopback,
    }),
    readDocument: (fileName, bytes, options) => extractDocument(fileName, bytes, options),
  };
}

/**
 * Opens the tables and returns the `createBot` the HTTP server calls with its adapter: the real bot, with turn
 * state in Azure Tables.
 */
export async function createBotFactory(
  config: Config,
  connectionString: string,
  log: Logger,
  now?: () => Date,
): Promise<NonNullable<ServerDeps['createBot']>> {
  const tables = await openTables(connectionString);
  const deps = createBotDeps(tables, config, log, now);
  return (adapter) =>
    createBotApp({
      adapter,
      connector: botConnectorFor(config),
      botAppId: config.microsoftAppId ?? '',
      deps,
    });
}

/**
 * The reminder and digest scheduler, sending through the same connector client as the bot's replies (the bot's
 * credentials sign both), for the tenants the server serves. Call `start()` once the server listens and `stop()`
 * first on shutdown.
 */
export async function createScheduler(
  config: Config,
  connectionString: string,
  log: Logger,
): Promise<ReminderScheduler> {
  const connector = botConnectorFor(config);
  const runtime = createSchedulerRuntime(await openTables(connectionString), config, { log, connector });
  return new ReminderScheduler(runtime, {
    tenants: tenantsToServe(config),
    outboxRetentionDays: config.outboxRetentionDays,
  });
}
