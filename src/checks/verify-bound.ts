import { butterflyEdges } from '../cost/butterfly.js';
import { butterflyForward, type OperationCount } from '../butterfly/forward.js';
import { butterflyPlan, mixedRadices, mixedRadixPlan, type ButterflyPlan } from '../butterfly/plan.js';
import { seededRandom } from '../random/seeded-random.js';
import { UserError } from '../errors.js';
import { butterflyGraph } from '../graph/butterfly-graph.js';
import { evaluateCriteria } from '../graph/criteria.js';
import { graphEdges } from '../graph/layered-graph.js';

/** How a width that is not a power of the base is handled. */
export type BoundMode = 'pad' | 'mixed';

/** Options of `verifyBound`; see the defaults on each field. */
export interface BoundOptions {
  /** Number of random widths (each checked with every base). */
  readonly samples: number;
  /** Widths are drawn log-uniformly from [2, maxN]. */
  readonly maxN: number;
  readonly seed: number;
  readonly bases: readonly number[];
  /** pad: next power of the base; mixed: next width whose prime factors are ≤ maxRadix. */
  readonly mode: BoundMode;
  /** Largest prime radix in mixed mode (default 7). */
  readonly maxRadix?: number;
  /** Instrumented reference runs only for built widths ≤ this (default 16384). */
  readonly instrumentCap?: number;
  /** Criteria checked on the built graph only for built widths ≤ this (default 256). */
  readonly criteriaCap?: number;
}

/** One (width, base) check. Edge counts are per pixel. */
export interface BoundSample {
  readonly index: number;
  readonly base: number;
  /** The drawn width. */
  readonly n: number;
  /** The width actually built (padded width in pad mode, smooth width in mixed mode). */
  readonly width: number;
  readonly radices: readonly number[];
  /** The construction's count from the cost model (`butterflyEdges`, padded or mixed-radix). */
  readonly closedFormEdges: bigint;
  /** Edges of the built graph. */
  readonly graphEdges: bigint;
  /** Multiplies of an instrumented reference run (null above the cap). */
  readonly instrumentedEdges: bigint | null;
  /** Both costs for the report: padding to k^⌈log_k n⌉, and mixed radix at the smooth width. */
  readonly paddedEdges: bigint;
  readonly mixedEdges: bigint;
  /** edges / (n·log2 n). */
  readonly ratio: number;
  /** The bound this sample must satisfy (see `provenBound`). */
  readonly bound: number;
  /** Criteria on the built graph: true/false, or null above the cap. */
  readonly criteriaHold: boolean | null;
  /** Why the sample failed; absent when it passed. */
  readonly failure?: string;
}

/** Per-base summary. */
export interface BaseSummary {
  readonly base: number;
  readonly samples: number;
  /** Least-squares c in edges ≈ c·n·log2 n (through the origin). */
  readonly fittedConstant: number;
  readonly maxRatio: number;
  /** The construction's constant: k/log2 k for exact powers; the asymptotic bound otherwise. */
  readonly exactPowerConstant: number;
  readonly asymptoticConstant: number;
  readonly failures: number;
}

/** Result of `verifyBound`. */
export interface BoundVerification {
  readonly options: Required<BoundOptions>;
  readonly samples: readonly BoundSample[];
  readonly perBase: readonly BaseSummary[];
  /** The sample with the largest ratio. */
  readonly worst: BoundSample | undefined;
  readonly failures: readonly BoundSample[];
}

/** Limits on the options (bad input → UserError). */
export const BOUND_LIMITS = { maxSamples: 100_000, maxWidth: 1 << 20, maxBase: 16 } as const;

/** Largest prime factor of n ≥ 2 (trial division, O(√n)). */
function largestPrimeFactor(n: number): number {
  let rest = n;
  let largest = 1;
  for (let p = 2; p * p <= rest; p++) {
    while (rest % p === 0) {
      largest = p;
      rest /= p;
    }
  }
  return rest > 1 ? rest : largest;
}

/** Smallest width ≥ n whose prime factors are all ≤ maxRadix. */
export function nextSmoothWidth(n: number, maxRadix: number): number {
  let width = Math.max(n, 2);
  while (largestPrimeFactor(width) > maxRadix) width++;
  return width;
}

function isPrime(k: number): boolean {
  if (k < 2) return false;
  for (let d = 2; d * d <= k; d++) if (k % d === 0) return false;
  return true;
}

/**
 * The per-sample bound on edges / (n·log2 n) that the construction proves:
 * - n = k^L exactly: k·n·L / (n·log2 n) = k / log2 k (equality);
 * - padded (N = k^L < k·n, L < log_k n + 1): ratio < (k² / log2 k)·(1 + log2 k / log2 n),
 *   tending to k² / log2 k;
 * - mixed radix at width N ≥ n with radices r_ℓ: Σr_ℓ / Σlog2 r_ℓ ≤ max_ℓ r_ℓ / log2 r_ℓ
 *   (a ratio of sums is at most the largest ratio), so
 *   ratio ≤ (N/n)·(log2 N / log2 n)·max_ℓ r_ℓ / log2 r_ℓ.
 */
export function provenBound(
  mode: BoundMode,
  n: number,
  base: number,
  width: number,
  radices: readonly number[],
): number {
  const log2n = Math.log2(n);
  if (mode === 'pad') {
    if (width === n) return base / Math.log2(base);
    return ((base * base) / Math.log2(base)) * (1 + Math.log2(base) / log2n);
  }
  const worstRadix = Math.max(...radices.map((r) => r / Math.log2(r)));
  return (width / n) * (Math.log2(width) / log2n) * worstRadix;
}

function check(options: BoundOptions): Required<BoundOptions> {
  const full: Required<BoundOptions> = { maxRadix: 7, instrumentCap: 16384, criteriaCap: 256, ...options };
  const integer = (value: number, min: number, max: number, field: string) => {
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new UserError(`must be an integer in [${min}, ${max}]`, { received: value, location: { field } });
    }
  };
  integer(full.samples, 1, BOUND_LIMITS.maxSamples, 'samples');
  integer(full.maxN, 2, BOUND_LIMITS.maxWidth, 'maxN');
  integer(full.seed, 0, 2 ** 32 - 1, 'seed');
  integer(full.maxRadix, 2, 97, 'maxRadix');
  integer(full.instrumentCap, 0, BOUND_LIMITS.maxWidth * BOUND_LIMITS.maxBase, 'instrumentCap');
  integer(full.criteriaCap, 0, 4096, 'criteriaCap');
  if (full.bases.length === 0) throw new UserError('at least one base is needed', { location: { field: 'bases' } });
  for (const base of full.bases) {
    integer(base, 2, BOUND_LIMITS.maxBase, 'bases');
    if (full.mode === 'mixed' && !(isPrime(base) || base === 4)) {
      throw new UserError(
        'mixed mode needs bases that are primes or 4 (a radix-k layer costs k edges per node, ' +
          'more than its prime factors when k is composite)',
        { received: base, location: { field: 'bases' } },
      );
    }
    if (full.mode === 'mixed' && base > full.maxRadix) {
      throw new UserError(`mixed mode needs bases no larger than the largest radix, ${full.maxRadix}`, {
        received: base,
        location: { field: 'bases' },
      });
    }
  }
  return full;
}

/** Widths drawn log-uniformly from [2, maxN]: n = round(2^(u·log2 maxN)), u uniform in [1/log2 maxN, 1]. */
export function drawWidths(samples: number, maxN: number, seed: number): number[] {
  const random = seededRandom(seed);
  const top = Math.log2(maxN);
  return Array.from({ length: samples }, () =>
    Math.min(maxN, Math.max(2, Math.round(2 ** (1 + random.next() * (top - 1))))),
  );
}

/** Cost-model edges of one square butterfly of size m (official policy, n_in = n_out = m). */
function costModel(m: number, base: number, logMode: 'padded' | 'mixed-radix'): bigint {
  return butterflyEdges({ inChannels: m, outChannels: m, base, logMode, shapePolicy: 'official' });
}

/**
 * Verifies the O(n log n) edge bound of the butterfly on random widths: for every drawn width n
 * and base k it builds the construction (padding or mixed radix), and requires that (1) the cost
 * model's closed form, the built graph's edge count and (below a cap) an instrumented reference
 * run agree exactly; (2) below a cap, the graph meets the criteria (every-to-all, bottleneck n,
 * equal out-degree) with one path per pair; (3) edges / (n·log2 n) satisfies `provenBound`.
 * Pure and deterministic in `options.seed`. Cost: Σ over samples of O(width·Σr) plus the criteria
 * checks below the cap.
 */
export function verifyBound(options: BoundOptions): BoundVerification {
  const full = check(options);
  const widths = drawWidths(full.samples, full.maxN, full.seed);
  const samples: BoundSample[] = [];
  widths.forEach((n, index) => {
    for (const base of full.bases) samples.push(checkSample(index, n, base, full));
  });
  const perBase = full.bases.map((base): BaseSummary => {
    const mine = samples.filter((s) => s.base === base);
    let xy = 0;
    let xx = 0;
    for (const s of mine) {
      const x = s.n * Math.log2(s.n);
      xy += Number(s.closedFormEdges) * x;
      xx += x * x;
    }
    const log2k = Math.log2(base);
    return {
      base,
      samples: mine.length,
      fittedConstant: xx === 0 ? 0 : xy / xx,
      maxRatio: Math.max(...mine.map((s) => s.ratio)),
      exactPowerConstant: base / log2k,
      asymptoticConstant:
        full.mode === 'pad'
          ? (base * base) / log2k
          : Math.max(
              ...primesUpTo(full.maxRadix)
                .concat(base)
                .map((r) => r / Math.log2(r)),
            ),
      failures: mine.filter((s) => s.failure !== undefined).length,
    };
  });
  let worst: BoundSample | undefined;
  for (const s of samples) if (worst === undefined || s.ratio > worst.ratio) worst = s;
  return { options: full, samples, perBase, worst, failures: samples.filter((s) => s.failure !== undefined) };
}

function primesUpTo(limit: number): number[] {
  const primes: number[] = [];
  for (let p = 2; p <= limit; p++) if (isPrime(p)) primes.push(p);
  return primes;
}

function checkSample(index: number, n: number, base: number, options: Required<BoundOptions>): BoundSample {
  let padded = 1;
  while (padded < n) padded *= base;
  const smooth = nextSmoothWidth(n, options.maxRadix);
  const paddedEdges = costModel(n, base, 'padded');
  const mixedEdges = costModel(smooth, base, 'mixed-radix');
  const plan: ButterflyPlan =
    options.mode === 'pad' ? butterflyPlan(padded, base) : mixedRadixPlan(mixedRadices(smooth, base));
  const closedFormEdges = options.mode === 'pad' ? paddedEdges : mixedEdges;
  const graph = butterflyGraph(plan, options.mode === 'pad' ? 'bft' : 'bft-mixed', base);
  const built = graphEdges(graph);
  let instrumentedEdges: bigint | null = null;
  if (plan.n <= options.instrumentCap) {
    const count: OperationCount = { multiplies: 0, adds: 0 };
    const weights = new Float64Array(plan.n * plan.radices.reduce((a, b) => a + b, 0)).fill(1);
    butterflyForward(plan, weights, new Float64Array(plan.n), 1, { count });
    instrumentedEdges = BigInt(count.multiplies);
  }
  let criteriaHold: boolean | null = null;
  if (plan.n <= options.criteriaCap) {
    const found = evaluateCriteria(graph);
    criteriaHold =
      found.criteria.connectivity &&
      found.criteria.bottleneck &&
      found.criteria.symmetry &&
      found.paths.min === 1n &&
      found.paths.max === 1n;
  }
  const ratio = Number(closedFormEdges) / (n * Math.log2(n));
  const bound = provenBound(options.mode, n, base, plan.n, plan.radices);
  const problems: string[] = [];
  if (built !== closedFormEdges) problems.push(`graph has ${built} edges, closed form ${closedFormEdges}`);
  if (instrumentedEdges !== null && instrumentedEdges !== closedFormEdges) {
    problems.push(`instrumented run did ${instrumentedEdges} multiplies, closed form ${closedFormEdges}`);
  }
  if (criteriaHold === false) problems.push('criteria fail on the built graph');
  const tolerance = 1e-9 * bound;
  if (options.mode === 'pad' && plan.n === n ? Math.abs(ratio - bound) > tolerance : ratio > bound + tolerance) {
    problems.push(`edges/(n log2 n) = ${ratio} exceeds the proven ${bound}`);
  }
  return {
    index,
    base,
    n,
    width: plan.n,
    radices: plan.radices,
    closedFormEdges,
    graphEdges: built,
    instrumentedEdges,
    paddedEdges,
    mixedEdges,
    ratio,
    bound,
    criteriaHold,
    ...(problems.length > 0 ? { failure: problems.join('; ') } : {}),
  };
}
