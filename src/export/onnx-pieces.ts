/**
 * An exported ONNX file in pieces: bytes in memory, and stretches of the source file still to be
 * copied (the weights of a file read sparsely, `io/onnx-file.ts`), so that an export of a large
 * file never holds the weights it keeps: `io/write-onnx-pieces.ts` writes the pieces in order,
 * copying each stretch in chunks.
 *
 * `rewrite-onnx.ts` encodes the rewritten model with a placeholder for each large `raw_data`
 * (the source's, and the weights it draws), then {@link spliceRawData} puts each payload back
 * as a piece of its own, so no weight is copied into the encoding. The result is, byte for byte,
 * the encoding of the model with its payloads: protobuf encodes a message as its fields one
 * after another, a length-delimited field as tag, varint length, payload (protobufjs writes each
 * length as the shortest varint), so a payload changes only its own length varint and the
 * lengths of the tensor and the graph around it. Pure.
 */
import type { ByteRange } from '../model/model-source.js';
import { encodeVarint, readVarint } from '../onnx/protobuf-varint.js';
import type { ExportedModel } from './export-network.js';

/** A piece of an exported file: bytes, or a stretch of the source file to copy. */
export type OnnxPiece = Uint8Array | ByteRange;

/** An exported model whose file is given in pieces (see the file comment). */
export interface PiecedModel extends Omit<ExportedModel, 'bytes'> {
  /** The file, in order. */
  readonly pieces: readonly OnnxPiece[];
  /** The file's length in bytes (the pieces' lengths summed). */
  readonly byteLength: number;
}

/** The number of bytes the pieces make. O(pieces). */
export function piecesLength(pieces: readonly OnnxPiece[]): number {
  return pieces.reduce((total, piece) => total + piece.length, 0);
}

/**
 * The pieces as one array of bytes (the only piece itself when there is one); a stretch of the
 * source among them is an Error: such an export is written with `io/write-onnx-pieces.ts`, never
 * held in memory. O(bytes).
 */
export function joinPieces(pieces: readonly OnnxPiece[]): Uint8Array {
  const held = pieces.map((piece) => {
    if (piece instanceof Uint8Array) return piece;
    throw new Error(
      `the export copies ${piece.length} bytes at ${piece.offset} from its source file: write it with writeOnnxPieces`,
    );
  });
  if (held.length === 1 && held[0] !== undefined) return held[0];
  const joined = new Uint8Array(piecesLength(held));
  let at = 0;
  for (const piece of held) {
    joined.set(piece, at);
    at += piece.length;
  }
  return joined;
}

/**
 * What a `raw_data` to be filled holds while the model is encoded: one byte (an empty one would
 * not be written at all, protobuf's default), replaced with the whole field.
 */
export const RAW_DATA_PLACEHOLDER: Uint8Array = new Uint8Array(1);

// Field numbers in onnx.proto: ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.raw_data = 9.
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
const LENGTH_DELIMITED = 2;

/** One field of a message: its number, wire type, where its length varint (wire type 2) and payload start, and its end. */
interface WireField {
  readonly field: number;
  readonly wire: number;
  readonly lengthAt: number;
  readonly payload: number;
  readonly end: number;
}

/** The fields of the message in [start, end) of `bytes`, in order. Throws on bytes that are not protobuf. */
function wireFields(bytes: Uint8Array, start: number, end: number): WireField[] {
  const fields: WireField[] = [];
  let at = start;
  while (at < end) {
    const tag = readVarint(bytes, at, end);
    if (tag === undefined) throw new Error(`no protobuf tag at byte ${at}`);
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    const lengthAt = tag.next;
    let payload = lengthAt;
    let next: number;
    if (wire === 0) next = readVarint(bytes, lengthAt, end)?.next ?? Infinity;
    else if (wire === 1) next = lengthAt + 8;
    else if (wire === 5) next = lengthAt + 4;
    else if (wire === LENGTH_DELIMITED) {
      const length = readVarint(bytes, lengthAt, end);
      payload = length?.next ?? Infinity;
      next = payload + (length?.value ?? 0);
    } else throw new Error(`protobuf wire type ${wire} at byte ${at}`);
    if (next > end) throw new Error(`protobuf field ${field} at byte ${at} runs past its message`);
    fields.push({ field, wire, lengthAt, payload, end: next });
    at = next;
  }
  return fields;
}

/** The length-delimited fields numbered `field` of a message. */
function delimited(fields: readonly WireField[], field: number): WireField[] {
  return fields.filter((f) => f.field === field && f.wire === LENGTH_DELIMITED);
}

/**
 * The ModelProto `encoded` with the placeholder `raw_data` ({@link RAW_DATA_PLACEHOLDER}) of
 * each graph initializer that `payloads` names (by position in the graph's initializer list)
 * replaced by its payload — bytes, or a stretch of the source file: the pieces of the model as
 * if encoded with those payloads (see the file comment). The pieces are views of `encoded`, the
 * new length varints and the payloads themselves: nothing is copied. No payload: `[encoded]`.
 * Throws an Error when `encoded` is not such a model (a bug of the caller). O(size of `encoded`).
 */
export function spliceRawData(encoded: Uint8Array, payloads: ReadonlyMap<number, OnnxPiece>): OnnxPiece[] {
  if (payloads.size === 0) return [encoded];
  const [graph, ...more] = delimited(wireFields(encoded, 0, encoded.length), MODEL_GRAPH);
  if (graph === undefined || more.length > 0) throw new Error('the encoded model has no single graph');
  const initializers = delimited(wireFields(encoded, graph.payload, graph.end), GRAPH_INITIALIZER);

  // Each tensor filled: its raw_data field, its payload, and its new length (bytes after its length varint).
  const tensors = [...payloads].map(([index, payload]) => {
    const tensor = initializers[index];
    if (tensor === undefined) throw new Error(`the encoded graph has no initializer ${index}`);
    const [raw, ...again] = delimited(wireFields(encoded, tensor.payload, tensor.end), TENSOR_RAW_DATA);
    if (raw === undefined || again.length > 0 || raw.end - raw.payload !== RAW_DATA_PLACEHOLDER.length)
      throw new Error(`initializer ${index} has no single placeholder raw_data to fill`);
    const length =
      tensor.end - tensor.payload - (raw.end - raw.lengthAt) + encodeVarint(payload.length).length + payload.length;
    return { tensor, raw, payload, length };
  });
  tensors.sort((a, b) => a.tensor.lengthAt - b.tensor.lengthAt);
  // The graph grows by what each tensor field grows: its length varint and its bytes after it.
  const graphLength = tensors.reduce(
    (length, { tensor, length: grown }) => length + encodeVarint(grown).length + grown - (tensor.end - tensor.lengthAt),
    graph.end - graph.payload,
  );

  // The encoding with its lengths replaced and the payloads put in.
  const pieces: OnnxPiece[] = [];
  let copied = 0;
  const keep = (upTo: number, skipTo: number, ...inserted: OnnxPiece[]) => {
    if (upTo > copied) pieces.push(encoded.subarray(copied, upTo));
    pieces.push(...inserted);
    copied = skipTo;
  };
  keep(graph.lengthAt, graph.payload, encodeVarint(graphLength));
  for (const { tensor, raw, payload, length } of tensors) {
    keep(tensor.lengthAt, tensor.payload, encodeVarint(length));
    keep(raw.lengthAt, raw.end, encodeVarint(payload.length), payload);
  }
  keep(encoded.length, encoded.length);
  return pieces;
}
