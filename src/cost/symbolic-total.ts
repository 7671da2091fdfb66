import { printMath, printNode } from '../expr/math.js';
import { substitute } from '../expr/substitute.js';
import type { CountingConvention } from '../model/convention.js';
import type { Network } from '../model/network.js';
import { layerFormulas } from './layer-cost.js';
import { COST_RULES, type CostRegistry } from './registry.js';

/** A network total as an expression in the free parameters. */
export interface SymbolicTotal {
  /** The free parameters the expression is written in. */
  readonly free: readonly string[];
  /** Σ over layers, like terms merged: a mathjs expression. */
  readonly expression: string;
  /** The same in LaTeX. */
  readonly latex: string;
  /** One term per distinct layer formula with its multiplicity (for reading). */
  readonly terms: readonly { readonly term: string; readonly count: number; readonly layers: readonly string[] }[];
}

type Quantity = 'macs' | 'params' | 'extraOps';

/**
 * The total MACs (or params, or extra ops) of `network` as a formula in its free parameters:
 * each layer's formula with its symbolic dimensions substituted, identical terms merged, and
 * each term simplified (integer constants folded). Valid for every parameter value at which the
 * network has the same layer structure as at the build point (MobileNetV1: everywhere; models
 * with conditional layers: within the region shown by the tests). Evaluating it at a point equals
 * the exact concrete count; `test/cost/symbolic-total.test.ts` checks this on grids.
 */
export function symbolicTotal(
  network: Network,
  convention: CountingConvention,
  quantity: Quantity = 'macs',
  registry: CostRegistry = COST_RULES,
): SymbolicTotal {
  const groups = new Map<string, string[]>();
  for (const layer of network.layers) {
    const symbolic = layer.symbolic;
    if (symbolic === undefined) throw new Error(`layer ${layer.name} has no symbolic twin`);
    const { formulas, bindings } = layerFormulas(symbolic.layer, symbolic.inputs, symbolic.output, convention, registry);
    const formula = formulas[quantity];
    if (formula === '0') continue;
    const term = simplifyTerm(substitute(formula, bindings));
    const members = groups.get(term) ?? [];
    members.push(layer.name);
    groups.set(term, members);
  }
  let constantPart = 0n;
  const terms: { term: string; count: number; layers: string[] }[] = [];
  for (const [term, layers] of groups) {
    if (/^\d+$/.test(term)) constantPart += BigInt(term) * BigInt(layers.length);
    else terms.push({ term, count: layers.length, layers });
  }
  terms.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const parts = terms.map(({ term, count }) => (count === 1 ? wrap(term) : `${count} * ${wrap(term)}`));
  if (constantPart !== 0n || parts.length === 0) parts.push(constantPart.toString());
  const expression = parts.join(' + ');
  return {
    free: network.free,
    expression,
    latex: printMath.parse(expression).toTex({ parenthesis: 'auto', implicit: 'hide' }),
    terms: [...terms, ...(constantPart !== 0n ? [{ term: constantPart.toString(), count: 1, layers: ['(constant layers)'] }] : [])],
  };
}

function wrap(term: string): string {
  const node = printMath.parse(term);
  return printMath.isOperatorNode(node) && (node.op === '+' || node.op === '-') ? `(${term})` : term;
}

/**
 * Folds integer constants of one term with mathjs `simplify`. simplify works in floating point,
 * so the result is accepted only when it keeps every constant an exact integer below 2^53;
 * otherwise the unsimplified term is kept (correctness over brevity).
 */
function simplifyTerm(term: string): string {
  try {
    const simplified = printMath.simplify(term);
    let safe = true;
    simplified.traverse((node) => {
      if (printMath.isConstantNode(node)) {
        const value = node.value as unknown;
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) safe = false;
      }
    });
    return safe ? printNode(simplified) : term;
  } catch {
    return term;
  }
}
