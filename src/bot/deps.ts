import type { Logger } from 'pino';
import type { CivilDate } from '../domain/types';
import type { DocumentDraft } from '../importing/document';
import type { AuditCards } from './auditCards';
import type {
  ActionRepository,
  ActivityLog,
  AuditRepository,
  ConversationRepository,
  OutboxMessage,
  RoleRepository,
  SettingsRepository,
  UserRepository,
} from '../storage';

/** Why the outbox's settle code refused a decision (`OutboxSettleError` of src/scheduler/outboxSettle.ts). */
export type OutboxRefusal =
  'invalidId' | 'unknownId' | 'ambiguousId' | 'notInCheck' | 'digestResend' | 'changed';

/** How settling one outbox message ended; a refusal carries the message as it is now, when it still exists. */
export type OutboxSettlement =
  | { kind: 'settled'; message: OutboxMessage }
  | { kind: 'refused'; problem: OutboxRefusal; current: OutboxMessage | null };

/** What the bot's handlers need; built once by the composition root (`src/server`). */
export interface BotDeps {
  readonly actions: ActionRepository;
  readonly audits: AuditRepository;
  /** The audits action cards name, read once per process and tenant (they do not change once written). */
  readonly auditCards: AuditCards;
  readonly users: UserRepository;
  readonly roles: RoleRepository;
  readonly settings: SettingsRepository;
  readonly conversations: ConversationRepository;
  readonly activityLog: ActivityLog;
  /** The municipality's IANA time zone: "today" and "overdue" are decided in it. */
  readonly timeZone: string;
  /** Tenants that may use the bot; empty means any (local mode only, enforced by the config). */
  readonly allowedTenantIds: readonly string[];
  /** Entra object ids that are admins from the start (ADMIN_AAD_IDS), lower case. */
  readonly adminAadIds: readonly string[];
  /** The clock; tests pass their own. */
  readonly now: () => Date;
  /** Logs ids and outcomes, never message text. */
  readonly log: Logger;
  /**
   * Pauses an action's reminders (`pausa A-17 till 2026-08-15`); the scheduler owns pauses, the server wires it.
   * Who may pause is checked by the bot before the call.
   */
  readonly snooze: (
    tenantId: string,
    request: { ref: number; until: string; reason: string | null; by: string; now: Date },
  ) => Promise<unknown>;
  /**
   * The outbox's messages whose delivery is uncertain, and an admin's decision on one, through the same code as
   * `cli outbox list|settle` (src/scheduler/outboxSettle.ts); the server wires it. Who may settle is checked by the
   * bot before the call; the move is conditional on the ETag the message was read with.
   */
  readonly outbox: {
    /** The messages in `check`, oldest change first. */
    listToCheck(tenantId: string, now: Date): Promise<OutboxMessage[]>;
    /** The dead-lettered messages: those Graph refused to reach say why an owner cannot be reached. */
    listDeadLetters(tenantId: string): Promise<OutboxMessage[]>;
    /** Settles the message with this id (hex) as delivered (nothing is sent) or to be sent again. */
    settle(
      tenantId: string,
      id: string,
      decision: 'delivered' | 'resend',
      options: { now: Date; by: string },
    ): Promise<OutboxSettlement>;
  };
  /** Local mode: no Bot Framework authentication (MicrosoftAppId unset). */
  readonly localMode: boolean;
  /**
   * Downloads a file sent to the bot (a pre-authenticated URL, so no bot token), refusing more than `maxBytes`,
   * giving up after `timeoutMs`, and fetching (also after a redirect) only what the download policy allows
   * (FILE_DOWNLOAD_HOSTS, public addresses only): `fileDownloader` in src/importing/fileDownload.ts.
   */
  readonly fetchFile: (url: string, limits: { maxBytes: number; timeoutMs: number }) => Promise<Uint8Array>;
  /**
   * Reads a response document into a draft off the event loop, within a time and memory budget:
   * `extractDocument` in src/importing/extraction.ts.
   */
  readonly readDocument: (
    fileName: string,
    bytes: Uint8Array,
    options: { today: CivilDate },
  ) => Promise<DocumentDraft>;
}
