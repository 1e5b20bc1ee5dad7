import assert from 'node:assert/strict';
import { unreachableScope, type Principal } from '../../src/domain/access';
import { describeUnreachable, unreachableOwners, type ReachInput } from '../../src/domain/reach';
import { en, sv } from '../../src/texts';

const ANNA = 'a0000001-0000-4000-8000-000000000001';
const BO = 'b0000002-0000-4000-8000-000000000002';

const input: ReachInput = {
  actions: [
    { ref: 7, ownerEmail: 'Anna.Andersson@kommun.se' },
    { ref: 3, ownerEmail: 'anna.andersson@kommun.se' },
    { ref: 4, ownerEmail: 'bo@kommun.se' },
    { ref: 5, ownerEmail: 'cecilia@kommun.se' },
    { ref: 6, ownerEmail: 'okand@kommun.se' },
    { ref: 8, ownerEmail: null },
  ],
  users: [
    { aadObjectId: ANNA, email: 'anna.andersson@kommun.se' },
    { aadObjectId: BO, email: 'bo@kommun.se' },
    { aadObjectId: 'c0000003-0000-4000-8000-000000000003', email: 'cecilia@kommun.se' },
  ],
  personalChats: [
    { aadObjectId: ANNA, active: true, inactiveReason: null, updatedAt: '2026-03-01T10:00:00Z' },
    {
      aadObjectId: BO.toUpperCase(),
      active: false,
      inactiveReason: '403 ConversationBlockedByUser',
      updatedAt: '2026-03-01T23:30:00Z',
    },
  ],
  timeZone: 'Europe/Stockholm',
};

describe('domain/reach: owners the bot cannot reach (pure)', () => {
  it('names owners without a Teams user and those whose chat stopped working; not the reachable ones', () => {
    assert.deepEqual(unreachableOwners(input), [
      {
        owner: 'bo@kommun.se',
        refs: [4],
        // 23:30 UTC is past midnight in Stockholm.
        reason: { kind: 'chatInactive', since: '2026-03-02', code: '403 ConversationBlockedByUser' },
      },
      { owner: 'okand@kommun.se', refs: [6], reason: { kind: 'noTeamsUser' } },
    ]);
  });

  it('groups an owner written in any case and sorts their actions', () => {
    const owners = unreachableOwners({ ...input, users: [] });
    assert.deepEqual(owners[0], {
      owner: 'anna.andersson@kommun.se',
      refs: [3, 7],
      reason: { kind: 'noTeamsUser' },
    });
  });

  it('describes an owner in Swedish and in English, escaping what the caller escapes', () => {
    const [bo, unknown] = unreachableOwners(input);
    const mark = (text: string) => `<${text}>`;
    assert.equal(
      describeUnreachable(bo!, sv.reach, mark),
      '<bo@kommun.se> (A-4): chatten med boten fungerar inte sedan 2026-03-02 (<403 ConversationBlockedByUser>)',
    );
    assert.equal(
      describeUnreachable(unknown!, en.reach, (text) => text),
      'okand@kommun.se (A-6): no Teams user the bot has met has this e-mail address',
    );
  });

  it('says Graph refused the install for an unknown owner with such a dead letter, the latest refusal winning', () => {
    const owners = unreachableOwners({
      ...input,
      deadLetters: [
        { recipient: 'OKAND@kommun.se', code: 'GraphForbidden', updatedAt: '2026-03-01T08:00:00Z' },
        { recipient: 'okand@kommun.se', code: 'GraphUserNotFound', updatedAt: '2026-03-02T08:00:00Z' },
        // A known owner's dead letter, or another code, changes nothing.
        { recipient: 'bo@kommun.se', code: 'GraphForbidden', updatedAt: '2026-03-02T08:00:00Z' },
        { recipient: 'cecilia@kommun.se', code: 'UnknownUser', updatedAt: '2026-03-02T08:00:00Z' },
      ],
    });
    assert.deepEqual(
      owners.map((owner) => [owner.owner, owner.reason.kind]),
      [
        ['bo@kommun.se', 'chatInactive'],
        ['okand@kommun.se', 'graphRefused'],
      ],
    );
    const unknown = owners[1]!;
    assert.deepEqual(unknown.reason, { kind: 'graphRefused', code: 'GraphUserNotFound' });
    assert.match(
      describeUnreachable(unknown, sv.reach, (text) => text),
      /^okand@kommun\.se \(A-6\): installationen via Microsoft Graph nekades: ingen användare/,
    );
    const forbidden = { ...unknown, reason: { kind: 'graphRefused', code: 'GraphForbidden' } as const };
    assert.match(
      describeUnreachable(forbidden, en.reach, (text) => text),
      /Graph install refused: the bot lacks a permission.*TeamsAppInstallation\.ReadWriteForUser\.All and User\.Read\.All in Microsoft Graph$/,
    );
    assert.match(
      describeUnreachable(forbidden, sv.reach, (text) => text),
      /nekades: boten saknar behörighet/,
    );
  });

  it('shows admins every owner, a coordinator their committees, nobody else any', () => {
    const base: Principal = {
      tenantId: 't',
      aadObjectId: ANNA,
      email: 'anna.andersson@kommun.se',
      isAdmin: false,
      isChair: false,
      isAuditor: false,
      coordinatorOf: [],
      isGuest: false,
    };
    assert.deepEqual(unreachableScope({ ...base, isAdmin: true }), { kind: 'all' });
    assert.deepEqual(unreachableScope({ ...base, coordinatorOf: ['Socialnämnden'] }), {
      kind: 'committees',
      committees: ['Socialnämnden'],
      ownerEmail: null,
    });
    for (const who of [base, { ...base, isChair: true }, { ...base, isAuditor: true }]) {
      assert.deepEqual(unreachableScope(who), { kind: 'none' });
    }
    assert.deepEqual(unreachableScope({ ...base, isAdmin: true, isGuest: true }), { kind: 'none' });
  });
});
