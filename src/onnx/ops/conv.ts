/**
 * Conv → `conv2d`. X is N × C × S_1 × … × S_k with k spatial axes (1-D: L; 2-D: H × W; 3-D, a
 * clip: T × H × W), W is M × C/group × K_1 × … × K_k, the optional bias B has M elements. Output
 * N × M × S′_1 × … × S′_k with the window rule of `shape-math.ts` per axis. Cost rule
 * `cost/conv2d.ts`: MACs = output elements · (C/group) · ∏K. The record maps the last two axes to
 * height and width and keeps the ones before in `kernelOuter` / `strideOuter` (the output shape's
 * `outer`); a 1-D conv is H = L, W = 1. It keeps the height stride and the top padding, and the
 * whole window per axis where those do not say it all (`recordWindow`); counts depend on the
 * output size, the kernel and the groups only.
 */
import type { OpContext, OpRule } from '../op-rule.js';
import { windowOutput, type WindowPadding } from '../shape-math.js';
import { storedFloats } from '../tensor-value.js';
import { readWindow, recordWindow } from './window.js';

/** Names of a kernel's axes in messages: `kL`; `kH, kW`; `kT, kH, kW`; `k1, …, kn` beyond. */
function kernelAxisNames(axes: number): string {
  if (axes === 1) return 'kL';
  if (axes === 2) return 'kH, kW';
  if (axes === 3) return 'kT, kH, kW';
  return Array.from({ length: axes }, (_, i) => `k${i + 1}`).join(', ');
}

/**
 * The window fields of a layer record from per-axis values: the last two axes are height and
 * width, the ones before are `…Outer` (only when there are any); a single axis is the height.
 */
export function splitSpatial(values: readonly number[]): { outer: number[]; h: number; w: number } {
  const axes = values.length;
  if (axes === 1) return { outer: [], h: values[0] ?? 1, w: 1 };
  return { outer: values.slice(0, axes - 2), h: values[axes - 2] ?? 1, w: values[axes - 1] ?? 1 };
}

/** The input X of a Conv or ConvTranspose: at least one spatial axis. */
function convInput(context: OpContext) {
  const x = context.activation(0, 'input X');
  if (x.dims.length < 3)
    context.fail(
      `input X has rank ${x.dims.length}`,
      'N × C × spatial dims: a 1-D (N×C×L), 2-D (N×C×H×W) or 3-D (N×C×T×H×W) convolution input',
    );
  return x;
}

/** Conv → `conv2d` (see the file comment). */
export const convRule: OpRule = {
  infer(context) {
    const x = convInput(context);
    const w = context.input(1, 'weight W');
    const [n = 1, channels = 1, ...spatial] = x.dims;
    const axes = spatial.length;
    const group = context.int('group', 1);
    const [outChannels = 0, perGroup = 0, ...kernel] = w.dims;
    if (
      w.dims.length !== axes + 2 ||
      group < 1 ||
      channels % group !== 0 ||
      perGroup * group !== channels ||
      outChannels % group !== 0
    ) {
      context.fail(
        `weight ${w.initializer?.name ?? context.node.inputs[1] ?? ''} has shape [${w.dims.join(', ')}] for an input of ${channels} channels with group ${group}`,
        `a weight [M, ${group > 0 ? channels / group : '?'}, ${kernelAxisNames(axes)}] with M divisible by ${group}`,
      );
    }
    if (context.has('kernel_shape')) {
      const given = context.ints('kernel_shape');
      if (given.length !== axes || given.some((k, i) => k !== kernel[i])) {
        context.fail(
          `kernel_shape [${given.join(', ')}] contradicts the weight shape [${w.dims.join(', ')}]`,
          `kernel_shape [${kernel.join(', ')}]`,
        );
      }
    }
    const bias = context.inputs[2];
    if (bias !== undefined && (bias.dims.length !== 1 || bias.dims[0] !== outChannels)) {
      context.fail(`bias has shape [${bias.dims.join(', ')}]`, `[${outChannels}] (one per output channel)`);
    }
    const window = readWindow(context, kernel);
    const out = spatial.map((size, i) =>
      windowOutput(size, kernel[i] ?? 1, window.strides[i] ?? 1, window.dilations[i] ?? 1, window.padding[i] ?? NO_PAD),
    );
    if (out.some((size) => size < 1))
      context.fail(
        `the output would be ${out.join('×')}: the kernel does not fit the ${spatial.join('×')} input`,
        'a kernel no larger than the padded input',
      );
    const k = splitSpatial(kernel);
    const s = splitSpatial(window.strides);
    // Trained values, kept when the weight (and the bias, if any) are stored float32 initializers.
    const weight = storedFloats(w);
    const storedBias = storedFloats(bias);
    const keep = weight !== undefined && (bias === undefined || storedBias !== undefined);
    return [
      context.emit({
        layer: {
          kind: 'conv2d',
          inChannels: channels,
          outChannels,
          kernelH: k.h,
          kernelW: k.w,
          ...(k.outer.length > 0 ? { kernelOuter: k.outer } : {}),
          stride: s.h,
          ...(s.outer.length > 0 ? { strideOuter: s.outer } : {}),
          ...recordWindow(window),
          groups: group,
          bias: bias !== undefined,
        },
        reads: [x],
        dims: [n, outChannels, ...out],
        batchAxis: true,
        ...(keep
          ? {
              weights: {
                kind: 'conv2d',
                weight,
                transposed: false,
                ...(storedBias !== undefined ? { bias: storedBias } : {}),
              },
            }
          : {}),
      }),
    ];
  },
};

const NO_PAD: WindowPadding = { autoPad: 'NOTSET', begin: 0, end: 0 };

/**
 * ConvTranspose → `conv-transpose`, at any number of spatial axes as Conv. W is C × M/group ×
 * K_1 × … × K_k. Output per axis:
 * `output_shape` when given, else s·(n − 1) + output_padding + (k − 1)·d + 1 − p_begin − p_end
 * (SAME_UPPER / SAME_LOWER: n·s). Cost rule `cost/conv-transpose.ts`.
 */
export const convTransposeRule: OpRule = {
  infer(context) {
    const x = convInput(context);
    const w = context.input(1, 'weight W');
    const [n = 1, channels = 1, ...spatial] = x.dims;
    const axes = spatial.length;
    const group = context.int('group', 1);
    const [inChannels = 0, perGroup = 0, ...kernel] = w.dims;
    if (w.dims.length !== axes + 2 || inChannels !== channels || group < 1 || channels % group !== 0) {
      context.fail(
        `weight ${w.initializer?.name ?? context.node.inputs[1] ?? ''} has shape [${w.dims.join(', ')}] for an input of ${channels} channels with group ${group}`,
        `a weight [${channels}, M/${group}, ${kernelAxisNames(axes)}]`,
      );
    }
    const outChannels = perGroup * group;
    const bias = context.inputs[2];
    if (bias !== undefined && (bias.dims.length !== 1 || bias.dims[0] !== outChannels)) {
      context.fail(`bias has shape [${bias.dims.join(', ')}]`, `[${outChannels}] (one per output channel)`);
    }
    const window = readWindow(context, kernel);
    const outputPadding = context.ints('output_padding', new Array<number>(axes).fill(0));
    const given = context.has('output_shape') ? context.ints('output_shape') : undefined;
    const size = (axis: number, input: number, k: number): number => {
      if (given !== undefined) return given[given.length - axes + axis] ?? input;
      const pad = window.padding[axis] ?? NO_PAD;
      const stride = window.strides[axis] ?? 1;
      if (pad.autoPad === 'SAME_UPPER' || pad.autoPad === 'SAME_LOWER') return input * stride;
      const effective = (k - 1) * (window.dilations[axis] ?? 1) + 1;
      const padding = pad.autoPad === 'VALID' ? 0 : pad.begin + pad.end;
      return stride * (input - 1) + (outputPadding[axis] ?? 0) + effective - padding;
    };
    const out = spatial.map((input, axis) => size(axis, input, kernel[axis] ?? 1));
    if (out.some((d) => d < 1)) context.fail(`the output would be ${out.join('×')}`, 'a positive output size');
    const k = splitSpatial(kernel);
    return [
      context.emit({
        layer: {
          kind: 'conv-transpose',
          inChannels: channels,
          outChannels,
          kernelH: k.h,
          kernelW: k.w,
          ...(k.outer.length > 0 ? { kernelOuter: k.outer } : {}),
          groups: group,
          bias: bias !== undefined,
        },
        reads: [x],
        dims: [n, outChannels, ...out],
        batchAxis: true,
        role: 'spatial',
      }),
    ];
  },
};
