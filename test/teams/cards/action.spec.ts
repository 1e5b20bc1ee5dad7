import assert from 'node:assert/strict';
import { actionCard, CARD_VERBS, cardSize } from '../../../src/teams/cards';
import { MAX_CARD_BYTES } from '../../../src/teams/limits';
import { actionView, executes, isObject, ofType, visibleText } from './fixtures';

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

  it('has Genomförd, Pågår, Nytt datum and Underlag with the right verbs and data when the user can edit', () => {
    const card = actionCard(actionView, 'sv');
    const actions = (card.actions ?? []).filter(isObject);
    assert.deepEqual(
      actions.map((action) => [action.type, action.title]),
      [
        ['Action.Execute', 'Genomförd'],
        ['Action.Execute', 'Pågår'],
        ['Action.ShowCard', 'Nytt datum'],
        ['Action.ShowCard', 'Underlag'],
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
    const evidenceCard = actions[3]?.card;
    assert.deepEqual(
      ofType(evidenceCard, 'Input.Text').map((input) => [input.id, input.isRequired ?? false]),
      [
        ['evidenceUrl', true],
        ['evidenceDescription', false],
      ],
    );
    assert.deepEqual(
      executes(card, CARD_VERBS.addEvidence).map((action) => action.data),
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
