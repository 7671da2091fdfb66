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
 * form. O(divisors(m)^L) per size, small for m ≤ 65536.
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

/** A shape's candidate: radices and form, its MACs per layer, and (for latency) its time. */
export interface PlanCandidate {
  readonly radices: readonly number[];
  readonly form: ButterflyForm;
  /** MACs of one layer of the shape per sample: squares · m · Σr · pixels · batch. */
  readonly macs: bigint;
  /** Time of one layer of the shape per sample (ms: per image × batch), measured or predicted; absent for `macs`. */
  readonly ms?: number;
}

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

/** The choice for one shape. */
export interface ShapeChoice {
  readonly shape: PlanShape;
  readonly chosen: PlanCandidate;
}

/**
 * Chooses a candidate per shape. `macs`: the fewest MACs (ties: fewer factors). `latency` /
 * `roofline`: the least total time Σ layers·ms subject to the network's butterfly MACs ≤
 * `maxMacs − otherMacs` (if given). Exact: a dynamic programme over shapes on the Pareto front of
 * (MACs, time) pairs — every non-dominated combination is kept, so the optimum is never pruned.
 * Throws when no combination fits the budget (the caller turns it into a user error).
 */
export function choosePlan(
  shapes: readonly PlanShape[],
  candidates: readonly (readonly PlanCandidate[])[],
  objective: PlanObjective,
  budget?: bigint,
): ShapeChoice[] {
  const time = (c: PlanCandidate) => (objective === 'macs' ? Number(c.macs) : (c.ms ?? Infinity));
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
