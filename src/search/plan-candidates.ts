/**
 * `butterflops plan`, the pure half (issue 18): the distinct channel-fusion shapes of a BFT
 * network, the candidate factorisations of each, and the choice of one per shape under an
 * objective and a network MAC budget. Timing is done elsewhere (`runtime/measure-plan.ts`) and
 * comes in as a table.
 *
 * Candidates for a square butterfly of size m: for every number of factors L from 2 to the
 * number of prime factors of m, the factorisation into L radices with the smallest Σr (the
 * fewest MACs for L passes over the activation), plus the paper's base 4 (factors 4, then
 * primes). These run from base 2 (L = log2 m, the fewest MACs) to two factors near √m (the fewest
 * passes); between them lies the fastest on a machine. Each candidate is taken in every operator
 * form. Beside them, the dense 1×1 conv kept as it is (issue 22): where it is faster (or, for the
 * `macs` objective, has fewer MACs) the plan keeps the layer dense. O(divisors(m)^L) per size,
 * small for m ≤ 65536.
 */
import { baseRadices, butterflySquares } from '../fusion/butterfly-plans.js';
import type { ButterflyForm } from '../model/layer.js';
import type { Network } from '../model/network.js';
import { shapeRows } from '../model/shape.js';
import type { PlanObjective } from '../model/network-plan.js';

/** One channel-fusion shape and the layers that have it. */
export interface PlanShape {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly height: number;
  readonly width: number;
  /** Images per sample the layers run on (`NetworkLayer.batch`: RAFT's two frames), 1 for most. */
  readonly batch: number;
  /** Square size and squares under the shape policy. */
  readonly m: number;
  readonly squares: number;
  readonly layers: readonly string[];
}

/** What every candidate has: its MACs per layer and (for latency, roofline) its time. */
interface CandidateCost {
  /** MACs of one layer of the shape per sample (a butterfly: squares · m · Σr · pixels · batch). */
  readonly macs: bigint;
  /** Time of one layer of the shape per sample (ms: per image × batch), measured or predicted; absent for `macs`. */
  readonly ms?: number;
}

/** A butterfly candidate: radices and operator form. */
export interface ButterflyCandidate extends CandidateCost {
  readonly kind: 'butterfly';
  readonly radices: readonly number[];
  readonly form: ButterflyForm;
}

/**
 * The layer kept a dense 1×1 conv (issue 22); its MACs are the conv's as `count` counts it
 * (C_in · C_out · pixels · batch under the paper's convention).
 */
export interface DenseCandidate extends CandidateCost {
  readonly kind: 'dense';
}

/** A shape's candidate. */
export type PlanCandidate = ButterflyCandidate | DenseCandidate;

/** The butterflies of a BFT network grouped by shape (first appearance order). */
export function planShapes(network: Network): PlanShape[] {
  const shapes = new Map<string, { shape: Omit<PlanShape, 'layers'>; layers: string[] }>();
  for (const entry of network.layers) {
    const layer = entry.layer;
    if (layer.kind !== 'butterfly') continue;
    const { m, squares } = butterflySquares(layer);
    // A clip's positions as T·H rows (the butterfly mixes channels at each position alike).
    const height = shapeRows(entry.output);
    const batch = entry.batch ?? 1;
    const key = `${layer.inChannels}/${layer.outChannels}/${height}/${entry.output.width}/${m}/${batch}`;
    const found = shapes.get(key);
    if (found !== undefined) found.layers.push(entry.name);
    else
      shapes.set(key, {
        shape: {
          inChannels: layer.inChannels,
          outChannels: layer.outChannels,
          height,
          width: entry.output.width,
          batch,
          m,
          squares,
        },
        layers: [entry.name],
      });
  }
  return [...shapes.values()].map(({ shape, layers }) => ({ ...shape, layers }));
}

/** Prime factors of m with multiplicity, ascending. */
function primeFactors(m: number): number[] {
  return baseRadices(m, m + 1);
}

/** The L radices (non-increasing) with product m and the smallest sum, or undefined. */
export function balancedRadices(m: number, length: number): number[] | undefined {
  let best: number[] | undefined;
  let bestSum = Infinity;
  const search = (rest: number, left: number, max: number, chosen: number[], sum: number): void => {
    if (sum >= bestSum) return;
    if (left === 1) {
      if (rest >= 2 && rest <= max && sum + rest < bestSum) {
        best = [...chosen, rest];
        bestSum = sum + rest;
      }
      return;
    }
    for (let r = Math.min(max, rest); r >= 2; r--) {
      if (rest % r !== 0) continue;
      // the remaining left−1 factors are each ≤ r: skip r too small to reach rest
      if (r ** (left - 1) * r < rest) break;
      search(rest / r, left - 1, r, [...chosen, r], sum + r);
    }
  };
  search(m, length, m, [], 0);
  return best;
}

/** Candidate radix lists for size m (see the file comment), most factors first. */
export function candidateRadices(m: number): number[][] {
  const lists: number[][] = [];
  const seen = new Set<string>();
  const add = (radices: number[] | undefined) => {
    if (radices === undefined || radices.length < 2) return;
    const key = [...radices].sort((a, b) => b - a).join('x');
    if (!seen.has(key)) {
      seen.add(key);
      lists.push(radices);
    }
  };
  for (let length = primeFactors(m).length; length >= 2; length--) add(balancedRadices(m, length));
  add(baseRadices(m, 4));
  return lists;
}

/** MACs of one layer of `shape` planned with `radices`. */
export function planMacs(shape: PlanShape, radices: readonly number[]): bigint {
  const sum = radices.reduce((a, b) => a + b, 0);
  return BigInt(shape.squares) * BigInt(shape.m) * BigInt(sum) * BigInt(shape.batch * shape.height * shape.width);
}

/**
 * Bytes one layer of `shape` planned with `radices` moves, for the roofline (float32, per
 * sample): every factor reads and writes the squares · m channels of the activation once, a
 * factor of radix < m also its channel shuffle (another read and write); every weight
 * (squares · m · Σr) is read once. Caches are ignored.
 */
export function butterflyBytes(shape: PlanShape, radices: readonly number[]): bigint {
  const pixels = BigInt(shape.batch * shape.height * shape.width);
  const channels = BigInt(shape.squares * shape.m);
  const passes = BigInt(radices.reduce((sum, radix) => sum + (radix === shape.m ? 1 : 2), 0));
  const weights = channels * BigInt(radices.reduce((a, b) => a + b, 0));
  return 4n * (2n * channels * pixels * passes + weights);
}

/**
 * Bytes the dense 1×1 conv of `shape` moves, for the roofline (float32, per sample): its input
 * (C_in per pixel) read once, its output (C_out per pixel) written once, its C_in · C_out
 * weights read once. Caches are ignored.
 */
export function denseBytes(shape: PlanShape): bigint {
  const pixels = BigInt(shape.batch * shape.height * shape.width);
  const inC = BigInt(shape.inChannels);
  const outC = BigInt(shape.outChannels);
  return 4n * ((inC + outC) * pixels + inC * outC);
}

/** The choice for one shape. */
export interface ShapeChoice {
  readonly shape: PlanShape;
  readonly chosen: PlanCandidate;
}

/**
 * Chooses a candidate per shape. `macs`: the fewest MACs per shape, exactly (ties: the earlier
 * candidate — so a dense candidate listed last is chosen only where it has strictly fewer MACs);
 * the budget is then met or nothing is. `latency` / `roofline`: the least total time Σ layers·ms
 * subject to the network's planned MACs ≤ `budget` (= `maxMacs − otherMacs`, if given). Exact: a
 * dynamic programme over shapes on the Pareto front of (MACs, time) pairs — every non-dominated
 * combination is kept, so the optimum is never pruned. Throws a RangeError when no combination
 * fits the budget (the caller turns it into a user error).
 */
export function choosePlan(
  shapes: readonly PlanShape[],
  candidates: readonly (readonly PlanCandidate[])[],
  objective: PlanObjective,
  budget?: bigint,
): ShapeChoice[] {
  if (objective === 'macs') {
    const chosen = shapes.map((shape, s) => {
      const fewest = (candidates[s] ?? []).reduce<PlanCandidate | undefined>(
        (best, c) => (best === undefined || c.macs < best.macs ? c : best),
        undefined,
      );
      if (fewest === undefined) throw new RangeError(`shape ${s} has no candidate`);
      return { shape, chosen: fewest };
    });
    const macs = chosen.reduce((sum, { shape, chosen: c }) => sum + BigInt(shape.layers.length) * c.macs, 0n);
    if (budget !== undefined && macs > budget) throw new RangeError('no plan fits the MAC budget');
    return chosen;
  }
  const time = (c: PlanCandidate) => c.ms ?? Infinity;
  interface State {
    readonly macs: bigint;
    readonly time: number;
    readonly picks: readonly number[];
  }
  let front: State[] = [{ macs: 0n, time: 0, picks: [] }];
  shapes.forEach((shape, s) => {
    const count = BigInt(shape.layers.length);
    const next: State[] = [];
    for (const state of front) {
      (candidates[s] ?? []).forEach((c, i) => {
        const macs = state.macs + count * c.macs;
        if (budget !== undefined && macs > budget) return;
        next.push({ macs, time: state.time + shape.layers.length * time(c), picks: [...state.picks, i] });
      });
    }
    next.sort((a, b) => (a.macs < b.macs ? -1 : a.macs > b.macs ? 1 : a.time - b.time));
    front = [];
    let bestTime = Infinity;
    for (const state of next)
      if (state.time < bestTime) {
        front.push(state);
        bestTime = state.time;
      }
  });
  const best = front.reduce<State | undefined>(
    (b, s) => (b === undefined || s.time < b.time || (s.time === b.time && s.macs < b.macs) ? s : b),
    undefined,
  );
  if (best === undefined || best.picks.length !== shapes.length) throw new RangeError('no plan fits the MAC budget');
  return shapes.map((shape, s) => ({ shape, chosen: (candidates[s] ?? [])[best.picks[s] ?? 0] as PlanCandidate }));
}
