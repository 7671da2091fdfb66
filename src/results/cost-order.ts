/**
 * Sorting many points by an exact bigint cost, fast: comparing bigints is several times slower
 * than comparing doubles, and a million-row result table is sorted more than once.
 */

/** Below this many items a comparison sort is as fast as the radix passes. */
const RADIX_MIN = 512;

/**
 * The indices of `items` in ascending order of `macs(item)`, ties broken by `tie` (default:
 * input order). Exact: `Number(bigint)` rounds monotonically (a < b ⇒ Number(a) ≤ Number(b)), so
 * two different doubles order their bigints correctly, and only items with equal doubles are
 * compared again by the exact bigint, then `tie`, then position.
 *
 * How, in O(n) plus the sorting of equal doubles: a stable least-significant-digit radix sort of
 * the doubles' bit patterns (four 16-bit digits; a digit every item shares is skipped), then each
 * run of equal doubles sorted by comparison (runs are short unless costs repeat). Small inputs are
 * sorted by comparison directly. Example: macs 30n, 10n, 20n → [1, 2, 0].
 */
export function costOrder<T>(
  items: readonly T[],
  macs: (item: T) => bigint,
  tie: (a: T, b: T) => number = () => 0,
): number[] {
  const n = items.length;
  const exact: bigint[] = new Array<bigint>(n);
  const approx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = macs(items[i] as T);
    exact[i] = value;
    approx[i] = Number(value);
  }
  const compareExact = (i: number, j: number): number => {
    const a = exact[i] ?? 0n;
    const b = exact[j] ?? 0n;
    if (a !== b) return a < b ? -1 : 1;
    return tie(items[i] as T, items[j] as T) || i - j;
  };
  if (n < RADIX_MIN) {
    const order = Array.from({ length: n }, (_, i) => i);
    return order.sort((i, j) => {
      const di = approx[i] ?? 0;
      const dj = approx[j] ?? 0;
      return di !== dj ? (di < dj ? -1 : 1) : compareExact(i, j);
    });
  }
  const order = radixOrder(approx);
  let start = 0;
  for (let k = 1; k <= n; k++) {
    if (k === n || approx[order[k] ?? 0] !== approx[order[start] ?? 0]) {
      if (k - start === 2) {
        // The common tie, two items: one comparison, no sort call.
        const i = order[start] as number;
        const j = order[start + 1] as number;
        if (compareExact(i, j) > 0) [order[start], order[start + 1]] = [j, i];
      } else if (k - start > 2) order.subarray(start, k).sort(compareExact);
      start = k;
    }
  }
  return Array.from(order);
}

/** Index of the 32-bit word holding a double's sign and exponent, on this machine. */
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * The indices of `values` (no NaN) in ascending order, equal values in input order: a stable LSD
 * radix sort of keys that order like the doubles (sign bit flipped for positives, all bits flipped
 * for negatives). O(n) with four passes of 65,536 buckets.
 */
function radixOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + HIGH_WORD] ?? 0;
    const l = words[2 * i + 1 - HIGH_WORD] ?? 0;
    const negative = h >>> 31 === 1;
    high[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    low[i] = negative ? ~l >>> 0 : l;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (const [keys, shift] of [
    [low, 0],
    [low, 16],
    [high, 0],
    [high, 16],
  ] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = ((keys[i] ?? 0) >>> shift) & 0xffff;
      counts[digit] = (counts[digit] ?? 0) + 1;
    }
    if (counts.includes(n)) continue; // every key has the same digit here
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const count = counts[d] ?? 0;
      counts[d] = sum;
      sum += count;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k] ?? 0;
      const digit = ((keys[i] ?? 0) >>> shift) & 0xffff;
      const at = counts[digit] ?? 0;
      next[at] = i;
      counts[digit] = at + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}
