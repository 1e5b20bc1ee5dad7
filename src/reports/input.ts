/** Reading what the board report is built from, for the CLI, chat's `rapport` and the tab alike. */
import type { Action, Audit, HistoryEvent, TrackedRecommendation } from '../domain/types';
import {
  ActionRepository,
  AuditRepository,
  ConversationRepository,
  UserRepository,
  type Tables,
} from '../storage';
import type { UnreachableOwner } from './boardReport';
import type { ReviewPackInput } from './reviewPack';

/** What the board report is built from: everything it needs and nothing more. */
export interface ReportInput {
  audits: Audit[];
  actions: Action[];
  /** Only the `deadline` and `note` events, by reference and then oldest first: moved deadlines and progress notes. */
  history: HistoryEvent[];
  /** Who wrote the notes: each user's e-mail (else name) by Entra object id. */
  people: Map<string, string>;
  unreachableOwners: UnreachableOwner[];
  /** The recommendations with their latest verdicts, for the verdict counts. */
  recommendations: TrackedRecommendation[];
}

/** The repositories the report is read from; a turn and the tab pass their own, a command makes them. */
export interface ReportSources {
  actions: Pick<ActionRepository, 'listActions' | 'listTenantHistory'>;
  audits: Pick<AuditRepository, 'listAudits' | 'recommendations'>;
  users: Pick<UserRepository, 'listUsers'>;
  conversations: Pick<ConversationRepository, 'listConversations'>;
}

/** {@link ReportSources} over the app's tables. */
export function reportSourcesOf(tables: Tables): ReportSources {
  return {
    actions: new ActionRepository(tables.actions),
    audits: new AuditRepository(tables.audits),
    users: new UserRepository(tables.users),
    conversations: new ConversationRepository(tables.conversations),
  };
}

/**
 * Reads what the board report needs for one tenant, in a handful of range queries run side by side: audits with
 * their recommendations, every action, the deadline changes and the notes of all actions (one query for both, not
 * one per action or per kind), the users (to name who wrote a note, and whose chat no longer accepts messages), and the personal
 * chats marked inactive when a send failed for good.
 */
export async function readReportInput(sources: ReportSources, tenantId: string): Promise<ReportInput> {
  const [audits, actions, history, users, chats, recommendations] = await Promise.all([
    sources.audits.listAudits(tenantId),
    sources.actions.listActions(tenantId),
    sources.actions.listTenantHistory(tenantId, { kinds: ['deadline', 'note'] }),
    sources.users.listUsers(tenantId),
    sources.conversations.listConversations(tenantId, { type: 'personal' }),
    sources.audits.recommendations.listRecommendations(tenantId),
  ]);
  const people = new Map<string, string>();
  const emails = new Map<string, string>();
  for (const user of users) {
    const known = user.email ?? user.name;
    if (known) people.set(user.aadObjectId, known);
    if (user.email) emails.set(user.aadObjectId, user.email);
  }
  const unreachableOwners = chats.flatMap((chat): UnreachableOwner[] => {
    const email = chat.active ? undefined : emails.get(chat.reference.user?.aadObjectId ?? '');
    return email ? [{ email, reason: chat.inactiveReason, since: chat.updatedAt }] : [];
  });
  return { audits, actions, history, people, unreachableOwners, recommendations };
}

/** The repositories one audit's review pack is read from. */
export interface ReviewPackSources {
  actions: Pick<ActionRepository, 'listActions' | 'listHistory'>;
  audits: Pick<AuditRepository, 'recommendations'>;
}

/**
 * Reads what one audit's follow-up review pack is made of, for `cli review`, chat's `uppföljning` and the tab alike:
 * its recommendations and actions, each action's whole history (notes and revised dates included) and each
 * recommendation's verdicts. One audit has a handful of actions and recommendations: a query each is cheaper than
 * reading the tenant's all.
 */
export async function readReviewPackInput(
  sources: ReviewPackSources,
  tenantId: string,
  audit: Audit,
): Promise<ReviewPackInput> {
  const [recommendations, actions] = await Promise.all([
    sources.audits.recommendations.listRecommendations(tenantId, { auditId: audit.id }),
    sources.actions.listActions(tenantId, { auditId: audit.id }),
  ]);
  const [history, verdicts] = await Promise.all([
    Promise.all(actions.map((action) => sources.actions.listHistory(tenantId, action.ref))),
    Promise.all(
      recommendations.map((rec) => sources.audits.recommendations.listVerdicts(tenantId, { ref: rec.ref })),
    ),
  ]);
  return { audit, recommendations, actions, history: history.flat(), verdicts: verdicts.flat() };
}
