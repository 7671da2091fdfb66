import { UserError } from '../errors.js';
import { exactMath, printMath, texNode, type Fraction } from '../expr/math.js';
import { foldProduct, printProduct } from '../expr/fold-product.js';
import { substitute } from '../expr/substitute.js';
import { simplifyInteger } from '../expr/simplify-integer.js';
import type { CountingConvention } from '../model/convention.js';
import type { Network } from '../model/network.js';
import { layerFormulas } from './layer-cost.js';
import { COST_RULES, type CostRegistry } from './registry.js';
import { compareValues } from '../text/compare.js';

/** A network total as an expression in the free parameters. */
export interface SymbolicTotal {
  /** The free parameters the expression is written in. */
  readonly free: readonly string[];
  /** Σ over layers, like terms merged: a mathjs expression. */
  readonly expression: string;
  /** The same in LaTeX. */
  readonly latex: string;
  /** One term per group of like layer terms (the summed term), with how many layers it sums. */
  readonly terms: readonly { readonly term: string; readonly count: number; readonly layers: readonly string[] }[];
}

type Quantity = 'macs' | 'params' | 'extraOps';

/**
 * The total MACs (or params, or extra ops) of `network` as a formula in its free parameters
 * (each layer's term taken `layerMultiples[i]` times when given: a training step's backward MACs
 * are whole multiples of the forward MACs; an undefined multiple is a `UserError` naming the layer):
 * each layer's formula with its symbolic dimensions substituted, rewritten to read like a formula
 * (`simplifyInteger`: nested ceil/floor merged, constant choices and sums folded), constants folded exactly
 * (`foldProduct`), and like terms merged by adding their coefficients. Valid for every parameter value at which the
 * network has the same layer structure as at the build point (MobileNetV1: everywhere; models
 * with conditional layers: within the region shown by the tests). Evaluating it at a point equals
 * the exact concrete count; `test/cost/symbolic-total.test.ts` checks this on grids.
 */
export function symbolicTotal(
  network: Network,
  convention: CountingConvention,
  quantity: Quantity = 'macs',
  registry: CostRegistry = COST_RULES,
  layerMultiples?: readonly (number | undefined)[],
): SymbolicTotal {
  // Like terms (same symbolic factors) are merged by adding their exact coefficients.
  const groups = new Map<string, { coefficient: Fraction; layers: string[]; count: number }>();
  for (const [i, layer] of network.layers.entries()) {
    const multiple = layerMultiples === undefined ? 1 : layerMultiples[i];
    if (multiple === 0) continue;
    const symbolic = layer.symbolic;
    if (symbolic === undefined) throw new Error(`layer ${layer.name} has no symbolic twin`);
    const { formulas, bindings } = layerFormulas(
      symbolic.layer,
      symbolic.inputs,
      symbolic.output,
      convention,
      registry,
    );
    const formula = formulas[quantity];
    if (formula === '0') continue;
    if (multiple === undefined) {
      throw new UserError(
        `layer ${layer.name}: its cost here is not a whole multiple of its ${quantity}, so it has no term of this formula`,
        { location: { field: 'layers' } },
      );
    }
    const once = foldProduct(simplifyInteger(substitute(formula, bindings)));
    const folded =
      multiple === 1
        ? once
        : { ...once, coefficient: exactMath.multiply(once.coefficient, exactMath.fraction(multiple)) as Fraction };
    const group = groups.get(folded.factors);
    if (group === undefined) {
      groups.set(folded.factors, { coefficient: folded.coefficient, layers: [layer.name], count: 1 });
    } else {
      group.coefficient = exactMath.add<Fraction>(group.coefficient, folded.coefficient);
      group.layers.push(layer.name);
      group.count += 1;
    }
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : compareValues(a, b)));
  const parts = ordered.map(([factors, group]) => printProduct(group.coefficient, factors));
  const expression = parts.length === 0 ? '0' : parts.join(' + ');
  return {
    free: network.free,
    expression,
    latex: texNode(printMath.parse(expression)),
    terms: ordered.map(([factors, group]) => ({
      term: printProduct(group.coefficient, factors),
      count: group.count,
      layers: group.layers,
    })),
  };
}
