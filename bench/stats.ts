/** Small numeric and formatting helpers shared by the bench modules. */

const START = performance.now();

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: p99 of 200 samples is the 198th value, never an interpolation past the data.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const mean = (values: readonly number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export const ms = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function usd(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '$0';
  if (value < 0.0001) return `$${value.toExponential(2)}`;
  if (value < 1) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

/** A GitHub-flavoured markdown table; numbers are right-aligned when the column says so. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  right: number[] = [],
) {
  const align = headers.map((_, i) => (right.includes(i) ? '---:' : '---'));
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(headers), line(align), ...rows.map(line)].join('\n');
}

/** The same table for the terminal: padded columns, no markdown. */
export function textTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  right: number[] = [],
) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ');
  return [pad(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(pad)].join('\n');
}

export const progress = (stage: string, message: string) => {
  const elapsed = ((performance.now() - START) / 1000).toFixed(1).padStart(5);
  console.log(`[${elapsed}s] ${stage.padEnd(8)} ${message}`);
};
