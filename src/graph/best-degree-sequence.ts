/**
 * The best integer degree sequence (bft-paper.md §4): degrees d_j ≥ 2 minimising Σ d_j under
 * ∏ d_j ≥ n, so that n·Σ d_j is the fewest edges any network meeting the criteria with integer
 * degrees can have (the paper's bound n·log2 n relaxes Σ d_j ≥ Σ log2 d_j). Degrees above 4 are
 * never needed: d ≥ 4 can be split into 2 and ⌈d/2⌉ with 2 + ⌈d/2⌉ ≤ d and 2·⌈d/2⌉ ≥ d. So
 * g(m) = min over d ∈ {2, 3, 4} of d + g(⌈m/d⌉), g(1) = 0, memoised (the arguments are values
 * ⌈n/q⌉, O(log² n) of them). Ties prefer fewer layers. Returns degrees in descending order.
 * Example: n = 64 → [4, 4, 4] (sum 12, like 3·3·3·3 = 81 ≥ 64 with sum 12, fewer layers);
 * n = 1024 → sum 19.
 */
export function bestIntegerDegrees(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be an integer >= 1, got ${n}`);
  const memo = new Map<number, { sum: number; degrees: number[] }>();
  const solve = (m: number): { sum: number; degrees: number[] } => {
    if (m <= 1) return { sum: 0, degrees: [] };
    const known = memo.get(m);
    if (known) return known;
    let best: { sum: number; degrees: number[] } | undefined;
    for (const d of [4, 3, 2]) {
      const rest = solve(Math.ceil(m / d));
      const candidate = { sum: d + rest.sum, degrees: [d, ...rest.degrees] };
      if (
        best === undefined ||
        candidate.sum < best.sum ||
        (candidate.sum === best.sum && candidate.degrees.length < best.degrees.length)
      )
        best = candidate;
    }
    const result = best ?? { sum: 0, degrees: [] };
    memo.set(m, result);
    return result;
  };
  return [...solve(n).degrees].sort((a, b) => b - a);
}
