/*
 * The benchmarks' data set: one tenant with 400 audits, 20,000 actions over 40 committees and 2,000 owners, made and
 * changed by the domain's own functions (statuses and moved deadlines included, so the history has what a real
 * tenant's has), plus 25 owners whose personal chat refused messages (the board report lists them).
 *
 * Each action's rows are the ones ActionRepository stores (actionRowsOf), written through Azurite's HTTP API in
 * batched transactions of 100, in an Azurite preloaded with azuriteKeyLookup.ts: Azurite as shipped looks every
 * insert up by scanning the whole partition, which made the data set take 21 minutes; with the lookup reordered it
 * takes some 20-30 seconds, and Azurite still stores every row itself. Samples are then read back through the
 * repositories. The finished data directory is kept in the temp directory and reused; each run works on a copy of
 * it, so what one benchmark writes never reaches the next.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { TableEntity, TransactionAction } from '@azure/data-tables';
import {
  changeDeadline,
  changeStatus,
  createAction,
  isClosed,
  type ActionChange,
} from '../src/domain/actions';
import type { Action, Audit, HistoryEvent } from '../src/domain/types';
import { actionRowsOf } from '../src/storage/actionRepository';
import {
  ActionRepository,
  AuditRepository,
  ConversationRepository,
  openTables,
  startAzurite,
  UserRepository,
  type RunningAzurite,
  type Tables,
} from '../src/storage';

/** The tenant every benchmark reads and writes: a tenant id as Entra writes them (the configuration accepts no other). */
export const TENANT = 'be4c0000-0000-4000-8000-00000000be4c';
/** The day the benchmarks take as today: the board report's date and the bot's clock. */
export const AS_OF = '2026-03-31';
export const COMMITTEE_COUNT = 40;
export const OWNER_COUNT = 2_000;
export const DEFAULT_ACTION_COUNT = 20_000;

const RECOMMENDATIONS_PER_AUDIT = 5;
const ACTIONS_PER_AUDIT = 50;
const UNREACHABLE = 25;
/** Raise when the generated data changes, so that an old cached copy is not reused. */
const LAYOUT_VERSION = 'v2';
/** Every this many actions one is kept aside and read back through the repositories after writing. */
const SAMPLE_EVERY = 997;

const BASE_COMMITTEES = [
  'Kommunstyrelsen',
  'Socialnämnden',
  'Grundskolenämnden',
  'Förskolenämnden',
  'Gymnasie- och vuxenutbildningsnämnden',
  'Kulturnämnden',
  'Fritidsnämnden',
  'Miljö- och hälsoskyddsnämnden',
  'Byggnadsnämnden',
  'Tekniska nämnden',
  'Vård- och omsorgsnämnden',
  'Arbetsmarknads- och integrationsnämnden',
  'Stadsbyggnadsnämnden',
  'Valnämnden',
  'Överförmyndarnämnden',
  'Servicenämnden',
  'Idrotts- och föreningsnämnden',
  'Trafiknämnden',
  'Krisledningsnämnden',
  'Funktionsstödsnämnden',
];
const COMMITTEES = Array.from({ length: COMMITTEE_COUNT }, (_, i) =>
  i < BASE_COMMITTEES.length
    ? (BASE_COMMITTEES[i] ?? '')
    : `Stadsdelsnämnd ${i - BASE_COMMITTEES.length + 1}`,
);
const REASONS = [
  'Personalbrist under sommaren',
  'Väntar på nytt verksamhetssystem',
  'Beslut i nämnden sköts upp',
  'Upphandlingen överprövades',
  'Omorganisation av förvaltningen',
];

/** The e-mail of generated owner number `index`. */
export function ownerEmail(index: number): string {
  return `person${index}@kommun.se`;
}

/** Options of {@link prepareDataSet}. */
export interface DataSetOptions {
  /** How many actions. Default: {@link DEFAULT_ACTION_COUNT}. */
  actions?: number;
  /** Generate again even when a finished copy is cached. Default: false. */
  fresh?: boolean;
  /** Progress lines. Default: written to stderr. */
  log?: (line: string) => void;
}

/** A finished data set on disk. */
export interface DataSet {
  /** Azurite's data directory; never changed once finished (runs work on a copy). */
  readonly location: string;
  readonly actions: number;
  /** How long generating it took in this run, or null when a cached copy was used. */
  readonly generatedMs: number | null;
}

/** A running Azurite over a private copy of a data set. */
export interface DataSetCopy {
  readonly azurite: RunningAzurite;
  /** Stops Azurite and deletes the copy. */
  dispose(): Promise<void>;
}

/** Makes sure the data set exists on disk, generating it when there is no finished cached copy. */
export async function prepareDataSet(options: DataSetOptions = {}): Promise<DataSet> {
  const actionCount = options.actions ?? DEFAULT_ACTION_COUNT;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const location = join(tmpdir(), `revisionsuppfoljning-bench-report-${actionCount}-${LAYOUT_VERSION}`);
  const ready = join(location, 'ready');
  if (!options.fresh && existsSync(ready)) {
    log(`Använder data som skapades tidigare i ${location} (--fresh skapar nya).`);
    return { location, actions: actionCount, generatedMs: null };
  }
  await rm(location, { recursive: true, force: true });
  log(`Skapar ${actionCount} åtgärder i ${COMMITTEE_COUNT} nämnder i ${location} ...`);
  const started = performance.now();
  const azurite = await startPreloadedAzurite(location, 'azuriteKeyLookup.ts');
  try {
    const tables = await openTables(azurite.connectionString);
    const samples = await generate(tables, actionCount, log);
    await checkLayout(tables, samples);
  } finally {
    // Azurite saves its database when it stops.
    await azurite.stop();
  }
  // Marked only once the database is saved, so a run cut short generates again next time.
  await writeFile(ready, new Date().toISOString());
  const generatedMs = performance.now() - started;
  log(`Data klar på ${(generatedMs / 1000).toFixed(1)} s.`);
  return { location, actions: actionCount, generatedMs };
}

/**
 * Starts Azurite over a fresh copy of the data set, so that whatever a run writes is thrown away. Azurite answers as
 * it ships; only its autosave is moved out of the measurements (azuriteSaveAtExit.ts).
 */
export async function startDataSetCopy(dataSet: DataSet): Promise<DataSetCopy> {
  const copy = await mkdtemp(join(tmpdir(), 'revisionsuppfoljning-bench-'));
  try {
    await cp(dataSet.location, copy, { recursive: true });
    const azurite = await startPreloadedAzurite(copy, 'azuriteSaveAtExit.ts');
    return {
      azurite,
      async dispose() {
        await azurite.stop();
        await rm(copy, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(copy, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Starts Azurite with `preload` (a file of this folder) loaded first. startAzurite spawns Azurite with this process's
 * environment, so the preload travels in NODE_OPTIONS, set only for the moment of the spawn.
 */
async function startPreloadedAzurite(location: string, preload: string): Promise<RunningAzurite> {
  const before = process.env['NODE_OPTIONS'];
  const requires = [require.resolve('tsx/cjs'), join(__dirname, preload)]
    .map((file) => `--require ${JSON.stringify(file)}`)
    .join(' ');
  process.env['NODE_OPTIONS'] = [before, requires].filter(Boolean).join(' ');
  try {
    return await startAzurite({ location, startTimeoutMs: 60_000 });
  } finally {
    if (before === undefined) delete process.env['NODE_OPTIONS'];
    else process.env['NODE_OPTIONS'] = before;
  }
}

/** An action as generated, kept to compare with what the repositories read back. */
interface Sample {
  action: Action;
  events: HistoryEvent[];
}

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(items: readonly T[], next: () => number): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function isoDate(start: Date, days: number): string {
  return new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

async function generate(tables: Tables, actionCount: number, log: (line: string) => void): Promise<Sample[]> {
  const next = random(20260331);
  const audits = new AuditRepository(tables.audits);
  const auditCount = Math.ceil(actionCount / ACTIONS_PER_AUDIT);
  const started = performance.now();
  const rows: TableEntity[] = [];
  const samples: Sample[] = [];
  let ref = 0;
  for (let a = 0; a < auditCount; a++) {
    const committees = [COMMITTEES[a % COMMITTEE_COUNT] ?? '', pick(COMMITTEES, next)].filter(
      (c, i, all) => all.indexOf(c) === i,
    );
    const audit: Audit = {
      id: `audit-${String(a + 1).padStart(4, '0')}`,
      title: `Granskning ${a + 1} av ${pick(['intern kontroll', 'styrning', 'IT-säkerhet', 'upphandling', 'barnkonventionen'], next)}`,
      auditor: pick(['Stadsrevisionen', 'EY', 'PwC', 'KPMG'], next),
      reportDate: isoDate(new Date('2022-01-01'), Math.floor(next() * 1400)),
      diaryNumber: `KS ${2022 + (a % 4)}-${String(a + 1).padStart(5, '0')}`,
      committees,
      responseDue: committees.map((committee) => ({ committee, due: '2026-06-30' })),
      boardFeedback: [],
      recommendations: Array.from({ length: RECOMMENDATIONS_PER_AUDIT }, (_, r) => ({
        id: `R${r + 1}`,
        text: `Rekommendation ${r + 1}: säkerställ att rutinerna följs och dokumenteras`,
        committees,
      })),
    };
    await audits.createAudit(TENANT, audit);
    const remaining = Math.min(ACTIONS_PER_AUDIT, actionCount - a * ACTIONS_PER_AUDIT);
    for (let i = 0; i < remaining; i++) {
      const date = next() < 0.03 ? null : isoDate(new Date('2024-01-01'), Math.floor(next() * 1100));
      ref += 1;
      // Every action is made and changed by the domain's own functions, so actions and history agree as in use.
      let { action, event } = createAction(
        {
          ref,
          auditId: audit.id,
          recommendationId: `R${(i % RECOMMENDATIONS_PER_AUDIT) + 1}`,
          text: `Åtgärd ${i + 1} i granskning ${a + 1}: ta fram en rutin och följ upp den`,
          committee: pick(committees, next),
          ownerEmail: next() < 0.05 ? null : ownerEmail(Math.floor(next() * OWNER_COUNT)),
          deadline: { date, phrase: date ?? 'på sikt' },
        },
        { by: 'bench', now: new Date('2024-01-01T08:00:00Z') },
      );
      const events = [event];
      const apply = (change: ActionChange): void => {
        ({ action, event } = change);
        events.push(event);
      };
      const when = (day: number) => ({ by: 'bench', now: new Date(Date.UTC(2024, 6, 1) + day * 86_400_000) });
      const moves = next() < 0.12 ? (next() < 0.25 ? 2 : 1) : 0;
      for (let m = 0; m < moves && action.deadline.date !== null; m++) {
        const moved = isoDate(new Date(action.deadline.date), 60 + m * 30);
        apply(changeDeadline(action, { date: moved, reason: REASONS[(ref + m) % REASONS.length] }, when(m)));
      }
      const roll = next();
      if (roll < 0.3) apply(changeStatus(action, { to: 'Pågår' }, when(10)));
      else if (roll < 0.65) apply(changeStatus(action, { to: 'Genomförd' }, when(20)));
      else if (roll < 0.7)
        apply(changeStatus(action, { to: 'Avbruten', comment: 'Ersätts av annan åtgärd' }, when(20)));
      rows.push(...actionRowsOf(TENANT, action, events));
      // A spread of actions, and some with the longest histories.
      if (ref % SAMPLE_EVERY === 1 || (events.length > 3 && samples.length < 30))
        samples.push({ action, events });
    }
  }
  rows.push({ partitionKey: TENANT, rowKey: 'counter|action', next: ref + 1 });
  log(`  ${ref} åtgärder, ${rows.length} rader att skriva`);

  for (let i = 0; i < rows.length; i += 100) {
    await tables.actions.submitTransaction(
      rows.slice(i, i + 100).map((row): TransactionAction => ['create', row]),
    );
    if ((i / 100 + 1) % 200 === 0) {
      log(`  ${i + 100} rader skrivna (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  }

  // Owners whose personal chat refused messages: the report lists them.
  const conversations = new ConversationRepository(tables.conversations);
  const users = new UserRepository(tables.users);
  for (let u = 0; u < UNREACHABLE; u++) {
    const aadObjectId = `00000000-0000-0000-0000-${String(u).padStart(12, '0')}`;
    await users.upsertUser(TENANT, { aadObjectId, email: ownerEmail(u * 7), name: null });
    const conversationId = `a:personal-${u}`;
    await conversations.upsertConversation(
      TENANT,
      {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' },
        user: { id: `29:${u}`, name: '', aadObjectId },
      },
      { now: new Date('2026-01-10T08:00:00Z') },
    );
    await conversations.markInactive(TENANT, conversationId, 'ConversationBlockedByUser', undefined, {
      now: new Date('2026-02-01T08:00:00Z'),
    });
  }
  return samples;
}

/**
 * Reads samples back through the repositories: each must come back as exactly the action and history the domain
 * made, be found by its natural key, and be in the open index exactly when it is open. The rows were made by
 * actionRowsOf, ActionRepository's own layout, so this proves they were stored as written.
 * @throws Error naming the first sample that differs.
 */
async function checkLayout(tables: Tables, samples: readonly Sample[]): Promise<void> {
  const actions = new ActionRepository(tables.actions);
  for (const { action, events } of samples) {
    const ref = `A-${action.ref}`;
    const stored = await actions.getAction(TENANT, action.ref);
    if (!isDeepStrictEqual(stored.action, action))
      throw new Error(`${ref} läses inte tillbaka som den skapades.`);
    if (!isDeepStrictEqual(await actions.listHistory(TENANT, action.ref), events)) {
      throw new Error(`Historiken för ${ref} läses inte tillbaka som den skapades.`);
    }
    if ((await actions.findRef(TENANT, action)) !== action.ref) {
      throw new Error(`${ref} hittas inte på sin nyckel.`);
    }
    const owned = await actions.listOpenActions(TENANT, { ownerEmail: action.ownerEmail ?? '' });
    if (owned.some((a) => a.ref === action.ref) === isClosed(action.status)) {
      throw new Error(`${ref} ligger fel i indexet över öppna åtgärder.`);
    }
  }
}
