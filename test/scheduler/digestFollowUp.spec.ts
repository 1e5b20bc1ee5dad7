/**
 * The weekly digest's follow-up sections: the week's latest progress notes (`A-17 kommentar …`), and "Redo för
 * granskning" (the recommendations `att granska` lists), shown only to a tenant that has auditors. Pure content and
 * rendering first, then a digest posted from real storage (Azurite) through the fake connector.
 */
import assert from 'node:assert/strict';
import { changeStatus } from '../../src/domain/actions';
import type { ReviewItem } from '../../src/domain/recommendations';
import type { Action, HistoryEvent, TrackedRecommendation } from '../../src/domain/types';
import { buildDigest, renderDigest, runDigest } from '../../src/scheduler';
import { addNote } from '../../src/storage/followUp';
import { MAX_TEXT_BYTES } from '../../src/teams/limits';
import { addActions, addAudit, chooseDigestChannel, createWorld, TIME_ZONE, type World } from './support';

// The week before Monday 2026-03-30 08:00 (summer time), from Monday 2026-03-23 08:00 (winter time).
const FROM = new Date('2026-03-23T07:00:00Z');
const TO = new Date('2026-03-30T06:00:00Z');

function action(ref: number, overrides: Partial<Action> = {}): Action {
  return {
    ref,
    auditId: 'audit-1',
    recommendationId: 'R1',
    text: `Åtgärd ${ref}`,
    committee: 'Socialnämnden',
    ownerEmail: 'anna@kommun.se',
    deadline: { date: '2026-06-30', phrase: '2026-06-30' },
    originalDeadline: { date: '2026-06-30', phrase: '2026-06-30' },
    status: 'Pågår',
    cancelReason: null,
    lastComment: null,
    deadlineChanges: 0,
    version: 1,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-10T09:00:00.000Z',
    ...overrides,
  };
}

function event(
  ref: number,
  seq: number,
  kind: HistoryEvent['kind'],
  at: string,
  comment: string | null,
): HistoryEvent {
  return { ref, seq, kind, at, by: 'anna', from: null, to: null, comment };
}

function recommendation(ref: number, text: string): TrackedRecommendation {
  return {
    ref,
    auditId: 'audit-1',
    recommendationId: `R${ref}`,
    text,
    committees: ['Socialnämnden', 'Tekniska nämnden'],
    version: 1,
    latestVerdict: null,
    latestVerdictDate: null,
  };
}

function review(ref: number, text: string, changed = false): ReviewItem {
  return {
    recommendation: recommendation(ref, text),
    reason: changed ? 'changedSinceVerdict' : 'ready',
    actions: [],
    lastChange: null,
    latestVerdict: changed
      ? {
          ref,
          seq: 1,
          verdict: 'Delvis åtgärdad',
          date: '2026-01-20',
          at: '2026-01-20T00:00:00Z',
          by: 'revisor@kommun.se',
          comment: null,
        }
      : null,
  };
}

describe('weekly digest: notes and recommendations to review (pure)', () => {
  const actions = [action(1), action(2), action(3)];
  const history = new Map<number, HistoryEvent[]>([
    [
      1,
      [
        event(1, 2, 'note', '2026-03-24T09:00:00.000Z', 'första kommentaren'),
        event(1, 3, 'note', '2026-03-26T09:00:00.000Z', 'upphandlingen dröjer till **maj**'),
      ],
    ],
    // A note before the week, and a status change's comment in it: neither is a note of the week.
    [
      2,
      [
        event(2, 2, 'note', '2026-03-20T09:00:00.000Z', 'förra veckan'),
        event(2, 3, 'status', '2026-03-25T09:00:00.000Z', 'klar nu'),
      ],
    ],
    [3, [event(3, 2, 'note', '2026-03-27T09:00:00.000Z', 'väntar på leverantören')]],
  ]);

  it('keeps the latest note of the week per action, newest first, and no other comments', () => {
    const content = buildDigest({
      actions,
      history,
      undelivered: [],
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    assert.deepEqual(
      content.notes.map((note) => [note.ref, note.note]),
      [
        [3, 'väntar på leverantören'],
        [1, 'upphandlingen dröjer till **maj**'],
      ],
    );
    assert.equal(content.toReview, null);
  });

  it('renders the notes in Swedish and English, escaped, and leaves out "Redo för granskning" without auditors', () => {
    const content = buildDigest({
      actions,
      history,
      undelivered: [],
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    const sv = renderDigest(content, TIME_ZONE, 'sv');
    assert.match(
      sv,
      /\*\*Senaste kommentarer \(2\)\*\*\n\n- A-3 Åtgärd 3 \(Socialnämnden\): "väntar på leverantören"\n- A-1 Åtgärd 1 \(Socialnämnden\): "upphandlingen dröjer till \\\*\\\*maj\\\*\\\*"/,
    );
    assert.doesNotMatch(sv, /Redo för granskning/);
    const en = renderDigest(content, TIME_ZONE, 'en');
    assert.match(en, /\*\*Latest notes \(2\)\*\*/);
    assert.doesNotMatch(en, /Ready for review/);
    const quiet = buildDigest({
      actions,
      history: new Map(),
      undelivered: [],
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    assert.match(
      renderDigest(quiet, TIME_ZONE, 'sv'),
      /\*\*Senaste kommentarer\*\*\n\nInga nya kommentarer i veckan\./,
    );
  });

  it('lists the recommendations to review when the tenant has auditors, with why each waits', () => {
    const content = buildDigest({
      actions,
      history,
      undelivered: [],
      toReview: [
        review(7, 'Säkerställ [intern](https://evil.example) kontroll', true),
        review(3, 'Inför en rutin'),
      ],
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    const sv = renderDigest(content, TIME_ZONE, 'sv');
    assert.match(
      sv,
      /\*\*Redo för granskning \(2\)\*\*\n\n- R-3 Inför en rutin \(Socialnämnden, Tekniska nämnden\): alla åtgärder är avslutade\n- R-7 Säkerställ \\\[intern\\\]\(https:\/\/evil\.example\) kontroll \(Socialnämnden, Tekniska nämnden\): en åtgärd har ändrats efter bedömningen Delvis åtgärdad \(2026-01-20\)/,
    );
    const en = renderDigest(content, TIME_ZONE, 'en');
    assert.match(
      en,
      /\*\*Ready for review \(2\)\*\*\n\n- R-3 Inför en rutin \(Socialnämnden, Tekniska nämnden\): every action is closed/,
    );
    const none = buildDigest({
      actions,
      history,
      undelivered: [],
      toReview: [],
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    assert.match(
      renderDigest(none, TIME_ZONE, 'sv'),
      /\*\*Redo för granskning\*\*\n\nInga rekommendationer väntar på revisorernas granskning\./,
    );
  });

  it('stays within Teams’ message size with hundreds of long notes and recommendations', () => {
    const long = 'lång text '.repeat(400);
    const many = Array.from({ length: 400 }, (_, i) => action(i + 1, { text: `${i} ${long}` }));
    const notes = new Map(
      many.map((a) => [a.ref, [event(a.ref, 2, 'note', '2026-03-25T09:00:00.000Z', `${a.ref} ${long}`)]]),
    );
    const content = buildDigest({
      actions: many,
      history: notes,
      undelivered: [],
      toReview: Array.from({ length: 400 }, (_, i) => review(i + 1, `${i} ${long}`)),
      from: FROM,
      to: TO,
      timeZone: TIME_ZONE,
    });
    assert.equal(content.notes.length, 400);
    const text = renderDigest(content, TIME_ZONE, 'sv');
    assert.ok(Buffer.byteLength(text, 'utf8') <= MAX_TEXT_BYTES, `${Buffer.byteLength(text, 'utf8')} bytes`);
    assert.match(text, /\*\*Senaste kommentarer \(400\)\*\*/);
    assert.match(text, /\*\*Redo för granskning \(400\)\*\*/);
    assert.match(text, /… och \d+ rader till/);
  });
});

describe('weekly digest: notes and recommendations to review, posted from storage', function () {
  this.timeout(60_000);
  let world: World;
  let channel: string;

  beforeEach(async () => {
    world = await createWorld({ start: '2026-03-20T08:00:00Z' });
    channel = await chooseDigestChannel(world);
  });
  afterEach(() => world.close());

  /** An audit with one recommendation whose one action is done, and another action with a note of the week. */
  async function seed(): Promise<number> {
    const audit = await addAudit(world);
    const [done, noted] = await addActions(world, audit, [
      { text: 'Rutinen tas fram', owner: 'anna@kommun.se', due: '2026-06-30' },
      { text: 'Utbildningen genomförs', owner: 'anna@kommun.se', due: '2026-06-30' },
    ]);
    assert.ok(done && noted);
    world.clock.set('2026-03-24T09:00:00Z');
    const stored = await world.actions.getAction(world.tenantId, done.ref);
    const change = changeStatus(
      stored.action,
      { to: 'Genomförd', comment: null },
      { by: 'anna', now: world.clock.now() },
    );
    await world.actions.updateAction(world.tenantId, change, stored.etag);
    world.clock.set('2026-03-25T09:00:00Z');
    const outcome = await addNote(
      world,
      world.tenantId,
      { ref: noted.ref, expectedVersion: null, text: 'väntar på lokal' },
      { by: 'anna', now: world.clock.now() },
      () => true,
    );
    assert.equal(outcome.kind, 'saved');
    return noted.ref;
  }

  const post = () => {
    const posts = world.connector.sent.filter((r) => r.kind === 'send' && r.conversationId === channel);
    assert.equal(posts.length, 1);
    return posts[0]!.activity.text ?? '';
  };

  it('shows the week’s notes, and no review section while the tenant has no auditors', async () => {
    const noted = await seed();
    world.clock.set('2026-03-30T06:00:00Z');
    assert.equal((await runDigest(world.runtime(), world.tenantId, world.clock.now())).delivered, true);
    const text = post();
    assert.match(
      text,
      new RegExp(
        `\\*\\*Senaste kommentarer \\(1\\)\\*\\*\\n\\n- A-${noted} Utbildningen genomförs \\(Socialnämnden\\): "väntar på lokal"`,
      ),
    );
    assert.doesNotMatch(text, /Redo för granskning/);
  });

  it('shows "Redo för granskning" once someone holds the auditor role', async () => {
    await seed();
    await world.roles.addRole(world.tenantId, {
      role: 'auditor',
      principal: 'revisor@kommun.se',
      committee: null,
    });
    // Both actions of R1 must be closed for it to wait for review: the second is done too.
    const open = (await world.actions.listActions(world.tenantId)).find((a) => a.status !== 'Genomförd');
    assert.ok(open);
    const stored = await world.actions.getAction(world.tenantId, open.ref);
    world.clock.set('2026-03-26T09:00:00Z');
    await world.actions.updateAction(
      world.tenantId,
      changeStatus(stored.action, { to: 'Genomförd', comment: null }, { by: 'anna', now: world.clock.now() }),
      stored.etag,
    );
    const [rec] = await world.audits.recommendations.listRecommendations(world.tenantId);
    assert.ok(rec);
    world.clock.set('2026-03-30T06:00:00Z');
    assert.equal((await runDigest(world.runtime(), world.tenantId, world.clock.now())).delivered, true);
    assert.match(
      post(),
      new RegExp(
        `\\*\\*Redo för granskning \\(1\\)\\*\\*\\n\\n- R-${rec.ref} Säkerställ en fungerande intern kontroll \\(Socialnämnden\\): alla åtgärder är avslutade`,
      ),
    );
  });
});
