/**
 * Pareto frontier of accuracy-vs-cost points: the points no other point beats on both axes
 * (minimise cost, maximise accuracy). A point is dominated when another point costs no more and
 * is at least as accurate, and is strictly better in one of the two; identical points do not
 * dominate each other, so both stay on the frontier.
 */
import { compareValues } from '../text/compare.js';

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
 * Splits `points` into the Pareto frontier and the dominated points. O(n²) comparisons, which is
 * nothing for result tables (tens of rows) and easy to check.
 * Example: (14M, 41.5), (21M, 45.5), (42M, 50.6), (41M, 50.6) → frontier 14M, 21M, 41M;
 * 42M dominated by 41M.
 */
export function paretoFrontier<P extends CostAccuracy>(points: readonly P[]): ParetoSplit<P> {
  const frontier: P[] = [];
  const dominated: Dominated<P>[] = [];
  for (const point of points) {
    let best: P | undefined;
    for (const other of points) {
      if (other === point || !dominates(other, point)) continue;
      if (best === undefined || other.macs < best.macs || (other.macs === best.macs && other.top1 > best.top1))
        best = other;
    }
    if (best === undefined) frontier.push(point);
    else dominated.push({ point, dominatedBy: best });
  }
  const order = new Map(points.map((point, i) => [point, i]));
  frontier.sort((a, b) => compareValues(a.macs, b.macs) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { frontier, dominated };
}
