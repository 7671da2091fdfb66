/**
 * Builds small ONNX models in tests with the importer's own protobuf schema (encoding is the
 * schema's job; the decoding under test reads the same field numbers from the ONNX spec).
 */
import { analyze } from '../../src/cost/analyze.js';
import { PAPER_CONVENTION, type CountingConvention } from '../../src/model/convention.js';
import type { CostReport } from '../../src/model/cost.js';
import type { Network } from '../../src/model/network.js';
import { onnxModelDescription, type OnnxImportOptions } from '../../src/onnx/onnx-model.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';

export type Attr =
  | { readonly int: number }
  | { readonly ints: readonly number[] }
  | { readonly float: number }
  | { readonly floats: readonly number[] }
  | { readonly str: string }
  | { readonly tensor: TensorSpec }
  | { readonly graph: SubgraphSpec };

/** A subgraph (If branch, Loop body): its inputs, outputs (names) and nodes. */
export interface SubgraphSpec {
  readonly inputs?: readonly (readonly [string, readonly number[]])[];
  readonly outputs: readonly string[];
  readonly nodes: readonly NodeSpec[];
  readonly initializers?: readonly (TensorSpec & { readonly name: string })[];
}

/**
 * A Loop body for tests: carried h (1×4×6×6) → Relu(Conv 1×1 4→4 of h, weight `w` from the outer
 * graph), the condition passed through; scan output: h itself. 576 MACs per iteration.
 */
export const CONV_LOOP_BODY: SubgraphSpec = {
  inputs: [
    ['i', []],
    ['c', []],
    ['h', [1, 4, 6, 6]],
  ],
  outputs: ['c_out', 'h_out', 'scan'],
  nodes: [
    node('Identity', ['c'], ['c_out']),
    node('Conv', ['h', 'w'], ['a'], {}, '/body/conv/Conv'),
    node('Relu', ['a'], ['h_out'], {}, '/body/Relu'),
    node('Identity', ['h_out'], ['scan']),
  ],
};

export interface TensorSpec {
  readonly name?: string;
  readonly dims: readonly number[];
  /** 1 float (default), 7 int64, 6 int32. */
  readonly dataType?: number;
  /** Values, stored as raw_data (default) or in the typed field (`typed: true`). */
  readonly values?: readonly number[];
  readonly typed?: boolean;
  readonly external?: boolean;
}

export interface NodeSpec {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly attrs?: Readonly<Record<string, Attr>>;
  readonly domain?: string;
}

export interface GraphSpec {
  readonly inputs: readonly (readonly [string, readonly (number | string)[]])[];
  readonly initializers?: readonly (TensorSpec & { readonly name: string })[];
  readonly nodes: readonly NodeSpec[];
  readonly outputs?: readonly string[];
  readonly valueInfo?: readonly (readonly [string, readonly number[]])[];
  readonly opset?: number;
  readonly irVersion?: number;
}

/** One node. */
export function node(
  op: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attrs: Readonly<Record<string, Attr>> = {},
  name?: string,
): NodeSpec {
  return { op, inputs, outputs, attrs, ...(name !== undefined ? { name } : {}) };
}

/** A float weight initializer of the given dims (no data: only shapes are read). */
export function weight(name: string, dims: readonly number[]): TensorSpec & { readonly name: string } {
  return { name, dims };
}

/** An int64 constant initializer with its values as raw_data. */
export function int64s(
  name: string,
  values: readonly number[],
  dims: readonly number[] = [values.length],
): TensorSpec & { readonly name: string } {
  return { name, dims, dataType: 7, values };
}

function rawBytes(spec: TensorSpec): Uint8Array {
  const values = spec.values ?? [];
  const type = spec.dataType ?? 1;
  const size = type === 7 ? 8 : 4;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    if (type === 7) view.setBigInt64(i * size, BigInt(v), true);
    else if (type === 6) view.setInt32(i * size, v, true);
    else view.setFloat32(i * size, v, true);
  });
  return bytes;
}

function tensorMessage(spec: TensorSpec): Record<string, unknown> {
  const type = spec.dataType ?? 1;
  const message: Record<string, unknown> = { dims: spec.dims, dataType: type };
  if (spec.name !== undefined) message['name'] = spec.name;
  if (spec.external) {
    message['dataLocation'] = 1;
    message['externalData'] = [{ key: 'location', value: 'weights.bin' }];
  } else if (spec.values !== undefined) {
    if (!spec.typed) message['rawData'] = rawBytes(spec);
    else if (type === 7) message['int64Data'] = spec.values;
    else if (type === 6) message['int32Data'] = spec.values;
    else message['floatData'] = spec.values;
  }
  return message;
}

function attributeMessage(name: string, attr: Attr): Record<string, unknown> {
  if ('int' in attr) return { name, type: 2, i: attr.int };
  if ('ints' in attr) return { name, type: 7, ints: attr.ints };
  if ('float' in attr) return { name, type: 1, f: attr.float };
  if ('floats' in attr) return { name, type: 6, floats: attr.floats };
  if ('str' in attr) return { name, type: 3, s: new TextEncoder().encode(attr.str) };
  if ('graph' in attr) return { name, type: 5, g: graphMessage(attr.graph, name) };
  return { name, type: 4, t: tensorMessage(attr.tensor) };
}

function valueInfo(name: string, dims: readonly (number | string)[]): Record<string, unknown> {
  return {
    name,
    type: {
      tensorType: {
        elemType: 1,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function graphMessage(spec: SubgraphSpec, name: string): Record<string, unknown> {
  return {
    name,
    node: spec.nodes.map((n, i) => ({
      input: n.inputs,
      output: n.outputs,
      name: n.name ?? `/${name}/${n.op.toLowerCase()}${i}/${n.op}`,
      opType: n.op,
      attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attributeMessage(k, v)),
      domain: n.domain ?? '',
    })),
    initializer: (spec.initializers ?? []).map(tensorMessage),
    input: (spec.inputs ?? []).map(([input, dims]) => valueInfo(input, dims)),
    output: spec.outputs.map((output) => ({ name: output })),
  };
}

/** Encodes a model (ModelProto bytes). */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const message = {
    irVersion: spec.irVersion ?? 8,
    producerName: 'butterflops-test',
    opsetImport: [{ domain: '', version: spec.opset ?? 13 }],
    graph: {
      name: 'test',
      node: spec.nodes.map((n, i) => ({
        input: n.inputs,
        output: n.outputs,
        name: n.name ?? `/${n.op.toLowerCase()}${i}/${n.op}`,
        opType: n.op,
        attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attributeMessage(k, v)),
        domain: n.domain ?? '',
      })),
      initializer: (spec.initializers ?? []).map(tensorMessage),
      input: spec.inputs.map(([name, dims]) => valueInfo(name, dims)),
      output: (spec.outputs ?? []).map((name) => ({ name })),
      valueInfo: (spec.valueInfo ?? []).map(([name, dims]) => valueInfo(name, dims)),
    },
  };
  return ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(message)).finish();
}

/** Encodes and imports a model, and builds its network. */
export function importGraph(spec: GraphSpec, options: OnnxImportOptions = {}, resolution?: number): Network {
  const description = onnxModelDescription(encodeModel(spec), { kind: 'onnx', reference: 'test.onnx' }, options);
  return description.build(resolution !== undefined ? { parameters: { resolution } } : {});
}

/** Encodes, imports and counts a model. */
export function countGraph(
  spec: GraphSpec,
  convention: CountingConvention = PAPER_CONVENTION,
  options: OnnxImportOptions = {},
): CostReport {
  return analyze(importGraph(spec, options), convention);
}

/** The output dims of the network layer named like the node (or the last layer). */
export function lastLayer(network: Network) {
  const layer = network.layers[network.layers.length - 1];
  if (layer === undefined) throw new Error('no layers');
  return layer;
}
