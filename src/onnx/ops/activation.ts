/**
 * Element-wise activations and normalisations: the output has the input's dims.
 * - Relu, Sigmoid, HardSigmoid, HardSwish → `activation` (relu, sigmoid, hardsigmoid, hardswish);
 *   Clip(0, 6) → relu6, Clip(0, ∞) → relu; cost rule `cost/activation.ts`.
 * - BatchNormalization → `batchnorm` (γ, β counted as params; `cost/batchnorm.ts`).
 * - Everything else → `elementwise` with the operations per element of {@link ELEMENTWISE_OPS}
 *   (`cost/elementwise-op.ts`): other Clip bounds, LeakyRelu, PRelu (its slopes are params),
 *   Tanh, Erf, Softmax, LayerNormalization (γ, β params), …
 */
import type { ActivationFn, ElementwiseGroup } from '../../model/layer.js';
import type { BatchNormWeights } from '../../model/layer-weights.js';
import type { OpContext, OpRule } from '../op-rule.js';
import { elementCount, storedFloats, type TensorValue } from '../tensor-value.js';

/** An activation op mapped to one of the zoo's activation functions. */
function activationRule(fn: ActivationFn): OpRule {
  return {
    infer(context) {
      const x = context.input(0, 'input X');
      return [context.emit({ layer: { kind: 'activation', fn }, reads: [x], dims: x.dims, elemType: x.elemType })];
    },
  };
}

/** Emits an `elementwise` layer of the input's dims. */
export function emitElementwise(
  context: OpContext,
  x: TensorValue,
  op: string,
  group: ElementwiseGroup,
  opsPerElement: number,
  params = 0,
  dims: readonly number[] = x.dims,
): TensorValue {
  return context.emit({
    layer: { kind: 'elementwise', op, group, opsPerElement, params },
    reads: [x],
    dims,
    elemType: x.elemType,
  });
}

/**
 * Operations per output element of the element-wise ops without a zoo kind. A transcendental
 * function (exp, tanh, erf, …) counts as one operation, like `sigmoid`'s exp in
 * `cost/activation.ts`: LeakyRelu / PRelu / Elu / Selu 2 (compare, scale), Clip 2 (min, max),
 * Softmax 3 (exp, sum, divide), LogSoftmax 4, Gelu 4, Mish 3, Softplus 2 (exp, log).
 */
export const ELEMENTWISE_OPS: Readonly<Record<string, { readonly group: ElementwiseGroup; readonly ops: number }>> = {
  LeakyRelu: { group: 'activation', ops: 2 },
  PRelu: { group: 'activation', ops: 2 },
  Elu: { group: 'activation', ops: 2 },
  Selu: { group: 'activation', ops: 2 },
  Celu: { group: 'activation', ops: 2 },
  ThresholdedRelu: { group: 'activation', ops: 1 },
  Clip: { group: 'activation', ops: 2 },
  Tanh: { group: 'activation', ops: 1 },
  Erf: { group: 'activation', ops: 1 },
  Softplus: { group: 'activation', ops: 2 },
  Softsign: { group: 'activation', ops: 2 },
  Mish: { group: 'activation', ops: 3 },
  Gelu: { group: 'activation', ops: 4 },
  Softmax: { group: 'activation', ops: 3 },
  LogSoftmax: { group: 'activation', ops: 4 },
  Exp: { group: 'elementwise', ops: 1 },
  Log: { group: 'elementwise', ops: 1 },
  Sqrt: { group: 'elementwise', ops: 1 },
  Reciprocal: { group: 'elementwise', ops: 1 },
  Neg: { group: 'elementwise', ops: 1 },
  Abs: { group: 'elementwise', ops: 1 },
  Floor: { group: 'elementwise', ops: 1 },
  Ceil: { group: 'elementwise', ops: 1 },
  Round: { group: 'elementwise', ops: 1 },
  Sign: { group: 'elementwise', ops: 1 },
  Sin: { group: 'elementwise', ops: 1 },
  Cos: { group: 'elementwise', ops: 1 },
  Not: { group: 'elementwise', ops: 1 },
};

/** A unary op of {@link ELEMENTWISE_OPS}. */
function elementwiseRule(op: string): OpRule {
  const entry = ELEMENTWISE_OPS[op] ?? { group: 'elementwise' as const, ops: 1 };
  return {
    infer(context) {
      const x = context.input(0, 'input X');
      return [emitElementwise(context, x, op, entry.group, entry.ops)];
    },
  };
}

/** Clip: bounds from attributes (opset < 11) or constant inputs 1 and 2. */
const clipRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input X');
    const bound = (index: number, attribute: string): number | undefined => {
      if (context.opset < 11) return context.has(attribute) ? context.float(attribute) : undefined;
      if (context.inputs[index] === undefined) return undefined;
      return context.constant(index, attribute)[0];
    };
    const min = bound(1, 'min');
    const max = bound(2, 'max');
    if (min === 0 && max === 6) return activationRule('relu6').infer(context);
    if (min === 0 && max === undefined) return activationRule('relu').infer(context);
    const clip = ELEMENTWISE_OPS['Clip'] ?? { group: 'activation', ops: 2 };
    return [emitElementwise(context, x, 'Clip', clip.group, clip.ops)];
  },
};

/** PRelu: the slope tensor (broadcast to the input) is trainable. */
const preluRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input X');
    const slope = context.input(1, 'slope');
    return [emitElementwise(context, x, 'PRelu', 'activation', 2, elementCount(slope.dims))];
  },
};

/** BatchNormalization: X is N × C × …; scale, B, mean and var have C elements. */
const batchNormRule: OpRule = {
  infer(context) {
    const x = context.activation(0, 'input X');
    if (x.dims.length < 2) context.fail(`input X has rank ${x.dims.length}`, 'N × C × … (rank ≥ 2)');
    const channels = x.dims[1] ?? 1;
    for (const [index, what] of [
      [1, 'scale'],
      [2, 'B'],
      [3, 'input_mean'],
      [4, 'input_var'],
    ] as const) {
      const value = context.inputs[index];
      if (value !== undefined && elementCount(value.dims) !== channels) {
        context.fail(`${what} has shape [${value.dims.join(', ')}]`, `[${channels}] (one per channel)`);
      }
    }
    const [scale, bias, mean, variance] = [1, 2, 3, 4].map((index) => storedFloats(context.inputs[index]));
    const weights: BatchNormWeights | undefined =
      scale !== undefined && bias !== undefined && mean !== undefined && variance !== undefined
        ? { kind: 'batchnorm', scale, bias, mean, variance, epsilon: context.float('epsilon', 1e-5) }
        : undefined;
    return [
      context.emit({
        layer: { kind: 'batchnorm', channels },
        reads: [x],
        dims: x.dims,
        elemType: x.elemType,
        batchAxis: true,
        ...(weights !== undefined ? { weights } : {}),
      }),
    ];
  },
};

/**
 * Params of a normalisation's scale (input 1) and bias (input 2): the elements of those that are
 * trainable tensors of the file (initializers or weight inputs, possibly through Identity). A
 * scale or bias the exporter wrote as a `Constant` node — torch's export of InstanceNorm2d with
 * affine=False passes unit scales and zero biases that way — is no parameter: PyTorch has none.
 */
function affineParams(context: OpContext): number {
  return [1, 2].reduce((sum, i) => {
    const value = context.inputs[i];
    return value?.trainable === undefined ? sum : sum + elementCount(value.dims);
  }, 0);
}

/**
 * LayerNormalization: normalises over the axes from `axis` (default −1) to the end; scale (γ)
 * and B (β) are trainable. Ops per element 7 when counted: mean (add), centre (subtract),
 * square and sum (multiply, add), normalise (multiply), scale and shift (multiply, add).
 */
const layerNormRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input X');
    return [emitElementwise(context, x, 'LayerNormalization', 'normalization', 7, affineParams(context))];
  },
};

/** InstanceNormalization / GroupNormalization: like LayerNormalization (γ and β per channel or group). */
const instanceNormRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input X');
    return [emitElementwise(context, x, context.node.opType, 'normalization', 7, affineParams(context))];
  },
};

/** The activation and normalisation rules, by ONNX op type. */
export const ACTIVATION_RULES: Readonly<Record<string, OpRule>> = {
  Relu: activationRule('relu'),
  Sigmoid: activationRule('sigmoid'),
  HardSigmoid: activationRule('hardsigmoid'),
  HardSwish: activationRule('hardswish'),
  Clip: clipRule,
  PRelu: preluRule,
  BatchNormalization: batchNormRule,
  LayerNormalization: layerNormRule,
  InstanceNormalization: instanceNormRule,
  GroupNormalization: instanceNormRule,
  ...Object.fromEntries(
    Object.keys(ELEMENTWISE_OPS)
      .filter((op) => !['Clip', 'PRelu'].includes(op))
      .map((op) => [op, elementwiseRule(op)]),
  ),
};
