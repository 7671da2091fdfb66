/**
 * A small builder of ONNX graphs: nodes, float and int64 initializers, one image input and one
 * output, encoded with the importer's protobuf schema (`onnx/onnx-schema.ts`). Pure: returns bytes.
 */
import { ONNX_ATTRIBUTE_TYPES, ONNX_DATA_TYPES, ONNX_MODEL_PROTO } from '../onnx/onnx-schema.js';

/** The opset exported graphs declare (HardSwish needs 14; Split/ReduceSum take inputs from 13). */
export const EXPORT_OPSET = 17;

/** An attribute value: an integer, a list of integers, a float, or a string. */
export type AttributeValue = number | readonly number[] | string | { readonly float: number };

/** Builds one graph; every method returns the names it created. */
export interface OnnxGraphBuilder {
  /** Adds a node; returns its output names (`outputs` of them, named after the node). */
  node(
    op: string,
    name: string,
    inputs: readonly string[],
    attributes?: Readonly<Record<string, AttributeValue>>,
    outputs?: number,
  ): string[];
  /** Adds a Float32 initializer of the given dims; returns its name. */
  floats(name: string, dims: readonly number[], values: Float32Array): string;
  /** Adds an int64 initializer (1-D unless dims are given); returns its name. */
  int64s(name: string, values: readonly number[], dims?: readonly number[]): string;
  /** Encodes the graph with `input` (dims) and `output` (dims) as its only image input and output. */
  encode(
    input: { readonly name: string; readonly dims: readonly number[] },
    output: { readonly name: string; readonly dims: readonly number[] },
  ): Uint8Array;
  /**
   * Hands over the nodes and initializers added since the last call (as plain ModelProto
   * objects, for splicing into another graph) and forgets them.
   */
  take(): { readonly nodes: Record<string, unknown>[]; readonly initializers: Record<string, unknown>[] };
}

/**
 * A new, empty graph named `name`; no name it creates equals one of `reserved` (the names of a
 * graph its parts will be spliced into). O(1); encode is O(total size).
 */
export function onnxGraphBuilder(name: string, reserved: Iterable<string> = []): OnnxGraphBuilder {
  let nodes: Record<string, unknown>[] = [];
  let initializers: Record<string, unknown>[] = [];
  const names = new Set<string>(reserved);
  const unique = (wanted: string): string => {
    let candidate = wanted;
    for (let i = 2; names.has(candidate); i++) candidate = `${wanted}_${i}`;
    names.add(candidate);
    return candidate;
  };
  return {
    node(op, nodeName, inputs, attributes = {}, outputs = 1) {
      const unique_ = unique(nodeName);
      const outputNames = Array.from({ length: outputs }, (_, i) =>
        unique(outputs === 1 ? `${unique_}:0` : `${unique_}:${i}`),
      );
      nodes.push({
        input: inputs,
        output: outputNames,
        name: unique_,
        opType: op,
        attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
        domain: '',
      });
      return outputNames;
    },
    floats(tensorName, dims, values) {
      const unique_ = unique(tensorName);
      const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
      initializers.push({ name: unique_, dims, dataType: ONNX_DATA_TYPES.FLOAT, rawData: littleEndian(bytes, 4) });
      return unique_;
    },
    int64s(tensorName, values, dims = [values.length]) {
      const unique_ = unique(tensorName);
      const bytes = new Uint8Array(values.length * 8);
      const view = new DataView(bytes.buffer);
      values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
      initializers.push({ name: unique_, dims, dataType: ONNX_DATA_TYPES.INT64, rawData: bytes });
      return unique_;
    },
    encode(input, output) {
      const message = {
        irVersion: 8,
        producerName: 'butterflops',
        opsetImport: [{ domain: '', version: EXPORT_OPSET }],
        graph: {
          name,
          node: nodes,
          initializer: initializers,
          input: [valueInfo(input.name, input.dims)],
          output: [valueInfo(output.name, output.dims)],
        },
      };
      return ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(message)).finish();
    },
    take() {
      const parts = { nodes, initializers };
      nodes = [];
      initializers = [];
      return parts;
    },
  };
}

function attribute(name: string, value: AttributeValue): Record<string, unknown> {
  if (typeof value === 'number') return { name, type: ONNX_ATTRIBUTE_TYPES.INT, i: value };
  if (typeof value === 'string') return { name, type: ONNX_ATTRIBUTE_TYPES.STRING, s: new TextEncoder().encode(value) };
  if ('float' in value) return { name, type: ONNX_ATTRIBUTE_TYPES.FLOAT, f: value.float };
  return { name, type: ONNX_ATTRIBUTE_TYPES.INTS, ints: value };
}

function valueInfo(name: string, dims: readonly number[]): Record<string, unknown> {
  return {
    name,
    type: { tensorType: { elemType: ONNX_DATA_TYPES.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  };
}

/** ONNX raw data is little-endian; copy (swapping on a big-endian host) so the bytes are owned. */
function littleEndian(bytes: Uint8Array, size: number): Uint8Array {
  const copy = bytes.slice();
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return copy;
  for (let i = 0; i < copy.length; i += size) copy.subarray(i, i + size).reverse();
  return copy;
}
