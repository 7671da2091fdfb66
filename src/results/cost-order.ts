/**
 * Sorting many points by an exact bigint cost, fast: comparing bigints is several times slower
 * than comparing doubles, and a million-row result table is sorted more than once.
 */

/**
 * The indices of `items` in ascending order of `macs(item)`, ties broken by `tie` (default:
 * input order). Exact: `Number(bigint)` rounds monotonically (a < b ⇒ Number(a) ≤ Number(b)), so
 * two different doubles order their bigints correctly, and only equal doubles fall back to the
 * exact bigint comparison. O(n log n).
 * Example: macs 30n, 10n, 20n → [1, 2, 0].
 */
export function costOrder<T>(
  items: readonly T[],
  macs: (item: T) => bigint,
  tie: (a: T, b: T) => number = () => 0,
): number[] {
  const exact = items.map(macs);
  const approx = new Float64Array(exact.map(Number));
  const order = items.map((_, i) => i);
  order.sort((i, j) => {
    const di = approx[i] ?? 0;
    const dj = approx[j] ?? 0;
    if (di !== dj) return di < dj ? -1 : 1;
    const a = exact[i] ?? 0n;
    const b = exact[j] ?? 0n;
    if (a !== b) return a < b ? -1 : 1;
    const itemI = items[i];
    const itemJ = items[j];
    return (itemI === undefined || itemJ === undefined ? 0 : tie(itemI, itemJ)) || i - j;
  });
  return order;
}
