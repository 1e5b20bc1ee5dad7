import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../domain/actions';
import { resolveDeadline } from '../domain/deadlines';
import { formatRef } from '../domain/refs';
import type { Audit, Deadline, Recommendation } from '../domain/types';
import type { ActionDraft, ActionRepository } from '../storage/actionRepository';
import type { AuditRepository } from '../storage/auditRepository';
import type { ImportAuditInput, ImportDocument } from './structured';

/** What an import needs from storage. */
export interface ImportDeps {
  audits: AuditRepository;
  actions: ActionRepository;
}

/** One action as the import reports it. */
export interface ImportedAction {
  /** `A-17`; null in a draft that is not saved. */
  ref: string | null;
  text: string;
  owner: string | null;
  committee: string;
  /** The resolved due date, or null when the phrase gives none (a person must set it). */
  due: string | null;
  /** The words of the file ("under hösten 2021"). */
  phrase: string;
  /** False when the action was there already (importing the same file twice changes nothing). */
  created: boolean;
}

/** One audit as the import reports it. */
export interface ImportedAudit {
  id: string;
  title: string;
  created: boolean;
  actions: ImportedAction[];
}

/** The outcome of an import: what exists now for every audit of the file. */
export interface ImportResult {
  audits: ImportedAudit[];
}

interface PlannedAudit {
  audit: Audit;
  exists: boolean;
  /** Recommendations of the file that a stored audit lacks. */
  addedRecommendations: Recommendation[];
  actions: (ActionDraft & { existingRef: number | null })[];
}

/**
 * Saves a validated import document: new audits, then new actions with their references. Audits already stored
 * are matched by diary number (else title and report date), actions by recommendation and text, so importing the
 * same file twice changes nothing. All or nothing: when a write fails, the audits written so far are deleted again
 * (ActionRepository undoes its own part).
 */
export async function saveImport(
  tenantId: string,
  document: ImportDocument,
  deps: ImportDeps,
  context: ChangeContext,
): Promise<ImportResult> {
  const plans: PlannedAudit[] = [];
  for (const input of document.audits) plans.push(await planAudit(tenantId, input, deps));

  const createdAudits: Audit[] = [];
  const extended: PlannedAudit[] = [];
  const newDrafts = plans.flatMap((plan) => plan.actions.filter((a) => a.existingRef === null));
  let createdRefs: number[];
  try {
    for (const plan of plans.filter((p) => !p.exists)) {
      createdAudits.push(await deps.audits.createAudit(tenantId, plan.audit));
    }
    for (const plan of plans.filter((p) => p.exists && p.addedRecommendations.length > 0)) {
      await deps.audits.addRecommendations(tenantId, plan.audit, plan.addedRecommendations);
      extended.push(plan);
    }
    const created = await deps.actions.createActions(
      tenantId,
      newDrafts.map(({ existingRef: _unused, ...draft }) => draft),
      context,
    );
    createdRefs = created.map((action) => action.ref);
  } catch (error) {
    // Undo what this import wrote; the original error is what the user must see.
    for (const audit of createdAudits) await deps.audits.deleteAudit(tenantId, audit).catch(() => undefined);
    for (const plan of extended) {
      const all = {
        ...plan.audit,
        recommendations: [...plan.audit.recommendations, ...plan.addedRecommendations],
      };
      await deps.audits
        .removeRecommendations(tenantId, all, plan.addedRecommendations.length)
        .catch(() => undefined);
    }
    throw error;
  }

  const refs = new Map(newDrafts.map((draft, index) => [draft, createdRefs[index] ?? null]));
  return {
    audits: plans.map((plan) => ({
      id: plan.audit.id,
      title: plan.audit.title,
      created: !plan.exists,
      actions: plan.actions.map((draft) => {
        const ref = draft.existingRef ?? refs.get(draft) ?? null;
        return describeAction(draft, ref, draft.existingRef === null);
      }),
    })),
  };
}

/** Describes a document as a draft, saving nothing: every action without a reference. */
export function describeDraft(document: ImportDocument): ImportResult {
  return {
    audits: document.audits.map((input) => {
      const { audit, actions } = buildAudit(input, randomUUID());
      return {
        id: audit.id,
        title: audit.title,
        created: false,
        actions: actions.map((draft) => describeAction(draft, null, false)),
      };
    }),
  };
}

async function planAudit(tenantId: string, input: ImportAuditInput, deps: ImportDeps): Promise<PlannedAudit> {
  const existingId = await deps.audits.findAuditId(tenantId, input);
  const existing = existingId === null ? null : await deps.audits.getAudit(tenantId, existingId);
  const { audit, actions } = buildAudit(input, existing?.id ?? randomUUID(), existing);
  const planned = [];
  for (const draft of actions) {
    planned.push({ ...draft, existingRef: existing ? await deps.actions.findRef(tenantId, draft) : null });
  }
  const added = existing
    ? audit.recommendations.filter((rec) => !existing.recommendations.some((r) => r.id === rec.id))
    : [];
  return {
    audit: existing ?? audit,
    exists: existing !== null,
    addedRecommendations: added,
    actions: planned,
  };
}

/**
 * Turns one audit of the file into domain values: recommendations numbered R1, R2, ... in file order (or matched
 * by text to those of an audit already stored), deadline phrases resolved against the document's date.
 */
function buildAudit(
  input: ImportAuditInput,
  id: string,
  existing: Audit | null = null,
): { audit: Audit; actions: ActionDraft[] } {
  // New recommendations of a stored audit are numbered after the stored ones, so ids never collide.
  let next = existing ? existing.recommendations.length + 1 : 1;
  const recommendations: Recommendation[] = input.recommendations.map((rec) => ({
    id: existing?.recommendations.find((r) => sameText(r.text, rec.text))?.id ?? `R${next++}`,
    text: rec.text,
    committees: rec.committees,
  }));
  const audit: Audit = {
    id,
    title: input.title,
    auditor: input.auditor,
    reportDate: input.reportDate,
    diaryNumber: input.diaryNumber,
    committees: input.committees,
    responseDue: input.responseDue,
    boardFeedback: input.boardFeedback,
    recommendations,
  };
  const actions = input.recommendations.flatMap((rec, index) =>
    rec.actions.map((action): ActionDraft => ({
      auditId: id,
      recommendationId: recommendations[index]?.id ?? '',
      text: action.text,
      committee: action.committee,
      ownerEmail: action.owner,
      deadline: toDeadline(action.due, action.documentDate ?? input.reportDate),
    })),
  );
  return { audit, actions };
}

function toDeadline(due: string | null, documentDate: string): Deadline {
  if (due === null) return { date: null, phrase: '' };
  const resolved = resolveDeadline(due, documentDate);
  return { date: resolved.date, phrase: resolved.phrase };
}

function describeAction(draft: ActionDraft, ref: number | null, created: boolean): ImportedAction {
  return {
    ref: ref === null ? null : formatRef(ref),
    text: draft.text,
    owner: draft.ownerEmail,
    committee: draft.committee,
    due: draft.deadline.date,
    phrase: draft.deadline.phrase,
    created,
  };
}

function sameText(a: string, b: string): boolean {
  const fold = (text: string): string => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return fold(a) === fold(b);
}
