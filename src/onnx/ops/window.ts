/** Reading the window attributes shared by Conv and the pools (kernel, strides, pads, dilations, auto_pad). */
import type { OpContext } from '../op-rule.js';
import type { WindowPadding } from '../shape-math.js';

/** The 2-D window of a node: per axis (height, width) kernel, stride, dilation and padding. */
export interface Window2d {
  readonly kernel: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly dilations: readonly [number, number];
  readonly padding: readonly [WindowPadding, WindowPadding];
}

const AUTO_PADS = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'] as const;

/** Reads strides, dilations, pads and auto_pad for a window of the given kernel size. */
export function readWindow(context: OpContext, kernel: readonly [number, number]): Window2d {
  const pair = (name: string, fallback: number): [number, number] => {
    const values = context.ints(name, [fallback, fallback]);
    if (values.length !== 2 || values.some((v) => !Number.isInteger(v) || v < 1)) {
      context.fail(`attribute ${name} is ${JSON.stringify(values)}`, 'two positive integers (2-D window)');
    }
    return [values[0] ?? fallback, values[1] ?? fallback];
  };
  const strides = pair('strides', 1);
  const dilations = pair('dilations', 1);
  const autoPad = context.string('auto_pad', 'NOTSET');
  if (!(AUTO_PADS as readonly string[]).includes(autoPad))
    context.fail(`auto_pad is "${autoPad}"`, AUTO_PADS.join(', '));
  const pads = context.ints('pads', [0, 0, 0, 0]);
  if (pads.length !== 4 || pads.some((p) => !Number.isInteger(p) || p < 0)) {
    context.fail(`attribute pads is ${JSON.stringify(pads)}`, 'four non-negative integers [top, left, bottom, right]');
  }
  const mode = autoPad as WindowPadding['autoPad'];
  return {
    kernel,
    strides,
    dilations,
    padding: [
      { autoPad: mode, begin: pads[0] ?? 0, end: pads[2] ?? 0 },
      { autoPad: mode, begin: pads[1] ?? 0, end: pads[3] ?? 0 },
    ],
  };
}
