import { costOrder } from './cost-order.js';

/**
 * Pareto frontier of accuracy-vs-cost points: the points no other point beats on both axes
 * (minimise cost, maximise accuracy). A point is dominated when another point costs no more and
 * is at least as accurate, and is strictly better in one of the two; identical points do not
 * dominate each other, so both stay on the frontier.
 */

/** The two coordinates the frontier looks at. */
export interface CostAccuracy {
  /** Cost in MACs. */
  readonly macs: bigint;
  /** Top-1 accuracy in percent. */
  readonly top1: number;
}

/** A dominated point and the point that dominates it (the cheapest, then most accurate one). */
export interface Dominated<P> {
  readonly point: P;
  readonly dominatedBy: P;
}

/** The frontier (cheapest first; ties keep input order) and the dominated points (input order). */
export interface ParetoSplit<P> {
  readonly frontier: readonly P[];
  readonly dominated: readonly Dominated<P>[];
}

/** True when `a` dominates `b`: no more expensive, no less accurate, strictly better in one. */
export function dominates(a: CostAccuracy, b: CostAccuracy): boolean {
  return a.macs <= b.macs && a.top1 >= b.top1 && (a.macs < b.macs || a.top1 > b.top1);
}

/**
 * Splits `points` into the Pareto frontier and the dominated points; each dominated point names
 * the point that dominates it with the least cost, among those the most accurate, among those the
 * first in input order. A point whose accuracy is NaN neither dominates nor is dominated.
 *
 * How, in O(n log n): group the points by cost (sorted), keep each cost's most accurate point and
 * the running maximum of accuracy over the cheaper costs. A point of accuracy a at cost c is
 * dominated by a cheaper point exactly when that running maximum before c reaches a; the cheapest
 * such cost is found by binary search (the running maximum never falls), and its most accurate
 * point is the answer. Otherwise only a more accurate point of the same cost can dominate it.
 * Example: (14M, 41.5), (21M, 45.5), (42M, 50.6), (41M, 50.6) → frontier 14M, 21M, 41M;
 * 42M dominated by 41M.
 */
export function paretoFrontier<P extends CostAccuracy>(points: readonly P[]): ParetoSplit<P> {
  return split(points, true);
}

/**
 * The frontier of {@link paretoFrontier} alone, without listing the dominated points (for a
 * frontier that is only read, such as the baseline of an iso-cost comparison). O(n log n).
 */
export function frontierOf<P extends CostAccuracy>(points: readonly P[]): readonly P[] {
  return split(points, false).frontier;
}

/** {@link paretoFrontier}; the dominated points are listed only when `listDominated`. */
function split<P extends CostAccuracy>(points: readonly P[], listDominated: boolean): ParetoSplit<P> {
  const n = points.length;
  // 1. Indices in cost order (ties in input order); an input already in cost order (the analysis
  //    sorts its points) skips the sort. NaN accuracies take no part.
  const comparable: number[] = [];
  let sorted = true;
  let previous: bigint | undefined;
  for (let i = 0; i < n; i++) {
    const point = points[i] as P;
    if (Number.isNaN(point.top1)) continue;
    if (previous !== undefined && previous > point.macs) sorted = false;
    previous = point.macs;
    comparable.push(i);
  }
  // costOrder breaks ties by position in `comparable`, which is input order.
  const order = sorted
    ? comparable
    : costOrder(comparable, (i) => (points[i] as P).macs).map((k) => comparable[k] as number);

  // 2. Cost levels, cheapest first: each level's most accurate point (the first among equals),
  //    the running best accuracy over levels 0…k (never falls), and each point's level.
  const levelBest: P[] = [];
  const runningBest = new Float64Array(order.length);
  const levelOf = new Int32Array(n).fill(-1);
  let levelMacs: bigint | undefined;
  for (const i of order) {
    const point = points[i] as P;
    const last = levelBest.length - 1;
    const best = levelBest[last];
    if (best === undefined || levelMacs !== point.macs) {
      levelMacs = point.macs;
      levelBest.push(point);
      runningBest[last + 1] = last < 0 ? point.top1 : Math.max(point.top1, runningBest[last] as number);
    } else if (point.top1 > best.top1) {
      levelBest[last] = point;
      runningBest[last] = Math.max(point.top1, runningBest[last] as number);
    }
    levelOf[i] = levelBest.length - 1;
  }
  /** The first level before `end` whose running best reaches `top1`, or -1. */
  const firstReaching = (top1: number, end: number): number => {
    if (end <= 0 || (runningBest[end - 1] as number) < top1) return -1;
    let low = 0;
    let high = end - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((runningBest[middle] as number) >= top1) high = middle;
      else low = middle + 1;
    }
    return low;
  };

  // 3. Each point: a cheaper dominator if any, else a more accurate point of the same cost.
  const frontier: number[] = [];
  const dominated: Dominated<P>[] = [];
  for (let i = 0; i < n; i++) {
    const point = points[i] as P;
    const own = levelOf[i] as number;
    let by: P | undefined;
    if (own >= 0) {
      const reaching = firstReaching(point.top1, own);
      by = reaching >= 0 ? levelBest[reaching] : undefined;
      const same = levelBest[own] as P;
      if (by === undefined && same.top1 > point.top1) by = same;
    }
    if (by === undefined) frontier.push(i);
    else if (listDominated) dominated.push({ point, dominatedBy: by });
  }
  // Frontier points in cost order, ties in input order: `order` has that order already, unless
  // NaN points (never dominated, no cost level) are on the frontier; then sort them all.
  if (order.length === n) {
    const onFrontier = new Uint8Array(n);
    for (const i of frontier) onFrontier[i] = 1;
    return { frontier: order.filter((i) => onFrontier[i] === 1).map((i) => points[i] as P), dominated };
  }
  const byCost = (a: number, b: number): number => {
    const x = (points[a] as P).macs;
    const y = (points[b] as P).macs;
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  return { frontier: frontier.sort(byCost).map((i) => points[i] as P), dominated };
}
