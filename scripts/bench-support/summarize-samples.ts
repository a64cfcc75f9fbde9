/** Median and p90 (nearest rank) of a list of samples, for the benchmark's table. */
export interface SampleSummary {
  readonly median: number;
  readonly p90: number;
  readonly n: number;
}

export function summarizeSamples(samples: readonly number[]): SampleSummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const middle = Math.floor(n / 2);
  const median =
    n % 2 === 1
      ? (sorted[middle] ?? NaN)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return { median, p90: sorted[Math.max(0, Math.ceil(0.9 * n) - 1)] ?? NaN, n };
}
