import { ceilLog } from '../expr/integer-functions.js';
import type { FusionGraph, FusionStructure } from '../model/fusion-graph.js';
import { assertNever } from '../errors.js';
import { butterflyPlan, mixedRadices, mixedRadixPlan } from '../butterfly/plan.js';
import { butterflyGraph } from './butterfly-graph.js';
import { bftOfficialGraph } from './bft-official-graph.js';
import { circulantGraph, denseGraph, lowRankGraph, randomGraph, shuffleGraph } from './structures.js';
import { UserError } from '../errors.js';

/** Parameters of the generators; every field has a default derived from n (see `structureDefaults`). */
export interface StructureOptions {
  /** Base k of bft, bft-official, circulant, and the default random degree. Default 2. */
  readonly base?: number;
  /** Radices of bft-mixed (product must be n). Default `mixedRadices(n, base)`. */
  readonly radices?: readonly number[];
  /** Groups of shuffle. Default: the largest divisor of n that is ≤ √n. */
  readonly groups?: number;
  /** Layers of shuffle (default 2) and random (default ⌈log_degree n⌉). */
  readonly layers?: number;
  /** Rank of low-rank. Default ⌈log2 n⌉ (the paper's Table 2b uses rank log n). */
  readonly rank?: number;
  /** Out-degree of random. Default the base. */
  readonly degree?: number;
  /** Seed of random. Default 1. */
  readonly seed?: number;
}

/** Smallest L with b^L ≥ n (integers, no floating point). */
function ceilLogInt(n: number, b: number): number {
  return Number(ceilLog(BigInt(n), BigInt(b)));
}

/** Largest divisor of n not above √n. O(√n). */
function largestSmallDivisor(n: number): number {
  let best = 1;
  for (let d = 1; d * d <= n; d++) if (n % d === 0) best = d;
  return best;
}

/**
 * Builds the fusion graph of `structure` for width n. Bad parameters (n < 2, n not a power of
 * the base for bft, rank ≥ n, groups not dividing n, …) throw a `UserError`.
 * Cost: linear in the edges built (dense: n²).
 */
export function generateStructure(structure: FusionStructure, n: number, options: StructureOptions = {}): FusionGraph {
  if (!Number.isSafeInteger(n) || n < 2)
    throw new UserError('the width n must be an integer >= 2', { received: n, location: { field: 'n' } });
  const base = options.base ?? 2;
  if (!Number.isSafeInteger(base) || base < 2) {
    throw new UserError('the base must be an integer >= 2', { received: base, location: { field: 'base' } });
  }
  switch (structure) {
    case 'dense':
      return denseGraph(n);
    case 'bft':
      return butterflyGraph(butterflyPlan(n, base), 'bft', base);
    case 'bft-mixed': {
      const plan = mixedRadixPlan(options.radices ?? mixedRadices(n, base));
      if (plan.n !== n) {
        throw new UserError(`the radices multiply to ${plan.n}, not n = ${n}`, {
          received: options.radices,
          location: { field: 'radices' },
        });
      }
      return butterflyGraph(plan, 'bft-mixed');
    }
    case 'bft-official':
      return bftOfficialGraph(n, base);
    case 'shuffle':
      return shuffleGraph(n, options.groups ?? largestSmallDivisor(n), options.layers ?? 2);
    case 'low-rank':
      return lowRankGraph(n, options.rank ?? ceilLogInt(n, 2));
    case 'circulant':
      return circulantGraph(n, base);
    case 'random': {
      const degree = options.degree ?? base;
      return randomGraph(
        n,
        degree,
        options.layers ?? Math.max(1, ceilLogInt(n, Math.max(degree, 2))),
        options.seed ?? 1,
      );
    }
    default:
      return assertNever(structure, 'structure');
  }
}
