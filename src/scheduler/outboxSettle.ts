/**
 * Settling proactive messages whose delivery is uncertain. A row in `check` was sent without an answer that says
 * whether it arrived (a 500 after Teams accepted it, a timeout, a process that died mid-send); the scheduler never
 * resends it by itself, since that risks a duplicate. A person looks in Teams and decides: it arrived (`delivered`:
 * check -> sent, nothing is sent) or it did not (`resend`: check -> pending, and the next reminder pass sends it if
 * it is still owed). The CLI (`outbox list`, `outbox settle`) calls these functions; an admin card in chat can call
 * the same ones. They need storage only.
 */
import {
  ConflictError,
  outboxMessageId,
  type OutboxMessage,
  type OutboxRepository,
  type OutboxState,
} from '../storage';

/** What a person decided about a message in `check`. */
export const SETTLE_DECISIONS = ['delivered', 'resend'] as const;
export type SettleDecision = (typeof SETTLE_DECISIONS)[number];

/** Characters of a message id shown in lists: enough to be unique in any outbox a municipality will have. */
export const SHOWN_ID_LENGTH = 8;

/** Fewest characters of an id accepted when settling, so a slip of the keyboard rarely hits another message. */
export const MIN_ID_LENGTH = 6;

/** How far back `listUncertain` shows dead letters by default. */
export const DEFAULT_DEAD_LETTER_DAYS = 7;

/** Why a message could not be settled. */
export type SettleProblem =
  'invalidId' | 'unknownId' | 'ambiguousId' | 'notInCheck' | 'digestResend' | 'changed';

/** A message could not be settled; `message` says why in one Swedish line, `problem` says it for a program. */
export class OutboxSettleError extends Error {
  override readonly name = 'OutboxSettleError';

  constructor(
    readonly problem: SettleProblem,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}

/** The outbox rows a person should look at. */
export interface UncertainMessages {
  /** Rows in `check`, oldest change first. */
  check: OutboxMessage[];
  /** Rows dead-lettered within the period asked for, oldest change first. */
  deadLetters: OutboxMessage[];
}

/** Options for {@link listUncertain}. */
export interface ListUncertainOptions {
  now: Date;
  /** Dead letters changed within this many days before `now`; 0 lists none. Default: {@link DEFAULT_DEAD_LETTER_DAYS}. */
  deadLetterDays?: number;
}

/** Options for {@link settleOutboxMessage}. */
export interface SettleOptions {
  now: Date;
  /** Who settled it, kept in the row's reason (e.g. `kommandoraden`, or an admin's Entra object id). */
  by: string;
}

/** The id of a message as lists show it: the first {@link SHOWN_ID_LENGTH} characters of {@link outboxMessageId}. */
export function shownMessageId(message: Pick<OutboxMessage, 'key'>): string {
  return outboxMessageId(message.key).slice(0, SHOWN_ID_LENGTH);
}

/** The tenant's messages in `check`, and those dead-lettered recently, each list oldest first. */
export async function listUncertain(
  outbox: OutboxRepository,
  tenantId: string,
  options: ListUncertainOptions,
): Promise<UncertainMessages> {
  const days = options.deadLetterDays ?? DEFAULT_DEAD_LETTER_DAYS;
  const since = new Date(options.now.getTime() - days * 86_400_000);
  const [check, deadLetters] = await Promise.all([
    outbox.listMessages(tenantId, { states: ['check'] }),
    days > 0 ? outbox.listMessages(tenantId, { states: ['deadLetter'], updatedSince: since }) : [],
  ]);
  const byChange = (a: OutboxMessage, b: OutboxMessage) =>
    a.updatedAt.localeCompare(b.updatedAt) || a.key.localeCompare(b.key);
  return { check: check.sort(byChange), deadLetters: deadLetters.sort(byChange) };
}

/**
 * Settles one message in `check`, found by (a prefix of) its id: `delivered` records it sent without sending,
 * `resend` makes it owed again for the next reminder pass. The move is conditional on the ETag it was read with.
 * @returns the message as stored afterwards.
 * @throws OutboxSettleError when the id is malformed, unknown or ambiguous, the message is not in `check`, a digest
 *   is to be resent, or someone else moved it meanwhile; nothing is written then.
 */
export async function settleOutboxMessage(
  outbox: OutboxRepository,
  tenantId: string,
  id: string,
  decision: SettleDecision,
  options: SettleOptions,
): Promise<OutboxMessage> {
  const prefix = id.trim().toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${MIN_ID_LENGTH},64}$`).test(prefix)) {
    throw new OutboxSettleError(
      'invalidId',
      `"${id}" är inget meddelande-id; skriv id:t som "outbox list" visar (minst ${MIN_ID_LENGTH} tecken 0–9, a–f).`,
    );
  }
  const found = await outbox.listMessages(tenantId, { idPrefix: prefix });
  const [message, ...others] = found;
  if (!message) {
    throw new OutboxSettleError('unknownId', `Inget meddelande i utkorgen har id ${prefix}.`);
  }
  if (others.length > 0) {
    throw new OutboxSettleError(
      'ambiguousId',
      `Id ${prefix} passar ${found.length} meddelanden; skriv fler tecken av id:t.`,
    );
  }
  if (message.state !== 'check') {
    throw new OutboxSettleError(
      'notInCheck',
      `Meddelandet ${prefix} ska inte kontrolleras: det ${STATE_WORDS[message.state]}.`,
    );
  }
  if (decision === 'resend' && message.kind === 'digest') {
    // The digest job only ever posts its latest slot, so a digest made owed again would wait for ever.
    throw new OutboxSettleError(
      'digestResend',
      `Meddelandet ${prefix} är en veckosammanfattning, som inte skickas om härifrån; posta en ny med ` +
        '"npm run cli -- digest" och markera den här som levererad.',
    );
  }
  const to: OutboxState = decision === 'delivered' ? 'sent' : 'pending';
  const reason =
    decision === 'delivered'
      ? `Bekräftat levererat av ${options.by} efter kontroll.`
      : `Skickas igen på begäran av ${options.by} efter kontroll.`;
  try {
    return await outbox.moveMessage(tenantId, message, to, { now: options.now, reason, code: message.code });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    throw new OutboxSettleError(
      'changed',
      `Meddelandet ${prefix} ändrades av någon annan just nu; lista utkorgen igen.`,
      { cause: error },
    );
  }
}

/** Where a message stands, as the end of "det …". */
const STATE_WORDS: Readonly<Record<OutboxState, string>> = {
  pending: 'väntar på att skickas',
  sending: 'skickas just nu',
  sent: 'är redan levererat',
  deadLetter: 'kunde inte levereras',
  check: 'ska kontrolleras',
  cancelled: 'är inte längre aktuellt',
};
