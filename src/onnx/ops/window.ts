/** Reading the window attributes shared by Conv and the pools (kernel, strides, pads, dilations, auto_pad). */
import type { OpContext } from '../op-rule.js';
import type { WindowPadding } from '../shape-math.js';

/**
 * The window of a node over its spatial axes (height and width of an image; T, H, W of a clip;
 * the length of a 1-D signal): per axis, in the input's order, kernel, stride, dilation and
 * padding.
 */
export interface Window {
  readonly kernel: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly padding: readonly WindowPadding[];
}

const AUTO_PADS = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'] as const;

/**
 * Reads strides, dilations, pads and auto_pad for a window of the given kernel size, one entry
 * per spatial axis (ONNX: `pads` is [x1_begin, x2_begin, …, x1_end, x2_end, …]).
 */
export function readWindow(context: OpContext, kernel: readonly number[]): Window {
  const axes = kernel.length;
  const perAxis = (name: string, fallback: number): number[] => {
    const values = context.ints(name, new Array<number>(axes).fill(fallback));
    if (values.length !== axes || values.some((v) => !Number.isInteger(v) || v < 1)) {
      context.fail(`attribute ${name} is ${JSON.stringify(values)}`, `${axes} positive integers (${axes}-D window)`);
    }
    return [...values];
  };
  const strides = perAxis('strides', 1);
  const dilations = perAxis('dilations', 1);
  const autoPad = context.string('auto_pad', 'NOTSET');
  if (!(AUTO_PADS as readonly string[]).includes(autoPad))
    context.fail(`auto_pad is "${autoPad}"`, AUTO_PADS.join(', '));
  const pads = context.ints('pads', new Array<number>(2 * axes).fill(0));
  if (pads.length !== 2 * axes || pads.some((p) => !Number.isInteger(p) || p < 0)) {
    context.fail(
      `attribute pads is ${JSON.stringify(pads)}`,
      axes === 2
        ? 'four non-negative integers [top, left, bottom, right]'
        : `${2 * axes} non-negative integers (${axes} begins, then ${axes} ends)`,
    );
  }
  const mode = autoPad as WindowPadding['autoPad'];
  return {
    kernel,
    strides,
    dilations,
    padding: kernel.map((_k, i) => ({ autoPad: mode, begin: pads[i] ?? 0, end: pads[axes + i] ?? 0 })),
  };
}
