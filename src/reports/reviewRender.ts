import type { ReviewPack } from './reviewPack';
import { renderReviewHtml } from './reviewHtml';
import { renderReviewMarkdown } from './reviewMarkdown';
import { renderReviewXlsx } from './reviewXlsx';

/** The formats of the review pack, each also its file extension. */
export const REVIEW_FORMATS = ['md', 'html', 'xlsx'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/** True when `value` names a review pack format. */
export function isReviewFormat(value: string): value is ReviewFormat {
  return (REVIEW_FORMATS as readonly string[]).includes(value);
}

/** Renders the pack in one format: text for md and html, bytes for xlsx. */
export async function renderReviewPack(pack: ReviewPack, format: ReviewFormat): Promise<string | Buffer> {
  switch (format) {
    case 'md':
      return renderReviewMarkdown(pack);
    case 'html':
      return renderReviewHtml(pack);
    case 'xlsx':
      return renderReviewXlsx(pack);
  }
}
