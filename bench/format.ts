/*
 * Number and table formatting shared by the benchmark scripts, so every figure is printed the same way.
 */

/** Milliseconds as seconds with two decimals, e.g. `1.93 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Milliseconds with one decimal, e.g. `12.4 ms`. */
export function millis(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** Bytes as MiB. */
export function megabytes(bytes: number): number {
  return bytes / 2 ** 20;
}

/** Rows under a header as plain text, each column padded to its widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The value at quantile `q` (0..1) of `values`, by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
