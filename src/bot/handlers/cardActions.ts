import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../../domain/actions';
import { DomainError } from '../../domain/errors';
import { formatRef, parseRef } from '../../domain/refs';
import type { AdaptiveCard } from '../../teams/cards/render';
import type { Reply, Turn } from '../turn';
import { changeAction, outcomeAnswer } from './changeAction';
import { historyCardFor, showAction } from './show';
import { findVisibleAction } from './visibleAction';

/*
 * Card data is user input: anyone can post an invoke with any `data`. Each verb's data is checked against a
 * strict schema (types and lengths) before use; the reference is parsed like typed text; who is asking comes from
 * the activity, never from here.
 */
const ref = z.string().max(20);
const version = z.number().int().min(1).max(1_000_000);
const comment = z.string().max(MAX_COMMENT_LENGTH).optional();

const setStatusData = z.object({ ref, version, status: z.enum(['Genomförd', 'Pågår']), comment });
const setDateData = z.object({ ref, version, newDate: z.string().max(20), reason: comment });
const refData = z.object({ ref });

/** The outcome of a card press: the card that replaces the pressed one, or a short text (the card stays). */
export type CardAnswer = AdaptiveCard | string;

/** Genomförd / Pågår on an action card or a confirmation card. */
export async function onSetStatus(turn: Turn, data: unknown): Promise<CardAnswer> {
  const input = parseCardData(setStatusData, data);
  const outcome = await changeAction(
    turn,
    parseRef(input.ref),
    { kind: 'status', to: input.status, comment: input.comment?.trim() || null },
    input.version,
  );
  return outcomeAnswer(turn, outcome, { comment: input.comment });
}

/** Nytt datum on an action card. */
export async function onSetDate(turn: Turn, data: unknown): Promise<CardAnswer> {
  const input = parseCardData(setDateData, data);
  // The card's own words for it (not a rule of the domain): the date field was left empty.
  if (!input.newDate) return turn.say.invalid('missingDate', '', formatRef(parseRef(input.ref)));
  const outcome = await changeAction(
    turn,
    parseRef(input.ref),
    { kind: 'deadline', date: input.newDate, reason: input.reason?.trim() || null },
    input.version,
  );
  return outcomeAnswer(turn, outcome, { newDate: input.newDate, reason: input.reason });
}

/** Visa on a list card: the action card comes as a new message; the list stays as it was. */
export async function onShowAction(turn: Turn, data: unknown): Promise<CardAnswer> {
  const reply: Reply = await showAction(turn, parseRef(parseCardData(refData, data).ref), {
    withHistory: false,
  });
  const first = reply.cards?.[0];
  if (!first) return reply.text ?? '';
  await turn.send({ cards: [first] });
  return turn.say.shown(formatRef(parseRef(parseCardData(refData, data).ref)));
}

/**
 * Historik on an action card: the history comes as a new message; the action card stays. A reference the caller may
 * not see is answered like one that does not exist.
 */
export async function onShowHistory(turn: Turn, data: unknown): Promise<CardAnswer> {
  const ref = parseRef(parseCardData(refData, data).ref);
  const stored = await findVisibleAction(turn, ref);
  if (stored === null) return turn.say.notFound(formatRef(ref));
  const { action } = stored;
  await turn.send({ cards: [await historyCardFor(turn, action)] });
  return turn.say.shown(formatRef(action.ref));
}

/** Nej on a confirmation card: nothing changes. */
export function onRejectMatch(turn: Turn): CardAnswer {
  return turn.say.nothingChanged();
}

/**
 * Card data checked against its verb's schema.
 * @throws DomainError `badCardData` naming the first field that does not fit.
 */
export function parseCardData<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DomainError({ kind: 'badCardData', field: issue?.path.join('.') || 'data' });
  }
  return result.data;
}
