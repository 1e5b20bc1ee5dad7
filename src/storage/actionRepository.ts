import { createHash } from 'node:crypto';
import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import {
  createAction,
  isClosed,
  type ActionChange,
  type ChangeContext,
  type NewAction,
} from '../domain/actions';
import { inScope, type ActionScope } from '../domain/access';
import { formatRef } from '../domain/refs';
import { principalOf } from '../domain/roles';
import {
  HISTORY_KINDS,
  STATUSES,
  type Action,
  type Evidence,
  type ActionSummary,
  type CivilDate,
  type HistoryEvent,
  type HistoryKind,
  type Status,
} from '../domain/types';
import { listAll, type QueriedEntity } from './query';
import { getEntityOrNull, guarded, translateError } from './errorHelpers';
import { ConflictError, NotFoundError, StorageError } from './errors';
import { changeMarkerOperation } from './changeMarker';
import { padNumber, prefixEnd, tenantKey } from './keys';
import { checkEntityLimits } from './limits';
import { etagOfOperation, submitExpectingRows } from './transactions';

/*
 * Layout of the `actions` table. PartitionKey = tenant id, so one tenant's actions, their history and the counter
 * share a partition and every change can be one atomic transaction:
 *   action|<ref>         the action
 *   open|<ref>           a copy of the action while it is not closed: the index of open actions. Listing open or
 *                        overdue actions reads this range only and never touches closed ones.
 *   hist|<ref>|<seq>     its append-only history
 *   key|<natural key>    audit + recommendation + text -> ref; makes importing the same action twice impossible
 *   counter|action       the next free reference number, updated with its ETag in the same transaction that
 *                        creates the actions, so references stay unique under concurrent creation
 *   change|marker        moved by every transaction here, for caches of the tenant's data (changeMarker.ts)
 */
const ACTION = 'action|';
const OPEN = 'open|';
const HISTORY = 'hist|';
const NATURAL_KEY = 'key|';
const COUNTER = 'counter|action';

/** Tables allows 100 operations in a transaction; each new action takes four, the counter and the marker one each. */
const ACTIONS_PER_TRANSACTION = 24;
/** Reading all actions: at most this many range queries at once, each of at least this many actions. */
const LIST_PARALLELISM = 4;
const ACTIONS_PER_RANGE = 2_500;
/** Attempts at the counter before giving up when many writers race for it. */
const MAX_COUNTER_ATTEMPTS = 200;

/** An action as stored, with the ETag to update it with. */
export interface StoredAction {
  action: Action;
  etag: string;
}

/** A new action before it has a reference. */
export type ActionDraft = Omit<NewAction, 'ref'>;

/** Options for listing open actions. */
export interface ListOpenActionsOptions {
  /** Only this owner's actions (e-mail, compared in lower case). */
  ownerEmail?: string;
  /** Only this committee's actions. */
  committee?: string;
}

/** Options for {@link ActionRepository.listOverdueActions}. */
export interface ListOverdueActionsOptions {
  /** Only the actions in this scope, as `access.ts` decides it for the reader. Default: every one. */
  scope?: ActionScope;
}

/** Options for {@link ActionRepository.listActions}. */
export interface ListActionsOptions {
  /** Only this audit's actions (one query, filtered by the service). Default: every action. */
  auditId?: string;
}

/** Options for {@link ActionRepository.listTenantHistory}. */
export interface ListTenantHistoryOptions {
  /** Only events of these kinds, read in one query (none: no events). Default: every kind. */
  kinds?: readonly HistoryKind[];
}

type ActionEntity = TableEntity<{
  kind: 'action';
  ref: number;
  auditId: string;
  recommendationId: string;
  text: string;
  committee: string;
  ownerEmail: string;
  dueDate: string;
  duePhrase: string;
  originalDueDate: string;
  originalDuePhrase: string;
  status: string;
  cancelReason: string;
  lastComment: string;
  deadlineChanges: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}>;

type HistoryEntity = TableEntity<{
  ref: number;
  seq: number;
  kind: string;
  at: string;
  by: string;
  from: string;
  to: string;
  phrase: string;
  comment: string;
  /** For `evidence` and `evidenceRemoved`: the item as JSON; absent on other events. */
  evidence?: string;
  /** For `evidenceRemoved`: the seq of the event it takes back. */
  removes?: number;
}>;

/** Actions, their history and the open-action index of each tenant, in one Azure table. */
export class ActionRepository {
  constructor(private readonly client: TableClient) {}

  /**
   * Reads one action by its reference.
   * @throws NotFoundError when the tenant has no such action.
   */
  async getAction(tenantId: string, ref: number): Promise<StoredAction> {
    const partitionKey = tenantKey(tenantId);
    try {
      const entity = await this.client.getEntity<ActionEntity>(partitionKey, actionKey(ref));
      return { action: toAction(entity), etag: entity.etag };
    } catch (error) {
      const translated = translateError(error, formatRef(ref));
      if (translated instanceof NotFoundError) throw new NotFoundError(`${formatRef(ref)} finns inte.`);
      throw translated;
    }
  }

  /**
   * Creates actions, allocating their references. Each transaction holds the counter update (with its ETag) and
   * the rows of up to 24 actions, so a reference is never handed out twice. When a later transaction fails, the
   * actions written by earlier ones are deleted again.
   * @throws ConflictError when one of the actions already exists (same audit, recommendation and text).
   */
  async createActions(
    tenantId: string,
    drafts: readonly ActionDraft[],
    context: ChangeContext,
  ): Promise<Action[]> {
    const partitionKey = tenantKey(tenantId);
    const created: Action[] = [];
    try {
      for (let i = 0; i < drafts.length; i += ACTIONS_PER_TRANSACTION) {
        created.push(
          ...(await this.createBatch(partitionKey, drafts.slice(i, i + ACTIONS_PER_TRANSACTION), context)),
        );
      }
    } catch (error) {
      await this.deleteCreated(partitionKey, created);
      throw translateError(error, 'Skapa åtgärder');
    }
    return created;
  }

  /** The reference of the action with this natural key (audit, recommendation, text), or null. */
  async findRef(
    tenantId: string,
    draft: Pick<ActionDraft, 'auditId' | 'recommendationId' | 'text'>,
  ): Promise<number | null> {
    const partitionKey = tenantKey(tenantId);
    const entity = await getEntityOrNull<{ ref: number }>(
      this.client,
      partitionKey,
      naturalKey(draft),
      'Sök åtgärd',
    );
    return entity?.ref ?? null;
  }

  /**
   * Stores a change made by the domain together with its history event, in one transaction, conditional on the
   * ETag the action was read with. The open index follows the status in the same transaction. Several changes, each
   * built on the one before (the files of one message), are stored as one: the last action and every event.
   * @throws ConflictError when the action changed since it was read (nothing is written).
   */
  async updateAction(
    tenantId: string,
    change: ActionChange | readonly ActionChange[],
    etag: string,
  ): Promise<StoredAction> {
    const partitionKey = tenantKey(tenantId);
    const changes: readonly ActionChange[] = 'action' in change ? [change] : change;
    const first = changes[0];
    const action = changes.at(-1)?.action;
    if (first === undefined || action === undefined) {
      throw new StorageError('Ingen ändring att spara.', { code: 'Unknown' });
    }
    const events = changes.map((each) => each.event);
    // The events are the versions up to the stored one, in order: seq = version for the last, one less each before.
    const before = (i: number): number => events.length - 1 - i;
    if (events.some((event, i) => event.ref !== action.ref || event.seq !== action.version - before(i))) {
      throw new StorageError('Händelsen hör inte till ändringen.', { code: 'Unknown' });
    }
    const entity = toEntity(partitionKey, actionKey(action.ref), action);
    // The open index copy follows every change of an open action and goes when it closes. An action that was
    // closed before (a note or evidence on a finished action, Genomförd -> Avbruten) has no copy to delete, and
    // one that opens again gets a new one.
    const wasClosed = isClosed(
      first.event.kind === 'status' ? toStatus(first.event.from ?? '') : first.action.status,
    );
    const { response, operations } = await submitExpectingRows(
      this.client,
      (write) => {
        const operations: TransactionAction[] = [
          ['update', entity, 'Replace', { etag }],
          ...events.map((event): TransactionAction => ['create', toHistoryEntity(partitionKey, event)]),
        ];
        const openCopy = toEntity(partitionKey, openKey(action.ref), action);
        if (!isClosed(action.status)) {
          operations.push([wasClosed ? 'upsert' : write, openCopy, 'Replace']);
        } else if (!wasClosed) {
          operations.push(['delete', { partitionKey, rowKey: openKey(action.ref) }]);
        }
        operations.push(changeMarkerOperation(partitionKey, write));
        return operations;
      },
      formatRef(action.ref),
    );
    const etagAfter = etagOfOperation(response, 0, operations.length);
    if (etagAfter) return { action, etag: etagAfter };
    return this.getAction(tenantId, action.ref);
  }

  /** Open actions (not Genomförd or Avbruten), read from the open index only, in reference order. */
  async listOpenActions(tenantId: string, options: ListOpenActionsOptions = {}): Promise<Action[]> {
    const partitionKey = tenantKey(tenantId);
    let filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${OPEN} and RowKey lt ${prefixEnd(OPEN)}`;
    if (options.ownerEmail !== undefined)
      filter += odata` and ownerEmail eq ${principalOf(options.ownerEmail)}`;
    if (options.committee !== undefined) filter += odata` and committee eq ${options.committee}`;
    return this.queryActions(filter);
  }

  /**
   * One owner's open actions, read from the open index, and of it only the columns a list shows (`mina åtgärder`),
   * in reference order.
   */
  async listOwnOpenActions(tenantId: string, ownerEmail: string): Promise<ActionSummary[]> {
    const partitionKey = tenantKey(tenantId);
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${OPEN} and RowKey lt ${prefixEnd(OPEN)} and ownerEmail eq ${principalOf(ownerEmail)}`;
    return listAll(this.client, filter, toSummary, 'Läsa åtgärder', SUMMARY_COLUMNS);
  }

  /**
   * Open actions whose due date is before `today`: the overdue ones. Reads the open index only, and of it only the
   * columns a list shows: a large tenant has thousands, and the other columns would more than double what is sent.
   */
  async listOverdueActions(
    tenantId: string,
    today: CivilDate,
    options: ListOverdueActionsOptions = {},
  ): Promise<ActionSummary[]> {
    const scope = options.scope ?? { kind: 'all' };
    if (scope.kind === 'none') return [];
    const partitionKey = tenantKey(tenantId);
    // An empty dueDate (no date set yet) sorts before every date, so it is excluded explicitly.
    let filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${OPEN} and RowKey lt ${prefixEnd(OPEN)} and dueDate lt ${today} and dueDate gt ${''}`;
    // Owners are stored in lower case, so a person's own list is narrowed by the service. Committee names are
    // compared as people type them (any case, composed or decomposed), which a filter cannot do: those scopes are
    // applied to the rows read.
    if (scope.kind === 'own') filter += odata` and ownerEmail eq ${principalOf(scope.ownerEmail)}`;
    const rows = await listAll(this.client, filter, toSummary, 'Läsa åtgärder', SUMMARY_COLUMNS);
    return scope.kind === 'committees' ? rows.filter((action) => inScope(scope, action)) : rows;
  }

  /** Every action of the tenant (or of one audit), open and closed, in reference order (for reports). */
  async listActions(tenantId: string, options: ListActionsOptions = {}): Promise<Action[]> {
    const partitionKey = tenantKey(tenantId);
    if (options.auditId !== undefined) {
      return this.queryActions(
        odata`PartitionKey eq ${partitionKey} and RowKey ge ${ACTION} and RowKey lt ${prefixEnd(ACTION)} and auditId eq ${options.auditId}`,
      );
    }
    // A large tenant is read as several reference ranges at once: pages of one query come one after another,
    // and for 20,000 actions that wait dominates the board report. The last range is open-ended, so nothing
    // beyond the counter is missed.
    const { next } = await this.readCounter(partitionKey);
    const parts = Math.min(LIST_PARALLELISM, Math.max(1, Math.ceil((next - 1) / ACTIONS_PER_RANGE)));
    const size = Math.ceil((next - 1) / parts);
    const ranges = Array.from({ length: parts }, (_, i) => {
      const from = actionKey(1 + i * size);
      const to = i === parts - 1 ? prefixEnd(ACTION) : actionKey(1 + (i + 1) * size);
      return this.queryActions(
        odata`PartitionKey eq ${partitionKey} and RowKey ge ${i === 0 ? ACTION : from} and RowKey lt ${to}`,
      );
    });
    return (await Promise.all(ranges)).flat();
  }

  /** The history of one action, oldest first. */
  async listHistory(tenantId: string, ref: number): Promise<HistoryEvent[]> {
    const partitionKey = tenantKey(tenantId);
    const prefix = `${HISTORY}${padNumber(ref)}|`;
    return this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`,
      toHistoryEvent,
    );
  }

  /**
   * The history of every action of the tenant in one range query, by reference and then oldest first: reports
   * need it for thousands of actions, where {@link listHistory} per action would cost a round trip each. With
   * `kinds`, the service returns only events of those kinds (e.g. `deadline` and `note`, for moved deadlines and
   * progress notes): one query for them all, since each query costs a pass over the tenant's rows.
   */
  async listTenantHistory(tenantId: string, options: ListTenantHistoryOptions = {}): Promise<HistoryEvent[]> {
    const partitionKey = tenantKey(tenantId);
    let filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${HISTORY} and RowKey lt ${prefixEnd(HISTORY)}`;
    if (options.kinds !== undefined) {
      const kinds = options.kinds.map(toHistoryKind);
      if (kinds.length === 0) return [];
      filter += ` and (${kinds.map((kind) => odata`kind eq ${kind}`).join(' or ')})`;
    }
    return this.query(filter, toHistoryEvent);
  }

  private async createBatch(
    partitionKey: string,
    drafts: readonly ActionDraft[],
    context: ChangeContext,
  ): Promise<Action[]> {
    for (let attempt = 1; ; attempt++) {
      const counter = await this.readCounter(partitionKey);
      const actions = drafts.map((draft, index) =>
        createAction({ ...draft, ref: counter.next + index }, context),
      );
      const counterEntity = { partitionKey, rowKey: COUNTER, next: counter.next + drafts.length };
      const operations: TransactionAction[] = [
        counter.etag
          ? ['update', counterEntity, 'Replace', { etag: counter.etag }]
          : ['create', counterEntity],
      ];
      for (const { action, event } of actions) {
        operations.push(
          ['create', toEntity(partitionKey, actionKey(action.ref), action)],
          ['create', toEntity(partitionKey, openKey(action.ref), action)],
          ['create', toHistoryEntity(partitionKey, event)],
          ['create', { partitionKey, rowKey: naturalKey(action), ref: action.ref }],
        );
      }
      operations.push(changeMarkerOperation(partitionKey));
      try {
        await this.submit(operations, 'Skapa åtgärder');
        return actions.map(({ action }) => action);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // A conflict is either the counter (someone else took these numbers: try again with the next ones) or an
        // action that already exists (the counter is unchanged: a real conflict).
        const now = await this.readCounter(partitionKey);
        if (now.etag === counter.etag) {
          throw new ConflictError('Åtgärden finns redan (samma granskning, rekommendation och text).', {
            cause: error,
          });
        }
        if (attempt >= MAX_COUNTER_ATTEMPTS) throw error;
        await delay(Math.random() * Math.min(100, 5 * attempt));
      }
    }
  }

  private async readCounter(partitionKey: string): Promise<{ next: number; etag: string | null }> {
    const entity = await getEntityOrNull<{ next: number }>(
      this.client,
      partitionKey,
      COUNTER,
      'Referensräknaren',
    );
    return entity ? { next: entity.next, etag: entity.etag } : { next: 1, etag: null };
  }

  /**
   * Deletes actions this process has just created with {@link createActions}, with their first history event and
   * natural key: the undo of an import that failed after its actions were written. Best effort; only for actions
   * nothing else has changed yet (their history is then one event).
   */
  async undoCreate(tenantId: string, actions: readonly Action[]): Promise<void> {
    await this.deleteCreated(tenantKey(tenantId), actions);
  }

  private async deleteCreated(partitionKey: string, actions: readonly Action[]): Promise<void> {
    // Compensation after a failed multi-transaction create; best effort, each transaction at most 99 deletes and
    // the change marker.
    const rowKeys = actions.flatMap((action) => [
      actionKey(action.ref),
      openKey(action.ref),
      historyKey(action.ref, 1),
      naturalKey(action),
    ]);
    for (let i = 0; i < rowKeys.length; i += 99) {
      const operations: TransactionAction[] = [
        ...rowKeys.slice(i, i + 99).map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]),
        changeMarkerOperation(partitionKey),
      ];
      await this.submit(operations, 'Ta bort ofullständig import').catch(() => undefined);
    }
  }

  private async submit(operations: TransactionAction[], what: string) {
    return guarded(what, () => this.client.submitTransaction(operations));
  }

  /**
   * Actions matching `filter`, read with only the columns an action is made of. The keys, the row's kind and its
   * Timestamp (a Date the SDK makes for every row) were a third of the client's time reading 20,000 actions.
   */
  private async queryActions(filter: string): Promise<Action[]> {
    return listAll(this.client, filter, toAction, 'Läsa åtgärder', ACTION_COLUMNS);
  }

  private async query<T, E extends object>(
    filter: string,
    map: (entity: QueriedEntity<E>) => T,
  ): Promise<T[]> {
    return listAll(this.client, filter, map, 'Läsa åtgärder');
  }
}

/**
 * The rows that hold an action with its whole history, exactly as the repository writes them over time: the action,
 * its open-index copy while it is open, each history event, and its natural key. For loading many actions at once
 * in bulk transactions (the benchmark's data set), where creating and then changing each one would cost a
 * transaction per change. The reference counter is not among them.
 */
export function actionRowsOf(
  tenantId: string,
  action: Action,
  history: readonly HistoryEvent[],
): TableEntity[] {
  const partitionKey = tenantKey(tenantId);
  return [
    toEntity(partitionKey, actionKey(action.ref), action),
    ...(isClosed(action.status) ? [] : [toEntity(partitionKey, openKey(action.ref), action)]),
    ...history.map((event) => toHistoryEntity(partitionKey, event)),
    { partitionKey, rowKey: naturalKey(action), ref: action.ref },
  ];
}

function actionKey(ref: number): string {
  return `${ACTION}${padNumber(ref)}`;
}

function openKey(ref: number): string {
  return `${OPEN}${padNumber(ref)}`;
}

function historyKey(ref: number, seq: number): string {
  return `${HISTORY}${padNumber(ref)}|${padNumber(seq)}`;
}

function naturalKey(draft: Pick<ActionDraft, 'auditId' | 'recommendationId' | 'text'>): string {
  // Hashed: the text may be long and hold characters keys forbid; case and spacing do not make a new action.
  const normalized = draft.text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const hash = createHash('sha256')
    .update(`${draft.auditId}\n${draft.recommendationId}\n${normalized}`)
    .digest('hex');
  return `${NATURAL_KEY}${hash}`;
}

function toEntity(partitionKey: string, rowKey: string, action: Action): ActionEntity {
  const entity: ActionEntity = {
    partitionKey,
    rowKey,
    kind: 'action',
    ref: action.ref,
    auditId: action.auditId,
    recommendationId: action.recommendationId,
    text: action.text,
    committee: action.committee,
    ownerEmail: action.ownerEmail ?? '',
    dueDate: action.deadline.date ?? '',
    duePhrase: action.deadline.phrase,
    originalDueDate: action.originalDeadline.date ?? '',
    originalDuePhrase: action.originalDeadline.phrase,
    status: action.status,
    cancelReason: action.cancelReason ?? '',
    lastComment: action.lastComment ?? '',
    deadlineChanges: action.deadlineChanges,
    version: action.version,
    createdAt: action.createdAt,
    updatedAt: action.updatedAt,
  };
  checkEntityLimits(entity, formatRef(action.ref));
  return entity;
}

/** The columns {@link toAction} reads: every one {@link toEntity} writes but the keys and the row's kind. */
const ACTION_COLUMNS = [
  'ref',
  'auditId',
  'recommendationId',
  'text',
  'committee',
  'ownerEmail',
  'dueDate',
  'duePhrase',
  'originalDueDate',
  'originalDuePhrase',
  'status',
  'cancelReason',
  'lastComment',
  'deadlineChanges',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof ActionEntity>;

/** The columns {@link toSummary} reads. */
const SUMMARY_COLUMNS = [
  'ref',
  'text',
  'committee',
  'ownerEmail',
  'dueDate',
  'duePhrase',
  'status',
] as const satisfies ReadonlyArray<keyof ActionEntity>;

function toSummary(entity: Pick<ActionEntity, (typeof SUMMARY_COLUMNS)[number]>): ActionSummary {
  return {
    ref: entity.ref,
    text: entity.text,
    committee: entity.committee,
    ownerEmail: entity.ownerEmail || null,
    deadline: { date: entity.dueDate || null, phrase: entity.duePhrase },
    status: toStatus(entity.status),
  };
}

function toAction(entity: ActionEntity): Action {
  return {
    ref: entity.ref,
    auditId: entity.auditId,
    recommendationId: entity.recommendationId,
    text: entity.text,
    committee: entity.committee,
    ownerEmail: entity.ownerEmail || null,
    deadline: { date: entity.dueDate || null, phrase: entity.duePhrase },
    originalDeadline: { date: entity.originalDueDate || null, phrase: entity.originalDuePhrase },
    status: toStatus(entity.status),
    cancelReason: entity.cancelReason || null,
    lastComment: entity.lastComment || null,
    deadlineChanges: entity.deadlineChanges,
    version: entity.version,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

function toHistoryEntity(partitionKey: string, event: HistoryEvent): HistoryEntity {
  const entity: HistoryEntity = {
    partitionKey,
    rowKey: historyKey(event.ref, event.seq),
    ref: event.ref,
    seq: event.seq,
    kind: event.kind,
    at: event.at,
    by: event.by,
    from: event.from ?? '',
    to: event.to ?? '',
    phrase: event.phrase ?? '',
    comment: event.comment ?? '',
    ...(event.evidence ? { evidence: JSON.stringify(event.evidence) } : {}),
    ...(typeof event.removes === 'number' ? { removes: event.removes } : {}),
  };
  checkEntityLimits(entity, `Historik för ${formatRef(event.ref)}`);
  return entity;
}

function toHistoryKind(value: unknown): HistoryKind {
  // Checked at run time too: a caller without types must not put just anything into the filter.
  const kind = HISTORY_KINDS.find((k) => k === value);
  if (!kind) throw new StorageError(`Okänd händelsetyp: ${String(value)}`, { code: 'Unknown' });
  return kind;
}

function toHistoryEvent(entity: HistoryEntity): HistoryEvent {
  const kind = HISTORY_KINDS.find((k) => k === entity.kind);
  if (!kind) throw new StorageError(`Okänd händelsetyp i historiken: ${entity.kind}`);
  const event: HistoryEvent = {
    ref: entity.ref,
    seq: entity.seq,
    kind,
    at: entity.at,
    by: entity.by,
    from: entity.from || null,
    to: entity.to || null,
    phrase: entity.phrase || null,
    comment: entity.comment || null,
  };
  if (entity.evidence) event.evidence = toEvidence(entity.evidence);
  if (typeof entity.removes === 'number') event.removes = entity.removes;
  return event;
}

function toEvidence(json: string): Evidence {
  const value: unknown = JSON.parse(json);
  const item = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const text = (name: string): string | null =>
    typeof item[name] === 'string' ? (item[name] as string) : null;
  const description = text('description');
  const url = text('url');
  if (item.kind === 'link' && url !== null) return { kind: 'link', url, description };
  const [name, contentUrl, uniqueId] = [text('name'), text('contentUrl'), text('uniqueId')];
  if (item.kind === 'file' && name !== null && contentUrl !== null && uniqueId !== null) {
    return { kind: 'file', name, contentUrl, uniqueId, description };
  }
  throw new StorageError('Skadad rad i historiken: underlaget kan inte läsas.');
}

function toStatus(value: string): Status {
  const status = STATUSES.find((s) => s === value);
  if (!status) throw new StorageError(`Okänd status i lagringen: ${value}`);
  return status;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
