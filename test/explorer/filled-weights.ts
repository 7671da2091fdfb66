import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';
import { rawByteLength } from '../../src/onnx/onnx-data-types.js';

/**
 * A graph-only fixture (weights stripped, shapes kept) with every empty initializer given its
 * full `raw_data`: a file as large as the trained model's (ViT-S/16: 88 MB), made in well under a
 * second. The values are a fixed pattern, not a trained or random model's: what matters here is
 * the bytes a page must hold or release. For a runnable graph see `test/onnx/with-weights.ts`.
 */
export function withFilledWeights(bytes: Uint8Array): Uint8Array {
  const model = ONNX_MODEL_PROTO.toObject(ONNX_MODEL_PROTO.decode(bytes), { longs: String }) as {
    graph: { initializer?: { dims?: string[]; dataType: number; rawData?: Uint8Array }[] };
  };
  const tensors = (model.graph.initializer ?? []).filter((tensor) => (tensor.rawData?.length ?? 0) === 0);
  const sizes = tensors.map((tensor) =>
    rawByteLength(
      tensor.dataType,
      (tensor.dims ?? []).reduce((product, dim) => product * Number(dim), 1),
    ),
  );
  // One pattern of small floats (bytes 0x3c… : about 0.01), shared by every tensor.
  const pattern = new Uint8Array(Math.max(0, ...sizes.map((size) => size ?? 0)));
  for (let i = 0; i < pattern.length; i++) pattern[i] = i % 4 === 3 ? 0x3c : (i * 37) % 251;
  tensors.forEach((tensor, i) => {
    const size = sizes[i];
    if (size !== undefined && size > 0) tensor.rawData = pattern.subarray(0, size);
  });
  return ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(model)).finish();
}
