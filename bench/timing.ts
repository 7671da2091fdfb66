/** Wall time of one call of `fn`, in milliseconds. */
function once(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The median of a non-empty list of numbers (mean of the two middle values when even). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Interleaved timing of several functions on a shared (noisy) machine: every function is warmed
 * up (run until `warmMs` have passed, at least twice, so the optimizing compiler has seen it),
 * then `rounds` rounds each run every function once, back to back. Returns, per function, the
 * list of its times in milliseconds, in round order, so that ratios can be formed per round
 * (load changes between rounds then affect both sides alike) and summarised by a median.
 */
export function interleavedTimes(fns: readonly (() => void)[], rounds: number, warmMs = 100): number[][] {
  for (const fn of fns) {
    let spent = 0;
    for (let i = 0; i < 2 || spent < warmMs; i++) spent += once(fn);
  }
  const times = fns.map((): number[] => []);
  for (let round = 0; round < rounds; round++) fns.forEach((fn, i) => times[i]?.push(once(fn)));
  return times;
}
