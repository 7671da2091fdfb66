/**
 * The total of a network as an exact formula in its free parameters, checked against the
 * layer-by-layer count: the symbolic fold (`cost/symbolic-total.ts`) and the concrete fold
 * (`cost/analyze.ts`) are computed independently and must agree at the build point.
 */
import { buildFusedNetwork, type CountRequest } from '../count/count-request.js';
import { analyze } from '../cost/analyze.js';
import { UserError } from '../errors.js';
import { COST_RULES } from '../cost/registry.js';
import { symbolicTotal, type SymbolicTotal } from '../cost/symbolic-total.js';
import { evaluateExact, fractionToBigInt } from '../expr/math.js';
import { PAPER_CONVENTION, type CountingConvention } from '../model/convention.js';
import type { Network } from '../model/network.js';
import type { TrainingSelection } from '../model/training.js';
import { backwardMultiples, trainingCost } from '../training/training-cost.js';

/**
 * The quantities a formula can be asked for: the forward totals, and a training step's backward
 * MACs and forward + backward MACs (under the request's `training` selection; all parameters
 * train when it has none).
 */
export const FORMULA_QUANTITIES = ['macs', 'params', 'extraOps', 'backwardMacs', 'trainingMacs'] as const;
export type FormulaQuantity = (typeof FORMULA_QUANTITIES)[number];

/** The quantities of a training step. */
export const TRAINING_QUANTITIES: readonly FormulaQuantity[] = ['backwardMacs', 'trainingMacs'];

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
  /** For a training quantity: which parameters train (`{}`: all). */
  readonly training?: TrainingSelection;
}

/**
 * The total `quantity` of the request's network as a formula in `request.free`, checked at the
 * build point. Throws an Error (a bug, not a user mistake) when the two folds disagree. For a
 * training quantity, each layer's forward formula is taken as many times as the training step
 * computes it (`backwardMultiples`), checked against `trainingCost`'s layer-by-layer count.
 */
export function checkedFormula(
  request: CountRequest & { readonly free: readonly string[] },
  quantity: FormulaQuantity,
): CheckedFormula {
  const training = TRAINING_QUANTITIES.includes(quantity);
  // A training step counts the forward pass by the default rules (training/training-cost.ts).
  const convention = training ? PAPER_CONVENTION : (request.convention ?? PAPER_CONVENTION);
  const network = buildFusedNetwork(request);
  let total: SymbolicTotal;
  let value: bigint;
  if (quantity === 'backwardMacs' || quantity === 'trainingMacs') {
    const selection = request.training ?? {};
    const extra = quantity === 'trainingMacs' ? 1 : 0;
    const backward = backwardMultiples(network, selection);
    const odd = backward.findIndex((m) => m === undefined);
    if (odd >= 0) {
      throw new UserError(
        `layer ${network.layers[odd]?.name ?? odd} is a training butterfly whose input needs no gradient: its backward skips the first factor's input gradient (2 × forward − that factor), no whole multiple of its forward MACs, so it has no term of a formula; count it at a point with count --training`,
        { location: { field: 'training' } },
      );
    }
    const multiples = backward.map((m) => (m === undefined ? undefined : m + extra));
    total = symbolicTotal(network, convention, 'macs', COST_RULES, multiples);
    value = trainingCost(network, selection).total[quantity];
  } else {
    total = symbolicTotal(network, convention, quantity);
    value = analyze(network, convention, request.registry ?? COST_RULES).total[quantity];
  }
  const at: Record<string, number> = {};
  for (const name of network.free) at[name] = Number(network.parameters[name]);
  const atPoint = fractionToBigInt(evaluateExact(total.expression, at));
  if (atPoint !== value) {
    const point = Object.entries(at)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    throw new Error(`formula check failed at ${point}: formula ${atPoint} vs concrete ${value}`);
  }
  return {
    network,
    convention,
    quantity,
    total,
    at,
    value,
    ...(training ? { training: request.training ?? {} } : {}),
  };
}
