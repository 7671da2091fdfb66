/**
 * Runs an ONNX model once in onnxruntime-node (one thread) for tests. Test files using it select
 * the environment `test/runtime/onnxruntime-environment.cjs` (see there why).
 */
import ort from 'onnxruntime-node';

/** The first output's data and dims for one input tensor. */
export async function runOnnx(
  bytes: Uint8Array,
  input: Float32Array,
  dims: readonly number[],
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const result = await session.run({ [session.inputNames[0] ?? 'input']: new ort.Tensor('float32', input, dims) });
    const output = result[session.outputNames[0] ?? ''];
    if (output === undefined) throw new Error('no output');
    return { data: output.data as Float32Array, dims: output.dims };
  } finally {
    await session.release();
  }
}
