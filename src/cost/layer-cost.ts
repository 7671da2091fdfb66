import { evaluateRational, fractionToBigInt, printMath } from '../expr/math.js';
import { substitute } from '../expr/substitute.js';
import type { CountingConvention } from '../model/convention.js';
import type { Layer, LayerKind } from '../model/layer.js';
import type { LayerCost } from '../model/cost.js';
import type { NetworkLayer } from '../model/network.js';
import { shapeElements, type Shape } from '../model/shape.js';
import { COST_RULES, type CostRegistry } from './registry.js';
import type { CostFormulas, CostRule } from './rule.js';

/** The rule of a layer's kind (the one place where the kind ↔ record correlation is asserted). */
function ruleOf(registry: Partial<CostRegistry>, kind: LayerKind): CostRule<LayerKind> {
  const rule = registry[kind] as CostRule<LayerKind> | undefined;
  if (rule === undefined) throw new Error(`no cost rule for layer kind "${kind}"`);
  return rule;
}

/** Whether `registry` has a rule for `kind`. */
export function hasRule(registry: Partial<CostRegistry>, kind: LayerKind): boolean {
  return registry[kind] !== undefined;
}

/** Formulas and bindings of a (concrete or symbolic) layer. */
export function layerFormulas<D>(
  layer: Layer<D>,
  inputs: readonly Shape<D>[],
  output: Shape<D>,
  convention: CountingConvention,
  registry: Partial<CostRegistry> = COST_RULES,
): { formulas: CostFormulas; bindings: Readonly<Record<string, D>> } {
  const rule = ruleOf(registry, layer.kind);
  // The registry is keyed by kind, so `rule` is the rule of exactly this record's kind.
  const record = layer as never;
  return { formulas: rule.formulas(record, convention, inputs.length), bindings: rule.bind(record, inputs, output) };
}

/** Evaluates one formula exactly (or rounded to nearest for the `real` log mode). */
function count(
  formula: string,
  bindings: Readonly<Record<string, number>>,
  rounding: CostFormulas['rounding'],
  what: string,
): bigint {
  if (formula === '0') return 0n;
  if (rounding === 'nearest') {
    const value = printMath.evaluate(formula, { ...bindings }) as number;
    return BigInt(Math.round(value));
  }
  const exact = fractionToBigInt(evaluateRational(formula, bindings));
  if (exact === undefined) throw new Error(`${what} "${formula}" is not an integer for ${JSON.stringify(bindings)}`);
  return exact;
}

/**
 * Exact costs of one network layer under a convention: MACs, extra ops and params from the
 * kind's formulas, activations = output elements. A layer that runs on `batch` images per sample
 * (`NetworkLayer.batch`) costs `batch` times one image's MACs, extra ops and activations (its
 * formula reads `batch * (…)`); its params are counted once. A kind without a rule in `registry`
 * gives a record marked `notCounted` (costs 0, formula `?`), which `analyze` lists in the report.
 */
export function layerCost(
  node: NetworkLayer,
  convention: CountingConvention,
  registry: Partial<CostRegistry> = COST_RULES,
): LayerCost {
  const batch = node.batch ?? 1;
  const images = BigInt(batch);
  const batched = batch !== 1 ? { batch } : {};
  if (!hasRule(registry, node.layer.kind)) {
    return {
      name: node.name,
      kind: node.layer.kind,
      role: node.role,
      inputs: node.inputs,
      output: node.output,
      macs: 0n,
      extraOps: 0n,
      params: 0n,
      activations: images * shapeElements(node.output),
      formula: '?',
      substituted: '?',
      notCounted: true,
      ...batched,
    };
  }
  const { formulas, bindings } = layerFormulas(node.layer, node.inputs, node.output, convention, registry);
  const substituted = formulas.macs === '0' ? '0' : substitute(formulas.macs, bindings);
  return {
    name: node.name,
    kind: node.layer.kind,
    role: node.role,
    inputs: node.inputs,
    output: node.output,
    macs: images * count(formulas.macs, bindings, formulas.rounding, 'MAC formula'),
    extraOps: images * count(formulas.extraOps, bindings, 'exact', 'extra-ops formula'),
    params:
      count(formulas.params, bindings, formulas.rounding, 'params formula') +
      BigInt(node.tensorParams ?? 0) -
      BigInt(node.sharedParams ?? 0),
    activations: images * shapeElements(node.output),
    formula: batch === 1 || formulas.macs === '0' ? formulas.macs : `batch * (${formulas.macs})`,
    substituted: batch === 1 || substituted === '0' ? substituted : `${batch} * (${substituted})`,
    ...batched,
  };
}
