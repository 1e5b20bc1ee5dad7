// The public surface of storage: every name other folders may use, one by one.
export { ActionRepository } from './actionRepository';
export type {
  ActionDraft,
  ListActionsOptions,
  ListOpenActionsOptions,
  ListOverdueActionsOptions,
  StoredAction,
} from './actionRepository';
export { RecommendationRepository, MAX_VERDICTS_PER_WRITE } from './recommendationRepository';
export type {
  ListRecommendationsOptions,
  ListVerdictsOptions,
  StoredRecommendation,
} from './recommendationRepository';
export { ReferenceTakenError } from './recommendationRows';
export {
  addNote,
  attachEvidence,
  getRecommendationByRef,
  listEvidence,
  listToReview,
  recordVerdict,
  removeEvidence,
} from './followUp';
export type {
  ActionTarget,
  FollowUpDeps,
  ListToReviewOptions,
  RecommendationAction,
  RecommendationView,
  VerdictRequest,
  WriteOutcome,
} from './followUp';
export { ChangeMarkers, CHANGE_MARKER_KEY } from './changeMarker';
export type { ChangeMarkerTables } from './changeMarker';
export { UserRepository, USER_LANGUAGES } from './userRepository';
export type {
  StoredUser,
  SyncRolesOptions,
  UpsertUserOptions,
  UserChange,
  UserLanguage,
} from './userRepository';
export { RoleRepository } from './roleRepository';
export { DIGEST_CHANNEL_SETTING, SettingsRepository } from './settingsRepository';
export type { DigestChannel, StoredSetting } from './settingsRepository';
export { ConversationRepository, CONVERSATION_TYPES, referenceHash } from './conversationRepository';
export type {
  ConversationType,
  ListConversationsOptions,
  MarkInactiveOptions,
  StoredConversation,
  UpsertConversationOptions,
  UpsertRosterReadOptions,
} from './conversationRepository';
export { ActivityLog } from './activityLog';
export { AuditRepository, auditNaturalKey, MAX_RECOMMENDATIONS } from './auditRepository';
export type { RecommendationRefOptions } from './auditRepository';
export {
  INTERRUPTED_SEND_CODE,
  OutboxRepository,
  OUTBOX_KINDS,
  OUTBOX_STATES,
  OUTBOX_TRANSITIONS,
  outboxKey,
  outboxMessageId,
  outboxSubjectText,
} from './outboxRepository';
export type {
  ListMessagesOptions,
  OutboxChange,
  OutboxDraft,
  OutboxKind,
  OutboxMessage,
  OutboxState,
} from './outboxRepository';
export { LeaseRepository } from './leaseRepository';
export type { LastRun, Lease, LeaseOptions } from './leaseRepository';
export { SnoozeRepository } from './snoozeRepository';
export type { Snooze, StoredSnooze } from './snoozeRepository';
export { ConflictError, NotFoundError, StorageError } from './errors';
export type { StorageErrorCode } from './errors';
export { openTables, TABLE_NAMES } from './tables';
export type { OpenTablesOptions, TableName, Tables } from './tables';
export { azuriteConnectionString, freePort, startAzurite } from './azurite';
export type { AzuriteOptions, RunningAzurite } from './azurite';
