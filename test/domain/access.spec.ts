import assert from 'node:assert/strict';
import {
  grantedRoles,
  importDecision,
  inScope,
  isOwner,
  mayAdminister,
  mayChangeAction,
  mayImport,
  mayRecordVerdict,
  maySettleOutbox,
  maySnooze,
  mayViewAction,
  overdueScope,
  summaryScope,
  type ImportFootprint,
  type Principal,
} from '../../src/domain/access';
import type { RoleGrant } from '../../src/domain/roles';

const TECHNICAL = 'Tekniska nämnden';
const SOCIAL = 'Sociala omsorgsnämnden';
const ANNA = 'anna.andersson@kommun.se';

/** The action every rule is asked about: Anna's, of the technical committee. */
const ACTION = { ownerEmail: ANNA, committee: TECHNICAL };

function person(overrides: Partial<Principal>): Principal {
  return {
    tenantId: 't1',
    aadObjectId: '00000000-0000-4000-8000-000000000001',
    email: null,
    isAdmin: false,
    isChair: false,
    isAuditor: false,
    coordinatorOf: [],
    isGuest: false,
    ...overrides,
  };
}

/** Each role the rules know, as a principal. */
const WHO = {
  owner: person({ email: ANNA }),
  otherOfficial: person({ email: 'bo.angstrom@kommun.se' }),
  // Granted in another case than the action's committee is spelled: it still counts.
  coordinatorOfCommittee: person({ email: 'dora@kommun.se', coordinatorOf: ['tekniska  nämnden'] }),
  coordinatorOfAnother: person({ email: 'dora@kommun.se', coordinatorOf: [SOCIAL] }),
  chair: person({ email: 'ordf@kommun.se', isChair: true }),
  auditor: person({ email: 'revisor@kommun.se', isAuditor: true }),
  admin: person({ email: 'it@kommun.se', isAdmin: true }),
  // A guest whose directory e-mail is the owner's, and who was somehow given roles: none of it counts.
  guest: person({ email: ANNA, isGuest: true, isAdmin: true, isChair: true, coordinatorOf: [TECHNICAL] }),
} as const;

type Who = keyof typeof WHO;

/** A document of the technical committee only. */
const TECHNICAL_DOCUMENT: ImportFootprint = {
  audit: [TECHNICAL],
  recommendations: [[TECHNICAL]],
  committed: [TECHNICAL],
};

/** What each role may do; every row is checked against every rule below. */
const EXPECTED: Record<
  Who,
  {
    view: boolean;
    change: boolean;
    snooze: boolean;
    overdue: 'all' | 'committees' | 'own' | 'none';
    summary: 'all' | 'committees' | 'none';
    importAtAll: boolean;
    importTechnical: boolean;
    administer: boolean;
    verdict: boolean;
  }
> = {
  owner: {
    view: true,
    change: true,
    snooze: true,
    overdue: 'own',
    summary: 'none',
    importAtAll: false,
    importTechnical: false,
    administer: false,
    verdict: false,
  },
  otherOfficial: {
    view: false,
    change: false,
    snooze: false,
    overdue: 'own',
    summary: 'none',
    importAtAll: false,
    importTechnical: false,
    administer: false,
    verdict: false,
  },
  coordinatorOfCommittee: {
    view: true,
    change: true,
    snooze: true,
    overdue: 'committees',
    summary: 'committees',
    importAtAll: true,
    importTechnical: true,
    administer: false,
    verdict: false,
  },
  coordinatorOfAnother: {
    view: false,
    change: false,
    snooze: false,
    overdue: 'committees',
    summary: 'committees',
    importAtAll: true,
    importTechnical: false,
    administer: false,
    verdict: false,
  },
  chair: {
    view: true,
    change: false,
    snooze: false,
    overdue: 'all',
    summary: 'all',
    importAtAll: false,
    importTechnical: false,
    administer: false,
    verdict: false,
  },
  auditor: {
    view: true,
    change: false,
    snooze: false,
    overdue: 'all',
    summary: 'all',
    importAtAll: false,
    importTechnical: false,
    administer: false,
    verdict: true,
  },
  admin: {
    view: true,
    change: true,
    snooze: true,
    overdue: 'all',
    summary: 'all',
    importAtAll: true,
    importTechnical: true,
    administer: true,
    verdict: false,
  },
  guest: {
    view: false,
    change: false,
    snooze: false,
    overdue: 'none',
    summary: 'none',
    importAtAll: false,
    importTechnical: false,
    administer: false,
    verdict: false,
  },
};

describe('access rules (pure)', () => {
  for (const [who, expected] of Object.entries(EXPECTED) as [Who, (typeof EXPECTED)[Who]][]) {
    describe(who, () => {
      const principal = WHO[who];

      it(`${expected.view ? 'sees' : 'does not see'} the action`, () => {
        assert.equal(mayViewAction(principal, ACTION), expected.view);
      });

      it(`${expected.change ? 'may' : 'may not'} change it, and ${expected.snooze ? 'may' : 'may not'} snooze it`, () => {
        assert.equal(mayChangeAction(principal, ACTION), expected.change);
        assert.equal(maySnooze(principal, ACTION), expected.snooze);
      });

      it(`sees the overdue list at scope ${expected.overdue}, and the action ${expected.view ? 'in' : 'not in'} it`, () => {
        const scope = overdueScope(principal);
        assert.equal(scope.kind, expected.overdue);
        // Whoever may see the action finds it in their overdue list; whoever may not, does not.
        assert.equal(inScope(scope, ACTION), expected.view);
      });

      it(`sees the summary at scope ${expected.summary}`, () => {
        const scope = summaryScope(principal);
        assert.equal(scope.kind, expected.summary);
        // The summary counts committees, not a person's own actions: the owner's is not in theirs.
        assert.equal(inScope(scope, ACTION), expected.summary !== 'none' && expected.view && who !== 'owner');
      });

      it(`${expected.importAtAll ? 'may' : 'may not'} import, ${expected.importTechnical ? 'and may' : 'and may not'} import for the committee`, () => {
        assert.equal(mayImport(principal), expected.importAtAll);
        assert.equal(importDecision(principal, TECHNICAL_DOCUMENT).allowed, expected.importTechnical);
      });

      it(`${expected.administer ? 'may' : 'may not'} grant roles and settle the outbox, ${expected.verdict ? 'may' : 'may not'} record verdicts`, () => {
        assert.equal(mayAdminister(principal), expected.administer);
        assert.equal(maySettleOutbox(principal), expected.administer);
        assert.equal(mayRecordVerdict(principal), expected.verdict);
      });
    });
  }

  describe('owners', () => {
    it('are matched by e-mail in any case, spacing and Unicode form', () => {
      const decomposed = 'A\u030Asa.Ostrom@Kommun.se ';
      const action = { ownerEmail: '\u00E5sa.ostrom@kommun.se', committee: TECHNICAL };
      const owner = person({ email: decomposed });
      assert.ok(isOwner(owner, action));
      assert.ok(mayChangeAction(owner, action));
      assert.ok(inScope(overdueScope(owner), action));
    });

    it('no one owns an action without an owner, and a person without an e-mail owns none', () => {
      assert.equal(isOwner(WHO.owner, { ownerEmail: null }), false);
      assert.equal(isOwner(person({ email: null }), { ownerEmail: ANNA }), false);
      assert.deepEqual(overdueScope(person({ email: null })), { kind: 'none' });
    });

    it('an auditor who owns the action still may not change it', () => {
      const both = person({ email: ANNA, isAuditor: true });
      assert.equal(mayViewAction(both, ACTION), true);
      assert.equal(mayChangeAction(both, ACTION), false);
    });
  });

  describe('a coordinator’s overdue list', () => {
    it('holds their committees’ actions and their own in other committees, and nothing else', () => {
      const dora = person({ email: 'Dora@kommun.se', coordinatorOf: [SOCIAL] });
      const scope = overdueScope(dora);
      assert.ok(inScope(scope, { ownerEmail: ANNA, committee: 'sociala OMSORGSNÄMNDEN' }));
      assert.ok(inScope(scope, { ownerEmail: 'dora@kommun.se', committee: TECHNICAL }));
      assert.equal(inScope(scope, ACTION), false);
    });
  });

  describe('importing', () => {
    const dora = person({ coordinatorOf: [SOCIAL] });

    it('lets a coordinator import their part of an audit addressed to several committees', () => {
      const decision = importDecision(dora, {
        audit: [TECHNICAL, SOCIAL],
        recommendations: [[TECHNICAL, SOCIAL], [SOCIAL]],
        committed: [SOCIAL, 'sociala omsorgsnämnden'],
      });
      assert.deepEqual(decision, { allowed: true });
    });

    it('refuses actions or dates for another committee, naming it once', () => {
      const decision = importDecision(dora, {
        audit: [TECHNICAL, SOCIAL],
        recommendations: [[TECHNICAL, SOCIAL]],
        committed: [SOCIAL, TECHNICAL, 'tekniska nämnden'],
      });
      assert.deepEqual(decision, { allowed: false, reason: 'otherCommittees', committees: [TECHNICAL] });
    });

    it('refuses an audit or a recommendation that names none of their committees', () => {
      assert.deepEqual(importDecision(dora, { audit: [TECHNICAL], recommendations: [], committed: [] }), {
        allowed: false,
        reason: 'otherCommittees',
        committees: [TECHNICAL],
      });
      assert.deepEqual(
        importDecision(dora, { audit: [SOCIAL], recommendations: [['Kulturnämnden']], committed: [] }),
        { allowed: false, reason: 'otherCommittees', committees: ['Kulturnämnden'] },
      );
    });

    it('says why someone without the right is refused', () => {
      assert.deepEqual(importDecision(WHO.chair, TECHNICAL_DOCUMENT), { allowed: false, reason: 'noRight' });
    });
  });

  describe('roles from grants', () => {
    const grants: RoleGrant[] = [
      { role: 'chair', principal: 'anna.andersson@kommun.se', committee: null },
      { role: 'coordinator', principal: '00000000-0000-4000-8000-000000000001', committee: SOCIAL },
      { role: 'auditor', principal: 'revisor@kommun.se', committee: null },
      { role: 'admin', principal: 'it@kommun.se', committee: null },
    ];

    it('matches grants by object id and by e-mail, in any case', () => {
      const roles = grantedRoles(
        grants,
        {
          aadObjectId: '00000000-0000-4000-8000-000000000001',
          email: 'Anna.Andersson@Kommun.se',
          isGuest: false,
        },
        [],
      );
      assert.deepEqual(roles, { isAdmin: false, isChair: true, isAuditor: false, coordinatorOf: [SOCIAL] });
    });

    it('makes the configured admin ids admins, in any case', () => {
      const roles = grantedRoles([], { aadObjectId: 'abc-def', email: null, isGuest: false }, ['ABC-DEF']);
      assert.equal(roles.isAdmin, true);
    });

    it('gives a guest no role at all', () => {
      const roles = grantedRoles(grants, { aadObjectId: 'abc-def', email: 'it@kommun.se', isGuest: true }, [
        'abc-def',
      ]);
      assert.deepEqual(roles, { isAdmin: false, isChair: false, isAuditor: false, coordinatorOf: [] });
    });
  });
});
