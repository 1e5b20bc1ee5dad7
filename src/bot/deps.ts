import type { Logger } from 'pino';
import type { CivilDate } from '../domain/types';
import type { DocumentDraft } from '../importing/document';
import type { AuditCards } from './auditCards';
import type {
  ActionRepository,
  ActivityLog,
  AuditRepository,
  ConversationRepository,
  RoleRepository,
  SettingsRepository,
  UserRepository,
} from '../storage';

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
