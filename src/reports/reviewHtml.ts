import { createHash } from 'node:crypto';
import type { ListTable } from './columns';
import { html, listTable, SafeHtml } from './html';
import {
  describePackActions,
  describePackChange,
  describePackDue,
  describePackVerdict,
  PACK_TEXTS,
  type PackAction,
  type PackEvidence,
  type PackRecommendation,
  type PackTexts,
  type PackVerdict,
  type ReviewPack,
} from './reviewPack';

const STYLE = `
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
body { font: 10pt/1.45 "Segoe UI", Calibri, Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 180mm; padding: 12mm 0; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; } }
h1 { font-size: 18pt; margin: 0 0 2mm; font-weight: 600; }
h2 { font-size: 13pt; margin: 8mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
.meta { color: #444; }
section.recommendation { break-inside: auto; }
div.action { border-left: 3px solid #ccc; padding-left: 3mm; margin: 0 0 3mm; break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.5mm 4mm; margin: 1mm 0; }
dt { font-weight: 600; }
dd { margin: 0; }
ul { margin: 0; padding-left: 5mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef0f2; font-weight: 600; }
.empty { font-style: italic; color: #555; }
h2.closing { break-before: page; }
`;

/**
 * The page's policy: nothing may load or run; only the page's own style sheet (by its hash) applies. User text is
 * escaped as well; the policy is what still holds if an escape were ever missed.
 */
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Built whole, outside the templates: the policy's hash must cover exactly the element's text. */
const STYLE_ELEMENT = new SafeHtml(`<style>${STYLE}</style>`);

/**
 * Renders the follow-up review pack as one self-contained HTML page for A4 print, in the pack's language: no
 * scripts, nothing loaded from elsewhere, a strict Content-Security-Policy, every user text escaped. Evidence
 * links are https links only, opened without a referrer.
 */
export function renderReviewHtml(pack: ReviewPack): string {
  const t = PACK_TEXTS[pack.language];
  const facts = [
    pack.audit.auditor ? `${t.auditor}: ${pack.audit.auditor}` : null,
    `${t.reportDate}: ${pack.audit.reportDate}`,
    pack.audit.diaryNumber ? `${t.diaryNumber}: ${pack.audit.diaryNumber}` : null,
    `${t.committees}: ${pack.audit.committees.join(', ')}`,
    `${t.asOf} ${pack.asOf}`,
  ].filter((fact): fact is string => fact !== null);
  const page = html`<!DOCTYPE html>
    <html lang="${pack.language}">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${new SafeHtml(CSP)}" />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${pack.title}: ${pack.audit.title}</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <header>
          <h1>${pack.title}: ${pack.audit.title}</h1>
          <p class="meta">${facts.join(' · ')}</p>
        </header>
        ${pack.recommendations.map(
          (rec) =>
            html`<section class="recommendation">
              <h2>${rec.reference} ${rec.text}</h2>
              <p class="meta">${t.committees}: ${rec.committees.join(', ')}</p>
              <h3>${t.actions}</h3>
              ${rec.actions.length === 0 ? html`<p class="empty">${t.noActions}</p>` : rec.actions.map((a) => actionBlock(a, pack))}
              <h3>${t.verdicts}</h3>
              ${
                rec.verdicts.length === 0
                  ? html`<p class="empty">${t.noVerdicts}</p>`
                  : listTable(verdictTable(t), rec.verdicts)
              }
            </section>`,
        )}
        <h2 class="closing">${t.closing}</h2>
        ${listTable(closingTable(t), pack.recommendations)}
      </body>
    </html>`;
  return `${page.value}\n`;
}

function actionBlock(action: PackAction, pack: ReviewPack): SafeHtml {
  const t = PACK_TEXTS[pack.language];
  return html`<div class="action">
    <p><strong>${action.reference}</strong> ${action.text}</p>
    <dl>
      <dt>${t.committee}</dt>
      <dd>${action.committee}</dd>
      <dt>${t.owner}</dt>
      <dd>${action.owner ?? t.noOwner}</dd>
      <dt>${t.originalDue}</dt>
      <dd>${describePackDue(action.originalDue, t)}</dd>
      <dt>${t.currentDue}</dt>
      <dd>${describePackDue(action.currentDue, t)}</dd>
      ${
        action.changes.length === 0
          ? null
          : html`<dt>${t.changes}</dt>
              <dd>
                ${action.changes.map((c, i) => html`${i > 0 ? html`<br />` : null}${describePackChange(c, t)}`)}
              </dd>`
      }
      <dt>${t.status}</dt>
      <dd>${action.statusLabel}</dd>
      ${
        action.notes.length === 0
          ? null
          : html`<dt>${t.notes}</dt>
              <dd>
                <ul>
                  ${action.notes.map((n) => html`<li>${n.date ?? '–'}: ${n.text}</li>`)}
                </ul>
              </dd>`
      }
      <dt>${t.evidence}</dt>
      <dd>
        ${
          action.evidence.length === 0
            ? t.noEvidence
            : html`<ul>
                ${action.evidence.map(evidenceItem)}
              </ul>`
        }
      </dd>
    </dl>
  </div>`;
}

function evidenceItem(item: PackEvidence): SafeHtml {
  const label =
    item.url === null
      ? html`${item.label}`
      : html`<a href="${item.url}" rel="noopener noreferrer">${item.label}</a>`;
  return html`<li>
    ${label}${item.description ? html` – ${item.description}` : null} (${item.addedOn ?? '–'})
  </li>`;
}

/** The auditors' verdicts on one recommendation, oldest first. */
function verdictTable(t: PackTexts): ListTable<PackVerdict> {
  return {
    className: 'verdicts',
    empty: null,
    columns: [
      { header: t.date, value: (v) => v.date },
      { header: t.verdict, value: (v) => v.verdict },
      { header: t.by, value: (v) => v.by },
      { header: t.comment, value: (v) => v.comment ?? '–' },
    ],
  };
}

/** The closing table the auditors paste into their report: per recommendation its actions, status and verdict. */
function closingTable(t: PackTexts): ListTable<PackRecommendation> {
  return {
    className: 'closing',
    empty: null,
    columns: [
      { header: t.recommendation, value: (rec) => `${rec.reference} ${rec.text}` },
      { header: t.actions, value: (rec) => describePackActions(rec, t) },
      { header: t.status, value: (rec) => rec.statusSummary },
      { header: t.verdict, value: (rec) => describePackVerdict(rec.latest) },
    ],
  };
}
