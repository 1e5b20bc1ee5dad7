import { MAX_COMMITTEE_LENGTH, resolveCommittee } from './committees';
import { DomainError } from './errors';
import { clip, normalizeInput } from './text';

/**
 * Roles a person can be granted. A coordinator acts for one committee; admin, chair and auditor for the whole
 * tenant. The auditor (revisor) reads every committee's actions and recommendations and records verdicts, and
 * never changes an action. What each may do is decided in `access.ts`.
 */
export const ROLES = ['admin', 'chair', 'coordinator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Each role as Swedish readers name it. */
export const ROLE_NAMES_SV: Readonly<Record<Role, string>> = {
  admin: 'administratör',
  chair: 'ordförande',
  coordinator: 'samordnare',
  auditor: 'revisor',
};

/** One grant of a role to a person, named by e-mail (UPN) or Entra object id. */
export interface RoleGrant {
  role: Role;
  /** E-mail or Entra object id, in lower case. */
  principal: string;
  /** The committee, for coordinators; null for the other roles. */
  committee: string | null;
}

/** The longest principal accepted: an e-mail address has at most 254 characters (RFC 5321). */
export const MAX_PRINCIPAL_LENGTH = 254;

const EMAIL = /^[^\s@]+@[^\s@](?=[^\s@]*\.[^\s@])[^\s@]+$/u;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** How much of an offending value a message quotes back. */
const QUOTED_LENGTH = 40;

/**
 * A principal as grants are stored and compared: trimmed, NFC and in lower case, so that `Anna@Kommun.se` and
 * `anna@kommun.se` are one person. Empty when nothing is left.
 */
export function principalOf(text: string): string {
  return normalizeInput(text).toLowerCase();
}

/**
 * A grant as a person typed it (in chat or on the command line), checked before anything is read or stored: the
 * principal an e-mail address or an Entra object id of sensible length, a committee for coordinators only and of
 * sensible length. Returns it normalised.
 * @throws DomainError `InvalidValue` naming the first problem.
 */
export function checkGrant(grant: RoleGrant): RoleGrant {
  const principal = principalOf(grant.principal);
  if (principal.length > MAX_PRINCIPAL_LENGTH) {
    throw new DomainError({ kind: 'principalTooLong', length: principal.length, max: MAX_PRINCIPAL_LENGTH });
  }
  if (!EMAIL.test(principal) && !OBJECT_ID.test(principal)) {
    throw new DomainError({ kind: 'badPrincipal', given: JSON.stringify(clip(principal, QUOTED_LENGTH)) });
  }
  const committee = grant.committee === null ? '' : normalizeInput(grant.committee);
  if (grant.role !== 'coordinator') {
    if (committee !== '') throw new DomainError({ kind: 'roleHasNoCommittee', role: grant.role });
    return { role: grant.role, principal, committee: null };
  }
  if (committee === '') throw new DomainError({ kind: 'coordinatorNeedsCommittee' });
  if (committee.length > MAX_COMMITTEE_LENGTH) {
    throw new DomainError({ kind: 'committeeTooLong', length: committee.length, max: MAX_COMMITTEE_LENGTH });
  }
  return { role: grant.role, principal, committee };
}

/**
 * A checked grant with its committee spelled as the tenant's audits spell it, so the role lands on a committee
 * that exists. `known` are the committees the tenant's audits name. Roles without a committee pass unchanged.
 * @throws DomainError `InvalidValue` (`unknownCommittee`) when the committee is not among them.
 */
export function grantForKnownCommittee(grant: RoleGrant, known: readonly string[]): RoleGrant {
  if (grant.committee === null) return grant;
  const committee = resolveCommittee(grant.committee, known);
  if (committee === null) {
    throw new DomainError({
      kind: 'unknownCommittee',
      given: clip(grant.committee, QUOTED_LENGTH),
      known: [...known],
    });
  }
  return { ...grant, committee };
}

/**
 * The stored grant a removal means: the same role and person, and for a coordinator the grant whose committee the
 * typed name resolves to (any case, with or without "för"), so a grant stored in another spelling can be taken back.
 * The typed grant itself when none matches (the repository then says the person does not hold it).
 */
export function grantToRemove(typed: RoleGrant, existing: readonly RoleGrant[]): RoleGrant {
  if (typed.committee === null) return typed;
  const principal = principalOf(typed.principal);
  const theirs = existing.filter(
    (grant) =>
      grant.role === typed.role && principalOf(grant.principal) === principal && grant.committee !== null,
  );
  const committee = resolveCommittee(
    typed.committee,
    theirs.map((grant) => grant.committee ?? ''),
  );
  return committee === null ? typed : { ...typed, committee };
}

/** A Teams user as the bot knows them. */
export interface User {
  aadObjectId: string;
  /** E-mail or UPN from the connector's member API, lower case; null until it is known. */
  email: string | null;
  name: string | null;
  /**
   * The language the person last wrote to the bot in; null or absent when not known yet (the bot then goes by Teams'
   * locale, else Swedish).
   */
  language?: 'sv' | 'en' | null;
}
