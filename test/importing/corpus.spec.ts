/**
 * Scores the real parser on a corpus of real Swedish municipal wording (test/fixtures/corpus) and prints the
 * figures per kind: phrases resolved right, actions found with the right deadline, and invented dates (a date
 * where none is meant, or a wrong one).
 *
 * Besides the corpus being well formed, it asserts floors at what the parser reaches: no invented date, no
 * invented action, and at least as many phrases and actions right as the last improvement got. Raise a floor when the parser does
 * better; never lower one to let a change through.
 */
import assert from 'node:assert/strict';
import { findDeadline, resolveDeadline } from '../../src/domain/deadlines';
import { extractDraft, type DraftAction } from '../../src/importing/document';
import {
  isCivilDate,
  loadDocuments,
  loadPhrases,
  type CorpusDocument,
  type CorpusPhrase,
} from '../helpers/corpus';

/** Floors: what the parser reached; they may only go up. */
const FLOOR = { phrasesRight: 341, actionsFound: 61, actionsRight: 61 } as const;

/** How a phrase or an action's deadline came out. `wrong` and `invented` are both invented dates. */
type Outcome = 'right' | 'missed' | 'wrong' | 'invented';

function outcomeOf(got: string | null, want: string | null): Outcome {
  if (got === want) return 'right';
  if (got === null) return 'missed';
  return want === null ? 'invented' : 'wrong';
}

interface Tally {
  total: number;
  right: number;
  missed: number;
  wrong: number;
  invented: number;
}

const emptyTally = (): Tally => ({ total: 0, right: 0, missed: 0, wrong: 0, invented: 0 });

function add(tally: Tally, outcome: Outcome): void {
  tally.total += 1;
  tally[outcome] += 1;
}

const percent = (part: number, whole: number): string =>
  whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`;

function tallyLine(label: string, tally: Tally, width: number): string {
  return (
    `${label.padEnd(width)} ${`${tally.right}/${tally.total}`.padStart(8)} ${percent(tally.right, tally.total).padStart(8)}` +
    `   missed ${String(tally.missed).padStart(3)}   invented ${String(tally.wrong + tally.invented).padStart(3)}` +
    ` (wrong date ${tally.wrong}, none meant ${tally.invented})`
  );
}

const fold = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();
const short = (text: string, max = 100): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

// ---------------------------------------------------------------------------------------------------------------
// Phrases

interface PhraseResult {
  row: CorpusPhrase;
  got: string | null;
  outcome: Outcome;
}

function scorePhrase(row: CorpusPhrase): PhraseResult {
  const got =
    row.mode === 'phrase'
      ? resolveDeadline(row.text, row.documentDate).date
      : (findDeadline(row.text, row.documentDate)?.date ?? null);
  return { row, got, outcome: outcomeOf(got, row.expected) };
}

// ---------------------------------------------------------------------------------------------------------------
// Documents

interface ActionResult {
  want: CorpusDocument['actions'][number];
  /** The draft action it was matched with; undefined: not found. */
  found: DraftAction | undefined;
  outcome: Outcome | 'not found';
}

interface DocumentResult {
  doc: CorpusDocument;
  /** Set when extractDraft threw. */
  error: string | null;
  actions: ActionResult[];
  /** Draft actions that are neither expected nor acceptable. */
  extra: DraftAction[];
}

function scoreDocument(doc: CorpusDocument): DocumentResult {
  let drafted: DraftAction[];
  try {
    drafted = extractDraft(doc.document, doc.text, { today: '2026-03-02', documentDate: doc.documentDate })
      .details.actions;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      doc,
      error: message,
      actions: doc.actions.map((want) => ({ want, found: undefined, outcome: 'not found' })),
      extra: [],
    };
  }
  const used = new Set<DraftAction>();
  const actions = doc.actions.map((want): ActionResult => {
    // In document order, each expected action takes the first draft action with its text not taken yet.
    const found = drafted.find((a) => !used.has(a) && fold(a.text).includes(fold(want.includes)));
    if (found === undefined) return { want, found, outcome: 'not found' };
    used.add(found);
    return { want, found, outcome: outcomeOf(found.due, want.due) };
  });
  const extra = drafted.filter(
    (a) => !used.has(a) && !doc.acceptable.some((text) => fold(a.text).includes(fold(text))),
  );
  return { doc, error: null, actions, extra };
}

function roleMatches(found: DraftAction, want: string | null): boolean {
  if (want === null) return found.role === null;
  return found.role !== null && fold(found.role).includes(fold(want));
}

// ---------------------------------------------------------------------------------------------------------------

describe('the corpus of real municipal wording (figures printed, floors asserted)', () => {
  const phrases = loadPhrases();
  const documents = loadDocuments();

  it('holds at least 300 real phrases, each well formed and with its source', () => {
    assert.ok(phrases.length >= 300, `only ${phrases.length} phrases`);
    for (const row of phrases) {
      const where = `phrases.tsv:${row.line}`;
      assert.ok(row.text.trim() !== '' && row.text === row.text.trim(), `${where}: text`);
      assert.ok(isCivilDate(row.documentDate), `${where}: documentDate ${row.documentDate}`);
      assert.ok(row.expected === null || isCivilDate(row.expected), `${where}: expected ${row.expected}`);
      assert.match(row.kind, /^[a-z]+(?:-[a-z]+)*$/, `${where}: kind`);
      assert.match(row.source, /^https?:\/\/\S+$/, `${where}: source`);
    }
    const keys = phrases.map((row) => `${row.mode}\t${row.documentDate}\t${row.text}`);
    assert.equal(new Set(keys).size, keys.length, 'a phrase is listed twice with the same document date');
  });

  it('holds at least 10 documents, each with its text, a date and actions found in the text', () => {
    assert.ok(documents.length >= 10, `only ${documents.length} documents`);
    for (const doc of documents) {
      assert.ok(isCivilDate(doc.documentDate), `${doc.slug}: documentDate`);
      assert.match(doc.source, /^https?:\/\/\S+$/, `${doc.slug}: source`);
      assert.ok(doc.actions.length > 0, `${doc.slug}: no actions`);
      for (const action of doc.actions) {
        assert.ok(
          fold(doc.text).includes(fold(action.includes)),
          `${doc.slug}: "${action.includes}" not in the text`,
        );
        assert.ok(action.due === null || isCivilDate(action.due), `${doc.slug}: due ${action.due}`);
      }
      for (const text of doc.acceptable)
        assert.ok(fold(doc.text).includes(fold(text)), `${doc.slug}: "${text}"`);
    }
  });

  it('prints how the phrase parser does on the phrases, per kind', () => {
    const results = phrases.map(scorePhrase);
    const byKind = new Map<string, Tally>();
    const total = emptyTally();
    for (const result of results) {
      const tally = byKind.get(result.row.kind) ?? emptyTally();
      byKind.set(result.row.kind, tally);
      add(tally, result.outcome);
      add(total, result.outcome);
    }
    const width = Math.max(...[...byKind.keys()].map((kind) => kind.length), 10);
    const lines = ['', '      Phrases (resolveDeadline for a phrase, findDeadline for a sentence):'];
    const kinds = [...byKind.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
    for (const [kind, tally] of kinds) lines.push(`        ${tallyLine(kind, tally, width)}`);
    lines.push(`        ${tallyLine('ALL', total, width)}`);
    lines.push('', '      Phrases not resolved right, by kind:');
    for (const [kind] of kinds) {
      for (const { row, got } of results.filter((r) => r.row.kind === kind && r.outcome !== 'right')) {
        lines.push(
          `        [${kind}] "${short(row.text)}" (${row.documentDate}) -> ${got ?? 'no date'}, want ${row.expected ?? 'no date'}`,
        );
      }
    }
    console.log(lines.join('\n'));
    assert.equal(total.total, phrases.length);
    assert.equal(total.right + total.missed + total.wrong + total.invented, total.total);
    assert.equal(total.wrong + total.invented, 0, 'a phrase got a date it does not mean');
    assert.ok(total.right >= FLOOR.phrasesRight, `phrases right ${total.right} < ${FLOOR.phrasesRight}`);
  });

  it('prints how extractDraft does on the documents: actions found with the right deadline', () => {
    const results = documents.map(scoreDocument);
    const total = emptyTally();
    let found = 0;
    let roles = 0;
    let rolesExpected = 0;
    let extras = 0;
    let extraDates = 0;
    const lines = ['', '      Documents (extractDraft with the document date given):'];
    for (const result of results) {
      const tally = emptyTally();
      for (const action of result.actions) {
        if (action.outcome === 'not found') {
          // Not found: never right; a deadline that was meant is missed with it.
          tally.total += 1;
          if (action.want.due !== null) tally.missed += 1;
          continue;
        }
        add(tally, action.outcome);
        found += 1;
        if (action.want.role !== null) {
          rolesExpected += 1;
          if (action.found !== undefined && roleMatches(action.found, action.want.role)) roles += 1;
        }
      }
      const datedExtras = result.extra.filter((a) => a.due !== null).length;
      extras += result.extra.length;
      extraDates += datedExtras;
      total.total += tally.total;
      total.right += tally.right;
      total.missed += tally.missed;
      total.wrong += tally.wrong;
      total.invented += tally.invented + datedExtras;
      const foundHere = result.actions.filter((a) => a.outcome !== 'not found').length;
      lines.push(
        `        ${result.doc.slug.padEnd(44)} found ${foundHere}/${tally.total}, right deadline ${tally.right}/${tally.total},` +
          ` invented ${tally.wrong + tally.invented + datedExtras}, extra actions ${result.extra.length}` +
          (result.error === null ? '' : `  ERROR: ${short(result.error, 80)}`),
      );
    }
    lines.push(
      `        ALL: actions found ${found}/${total.total} (${percent(found, total.total)}), with the right deadline ` +
        `${total.right}/${total.total} (${percent(total.right, total.total)}), invented dates ${total.wrong + total.invented} ` +
        `(wrong date ${total.wrong}, none meant ${total.invented - extraDates}, on extra actions ${extraDates}), ` +
        `extra actions ${extras}, roles right ${roles}/${rolesExpected}`,
    );
    lines.push('', '      Actions not right:');
    for (const result of results) {
      for (const action of result.actions.filter((a) => a.outcome !== 'right')) {
        const got =
          action.found === undefined
            ? 'not found'
            : `found, due ${action.found.due ?? 'none'} ("${action.found.phrase ?? ''}")`;
        lines.push(
          `        [${result.doc.slug}] "${short(action.want.includes, 70)}" -> ${got}, want ${action.want.due ?? 'no date'}`,
        );
      }
      for (const extra of result.extra) {
        lines.push(
          `        [${result.doc.slug}] extra: "${short(extra.text, 70)}" due ${extra.due ?? 'none'} ("${extra.phrase ?? ''}")`,
        );
      }
    }
    console.log(lines.join('\n'));
    assert.equal(
      results.reduce((n, r) => n + r.actions.length, 0),
      documents.reduce((n, d) => n + d.actions.length, 0),
    );
    assert.equal(total.wrong + total.invented, 0, 'an action got a date it does not mean');
    assert.equal(extras, 0, 'an action was found that the document does not commit to');
    assert.ok(found >= FLOOR.actionsFound, `actions found ${found} < ${FLOOR.actionsFound}`);
    assert.ok(total.right >= FLOOR.actionsRight, `actions right ${total.right} < ${FLOOR.actionsRight}`);
  });
});
