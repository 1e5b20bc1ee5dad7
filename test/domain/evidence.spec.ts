import assert from 'node:assert/strict';
import { addNote, changeStatus, createAction, type ActionChange } from '../../src/domain/actions';
import { DomainError } from '../../src/domain/errors';
import {
  attachEvidence,
  attachEvidenceItems,
  fileEvidence,
  httpsUrl,
  linkEvidence,
  liveEvidence,
  looksLikeLink,
  MAX_EVIDENCE_PER_ACTION,
  removeEvidence,
} from '../../src/domain/evidence';
import type { HistoryEvent } from '../../src/domain/types';

const context = { by: 'u1', now: new Date('2026-03-02T09:00:00Z') };

function created(): ActionChange {
  return createAction(
    {
      ref: 17,
      auditId: 'g1',
      recommendationId: 'R1',
      text: 'Rutin tas fram',
      committee: 'Socialnämnden',
      ownerEmail: 'anna@kommun.se',
      deadline: { date: '2026-06-30', phrase: 'före sommaren' },
    },
    context,
  );
}

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return error.problem.kind;
  }
  assert.fail('no DomainError');
}

describe('domain/evidence: links', () => {
  const accepted: [string, string][] = [
    ['https://kommun.se/protokoll.pdf', 'https://kommun.se/protokoll.pdf'],
    [' HTTPS://Kommun.se/a b.pdf ', 'https://kommun.se/a%20b.pdf'],
    [
      'https://kommun.sharepoint.com/sites/x/Delade%20dokument/rutin.docx?d=w1',
      'https://kommun.sharepoint.com/sites/x/Delade%20dokument/rutin.docx?d=w1',
    ],
    ['https://exempel.se/å', 'https://exempel.se/%C3%A5'],
  ];
  for (const [text, kept] of accepted) {
    it(`keeps ${JSON.stringify(text)} as ${kept}`, () => assert.equal(httpsUrl(text), kept));
  }

  const refused: [string, string][] = [
    ['javascript:alert(1)', 'evidenceNotHttps'],
    ['JaVaScRiPt:alert(document.cookie)', 'evidenceNotHttps'],
    ['data:text/html,<script>alert(1)</script>', 'evidenceNotHttps'],
    ['http://kommun.se/protokoll.pdf', 'evidenceNotHttps'],
    ['file:///etc/passwd', 'evidenceNotHttps'],
    ['vbscript:msgbox', 'evidenceNotHttps'],
    ['https://anna:hemligt@kommun.se/x', 'evidenceWithCredentials'],
    ['https://anna@kommun.se/x', 'evidenceWithCredentials'],
    ['protokollet från mötet', 'evidenceNotAUrl'],
    ['//kommun.se/x', 'evidenceNotAUrl'],
    ['', 'evidenceNotAUrl'],
    [`https://kommun.se/${'a'.repeat(2_000)}`, 'evidenceUrlTooLong'],
  ];
  for (const [text, kind] of refused) {
    it(`refuses ${JSON.stringify(text.slice(0, 60))} (${kind})`, () => {
      assert.equal(
        problemOf(() => linkEvidence(text)),
        kind,
      );
    });
  }

  it('keeps a description, trimmed, and refuses one that is too long', () => {
    assert.deepEqual(linkEvidence('https://kommun.se/a', '  Protokoll 2026-03-01 '), {
      kind: 'link',
      url: 'https://kommun.se/a',
      description: 'Protokoll 2026-03-01',
    });
    assert.equal(
      problemOf(() => linkEvidence('https://kommun.se/a', 'x'.repeat(2_001))),
      'commentTooLong',
    );
  });
});

describe('domain/evidence: Teams files', () => {
  const file = {
    name: 'Rutin.docx',
    contentUrl: 'https://kommun-my.sharepoint.com/personal/anna/Rutin.docx',
    uniqueId: '1a2b-3c',
  };

  it('keeps the reference only', () => {
    assert.deepEqual(fileEvidence(file), { kind: 'file', ...file, description: null });
  });

  const broken: [string, Partial<typeof file>, string][] = [
    ['no name', { name: '  ' }, 'evidenceBadFile'],
    ['no id', { uniqueId: '' }, 'evidenceBadFile'],
    ['an id with spaces', { uniqueId: 'a b' }, 'evidenceBadFile'],
    ['a javascript: content URL', { contentUrl: 'javascript:alert(1)' }, 'evidenceNotHttps'],
    ['an http content URL', { contentUrl: 'http://x.se/a' }, 'evidenceNotHttps'],
  ];
  for (const [name, patch, kind] of broken) {
    it(`refuses a file with ${name}`, () => {
      assert.equal(
        problemOf(() => fileEvidence({ ...file, ...patch })),
        kind,
      );
    });
  }
});

describe('domain/evidence and notes as history events', () => {
  it('attaches and removes evidence as events; status, deadline and comment stay; removal keeps the item', () => {
    let { action, event } = created();
    const history: HistoryEvent[] = [event];
    ({ action, event } = attachEvidence(
      action,
      history,
      linkEvidence('https://kommun.se/a', 'Protokoll'),
      context,
    ));
    history.push(event);
    assert.equal(action.version, 2);
    assert.equal(action.status, 'Planerad');
    assert.equal(action.lastComment, null);
    assert.deepEqual(
      liveEvidence(history).map((item) => item.seq),
      [2],
    );

    ({ action, event } = removeEvidence(action, history, 2, 'Fel fil', context));
    history.push(event);
    assert.equal(event.kind, 'evidenceRemoved');
    assert.equal(event.removes, 2);
    assert.equal(event.evidence?.kind, 'link');
    assert.deepEqual(liveEvidence(history), []);
    assert.equal(
      problemOf(() => removeEvidence(action, history, 2, null, context)),
      'unknownEvidence',
    );
  });

  it(`allows ${MAX_EVIDENCE_PER_ACTION} live items; removing one makes room for another`, () => {
    let { action, event } = created();
    const history: HistoryEvent[] = [event];
    for (let i = 0; i < MAX_EVIDENCE_PER_ACTION; i++) {
      ({ action, event } = attachEvidence(action, history, linkEvidence(`https://kommun.se/${i}`), context));
      history.push(event);
    }
    const more = linkEvidence('https://kommun.se/mer');
    assert.equal(
      problemOf(() => attachEvidence(action, history, more, context)),
      'tooMuchEvidence',
    );
    ({ action, event } = removeEvidence(action, history, 2, null, context));
    history.push(event);
    assert.equal(attachEvidence(action, history, more, context).action.version, action.version + 1);
  });

  it('a note keeps the status, becomes the latest comment and moves the version on', () => {
    const started = changeStatus(created().action, { to: 'Pågår', comment: 'Vi har börjat' }, context).action;
    const { action, event } = addNote(started, '  Utkastet är klart.\nGår till nämnden i april. ', context);
    assert.equal(action.status, 'Pågår');
    assert.equal(action.lastComment, 'Utkastet är klart.\nGår till nämnden i april.');
    assert.equal(action.version, started.version + 1);
    assert.deepEqual([event.kind, event.from, event.to, event.seq], ['note', null, null, action.version]);
    assert.equal(
      problemOf(() => addNote(started, ' \u200b ', context)),
      'emptyNote',
    );
    assert.equal(
      problemOf(() => addNote(started, 'x'.repeat(2_001), context)),
      'commentTooLong',
    );
  });
});

describe('domain/evidence: several items, the same item twice', () => {
  const file = (name: string, uniqueId: string) =>
    fileEvidence({ name, uniqueId, contentUrl: `https://kommun-my.sharepoint.com/${uniqueId}` });

  it('attaches several items as consecutive events, each change built on the one before', () => {
    const { action, event } = created();
    const changes = attachEvidenceItems(
      action,
      [event],
      [linkEvidence('https://kommun.se/a'), file('a.pdf', 'f1'), file('a kopia.pdf', 'f1')],
      context,
    );
    assert.deepEqual(
      changes.map((change) => [change.event.seq, change.action.version, change.event.evidence?.kind]),
      [
        [2, 2, 'link'],
        [3, 3, 'file'],
      ],
      'the same file (by its id) given twice is attached once',
    );
  });

  it('refuses a link or a file already attached, by address or Teams id; a removed one may come back', () => {
    let { action, event } = created();
    const history: HistoryEvent[] = [event];
    for (const item of [linkEvidence('https://kommun.se/a'), file('a.pdf', 'f1')]) {
      ({ action, event } = attachEvidence(action, history, item, context));
      history.push(event);
    }
    assert.equal(
      problemOf(() => attachEvidence(action, history, linkEvidence('https://kommun.se/a', 'igen'), context)),
      'evidenceAlreadyAttached',
    );
    assert.equal(
      problemOf(() =>
        attachEvidenceItems(action, history, [file('ny.pdf', 'f2'), file('b.pdf', 'f1')], context),
      ),
      'evidenceAlreadyAttached',
    );
    ({ action, event } = removeEvidence(action, history, 2, null, context));
    history.push(event);
    assert.equal(attachEvidence(action, history, linkEvidence('https://kommun.se/a'), context).event.seq, 5);
  });

  it('refuses, all or nothing, more items than the action has room for', () => {
    let { action, event } = created();
    const history: HistoryEvent[] = [event];
    for (let i = 0; i < MAX_EVIDENCE_PER_ACTION - 1; i++) {
      ({ action, event } = attachEvidence(action, history, linkEvidence(`https://kommun.se/${i}`), context));
      history.push(event);
    }
    const two = [file('x1.pdf', 'x1'), file('x2.pdf', 'x2')];
    assert.equal(
      problemOf(() => attachEvidenceItems(action, history, two, context)),
      'tooMuchEvidenceAtOnce',
    );
    assert.equal(attachEvidenceItems(action, history, two.slice(0, 1), context).length, 1);
  });

  const words: [string, boolean][] = [
    ['https://kommun.se/x.pdf', true],
    ['http://kommun.se', true],
    ['javascript:alert(1)', true],
    ['www.kommun.se', true],
    ['kommun.se/protokoll', true],
    ['protokollet', false],
    ['Protokoll:', false],
    ['protokoll.pdf', false],
    ['kommun.se', false],
    ['A-2', false],
  ];
  for (const [word, link] of words) {
    it(`reads "${word}" as ${link ? 'a link' : 'no link'}`, () => {
      assert.equal(looksLikeLink(word), link);
    });
  }
});
