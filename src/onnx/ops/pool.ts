/**
 * Pooling and reductions.
 * - MaxPool / AveragePool on 2 or more spatial axes → `pool` (kernel kH, and kW when it differs;
 *   on a clip the window's T extent in `kernelOuter`; the window rule of `shape-math.ts` per axis,
 *   ceil_mode included; the whole window per axis in `window` where needed); cost rule `cost/pool.ts`.
 * - GlobalAveragePool / GlobalMaxPool, and ReduceMean / ReduceMax over exactly the spatial axes
 *   of an N × C × H × W (or N × C × T × H × W) input → `global-pool` (`cost/global-pool.ts`).
 * - Other reductions → `elementwise` (pooling group) with one operation per reduced input
 *   element, i.e. (input elements / output elements) per output element.
 */
import type { OpRule } from '../op-rule.js';
import { normalizeAxis, windowOutput, type WindowPadding } from '../shape-math.js';
import { elementCount } from '../tensor-value.js';
import { emitElementwise } from './activation.js';
import { readWindow, recordWindow } from './window.js';

function windowPoolRule(op: 'max' | 'avg'): OpRule {
  return {
    infer(context) {
      const x = context.activation(0, 'input X');
      if (x.dims.length < 4)
        context.fail(
          `input X has rank ${x.dims.length}`,
          'N × C × H × W (2-D pooling) or N × C × T × H × W (3-D pooling)',
        );
      const [n = 1, c = 1, ...spatial] = x.dims;
      const axes = spatial.length;
      const kernel = context.ints('kernel_shape');
      if (kernel.length !== axes || kernel.some((k) => !Number.isInteger(k) || k < 1)) {
        context.fail(`kernel_shape is ${JSON.stringify(kernel)}`, `${axes} positive integers (one per spatial axis)`);
      }
      const window = readWindow(context, kernel);
      const ceilMode = context.int('ceil_mode', 0) !== 0;
      const out = spatial.map((size, i) =>
        windowOutput(
          size,
          kernel[i] ?? 1,
          window.strides[i] ?? 1,
          window.dilations[i] ?? 1,
          window.padding[i] ?? NO_PAD,
          ceilMode,
        ),
      );
      if (out.some((size) => size < 1))
        context.fail(
          `the output would be ${out.join('×')}: the window does not fit the ${spatial.join('×')} input`,
          'a window no larger than the padded input',
        );
      const outerAxes = axes - 2;
      const kernelH = kernel[outerAxes] ?? 1;
      const kernelW = kernel[outerAxes + 1] ?? 1;
      const output = context.emit({
        layer: {
          kind: 'pool',
          op,
          kernel: kernelH,
          ...(kernelW !== kernelH ? { kernelW } : {}),
          ...(outerAxes > 0 ? { kernelOuter: kernel.slice(0, outerAxes) } : {}),
          stride: window.strides[outerAxes] ?? 1,
          ...(outerAxes > 0 ? { strideOuter: window.strides.slice(0, outerAxes) } : {}),
          ...recordWindow(window, ceilMode),
        },
        reads: [x],
        dims: [n, c, ...out],
        elemType: x.elemType,
        batchAxis: true,
      });
      return [output];
    },
  };
}

const NO_PAD: WindowPadding = { autoPad: 'NOTSET', begin: 0, end: 0 };

function globalPoolRule(op: 'max' | 'avg'): OpRule {
  return {
    infer(context) {
      const x = context.activation(0, 'input X');
      if (x.dims.length < 3) context.fail(`input X has rank ${x.dims.length}`, 'N × C × spatial dims');
      const dims = [x.dims[0] ?? 1, x.dims[1] ?? 1, ...x.dims.slice(2).map(() => 1)];
      return [
        context.emit({ layer: { kind: 'global-pool', op }, reads: [x], dims, elemType: x.elemType, batchAxis: true }),
      ];
    },
  };
}

/** ReduceMean, ReduceMax, ReduceSum, …: axes from the attribute or (newer opsets) input 1. */
function reduceRule(op: string, axesAsInputSince: number): OpRule {
  return {
    infer(context) {
      const x = context.input(0, 'input data');
      const rank = x.dims.length;
      let axes: readonly number[] = [];
      if (context.opset >= axesAsInputSince) {
        if (context.inputs[1] !== undefined) axes = context.constant(1, 'axes');
      } else {
        axes = context.ints('axes', []);
      }
      const keepDims = context.int('keepdims', 1) !== 0;
      if (axes.length === 0) {
        if (context.int('noop_with_empty_axes', 0) !== 0) return [x];
        axes = x.dims.map((_d, i) => i);
      }
      const normal = new Set(
        axes.map((axis) => {
          const n = normalizeAxis(axis, rank);
          return n ?? context.fail(`axis ${axis} is out of range for rank ${rank}`, `axes in [−${rank}, ${rank - 1}]`);
        }),
      );
      const dims = keepDims ? x.dims.map((d, i) => (normal.has(i) ? 1 : d)) : x.dims.filter((_d, i) => !normal.has(i));
      // Every spatial axis of an N × C × H × W (or N × C × T × H × W) input: a global pooling.
      const spatial = rank >= 4 && normal.size === rank - 2 && x.dims.every((_d, i) => i < 2 || normal.has(i));
      if (spatial && (op === 'ReduceMean' || op === 'ReduceMax') && x.tensor !== undefined) {
        return [
          context.emit({
            layer: { kind: 'global-pool', op: op === 'ReduceMean' ? 'avg' : 'max' },
            reads: [x],
            dims,
            elemType: x.elemType,
            batchAxis: true,
          }),
        ];
      }
      const perOutput = elementCount(x.dims) / Math.max(1, elementCount(dims));
      return [emitElementwise(context, x, op, 'pooling', perOutput, 0, dims)];
    },
  };
}

/** The pooling and reduction rules, by ONNX op type. */
export const POOL_RULES: Readonly<Record<string, OpRule>> = {
  MaxPool: windowPoolRule('max'),
  AveragePool: windowPoolRule('avg'),
  GlobalAveragePool: globalPoolRule('avg'),
  GlobalMaxPool: globalPoolRule('max'),
  ReduceMean: reduceRule('ReduceMean', 18),
  ReduceMax: reduceRule('ReduceMax', 18),
  ReduceMin: reduceRule('ReduceMin', 18),
  ReduceSum: reduceRule('ReduceSum', 13),
  ReduceProd: reduceRule('ReduceProd', 18),
  ReduceL2: reduceRule('ReduceL2', 18),
};
