import { normalizeInput } from './text';

/**
 * Roles a person can be granted. A coordinator acts for one committee; admin, chair and auditor for the whole
 * tenant. The auditor (revisor) reads every committee's actions and recommendations and records verdicts, and
 * never changes an action.
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
  /** The committee, for coordinators; null for admin and chair. */
  committee: string | null;
}

/**
 * A principal as grants are stored and compared: trimmed, NFC and in lower case, so that `Anna@Kommun.se` and
 * `anna@kommun.se` are one person. Empty when nothing is left.
 */
export function principalOf(text: string): string {
  return normalizeInput(text).toLowerCase();
}

/** A Teams user as the bot knows them. */
export interface User {
  aadObjectId: string;
  /** E-mail or UPN from the connector's member API, lower case; null until it is known. */
  email: string | null;
  name: string | null;
}
