/**
 * What shape inference knows about one ONNX value: its full dims (batch included), and either
 * the network tensor that holds it (an activation, computed per image) or its constant content
 * (an initializer, or the result of folding shape arithmetic). Weights are never read: their
 * data is read only when an operator needs the numbers (a Reshape target, Slice bounds, …).
 */
import type { DataDependentBound } from '../model/network.js';
import type { StoredFloats } from '../model/layer-weights.js';
import type { Shape } from '../model/shape.js';
import type { OnnxTensor } from './onnx-graph.js';
import { ONNX_DATA_TYPES } from './onnx-schema.js';

/** A value during shape inference. */
export interface TensorValue {
  /** Full dims, batch first for activations. */
  readonly dims: readonly number[];
  /** `TensorProto.DataType` code of the elements (0 when unknown). */
  readonly elemType: number;
  /** The network tensor id when this is an activation (0 = the first graph input). */
  readonly tensor?: number;
  /** Known element values (small constants: shapes, indices, scalars). */
  readonly data?: readonly number[];
  /** The initializer it comes from (a weight: data read only on demand). */
  readonly initializer?: OnnxTensor;
  /**
   * The trainable tensors a constant was computed from (an initializer or weight input itself, or
   * an Expand / Reshape / Gather … of them): float tensors of more than one element, by name.
   */
  readonly trainable?: readonly TrainableTensor[];
  /**
   * Set when a dim of this value depends on the data (the boxes NonMaxSuppression keeps, the
   * entries NonZero finds, …): the dims hold the bound the graph sets, and every value computed
   * from this one carries the same record (see `build-onnx-network.ts`).
   */
  readonly dataDependent?: DataDependentBound;
  /** A channel shuffle in progress (Reshape to groups → Transpose), see `ops/shape-ops.ts`. */
  readonly shuffle?: {
    readonly stage: 'grouped' | 'transposed';
    readonly groups: number;
    readonly source: TensorValue;
  };
}

/** A trainable tensor of the file: its name and element count. */
export interface TrainableTensor {
  readonly name: string;
  readonly elements: number;
  /**
   * Whether all its elements are equal (a fresh zero bias, a unit scale): true or false when
   * the file holds its values, undefined when it does not (a graph-only file).
   */
  readonly uniform?: boolean;
  /**
   * The output name of the `Identity` through which it is read, when the initializer is read
   * through one: torch's exporter writes each merged copy of an equal-valued tensor as an Identity
   * of the one it kept (`encoder.ln.weight` = Identity(`…ln_1.weight`)), while a tied parameter is
   * read under its own name. Absent: read directly.
   */
  readonly via?: string;
}

/**
 * Whether every element of a tensor has the same value (compared as stored bytes, so −0 and 0
 * differ and NaNs of one pattern are equal); undefined when its data is not in the file or the
 * tensor has more than {@link MAX_READ_ELEMENTS} elements (the file reader leaves such payloads
 * unread, `io/onnx-file.ts`; the merged tensors this serves are biases and scales). O(elements).
 */
export function uniformValues(tensor: OnnxTensor): boolean | undefined {
  const count = elementCount(tensor.dims);
  if (count > MAX_READ_ELEMENTS) return undefined;
  if (tensor.values !== undefined) {
    if (tensor.values.length !== count) return undefined;
    return tensor.values.every((v) => Object.is(v, tensor.values?.[0]));
  }
  const raw = tensor.raw;
  if (raw === undefined || count === 0 || raw.length % count !== 0) return undefined;
  const size = raw.length / count;
  for (let i = size; i < raw.length; i++) if (raw[i] !== raw[i % size]) return false;
  return true;
}

/**
 * Whether a constant input of these dims and element type is a trainable tensor (PyTorch's
 * parameters): floating point with more than one element. Scalars (epsilons, scales) and integer
 * tensors (shapes, indices) are not.
 */
export function isTrainableTensor(dims: readonly number[], elemType: number): boolean {
  const T = ONNX_DATA_TYPES;
  return ([T.FLOAT, T.DOUBLE, T.FLOAT16, T.BFLOAT16] as number[]).includes(elemType) && elementCount(dims) > 1;
}

/** Whether a value is computed from the image (an activation) rather than a constant. */
export function isActivation(value: TensorValue): boolean {
  return value.tensor !== undefined;
}

/** Number of elements (product of dims; 1 for a scalar). */
export function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, dim) => product * dim, 1);
}

/**
 * The per-sample C × H × W shape of an activation with full dims `dims`, in a graph run on
 * `samples` images (the image input's first dim). When the first dim is the sample axis:
 * C = dims[1], H = dims[2], W = dims[3]; missing ones are 1, so a [1, F] matrix is F × 1 × 1;
 * a rank-5 or higher tensor (a clip N × C × T × H × W) keeps its spatial dims before the last
 * two as `outer` (C × T × H × W). Otherwise (a transformer's [T, N, d] or [N·heads, T, T], a Gemm's
 * [N·T, d]) the last two dims are H × W and C is what is left per sample. The element count per
 * sample is always elementCount(dims) / samples. A rank-1 or scalar value is taken as one sample.
 */
export function sampleShape(dims: readonly number[], samples = 1): Shape {
  if (dims.length <= 1) return { channels: dims[0] ?? 1, height: 1, width: 1 };
  if (dims[0] === samples) {
    if (dims.length >= 5) {
      const spatial = dims.slice(2);
      return {
        channels: dims[1] ?? 1,
        outer: spatial.slice(0, -2),
        height: spatial[spatial.length - 2] ?? 1,
        width: spatial[spatial.length - 1] ?? 1,
      };
    }
    return { channels: dims[1] ?? 1, height: dims[2] ?? 1, width: dims[3] ?? 1 };
  }
  const perSample = elementCount(dims) / samples;
  const height = dims[dims.length - 2] ?? 1;
  const width = dims[dims.length - 1] ?? 1;
  const channels = perSample / (height * width);
  return Number.isInteger(channels) ? { channels, height, width } : { channels: perSample, height: 1, width: 1 };
}

/** Byte size of the fixed-width element types whose raw data the importer can read. */
const READERS: Readonly<Record<number, { bytes: number; read: (view: DataView, offset: number) => number }>> = {
  [ONNX_DATA_TYPES.FLOAT]: { bytes: 4, read: (v, o) => v.getFloat32(o, true) },
  [ONNX_DATA_TYPES.DOUBLE]: { bytes: 8, read: (v, o) => v.getFloat64(o, true) },
  [ONNX_DATA_TYPES.INT64]: { bytes: 8, read: (v, o) => clampBig(v.getBigInt64(o, true)) },
  [ONNX_DATA_TYPES.UINT64]: { bytes: 8, read: (v, o) => clampBig(v.getBigUint64(o, true)) },
  [ONNX_DATA_TYPES.INT32]: { bytes: 4, read: (v, o) => v.getInt32(o, true) },
  [ONNX_DATA_TYPES.UINT32]: { bytes: 4, read: (v, o) => v.getUint32(o, true) },
  [ONNX_DATA_TYPES.INT16]: { bytes: 2, read: (v, o) => v.getInt16(o, true) },
  [ONNX_DATA_TYPES.UINT16]: { bytes: 2, read: (v, o) => v.getUint16(o, true) },
  [ONNX_DATA_TYPES.INT8]: { bytes: 1, read: (v, o) => v.getInt8(o) },
  [ONNX_DATA_TYPES.UINT8]: { bytes: 1, read: (v, o) => v.getUint8(o) },
  [ONNX_DATA_TYPES.BOOL]: { bytes: 1, read: (v, o) => v.getUint8(o) },
};

function clampBig(value: bigint): number {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (value > max) return Number.MAX_SAFE_INTEGER;
  if (value < -max) return -Number.MAX_SAFE_INTEGER;
  return Number(value);
}

/** Largest constant whose values are read (shape vectors, scales, bounds are tiny). */
export const MAX_READ_ELEMENTS = 4096;

/**
 * The element values of an initializer or tensor attribute, or undefined when they are not
 * available (external data, an unsupported element type, more than {@link MAX_READ_ELEMENTS}).
 */
export function readTensorData(tensor: OnnxTensor): readonly number[] | undefined {
  const count = elementCount(tensor.dims);
  if (count > MAX_READ_ELEMENTS) return undefined;
  if (count === 0) return []; // an empty tensor (a shape of a scalar) holds no bytes at all
  if (tensor.values !== undefined) return tensor.values.length === count ? tensor.values : undefined;
  const reader = READERS[tensor.dataType];
  const raw = tensor.raw;
  if (reader === undefined || raw === undefined || raw.length !== count * reader.bytes) return undefined;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(reader.read(view, i * reader.bytes));
  return out;
}

/** The constant values of a value (its folded data, or its initializer's), if known. */
export function constantData(value: TensorValue): readonly number[] | undefined {
  if (value.data !== undefined) return value.data;
  if (value.initializer !== undefined) return readTensorData(value.initializer);
  return undefined;
}

/** Whether an element type is an integer type (integer division, no fractions). */
export function isIntegerType(elemType: number): boolean {
  const T = ONNX_DATA_TYPES;
  return ([T.INT64, T.INT32, T.INT16, T.INT8, T.UINT64, T.UINT32, T.UINT16, T.UINT8, T.BOOL] as number[]).includes(
    elemType,
  );
}

/**
 * The stored float32 values of a weight input, when the file holds them as raw little-endian
 * bytes of an initializer (PyTorch's and most exporters' form); undefined otherwise (another
 * element type, `float_data`, external data, or a computed value). No copy is made.
 */
export function storedFloats(value: TensorValue | undefined): StoredFloats | undefined {
  const tensor = value?.initializer;
  if (tensor === undefined || tensor.dataType !== ONNX_DATA_TYPES.FLOAT || tensor.raw === undefined) return undefined;
  if (tensor.raw.length !== 4 * elementCount(tensor.dims)) return undefined;
  return { dims: tensor.dims, bytes: tensor.raw };
}
