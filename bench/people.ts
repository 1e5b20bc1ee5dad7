/*
 * Who speaks to the bot in the latency benchmark, and about which actions: the chair (role `chair`, for `försenade`
 * over the whole tenant) and owners of open actions of the data set, each owner being the caller for their own
 * actions (`A-n klar` and the card button are only allowed to the owner). Every turn that changes an action gets an
 * action of its own, so every one of them writes.
 *
 * All of them are stored as users the bot has met before (e-mail known), as they would be after their first turn:
 * the first-contact path (member lookup) is not what is measured.
 */
import type { Action } from '../src/domain/types';
import { ActionRepository, RoleRepository, UserRepository, type Tables } from '../src/storage';
import type { ChannelAccountJson } from '../test/helpers/activities';
import { TENANT } from './dataset';

/** A Teams user of the benchmark: what activities carry, and the e-mail the bot knows them by. */
export interface Person {
  readonly account: Required<ChannelAccountJson>;
  readonly email: string;
}

/** The chair, who sees every overdue action. */
export const CHAIR: Person = person('c', 0, 'Ordförande Bench', 'ordforande@kommun.se');

/** Actions set aside for one kind of turn: each is changed once, by its owner. */
export interface Assignment {
  readonly owner: Person;
  readonly action: Action;
}

/** The people of a run and the actions each kind of changing turn may use. */
export interface Cast {
  /** Owners of open actions, most open actions first. */
  readonly owners: readonly Person[];
  /** Disjoint lists of owner and open action, `lists` of them with `perList` each. */
  readonly assignments: readonly (readonly Assignment[])[];
  /** E-mail by Entra object id, for every person of the cast. */
  readonly emails: ReadonlyMap<string, string>;
}

function person(kind: string, index: number, name: string, email: string): Person {
  const aadObjectId = `${kind.padEnd(8, '0')}-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return { account: { id: `29:bench-${kind}-${index}`, name, aadObjectId }, email };
}

/**
 * Picks owners with the most open actions until `lists` disjoint lists of `perList` open actions can be made,
 * stores them and the chair as users the bot knows, and grants the chair role.
 * @throws Error when the data set has too few open actions with an owner.
 */
export async function castPeople(tables: Tables, lists: number, perList: number): Promise<Cast> {
  const open = await new ActionRepository(tables.actions).listOpenActions(TENANT);
  const byOwner = new Map<string, Action[]>();
  for (const action of open) {
    if (action.ownerEmail)
      byOwner.set(action.ownerEmail, [...(byOwner.get(action.ownerEmail) ?? []), action]);
  }
  const ranked = [...byOwner].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
  const needed = lists * perList;
  const owners: Person[] = [];
  const pairs: Assignment[] = [];
  for (const [email, actions] of ranked) {
    if (pairs.length >= needed) break;
    const owner = person('b', owners.length, `Ägare ${owners.length}`, email);
    owners.push(owner);
    pairs.push(...actions.map((action) => ({ owner, action })));
  }
  if (pairs.length < needed)
    throw new Error(`Datan har ${pairs.length} öppna åtgärder med ägare, behöver ${needed}.`);
  // Dealt like cards, so that each list has actions of many owners and each owner's turns are spread out.
  const assignments = Array.from({ length: lists }, (_, list) =>
    pairs.filter((_, index) => index % lists === list).slice(0, perList),
  );

  const users = new UserRepository(tables.users, tables.roles);
  for (const p of [CHAIR, ...owners]) {
    await users.upsertUser(TENANT, {
      aadObjectId: p.account.aadObjectId,
      email: p.email,
      name: p.account.name,
    });
  }
  await new RoleRepository(tables.roles, tables.users).addRole(TENANT, {
    role: 'chair',
    principal: CHAIR.email,
    committee: null,
  });
  const emails = new Map([CHAIR, ...owners].map((p) => [p.account.aadObjectId, p.email]));
  return { owners, assignments, emails };
}
