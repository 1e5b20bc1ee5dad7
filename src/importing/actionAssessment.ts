/**
 * What `import --json` says about each action besides its fields: the deadline phrase and owner role as written,
 * how far the reading can be trusted, and what a person should check. A JSON or YAML file states its actions, so
 * only a missing or unreadable date lowers the level; a draft from a response document carries the reader's own
 * level and warnings (document.ts).
 */
import type { ConfidenceLevel, DraftAction } from './document';
import type { ImportedAction } from './importService';

/** The per-action additions of `import --json`. */
export interface ActionAssessment {
  /** The deadline phrase exactly as written; null when there is none. */
  phrase: string | null;
  /** The owner role as the document writes it ("Förvaltningschefen"); null when it names none. */
  role: string | null;
  confidence: ConfidenceLevel;
  /** What to check, in Swedish, one sentence each. */
  warnings: string[];
}

/**
 * An action of a JSON or YAML file: `high` when its date is known, `low` when a person must set one.
 * @example assessImportedAction({ due: null, phrase: 'på sikt', owner: null, … }).warnings
 *   // ['Åtgärden: "på sikt" ger inget datum – sätt ett datum.', 'Åtgärden saknar ägare – ange en e-postadress.']
 */
export function assessImportedAction(action: ImportedAction): ActionAssessment {
  const phrase = action.phrase === '' ? null : action.phrase;
  const warnings: string[] = [];
  if (action.due === null) {
    warnings.push(
      phrase === null
        ? 'Åtgärden saknar tidsangivelse – sätt ett datum.'
        : `Åtgärden: "${phrase}" ger inget datum – sätt ett datum.`,
    );
  }
  if (action.owner === null) warnings.push('Åtgärden saknar ägare – ange en e-postadress.');
  return { phrase, role: null, confidence: action.due === null ? 'low' : 'high', warnings };
}

/** An action of a draft read from a response document: the reader's phrase, role, level and warnings. */
export function assessDraftAction(action: DraftAction): ActionAssessment {
  return {
    phrase: action.phrase,
    role: action.role,
    confidence: action.level,
    warnings: [...action.warnings],
  };
}
