import { UserError } from '../errors.js';

/**
 * The shape of a butterfly of n channels: layer degrees (radices) r_0 … r_{m−1} with ∏ r_ℓ = n.
 * Layer ℓ splits the channel index into (block, digit, offset) with stride
 * s_ℓ = n / (r_0 ⋯ r_ℓ): u = b·r_ℓ·s_ℓ + d·s_ℓ + t, and connects every node to the r_ℓ nodes that
 * differ from it only in the digit d. With all r_ℓ = k this is the paper's recursive form
 * (bft-paper.md §2): the first layer mixes k contiguous groups of n/k channels through diagonal
 * blocks, and each group is then transformed by a butterfly of size n/k.
 */
export interface ButterflyPlan {
  readonly n: number;
  readonly radices: readonly number[];
}

/** Stride s_ℓ of every layer: n / (r_0 ⋯ r_ℓ). O(m). */
export function layerStrides(plan: ButterflyPlan): number[] {
  const strides: number[] = [];
  let rest = plan.n;
  for (const radix of plan.radices) {
    rest /= radix;
    strides.push(rest);
  }
  return strides;
}

/**
 * The base-k butterfly of size n = k^L (L layers of degree k). Throws a `UserError` when n is
 * not a power of k, naming the nearest powers and the mixed-radix butterfly. O(L).
 * Example: butterflyPlan(64, 4).radices = [4, 4, 4].
 */
export function butterflyPlan(n: number, base: number): ButterflyPlan {
  checkWidth(n);
  if (!Number.isSafeInteger(base) || base < 2) {
    throw new UserError('the butterfly base must be an integer >= 2', {
      received: base,
      location: { field: 'base' },
    });
  }
  const radices: number[] = [];
  let rest = n;
  while (rest % base === 0) {
    radices.push(base);
    rest /= base;
  }
  if (rest !== 1) {
    let below = 1;
    while (below * base <= n) below *= base;
    throw new UserError(`n = ${n} is not a power of the base ${base}`, {
      location: { field: 'n' },
      expected: `a power of ${base} such as ${below === 1 ? base : `${below} or ${below * base}`}, or the mixed-radix butterfly (bft-mixed), which takes any n`,
    });
  }
  return { n, radices };
}

/**
 * A mixed-radix butterfly with the given layer degrees; n = ∏ radices. Every radix must be an
 * integer ≥ 2. O(m).
 */
export function mixedRadixPlan(radices: readonly number[]): ButterflyPlan {
  if (radices.length === 0)
    throw new UserError('a butterfly needs at least one radix', { location: { field: 'radices' } });
  let n = 1;
  for (const radix of radices) {
    if (!Number.isSafeInteger(radix) || radix < 2) {
      throw new UserError('every radix must be an integer >= 2', { received: radix, location: { field: 'radices' } });
    }
    n *= radix;
  }
  checkWidth(n);
  return { n, radices: [...radices] };
}

/**
 * Default radices for width n: as many factors `base` as divide n, then the prime factors of
 * the rest in ascending order (so n = 48, base 4 gives [4, 4, 3]). When base is prime or 4 the
 * edge count n·Σr equals the cost model's mixed-radix count n·sopfr(n). O(√n).
 */
export function mixedRadices(n: number, base = 2): number[] {
  checkWidth(n);
  const radices: number[] = [];
  let rest = n;
  if (base >= 2) {
    while (rest % base === 0) {
      radices.push(base);
      rest /= base;
    }
  }
  for (let p = 2; p * p <= rest; p += p === 2 ? 1 : 2) {
    while (rest % p === 0) {
      radices.push(p);
      rest /= p;
    }
  }
  if (rest > 1) radices.push(rest);
  return radices;
}

/** Edges (= weights = multiplications per pixel) of a plan: n·Σ r_ℓ. O(m). */
export function planEdges(plan: ButterflyPlan): bigint {
  return BigInt(plan.n) * plan.radices.reduce((sum, r) => sum + BigInt(r), 0n);
}

/** Number of weights in layer ℓ (r_ℓ·n), and the offset of each layer in a flat weight array. */
export function layerWeightOffsets(plan: ButterflyPlan): number[] {
  const offsets = [0];
  for (const radix of plan.radices) offsets.push((offsets[offsets.length - 1] ?? 0) + radix * plan.n);
  return offsets;
}

function checkWidth(n: number): void {
  if (!Number.isSafeInteger(n) || n < 2) {
    throw new UserError('the width n must be an integer >= 2', { received: n, location: { field: 'n' } });
  }
}
