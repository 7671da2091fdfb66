import type { ButterflyPlan } from '../butterfly/plan.js';
import { emitButterfly, type ButterflyOps } from './butterfly-nodes.js';
import { onnxGraphBuilder } from './onnx-graph-builder.js';

/** Options of a one-butterfly model. */
export interface ButterflyBlockOptions {
  readonly height: number;
  readonly width: number;
  readonly ops: ButterflyOps;
  readonly residual?: boolean;
}

/**
 * An ONNX model holding one butterfly: input `x` (1 × n × H × W) → output `y` of the same shape,
 * y = B·x (+ x with `residual`) at every pixel, B the butterfly of `plan` with `weights`. Used to
 * check the exported operators against the reference forward pass and the dense matrix, and to
 * time them. O(n·Σr) to build.
 */
export function butterflyBlockModel(
  plan: ButterflyPlan,
  weights: ArrayLike<number>,
  options: ButterflyBlockOptions,
): Uint8Array {
  const graph = onnxGraphBuilder('butterfly');
  const y = emitButterfly(graph, 'butterfly', 'x', plan, weights, { ...options, residual: options.residual ?? false });
  const [out = ''] = graph.node('Identity', 'output', [y]);
  const dims = [1, plan.n, options.height, options.width];
  return graph.encode({ name: 'x', dims }, { name: out, dims });
}
