/**
 * Summaries of timing samples: median and spread. Medians resist the outliers a shared machine
 * produces; the spread (quartiles, min, max) says how much to trust them.
 */

/** Median, quartiles, extremes and count of a sample (in the sample's unit). */
export interface Spread {
  readonly median: number;
  /** First and third quartiles (linear interpolation between order statistics). */
  readonly q1: number;
  readonly q3: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

/**
 * The quantile q ∈ [0, 1] of sorted values by linear interpolation (type 7, the default of R and
 * numpy): position q·(n − 1). O(1). Example: quantile([1, 2, 3, 4], 0.5) = 2.5.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? NaN;
  const b = sorted[high] ?? NaN;
  return a + (b - a) * (position - low);
}

/** The spread of `samples` (any order). O(n log n). Example: summarize([3, 1, 2]).median = 2. */
export function summarize(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    samples: sorted.length,
  };
}
