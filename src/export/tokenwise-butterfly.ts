/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access --
   the decoded file is an untyped protobufjs object tree (see `Plain`); the rewritten model is checked
   against the schema by `fromObject` before it is encoded. */
/**
 * A butterfly in place of a token-wise product: a MatMul [..., K] · [K, N] or a Gemm [R, K] ·
 * [K, N] (+ C) that the importer counts as a 1×1 conv over R rows (`onnx/ops/linear.ts`). The
 * channels are the last axis of such a tensor, and the butterfly nodes (`butterfly-nodes.ts`)
 * mix the channel axis of an image, 1 × n × H × W; so the rows go to the pixel axis and back:
 * Reshape [R, K] → Transpose → Reshape [1, K, R, 1] → butterfly → [1, N, R, 1] → Reshape [N, R]
 * → Transpose → [R, N], and for a MatMul a Reshape to A's leading dims + N, read from A's
 * `Shape` at run time. The layout moves data and does no arithmetic, so the graph still counts
 * the butterfly's MACs exactly. A Gemm's C goes with its weight (a butterfly has no bias, as
 * for a Conv). Pure.
 */
import type { Shape } from '../model/shape.js';
import type { OnnxGraphBuilder } from './onnx-graph-builder.js';

/** How the file computes a layer the fusion replaced. */
export type ReplacedForm = 'conv' | 'matmul' | 'gemm';

/** A node of the decoded file (protobufjs `toObject` form). */
type PlainNode = Readonly<Record<string, any>>;

/**
 * The form of `node` when a butterfly can take its place: a 2-D Conv (kernel_shape of length 2,
 * or a weight of rank 4), a MatMul, or a Gemm whose A is not transposed; undefined otherwise.
 */
export function replacedForm(
  node: PlainNode | undefined,
  weightRank: (name: string) => number | undefined,
): ReplacedForm | undefined {
  if (node === undefined || (node['domain'] ?? '') !== '') return undefined;
  const attribute = (name: string) => (node['attribute'] as PlainNode[] | undefined)?.find((a) => a['name'] === name);
  if (node['opType'] === 'Conv') {
    const kernel = attribute('kernel_shape')?.['ints'] as unknown[] | undefined;
    // A 2-D conv, or one on a clip (3-D and up); a 1-D conv's N × C × L tensor is not rewritten.
    return (kernel !== undefined ? kernel.length >= 2 : (weightRank(String(node['input']?.[1] ?? '')) ?? 0) >= 4)
      ? 'conv'
      : undefined;
  }
  if (node['opType'] === 'MatMul') return 'matmul';
  if (node['opType'] === 'Gemm' && Number(attribute('transA')?.['i'] ?? 0) === 0) return 'gemm';
  return undefined;
}

/**
 * Emits the butterfly of a token-wise product reading `a` (rows × K, channels last); `output` is
 * the layer's shape (N channels, R rows as height, width 1) and `square` emits the butterfly on
 * an image-layout tensor of that shape. Returns the tensor with the product's shape. O(n·Σr).
 */
export function emitTokenwiseButterfly(
  graph: OnnxGraphBuilder,
  at: string,
  a: string,
  inChannels: number,
  output: Shape,
  form: 'matmul' | 'gemm',
  square: (x: string, shape: Shape) => string,
): string {
  const rows = output.height * output.width;
  const n = output.channels;
  const [flat = ''] = graph.node('Reshape', `${at}/rows/Reshape`, [
    a,
    graph.int64s(`${at}/rows/shape`, [rows, inChannels]),
  ]);
  const [columns = ''] = graph.node('Transpose', `${at}/rows/Transpose`, [flat], { perm: [1, 0] });
  const [image = ''] = graph.node('Reshape', `${at}/image/Reshape`, [
    columns,
    graph.int64s(`${at}/image/shape`, [1, inChannels, rows, 1]),
  ]);
  const mixed = square(image, { channels: n, height: rows, width: 1 });
  const [byChannel = ''] = graph.node('Reshape', `${at}/columns/Reshape`, [
    mixed,
    graph.int64s(`${at}/columns/shape`, [n, rows]),
  ]);
  const [byRow = ''] = graph.node('Transpose', `${at}/columns/Transpose`, [byChannel], { perm: [1, 0] });
  if (form === 'gemm') return byRow;
  const [shape = ''] = graph.node('Shape', `${at}/lead/Shape`, [a]);
  const starts = graph.int64s(`${at}/lead/starts`, [0]);
  const ends = graph.int64s(`${at}/lead/ends`, [-1]);
  const [lead = ''] = graph.node('Slice', `${at}/lead/Slice`, [shape, starts, ends]);
  const [target = ''] = graph.node('Concat', `${at}/lead/Concat`, [lead, graph.int64s(`${at}/lead/channels`, [n])], {
    axis: 0,
  });
  return graph.node('Reshape', `${at}/output/Reshape`, [byRow, target])[0] ?? '';
}
