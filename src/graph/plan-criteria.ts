/**
 * The paper's criteria for one planned butterfly (issue 18), checked on its fusion graph by the
 * graph code — not assumed: every input reaches every output, along exactly one path (min = max
 * = 1 path per pair), the bottleneck is m (no cut narrower than the width), and every node of a
 * layer has the same out-degree. Memoised per (m, radices). Cost: `evaluateCriteria` on an
 * m-channel graph (milliseconds for m ≤ 4096).
 */
import { mixedRadixPlan } from '../butterfly/plan.js';
import { butterflyGraph } from './butterfly-graph.js';
import { evaluateCriteria } from './criteria.js';

/** What holds for one plan. */
export interface PlanCriteria {
  readonly everyToAll: boolean;
  readonly onePathPerPair: boolean;
  readonly bottleneck: boolean;
  readonly equalOutDegree: boolean;
  /** All four. */
  readonly met: boolean;
}

const memo = new Map<string, PlanCriteria>();

/** The criteria of the butterfly with these radices (their product is its size). */
export function planCriteria(radices: readonly number[]): PlanCriteria {
  const key = radices.join('x');
  const known = memo.get(key);
  if (known !== undefined) return known;
  const plan = mixedRadixPlan(radices);
  const found = evaluateCriteria(butterflyGraph(plan, 'bft-mixed'));
  const result = {
    everyToAll: found.everyToAll,
    onePathPerPair: found.paths.min === 1n && found.paths.max === 1n,
    bottleneck: found.bottleneck === plan.n,
    equalOutDegree: found.equalOutDegree,
  };
  const criteria = {
    ...result,
    met: result.everyToAll && result.onePathPerPair && result.bottleneck && result.equalOutDegree,
  };
  memo.set(key, criteria);
  return criteria;
}
