/**
 * Who may do what: every access rule of the bot, in one place, over a plain {@link Principal}. Pure: the bot, the
 * scheduler and storage queries ask these functions and never write a rule of their own.
 *
 * The roles:
 * - an **official** sees and changes the actions they own (matched by e-mail), and lists their own overdue ones;
 * - a **coordinator** acts for the committees they coordinate: sees and changes their actions, lists and sums
 *   them, snoozes their reminders and imports response documents for them;
 * - the **chair** sees every action, list and summary, and changes nothing;
 * - an **auditor** (revisor) reads like the chair and records the auditors' verdicts on recommendations. The
 *   role never changes an action, even for a person who also holds another role: auditors must stay independent
 *   of what they audit. Verdicts are not stored yet; {@link mayRecordVerdict} is the rule they will ask;
 * - an **admin** may do everything above except record verdicts, and alone grants roles and picks the digest
 *   channel;
 * - a **guest** (or a member of another tenant in a shared channel) reads their own items at most, and no role
 *   counts for them.
 *
 * Importing a response document writes an audit, its recommendations and actions, and the dates that drive
 * reminders. An admin imports for any committee. A coordinator imports a document only when every action, response
 * date and board feedback date in it is for a committee they coordinate, and the audit and each recommendation name
 * at least one of their committees: an audit addressed to two committees is answered by each committee's
 * coordinator for their own part. The chair and auditors do not import: they do not change actions.
 *
 * E-mail addresses are compared through {@link principalOf} and committee names through {@link committeeKey},
 * here and nowhere else.
 */
import { committeeKey, distinctCommittees } from './committees';
import { principalOf, type RoleGrant } from './roles';
import type { Action } from './types';

/** Who is asking, as the rules need it: decided from the activity and the stored grants, never from card data. */
export interface Principal {
  readonly tenantId: string;
  readonly aadObjectId: string;
  /** E-mail (UPN) from the directory; null when unknown. */
  readonly email: string | null;
  readonly isAdmin: boolean;
  readonly isChair: boolean;
  readonly isAuditor: boolean;
  /** Committees this person coordinates, as granted. */
  readonly coordinatorOf: readonly string[];
  /** Guests and people from other tenants: no role counts, and they change nothing. */
  readonly isGuest: boolean;
}

/** What of an action the rules look at. */
export type ActionAccessFields = Pick<Action, 'ownerEmail' | 'committee'>;

/**
 * Which actions a list or a summary covers: every one, those of some committees (plus the person's own, when an
 * e-mail is given), the person's own, or none.
 */
export type ActionScope =
  | { readonly kind: 'all' }
  | {
      readonly kind: 'committees';
      readonly committees: readonly string[];
      readonly ownerEmail: string | null;
    }
  | { readonly kind: 'own'; readonly ownerEmail: string }
  | { readonly kind: 'none' };

/** The roles that come from a person's grants: what {@link Principal} holds besides who they are. */
export type GrantedRoles = Pick<Principal, 'isAdmin' | 'isChair' | 'isAuditor' | 'coordinatorOf'>;

/**
 * The roles a person holds, from the tenant's grants (matched by object id or e-mail) and the admins configured by
 * object id. A guest holds none, whatever was granted to their id or address.
 */
export function grantedRoles(
  grants: readonly RoleGrant[],
  person: { aadObjectId: string; email: string | null; isGuest: boolean },
  adminAadIds: readonly string[],
): GrantedRoles {
  if (person.isGuest) return { isAdmin: false, isChair: false, isAuditor: false, coordinatorOf: [] };
  const id = principalOf(person.aadObjectId);
  const names = new Set([id, ...(person.email ? [principalOf(person.email)] : [])]);
  const own = grants.filter((grant) => names.has(principalOf(grant.principal)));
  return {
    isAdmin: adminAadIds.some((admin) => principalOf(admin) === id) || own.some((g) => g.role === 'admin'),
    isChair: own.some((g) => g.role === 'chair'),
    isAuditor: own.some((g) => g.role === 'auditor'),
    coordinatorOf: own.flatMap((g) => (g.role === 'coordinator' && g.committee ? [g.committee] : [])),
  };
}

/** Whether two e-mail addresses (or object ids) name the same person: trimmed, NFC, any case. */
export function samePrincipal(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const left = principalOf(a);
  return left !== '' && left === principalOf(b);
}

/** Is this person the action's owner. A guest never is, even with an owner's address in the directory. */
export function isOwner(principal: Principal, action: Pick<Action, 'ownerEmail'>): boolean {
  return !principal.isGuest && samePrincipal(principal.email, action.ownerEmail);
}

/** Does this person coordinate this committee (names compared by {@link committeeKey}). */
export function coordinates(principal: Principal, committee: string): boolean {
  if (principal.isGuest) return false;
  const wanted = committeeKey(committee);
  return principal.coordinatorOf.some((name) => committeeKey(name) === wanted);
}

/** May this person change the action (status, date): its owner, a coordinator of its committee, an admin. */
export function mayChangeAction(principal: Principal, action: ActionAccessFields): boolean {
  if (principal.isGuest || principal.isAuditor) return false;
  return principal.isAdmin || isOwner(principal, action) || coordinates(principal, action.committee);
}

/** May this person see the action and its history: whoever may change it, the chair and auditors. */
export function mayViewAction(principal: Principal, action: ActionAccessFields): boolean {
  if (principal.isGuest) return false;
  return (
    principal.isAdmin ||
    principal.isChair ||
    principal.isAuditor ||
    isOwner(principal, action) ||
    coordinates(principal, action.committee)
  );
}

/**
 * May this person add a progress note or evidence to the action: the same people who may change it. Auditors never
 * do, even holding another role: what they audit must come from the committee.
 */
export function mayAnnotateAction(principal: Principal, action: ActionAccessFields): boolean {
  return mayChangeAction(principal, action);
}

/** May this person pause the action's reminders: the same people who may change it. */
export function maySnooze(principal: Principal, action: ActionAccessFields): boolean {
  return mayChangeAction(principal, action);
}

/**
 * Which overdue actions this person sees: admins, the chair and auditors all; a coordinator their committees' and
 * their own; anyone else their own; a guest none.
 */
export function overdueScope(principal: Principal): ActionScope {
  if (principal.isGuest) return { kind: 'none' };
  if (principal.isAdmin || principal.isChair || principal.isAuditor) return { kind: 'all' };
  if (principal.coordinatorOf.length > 0) {
    return { kind: 'committees', committees: principal.coordinatorOf, ownerEmail: principal.email };
  }
  return principal.email === null ? { kind: 'none' } : { kind: 'own', ownerEmail: principal.email };
}

/**
 * Which actions the board summary counts for this person: admins, the chair and auditors all; a coordinator their
 * committees'; nobody else any (the summary is a board view, not a personal list).
 */
export function summaryScope(principal: Principal): ActionScope {
  if (principal.isGuest) return { kind: 'none' };
  if (principal.isAdmin || principal.isChair || principal.isAuditor) return { kind: 'all' };
  if (principal.coordinatorOf.length > 0) {
    return { kind: 'committees', committees: principal.coordinatorOf, ownerEmail: null };
  }
  return { kind: 'none' };
}

/**
 * Whose unreachable owners this person is shown (`oåtkomliga`): admins every action's, a coordinator their
 * committees'; nobody else any (it names other people and is for those who can follow it up).
 */
export function unreachableScope(principal: Principal): ActionScope {
  if (principal.isGuest) return { kind: 'none' };
  if (principal.isAdmin) return { kind: 'all' };
  if (principal.coordinatorOf.length > 0) {
    return { kind: 'committees', committees: principal.coordinatorOf, ownerEmail: null };
  }
  return { kind: 'none' };
}

/** Whether an action falls within a scope. */
export function inScope(scope: ActionScope, action: ActionAccessFields): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'own':
      return samePrincipal(scope.ownerEmail, action.ownerEmail);
    case 'committees': {
      const wanted = committeeKey(action.committee);
      return (
        scope.committees.some((name) => committeeKey(name) === wanted) ||
        samePrincipal(scope.ownerEmail, action.ownerEmail)
      );
    }
  }
}

/** The committees a document to import touches, as the import rule looks at them. */
export interface ImportFootprint {
  /** The committees the audit is addressed to. */
  readonly audit: readonly string[];
  /** Per recommendation, the committees it is addressed to. */
  readonly recommendations: readonly (readonly string[])[];
  /** The committees that get actions, response dates or board feedback dates. */
  readonly committed: readonly string[];
}

/** Whether a person may import, and if not, why: no right to import at all, or committees that are not theirs. */
export type ImportDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'noRight' }
  | { readonly allowed: false; readonly reason: 'otherCommittees'; readonly committees: readonly string[] };

/** May this person import at all (before the document is read): admins and coordinators. */
export function mayImport(principal: Principal): boolean {
  return !principal.isGuest && (principal.isAdmin || principal.coordinatorOf.length > 0);
}

/**
 * May this person import this document (see the module's description). When not, `committees` names the
 * committees that are not theirs: those with actions or dates, else those of an audit or recommendation that names
 * none of theirs.
 */
export function importDecision(principal: Principal, footprint: ImportFootprint): ImportDecision {
  if (!mayImport(principal)) return { allowed: false, reason: 'noRight' };
  if (principal.isAdmin) return { allowed: true };
  const theirs = (name: string): boolean => coordinates(principal, name);
  const outside = footprint.committed.filter((name) => !theirs(name));
  const unanswered = [footprint.audit, ...footprint.recommendations].filter(
    (names) => names.length > 0 && !names.some(theirs),
  );
  const refused = outside.length > 0 ? outside : unanswered.flat();
  if (refused.length === 0 && unanswered.length === 0) return { allowed: true };
  return { allowed: false, reason: 'otherCommittees', committees: distinctCommittees(refused) };
}

/** May this person grant and take back roles, and choose the digest channel: admins only. */
export function mayAdminister(principal: Principal): boolean {
  return !principal.isGuest && principal.isAdmin;
}

/**
 * May this person see the proactive messages whose delivery is uncertain and settle them (`utkorg`): admins only. The
 * rows name every recipient, and settling one decides whether a person is sent a reminder again.
 */
export function maySettleOutbox(principal: Principal): boolean {
  return !principal.isGuest && principal.isAdmin;
}

/** May this person record the auditors' verdict on a recommendation: auditors only. */
export function mayRecordVerdict(principal: Principal): boolean {
  return !principal.isGuest && principal.isAuditor;
}

/**
 * May this person see a recommendation with its actions, evidence and verdicts: the chair, admins and auditors, and
 * whoever may see any of its actions.
 */
export function mayViewRecommendation(principal: Principal, actions: readonly ActionAccessFields[]): boolean {
  if (principal.isGuest) return false;
  if (principal.isAdmin || principal.isChair || principal.isAuditor) return true;
  return actions.some((action) => mayViewAction(principal, action));
}

/** May this person list the recommendations waiting for the auditors' review: auditors, the chair and admins. */
export function mayListToReview(principal: Principal): boolean {
  return !principal.isGuest && (principal.isAuditor || principal.isChair || principal.isAdmin);
}

/** May this person have the board report as a file: the chair and admins. */
export function mayHaveBoardReport(principal: Principal): boolean {
  return !principal.isGuest && (principal.isChair || principal.isAdmin);
}

/** May this person have an audit's follow-up review pack as a file: auditors, the chair and admins. */
export function mayHaveReviewPack(principal: Principal): boolean {
  return mayListToReview(principal);
}
