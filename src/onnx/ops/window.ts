/** Reading the window attributes shared by Conv and the pools (kernel, strides, pads, dilations, auto_pad). */
import type { Padding, SpatialWindow } from '../../model/layer.js';
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
 * per spatial axis (ONNX: `pads` is [x1_begin, x2_begin, …, x1_end, x2_end, …]; begin and end are
 * 0 unless auto_pad is NOTSET, since a VALID or SAME_* window ignores `pads`).
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
  // `pads` applies under NOTSET only: VALID pads nothing, SAME_* pads what the output size needs.
  const explicit = mode === 'NOTSET';
  return {
    kernel,
    strides,
    dilations,
    padding: kernel.map((_k, i) => ({
      autoPad: mode,
      begin: explicit ? (pads[i] ?? 0) : 0,
      end: explicit ? (pads[axes + i] ?? 0) : 0,
    })),
  };
}

/**
 * The record fields of a window (conv or pool, the height being the second-to-last axis, or the
 * only one): `padding` from the height's begin pad (`same` under SAME_* auto padding), and
 * `window` with every axis's strides, dilations and pads when those scalar fields do not say them
 * all — a width stride other than the height's (outer strides are in `strideOuter`), a dilation,
 * or explicit pads that are not one size on every axis and both sides (or any pad of a 1-D window:
 * the record's width W = 1 takes no pad, which a scalar `padding` would give it), or SAME_LOWER
 * auto padding, or a pool's `ceilMode` (its output sizes rounded up).
 */
export function recordWindow(window: Window, ceilMode = false): { padding: Padding; window?: SpatialWindow } {
  const axes = window.kernel.length;
  const height = Math.max(0, axes - 2);
  const pad = window.padding[height];
  const same = pad?.autoPad === 'SAME_UPPER' || pad?.autoPad === 'SAME_LOWER';
  const padding: Padding = same ? { mode: 'same' } : { mode: 'explicit', size: pad?.begin ?? 0 };
  const size = pad?.begin ?? 0;
  const strideH = window.strides[height] ?? 1;
  const widthStride = axes < 2 || (window.strides[axes - 1] ?? 1) === strideH;
  const undilated = window.dilations.every((d) => d === 1);
  const evenPads =
    same || ((axes >= 2 || size === 0) && window.padding.every((p) => p.begin === size && p.end === size));
  const lower = window.padding.some((p) => p.autoPad === 'SAME_LOWER');
  if (widthStride && undilated && evenPads && !lower && !ceilMode) return { padding };
  const pads = same ? undefined : [...window.padding.map((p) => p.begin), ...window.padding.map((p) => p.end)];
  return {
    padding,
    window: {
      strides: [...window.strides],
      dilations: [...window.dilations],
      ...(pads !== undefined ? { pads } : {}),
      ...(lower ? { autoPad: 'SAME_LOWER' as const } : {}),
      ...(ceilMode ? { ceilMode: true as const } : {}),
    },
  };
}
