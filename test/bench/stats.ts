// Small helpers for benchmarks: percentiles and the one-line result format.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const fmt = (value: number) => (Number.isFinite(value) ? (Math.round(value * 100) / 100).toString() : String(value));

/** `BENCH <name> <value> <unit> baseline=<value> ratio=<value>` (ratio = value / baseline). */
export function benchLine(name: string, value: number, unit: string, baseline: number): string {
  return `BENCH ${name} ${fmt(value)} ${unit} baseline=${fmt(baseline)} ratio=${fmt(value / baseline)}`;
}
