import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDraft, type DocumentDraft, type DraftAction } from '../../src/importing/document';
import { describeDraft } from '../../src/importing/importService';

const SEEDS = join(__dirname, '..', 'fixtures', 'seeds');

/** A seed's extraction as read by hand (test/fixtures/seeds/*.expected.json). */
interface Expected {
  seed: string;
  title: string;
  auditor: string;
  municipality: string | null;
  respondingCommittee: string;
  diaryNumber: string | null;
  /** Null: the document states none (the draft must say it assumed one). */
  documentDate: string | null;
  reportDate: string | null;
  committees: string[];
  responseDue: { committee: string; due: string }[];
  recommendations: number;
  actions: {
    /** A stretch of the action's text that identifies it. */
    includes: string;
    /** 1-based; null where the document answers as a whole and does not say. */
    recommendation: number | null;
    committee: string;
    owner?: string | null;
    role?: string;
    phrase: string | null;
    due: string | null;
  }[];
  /** Sentences a careful reader could count either way: found or not, both are right. */
  acceptable: string[];
}

const fold = (text: string): string => text.replace(/\s+/g, ' ');

function expectation(name: string): Expected {
  return JSON.parse(readFileSync(join(SEEDS, `${name}.expected.json`), 'utf8')) as Expected;
}

function draftOf(expected: Expected): DocumentDraft {
  const text = readFileSync(join(SEEDS, expected.seed), 'utf8');
  return extractDraft(expected.seed, text, { today: '2026-03-02' });
}

const SEED_NAMES = [
  'boras-ks-barn-och-unga-2019',
  'trelleborg-sn-samordnade-insatser-2021',
  'tyreso-asn-samverkan-2023',
];

describe('extractDraft on the seed documents (expectations written by hand)', () => {
  for (const name of SEED_NAMES) {
    describe(name, () => {
      // The expectations name the tests; the extraction runs in a hook, so a failure there is reported as one.
      const expected = expectation(name);
      let draft: DocumentDraft;
      let actions: DraftAction[];
      const number = (action: DraftAction): number => actions.indexOf(action) + 1;
      before(() => {
        draft = draftOf(expected);
        actions = draft.details.actions;
      });

      it('reads the audit: title, auditor, committees, dates, diary number, recommendations', () => {
        const audit = draft.document.audits[0];
        assert.ok(audit);
        assert.equal(draft.document.audits.length, 1);
        assert.equal(audit.title, expected.title);
        assert.equal(audit.auditor, expected.auditor);
        assert.deepEqual(audit.committees, expected.committees);
        assert.equal(audit.diaryNumber, expected.diaryNumber);
        assert.deepEqual(audit.responseDue, expected.responseDue);
        assert.equal(audit.recommendations.length, expected.recommendations);
        assert.equal(draft.details.municipality, expected.municipality);
        assert.equal(draft.details.respondingCommittee, expected.respondingCommittee);
        if (expected.reportDate !== null) {
          assert.equal(audit.reportDate, expected.reportDate);
          assert.ok(!draft.warnings.some((w) => w.startsWith('Rapportens datum framgår inte')));
        } else
          assert.ok(
            draft.warnings.some((w) => w.startsWith('Rapportens datum framgår inte')),
            draft.warnings.join('\n'),
          );
        if (expected.documentDate !== null) assert.equal(draft.details.documentDate, expected.documentDate);
        else
          assert.ok(
            draft.warnings.some((w) => w.startsWith('Svaret har inget eget datum')),
            draft.warnings.join('\n'),
          );
        if (expected.diaryNumber === null)
          assert.ok(draft.warnings.includes('Inget diarienummer (Dnr) hittades.'));
      });

      for (const want of expected.actions) {
        it(`finds "${want.includes.slice(0, 60)}…" with ${want.phrase === null ? 'no phrase' : `"${want.phrase}"`} -> ${want.due ?? 'no date, flagged'}`, () => {
          const matches = actions.filter((a) => fold(a.text).includes(fold(want.includes)));
          assert.equal(
            matches.length,
            1,
            `expected one action with "${want.includes}", got:\n${actions.map((a) => a.text).join('\n')}`,
          );
          const action = matches[0] as DraftAction;
          assert.equal(action.phrase, want.phrase);
          assert.equal(action.due, want.due);
          assert.equal(action.committee, want.committee);
          if (want.recommendation !== null) assert.equal(action.recommendation + 1, want.recommendation);
          if (want.owner !== undefined) assert.equal(action.owner, want.owner);
          if (want.role !== undefined) assert.equal(action.role, want.role);
          if (want.due === null) {
            assert.ok(
              draft.warnings.some(
                (w) => w.startsWith(`Åtgärd ${number(action)} `) && w.includes('sätt ett datum'),
              ),
              `action ${number(action)} is not flagged:\n${draft.warnings.join('\n')}`,
            );
          }
          assert.ok(action.confidence > 0 && action.confidence <= 1);
        });
      }

      it('finds nothing else than the expected actions and the acceptable ones', () => {
        const unexpected = actions.filter(
          (a) =>
            !expected.actions.some((want) => fold(a.text).includes(fold(want.includes))) &&
            !expected.acceptable.some((text) => fold(a.text).includes(fold(text))),
        );
        assert.deepEqual(
          unexpected.map((a) => a.text),
          [],
        );
      });

      it('resolves every phrase as saving will (saveImport re-reads the phrases against the same date)', () => {
        const described = describeDraft(draft.document).audits[0]?.actions ?? [];
        assert.deepEqual(
          described.map((a) => [a.due, a.phrase]),
          actions.map((a) => [a.due, a.phrase ?? '']),
        );
        assert.equal(draft.confidence.actions.length, actions.length);
        for (const value of Object.values(draft.confidence).filter((v) => typeof v === 'number')) {
          assert.ok(value >= 0 && value <= 1);
        }
      });
    });
  }

  it('finds every committed action of the three seeds (13 in all)', () => {
    let found = 0;
    let total = 0;
    for (const name of SEED_NAMES) {
      const expected = expectation(name);
      const draft = draftOf(expected);
      total += expected.actions.length;
      found += expected.actions.filter((want) =>
        draft.details.actions.some(
          (a) => fold(a.text).includes(fold(want.includes)) && a.due === want.due && a.phrase === want.phrase,
        ),
      ).length;
    }
    assert.equal(total, 13);
    assert.equal(found, total);
  });
});
