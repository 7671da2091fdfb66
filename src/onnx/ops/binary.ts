/**
 * Element-wise operators of two or more inputs with NumPy broadcasting.
 * - Two activations: Add / Sub / Sum → `add` (residuals); Mul / Div → `multiply` (gates such as
 *   squeeze-excite, and x·sigmoid(x)); cost rules `cost/elementwise.ts`.
 * - An activation and constants: `elementwise` with one operation per output element.
 * - Constants only: folded at import time (shape arithmetic) and free.
 */
import type { OpRule } from '../op-rule.js';
import { broadcastDims, rowMajorStrides } from '../shape-math.js';
import { constantData, elementCount, isActivation, isIntegerType, type TensorValue } from '../tensor-value.js';
import { emitElementwise } from './activation.js';

type Fold = (a: number, b: number, integer: boolean) => number;

/** ONNX integer division truncates toward zero. */
const FOLDS: Readonly<Record<string, Fold>> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b, integer) => (integer ? Math.trunc(a / b) : a / b),
  Pow: (a, b) => a ** b,
  Max: (a, b) => Math.max(a, b),
  Min: (a, b) => Math.min(a, b),
  Mod: (a, b) => a % b,
  Equal: (a, b) => (a === b ? 1 : 0),
  Less: (a, b) => (a < b ? 1 : 0),
  LessOrEqual: (a, b) => (a <= b ? 1 : 0),
  Greater: (a, b) => (a > b ? 1 : 0),
  GreaterOrEqual: (a, b) => (a >= b ? 1 : 0),
  And: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  Or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

const COMPARISONS = new Set(['Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual', 'And', 'Or']);
const BOOL = 9;

/** Element of a broadcast operand at a flat output index. */
function broadcastRead(
  data: readonly number[],
  dims: readonly number[],
  outDims: readonly number[],
  index: number,
): number {
  if (data.length === 1) return data[0] ?? 0;
  const outStrides = rowMajorStrides(outDims);
  const strides = rowMajorStrides(dims);
  const offset = outDims.length - dims.length;
  let flat = 0;
  for (let axis = 0; axis < dims.length; axis++) {
    const coordinate = Math.floor(index / (outStrides[axis + offset] ?? 1)) % (outDims[axis + offset] ?? 1);
    flat += (dims[axis] === 1 ? 0 : coordinate) * (strides[axis] ?? 1);
  }
  return data[flat] ?? 0;
}

function binaryRule(op: string): OpRule {
  return {
    infer(context) {
      const inputs = context.node.inputs.map((_name, i) => context.input(i, `input ${i}`));
      const dims = broadcastDims(inputs.map((v) => v.dims));
      if (dims === undefined) {
        return context.fail(
          `inputs of shapes ${inputs.map((v) => `[${v.dims.join(', ')}]`).join(', ')} do not broadcast`,
          'shapes equal or 1 along each axis',
        );
      }
      const first = inputs[0] as TensorValue;
      const activations = inputs.filter(isActivation);
      const elemType = COMPARISONS.has(op) ? BOOL : first.elemType;
      if (activations.length === 0) return [fold(op, inputs, dims, elemType)];
      if (activations.length === inputs.length && activations.length >= 2) {
        const kind =
          op === 'Add' || op === 'Sub' || op === 'Sum' ? 'add' : op === 'Mul' || op === 'Div' ? 'multiply' : undefined;
        if (kind !== undefined) return [context.emit({ layer: { kind }, reads: activations, dims, elemType })];
      }
      const ops = Math.max(1, inputs.length - 1);
      return [
        context.emit({
          layer: { kind: 'elementwise', op, group: 'elementwise', opsPerElement: ops, params: 0 },
          reads: activations,
          dims,
          elemType,
        }),
      ];
    },
  };
}

/** Folds constants; the result has no data when an input's data is unknown or it is large. */
function fold(op: string, inputs: readonly TensorValue[], dims: readonly number[], elemType: number): TensorValue {
  const fn = FOLDS[op === 'Sum' ? 'Add' : op];
  const data = inputs.map(constantData);
  const count = elementCount(dims);
  if (fn === undefined || data.some((d) => d === undefined) || count > 4096) return { dims, elemType };
  const integer = isIntegerType(inputs[0]?.elemType ?? 0);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let acc = broadcastRead(data[0] as readonly number[], inputs[0]?.dims ?? [], dims, i);
    for (let j = 1; j < inputs.length; j++)
      acc = fn(acc, broadcastRead(data[j] as readonly number[], inputs[j]?.dims ?? [], dims, i), integer);
    out.push(acc);
  }
  return { dims, elemType, data: out };
}

/** Where(condition, X, Y): broadcast of the three; folded when all are constants. */
const whereRule: OpRule = {
  infer(context) {
    const inputs = [0, 1, 2].map((i) => context.input(i, ['condition', 'X', 'Y'][i] ?? ''));
    const dims = broadcastDims(inputs.map((v) => v.dims));
    if (dims === undefined) return context.fail('condition, X and Y do not broadcast', 'broadcastable shapes');
    const activations = inputs.filter(isActivation);
    const [c, x, y] = inputs.map(constantData);
    if (activations.length === 0) {
      if (c === undefined || x === undefined || y === undefined || elementCount(dims) > 4096)
        return [{ dims, elemType: inputs[1]?.elemType ?? 0 }];
      const data: number[] = [];
      for (let i = 0; i < elementCount(dims); i++) {
        data.push(
          broadcastRead(c, inputs[0]?.dims ?? [], dims, i) !== 0
            ? broadcastRead(x, inputs[1]?.dims ?? [], dims, i)
            : broadcastRead(y, inputs[2]?.dims ?? [], dims, i),
        );
      }
      return [{ dims, elemType: inputs[1]?.elemType ?? 0, data }];
    }
    return [emitElementwise(context, activations[0] as TensorValue, 'Where', 'elementwise', 1, 0, dims)];
  },
};

/** The binary and variadic element-wise rules, by ONNX op type. */
export const BINARY_RULES: Readonly<Record<string, OpRule>> = {
  ...Object.fromEntries([...Object.keys(FOLDS), 'Sum'].map((op) => [op, binaryRule(op)])),
  Where: whereRule,
};
