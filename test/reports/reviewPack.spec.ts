import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { addNote, changeDeadline, changeStatus, createAction } from '../../src/domain/actions';
import { attachEvidence, fileEvidence, linkEvidence, removeEvidence } from '../../src/domain/evidence';
import type {
  Action,
  Audit,
  HistoryEvent,
  TrackedRecommendation,
  VerdictEvent,
} from '../../src/domain/types';
import { buildReviewPack, type ReviewPack, type ReviewPackInput } from '../../src/reports/reviewPack';
import { renderReviewHtml } from '../../src/reports/reviewHtml';
import { renderReviewMarkdown } from '../../src/reports/reviewMarkdown';
import { renderReviewXlsx, REVIEW_SHEETS } from '../../src/reports/reviewXlsx';
import { htmlTable, htmlText, markdownTable, readWorkbook, sheetRows } from './read';

const SN = 'Socialnämnden';
const HOSTILE = '<script>alert(1)</script> | **fet** =SUM(A1)';

/** One audit: R1 with two actions (one moved, noted, with evidence), R2 with a hostile text and none. */
function input(): ReviewPackInput {
  const audit: Audit = {
    id: 'g1',
    title: 'Granskning av intern kontroll',
    auditor: 'EY',
    reportDate: '2024-01-15',
    diaryNumber: 'SN 2024-00012',
    committees: [SN],
    responseDue: [],
    boardFeedback: [],
    recommendations: [
      { id: 'R1', text: 'Inför en rutin för kontroll', committees: [SN] },
      { id: 'R2', text: HOSTILE, committees: [SN] },
    ],
  };
  const recommendations: TrackedRecommendation[] = [
    {
      ref: 7,
      auditId: 'g1',
      recommendationId: 'R1',
      text: '',
      committees: [SN],
      version: 2,
      latestVerdict: 'Delvis åtgärdad',
      latestVerdictDate: '2025-03-01',
    },
    {
      ref: 8,
      auditId: 'g1',
      recommendationId: 'R2',
      text: '',
      committees: [SN],
      version: 0,
      latestVerdict: null,
      latestVerdictDate: null,
    },
  ];
  const history: HistoryEvent[] = [];
  const when = (iso: string) => ({ by: 'u1', now: new Date(iso) });
  const make = (ref: number, text: string): Action => {
    const { action, event } = createAction(
      {
        ref,
        auditId: 'g1',
        recommendationId: 'R1',
        text,
        committee: SN,
        ownerEmail: 'anna@kommun.se',
        deadline: { date: '2024-11-30', phrase: 'under hösten 2024' },
      },
      when('2024-02-01T09:00:00Z'),
    );
    history.push(event);
    return action;
  };
  let first = make(1, 'Rutin tas fram');
  const step = (change: { action: Action; event: HistoryEvent }): Action => {
    history.push(change.event);
    return change.action;
  };
  first = step(
    changeDeadline(first, { date: '2025-02-28', reason: 'Ny chef' }, when('2024-11-20T09:00:00Z')),
  );
  first = step(addNote(first, 'Utkast på remiss', when('2025-01-10T09:00:00Z')));
  first = step(
    attachEvidence(
      first,
      history.filter((e) => e.ref === 1),
      linkEvidence('https://kommun.se/rutin.pdf', 'Antagen rutin'),
      when('2025-02-20T09:00:00Z'),
    ),
  );
  first = step(
    attachEvidence(
      first,
      history.filter((e) => e.ref === 1),
      linkEvidence('https://kommun.se/fel.pdf'),
      when('2025-02-21T09:00:00Z'),
    ),
  );
  first = step(
    removeEvidence(
      first,
      history.filter((e) => e.ref === 1),
      5,
      'Fel fil',
      when('2025-02-22T09:00:00Z'),
    ),
  );
  first = step(
    changeStatus(first, { to: 'Genomförd', comment: 'Antagen av nämnden' }, when('2025-02-25T09:00:00Z')),
  );
  let second = make(2, 'Utbildning för chefer');
  second = step(
    attachEvidence(
      second,
      [],
      fileEvidence({
        name: 'Närvarolista.xlsx',
        contentUrl: 'https://kommun-my.sharepoint.com/n.xlsx',
        uniqueId: 'f-1',
      }),
      when('2025-01-05T09:00:00Z'),
    ),
  );
  const verdicts: VerdictEvent[] = [
    {
      ref: 7,
      seq: 2,
      verdict: 'Delvis åtgärdad',
      date: '2025-03-01',
      at: '2025-03-01T10:00:00.000Z',
      by: 'revisor@kommun.se',
      comment: 'Utbildningen återstår',
    },
    {
      ref: 7,
      seq: 1,
      verdict: 'Ej åtgärdad',
      date: '2024-09-01',
      at: '2024-09-01T00:00:00.000Z',
      by: 'revisor@kommun.se',
      comment: null,
    },
  ];
  return { audit, recommendations, actions: [second, first], history, verdicts };
}

describe('reports: the follow-up review pack', () => {
  let pack: ReviewPack;
  before(() => {
    pack = buildReviewPack(input(), '2026-03-02');
  });

  it('gives each recommendation its R-reference, actions, evidence still attached and verdicts oldest first', () => {
    const [r1, r2] = pack.recommendations;
    assert.equal(r1?.reference, 'R-7');
    assert.deepEqual(
      r1?.actions.map((a) => [a.reference, a.statusLabel]),
      [
        ['A-1', 'Genomförd'],
        ['A-2', 'Försenad'],
      ],
    );
    const first = r1?.actions[0];
    assert.deepEqual(first?.originalDue, { date: '2024-11-30', phrase: 'under hösten 2024' });
    assert.deepEqual(first?.changes, [
      { changedOn: '2024-11-20', from: '2024-11-30', to: '2025-02-28', reason: 'Ny chef' },
    ]);
    assert.deepEqual(first?.notes, [
      { date: '2025-01-10', text: 'Utkast på remiss' },
      { date: '2025-02-25', text: 'Antagen av nämnden' },
    ]);
    assert.deepEqual(first?.evidence, [
      {
        label: 'https://kommun.se/rutin.pdf',
        url: 'https://kommun.se/rutin.pdf',
        description: 'Antagen rutin',
        addedOn: '2025-02-20',
      },
    ]);
    assert.deepEqual(
      r1?.verdicts.map((v) => [v.date, v.verdict]),
      [
        ['2024-09-01', 'Ej åtgärdad'],
        ['2025-03-01', 'Delvis åtgärdad'],
      ],
    );
    assert.equal(r1?.latest?.verdict, 'Delvis åtgärdad');
    assert.equal(r1?.statusSummary, '1 av 2 genomförda, 1 försenad');
    assert.deepEqual(
      [r2?.reference, r2?.actions.length, r2?.latest, r2?.statusSummary],
      ['R-8', 0, null, '–'],
    );
  });

  it('is in English on request', () => {
    const english = buildReviewPack(input(), '2026-03-02', { language: 'en' });
    assert.equal(english.title, 'Follow-up review pack');
    assert.equal(english.recommendations[0]?.latest?.verdict, 'Partly implemented');
    assert.equal(english.recommendations[0]?.actions[1]?.statusLabel, 'Overdue');
    assert.match(
      renderReviewMarkdown(english),
      /\| Recommendation \| The committee's actions \| Status \| The auditors' verdict \|/,
    );
  });

  it('every format carries the same closing table, verdicts and evidence', async () => {
    const expected = [
      [
        'R-7 Inför en rutin för kontroll',
        'A-1 Rutin tas fram; A-2 Utbildning för chefer',
        '1 av 2 genomförda, 1 försenad',
        'Delvis åtgärdad (2025-03-01)',
      ],
      ['R-8 ' + HOSTILE, 'Ingen åtgärd är registrerad.', '–', '–'],
    ];
    const markdown = renderReviewMarkdown(pack);
    const unescape = (cell: string) => cell.replace(/\\(.)/g, '$1');
    assert.deepEqual(
      markdownTable(markdown, 'Sammanställning').map((row) => row.map(unescape)),
      expected,
    );
    const html = renderReviewHtml(pack);
    assert.deepEqual(htmlTable(html, 'closing'), expected);
    const workbook = await readWorkbook(await renderReviewXlsx(pack));
    const closing = workbook.getWorksheet(REVIEW_SHEETS.sv.closing);
    assert.ok(closing);
    const xlsxRows = sheetRows(closing)
      .slice(1)
      .map((row) => row.map(String));
    assert.deepEqual(
      xlsxRows,
      expected.map((row) => row.map((cell) => (cell.startsWith('=') ? `'${cell}` : cell))),
    );

    // Verdicts with their comments and the evidence, in each format's words.
    const verdictSheet = workbook.getWorksheet(REVIEW_SHEETS.sv.verdicts);
    const actionSheet = workbook.getWorksheet(REVIEW_SHEETS.sv.actions);
    assert.ok(verdictSheet && actionSheet);
    const xlsxText = [...sheetRows(verdictSheet), ...sheetRows(actionSheet)].flat().map(String).join('\n');
    const texts = { markdown: markdown.replace(/\\(.)/g, '$1'), html: htmlText(html), xlsx: xlsxText };
    for (const [format, text] of Object.entries(texts)) {
      for (const needle of [
        'Ej åtgärdad',
        'Delvis åtgärdad',
        'Utbildningen återstår',
        '2024-09-01',
        'https://kommun.se/rutin.pdf',
        'Antagen rutin',
        'Närvarolista.xlsx',
        'Utkast på remiss',
        'Ny chef',
      ]) {
        assert.ok(text.includes(needle), `${format} saknar ${needle}`);
      }
      // Evidence that was taken back is in no format.
      assert.ok(!text.includes('fel.pdf'), `${format} visar borttaget underlag`);
    }
  });

  it('html: user text escaped, evidence https links only, no script, a strict policy whose hash fits the style', () => {
    const html = renderReviewHtml(pack);
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.match(html, /<a href="https:\/\/kommun\.se\/rutin\.pdf" rel="noopener noreferrer">/);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(policy, /default-src 'none'/);
    assert.doesNotMatch(policy, /unsafe-inline|script-src/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    assert.ok(policy.includes(`'sha256-${hash}'`), 'the style sheet is not the one the policy allows');
    assert.match(html, /<html lang="sv">/);
  });

  it('a stored link that is not https is shown as text, never as a link', () => {
    const data = input();
    const bad = data.history.find((e) => e.kind === 'evidence' && e.evidence?.kind === 'link');
    assert.ok(bad?.evidence?.kind === 'link');
    bad.evidence = { ...bad.evidence, url: 'javascript:alert(1)' };
    const html = renderReviewHtml(buildReviewPack(data, '2026-03-02'));
    assert.ok(!/href="javascript/i.test(html));
    assert.ok(html.includes('javascript:alert(1)'));
  });

  it('markdown: user text cannot become markup', () => {
    const markdown = renderReviewMarkdown(pack);
    assert.ok(markdown.includes('\\<script\\>alert(1)\\</script\\> \\| \\*\\*fet\\*\\*'));
  });
});
