/**
 * Conv → `conv2d`. X is N × C × H × W (a 1-D conv's N × C × L is taken as H = L, W = 1), W is
 * M × C/group × kH × kW, the optional bias B has M elements. Output N × M × H′ × W′ with the
 * window rule of `shape-math.ts`. Cost rule: `cost/conv2d.ts` (MACs H′·W′·M·(C/group)·kH·kW).
 * The layer record keeps the height stride and the top padding (counts depend on the output
 * size, the kernel and the groups only).
 */
import type { Padding } from '../../model/layer.js';
import type { OpRule } from '../op-rule.js';
import { windowOutput } from '../shape-math.js';
import { storedFloats } from '../tensor-value.js';
import { readWindow } from './window.js';

/** Conv → `conv2d` (see the file comment). */
export const convRule: OpRule = {
  infer(context) {
    const x = context.activation(0, 'input X');
    const w = context.input(1, 'weight W');
    if (x.dims.length !== 4 && x.dims.length !== 3)
      context.fail(`input X has rank ${x.dims.length}`, 'a 2-D (N×C×H×W) or 1-D (N×C×L) convolution input');
    const oneD = x.dims.length === 3;
    const [n = 1, channels = 1, height = 1] = x.dims;
    const width = oneD ? 1 : (x.dims[3] ?? 1);
    const group = context.int('group', 1);
    const wDims = oneD ? [...w.dims, 1] : w.dims;
    const [outChannels = 0, perGroup = 0, kernelH = 0, kernelW = 0] = wDims;
    if (
      wDims.length !== 4 ||
      group < 1 ||
      channels % group !== 0 ||
      perGroup * group !== channels ||
      outChannels % group !== 0
    ) {
      context.fail(
        `weight ${w.initializer?.name ?? context.node.inputs[1] ?? ''} has shape [${w.dims.join(', ')}] for an input of ${channels} channels with group ${group}`,
        `a weight [M, ${group > 0 ? channels / group : '?'}, kH, kW] with M divisible by ${group}`,
      );
    }
    if (context.has('kernel_shape')) {
      const kernel = context.ints('kernel_shape');
      if (kernel[0] !== kernelH || (kernel[1] ?? 1) !== kernelW) {
        context.fail(
          `kernel_shape [${kernel.join(', ')}] contradicts the weight shape [${w.dims.join(', ')}]`,
          `kernel_shape [${kernelH}, ${kernelW}]`,
        );
      }
    }
    const bias = context.inputs[2];
    if (bias !== undefined && (bias.dims.length !== 1 || bias.dims[0] !== outChannels)) {
      context.fail(`bias has shape [${bias.dims.join(', ')}]`, `[${outChannels}] (one per output channel)`);
    }
    const window = oneD ? readWindow1d(context, kernelH) : readWindow(context, [kernelH, kernelW]);
    const [padH, padW] = window.padding;
    const outH = windowOutput(height, kernelH, window.strides[0], window.dilations[0], padH);
    const outW = windowOutput(width, kernelW, window.strides[1], window.dilations[1], padW);
    if (outH < 1 || outW < 1)
      context.fail(
        `the output would be ${outH}×${outW}: the kernel does not fit the ${height}×${width} input`,
        'a kernel no larger than the padded input',
      );
    const padding: Padding =
      padH.autoPad === 'SAME_UPPER' || padH.autoPad === 'SAME_LOWER'
        ? { mode: 'same' }
        : { mode: 'explicit', size: padH.begin };
    const dims = oneD ? [n, outChannels, outH] : [n, outChannels, outH, outW];
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
          kernelH,
          kernelW,
          stride: window.strides[0],
          padding,
          groups: group,
          bias: bias !== undefined,
        },
        reads: [x],
        dims,
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

/** A 1-D window read as a 2-D one of width 1. */
function readWindow1d(context: Parameters<OpRule['infer']>[0], kernel: number) {
  const one = (name: string, fallback: number) => context.ints(name, [fallback])[0] ?? fallback;
  const pads = context.ints('pads', [0, 0]);
  const autoPad = context.string('auto_pad', 'NOTSET') as 'NOTSET';
  return {
    kernel: [kernel, 1] as const,
    strides: [one('strides', 1), 1] as const,
    dilations: [one('dilations', 1), 1] as const,
    padding: [
      { autoPad, begin: pads[0] ?? 0, end: pads[1] ?? 0 },
      { autoPad, begin: 0, end: 0 },
    ] as const,
  };
}

/**
 * ConvTranspose → `conv-transpose`. W is C × M/group × kH × kW. Output per axis:
 * `output_shape` when given, else s·(n − 1) + output_padding + (k − 1)·d + 1 − p_begin − p_end
 * (SAME_UPPER / SAME_LOWER: n·s). Cost rule `cost/conv-transpose.ts`.
 */
export const convTransposeRule: OpRule = {
  infer(context) {
    const x = context.activation(0, 'input X', 4);
    const w = context.input(1, 'weight W');
    const [n = 1, channels = 1, height = 1, width = 1] = x.dims;
    const group = context.int('group', 1);
    const [inChannels = 0, perGroup = 0, kernelH = 0, kernelW = 0] = w.dims;
    if (w.dims.length !== 4 || inChannels !== channels || group < 1 || channels % group !== 0) {
      context.fail(
        `weight ${w.initializer?.name ?? context.node.inputs[1] ?? ''} has shape [${w.dims.join(', ')}] for an input of ${channels} channels with group ${group}`,
        `a weight [${channels}, M/${group}, kH, kW]`,
      );
    }
    const outChannels = perGroup * group;
    const bias = context.inputs[2];
    if (bias !== undefined && (bias.dims.length !== 1 || bias.dims[0] !== outChannels)) {
      context.fail(`bias has shape [${bias.dims.join(', ')}]`, `[${outChannels}] (one per output channel)`);
    }
    const window = readWindow(context, [kernelH, kernelW]);
    const outputPadding = context.ints('output_padding', [0, 0]);
    const given = context.has('output_shape') ? context.ints('output_shape') : undefined;
    const size = (axis: 0 | 1, input: number, kernel: number): number => {
      if (given !== undefined) return given[given.length - 2 + axis] ?? input;
      const pad = window.padding[axis];
      const stride = window.strides[axis];
      if (pad.autoPad === 'SAME_UPPER' || pad.autoPad === 'SAME_LOWER') return input * stride;
      const effective = (kernel - 1) * window.dilations[axis] + 1;
      const padding = pad.autoPad === 'VALID' ? 0 : pad.begin + pad.end;
      return stride * (input - 1) + (outputPadding[axis] ?? 0) + effective - padding;
    };
    const outH = size(0, height, kernelH);
    const outW = size(1, width, kernelW);
    if (outH < 1 || outW < 1) context.fail(`the output would be ${outH}×${outW}`, 'a positive output size');
    return [
      context.emit({
        layer: {
          kind: 'conv-transpose',
          inChannels: channels,
          outChannels,
          kernelH,
          kernelW,
          groups: group,
          bias: bias !== undefined,
        },
        reads: [x],
        dims: [n, outChannels, outH, outW],
        role: 'spatial',
      }),
    ];
  },
};
