/**
 * Reads an ONNX file into a {@link ModelDescription}, without reading weight data.
 *
 * The importer needs the graph and the initializers' shapes, never the weights, so the file is
 * read sparsely: the protobuf wire format is walked with positioned reads, and the payload of
 * every initializer's `raw_data` larger than {@link SKIPPED_RAW_DATA_BYTES} is left unread
 * (zero bytes in a lazily allocated buffer that the operating system does not back with memory
 * until touched). Everything else is read, and the buffer is then decoded as a whole by
 * protobufjs (`onnx/decode-onnx.ts`). Weights in external-data files are never opened, so a
 * missing external file is fine. An export reads the file the same way and copies the weights
 * it keeps from the file when it writes (`write-onnx-pieces.ts`).
 */
import { closeSync, fstatSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';
import { fileProblem } from './file-problems.js';
import { readBinaryFile } from './read-binary-file.js';
import { MAX_BINARY_BYTES, openRegularFile } from './read-regular-file.js';
import type { ByteRange, ModelDescription, SourceBytes } from '../model/model-source.js';
import { storesAllWeights } from '../export/rewrite-onnx.js';
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
 * How an ONNX file's weights are read: `false`, not at all (counting needs none); `true`, the
 * whole file into memory (the weights go into a graph run in memory, `latency`); `'copied'`, not
 * read but copied from the file when the export is written (`export`: the file is read as for
 * counting, see {@link readSparseSource}; a file that does not store all its weights is read whole,
 * as its layer-record export draws on the weights it does store).
 */
export type OnnxWeights = boolean | 'copied';

/**
 * The description of the ONNX model at `path` (the reference as the user gave it), its weights
 * read as `weights` says ({@link OnnxWeights}; by default not at all). A missing or unreadable
 * file, or bytes that are not an ONNX model, are a UserError naming the file.
 */
export function readOnnxModel(
  path: string,
  options: OnnxImportOptions = {},
  weights: OnnxWeights = false,
): ModelDescription {
  const provenance = { kind: 'onnx', reference: path, path } as const;
  if (weights === true) return onnxModelDescription(readBinaryFile(path), provenance, { ...options, complete: true });
  let source: SourceBytes;
  try {
    source = readSparseSource(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'read'), { location: { file: path } });
  }
  if (weights !== 'copied') return onnxModelDescription(source.bytes, provenance, { ...options, complete: false });
  if (source.unread.length === 0) return onnxModelDescription(source.bytes, provenance, { ...options, complete: true });
  const model = onnxModelDescription(source.bytes, provenance, { ...options, complete: false, source });
  // Asked once the bytes are known to be a model; they hold every payload's length, which is all it takes.
  return storesAllWeights(source.bytes) ? model : readOnnxModel(path, options, true);
}

/** The file's bytes with large initializer payloads left as zeros (see the file comment). O(structure). */
export function readSparse(path: string): Uint8Array {
  return readSparseSource(path).bytes;
}

/**
 * The file's bytes with large initializer payloads left as zeros (see the file comment), the
 * stretches left so, and the file's stamp (device, inode, size, modification and change times in
 * nanoseconds) for the writer that copies them later (`write-onnx-pieces.ts`). O(structure).
 */
export function readSparseSource(path: string): SourceBytes & { readonly stamp: string } {
  const { fd, size } = openRegularFile(path, MAX_BINARY_BYTES);
  try {
    const stamp = fileStamp(fd);
    const bytes = new Uint8Array(size);
    const unread: ByteRange[] = [];
    const fill = (start: number, end: number) => {
      let at = start;
      while (at < end) {
        const read = readSync(fd, bytes, at, end - at, at);
        if (read <= 0) break;
        at += read;
      }
    };
    scan(bytes, fill, (range) => unread.push(range), 0, size, 'model');
    return { bytes, unread, stamp };
  } finally {
    closeSync(fd);
  }
}

/** What the open file `fd` is now: device, inode, size, modification and change times (ns). */
export function fileStamp(fd: number): string {
  const stat = fstatSync(fd, { bigint: true });
  return [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].join(':');
}

type Level = 'model' | 'graph' | 'tensor';

/**
 * Walks the fields of the message in [start, end): reads each field's bytes into `bytes`, except
 * that it descends into the graph and its initializers and skips large raw_data payloads (each
 * given to `skip`). On anything unexpected it reads the rest of the range and stops, leaving
 * errors to the decoder.
 */
function scan(
  bytes: Uint8Array,
  fill: (start: number, end: number) => void,
  skip: (range: ByteRange) => void,
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
      if (level === 'model' && field === MODEL_GRAPH) scan(bytes, fill, skip, payload, payloadEnd, 'graph');
      else if (level === 'graph' && field === GRAPH_INITIALIZER) scan(bytes, fill, skip, payload, payloadEnd, 'tensor');
      else if (level === 'tensor' && field === TENSOR_RAW_DATA && length.value > SKIPPED_RAW_DATA_BYTES)
        skip({ offset: payload, length: length.value });
      else fill(payload, payloadEnd);
      at = payloadEnd;
    } else {
      return fill(at, end);
    }
  }
}
