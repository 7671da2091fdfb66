import { rawByteLength } from '../../src/onnx/onnx-data-types.js';
import { encodeVarint, readVarint } from '../../src/onnx/protobuf-varint.js';

/**
 * A graph-only fixture (weights stripped, shapes kept) with every empty initializer given its
 * full `raw_data`: a file as large as the trained model's (ViT-S/16: 88 MB), made in a few
 * milliseconds plus the copy. The values are a fixed pattern, not a trained or random model's:
 * what matters here is the bytes a page must hold or release. For a runnable graph see
 * `test/onnx/with-weights.ts`.
 *
 * Written at the protobuf wire level (onnx.proto: ModelProto.graph = 7, GraphProto.initializer
 * = 5; TensorProto dims = 1, data_type = 2, raw_data = 9, the typed data fields 4–7, 10, 11 and
 * data_location = 14): each initializer without data gets a raw_data field appended, and the
 * lengths of the tensor and of the graph are rewritten. Everything else is copied as it is.
 */
export function withFilledWeights(bytes: Uint8Array): Uint8Array {
  const pattern = new Uint8Array(largestPayload(bytes));
  // Small floats (exponent byte 0x3c: about 0.01) in a pattern no tensor shares with a neighbour's values.
  for (let i = 0; i < pattern.length; i++) pattern[i] = i % 4 === 3 ? 0x3c : (i * 37) % 251;
  return concat(message(bytes, 0, bytes.length, 'model', pattern));
}

type Level = 'model' | 'graph' | 'tensor';

interface Field {
  readonly number: number;
  readonly wire: number;
  /** Where the field starts, where its payload starts (length-delimited) or its value, where it ends. */
  readonly start: number;
  readonly payload: number;
  readonly end: number;
  /** The varint value (wire type 0). */
  readonly value: number;
}

/** The fields of the message in [start, end). Throws on bytes that are not a message. */
function fields(bytes: Uint8Array, start: number, end: number): Field[] {
  const out: Field[] = [];
  let at = start;
  while (at < end) {
    const tag = varint(bytes, at);
    const wire = tag.value % 8;
    const number = Math.floor(tag.value / 8);
    if (wire === 0) {
      const value = varint(bytes, tag.next);
      out.push({ number, wire, start: at, payload: tag.next, end: value.next, value: value.value });
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      out.push({ number, wire, start: at, payload: tag.next, end: tag.next + size, value: 0 });
    } else if (wire === 2) {
      const length = varint(bytes, tag.next);
      out.push({ number, wire, start: at, payload: length.next, end: length.next + length.value, value: 0 });
    } else {
      throw new Error(`wire type ${wire} at byte ${at}`);
    }
    at = out[out.length - 1]?.end ?? end;
  }
  return out;
}

/** The raw_data byte length an initializer without data needs (0 when it has data or none is due). */
function missingPayload(bytes: Uint8Array, tensor: Field): number {
  const parts = fields(bytes, tensor.payload, tensor.end);
  const dims: number[] = [];
  let dataType = 0;
  for (const field of parts) {
    if ([4, 5, 6, 7, 9, 10, 11].includes(field.number) && field.end > field.payload) return 0; // has data
    if (field.number === 14 && field.value === 1) return 0; // external data
    if (field.number === 2) dataType = field.value;
    if (field.number === 1 && field.wire === 0) dims.push(field.value);
    if (field.number === 1 && field.wire === 2)
      for (let at = field.payload; at < field.end;) {
        const dim = varint(bytes, at);
        dims.push(dim.value);
        at = dim.next;
      }
  }
  return (
    rawByteLength(
      dataType,
      dims.reduce((product, dim) => product * dim, 1),
    ) ?? 0
  );
}

/** The largest raw_data any initializer of the graph needs. */
function largestPayload(bytes: Uint8Array): number {
  let largest = 0;
  for (const graph of fields(bytes, 0, bytes.length).filter((field) => field.number === 7))
    for (const tensor of fields(bytes, graph.payload, graph.end).filter((field) => field.number === 5))
      largest = Math.max(largest, missingPayload(bytes, tensor));
  return largest;
}

/** The pieces of the message in [start, end) with the initializers filled. */
function message(bytes: Uint8Array, start: number, end: number, level: Level, pattern: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const field of fields(bytes, start, end)) {
    const inner =
      level === 'model' && field.number === 7
        ? 'graph'
        : level === 'graph' && field.number === 5
          ? 'tensor'
          : undefined;
    if (inner === undefined) {
      parts.push(bytes.subarray(field.start, field.end));
      continue;
    }
    const body = message(bytes, field.payload, field.end, inner, pattern);
    if (inner === 'tensor') {
      const size = missingPayload(bytes, field);
      if (size > 0) body.push(encodeVarint(9 * 8 + 2), encodeVarint(size), pattern.subarray(0, size));
    }
    const length = body.reduce((sum, part) => sum + part.length, 0);
    parts.push(encodeVarint(field.number * 8 + 2), encodeVarint(length), ...body);
  }
  return parts;
}

/** The varint at `at` (the generator reads only files it wrote: one missing is a bug here). */
function varint(bytes: Uint8Array, at: number): { value: number; next: number } {
  const read = readVarint(bytes, at, bytes.length);
  if (read === undefined) throw new Error(`no varint at byte ${at}`);
  return read;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
