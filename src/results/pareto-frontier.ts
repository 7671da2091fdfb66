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
  // 1. Indices in cost order (ties in input order); an input already in cost order (the analysis
  //    sorts its points) skips the sort. NaN accuracies take no part.
  const comparable: number[] = [];
  let sorted = true;
  let previous: bigint | undefined;
  points.forEach((point, i) => {
    if (Number.isNaN(point.top1)) return;
    if (previous !== undefined && previous > point.macs) sorted = false;
    previous = point.macs;
    comparable.push(i);
  });
  // costOrder breaks ties by position in `comparable`, which is input order.
  const order = sorted
    ? comparable
    : costOrder(comparable, (i) => points[i]?.macs ?? 0n).map((k) => comparable[k] ?? 0);

  // 2. Cost levels, cheapest first: each level's most accurate point (the first among equals),
  //    the running best accuracy over levels 0…k (never falls), and each point's level.
  const levelBest: P[] = [];
  const runningBest: number[] = [];
  const levelOf = new Int32Array(points.length).fill(-1);
  let levelMacs: bigint | undefined;
  for (const i of order) {
    const point = points[i];
    if (point === undefined) continue;
    const last = levelBest.length - 1;
    const best = levelBest[last];
    if (best === undefined || levelMacs !== point.macs) {
      levelMacs = point.macs;
      levelBest.push(point);
      runningBest.push(Math.max(point.top1, runningBest[last] ?? -Infinity));
    } else if (point.top1 > best.top1) {
      levelBest[last] = point;
      runningBest[last] = Math.max(point.top1, runningBest[last] ?? -Infinity);
    }
    levelOf[i] = levelBest.length - 1;
  }
  /** The first level before `end` whose running best reaches `top1`, or -1. */
  const firstReaching = (top1: number, end: number): number => {
    if (end <= 0 || (runningBest[end - 1] ?? -Infinity) < top1) return -1;
    let low = 0;
    let high = end - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((runningBest[middle] ?? -Infinity) >= top1) high = middle;
      else low = middle + 1;
    }
    return low;
  };

  // 3. Each point: a cheaper dominator if any, else a more accurate point of the same cost.
  const frontier: { point: P; i: number }[] = [];
  const dominated: Dominated<P>[] = [];
  points.forEach((point, i) => {
    const own = levelOf[i] ?? -1;
    let by: P | undefined;
    if (own >= 0) {
      const same = levelBest[own];
      by = levelBest[firstReaching(point.top1, own)];
      if (by === undefined && same !== undefined && same.top1 > point.top1) by = same;
    }
    if (by === undefined) frontier.push({ point, i });
    else dominated.push({ point, dominatedBy: by });
  });
  frontier.sort((a, b) => (a.point.macs < b.point.macs ? -1 : a.point.macs > b.point.macs ? 1 : a.i - b.i));
  return { frontier: frontier.map(({ point }) => point), dominated };
}
