import assert from 'node:assert/strict';
import { committeeKey, resolveCommittee } from '../../src/domain/committees';
import { DomainError } from '../../src/domain/errors';
import { checkGrant, grantForKnownCommittee, grantToRemove, type RoleGrant } from '../../src/domain/roles';

const KNOWN = ['Nämnd för teknik', 'Socialnämnden', 'Tekniska nämnden', 'Inköpsnämnden', 'Fornminnesnämnden'];

describe('committee names (pure)', () => {
  const cases: [typed: string, expected: string | null][] = [
    ['Nämnd för teknik', 'Nämnd för teknik'],
    ['nämnd för teknik', 'Nämnd för teknik'],
    ['för Socialnämnden', 'Socialnämnden'],
    ['For socialnämnden', 'Socialnämnden'],
    ['i Tekniska nämnden', 'Tekniska nämnden'],
    ['nämnd: Tekniska  nämnden', 'Tekniska nämnden'],
    ['committee=Tekniska nämnden', 'Tekniska nämnden'],
    ['Inköpsnämnden', 'Inköpsnämnden'],
    ['In Inköpsnämnden', 'Inköpsnämnden'],
    ['Fornminnesnämnden', 'Fornminnesnämnden'],
    ['Tekniska nämnden', 'Tekniska nämnden'],
    ['Tekniska na\u0308mnden', 'Tekniska nämnden'],
    ['för teknik', null],
    ['Kulturnämnden', null],
    ['för', null],
    ['', null],
  ];
  for (const [typed, expected] of cases) {
    it(`"${typed}" names ${expected === null ? 'no committee' : `"${expected}"`}`, () => {
      assert.equal(resolveCommittee(typed, KNOWN), expected);
    });
  }

  it('compares names by one key: case, spacing, invisible characters and Unicode form do not count', () => {
    assert.equal(committeeKey(' TEKNISKA\u200B  NA\u0308MNDEN '), committeeKey('Tekniska nämnden'));
  });
});

describe('checking a typed grant (pure)', () => {
  function problemOf(grant: RoleGrant): string {
    try {
      checkGrant(grant);
    } catch (error) {
      assert.ok(error instanceof DomainError);
      return error.problem.kind;
    }
    return 'none';
  }

  it('normalises the principal and the committee', () => {
    assert.deepEqual(
      checkGrant({ role: 'coordinator', principal: ' Bo@Kommun.SE ', committee: ' Tekniska   nämnden ' }),
      { role: 'coordinator', principal: 'bo@kommun.se', committee: 'Tekniska nämnden' },
    );
    const id = '3FA85F64-5717-4562-B3FC-2C963F66AFA6';
    assert.deepEqual(checkGrant({ role: 'auditor', principal: id, committee: null }), {
      role: 'auditor',
      principal: id.toLowerCase(),
      committee: null,
    });
  });

  it('refuses a principal that is neither an e-mail address nor an object id, quoting it clipped', () => {
    assert.equal(problemOf({ role: 'admin', principal: 'kalle', committee: null }), 'badPrincipal');
    assert.throws(
      () => checkGrant({ role: 'admin', principal: 'x'.repeat(200), committee: null }),
      (error: unknown) => error instanceof DomainError && error.message.length < 120,
    );
  });

  it('refuses a principal or committee over the limits before any storage sees them', () => {
    const long = `${'a'.repeat(400)}@kommun.se`;
    assert.equal(problemOf({ role: 'admin', principal: long, committee: null }), 'principalTooLong');
    assert.equal(
      problemOf({ role: 'coordinator', principal: 'bo@kommun.se', committee: 'N'.repeat(401) }),
      'committeeTooLong',
    );
  });

  it('wants a committee for a coordinator, and none for the other roles', () => {
    assert.equal(
      problemOf({ role: 'coordinator', principal: 'bo@kommun.se', committee: '  ' }),
      'coordinatorNeedsCommittee',
    );
    assert.equal(
      problemOf({ role: 'chair', principal: 'bo@kommun.se', committee: 'Socialnämnden' }),
      'roleHasNoCommittee',
    );
  });

  it('puts a granted committee in the spelling of the audits, or names the known ones', () => {
    const typed: RoleGrant = {
      role: 'coordinator',
      principal: 'bo@kommun.se',
      committee: 'för socialnämnden',
    };
    assert.equal(grantForKnownCommittee(typed, KNOWN).committee, 'Socialnämnden');
    assert.throws(
      () => grantForKnownCommittee({ ...typed, committee: 'Kulturnämnden' }, KNOWN),
      (error: unknown) =>
        error instanceof DomainError &&
        error.problem.kind === 'unknownCommittee' &&
        /Kända nämnder: Nämnd för teknik, Socialnämnden/.test(error.message),
    );
  });

  it('removes the stored grant a typed name means, whatever its spelling', () => {
    const stored: RoleGrant[] = [
      { role: 'coordinator', principal: 'bo@kommun.se', committee: 'tekniska nämnden' },
      { role: 'coordinator', principal: 'dora@kommun.se', committee: 'Socialnämnden' },
    ];
    const typed: RoleGrant = {
      role: 'coordinator',
      principal: 'bo@kommun.se',
      committee: 'för Tekniska nämnden',
    };
    assert.equal(grantToRemove(typed, stored).committee, 'tekniska nämnden');
    assert.deepEqual(grantToRemove({ ...typed, committee: 'Socialnämnden' }, stored), {
      ...typed,
      committee: 'Socialnämnden',
    });
  });
});
