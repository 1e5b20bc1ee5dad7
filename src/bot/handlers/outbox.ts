/**
 * `utkorg` / `outbox`: the proactive messages whose delivery is uncertain (state `check`), on an admin card with
 * Levererat and Skicka igen per message, settled through the same code as `cli outbox settle`. Only admins see it
 * or press it; the id in the card's data is only a key to look the message up again, and the move is conditional on
 * the ETag it was read with, so a message someone else settled first is answered as such and changes nothing.
 */
import { formatInstant } from '../../domain/dates';
import { z } from 'zod';
import { maySettleOutbox } from '../../domain/access';
import { INTERRUPTED_SEND_CODE, outboxMessageId, outboxSubjectText, type OutboxMessage } from '../../storage';
import { outboxCard, type OutboxRowView } from '../../teams/cards';
import type { AdaptiveCard } from '../../teams/cards/render';
import { texts } from '../../texts';
import type { OutboxSettlement } from '../deps';
import type { Reply, Turn } from '../turn';
import { parseCardData, type CardAnswer } from './cardActions';

/** Characters of a message id the card shows, as `cli outbox list` shows them. */
const SHOWN_ID_LENGTH = 8;

/** Answers `utkorg`: the outbox card, or a refusal for anyone but an admin. */
export async function outboxReply(turn: Turn): Promise<Reply> {
  if (!maySettleOutbox(turn.caller)) return { text: turn.say.onlyAdmin() };
  return { cards: [await outboxCardFor(turn, null)] };
}

/*
 * Card data is user input: checked against a strict schema before use. The id is looked up again in the tenant's
 * outbox (the caller's tenant, from the activity); who is asking comes from the activity, never from here.
 */
const settleData = z.object({
  id: z.string().regex(/^[0-9a-f]{6,64}$/u),
  decision: z.enum(['delivered', 'resend']),
});

/** Levererat / Skicka igen on the outbox card: the card is updated in place, with a line saying what happened. */
export async function onSettleOutbox(turn: Turn, data: unknown): Promise<CardAnswer> {
  const { caller, deps, say } = turn;
  if (!maySettleOutbox(caller)) return say.onlyAdmin();
  const input = parseCardData(settleData, data);
  const settlement = await deps.outbox.settle(caller.tenantId, input.id, input.decision, {
    now: deps.now(),
    by: caller.email ?? caller.aadObjectId,
  });
  deps.log.info(
    { outbox: input.id.slice(0, SHOWN_ID_LENGTH), decision: input.decision, outcome: settlement.kind },
    'Utkorgen avgjord',
  );
  return outboxCardFor(turn, settlementNote(turn, settlement, input.decision));
}

function settlementNote(turn: Turn, settlement: OutboxSettlement, decision: 'delivered' | 'resend'): string {
  const words = texts(turn.caller.locale).outbox;
  if (settlement.kind === 'settled') {
    const what = describeWhat(turn, settlement.message);
    return decision === 'delivered' ? words.settledDelivered(what) : words.settledResend(what);
  }
  const { current, problem } = settlement;
  if (current === null) return words.gone();
  const what = describeWhat(turn, current);
  if (problem === 'digestResend') return words.digestResend(what);
  const state =
    current.state === 'sent'
      ? 'delivered'
      : current.state === 'pending' || current.state === 'sending'
        ? 'resend'
        : 'other';
  return current.state === 'check' ? words.gone() : words.alreadySettled(what, state);
}

async function outboxCardFor(turn: Turn, note: string | null): Promise<AdaptiveCard> {
  const { caller, deps } = turn;
  const messages = await deps.outbox.listToCheck(caller.tenantId, deps.now());
  return outboxCard({ rows: messages.map((message) => rowView(turn, message)), note }, caller.locale);
}

function rowView(turn: Turn, message: OutboxMessage): OutboxRowView {
  const { caller, deps } = turn;
  const words = texts(caller.locale).outbox;
  const id = outboxMessageId(message.key);
  const why = words.uncertainBecause({
    code: message.code,
    interrupted: message.code === INTERRUPTED_SEND_CODE,
    reason: message.reason,
  });
  return {
    id,
    what: describeWhat(turn, message),
    detail: words.detail({
      id: id.slice(0, SHOWN_ID_LENGTH),
      when: formatInstant(message.updatedAt, deps.timeZone),
      why,
    }),
    // The digest job posts only its latest slot, so a digest made owed again would wait for ever.
    canResend: message.kind !== 'digest',
  };
}

/** The kind, what it is about (the action's reference where there is one) and the recipient. */
function describeWhat(turn: Turn, message: OutboxMessage): string {
  const kind = texts(turn.caller.locale).outbox.kinds[message.kind];
  return `${kind} ${outboxSubjectText(message)} → ${message.recipient}`;
}
