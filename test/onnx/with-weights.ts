import { float32Draws, seededRandom } from '../../src/random/seeded-random.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';

/**
 * A graph-only fixture (weights stripped, shapes kept) with every empty float initializer filled
 * with seeded values uniform in [−0.1, 0.1): a real PyTorch graph that onnxruntime can run.
 */
export function withWeights(bytes: Uint8Array, seed = 1): Uint8Array {
  const model = ONNX_MODEL_PROTO.toObject(ONNX_MODEL_PROTO.decode(bytes), { longs: String }) as {
    graph: { initializer?: { dims?: string[]; dataType: number; rawData?: Uint8Array }[] };
  };
  const random = seededRandom(seed);
  for (const tensor of model.graph.initializer ?? []) {
    const count = (tensor.dims ?? []).reduce((product, dim) => product * Number(dim), 1);
    if (tensor.dataType !== 1 || (tensor.rawData?.length ?? 0) > 0) continue;
    tensor.rawData = new Uint8Array(float32Draws(count, () => 0.2 * random.next() - 0.1).buffer);
  }
  return ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(model)).finish();
}
