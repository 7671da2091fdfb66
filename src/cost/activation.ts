import type { ActivationFn } from '../model/layer.js';
import { bindOutput, OUTPUT_ELEMENTS, type CostRule } from './rule.js';

/**
 * Operations per element of each activation, when the convention counts activations:
 * relu = max(x, 0); relu6 = min(max(x, 0), 6); hardsigmoid = relu6(x + 3) / 6;
 * hardswish = x · hardsigmoid(x); sigmoid = 1 / (1 + exp(−x)) with exp counted as one op.
 */
export const ACTIVATION_OPS_PER_ELEMENT: { readonly [F in ActivationFn]: number } = {
  relu: 1,
  relu6: 2,
  hardsigmoid: 3,
  hardswish: 4,
  sigmoid: 4,
};

/** Activation: no MACs, no params; optional per-element ops from the table above. */
export const activationCost: CostRule<'activation'> = {
  formulas(layer, convention) {
    return {
      macs: '0',
      params: '0',
      extraOps: convention.extraActivations ? `${ACTIVATION_OPS_PER_ELEMENT[layer.fn]} * ${OUTPUT_ELEMENTS}` : '0',
    };
  },
  bind: (_layer, _inputs, output) => bindOutput(output),
};
