/**
 * A share 0..1 in whole percent, as every view shows it: rounded, except that only a share of exactly 1 is 100 and only
 * a share of exactly 0 is 0, so "100 %" always means all done and "0 %" none (199 of 200 is 99, 1 of 200 is 1).
 * Anything not finite counts as 0.
 * @example wholePercent(0.4545) // 45
 * @example wholePercent(0.996) // 99
 */
export function wholePercent(share: number): number {
  if (!Number.isFinite(share) || share <= 0) return 0;
  if (share >= 1) return 100;
  return Math.min(99, Math.max(1, Math.round(share * 100)));
}
