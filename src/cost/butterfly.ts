import type { ButterflyLayer, ButterflyLayerPlan, ButterflyLogMode, ButterflyShapePolicy } from '../model/layer.js';
import { evaluateRational, fractionToBigInt, printMath } from '../expr/math.js';
import { substitute } from '../expr/substitute.js';
import type { CostRule } from './rule.js';
import { shapeRows } from '../model/shape.js';

/**
 * Edges (= MACs per pixel = weights) of one square butterfly of size m and base k, per log mode:
 * - ceil:        k · m · ⌈log_k m⌉           (bft-paper.md §2: k·n·log_k n when m = k^L)
 * - real:        k · m · log_k m             (real logarithm; not an integer in general)
 * - padded:      k · k^L · L, L = ⌈log_k m⌉  (pad to the next power of k)
 * - mixed-radix: m · sopfr(m)                (one layer per prime factor r of m, out-degree r)
 */
export const SQUARE_BUTTERFLY_EDGES: { readonly [M in ButterflyLogMode]: string } = {
  ceil: 'k * m * ceil_log(m, k)',
  real: 'k * m * log(m, k)',
  padded: 'k * k ^ ceil_log(m, k) * ceil_log(m, k)',
  'mixed-radix': 'm * sopfr(m)',
};

/**
 * Square size m and number of squares s for n_in ≠ n_out (bft-paper.md §2):
 * - official:   s = ⌈max/min⌉ square BFTs of size m = min(n_in, n_out)
 *               (outputs concatenated and truncated, or inputs sliced and outputs summed);
 * - square-max: one BFT of size m = max(n_in, n_out) (input zero-padded, output truncated).
 */
export const SQUARE_PLAN: { readonly [P in ButterflyShapePolicy]: { readonly m: string; readonly s: string } } = {
  official: { m: 'min(n_in, n_out)', s: 'ceil(max(n_in, n_out) / min(n_in, n_out))' },
  'square-max': { m: 'max(n_in, n_out)', s: '1' },
};

/**
 * Edges of a whole butterfly n_in → n_out as a formula over n_in, n_out, k. With a plan
 * (radices r_ℓ multiplying to m, issue 18) each square has m · Σ r_ℓ edges, whatever the log mode.
 */
export function butterflyEdgesFormula(
  logMode: ButterflyLogMode,
  shapePolicy: ButterflyShapePolicy,
  plan?: ButterflyLayerPlan,
): string {
  const squares = SQUARE_PLAN[shapePolicy];
  const square =
    plan === undefined
      ? substitute(SQUARE_BUTTERFLY_EDGES[logMode], { m: squares.m })
      : `${squares.m} * ${plan.radices.reduce((sum, r) => sum + r, 0)}`;
  return squares.s === '1' ? square : `${squares.s} * ${square}`;
}

/**
 * Butterfly Transform replacing a 1×1 conv: MACs = H_out·W_out·E and params = E, where E is the
 * edge count above (one weight per edge, no bias; the BN after it is its own layer). The
 * first-to-last residual adds n_out per pixel (non-MAC, counted with element-wise ops).
 */
export const butterflyCost: CostRule<'butterfly'> = {
  formulas(layer, convention) {
    const edges = butterflyEdgesFormula(layer.logMode, layer.shapePolicy, layer.plan);
    return {
      macs: `H_out * W_out * ${edges}`,
      params: edges,
      extraOps: layer.residual && convention.extraElementwise ? 'n_out * H_out * W_out' : '0',
      rounding: layer.logMode === 'real' && layer.plan === undefined ? 'nearest' : 'exact',
    };
  },
  bind(layer, _inputs, output) {
    return {
      n_in: layer.inChannels,
      n_out: layer.outChannels,
      k: layer.base,
      // The rows: a butterfly in place of a 1×1×1 conv on a clip mixes channels at T·H·W positions.
      H_out: shapeRows(output),
      W_out: output.width,
    };
  },
};

/**
 * Edges of one butterfly n_in → n_out per pixel (its MACs per pixel and its weight count),
 * exact. For the `real` mode the value is rounded to the nearest integer.
 * Example: butterflyEdges({inChannels: 64, outChannels: 64, base: 4, …ceil, official}) = 768.
 */
export function butterflyEdges(
  layer: Pick<ButterflyLayer, 'inChannels' | 'outChannels' | 'base' | 'logMode' | 'shapePolicy' | 'plan'>,
): bigint {
  const formula = butterflyEdgesFormula(layer.logMode, layer.shapePolicy, layer.plan);
  const scope = { n_in: layer.inChannels, n_out: layer.outChannels, k: layer.base };
  if (layer.logMode === 'real' && layer.plan === undefined) {
    return BigInt(Math.round(printMath.evaluate(formula, { ...scope }) as number));
  }
  const value = fractionToBigInt(evaluateRational(formula, scope));
  if (value === undefined) throw new Error(`butterfly edge count is not an integer: ${formula}`);
  return value;
}
