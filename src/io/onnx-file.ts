/**
 * Reads an ONNX file into a {@link ModelDescription}, without reading weight data.
 *
 * The importer needs the graph and the initializers' shapes, never the weights, so the file is
 * read sparsely: the protobuf wire format is walked with positioned reads, and the payload of
 * every initializer's `raw_data` larger than {@link SKIPPED_RAW_DATA_BYTES} is left unread
 * (zero bytes in a lazily allocated buffer that the operating system does not back with memory
 * until touched). Everything else is read, and the buffer is then decoded as a whole by
 * protobufjs (`onnx/decode-onnx.ts`). Weights in external-data files are never opened, so a
 * missing external file is fine.
 */
import { closeSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';
import { fileProblem } from './file-problems.js';
import { readBinaryFile } from './read-binary-file.js';
import { MAX_BINARY_BYTES, openRegularFile } from './read-regular-file.js';
import type { ModelDescription } from '../model/model-source.js';
import { onnxModelDescription, type OnnxImportOptions } from '../onnx/onnx-model.js';
import { MAX_READ_ELEMENTS } from '../onnx/tensor-value.js';
import { readVarint } from '../onnx/protobuf-varint.js';

/** Whether a model reference names an ONNX file (by its `.onnx` extension). */
export function isOnnxReference(reference: string): boolean {
  return /\.onnx$/i.test(reference);
}

/**
 * `raw_data` payloads above this size are not read: they hold more than
 * `MAX_READ_ELEMENTS` elements of any type, which the importer never reads.
 */
export const SKIPPED_RAW_DATA_BYTES = MAX_READ_ELEMENTS * 8;

// Field numbers in onnx.proto: ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.raw_data = 9.
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;

/**
 * The description of the ONNX model at `path` (the reference as the user gave it), read sparsely
 * (no weight data: counting needs none), or whole when `weights` is true (an export keeps the
 * file's weights). A missing or unreadable file, or bytes that are not an ONNX model, are a
 * UserError naming the file.
 */
export function readOnnxModel(path: string, options: OnnxImportOptions = {}, weights = false): ModelDescription {
  if (weights)
    return onnxModelDescription(
      readBinaryFile(path),
      { kind: 'onnx', reference: path, path },
      { ...options, complete: true },
    );
  let bytes: Uint8Array;
  try {
    bytes = readSparse(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'read'), { location: { file: path } });
  }
  return onnxModelDescription(bytes, { kind: 'onnx', reference: path, path }, { ...options, complete: false });
}

/** The file's bytes with large initializer payloads left as zeros (see the file comment). O(structure). */
export function readSparse(path: string): Uint8Array {
  const { fd, size } = openRegularFile(path, MAX_BINARY_BYTES);
  try {
    const bytes = new Uint8Array(size);
    const fill = (start: number, end: number) => {
      let at = start;
      while (at < end) {
        const read = readSync(fd, bytes, at, end - at, at);
        if (read <= 0) break;
        at += read;
      }
    };
    scan(bytes, fill, 0, size, 'model');
    return bytes;
  } finally {
    closeSync(fd);
  }
}

type Level = 'model' | 'graph' | 'tensor';

/**
 * Walks the fields of the message in [start, end): reads each field's bytes into `bytes`, except
 * that it descends into the graph and its initializers and skips large raw_data payloads. On
 * anything unexpected it reads the rest of the range and stops, leaving errors to the decoder.
 */
function scan(
  bytes: Uint8Array,
  fill: (start: number, end: number) => void,
  start: number,
  end: number,
  level: Level,
): void {
  let at = start;
  while (at < end) {
    fill(at, Math.min(end, at + 20));
    const tag = readVarint(bytes, at, end);
    if (tag === undefined) return fill(at, end);
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    at = tag.next;
    if (wire === 0) {
      const value = readVarint(bytes, at, end);
      if (value === undefined) return fill(at, end);
      at = value.next;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      fill(at, Math.min(end, at + size));
      at += size;
    } else if (wire === 2) {
      const length = readVarint(bytes, at, end);
      if (length === undefined || length.next + length.value > end) return fill(at, end);
      const payload = length.next;
      const payloadEnd = payload + length.value;
      if (level === 'model' && field === MODEL_GRAPH) scan(bytes, fill, payload, payloadEnd, 'graph');
      else if (level === 'graph' && field === GRAPH_INITIALIZER) scan(bytes, fill, payload, payloadEnd, 'tensor');
      else if (!(level === 'tensor' && field === TENSOR_RAW_DATA && length.value > SKIPPED_RAW_DATA_BYTES))
        fill(payload, payloadEnd);
      at = payloadEnd;
    } else {
      return fill(at, end);
    }
  }
}
