/**
 * A square butterfly (`butterfly/plan.ts`) in standard ONNX operators. Layer ℓ mixes the channels
 * that differ only in their digit d_ℓ (radix r_ℓ, the most significant digit not yet mixed).
 * A channel shuffle of r_ℓ groups (Reshape 1×r×(n/r)×H×W → Transpose(0, 2, 1, 3, 4) → Reshape)
 * rotates the channel index so that this digit becomes the lowest: the r_ℓ channels to mix are
 * then contiguous, and the layer is one grouped 1×1 operator with n/r_ℓ groups of r_ℓ × r_ℓ
 * weights — a `Conv` (group n/r_ℓ, weight n × r_ℓ × 1 × 1) or a broadcast `MatMul` of
 * (n/r_ℓ) × r_ℓ × r_ℓ blocks. After every layer is done the digits have turned once around, so
 * the output is in the natural channel order. MACs per pixel: n·Σr_ℓ (the edge count); the
 * shuffles move data and do no arithmetic.
 */
import { layerStrides, layerWeightOffsets, type ButterflyPlan } from '../butterfly/plan.js';
import { UserError } from '../errors.js';
import type { ButterflyForm as ButterflyOps } from '../model/layer.js';
import type { OnnxGraphBuilder } from './onnx-graph-builder.js';

/**
 * How each butterfly layer is written: a grouped 1×1 `Conv`, a batched `MatMul` of r×r blocks, or
 * element-wise: a broadcast `Mul` of the (n/r) × r × r weights with the input's r-channel groups,
 * then `ReduceSum` over the input digit.
 */
export { BUTTERFLY_FORMS as BUTTERFLY_OPS, type ButterflyForm as ButterflyOps } from '../model/layer.js';

/** Options of one emitted butterfly. */
export interface ButterflyNodeOptions {
  readonly height: number;
  readonly width: number;
  readonly ops: ButterflyOps;
  /** Add the input to the output (the first-to-last residual). */
  readonly residual: boolean;
  /**
   * Images along the tensor's batch axis (absent: 1): a layer an imported graph runs on several
   * images stacked along N (`NetworkLayer.batch`). Only the `conv` form writes it.
   */
  readonly batch?: number;
}

/**
 * Emits the butterfly `plan` with `weights` (layout of `butterfly/weights.ts`) reading tensor `x`
 * (batch × n × H × W, batch 1 unless `options.batch`); returns the output tensor's name. Node names start with `name`. O(n·Σr).
 */
export function emitButterfly(
  graph: OnnxGraphBuilder,
  name: string,
  x: string,
  plan: ButterflyPlan,
  weights: ArrayLike<number>,
  options: ButterflyNodeOptions,
): string {
  const { n } = plan;
  const { height, width } = options;
  const batch = options.batch ?? 1;
  if (batch !== 1 && options.ops !== 'conv')
    throw new UserError(
      `cannot export butterfly ${name} as ${options.ops}: its layer runs on ${batch} images stacked along the batch axis, which only the conv form keeps`,
      { location: { field: 'butterflyOps' }, expected: 'conv' },
    );
  const strides = layerStrides(plan);
  const offsets = layerWeightOffsets(plan);
  // position[c] = the natural channel index held at position c of the current tensor.
  let position = Array.from({ length: n }, (_, c) => c);
  let current = x;
  plan.radices.forEach((r, layer) => {
    const at = `${name}/bft${layer}`;
    if (r !== n) {
      const grouped = graph.int64s(`${at}/shuffle/grouped`, [batch, r, n / r, height, width]);
      const flat = graph.int64s(`${at}/shuffle/flat`, [batch, n, height, width]);
      const [a = ''] = graph.node('Reshape', `${at}/shuffle/Reshape`, [current, grouped]);
      const [b = ''] = graph.node('Transpose', `${at}/shuffle/Transpose`, [a], { perm: [0, 2, 1, 3, 4] });
      [current = ''] = graph.node('Reshape', `${at}/shuffle/Reshape`, [b, flat]);
      position = shuffled(position, r);
    }
    const stride = strides[layer] ?? 1;
    const base = offsets[layer] ?? 0;
    const values = new Float32Array(n * r);
    for (let c = 0; c < n; c++) {
      const node = position[c] ?? 0;
      // The group of c holds the r nodes differing from `node` in the digit at `stride`, digit j at c − i + j.
      if (Math.floor(node / stride) % r !== c % r)
        throw new Error(`butterfly layer ${layer}: channel order broken at ${c}`);
      for (let j = 0; j < r; j++) values[c * r + j] = weights[base + node * r + j] ?? 0;
    }
    if (options.ops === 'conv') {
      const w = graph.floats(`${at}/weight`, [n, r, 1, 1], values);
      [current = ''] = graph.node('Conv', `${at}/Conv`, [current, w], { group: n / r, kernel_shape: [1, 1] });
    } else if (options.ops === 'elementwise') {
      const w = graph.floats(`${at}/weight`, [n / r, r, r, 1], values);
      const groups = graph.int64s(`${at}/groups`, [n / r, 1, r, height * width]);
      const axes = graph.int64s(`${at}/axes`, [2]);
      const flat = graph.int64s(`${at}/flat`, [1, n, height, width]);
      const [a = ''] = graph.node('Reshape', `${at}/Reshape`, [current, groups]);
      const [b = ''] = graph.node('Mul', `${at}/Mul`, [a, w]);
      const [c = ''] = graph.node('ReduceSum', `${at}/ReduceSum`, [b, axes], { keepdims: 0 });
      [current = ''] = graph.node('Reshape', `${at}/Reshape`, [c, flat]);
    } else {
      const w = graph.floats(`${at}/weight`, [n / r, r, r], values);
      const blocks = graph.int64s(`${at}/blocks`, [1, n / r, r, height * width]);
      const flat = graph.int64s(`${at}/flat`, [1, n, height, width]);
      const [a = ''] = graph.node('Reshape', `${at}/Reshape`, [current, blocks]);
      const [b = ''] = graph.node('MatMul', `${at}/MatMul`, [w, a]);
      [current = ''] = graph.node('Reshape', `${at}/Reshape`, [b, flat]);
    }
  });
  if (position.some((p, c) => p !== c)) throw new Error('butterfly: the digits did not turn once around');
  if (options.residual) [current = ''] = graph.node('Add', `${name}/residual/Add`, [current, x]);
  return current;
}

/** The channel shuffle of g groups: new[j·g + i] = old[i·(n/g) + j]. O(n). */
export function shuffled<T>(values: readonly T[], groups: number): T[] {
  const per = values.length / groups;
  const out: T[] = new Array<T>(values.length);
  for (let i = 0; i < groups; i++) for (let j = 0; j < per; j++) out[j * groups + i] = values[i * per + j] as T;
  return out;
}
