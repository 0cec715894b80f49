export interface Summary {
  median: number;
  p90: number;
  min: number;
}

/** Nearest-rank percentile (`p` in 0..100) of an already sorted, non-empty list. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Median (mean of the two middle values for an even count), p90 and min, rounded to 0.01. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('No samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median: round(median), p90: round(percentile(sorted, 90)), min: round(sorted[0] as number) };
}
