/**
 * GridSample(X, grid) → `elementwise` (op GridSample): X is N × C × D₁ × … × D_a, grid is
 * N × O₁ × … × O_a × a (a sampling position per output point); the output is N × C × O₁ × … × O_a.
 * Operations per output element, when the element-wise switch counts them (the same convention as
 * Resize, `resize.ts`): nearest 0 (data movement); (bi)linear 2·2^a − 1 (2^a weighted taps
 * summed); (bi)cubic 2·4^a − 1. No MACs: no preset counts a sample as one (torch.profiler
 * reports no flops for `grid_sampler`).
 */
import type { OpRule } from '../op-rule.js';
import { isActivation, type TensorValue } from '../tensor-value.js';

/** Weighted taps per output point of a sampling mode over `axes` axes (0: nearest). */
export function sampleTaps(mode: string, axes: number): number | undefined {
  if (mode === 'nearest') return 0;
  if (mode === 'linear' || mode === 'bilinear') return 2 ** axes;
  if (mode === 'cubic' || mode === 'bicubic') return 4 ** axes;
  return undefined;
}

/** GridSample (opset 16: bilinear / nearest / bicubic; opset 20: linear / nearest / cubic). */
export const gridSampleRule: OpRule = {
  infer(context) {
    const x = context.activation(0, 'input X');
    const grid = context.input(1, 'grid');
    const axes = x.dims.length - 2;
    if (axes < 1 || grid.dims.length !== x.dims.length || grid.dims[0] !== x.dims[0] || grid.dims[axes + 1] !== axes) {
      context.fail(
        `input X [${x.dims.join(', ')}] and grid [${grid.dims.join(', ')}] do not match`,
        `a grid N × O₁ × … × O_${axes} × ${axes} for X N × C × D₁ × … × D_${axes}`,
      );
    }
    const mode = context.string('mode', context.opset >= 20 ? 'linear' : 'bilinear');
    const taps =
      sampleTaps(mode, axes) ?? context.fail(`mode "${mode}" is unknown`, 'nearest, (bi)linear or (bi)cubic');
    const dims = [x.dims[0] ?? 1, x.dims[1] ?? 1, ...grid.dims.slice(1, axes + 1)];
    return [
      context.emit({
        layer: {
          kind: 'elementwise',
          op: 'GridSample',
          group: 'elementwise',
          opsPerElement: taps === 0 ? 0 : 2 * taps - 1,
          params: 0,
        },
        reads: [x, grid].filter((v: TensorValue) => isActivation(v)),
        dims,
        elemType: x.elemType,
      }),
    ];
  },
};
