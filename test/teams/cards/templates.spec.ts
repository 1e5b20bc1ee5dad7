import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  actionCard,
  actionCardData,
  CARD_VERBS,
  confirmCard,
  confirmCardData,
  draftCardData,
  historyCard,
  historyCardData,
  importedCardData,
  listCard,
  listCardData,
  reminderBatchCardData,
  renderCard,
  summaryCard,
  summaryCardData,
  welcomeCard,
  welcomeCardData,
} from '../../../src/teams/cards';
import {
  actionView,
  CARDS_DIR,
  confirmView,
  draftView,
  historyView,
  importedView,
  type Json,
  listItem,
  listView,
  ofType,
  readJson,
  shapeOf,
  summaryView,
  TEMPLATES,
} from './fixtures';
import { filePersonalCardData } from '../../../src/teams/cards/filePersonal';
import { outboxCardData, type OutboxCardView } from '../../../src/teams/cards/outbox';
import { recommendationCardData, type RecommendationCardView } from '../../../src/teams/cards/recommendation';

/** A recommendation with one action carrying evidence and a note, and one verdict, as `visa R-3` shows it. */
const outboxView: OutboxCardView = {
  rows: [
    {
      id: '3f2a9c1b7e',
      what: 'Påminnelse A-4 (overdue-1) → bo@kommun.se',
      detail: 'Id 3f2a9c1b, senast ändrat 2026-03-02 10:00: 500 InternalServerError',
      canResend: true,
    },
  ],
  note: 'Markerat som levererat.',
};

const recommendationView: RecommendationCardView = {
  ref: 'R-3',
  version: 1,
  text: 'Säkerställ att barnkonsekvensanalyser genomförs och dokumenteras',
  audit: 'Granskning av barnkonventionen (SON 2022-00030)',
  committees: ['Sociala omsorgsnämnden'],
  latestVerdict: { verdict: 'Delvis åtgärdad', date: '2026-03-02' },
  actions: [
    {
      ref: 'A-1',
      text: 'Rutin för egenkontroll tas fram',
      status: 'Pågår',
      due: '2022-12-31',
      evidence: [{ what: 'https://kommun.se/rutin.pdf', description: 'rutinen som antogs' }],
      notes: [{ date: '2026-02-20', text: 'upphandlingen dröjer till maj' }],
    },
  ],
  verdicts: [{ date: '2026-03-02', verdict: 'Delvis åtgärdad', comment: 'rutinen tillämpas inte överallt' }],
  canJudge: true,
  note: 'Sparat: bedömningen Delvis åtgärdad för R-3.',
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
  'reminderBatch.json': () =>
    reminderBatchCardData(
      {
        title: 'Påminnelser 2026-03-31',
        page: null,
        sections: [
          { heading: 'Dina åtgärder', items: [{ ...listItem, note: 'om 14 dagar' }] },
          {
            heading: 'Nämndernas datum',
            items: [
              { ...listItem, ref: null, status: null, daysOverdue: null, note: 'svar senast 2026-05-29' },
            ],
          },
        ],
      },
      'sv',
    ),
  'recommendation.json': () => recommendationCardData(recommendationView, 'sv'),
  'filePersonal.json': () => filePersonalCardData('rapport', 'sv'),
  'outbox.json': () => outboxCardData(outboxView, 'sv'),
};

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
          assert.ok(typeof action.verb === 'string' && verbs.has(action.verb), `verb ${String(action.verb)}`);
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

describe('every card', () => {
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
