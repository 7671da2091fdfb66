import type { CostAccuracy } from './pareto-frontier.js';
import { byKey } from '../text/compare.js';

/**
 * Reading a Pareto frontier between its points, log-linear in cost: between two frontier points
 * (c₀, a₀) and (c₁, a₁) the accuracy at cost c is a₀ + (a₁ − a₀) · ln(c / c₀) / ln(c₁ / c₀).
 * Accuracy grows roughly linearly in log cost across width/resolution families, which is why the
 * papers plot cost on a log axis. Costs are converted from bigint to number here (ratios only).
 */

/** Accuracy read off a frontier at a cost; `extrapolated` when the cost lies outside it. */
export interface FrontierReading {
  /** Interpolated top-1 in percent; `null` when it cannot be read (fewer than two points outside). */
  readonly top1: number | null;
  /** True when the cost is below the cheapest or above the dearest frontier point. */
  readonly extrapolated: boolean;
}

/** Frontier points with distinct costs, cheapest first (identical points collapse to one). */
function distinctByCost(frontier: readonly CostAccuracy[]): CostAccuracy[] {
  const sorted = [...frontier].sort(byKey((point) => point.macs));
  return sorted.filter((point, i) => i === 0 || point.macs !== sorted[i - 1]?.macs);
}

function lerpLog(from: CostAccuracy, to: CostAccuracy, macs: bigint): number {
  const t = Math.log(Number(macs) / Number(from.macs)) / Math.log(Number(to.macs) / Number(from.macs));
  return from.top1 + (to.top1 - from.top1) * t;
}

/** The number of leading `items` for which `before` holds (it must hold for a prefix only). */
function countBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const item = items[middle];
    if (item !== undefined && before(item)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A frontier prepared for many readings: {@link top1AtCost} and {@link costToReachTop1} of the
 * same frontier, each in O(log frontier size) after an O(f log f) preparation. `frontier` must be
 * a Pareto frontier (as `paretoFrontier` returns it, any order): then its distinct costs have
 * strictly rising accuracies, which is what makes binary search valid.
 */
export interface FrontierReader {
  readonly top1AtCost: (macs: bigint) => FrontierReading;
  readonly costToReachTop1: (top1: number) => bigint | null;
}

/** Prepares `frontier` for readings; see {@link FrontierReader}. */
export function frontierReader(frontier: readonly CostAccuracy[]): FrontierReader {
  const points = distinctByCost(frontier);
  const first = points[0];
  const last = points[points.length - 1];
  const atCost = (macs: bigint): FrontierReading => {
    if (first === undefined || last === undefined || macs <= 0n || first.macs <= 0n)
      return { top1: null, extrapolated: true };
    // points[i − 1].macs < macs ≤ points[i].macs
    const i = countBefore(points, (point) => point.macs < macs);
    const at = points[i];
    if (at !== undefined && at.macs === macs) return { top1: at.top1, extrapolated: false };
    if (points.length < 2) return { top1: null, extrapolated: true };
    if (macs < first.macs) return { top1: lerpLog(first, points[1] ?? first, macs), extrapolated: true };
    if (macs > last.macs) return { top1: lerpLog(points[points.length - 2] ?? last, last, macs), extrapolated: true };
    const from = points[i - 1];
    if (from === undefined || at === undefined) return { top1: null, extrapolated: true }; // unreachable
    return { top1: lerpLog(from, at, macs), extrapolated: false };
  };
  const toReach = (top1: number): bigint | null => {
    // points[i − 1].top1 < top1 ≤ points[i].top1
    const i = countBefore(points, (point) => point.top1 < top1);
    const to = points[i];
    const from = points[i - 1];
    if (to !== undefined && to.top1 === top1) return to.macs;
    if (from === undefined || to === undefined) return null;
    const exponent = (top1 - from.top1) / (to.top1 - from.top1);
    const macs = Number(from.macs) * (Number(to.macs) / Number(from.macs)) ** exponent;
    return BigInt(Math.round(macs));
  };
  return { top1AtCost: atCost, costToReachTop1: toReach };
}

/**
 * The accuracy the frontier reaches at `macs`. Inside the frontier's cost range: log-linear
 * interpolation between the neighbouring points (exactly a point's accuracy at its cost).
 * Outside: the nearest segment extended, flagged `extrapolated`; with a single point, `null`.
 * O(f log f) for a frontier of f points; read many costs through {@link frontierReader}.
 * Example: frontier (21M, 45.5), (34M, 47.7) at 23M → 45.5 + 2.2 · ln(23/21) / ln(34/21) ≈ 45.915.
 */
export function top1AtCost(frontier: readonly CostAccuracy[], macs: bigint): FrontierReading {
  return frontierReader(frontier).top1AtCost(macs);
}

/**
 * The cost (MACs, rounded to a whole MAC) at which the frontier reaches `top1`: the inverse of
 * {@link top1AtCost}, c = c₀ · (c₁ / c₀)^((a − a₀) / (a₁ − a₀)). `null` when the frontier does not
 * cover that accuracy (below its least or above its best accuracy): no extrapolation here.
 * O(f log f); read many accuracies through {@link frontierReader}.
 * Example: frontier (41M, 50.6), (49M, 56.3) reaches 52.26 at 41M · (49/41)^(1.66/5.7) ≈ 43.18M.
 */
export function costToReachTop1(frontier: readonly CostAccuracy[], top1: number): bigint | null {
  return frontierReader(frontier).costToReachTop1(top1);
}
