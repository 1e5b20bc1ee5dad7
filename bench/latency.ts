/*
 * Latency of four kinds of turn, for the real bot and for its floor (floorBot.ts), measured in the same run against
 * the same Azurite: `mina åtgärder` by an owner, `A-n klar` by the owner of A-n, `försenade` by the chair over the
 * whole tenant, and a card button (Action.Execute `setStatus`: Pågår, or Genomförd on an action in progress) by the
 * owner.
 *
 * Turns are posted one at a time over HTTP, bot and floor alternating (which goes first alternates too), so both
 * see the same machine; each is timed with performance.now() around the POST, which botbuilder answers only after
 * the turn has run and its replies have reached the connector. The first turns of each kind warm both up and are not
 * counted, and every caller has said `hjälp` to the bot before, so no timed turn is anyone's first. Every answer is
 * checked (a turn that failed or answered something else stops the benchmark), and the Table requests each turn
 * sent are counted by kind.
 */
import { performance } from 'node:perf_hooks';
import { CARD_VERBS } from '../src/teams/cards/cards';
import type { Action } from '../src/domain/types';
import { invokeActionExecute, messageActivity, type IncomingActivity } from '../test/helpers/activities';
import type { BenchBot } from './bots';
import { TENANT } from './dataset';
import { quantile } from './format';
import { CHAIR, type Assignment, type Cast, type Person } from './people';

/** Which of the two bots. */
export type Side = 'bot' | 'floor';

/** Figures of one side for one command. */
export interface SideFigures {
  p50: number;
  p95: number;
  mean: number;
  /** Table requests per turn, on average. */
  requests: number;
  /** Table requests per turn by kind and table, on average (e.g. `get users: 1`). */
  requestsByKind: Record<string, number>;
}

/** Figures of one command. */
export interface CommandFigures {
  command: string;
  /** Timed turns of each side. */
  turns: number;
  bot: SideFigures;
  floor: SideFigures;
}

/** Options of {@link measureLatency}. */
export interface LatencyOptions {
  /** Timed turns per command and side. Default: 200. */
  turns?: number;
  /** Untimed turns per command and side first. Default: 10. */
  warmup?: number;
  /** Stop a command's timed turns after this long (both sides), once at least `minTurns` are done. Default: 45 s. */
  budgetMs?: number;
  /** Default: 40. */
  minTurns?: number;
  log?: (line: string) => void;
}

/** What one turn answered: its HTTP body and the activities it delivered. */
interface Answer {
  body: unknown;
  replies: unknown[];
}

/** One kind of turn: what to post as turn `i` of a side, and how a right answer looks. */
interface Command {
  name: string;
  activity(side: Side, i: number, serviceUrl: string): IncomingActivity;
  /** Throws when the answer is not what this turn should answer. */
  check(side: Side, i: number, answer: Answer): void;
}

interface TurnSample {
  ms: number;
  requests: Record<string, number>;
}

/** How many lists of actions {@link measureLatency} needs from {@link castPeople}, and their length. */
export function actionsNeeded(options: LatencyOptions = {}): { lists: number; perList: number } {
  return { lists: 4, perList: (options.turns ?? 200) + (options.warmup ?? 10) };
}

/** Runs the four commands on both bots, one command after another, and returns their figures. */
export async function measureLatency(
  bots: Record<Side, BenchBot>,
  cast: Cast,
  options: LatencyOptions = {},
): Promise<CommandFigures[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Everyone has talked to the bot before, as castPeople stored them: their turn state exists, so no timed turn
  // writes it for the first time.
  for (const person of [CHAIR, ...cast.owners]) {
    const { harness } = bots.bot;
    const greeting = messageActivity({
      text: 'hjälp',
      from: person.account,
      tenantId: TENANT,
      serviceUrl: harness.connector.url,
    });
    const result = await harness.post(greeting);
    if (result.status !== 200) throw new Error(`hjälp fick HTTP ${result.status}`);
  }
  const figures: CommandFigures[] = [];
  for (const command of commands(cast)) {
    const result = await measureCommand(bots, command, options);
    log(
      `  ${command.name}: ${result.turns} turer, p95 ${result.bot.p95.toFixed(1)} ms mot golvet ` +
        `${result.floor.p95.toFixed(1)} ms, ${result.bot.requests.toFixed(1)} mot ${result.floor.requests.toFixed(1)} anrop`,
    );
    figures.push(result);
  }
  return figures;
}

async function measureCommand(
  bots: Record<Side, BenchBot>,
  command: Command,
  options: LatencyOptions,
): Promise<CommandFigures> {
  const turns = options.turns ?? 200;
  const warmup = options.warmup ?? 10;
  const budgetMs = options.budgetMs ?? 45_000;
  const minTurns = options.minTurns ?? 40;
  const samples: Record<Side, TurnSample[]> = { bot: [], floor: [] };
  const started = performance.now();
  for (let i = 0; i < warmup + turns; i++) {
    if (i >= warmup + minTurns && performance.now() - started > budgetMs) break;
    const order: Side[] = i % 2 === 0 ? ['bot', 'floor'] : ['floor', 'bot'];
    for (const side of order) {
      const sample = await runTurn(bots[side], command, side, i);
      if (i >= warmup) samples[side].push(sample);
    }
  }
  for (const { harness } of Object.values(bots)) harness.connector.clear();
  return {
    command: command.name,
    turns: samples.bot.length,
    bot: summarize(samples.bot),
    floor: summarize(samples.floor),
  };
}

async function runTurn(bot: BenchBot, command: Command, side: Side, i: number): Promise<TurnSample> {
  const { harness, counter } = bot;
  const activity = command.activity(side, i, harness.connector.url);
  const mark = harness.connector.lastSeq;
  counter.reset();
  const start = performance.now();
  const result = await harness.post(activity);
  const ms = performance.now() - start;
  const requests = counter.byKind;
  if (result.status !== 200) {
    throw new Error(
      `${command.name} (${side}, tur ${i}) fick HTTP ${result.status}: ${JSON.stringify(result.body)}`,
    );
  }
  const replies = harness.connector.sent.filter((recorded) => recorded.seq > mark).map((r) => r.activity);
  command.check(side, i, { body: result.body, replies });
  return { ms, requests };
}

function summarize(samples: readonly TurnSample[]): SideFigures {
  const times = samples.map((s) => s.ms);
  const byKind: Record<string, number> = {};
  for (const sample of samples) {
    for (const [kind, count] of Object.entries(sample.requests)) byKind[kind] = (byKind[kind] ?? 0) + count;
  }
  for (const kind of Object.keys(byKind)) byKind[kind] = (byKind[kind] ?? 0) / samples.length;
  return {
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    mean: times.reduce((sum, t) => sum + t, 0) / times.length,
    requests: Object.values(byKind).reduce((sum, n) => sum + n, 0),
    requestsByKind: byKind,
  };
}

/** The four commands over the cast: owners take turns for `mina åtgärder`; each change has its own action. */
function commands(cast: Cast): Command[] {
  const [klarBot, klarFloor, cardBot, cardFloor] = cast.assignments;
  if (!klarBot || !klarFloor || !cardBot || !cardFloor) throw new Error('För få listor med åtgärder.');
  const take = (lists: Record<Side, readonly Assignment[]>, side: Side, i: number): Assignment => {
    const assignment = lists[side][i];
    if (!assignment) throw new Error(`Inga fler åtgärder (${side}, tur ${i}).`);
    return assignment;
  };
  const message = (from: Person, text: string, serviceUrl: string) =>
    messageActivity({ text, from: from.account, tenantId: TENANT, serviceUrl });
  const klar = { bot: klarBot, floor: klarFloor };
  const card = { bot: cardBot, floor: cardFloor };
  return [
    {
      name: 'mina åtgärder',
      activity: (_side, i, serviceUrl) =>
        message(cast.owners[i % cast.owners.length] ?? CHAIR, 'mina åtgärder', serviceUrl),
      check: (side, i, answer) =>
        expect(
          side === 'bot' ? hasCard(answer, 'Mina öppna åtgärder') : hasText(answer, /^A-\d+ /),
          side,
          i,
          answer,
        ),
    },
    {
      name: 'A-n klar',
      activity: (side, i, serviceUrl) => {
        const { owner, action } = take(klar, side, i);
        return message(owner, `A-${action.ref} klar`, serviceUrl);
      },
      check: (side, i, answer) => {
        const ref = take(klar, side, i).action.ref;
        const saved =
          side === 'bot' ? hasCard(answer, `Sparat: A-${ref} har`) : hasText(answer, `A-${ref}: Genomförd`);
        expect(saved, side, i, answer);
      },
    },
    {
      name: 'försenade (ordförande)',
      activity: (_side, _i, serviceUrl) => message(CHAIR, 'försenade', serviceUrl),
      check: (side, i, answer) =>
        expect(
          side === 'bot' ? hasCard(answer, 'Försenade åtgärder (') : hasText(answer, /^\d{3,}\n/),
          side,
          i,
          answer,
        ),
    },
    {
      name: 'kortknapp (setStatus)',
      activity: (side, i, serviceUrl) => {
        const { owner, action } = take(card, side, i);
        return invokeActionExecute({
          verb: CARD_VERBS.setStatus,
          data: { ref: `A-${action.ref}`, version: action.version, status: pressed(action) },
          from: owner.account,
          tenantId: TENANT,
          serviceUrl,
        });
      },
      check: (side, i, answer) => {
        const { action } = take(card, side, i);
        const body = JSON.stringify(answer.body);
        const saved = side === 'bot' ? `Sparat: A-${action.ref} har` : `A-${action.ref}: ${pressed(action)}`;
        expect(body.includes(saved), side, i, answer);
      },
    },
  ];

  function expect(ok: boolean, side: Side, i: number, answer: Answer): void {
    if (!ok) {
      const shown = JSON.stringify(answer).slice(0, 600);
      throw new Error(`Fel svar på tur ${i} (${side}); boten eller golvet gör inte det som mäts: ${shown}`);
    }
  }
}

/** The button an owner presses on an open action's card: the status it does not have yet. */
function pressed(action: Action): 'Pågår' | 'Genomförd' {
  return action.status === 'Pågår' ? 'Genomförd' : 'Pågår';
}

/** The turn sent a card whose JSON holds `text`. */
function hasCard(answer: Answer, text: string): boolean {
  return answer.replies.some(
    (reply) => JSON.stringify(reply).includes(text) && JSON.stringify(reply).includes('AdaptiveCard'),
  );
}

/** The turn sent a message whose text matches. */
function hasText(answer: Answer, pattern: string | RegExp): boolean {
  return answer.replies.some((reply) => {
    const text = (reply as { text?: unknown }).text;
    return (
      typeof text === 'string' && (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text))
    );
  });
}
