import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { neutralizeFormula } from './csv';
import {
  describePackActions,
  describePackChange,
  describePackDue,
  describePackVerdict,
  PACK_TEXTS,
  type ReviewPack,
} from './reviewPack';
import { openWorkbook, workbookBytes } from './workbook';

/** Sheet names of the workbook in each language. */
export const REVIEW_SHEETS = {
  sv: { closing: 'Sammanställning', actions: 'Åtgärder', verdicts: 'Bedömningar' },
  en: { closing: 'Summary', actions: 'Actions', verdicts: 'Verdicts' },
} as const;

/**
 * Renders the pack as a workbook: the closing table the auditors paste into their report, every action with its
 * dates, status, notes and evidence, and every verdict. Text that looks like a formula is kept as text.
 */
export async function renderReviewXlsx(pack: ReviewPack): Promise<Buffer> {
  return workbookBytes((stream) => writeReviewXlsx(pack, stream));
}

/** Writes the workbook of {@link renderReviewXlsx} into `stream` and ends it. */
export async function writeReviewXlsx(pack: ReviewPack, stream: Writable): Promise<void> {
  const t = PACK_TEXTS[pack.language];
  const names = REVIEW_SHEETS[pack.language];
  const workbook = await openWorkbook(stream, {
    title: `${pack.title}: ${pack.audit.title}`,
    date: new Date(`${pack.asOf}T00:00:00Z`),
  });

  const sheet = (name: string, widths: number[], header: string[]): ExcelJS.Worksheet => {
    const added = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    added.columns = widths.map((width) => ({
      width,
      style: { alignment: { wrapText: true, vertical: 'top' } },
    }));
    const row = added.addRow(header);
    row.font = { bold: true };
    row.commit();
    return added;
  };
  const add = (target: ExcelJS.Worksheet, values: (string | null)[]): void => {
    target.addRow(values.map((value) => (value === null ? null : neutralizeFormula(value)))).commit();
  };

  const closing = sheet(names.closing, [50, 60, 24, 28], [t.recommendation, t.actions, t.status, t.verdict]);
  for (const rec of pack.recommendations) {
    add(closing, [
      `${rec.reference} ${rec.text}`,
      describePackActions(rec, t),
      rec.statusSummary,
      describePackVerdict(rec.latest),
    ]);
  }
  closing.commit();

  const actions = sheet(
    names.actions,
    [10, 9, 50, 24, 28, 22, 22, 40, 12, 40, 50],
    [
      t.recommendation,
      t.reference,
      t.action,
      t.committee,
      t.owner,
      t.originalDue,
      t.currentDue,
      t.changes,
      t.status,
      t.notes,
      t.evidence,
    ],
  );
  for (const rec of pack.recommendations) {
    for (const action of rec.actions) {
      add(actions, [
        rec.reference,
        action.reference,
        action.text,
        action.committee,
        action.owner,
        describePackDue(action.originalDue, t),
        describePackDue(action.currentDue, t),
        action.changes.map((change) => describePackChange(change, t)).join('\n'),
        action.statusLabel,
        action.notes.map((note) => `${note.date ?? '–'}: ${note.text}`).join('\n'),
        action.evidence
          .map((item) =>
            [item.label, item.url !== item.label ? item.url : null, item.description]
              .filter(Boolean)
              .join(' – '),
          )
          .join('\n'),
      ]);
    }
  }
  actions.commit();

  const verdicts = sheet(
    names.verdicts,
    [10, 50, 12, 22, 28, 50],
    [t.reference, t.recommendation, t.date, t.verdict, t.by, t.comment],
  );
  for (const rec of pack.recommendations) {
    for (const verdict of rec.verdicts) {
      add(verdicts, [rec.reference, rec.text, verdict.date, verdict.verdict, verdict.by, verdict.comment]);
    }
  }
  verdicts.commit();
  await workbook.commit();
}
