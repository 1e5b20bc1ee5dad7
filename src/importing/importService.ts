import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../domain/actions';
import { resolveDeadline } from '../domain/deadlines';
import { attachEvidence, liveEvidence, MAX_EVIDENCE_PER_ACTION } from '../domain/evidence';
import { DomainError } from '../domain/errors';
import { formatRecommendationRef, formatRef } from '../domain/refs';
import type { Action, Audit, Deadline, Evidence, Recommendation, VerdictEvent } from '../domain/types';
import { importedVerdictInstant, recordVerdict, sameVerdict } from '../domain/verdicts';
import type { ActionDraft, ActionRepository } from '../storage/actionRepository';
import type { AuditRepository } from '../storage/auditRepository';
import { ConflictError, NotFoundError } from '../storage/errors';
import { ReferenceTakenError } from '../storage/recommendationRows';
import type { RecommendationRepository } from '../storage/recommendationRepository';
import type { ImportAuditInput, ImportDocument, ImportEvidenceInput, ImportVerdictInput } from './structured';

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
  /** Links of evidence this import attached; 0 when the action had them all (or had them and they were removed). */
  evidenceAdded: number;
  /**
   * Values of the file that differ from the stored action's and were not applied: an import never changes an
   * action that exists (the fields above are the stored ones). Empty for a new action.
   */
  notApplied: NotAppliedValue[];
}

/** A value of the file that an import left unapplied, since the stored action has another. */
export interface NotAppliedValue {
  field: 'due' | 'owner';
  /** The file's value: the phrase (or date) as written, the owner's e-mail; null when the file has none. */
  file: string | null;
}

/** One recommendation as the import reports it. */
export interface ImportedRecommendation {
  /** `R-3`; null in a draft that is not saved. */
  ref: string | null;
  text: string;
  /** Earlier verdicts of the file stored by this import; 0 when all were there already. */
  verdictsAdded: number;
  /** The reference the file asked for (`"ref"`) when the recommendation did not get it, and why; else null. */
  refNotKept: RefNotKept | null;
}

/**
 * A reference a file asked for that a recommendation did not get: another recommendation holds it (`taken`: the new
 * one got the next free reference), or the recommendation was stored before with another (`stored`: it keeps that).
 */
export interface RefNotKept {
  asked: string;
  because: 'taken' | 'stored';
}

/** One audit as the import reports it. */
export interface ImportedAudit {
  id: string;
  title: string;
  created: boolean;
  actions: ImportedAction[];
  recommendations: ImportedRecommendation[];
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
  /** The references the file asks for: of every recommendation of a new audit, else of the added ones. */
  requestedRefs: (number | null)[];
  /**
   * The file's recommendations in file order: the id each has (or gets) in the audit, its verdicts, and the
   * reference it asked for when it does not get it.
   */
  fileRecommendations: {
    id: string;
    text: string;
    verdicts: ImportVerdictInput[];
    refNotKept: RefNotKept | null;
  }[];
  actions: PlannedAction[];
}

/**
 * An action of the file: new (no `existingRef`) or stored (`stored` is the action as it is), with the evidence of
 * the file it does not have yet.
 */
type PlannedAction = ActionDraft & {
  existingRef: number | null;
  stored: Action | null;
  evidenceToAdd: Evidence[];
};

/**
 * Saves a validated import document: new audits with their recommendations' references `R-<n>`, then new actions
 * with theirs, then the earlier verdicts the file carries. Audits already stored are matched by diary number (else
 * title and report date), recommendations by text, actions by recommendation and text, verdicts by verdict, date,
 * who and comment, so importing the same file twice changes nothing. A reference the file asks for (`"ref": "R-12"`)
 * is kept when it is free (docs/import-format.md): when another recommendation has it, the new recommendation gets
 * the next free one, and a stored recommendation keeps its own; the result says so ({@link RefNotKept}).
 * All or nothing as far as it can be: when a write fails, the audits, recommendations and actions written so far
 * are deleted again. Verdicts already added to recommendations stored before stay; importing the file again adds
 * the rest.
 * @throws DomainError `InvalidValue` when a requested reference is taken between the check and the write.
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
  let created: Action[] = [];
  const recommendationLines: ImportedRecommendation[][] = [];
  try {
    for (const plan of plans.filter((p) => !p.exists)) {
      createdAudits.push(await deps.audits.createAudit(tenantId, plan.audit, { refs: plan.requestedRefs }));
    }
    for (const plan of plans.filter((p) => p.exists && p.addedRecommendations.length > 0)) {
      await deps.audits.addRecommendations(tenantId, plan.audit, plan.addedRecommendations, {
        refs: plan.requestedRefs,
      });
      extended.push(plan);
    }
    created = await deps.actions.createActions(
      tenantId,
      newDrafts.map(({ existingRef: _unused, stored: _none, evidenceToAdd: _later, ...draft }) => draft),
      context,
    );
    const newRefs = new Map(newDrafts.map((draft, index) => [draft, created[index]?.ref ?? null]));
    for (const draft of plans.flatMap((plan) => plan.actions)) {
      const ref = draft.existingRef ?? newRefs.get(draft) ?? null;
      if (ref !== null && draft.evidenceToAdd.length > 0)
        await saveEvidence(tenantId, ref, draft.evidenceToAdd, deps.actions, context);
    }
    for (const plan of plans) {
      recommendationLines.push(await saveVerdicts(tenantId, plan, deps.audits.recommendations, context.now));
    }
  } catch (error) {
    // Undo what this import wrote; the original error is what the user must see.
    await deps.actions.undoCreate(tenantId, created).catch(() => undefined);
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
    if (error instanceof ReferenceTakenError) {
      // Taken between the check and the write.
      const text =
        document.audits.flatMap((audit) => audit.recommendations).find((rec) => rec.ref === error.ref)
          ?.text ?? '';
      throw new DomainError(
        { kind: 'recommendationRefTaken', ref: formatRecommendationRef(error.ref), text },
        { cause: error },
      );
    }
    throw error;
  }

  const refs = new Map(newDrafts.map((draft, index) => [draft, created[index]?.ref ?? null]));
  return {
    audits: plans.map((plan, index) => ({
      id: plan.audit.id,
      title: plan.audit.title,
      created: !plan.exists,
      actions: plan.actions.map((draft) => {
        const ref = draft.existingRef ?? refs.get(draft) ?? null;
        return describeAction(
          draft,
          ref,
          draft.existingRef === null,
          draft.evidenceToAdd.length,
          draft.stored,
        );
      }),
      recommendations: recommendationLines[index] ?? [],
    })),
  };
}

/**
 * Adds the file's verdicts that a recommendation lacks, in file order, and describes each recommendation of the
 * file with its reference. A verdict recorded meanwhile (a conflict on the ETag) makes it read and try again.
 */
async function saveVerdicts(
  tenantId: string,
  plan: PlannedAudit,
  recommendations: RecommendationRepository,
  now: Date,
): Promise<ImportedRecommendation[]> {
  const tracked = await recommendations.listRecommendations(tenantId, { auditId: plan.audit.id });
  const lines: ImportedRecommendation[] = [];
  for (const rec of plan.fileRecommendations) {
    const ref = tracked.find((t) => t.recommendationId === rec.id)?.ref ?? null;
    let added = 0;
    if (ref !== null && rec.verdicts.length > 0) {
      for (let attempt = 1; ; attempt++) {
        try {
          added = await appendVerdicts(tenantId, ref, rec.verdicts, recommendations, now);
          break;
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= 3) throw error;
        }
      }
    }
    lines.push({
      ref: ref === null ? null : formatRecommendationRef(ref),
      text: rec.text,
      verdictsAdded: added,
      refNotKept: rec.refNotKept,
    });
  }
  return lines;
}

async function appendVerdicts(
  tenantId: string,
  ref: number,
  verdicts: readonly ImportVerdictInput[],
  recommendations: RecommendationRepository,
  now: Date,
): Promise<number> {
  const [stored, existing] = await Promise.all([
    recommendations.getRecommendation(tenantId, ref),
    recommendations.listVerdicts(tenantId, { ref }),
  ]);
  let recommendation = stored.recommendation;
  const events: VerdictEvent[] = [];
  for (const verdict of verdicts) {
    const known = [...existing, ...events].some((event) => sameVerdict(event, verdict));
    if (known) continue;
    const change = recordVerdict(
      recommendation,
      {
        verdict: verdict.verdict,
        date: verdict.date,
        comment: verdict.comment,
        at: importedVerdictInstant(verdict.date),
      },
      { by: verdict.by, now },
    );
    recommendation = change.recommendation;
    events.push(change.event);
  }
  if (events.length > 0) await recommendations.saveVerdicts(tenantId, recommendation, events, stored.etag);
  return events.length;
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
        recommendations: input.recommendations.map((rec) => ({
          ref: null,
          text: rec.text,
          verdictsAdded: 0,
          refNotKept: null,
        })),
      };
    }),
  };
}

async function planAudit(tenantId: string, input: ImportAuditInput, deps: ImportDeps): Promise<PlannedAudit> {
  const existingId = await deps.audits.findAuditId(tenantId, input);
  const existing = existingId === null ? null : await deps.audits.getAudit(tenantId, existingId);
  const { audit, actions, evidence } = buildAudit(input, existing?.id ?? randomUUID(), existing);
  const planned: PlannedAction[] = [];
  for (const [index, draft] of actions.entries()) {
    const existingRef = existing ? await deps.actions.findRef(tenantId, draft) : null;
    const stored = existingRef === null ? null : (await deps.actions.getAction(tenantId, existingRef)).action;
    const given = evidence[index] ?? [];
    const evidenceToAdd =
      existingRef === null || given.length === 0
        ? given
        : await missingEvidence(tenantId, existingRef, given, deps.actions);
    planned.push({ ...draft, existingRef, stored, evidenceToAdd });
  }
  const isAdded = (rec: Recommendation): boolean =>
    existing === null || !existing.recommendations.some((r) => r.id === rec.id);
  const stored = existing
    ? await deps.audits.recommendations.listRecommendations(tenantId, { auditId: existing.id })
    : [];
  const requestedRefs: (number | null)[] = [];
  const notKept: (RefNotKept | null)[] = [];
  for (const [index, rec] of audit.recommendations.entries()) {
    const asked = input.recommendations[index]?.ref ?? null;
    if (isAdded(rec)) {
      const free = asked === null || (await isFree(tenantId, asked, deps.audits.recommendations));
      requestedRefs.push(free ? asked : null);
      notKept.push(free ? null : { asked: formatRecommendationRef(asked), because: 'taken' });
      continue;
    }
    const has = stored.find((t) => t.recommendationId === rec.id)?.ref;
    const kept = asked === null || has === undefined || has === asked;
    notKept.push(kept ? null : { asked: formatRecommendationRef(asked), because: 'stored' });
  }
  return {
    audit: existing ?? audit,
    exists: existing !== null,
    addedRecommendations: existing ? audit.recommendations.filter(isAdded) : [],
    requestedRefs,
    fileRecommendations: audit.recommendations.map((rec, index) => ({
      id: rec.id,
      text: rec.text,
      verdicts: input.recommendations[index]?.verdicts ?? [],
      refNotKept: notKept[index] ?? null,
    })),
    actions: planned,
  };
}

/** Whether no recommendation of the tenant holds reference `ref` yet. */
async function isFree(
  tenantId: string,
  ref: number,
  recommendations: RecommendationRepository,
): Promise<boolean> {
  try {
    await recommendations.getRecommendation(tenantId, ref);
  } catch (error) {
    if (error instanceof NotFoundError) return true;
    throw error;
  }
  return false;
}

/**
 * Turns one audit of the file into domain values: recommendations numbered R1, R2, ... in file order (or matched
 * by text to those of an audit already stored), deadline phrases resolved against the document's date.
 */
function buildAudit(
  input: ImportAuditInput,
  id: string,
  existing: Audit | null = null,
): { audit: Audit; actions: ActionDraft[]; evidence: Evidence[][] } {
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
  const evidence = input.recommendations.flatMap((rec) =>
    rec.actions.map((action) => action.evidence.map(toEvidence)),
  );
  return { audit, actions, evidence };
}

/** A link of the file as the evidence chat would keep (`A-17 underlag <länk> [beskrivning]`). */
function toEvidence(item: ImportEvidenceInput): Evidence {
  return { kind: 'link', url: item.url, description: item.description };
}

/**
 * The links of the file that a stored action has never had: a link attached before, by an import or in chat, is
 * not attached again, also when someone has removed it since (the removal was a decision; re-importing the file
 * must not undo it). Refused before anything is written when the rest would take the action past the limit.
 * @throws DomainError `InvalidValue` (tooMuchEvidence) when the action cannot take them all.
 */
async function missingEvidence(
  tenantId: string,
  ref: number,
  given: readonly Evidence[],
  actions: ActionRepository,
): Promise<Evidence[]> {
  const history = await actions.listHistory(tenantId, ref);
  const known = new Set(
    history.flatMap((event) =>
      event.kind === 'evidence' && event.evidence?.kind === 'link' ? [event.evidence.url] : [],
    ),
  );
  const missing = given.filter((item) => item.kind === 'link' && !known.has(item.url));
  if (missing.length > 0 && liveEvidence(history).length + missing.length > MAX_EVIDENCE_PER_ACTION) {
    throw new DomainError({ kind: 'tooMuchEvidence', ref: formatRef(ref), max: MAX_EVIDENCE_PER_ACTION });
  }
  return missing;
}

/**
 * Attaches the file's evidence to action `ref`, one history event each (as chat does), each written with the ETag
 * the action was read with; a change made meanwhile (a conflict) makes it read and try again.
 */
async function saveEvidence(
  tenantId: string,
  ref: number,
  evidence: readonly Evidence[],
  actions: ActionRepository,
  context: ChangeContext,
): Promise<void> {
  for (const item of evidence) {
    for (let attempt = 1; ; attempt++) {
      try {
        const [stored, history] = await Promise.all([
          actions.getAction(tenantId, ref),
          actions.listHistory(tenantId, ref),
        ]);
        await actions.updateAction(
          tenantId,
          attachEvidence(stored.action, history, item, context),
          stored.etag,
        );
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 3) throw error;
      }
    }
  }
}

function toDeadline(due: string | null, documentDate: string): Deadline {
  if (due === null) return { date: null, phrase: '' };
  const resolved = resolveDeadline(due, documentDate);
  return { date: resolved.date, phrase: resolved.phrase };
}

/** An action as the import reports it: as stored when it was there already, else as the file has it. */
function describeAction(
  draft: ActionDraft,
  ref: number | null,
  created: boolean,
  evidenceAdded = 0,
  stored: Action | null = null,
): ImportedAction {
  const shown = stored ?? draft;
  const notApplied: NotAppliedValue[] = [];
  if (stored !== null) {
    const { date, phrase } = stored.deadline;
    if (date !== draft.deadline.date || phrase !== draft.deadline.phrase) {
      notApplied.push({ field: 'due', file: draft.deadline.phrase || draft.deadline.date });
    }
    if (stored.ownerEmail !== draft.ownerEmail) notApplied.push({ field: 'owner', file: draft.ownerEmail });
  }
  return {
    evidenceAdded,
    ref: ref === null ? null : formatRef(ref),
    text: shown.text,
    owner: shown.ownerEmail,
    committee: shown.committee,
    due: shown.deadline.date,
    phrase: shown.deadline.phrase,
    created,
    notApplied,
  };
}

function sameText(a: string, b: string): boolean {
  const fold = (text: string): string => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return fold(a) === fold(b);
}
