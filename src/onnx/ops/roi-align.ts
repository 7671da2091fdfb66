/**
 * RoiAlign(X, rois, batch_indices) → `elementwise` (op RoiAlign): X is N × C × H × W, rois is
 * R × 4 boxes, the output R × C × output_height × output_width. Each output element is the
 * average (mode avg) or the maximum (mode max) of s × s bilinear samples, s = sampling_ratio.
 * Operations per output element, when the element-wise switch counts them: each sample 7 (4 taps
 * weighted and summed, as a bilinear Resize), then avg s² − 1 adds and a divide (8·s²), max s² − 1
 * comparisons (8·s² − 1). No MACs, as in every preset. The number of boxes R is what the graph
 * feeds in: after NonMaxSuppression it is that node's bound (the layer is then listed as data
 * dependent). The boxes are the layer's batch (`NetworkLayer.batch`: one crop per box, shown as
 * C × output_height × output_width). sampling_ratio 0 (samples per bin adapted to each box's size) depends on the data
 * and has no bound in the graph: refused.
 */
import type { OpRule } from '../op-rule.js';
import { isActivation, type TensorValue } from '../tensor-value.js';

/** The RoiAlign rule. */
export const roiAlignRule: OpRule = {
  infer(context) {
    const x = context.activation(0, 'input X', 4);
    const rois = context.input(1, 'rois');
    const indices = context.input(2, 'batch_indices');
    const boxes = rois.dims[0] ?? 0;
    if (rois.dims.length !== 2 || rois.dims[1] !== 4 || indices.dims.length !== 1 || indices.dims[0] !== boxes) {
      context.fail(
        `rois [${rois.dims.join(', ')}] and batch_indices [${indices.dims.join(', ')}]`,
        'rois R × 4 and batch_indices of R entries',
      );
    }
    const samples = context.int('sampling_ratio', 0);
    if (samples <= 0) {
      context.fail(
        `sampling_ratio ${samples} adapts the samples per bin to each box's size, which depends on the data`,
        'a positive sampling_ratio (torchvision exports its MultiScaleRoIAlign with 2)',
      );
    }
    const mode = context.string('mode', 'avg');
    if (mode !== 'avg' && mode !== 'max') context.fail(`mode "${mode}" is unknown`, 'avg or max');
    const perSample = samples * samples;
    const ops = 7 * perSample + (perSample - 1) + (mode === 'avg' ? 1 : 0);
    const dims = [boxes, x.dims[1] ?? 1, context.int('output_height', 1), context.int('output_width', 1)];
    return [
      context.emit({
        layer: { kind: 'elementwise', op: 'RoiAlign', group: 'elementwise', opsPerElement: ops, params: 0 },
        reads: [x, rois].filter((v: TensorValue) => isActivation(v)),
        dims,
        elemType: x.elemType,
        // One C × output_height × output_width image per box, when the boxes divide among the samples.
        ...(boxes % context.samples === 0 ? { batchAxis: true as const } : {}),
      }),
    ];
  },
};
