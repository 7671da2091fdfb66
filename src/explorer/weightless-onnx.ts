/**
 * A dropped ONNX file's bytes without its weight data, so that the page keeps only what counting
 * reads: the graph, every declared shape and the small constants. The decoded model keeps views
 * into the bytes it was decoded from (`onnx/decode-onnx.ts`), so a model decoded from the whole
 * file would hold every weight for as long as the page lists it; one decoded from these bytes
 * holds a few hundred kB. The file itself is read again when an export needs the weights.
 *
 * The same payloads are left out as the CLI's sparse reader leaves unread (`io/onnx-file.ts`):
 * the `raw_data` of a top-level initializer larger than {@link MAX_READ_ELEMENTS} elements of 8
 * bytes, which the importer never reads. Here they are removed rather than zeroed (the lengths of
 * the enclosing graph and tensor are rewritten), which the decoder reads as a graph-only weight:
 * its shape is counted, its values were never used. Pure.
 */
import { MAX_READ_ELEMENTS } from '../onnx/tensor-value.js';
import { encodeVarint, readVarint } from '../onnx/protobuf-varint.js';

/** `raw_data` payloads above this size are left out (the CLI's `SKIPPED_RAW_DATA_BYTES`). */
export const LEFT_OUT_RAW_DATA_BYTES = MAX_READ_ELEMENTS * 8;

// Field numbers in onnx.proto: ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.raw_data = 9.
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;

type Level = 'model' | 'graph' | 'tensor';

/**
 * A copy of the ModelProto in `bytes` without the large initializer payloads (see the file
 * comment); it shares no memory with `bytes`. Bytes the walk cannot follow (not a ModelProto)
 * are copied as they are, leaving the errors to the decoder. O(file size) time, O(kept bytes)
 * memory.
 */
export function weightlessOnnx(bytes: Uint8Array): Uint8Array {
  const parts = message(bytes, 0, bytes.length, 'model');
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The kept pieces (views into `bytes`, or new length prefixes) of the message in [start, end). */
function message(bytes: Uint8Array, start: number, end: number, level: Level): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let at = start;
  while (at < end) {
    const next = fieldEnd(bytes, at, end);
    if (next === undefined) break; // not a field: kept as it is below
    const { tag, payload } = next;
    const field = Math.floor(tag / 8);
    const inner =
      level === 'model' && field === MODEL_GRAPH
        ? 'graph'
        : level === 'graph' && field === GRAPH_INITIALIZER
          ? 'tensor'
          : undefined;
    if (payload !== undefined && inner !== undefined) {
      const kept = message(bytes, payload, next.end, inner);
      const size = kept.reduce((sum, part) => sum + part.length, 0);
      parts.push(encodeVarint(tag), encodeVarint(size), ...kept);
    } else if (!(
      payload !== undefined &&
      level === 'tensor' &&
      field === TENSOR_RAW_DATA &&
      next.end - payload > LEFT_OUT_RAW_DATA_BYTES
    )) {
      parts.push(bytes.subarray(at, next.end));
    }
    at = next.end;
  }
  if (at < end) parts.push(bytes.subarray(at, end));
  return parts;
}

/**
 * The field at `at`: its tag, where its length-delimited payload starts (wire type 2), and where
 * it ends; undefined when no whole field of a known wire type starts there.
 */
function fieldEnd(
  bytes: Uint8Array,
  at: number,
  end: number,
): { tag: number; payload?: number; end: number } | undefined {
  const tag = readVarint(bytes, at, end);
  if (tag === undefined) return undefined;
  const wire = tag.value % 8;
  if (wire === 0) {
    const value = readVarint(bytes, tag.next, end);
    return value === undefined ? undefined : { tag: tag.value, end: value.next };
  }
  if (wire === 1 || wire === 5) {
    const fieldEnd = tag.next + (wire === 1 ? 8 : 4);
    return fieldEnd > end ? undefined : { tag: tag.value, end: fieldEnd };
  }
  if (wire === 2) {
    const length = readVarint(bytes, tag.next, end);
    if (length === undefined || length.next + length.value > end) return undefined;
    return { tag: tag.value, payload: length.next, end: length.next + length.value };
  }
  return undefined;
}
