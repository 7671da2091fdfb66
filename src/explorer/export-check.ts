/**
 * Why the explorer's "Download .onnx" cannot export the shown configuration, said before the
 * click: the layer kinds the layer-record export (`export/export-network.ts`) has no ONNX form for
 * yet. A dropped ONNX file that stores its weights is rewritten node by node instead
 * (`export/rewrite-onnx.ts`), which keeps every operator, so nothing blocks it here. Pure.
 */
import type { CostReport } from '../model/cost.js';
import type { LayerKind } from '../model/layer.js';

/** Whether the layer-record export writes a layer of each kind (its switch refuses the others). */
const EXPORTED: { readonly [K in LayerKind]: boolean } = {
  conv2d: true,
  linear: true,
  batchnorm: true,
  activation: true,
  pool: true,
  'global-pool': true,
  add: true,
  multiply: true,
  concat: true,
  split: true,
  shuffle: true,
  butterfly: true,
  matmul: false,
  'conv-transpose': false,
  elementwise: false,
};

/**
 * The reason the shown configuration cannot be exported, or undefined when it can:
 * `rewritable` says the model is an ONNX file with its weights (rewritten, never refused here).
 * O(layers).
 */
export function exportBlocker(report: CostReport, rewritable: boolean): string | undefined {
  if (rewritable) return undefined;
  const refused = report.layers.filter((layer) => !EXPORTED[layer.kind]);
  const first = refused[0];
  if (first === undefined) return undefined;
  const kinds = [...new Set(refused.map((layer) => layer.kind))].join(', ');
  return `not available for this model: ${refused.length} layer${refused.length === 1 ? '' : 's'} (${kinds}, first ${first.name}) ${refused.length === 1 ? 'has' : 'have'} no ONNX export yet`;
}
