// The public surface of the scheduler: reminders and the weekly digest, one name at a time.
export { addDays, isDayOff, localInstant, nextWorkingDay, swedishDaysOff } from './calendar';
export type { WorkingCalendarOptions } from './calendar';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { Courier, forEachConcurrently, toOutcome } from './delivery';
export type {
  BatchRendered,
  BatchRenderer,
  DeliveryOutcome,
  DeliveryState,
  Rendered,
  Renderer,
} from './delivery';
export { findUnreachableOwners, loadDirectory } from './directory';
export type { Directory, PersonalChat } from './directory';
export { buildDigest, DIGEST_JOB, DUE_SOON_DAYS, renderDigest, runDigest } from './digest';
export type {
  DigestContent,
  DigestDeadlineChange,
  DigestInput,
  DigestItem,
  DigestOptions,
  DigestReport,
  DigestUnreachable,
} from './digest';
export { GraphReach } from './graphReach';
export type { GraphReachOptions, GraphReachResult } from './graphReach';
export { withLease } from './lease';
export type { LeaseKeeper, LeaseRun } from './lease';
export {
  DEFAULT_OUTBOX_RETENTION_DAYS,
  OUTBOX_RETENTION_CRON,
  OUTBOX_RETENTION_JOB,
  RETAINED_STATES,
  runOutboxRetention,
} from './outboxRetention';
export type { RetentionOptions, RetentionReport } from './outboxRetention';
export {
  DEFAULT_DEAD_LETTER_DAYS,
  listUncertain,
  MIN_ID_LENGTH,
  OutboxSettleError,
  SETTLE_DECISIONS,
  settleOutboxMessage,
  SHOWN_ID_LENGTH,
  shownMessageId,
} from './outboxSettle';
export type {
  ListUncertainOptions,
  SettleDecision,
  SettleOptions,
  SettleProblem,
  UncertainMessages,
} from './outboxSettle';
export { Pacer, TEAMS_TENANT_LIMITS, TEAMS_THREAD_LIMITS } from './pacer';
export type { PacerOptions, PacerPermit, RateLimit } from './pacer';
export {
  DEFAULT_REMINDER_POLICY,
  dueReminders,
  LOOKBACK_DAYS,
  nextReminder,
  parseReminderPolicy,
  REMINDER_POLICY_SETTING,
} from './policy';
export type {
  ActionSubject,
  CommitteeDateSubject,
  ReminderPolicy,
  ReminderSubject,
  ReminderTrack,
  ScheduledReminder,
} from './policy';
export { loadReminderPolicy, REMIND_JOB, runReminderPass } from './reminderPass';
export type { PassOptions, PassReport } from './reminderPass';
export { createSchedulerRuntime, DEFAULT_TUNING, SchedulerRuntime, tenantsToServe } from './runtime';
export type {
  CreateRuntimeOptions,
  DeliveryHooks,
  GraphReachTuning,
  SchedulerConfig,
  SchedulerDeps,
  SchedulerTuning,
} from './runtime';
export { DEFAULT_PASS_CRON, ReminderScheduler } from './scheduler';
export type { ReminderSchedulerOptions, TickReport } from './scheduler';
export { latestSlot, nextSlot } from './slots';
export { MAX_SNOOZE_DAYS, snoozeAction } from './snooze';
export type { SnoozeDeps, SnoozeRequest } from './snooze';
