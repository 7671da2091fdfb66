/** Small helpers of the export tests: a model description of ONNX bytes, seeded inputs, initializer bytes. */
import { seededRandom } from '../../src/random/seeded-random.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';

/** The model description of ONNX `bytes`, as if read from `<name>.onnx`. */
export function describeFile(bytes: Uint8Array, name: string) {
  return onnxModelDescription(bytes, { kind: 'onnx', reference: `${name}.onnx`, path: `${name}.onnx` });
}

/** `length` seeded values uniform in [−1, 1). */
export function uniform(length: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => 2 * random.next() - 1);
}

/** Initializer name → raw bytes (as hex, for comparison). */
export function initializerBytes(bytes: Uint8Array): Map<string, string> {
  const model = ONNX_MODEL_PROTO.toObject(ONNX_MODEL_PROTO.decode(bytes)) as {
    graph: { initializer?: { name: string; rawData?: Uint8Array }[] };
  };
  return new Map(
    (model.graph.initializer ?? []).map((t) => [t.name, Buffer.from(t.rawData ?? new Uint8Array()).toString('hex')]),
  );
}
