/**
 * Integer helper functions available in every expression (architecture files and cost
 * formulas). Each is exact on bigint and documented with its definition; `expr/math.ts`
 * registers them in the exact (Fraction) and the printing (number) mathjs instances.
 */

/**
 * ceil_log(m, k): the smallest integer L ≥ 0 with k^L ≥ m, i.e. ⌈log_k m⌉ computed without
 * floating point (log(64, 4) in floats is 2.9999999999999996). m ≥ 1, k ≥ 2. O(log m).
 * Example: ceilLog(64n, 4n) = 3n, ceilLog(65n, 4n) = 4n, ceilLog(1n, 2n) = 0n.
 */
export function ceilLog(m: bigint, k: bigint): bigint {
  if (m < 1n || k < 2n) throw new RangeError(`ceil_log needs m >= 1 and k >= 2, got m=${m}, k=${k}`);
  let level = 0n;
  for (let power = 1n; power < m; power *= k) level += 1n;
  return level;
}

/**
 * Prime factors of n ≥ 1 with multiplicity, ascending (the degrees of a mixed-radix butterfly:
 * their product is n). Trial division, O(√n). Example: primeFactors(12n) = [2n, 2n, 3n].
 */
export function primeFactors(n: bigint): bigint[] {
  if (n < 1n) throw new RangeError(`prime factors need n >= 1, got ${n}`);
  const factors: bigint[] = [];
  let rest = n;
  for (let p = 2n; p * p <= rest; p += p === 2n ? 1n : 2n) {
    while (rest % p === 0n) {
      factors.push(p);
      rest /= p;
    }
  }
  if (rest > 1n) factors.push(rest);
  return factors;
}

/**
 * sopfr(n): sum of the prime factors of n with multiplicity (sopfr(12) = 2+2+3 = 7; sopfr(1) = 0).
 * A mixed-radix butterfly of size n with one layer per prime factor has n·sopfr(n) edges.
 */
export function sumOfPrimeFactors(n: bigint): bigint {
  return primeFactors(n).reduce((sum, p) => sum + p, 0n);
}

/**
 * make_divisible(v, divisor = 8, min_value = divisor), the rounding used by MobileNetV2/V3 and
 * TF-slim: round v to the nearest multiple of `divisor` (halves up), at least `min_value`, and
 * add one `divisor` if that fell below 90 % of v. Exact on rationals given as numerator /
 * denominator. Example: make_divisible(32·0.35 = 11.2) rounds to 8, which is below 0.9 · 11.2 = 10.08, so 16.
 */
export function makeDivisible(
  numerator: bigint,
  denominator: bigint,
  divisor = 8n,
  minValue: bigint = divisor,
): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  // floor(v + divisor/2) // divisor * divisor, with v = numerator / denominator.
  const floorHalfUp = floorDiv(2n * numerator + divisor * denominator, 2n * denominator);
  let rounded = floorDiv(floorHalfUp, divisor) * divisor;
  if (rounded < minValue) rounded = minValue;
  // rounded < 0.9 v  ⇔  10·rounded·denominator < 9·numerator
  if (10n * rounded * denominator < 9n * numerator) rounded += divisor;
  return rounded;
}

/** Floor division of bigints (rounds toward −∞, unlike `/`). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
