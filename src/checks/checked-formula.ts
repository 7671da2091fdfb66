/**
 * The total of a network as an exact formula in its free parameters, checked against the
 * layer-by-layer count: the symbolic fold (`cost/symbolic-total.ts`) and the concrete fold
 * (`cost/analyze.ts`) are computed independently and must agree at the build point.
 */
import { buildFusedNetwork, type CountRequest } from '../count/count-request.js';
import { analyze } from '../cost/analyze.js';
import { COST_RULES } from '../cost/registry.js';
import { symbolicTotal, type SymbolicTotal } from '../cost/symbolic-total.js';
import { evaluateExact, fractionToBigInt } from '../expr/math.js';
import { PAPER_CONVENTION, type CountingConvention } from '../model/convention.js';
import type { Network } from '../model/network.js';

/** The quantities a formula can be asked for. */
export const FORMULA_QUANTITIES = ['macs', 'params', 'extraOps'] as const;
export type FormulaQuantity = (typeof FORMULA_QUANTITIES)[number];

/** A formula, the network it came from, and its check at the build point. */
export interface CheckedFormula {
  readonly network: Network;
  readonly convention: CountingConvention;
  readonly quantity: FormulaQuantity;
  readonly total: SymbolicTotal;
  /** The free parameters' values the network was built at. */
  readonly at: Readonly<Record<string, number>>;
  /** The layer-by-layer count at `at` (which the formula equals there). */
  readonly value: bigint;
}

/**
 * The total `quantity` of the request's network as a formula in `request.free`, checked at the
 * build point. Throws an Error (a bug, not a user mistake) when the two folds disagree.
 */
export function checkedFormula(
  request: CountRequest & { readonly free: readonly string[] },
  quantity: FormulaQuantity,
): CheckedFormula {
  const convention = request.convention ?? PAPER_CONVENTION;
  const network = buildFusedNetwork(request);
  const total = symbolicTotal(network, convention, quantity);
  const at: Record<string, number> = {};
  for (const name of network.free) at[name] = Number(network.parameters[name]);
  const value = analyze(network, convention, request.registry ?? COST_RULES).total[quantity];
  const atPoint = fractionToBigInt(evaluateExact(total.expression, at));
  if (atPoint !== value) {
    const point = Object.entries(at)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    throw new Error(`formula check failed at ${point}: formula ${atPoint} vs concrete ${value}`);
  }
  return { network, convention, quantity, total, at, value };
}
