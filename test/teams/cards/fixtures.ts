/** Views with typical values and helpers that read a rendered card, shared by the card specs. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type {
  ActionCardView,
  AdaptiveCard,
  ConfirmCardView,
  DraftCardView,
  HistoryCardView,
  ImportedCardView,
  ListCardView,
  ListItemView,
  SummaryCardView,
} from '../../../src/teams/cards';

export const CARDS_DIR = path.join(__dirname, '..', '..', '..', 'cards');

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in a card, depth first: elements, actions, facts, nested show-cards. */
export function nodes(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (!isObject(value)) return [];
  return [value, ...Object.values(value).flatMap(nodes)];
}

export function ofType(card: unknown, type: string): Json[] {
  return nodes(card).filter((node) => node.type === type);
}

/** All text a user sees: TextBlock text, fact titles and values, input placeholders and labels, action titles. */
export function visibleText(card: AdaptiveCard): string {
  const parts: string[] = [];
  for (const node of nodes(card)) {
    for (const key of ['text', 'title', 'value', 'placeholder', 'label']) {
      const value = node[key];
      if (typeof value === 'string') parts.push(value);
    }
  }
  return parts.join('\n');
}

export function executes(card: AdaptiveCard, verb: string): Json[] {
  return ofType(card, 'Action.Execute').filter((action) => action.verb === verb);
}

export function readJson(file: string): object {
  const value: unknown = JSON.parse(readFileSync(path.join(CARDS_DIR, file), 'utf8'));
  assert.ok(isObject(value), `${file} holds a JSON object`);
  return value;
}

/** The kinds of a value, recursively: what a template can rely on, independent of the words. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? ['(empty)'] : [shapeOf(value[0])];
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shapeOf(value[key])]),
    );
  }
  return value === null ? 'null' : typeof value;
}

export const TEMPLATES = readdirSync(CARDS_DIR)
  .filter((file) => file.endsWith('.json') && !file.endsWith('.data.json'))
  .sort();

export const actionView: ActionCardView = {
  ref: 'A-17',
  version: 4,
  auditTitle: 'Granskning av barnkonventionen',
  recommendation: 'Säkerställ att barnkonsekvensanalyser genomförs och dokumenteras',
  text: 'Rutin för egenkontroll tas fram',
  committee: 'Sociala omsorgsnämnden',
  owner: 'Anna Andersson',
  dueDate: '2022-03-31',
  duePhrase: 'senast i mars 2022',
  originalDueDate: '2021-11-30',
  originalDuePhrase: 'under hösten 2021',
  deadlineChanges: 2,
  status: 'Försenad',
  daysOverdue: 12,
  lastComment: 'Rutinen är skickad till ledningsgruppen.',
  canEdit: true,
  note: null,
};

export const listItem: ListItemView = {
  ref: 'A-17',
  text: 'Rutin för egenkontroll tas fram',
  status: 'Försenad',
  dueDate: '2021-11-30',
  duePhrase: 'under hösten 2021',
  daysOverdue: 12,
  owner: 'Anna Andersson',
};

export const listView: ListCardView = {
  title: 'Försenade åtgärder',
  groups: [
    { heading: 'Sociala omsorgsnämnden', items: [listItem] },
    { heading: 'Grundskolenämnden', items: [{ ...listItem, ref: 'A-34', owner: null, daysOverdue: 1 }] },
  ],
  empty: 'Inga åtgärder är försenade.',
};

export const summaryView: SummaryCardView = {
  asOf: '2026-03-02',
  rows: [
    {
      committee: 'Sociala omsorgsnämnden',
      planned: 3,
      inProgress: 4,
      done: 9,
      overdue: 2,
      cancelled: 0,
      total: 20,
      shareDone: 0.45,
    },
  ],
  totals: {
    committee: '',
    planned: 3,
    inProgress: 4,
    done: 9,
    overdue: 2,
    cancelled: 0,
    total: 20,
    shareDone: 0.45,
  },
};

export const historyView: HistoryCardView = {
  ref: 'A-17',
  text: 'Rutin för egenkontroll tas fram',
  originalDue: '2021-11-30 (under hösten 2021)',
  currentDue: '2022-03-31',
  events: [
    { at: '2021-06-14 09:02', who: 'Import', what: 'Skapad', comment: null },
    {
      at: '2021-11-25 10:15',
      who: 'Anna Andersson',
      what: 'Slutdatum: 2021-11-30 → 2022-03-31',
      comment: 'Väntar på riktlinjer.',
    },
  ],
};

export const confirmView: ConfirmCardView = {
  ref: 'A-17',
  version: 4,
  text: 'Rutin för egenkontroll tas fram',
  status: 'Genomförd',
  comment: 'Protokollet är skickat.',
  question: 'Menar du att A-17 är genomförd?',
};

export const draftView: DraftCardView = {
  fileName: 'svar-barnkonventionen.docx',
  audit: {
    title: 'Granskning av barnkonventionen',
    diaryNumber: 'KS 2021/123',
    auditor: 'Revisionskontoret',
    reportDate: '2021-06-15',
    committees: ['Sociala omsorgsnämnden'],
  },
  recommendationCount: 1,
  actions: [
    {
      text: 'Rutin för egenkontroll tas fram',
      committee: 'Sociala omsorgsnämnden',
      owner: null,
      phrase: 'under hösten 2021',
      due: '2021-11-30',
      confidence: 0.8,
      level: 'medium',
    },
  ],
  warnings: ['Ingen ansvarig är namngiven för åtgärd 1.'],
  document: { audits: [] },
};

export const importedView: ImportedCardView = {
  title: 'Granskning av barnkonventionen',
  created: [{ ref: 'A-17', text: 'Rutin för egenkontroll tas fram' }],
  existing: 0,
};
