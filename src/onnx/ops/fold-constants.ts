/**
 * Constant folding of the unary and reduction operators that shape arithmetic uses (a detection
 * transform's ⌈h · scale⌉, 1 / scale, min(h, w) …): when every input of such a node is a known
 * constant, its output gets its values, so a later Resize, Pad, Slice or Reshape reads them. The
 * wrapped rule still infers the dims (and emits its layer when an input is an activation).
 */
import type { OpContext, OpRule } from '../op-rule.js';
import { normalizeAxis, rowMajorStrides } from '../shape-math.js';
import { constantData, elementCount, isActivation, type TensorValue } from '../tensor-value.js';

/** ONNX Round: halves to even. */
function roundHalfEven(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Element functions of the unary operators folded here. */
export const UNARY_FOLDS: Readonly<Record<string, (v: number) => number>> = {
  Ceil: Math.ceil,
  Floor: Math.floor,
  Round: roundHalfEven,
  Reciprocal: (v) => 1 / v,
  Sqrt: Math.sqrt,
  Neg: (v) => -v,
  Abs: Math.abs,
  Exp: Math.exp,
  Log: Math.log,
  Sign: Math.sign,
  Not: (v) => (v === 0 ? 1 : 0),
  Relu: (v) => Math.max(0, v),
};

/** Reductions: start value and step. */
const REDUCE_FOLDS: Readonly<Record<string, { start: number; step: (acc: number, v: number) => number }>> = {
  ReduceMax: { start: -Infinity, step: Math.max },
  ReduceMin: { start: Infinity, step: Math.min },
  ReduceSum: { start: 0, step: (a, v) => a + v },
  ReduceMean: { start: 0, step: (a, v) => a + v },
  ReduceProd: { start: 1, step: (a, v) => a * v },
};

/** The wrapped rule, plus the values of a constant input's output. */
function folding(rule: OpRule, values: (context: OpContext, x: TensorValue, out: TensorValue) => number[]): OpRule {
  return {
    infer(context) {
      const outputs = rule.infer(context);
      const x = context.inputs[0];
      const out = outputs[0];
      if (x === undefined || out === undefined || isActivation(x) || isActivation(out) || out.data !== undefined)
        return outputs;
      const data = constantData(x);
      if (data === undefined || elementCount(out.dims) > 4096) return outputs;
      return [{ ...out, data: values(context, x, out) }, ...outputs.slice(1)];
    },
  };
}

/** Axes of a reduction, normalised (all axes when none are given). */
function reduceAxes(context: OpContext, rank: number, axesAsInputSince: number): Set<number> {
  let axes: readonly number[] = [];
  if (context.opset >= axesAsInputSince) {
    if (context.inputs[1] !== undefined) axes = context.constant(1, 'axes');
  } else axes = context.ints('axes', []);
  if (axes.length === 0) axes = Array.from({ length: rank }, (_v, i) => i);
  return new Set(axes.map((a) => normalizeAxis(a, rank) ?? context.fail(`axis ${a} is out of range for rank ${rank}`)));
}

/** Wraps the rules of `rules` that have a fold here. */
export function withConstantFolding(rules: Readonly<Record<string, OpRule>>): Record<string, OpRule> {
  return Object.fromEntries(
    Object.entries(rules).map(([op, rule]) => {
      const unary = UNARY_FOLDS[op];
      if (unary !== undefined) return [op, folding(rule, (_c, x) => (constantData(x) ?? []).map(unary))];
      const reduce = REDUCE_FOLDS[op];
      if (reduce !== undefined)
        return [
          op,
          folding(rule, (context, x) => {
            const data = constantData(x) ?? [];
            if (context.int('noop_with_empty_axes', 0) !== 0 && context.inputs[1] === undefined && !context.has('axes'))
              return [...data];
            const axes = reduceAxes(context, x.dims.length, op === 'ReduceSum' ? 13 : 18);
            const kept = x.dims.map((d, i) => (axes.has(i) ? 1 : d));
            const strides = rowMajorStrides(x.dims);
            const outStrides = rowMajorStrides(kept);
            const out = new Array<number>(elementCount(kept)).fill(reduce.start);
            data.forEach((v, flat) => {
              let target = 0;
              x.dims.forEach((d, axis) => {
                const coordinate = Math.floor(flat / (strides[axis] ?? 1)) % d;
                if (!axes.has(axis)) target += coordinate * (outStrides[axis] ?? 1);
              });
              out[target] = reduce.step(out[target] ?? reduce.start, v);
            });
            const count = elementCount(x.dims) / Math.max(1, out.length);
            return op === 'ReduceMean' ? out.map((v) => v / count) : out;
          }),
        ];
      return [op, rule];
    }),
  );
}
