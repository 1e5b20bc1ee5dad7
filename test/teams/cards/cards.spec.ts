import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  actionCard,
  actionCardData,
  type ActionCardView,
  CARD_VERBS,
  confirmCard,
  confirmCardData,
  type ConfirmCardView,
  draftCardData,
  type DraftCardView,
  importedCardData,
  type ImportedCardView,
  historyCard,
  historyCardData,
  type HistoryCardView,
  listCard,
  listCardData,
  type ListCardView,
  type ListItemView,
  MAX_LIST_ITEMS,
  summaryCard,
  summaryCardData,
  type SummaryCardView,
  welcomeCard,
  welcomeCardData,
} from '../../../src/teams/cards/cards';
import { type AdaptiveCard, cardSize, renderCard } from '../../../src/teams/cards/render';
import { escapeMarkdown } from '../../../src/teams/markdown';
import { MAX_CARD_BYTES } from '../../../src/teams/limits';

const CARDS_DIR = path.join(__dirname, '..', '..', '..', 'cards');

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in a card, depth first: elements, actions, facts, nested show-cards. */
function nodes(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (!isObject(value)) return [];
  return [value, ...Object.values(value).flatMap(nodes)];
}

function ofType(card: unknown, type: string): Json[] {
  return nodes(card).filter((node) => node.type === type);
}

/** All text a user sees: TextBlock text, fact titles and values, input placeholders and labels, action titles. */
function visibleText(card: AdaptiveCard): string {
  const parts: string[] = [];
  for (const node of nodes(card)) {
    for (const key of ['text', 'title', 'value', 'placeholder', 'label']) {
      const value = node[key];
      if (typeof value === 'string') parts.push(value);
    }
  }
  return parts.join('\n');
}

function executes(card: AdaptiveCard, verb: string): Json[] {
  return ofType(card, 'Action.Execute').filter((action) => action.verb === verb);
}

function readJson(file: string): object {
  const value: unknown = JSON.parse(readFileSync(path.join(CARDS_DIR, file), 'utf8'));
  assert.ok(isObject(value), `${file} holds a JSON object`);
  return value;
}

/** The kinds of a value, recursively: what a template can rely on, independent of the words. */
function shapeOf(value: unknown): unknown {
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

const TEMPLATES = readdirSync(CARDS_DIR)
  .filter((file) => file.endsWith('.json') && !file.endsWith('.data.json'))
  .sort();

const actionView: ActionCardView = {
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

const listItem: ListItemView = {
  ref: 'A-17',
  text: 'Rutin för egenkontroll tas fram',
  status: 'Försenad',
  dueDate: '2021-11-30',
  duePhrase: 'under hösten 2021',
  daysOverdue: 12,
  owner: 'Anna Andersson',
};

const listView: ListCardView = {
  title: 'Försenade åtgärder',
  groups: [
    { heading: 'Sociala omsorgsnämnden', items: [listItem] },
    { heading: 'Grundskolenämnden', items: [{ ...listItem, ref: 'A-34', owner: null, daysOverdue: 1 }] },
  ],
  empty: 'Inga åtgärder är försenade.',
};

const summaryView: SummaryCardView = {
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

const historyView: HistoryCardView = {
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

const confirmView: ConfirmCardView = {
  ref: 'A-17',
  version: 4,
  text: 'Rutin för egenkontroll tas fram',
  status: 'Genomförd',
  comment: 'Protokollet är skickat.',
  question: 'Menar du att A-17 är genomförd?',
};

const draftView: DraftCardView = {
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
    },
  ],
  warnings: ['Ingen ansvarig är namngiven för åtgärd 1.'],
  document: { audits: [] },
};

const importedView: ImportedCardView = {
  title: 'Granskning av barnkonventionen',
  created: [{ ref: 'A-17', text: 'Rutin för egenkontroll tas fram' }],
  existing: 0,
};

/** What each card's renderer passes to its template, from the views above. A new card must be added here. */
const BUILT_DATA: Record<string, () => object> = {
  'action.json': () => actionCardData({ ...actionView, note: 'Kortet var inaktuellt.' }, 'sv'),
  'list.json': () => listCardData(listView, 'sv'),
  'summary.json': () => summaryCardData(summaryView, 'sv'),
  'history.json': () => historyCardData(historyView, 'sv'),
  'confirm.json': () => confirmCardData(confirmView, 'sv'),
  'draft.json': () => draftCardData(draftView, 'sv'),
  'imported.json': () => importedCardData(importedView, 'sv'),
  'welcome.json': () => welcomeCardData('sv', 'team'),
};

describe('bot/cards', () => {
  describe('templates in cards/', () => {
    it('finds the templates', () => {
      assert.ok(TEMPLATES.length >= 6, `found ${TEMPLATES.join(', ')}`);
    });

    it('has a template for every sample-data file', () => {
      for (const file of readdirSync(CARDS_DIR).filter((name) => name.endsWith('.data.json'))) {
        assert.ok(
          existsSync(path.join(CARDS_DIR, file.replace(/\.data\.json$/, '.json'))),
          `${file} has no template`,
        );
      }
    });

    for (const file of TEMPLATES) {
      describe(file, () => {
        const dataFile = file.replace(/\.json$/, '.data.json');

        it(`renders with ${dataFile} and leaves no \${ behind`, () => {
          assert.ok(existsSync(path.join(CARDS_DIR, dataFile)), `${dataFile} is missing`);
          const card = renderCard(readJson(file), readJson(dataFile));
          const json = JSON.stringify(card);
          assert.equal(json.includes('${'), false, `unbound expression in ${file}: ${json}`);
        });

        it('is an Adaptive Card 1.5 with the schema', () => {
          const template = readJson(file) as Json;
          assert.equal(template.type, 'AdaptiveCard');
          assert.equal(template.version, '1.5');
          assert.equal(template.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
        });

        it('uses only the shared card verbs, and every TextBlock wraps', () => {
          const template = readJson(file);
          const verbs = new Set<string>(Object.values(CARD_VERBS));
          for (const action of ofType(template, 'Action.Execute')) {
            assert.ok(
              typeof action.verb === 'string' && verbs.has(action.verb),
              `verb ${String(action.verb)}`,
            );
          }
          for (const block of ofType(template, 'TextBlock')) {
            assert.equal(block.wrap, true, `TextBlock ${String(block.text)} in ${file} does not wrap`);
          }
        });

        it('has sample data of exactly the shape the renderer passes, with the Swedish labels', () => {
          const build = BUILT_DATA[file];
          assert.ok(build, `no renderer data for ${file}: add it to BUILT_DATA`);
          const built = build() as Json;
          const sample = readJson(dataFile) as Json;
          assert.deepEqual(shapeOf(sample), shapeOf(built));
          assert.deepEqual(sample.labels, built.labels);
        });
      });
    }
  });

  describe('renderCard', () => {
    it('expands bindings, keeps numbers as numbers', () => {
      const card = renderCard(
        {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [{ type: 'TextBlock', text: 'Hej ${name}', n: '${n}' }],
        },
        { name: 'Åsa', n: 3 },
      );
      assert.deepEqual(card.body, [{ type: 'TextBlock', text: 'Hej Åsa', n: 3 }]);
    });

    it('refuses a template that is not a card', () => {
      assert.throws(() => renderCard({ type: 'TextBlock', text: '${x}' }, { x: 'y' }), TypeError);
    });
  });

  describe('cardSize', () => {
    it('counts UTF-8 bytes, not characters', () => {
      const ascii = renderCard({ type: 'AdaptiveCard', version: '1.5', body: ['${t}'] }, { t: 'a' });
      const swedish = renderCard({ type: 'AdaptiveCard', version: '1.5', body: ['${t}'] }, { t: 'å' });
      assert.equal(cardSize(swedish) - cardSize(ascii), 1);
      assert.equal(cardSize(ascii), JSON.stringify(ascii).length);
    });
  });

  describe('escapeMarkdown', () => {
    const cases: [string, string][] = [
      ['[Godkänt](https://evil)', '\\[Godkänt\\](https://evil)'],
      ['**x**', '\\*\\*x\\*\\*'],
      ['# rubrik', '\\# rubrik'],
      ['<b>fet</b>', '\\<b\\>fet\\</b\\>'],
      ['_x_', '\\_x\\_'],
      ['`kod`', '\\`kod\\`'],
      ['1. lista', '1\\. lista'],
      ['rad\n2) lista', 'rad\n2\\) lista'],
      ['- lista', '\\- lista'],
      ['rad\r+ lista', 'rad\r\\+ lista'],
      ['> citat', '\\> citat'],
      ['~~struken~~', '\\~\\~struken\\~\\~'],
      ['&lt;b&gt;', '\\&lt;b\\&gt;'],
      ['C:\\temp', 'C:\\\\temp'],
      ['${owner}', '${owner}'],
      ['${json(labels)}', '${json(labels)}'],
      ['Åtgärd på gång – klar i höst 😀👩‍👩‍👧', 'Åtgärd på gång – klar i höst 😀👩‍👩‍👧'],
      ['Mötet 2022-05-31 kl. 13 - 15 #3', 'Mötet 2022-05-31 kl. 13 - 15 #3'],
    ];
    for (const [input, expected] of cases) {
      it(`escapes ${JSON.stringify(input)}`, () => assert.equal(escapeMarkdown(input), expected));
    }
  });

  describe('actionCard', () => {
    it('shows the labels in Swedish', () => {
      const text = visibleText(actionCard(actionView, 'sv'));
      for (const label of [
        'Genomförd',
        'Pågår',
        'Nytt datum',
        'Historik',
        'Kommentar (valfritt)',
        'Ansvarig',
      ]) {
        assert.ok(text.includes(label), `missing ${label}`);
      }
      assert.equal(text.includes('In progress'), false);
    });

    it('shows the labels in English', () => {
      const text = visibleText(actionCard(actionView, 'en'));
      for (const label of ['Done', 'In progress', 'New date', 'History', 'Comment (optional)', 'Owner']) {
        assert.ok(text.includes(label), `missing ${label}`);
      }
      assert.equal(text.includes('Pågår'), false);
    });

    it('shows the reference, texts, committee, owner, due date with phrase and the moved deadline', () => {
      const text = visibleText(actionCard(actionView, 'sv'));
      for (const expected of [
        'A-17',
        'Granskning av barnkonventionen',
        'Säkerställ att barnkonsekvensanalyser genomförs och dokumenteras',
        'Rutin för egenkontroll tas fram',
        'Sociala omsorgsnämnden',
        'Anna Andersson',
        '2022-03-31 (senast i mars 2022)',
        'Ursprungligt: 2021-11-30 (under hösten 2021), flyttat 2 gånger',
        'Försenad (12 dagar)',
        'Rutinen är skickad till ledningsgruppen.',
      ]) {
        assert.ok(text.includes(expected), `missing ${expected}`);
      }
    });

    it('says the date is missing, and leaves out the original deadline when it never moved', () => {
      const card = actionCard(
        {
          ...actionView,
          dueDate: null,
          duePhrase: '',
          deadlineChanges: 0,
          status: 'Planerad',
          daysOverdue: null,
        },
        'sv',
      );
      const text = visibleText(card);
      assert.ok(text.includes('Datum saknas – sätt ett datum'));
      assert.equal(text.includes('Ursprungligt'), false);
      assert.equal(text.includes('dagar'), false);
    });

    it('has Genomförd, Pågår and Nytt datum with the right verbs and data when the user can edit', () => {
      const card = actionCard(actionView, 'sv');
      const actions = (card.actions ?? []).filter(isObject);
      assert.deepEqual(
        actions.map((action) => [action.type, action.title]),
        [
          ['Action.Execute', 'Genomförd'],
          ['Action.Execute', 'Pågår'],
          ['Action.ShowCard', 'Nytt datum'],
          ['Action.Execute', 'Historik'],
        ],
      );
      assert.deepEqual(
        executes(card, CARD_VERBS.setStatus).map((action) => action.data),
        [
          { ref: 'A-17', version: 4, status: 'Genomförd' },
          { ref: 'A-17', version: 4, status: 'Pågår' },
        ],
      );
      const showCard = actions[2]?.card;
      assert.deepEqual(
        ofType(showCard, 'Input.Date').map((input) => input.id),
        ['newDate'],
      );
      assert.deepEqual(
        ofType(showCard, 'Input.Text').map((input) => input.id),
        ['reason'],
      );
      assert.deepEqual(
        executes(card, CARD_VERBS.setDate).map((action) => action.data),
        [{ ref: 'A-17', version: 4 }],
      );
      assert.deepEqual(
        executes(card, CARD_VERBS.showHistory).map((action) => action.data),
        [{ ref: 'A-17' }],
      );
      const comment = ofType(card.body, 'Input.Text');
      assert.deepEqual(
        comment.map((input) => [input.id, input.placeholder]),
        [['comment', 'Kommentar (valfritt)']],
      );
    });

    it('has no inputs and only Historik when the user cannot edit', () => {
      const card = actionCard({ ...actionView, canEdit: false }, 'sv');
      assert.deepEqual(executes(card, CARD_VERBS.setStatus), []);
      assert.deepEqual(executes(card, CARD_VERBS.setDate), []);
      assert.deepEqual(ofType(card, 'Action.ShowCard'), []);
      assert.deepEqual(ofType(card, 'Input.Text'), []);
      assert.deepEqual(
        (card.actions ?? []).filter(isObject).map((action) => action.verb),
        [CARD_VERBS.showHistory],
      );
    });

    it('carries ref and version in data only, never in the verb', () => {
      const card = actionCard({ ...actionView, ref: 'A-123', version: 98 }, 'sv');
      const verbs = new Set<string>(Object.values(CARD_VERBS));
      for (const action of ofType(card, 'Action.Execute')) {
        assert.ok(typeof action.verb === 'string' && verbs.has(action.verb));
        assert.ok(isObject(action.data));
        assert.equal(action.data.ref, 'A-123');
        if (action.verb !== CARD_VERBS.showHistory) assert.equal(action.data.version, 98);
      }
    });

    it('shows a stale-card note first, and nothing when there is none', () => {
      const note = 'Kortet var inaktuellt: A-17 har ändrats sedan det skickades.';
      const card = actionCard({ ...actionView, note }, 'sv');
      assert.ok(visibleText({ ...card, body: [card.body[0]] }).includes(note));
      assert.equal(visibleText(actionCard(actionView, 'sv')).includes('inaktuellt'), false);
    });

    it('shows hostile user text as text: links, bold, headings, HTML and template expressions', () => {
      const hostile = '[Godkänt](https://evil) **x** <b>y</b> ${owner} ${json(labels)}';
      const card = actionCard(
        {
          ...actionView,
          text: `# rubrik ${hostile}`,
          auditTitle: hostile,
          recommendation: hostile,
          committee: hostile,
          owner: `_${hostile}_`,
          lastComment: `- ${hostile}`,
          note: `> ${hostile}`,
          duePhrase: hostile,
        },
        'sv',
      );
      const json = JSON.stringify(card);
      assert.equal(json.includes('[Godkänt](https://evil)'), false, 'an unescaped link survived');
      assert.equal(json.includes('**x**'), false, 'unescaped bold survived');
      assert.equal(json.includes('<b>'), false, 'unescaped HTML survived');
      assert.equal(json.includes('"# rubrik'), false, 'an unescaped heading survived');
      const text = visibleText(card);
      assert.ok(text.includes('\\[Godkänt\\](https://evil)'));
      assert.ok(text.includes('\\# rubrik'));
      assert.ok(text.includes('\\- \\[Godkänt'));
      assert.ok(text.includes('\\> \\[Godkänt'));
      assert.ok(text.includes('\\_\\[Godkänt'));
      assert.equal(text.split('${owner}').length - 1, 8, '${owner} shown literally in every field');
      assert.equal(text.split('${json(labels)}').length - 1, 8);
      assert.equal(text.includes('Anna Andersson'), false, '${owner} was not evaluated');
    });

    it('keeps å ä ö and emoji intact', () => {
      const card = actionCard(
        { ...actionView, text: 'Återrapportering är klar 👍 – öppna ärenden stängda' },
        'sv',
      );
      assert.ok(visibleText(card).includes('Återrapportering är klar 👍 – öppna ärenden stängda'));
    });

    it('stays under the size limit with a 100,000-character action text', () => {
      const card = actionCard(
        { ...actionView, text: 'å*'.repeat(50_000), recommendation: '😀'.repeat(50_000) },
        'sv',
      );
      assert.ok(cardSize(card) <= MAX_CARD_BYTES, `${cardSize(card)} bytes`);
      assert.ok(visibleText(card).includes('å\\*å\\*'));
    });

    it('stays under the size limit when every field is long and costly in JSON (backslashes, quotes)', () => {
      // A backslash is escaped for markdown and again for JSON: four bytes per character typed.
      const costly = '\\"'.repeat(50_000);
      const card = actionCard(
        {
          ...actionView,
          text: costly,
          recommendation: costly,
          auditTitle: costly,
          lastComment: costly,
          note: costly,
        },
        'sv',
      );
      assert.ok(cardSize(card) <= MAX_CARD_BYTES, `${cardSize(card)} bytes`);
      assert.ok(visibleText(card).includes('\\\\"\\\\"'), 'the texts are shortened, not dropped');
    });
  });

  describe('listCard', () => {
    function itemsOf(count: number, text: string): ListItemView[] {
      return Array.from({ length: count }, (_, index) => ({ ...listItem, ref: `A-${index + 1}`, text }));
    }

    it('shows every item with a Visa button in Swedish, Show in English', () => {
      const sv = listCard(listView, 'sv');
      assert.deepEqual(
        executes(sv, CARD_VERBS.showAction).map((action) => [action.title, action.data]),
        [
          ['Visa', { ref: 'A-17' }],
          ['Visa', { ref: 'A-34' }],
        ],
      );
      const en = listCard(listView, 'en');
      assert.deepEqual(
        executes(en, CARD_VERBS.showAction).map((action) => action.title),
        ['Show', 'Show'],
      );
      assert.ok(visibleText(en).includes('Overdue (12 days)'));
      assert.ok(visibleText(sv).includes('Försenad (12 dagar)'));
    });

    it('shows the group headings and the due dates with their phrases', () => {
      const text = visibleText(listCard(listView, 'sv'));
      assert.ok(text.includes('Sociala omsorgsnämnden'));
      assert.ok(text.includes('Grundskolenämnden'));
      assert.ok(text.includes('2021-11-30 (under hösten 2021)'));
    });

    it('shows the empty text when there is nothing', () => {
      const card = listCard({ ...listView, groups: [] }, 'sv');
      assert.ok(visibleText(card).includes('Inga åtgärder är försenade.'));
      assert.deepEqual(executes(card, CARD_VERBS.showAction), []);
    });

    it(`shows at most ${MAX_LIST_ITEMS} items and says how many more`, () => {
      const view = { ...listView, groups: [{ heading: null, items: itemsOf(200, 'Kort text') }] };
      assert.equal(executes(listCard(view, 'sv'), CARD_VERBS.showAction).length, MAX_LIST_ITEMS);
      assert.ok(visibleText(listCard(view, 'sv')).includes(`… och ${200 - MAX_LIST_ITEMS} till`));
      assert.ok(visibleText(listCard(view, 'en')).includes(`… and ${200 - MAX_LIST_ITEMS} more`));
    });

    it('keeps 200 long items within MAX_CARD_BYTES and says how many more', () => {
      const long = 'Åtgärd **viktig** [länk](https://evil) med en lång beskrivning 😀 '.repeat(40);
      const view = {
        ...listView,
        groups: [
          { heading: 'Sociala omsorgsnämnden', items: itemsOf(100, long) },
          { heading: 'Grundskolenämnden', items: itemsOf(100, long) },
        ],
      };
      const card = listCard(view, 'sv');
      assert.ok(cardSize(card) < 28_000, `${cardSize(card)} bytes`);
      const shown = executes(card, CARD_VERBS.showAction).length;
      assert.ok(shown > 0 && shown <= MAX_LIST_ITEMS, `${shown} shown`);
      assert.ok(visibleText(card).includes(`… och ${200 - shown} till`));
    });

    it('shows fewer than 30 items when 30 would not fit, and says how many more', () => {
      // Backslashes cost four bytes each in the card's JSON, so even 30 shortened texts are too big.
      const view = { ...listView, groups: [{ heading: null, items: itemsOf(200, '\\'.repeat(5000)) }] };
      const card = listCard(view, 'sv');
      assert.ok(cardSize(card) <= MAX_CARD_BYTES, `${cardSize(card)} bytes`);
      const shown = executes(card, CARD_VERBS.showAction).length;
      assert.ok(shown > 0 && shown < MAX_LIST_ITEMS, `${shown} shown`);
      assert.ok(visibleText(card).includes(`… och ${200 - shown} till`));
    });

    it('says nothing about more when everything is shown', () => {
      assert.equal(visibleText(listCard(listView, 'sv')).includes('… och'), false);
    });

    it('counts the items a long list left out of its view (total), showing those it was given', () => {
      const text = visibleText(listCard({ ...listView, total: 8_585 }, 'sv'));
      assert.ok(text.includes('A-34'), text);
      assert.ok(text.includes('… och 8583 till'), text);
    });
  });

  describe('summaryCard', () => {
    it('writes the Swedish percentage with a non-breaking space, the English one without', () => {
      assert.ok(visibleText(summaryCard(summaryView, 'sv')).includes('45\u00a0%'));
      const en = visibleText(summaryCard(summaryView, 'en'));
      assert.ok(en.includes('45%'));
      assert.equal(en.includes('45\u00a0%'), false);
    });

    it('has the column labels and status words in each language', () => {
      const sv = visibleText(summaryCard(summaryView, 'sv'));
      for (const label of [
        'Sammanställning per nämnd',
        'Planerad',
        'Pågår',
        'Genomförd',
        'Försenad',
        'Avbruten',
      ]) {
        assert.ok(sv.includes(label), `missing ${label}`);
      }
      const en = visibleText(summaryCard(summaryView, 'en'));
      for (const label of [
        'Summary by committee',
        'Planned',
        'In progress',
        'Done',
        'Overdue',
        'Cancelled',
      ]) {
        assert.ok(en.includes(label), `missing ${label}`);
      }
    });

    it('shows each committee and the totals', () => {
      const text = visibleText(summaryCard(summaryView, 'sv'));
      assert.ok(text.includes('Sociala omsorgsnämnden'));
      assert.ok(text.includes('Alla nämnder'));
      assert.ok(text.includes('2026-03-02'));
    });
  });

  describe('historyCard', () => {
    it('shows the deadlines and every event with who, what and the comment', () => {
      const text = visibleText(historyCard(historyView, 'sv'));
      for (const expected of [
        'Historik: A-17',
        'Ursprungligt slutdatum',
        '2021-11-30 (under hösten 2021)',
        '2021-11-25 10:15 · Anna Andersson',
        'Slutdatum: 2021-11-30 → 2022-03-31',
        'Väntar på riktlinjer.',
      ]) {
        assert.ok(text.includes(expected), `missing ${expected}`);
      }
    });

    it('has English labels in English', () => {
      const text = visibleText(historyCard(historyView, 'en'));
      assert.ok(text.includes('History: A-17'));
      assert.ok(text.includes('Original due date'));
      assert.equal(text.includes('Ursprungligt'), false);
    });

    it('shows the latest 50 events of a long history and says how many earlier ones are left out', () => {
      const events = Array.from({ length: 80 }, (_, index) => ({
        at: `2022-01-01 10:${String(index).padStart(2, '0')}`,
        who: 'Anna Andersson',
        what: `Händelse ${index + 1}`,
        comment: null,
      }));
      const text = visibleText(historyCard({ ...historyView, events }, 'sv'));
      assert.ok(text.includes('… 30 tidigare händelser visas inte'));
      assert.ok(text.includes('Händelse 80'));
      assert.ok(text.includes('Händelse 31'));
      assert.equal(text.includes('Händelse 30\n'), false);
    });

    it('escapes comments', () => {
      const card = historyCard(
        {
          ...historyView,
          events: [{ ...historyView.events[1]!, comment: '[Godkänt](https://evil) ${owner}' }],
        },
        'sv',
      );
      assert.ok(visibleText(card).includes('\\[Godkänt\\](https://evil) ${owner}'));
    });
  });

  describe('confirmCard', () => {
    it('asks with Ja and Nej, sending ref, version, status and the comment as typed', () => {
      const card = confirmCard({ ...confirmView, comment: 'Klart **nu**' }, 'sv');
      assert.deepEqual(
        ofType(card, 'Action.Execute').map((action) => [action.title, action.verb, action.data]),
        [
          [
            'Ja',
            CARD_VERBS.confirmMatch,
            { ref: 'A-17', version: 4, status: 'Genomförd', comment: 'Klart **nu**' },
          ],
          ['Nej', CARD_VERBS.rejectMatch, { ref: 'A-17' }],
        ],
      );
      assert.ok(visibleText(card).includes('Klart \\*\\*nu\\*\\*'));
    });

    it('says Yes and No in English, and sends an empty comment when there is none', () => {
      const card = confirmCard({ ...confirmView, comment: null, status: 'Pågår' }, 'en');
      assert.deepEqual(
        ofType(card, 'Action.Execute').map((action) => action.title),
        ['Yes', 'No'],
      );
      assert.deepEqual(executes(card, CARD_VERBS.confirmMatch)[0]?.data, {
        ref: 'A-17',
        version: 4,
        status: 'Pågår',
        comment: '',
      });
      assert.ok(visibleText(card).includes('In progress'));
    });
  });

  describe('welcomeCard', () => {
    it('lists the main commands in Swedish and English', () => {
      const sv = visibleText(welcomeCard('sv', 'personal'));
      for (const command of [
        'mina åtgärder',
        'försenade',
        'A-17 klar',
        'visa A-17',
        'sammanställning',
        'hjälp',
      ]) {
        assert.ok(sv.includes(command), `missing ${command}`);
      }
      const en = visibleText(welcomeCard('en', 'personal'));
      for (const command of ['my actions', 'overdue', 'A-17 done', 'show A-17', 'summary', 'help']) {
        assert.ok(en.includes(command), `missing ${command}`);
      }
    });

    it('offers the channel digest and the @mention hint only in a team', () => {
      assert.ok(visibleText(welcomeCard('sv', 'team')).includes('digest här'));
      assert.ok(visibleText(welcomeCard('sv', 'team')).includes('skriv @'));
      assert.equal(visibleText(welcomeCard('sv', 'personal')).includes('digest här'), false);
      assert.equal(visibleText(welcomeCard('sv', 'personal')).includes('skriv @'), false);
    });
  });

  it('makes every card version 1.5', () => {
    const cards = (['sv', 'en'] as const).flatMap((locale) => [
      actionCard(actionView, locale),
      listCard(listView, locale),
      summaryCard(summaryView, locale),
      historyCard(historyView, locale),
      confirmCard(confirmView, locale),
      welcomeCard(locale, 'personal'),
    ]);
    for (const card of cards) {
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.equal(JSON.stringify(card).includes('${'), false);
    }
  });
});
