import { createHash } from 'node:crypto';
import {
  odata,
  type TableClient,
  type TableEntity,
  type TableEntityResult,
  type TableTransactionResponse,
  type TransactionAction,
} from '@azure/data-tables';
import { formatRef } from '../domain/refs';
import { clip } from '../domain/text';
import type { CivilDate } from '../domain/types';
import { listAll } from './query';
import { guarded, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { etagOfOperation } from './transactions';

/*
 * Layout of the `outbox` table. PartitionKey = tenant id; one row per proactive message the bot owes someone:
 *   msg|<sha256 of the idempotency key>   the message: its key as text, what it is about, where it stands
 * The idempotency key is (kind, subject, stage, date, recipient), e.g. `reminder|A-17|before-14|2026-03-17|
 * anna@kommun.se`: a row is created before anything is sent, and a second create of the same key fails (409), so a
 * pass that runs twice, or two instances at once, never owe the same message twice. The key is hashed for the RowKey
 * because it holds e-mails, committee names and conversation ids (any length, characters keys forbid).
 *
 * States (every change is conditional on the ETag it was read with, so two senders never both move one row):
 *   pending    owed, not being sent: safe to send (nothing went out, or the last attempt was refused for sure)
 *   sending    an attempt is under way (written just before the HTTP call): if the process dies now, nobody can
 *              tell whether Teams got it
 *   sent       delivered, with the connector's activity id                                              (final)
 *   deadLetter cannot be delivered (403/404 conversation gone, no way to reach the person, 413, too many
 *              attempts); the reason is kept and shown in the digest                                      (final)
 *   check      an attempt ended without an answer that says whether it arrived (500, timeout, a crash while
 *              `sending`): a person must check; it is never resent by itself, which would risk a duplicate
 *   cancelled  no longer owed (the action was closed, its date moved, a later reminder replaced it)       (final)
 */
const MESSAGE = 'msg|';

/** Where an outbox message stands; see the layout comment of outboxRepository.ts. */
export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'deadLetter', 'check', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What a message is: a reminder to an owner, an escalation, a committee date, or the weekly digest. */
export const OUTBOX_KINDS = ['reminder', 'escalation', 'responseDue', 'boardFeedback', 'digest'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * The moves a message may make. A `check` row can be settled by a person (sent, or back to pending to resend);
 * the final states never change again.
 */
export const OUTBOX_TRANSITIONS: Readonly<Record<OutboxState, readonly OutboxState[]>> = {
  // pending -> pending writes why a row waits (and until when) without an attempt: e.g. a Graph install under way.
  pending: ['pending', 'sending', 'deadLetter', 'cancelled'],
  sending: ['sent', 'pending', 'deadLetter', 'check'],
  check: ['sent', 'pending'],
  sent: [],
  deadLetter: [],
  cancelled: [],
};

/** A message the bot owes, before it is stored. */
export interface OutboxDraft {
  kind: OutboxKind;
  /** What it is about: `A-17`, `audit:<id>|<committee>`, or `digest`. */
  subject: string;
  /** Which reminder of the subject: `before-14`, `due`, `overdue-2`, `escalation`, ...; the slot for a digest. */
  stage: string;
  /** The day the stage belongs to (before moving it off weekends and holidays); the digest's local date. */
  stageDate: CivilDate;
  /** Who gets it: an e-mail or Entra object id, or `conversation:<id>` for a channel. */
  recipient: string;
  /** ISO instant from which the message is owed. */
  dueAt: string;
  /** The action's reference, when the message is about one. */
  ref: number | null;
}

/** A stored outbox message with the ETag to move it with. */
export interface OutboxMessage extends OutboxDraft {
  /** The idempotency key as text (see {@link outboxKey}). */
  key: string;
  state: OutboxState;
  /** Send attempts made so far (each `pending -> sending` counts one). */
  attempts: number;
  createdAt: string;
  updatedAt: string;
  /** While pending after a refused attempt: not before this ISO instant. */
  nextAttemptAt: string | null;
  /** While sending: when the attempt began. */
  sendingSince: string | null;
  /** Where it went (or was going). */
  conversationId: string | null;
  /** The connector's id of the delivered activity. */
  activityId: string | null;
  sentAt: string | null;
  /** Why it is dead-lettered, to be checked or cancelled; for a pending row, what the last attempt got. */
  reason: string | null;
  /**
   * The connector's status and error code, e.g. `403 ConversationBlockedByUser`; {@link INTERRUPTED_SEND_CODE} for
   * a send that was cut off before its answer came.
   */
  code: string | null;
  etag: string;
}

/** The code of a message whose send was cut off (the process stopped) before the connector answered. */
export const INTERRUPTED_SEND_CODE = 'Interrupted';

/** Options for {@link OutboxRepository.listMessages}. */
export interface ListMessagesOptions {
  /** Only messages in these states. Default: all. */
  states?: readonly OutboxState[];
  /** Only messages changed at or after this instant. Default: no lower bound. */
  updatedSince?: Date;
  /** Only messages changed before this instant. Default: no upper bound. */
  updatedBefore?: Date;
  /** Only messages whose {@link outboxMessageId} starts with these hex digits. Default: every message. */
  idPrefix?: string;
}

/** What a move records besides the new state. */
export interface OutboxChange {
  now: Date;
  reason?: string | null;
  code?: string | null;
  conversationId?: string | null;
  activityId?: string | null;
  nextAttemptAt?: Date | null;
}

type MessageEntity = TableEntity<{
  key: string;
  kind: string;
  subject: string;
  stage: string;
  stageDate: string;
  recipient: string;
  dueAt: string;
  ref: number;
  state: string;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt: string;
  sendingSince: string;
  conversationId: string;
  activityId: string;
  sentAt: string;
  reason: string;
  code: string;
}>;

/** Longest reason or code kept; connector error messages can be long and are only a hint for a person. */
const MAX_REASON_LENGTH = 1_000;

/** Most operations in one Table transaction (the service's limit). */
const MAX_BATCH = 100;

/** What an id prefix may look like: hex digits of the key's hash, as {@link outboxMessageId} gives them. */
const ID_PREFIX = /^[0-9a-f]{1,64}$/;

/** The idempotency key of a message: kind, subject, stage, date and recipient, joined by `|`. */
export function outboxKey(
  draft: Pick<OutboxDraft, 'kind' | 'subject' | 'stage' | 'stageDate' | 'recipient'>,
): string {
  return [draft.kind, draft.subject, draft.stage, draft.stageDate, draft.recipient].join('|');
}

/**
 * What a message is about, for a person reading the outbox (chat's `utkorg`, `cli outbox list`): the action's
 * reference and stage, an audit's committee and stage (a response-due reminder), or the date (a digest).
 */
export function outboxSubjectText(message: OutboxMessage): string {
  if (message.ref !== null) return `${formatRef(message.ref)} (${message.stage})`;
  // `audit:<id>|<committee>`: the committee says more to a reader than the audit's id.
  if (message.subject.startsWith('audit:')) {
    return `${message.subject.slice(message.subject.indexOf('|') + 1)} (${message.stage})`;
  }
  return message.stageDate;
}

/**
 * The id of a message a person can type: the hex SHA-256 of its idempotency key, which is also its RowKey. Any
 * unambiguous prefix of it finds the message ({@link ListMessagesOptions.idPrefix}).
 */
export function outboxMessageId(key: string): string {
  return messageKey(key).slice(MESSAGE.length);
}

/** The tenant's outbox of proactive messages, in one Azure table. */
export class OutboxRepository {
  constructor(private readonly client: TableClient) {}

  /**
   * Records a message as owed (state pending). This is the idempotency check: the same key can be created once.
   * @throws ConflictError when a message with the same key exists (in whatever state).
   */
  async createMessage(tenantId: string, draft: OutboxDraft, options: { now: Date }): Promise<OutboxMessage> {
    const partitionKey = tenantKey(tenantId);
    const key = outboxKey(draft);
    const at = options.now.toISOString();
    const entity: MessageEntity = {
      partitionKey,
      rowKey: messageKey(key),
      key,
      kind: draft.kind,
      subject: draft.subject,
      stage: draft.stage,
      stageDate: draft.stageDate,
      recipient: draft.recipient,
      dueAt: draft.dueAt,
      ref: draft.ref ?? -1,
      state: 'pending',
      attempts: 0,
      createdAt: at,
      updatedAt: at,
      nextAttemptAt: '',
      sendingSince: '',
      conversationId: '',
      activityId: '',
      sentAt: '',
      reason: '',
      code: '',
    };
    checkEntityLimits(entity, `Utkorgen ${key}`);
    try {
      const response = await this.client.createEntity(entity);
      if (response.etag) return toMessage({ ...entity, etag: response.etag });
    } catch (error) {
      const translated = translateError(error, `Utkorgen ${key}`);
      if (translated instanceof ConflictError) {
        throw new ConflictError(`Meddelandet ${key} finns redan i utkorgen.`, { cause: error });
      }
      throw translated;
    }
    return this.getMessage(tenantId, key);
  }

  /**
   * Reads one message by its idempotency key.
   * @throws NotFoundError when no such message is stored.
   */
  async getMessage(tenantId: string, key: string): Promise<OutboxMessage> {
    const partitionKey = tenantKey(tenantId);
    try {
      const entity = await this.client.getEntity<MessageEntity>(partitionKey, messageKey(key));
      return toMessage(entity);
    } catch (error) {
      const translated = translateError(error, `Utkorgen ${key}`);
      if (translated instanceof NotFoundError) {
        throw new NotFoundError(`Meddelandet ${key} finns inte i utkorgen.`, { cause: error });
      }
      throw translated;
    }
  }

  /** The tenant's messages, optionally only some states or recent changes, in key-hash order. */
  async listMessages(tenantId: string, options: ListMessagesOptions = {}): Promise<OutboxMessage[]> {
    const partitionKey = tenantKey(tenantId);
    let prefix = MESSAGE;
    if (options.idPrefix !== undefined) {
      // Checked: a RowKey range built from anything else could reach past the message rows.
      if (!ID_PREFIX.test(options.idPrefix)) {
        throw new StorageError(`Utkorgen: ${JSON.stringify(options.idPrefix)} är inget meddelande-id.`, {
          code: 'InvalidKey',
        });
      }
      prefix = `${MESSAGE}${options.idPrefix}`;
    }
    let filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`;
    if (options.states !== undefined) {
      if (options.states.length === 0) return [];
      // Checked against the known states: a non-string would be pasted into the filter unescaped.
      const states = options.states.map(toState);
      filter += ` and (${states.map((state) => odata`state eq ${state}`).join(' or ')})`;
    }
    if (options.updatedSince !== undefined) {
      filter += odata` and updatedAt ge ${options.updatedSince.toISOString()}`;
    }
    if (options.updatedBefore !== undefined) {
      filter += odata` and updatedAt lt ${options.updatedBefore.toISOString()}`;
    }
    return listAll<MessageEntity, OutboxMessage>(this.client, filter, toMessage, 'Läsa utkorgen');
  }

  /**
   * Moves a message to another state, conditional on the ETag it was read with: of two senders, only one moves it.
   * `pending -> sending` counts an attempt.
   * @throws ConflictError when the row changed since it was read (someone else moved it; nothing is written).
   * @throws StorageError when the move is not one of {@link OUTBOX_TRANSITIONS} (a bug in the caller).
   */
  async moveMessage(
    tenantId: string,
    message: OutboxMessage,
    to: OutboxState,
    change: OutboxChange,
  ): Promise<OutboxMessage> {
    const partitionKey = tenantKey(tenantId);
    const next = moved(message, to, change);
    const entity = toEntity(partitionKey, next);
    checkEntityLimits(entity, `Utkorgen ${message.key}`);
    try {
      const response = await this.client.updateEntity(entity, 'Replace', { etag: message.etag });
      if (response.etag) return { ...next, etag: response.etag };
    } catch (error) {
      const translated = translateError(error, `Utkorgen ${message.key}`);
      if (translated instanceof ConflictError || translated instanceof NotFoundError) {
        throw new ConflictError(`Meddelandet ${message.key} har ändrats av någon annan.`, { cause: error });
      }
      throw translated;
    }
    return this.getMessage(tenantId, message.key);
  }

  /**
   * Moves several messages to the same state in one transaction, each conditional on its ETag: all move or none
   * does. A reminder that lists several items is one send for several rows, so its rows must never disagree about
   * whether it went out (a crash between two single moves would leave one `sent` and one `sending`).
   * @throws ConflictError when any row changed since it was read (nothing is written).
   * @throws StorageError when a move is not one of {@link OUTBOX_TRANSITIONS}, or more than 100 rows are given.
   */
  async moveMessages(
    tenantId: string,
    messages: readonly OutboxMessage[],
    to: OutboxState,
    change: OutboxChange,
  ): Promise<OutboxMessage[]> {
    if (messages.length === 1)
      return [await this.moveMessage(tenantId, messages[0] as OutboxMessage, to, change)];
    if (messages.length === 0) return [];
    if (messages.length > MAX_BATCH) {
      throw new StorageError(`Utkorgen: högst ${MAX_BATCH} meddelanden flyttas i en transaktion.`);
    }
    const partitionKey = tenantKey(tenantId);
    const next = messages.map((message) => moved(message, to, change));
    const operations: TransactionAction[] = next.map((message, index) => {
      const entity = toEntity(partitionKey, message);
      checkEntityLimits(entity, `Utkorgen ${message.key}`);
      return ['update', entity, 'Replace', { etag: (messages[index] as OutboxMessage).etag }];
    });
    let response: TableTransactionResponse;
    try {
      response = await guarded('Utkorgen', () => this.client.submitTransaction(operations));
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError) {
        throw new ConflictError('Ett av meddelandena har ändrats av någon annan.', { cause: error });
      }
      throw error;
    }
    return Promise.all(
      next.map(async (message, index) => {
        const etag = etagOfOperation(response, index, operations.length);
        return etag ? { ...message, etag } : this.getMessage(tenantId, message.key);
      }),
    );
  }

  /**
   * Deletes finished messages (sent, dead-lettered, cancelled) in transactions of up to 100. Those rows never change
   * again ({@link OUTBOX_TRANSITIONS}), so a transaction deletes them without an ETag (the SDK's transactions take
   * none for a delete). A transaction fails whole when one of its rows is gone already; its rows are then deleted one
   * by one with their ETags, skipping any that vanished or changed.
   * @returns how many of the messages this call deleted.
   * @throws StorageError when a message is not finished (a bug in the caller; nothing is deleted).
   */
  async deleteMessages(tenantId: string, messages: readonly OutboxMessage[]): Promise<number> {
    const partitionKey = tenantKey(tenantId);
    const unfinished = messages.find((message) => OUTBOX_TRANSITIONS[message.state].length > 0);
    if (unfinished) {
      throw new StorageError(
        `Utkorgen: ${unfinished.key} är inte avslutat (${unfinished.state}); raderas inte.`,
      );
    }
    let deleted = 0;
    for (let start = 0; start < messages.length; start += MAX_BATCH) {
      const batch = messages.slice(start, start + MAX_BATCH);
      const operations: TransactionAction[] = batch.map((message) => [
        'delete',
        { partitionKey, rowKey: messageKey(message.key) },
      ]);
      try {
        await guarded('Rensa utkorgen', () => this.client.submitTransaction(operations));
        deleted += batch.length;
        continue;
      } catch (error) {
        if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error;
      }
      for (const message of batch) {
        try {
          await guarded('Rensa utkorgen', () =>
            this.client.deleteEntity(partitionKey, messageKey(message.key), { etag: message.etag }),
          );
          deleted += 1;
        } catch (error) {
          if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error;
        }
      }
    }
    return deleted;
  }
}

/** A message as it is after a move (not yet stored).
 * @throws StorageError when the move is not one of {@link OUTBOX_TRANSITIONS} (a bug in the caller).
 */
function moved(message: OutboxMessage, to: OutboxState, change: OutboxChange): OutboxMessage {
  if (!OUTBOX_TRANSITIONS[message.state].includes(to)) {
    throw new StorageError(`Utkorgen: ${message.key} kan inte gå från ${message.state} till ${to}.`);
  }
  const at = change.now.toISOString();
  const next: OutboxMessage = {
    ...message,
    state: to,
    attempts: to === 'sending' ? message.attempts + 1 : message.attempts,
    updatedAt: at,
    sendingSince: to === 'sending' ? at : null,
    nextAttemptAt: to === 'pending' ? (change.nextAttemptAt?.toISOString() ?? null) : null,
    conversationId: change.conversationId !== undefined ? change.conversationId : message.conversationId,
    activityId: change.activityId !== undefined ? change.activityId : message.activityId,
    sentAt: to === 'sent' ? at : message.sentAt,
    reason:
      change.reason !== undefined ? clipReason(change.reason) : to === 'sending' ? message.reason : null,
    code: change.code !== undefined ? clipReason(change.code) : to === 'sending' ? message.code : null,
  };
  return next;
}

function messageKey(key: string): string {
  return `${MESSAGE}${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

function clipReason(text: string | null): string | null {
  return text === null ? null : clip(text, MAX_REASON_LENGTH);
}

function toEntity(partitionKey: string, message: OutboxMessage): MessageEntity {
  return {
    partitionKey,
    rowKey: messageKey(message.key),
    key: message.key,
    kind: message.kind,
    subject: message.subject,
    stage: message.stage,
    stageDate: message.stageDate,
    recipient: message.recipient,
    dueAt: message.dueAt,
    ref: message.ref ?? -1,
    state: message.state,
    attempts: message.attempts,
    createdAt: message.createdAt,
    updatedAt: message.updatedAt,
    nextAttemptAt: message.nextAttemptAt ?? '',
    sendingSince: message.sendingSince ?? '',
    conversationId: message.conversationId ?? '',
    activityId: message.activityId ?? '',
    sentAt: message.sentAt ?? '',
    reason: message.reason ?? '',
    code: message.code ?? '',
  };
}

function toMessage(entity: MessageEntity & Pick<TableEntityResult<object>, 'etag'>): OutboxMessage {
  return {
    key: entity.key,
    kind: toKind(entity.kind),
    subject: entity.subject,
    stage: entity.stage,
    stageDate: entity.stageDate,
    recipient: entity.recipient,
    dueAt: entity.dueAt,
    ref: entity.ref >= 0 ? entity.ref : null,
    state: toState(entity.state),
    attempts: entity.attempts,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    nextAttemptAt: entity.nextAttemptAt || null,
    sendingSince: entity.sendingSince || null,
    conversationId: entity.conversationId || null,
    activityId: entity.activityId || null,
    sentAt: entity.sentAt || null,
    reason: entity.reason || null,
    code: entity.code || null,
    etag: entity.etag,
  };
}

function toState(value: unknown): OutboxState {
  const state = OUTBOX_STATES.find((s) => s === value);
  if (!state) throw new StorageError(`Okänt tillstånd i utkorgen: ${JSON.stringify(value)}`);
  return state;
}

function toKind(value: unknown): OutboxKind {
  const kind = OUTBOX_KINDS.find((k) => k === value);
  if (!kind) throw new StorageError(`Okänd meddelandetyp i utkorgen: ${JSON.stringify(value)}`);
  return kind;
}
