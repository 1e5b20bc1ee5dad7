import { md, row } from './markdown';
import {
  describePackActions,
  describePackChange,
  describePackDue,
  describePackVerdict,
  PACK_TEXTS,
  type PackAction,
  type ReviewPack,
} from './reviewPack';

/**
 * Renders the follow-up review pack as Markdown: the audit's facts, each recommendation with its actions, evidence
 * and verdicts, then the closing table *Rekommendation | Nämndens åtgärder | Status | Revisorernas bedömning*.
 * User text is escaped, so it reads as written and never becomes markup.
 */
export function renderReviewMarkdown(pack: ReviewPack): string {
  const t = PACK_TEXTS[pack.language];
  const out: string[] = [`# ${md(pack.title)}: ${md(pack.audit.title)}`, '', `${t.asOf} ${pack.asOf}.`, ''];
  const facts = [
    pack.audit.auditor ? `${t.auditor}: ${md(pack.audit.auditor)}` : null,
    `${t.reportDate}: ${pack.audit.reportDate}`,
    pack.audit.diaryNumber ? `${t.diaryNumber}: ${md(pack.audit.diaryNumber)}` : null,
    `${t.committees}: ${md(pack.audit.committees.join(', '))}`,
  ].filter((fact): fact is string => fact !== null);
  out.push(...facts.map((fact) => `- ${fact}`), '');

  for (const rec of pack.recommendations) {
    out.push(
      `## ${rec.reference} ${md(rec.text)}`,
      '',
      `${t.committees}: ${md(rec.committees.join(', '))}`,
      '',
    );
    out.push(`### ${t.actions}`, '');
    if (rec.actions.length === 0) out.push(t.noActions, '');
    for (const action of rec.actions) out.push(...actionLines(action, pack), '');
    out.push(`### ${t.verdicts}`, '');
    if (rec.verdicts.length === 0) out.push(t.noVerdicts, '');
    else {
      out.push(row([t.date, t.verdict, t.by, t.comment]), row(['---', '---', '---', '---']));
      for (const verdict of rec.verdicts) {
        out.push(row([verdict.date, md(verdict.verdict), md(verdict.by), md(verdict.comment ?? '–')]));
      }
      out.push('');
    }
  }

  out.push(`## ${t.closing}`, '');
  out.push(row([t.recommendation, t.actions, t.status, t.verdict]), row(['---', '---', '---', '---']));
  for (const rec of pack.recommendations) {
    out.push(
      row([
        `${rec.reference} ${md(rec.text)}`,
        md(describePackActions(rec, t)),
        md(rec.statusSummary),
        md(describePackVerdict(rec.latest)),
      ]),
    );
  }
  return `${out.join('\n')}\n`;
}

function actionLines(action: PackAction, pack: ReviewPack): string[] {
  const t = PACK_TEXTS[pack.language];
  const lines = [
    `- **${action.reference}** ${md(action.text)}`,
    `  - ${t.committee}: ${md(action.committee)}; ${t.owner}: ${md(action.owner ?? t.noOwner)}`,
    `  - ${t.originalDue}: ${md(describePackDue(action.originalDue, t))}; ${t.currentDue}: ${md(describePackDue(action.currentDue, t))}`,
    `  - ${t.status}: ${action.statusLabel}`,
  ];
  if (action.changes.length > 0) {
    lines.push(`  - ${t.changes}: ${action.changes.map((c) => md(describePackChange(c, t))).join('; ')}`);
  }
  for (const note of action.notes) lines.push(`  - ${t.notes}: ${note.date ?? '–'}: ${md(note.text)}`);
  if (action.evidence.length === 0) lines.push(`  - ${t.evidence}: ${t.noEvidence}`);
  for (const item of action.evidence) {
    const description = item.description ? ` – ${md(item.description)}` : '';
    // The address is written as text in angle brackets' place: escaped, so it cannot close or open markup.
    const address = item.url !== null && item.url !== item.label ? ` (${md(item.url)})` : '';
    lines.push(`  - ${t.evidence}: ${md(item.label)}${address}${description} (${item.addedOn ?? '–'})`);
  }
  return lines;
}
