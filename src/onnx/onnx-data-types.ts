/**
 * The element types of ONNX tensors (`TensorProto.DataType`, onnx/onnx.proto, IR version 10):
 * which codes exist and how many bits one element takes in `raw_data`. A code outside this table
 * (0 = UNDEFINED included) is refused when a file declares it, as onnxruntime does at load.
 */

/** Bits per element in `raw_data` by data type code; `undefined` for STRING (no raw form). */
export const ONNX_ELEMENT_BITS: ReadonlyMap<number, number | undefined> = new Map<number, number | undefined>([
  [1, 32], // FLOAT
  [2, 8], // UINT8
  [3, 8], // INT8
  [4, 16], // UINT16
  [5, 16], // INT16
  [6, 32], // INT32
  [7, 64], // INT64
  [8, undefined], // STRING
  [9, 8], // BOOL
  [10, 16], // FLOAT16
  [11, 64], // DOUBLE
  [12, 32], // UINT32
  [13, 64], // UINT64
  [14, 64], // COMPLEX64
  [15, 128], // COMPLEX128
  [16, 16], // BFLOAT16
  [17, 8], // FLOAT8E4M3FN
  [18, 8], // FLOAT8E4M3FNUZ
  [19, 8], // FLOAT8E5M2
  [20, 8], // FLOAT8E5M2FNUZ
  [21, 4], // UINT4
  [22, 4], // INT4
  [23, 4], // FLOAT4E2M1
]);

/** Whether `code` is a defined ONNX element type (UNDEFINED = 0 is not). */
export function isKnownOnnxDataType(code: number): boolean {
  return ONNX_ELEMENT_BITS.has(code);
}

/**
 * The exact byte length of `elements` elements of type `code` in `raw_data` (sub-byte types
 * packed, the last byte padded), or undefined for a type without a raw form (STRING).
 * Example: 10 FLOATs take 40 bytes; 3 INT4s take 2.
 */
export function rawByteLength(code: number, elements: number): number | undefined {
  const bits = ONNX_ELEMENT_BITS.get(code);
  return bits === undefined ? undefined : Math.ceil((elements * bits) / 8);
}

/**
 * How many numbers the typed data field holds per element (`float_data`, `int32_data`,
 * `int64_data`, `double_data`): 2 for the complex types (real and imaginary parts), ½ for the
 * 4-bit types (two packed per `int32_data` entry), 1 otherwise.
 */
export function typedValuesPerElement(code: number): number {
  if (code === 14 || code === 15) return 2;
  if (code === 21 || code === 22 || code === 23) return 0.5;
  return 1;
}
