/**
 * Bytes → {@link OnnxModel}: protobuf decoding of a ModelProto (only the fields the importer
 * needs; weight bytes stay views into `bytes`), then the checks that tell an ONNX model from
 * other bytes: a graph with nodes, an IR version, an opset for the default domain no newer than
 * {@link MAX_SUPPORTED_OPSET}. Every problem is a one-line {@link UserError} naming the file.
 */
import { UserError } from '../errors.js';
import { int64ToNumber, type Int64Like } from './int64.js';
import type {
  OnnxAttribute,
  OnnxDim,
  OnnxGraph,
  OnnxModel,
  OnnxNode,
  OnnxTensor,
  OnnxValueInfo,
} from './onnx-graph.js';
import { ONNX_ATTRIBUTE_TYPES, ONNX_MODEL_PROTO } from './onnx-schema.js';

/** Newest opset of the default domain (`ai.onnx`) whose operator semantics the importer knows. */
export const MAX_SUPPORTED_OPSET = 22;
/** Oldest opset accepted (the Reshape/Split/Pad forms before 5 are not implemented). */
export const MIN_SUPPORTED_OPSET = 7;

// The decoded protobufjs messages, typed by the fields declared in onnx-schema.ts.
interface RawTensor {
  dims: Int64Like[];
  dataType: number;
  name: string;
  rawData: Uint8Array;
  floatData: number[];
  int32Data: number[];
  int64Data: Int64Like[];
  doubleData: number[];
  externalData: { key: string; value: string }[];
  dataLocation: number;
}
interface RawValueInfo {
  name: string;
  type?: { tensorType?: { elemType: number; shape?: { dim: { dimValue?: Int64Like; dimParam?: string }[] } } };
}
interface RawAttribute {
  name: string;
  type: number;
  f: number;
  i: Int64Like;
  s: Uint8Array;
  t?: RawTensor;
  floats: number[];
  ints: Int64Like[];
  strings: Uint8Array[];
  refAttrName: string;
}
interface RawNode {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  attribute: RawAttribute[];
  domain: string;
}
interface RawGraph {
  node: RawNode[];
  name: string;
  initializer: RawTensor[];
  input: RawValueInfo[];
  output: RawValueInfo[];
  valueInfo: RawValueInfo[];
}
interface RawModel {
  irVersion: Int64Like;
  producerName: string;
  producerVersion: string;
  graph?: RawGraph;
  opsetImport: { domain: string; version: Int64Like }[];
}

const utf8 = new TextDecoder('utf-8');

/**
 * Decodes an ONNX model. `file` names the file in error messages. O(file size) for the scan,
 * O(graph structure) for what is kept.
 */
export function decodeOnnx(bytes: Uint8Array, file: string): OnnxModel {
  const location = { file };
  if (bytes.length === 0)
    throw new UserError('not an ONNX model: the file is empty', { location, expected: 'an ONNX ModelProto' });
  let raw: RawModel;
  try {
    raw = ONNX_MODEL_PROTO.decode(bytes) as unknown as RawModel;
  } catch (error) {
    throw new UserError(
      `not an ONNX model: protobuf decoding failed (${(error as Error).message}); the file is not an ONNX model or is truncated`,
      {
        location,
        expected: 'an ONNX ModelProto',
      },
    );
  }
  const irVersion = int64ToNumber(raw.irVersion);
  const rawGraph = raw.graph;
  if (rawGraph === undefined || rawGraph === null || irVersion <= 0) {
    throw new UserError('not an ONNX model: no graph or no IR version', {
      location,
      expected: 'an ONNX ModelProto with ir_version and graph',
    });
  }
  const opsets = new Map<string, number>();
  for (const opset of raw.opsetImport) opsets.set(normalDomain(opset.domain), int64ToNumber(opset.version));
  // IR version 3+ requires an opset import; older files imply opset 1, which is too old anyway.
  const defaultOpset = opsets.get('') ?? 1;
  if (defaultOpset > MAX_SUPPORTED_OPSET || defaultOpset < MIN_SUPPORTED_OPSET) {
    throw new UserError(`opset ${defaultOpset} of the default ONNX domain is not supported`, {
      location,
      expected: `opset ${MIN_SUPPORTED_OPSET} to ${MAX_SUPPORTED_OPSET} (re-export with a supported opset_version)`,
    });
  }
  return {
    irVersion,
    opsets,
    producer: [raw.producerName, raw.producerVersion].filter((s) => s).join(' '),
    graph: decodeGraph(rawGraph, file),
  };
}

/** `ai.onnx` and '' are the same domain. */
function normalDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

function decodeGraph(raw: RawGraph, file: string): OnnxGraph {
  const initializers = new Map<string, OnnxTensor>();
  for (const tensor of raw.initializer) initializers.set(tensor.name, decodeTensor(tensor));
  if (raw.node.length === 0) {
    throw new UserError('not an ONNX model: the graph has no nodes', {
      location: { file },
      expected: 'a graph with at least one node',
    });
  }
  const nodes = raw.node.map((node, index) => decodeNode(node, index));
  return {
    name: raw.name,
    nodes,
    initializers,
    inputs: raw.input.map(decodeValueInfo),
    outputs: raw.output.map(decodeValueInfo),
    valueInfo: new Map(raw.valueInfo.map((info) => [info.name, decodeValueInfo(info)])),
  };
}

function decodeNode(raw: RawNode, index: number): OnnxNode {
  const attributes = new Map<string, OnnxAttribute>();
  for (const attribute of raw.attribute) attributes.set(attribute.name, decodeAttribute(attribute));
  return {
    name: raw.name !== '' ? raw.name : `${raw.opType}_${index}`,
    opType: raw.opType,
    domain: normalDomain(raw.domain),
    inputs: raw.input,
    outputs: raw.output,
    attributes,
    index,
  };
}

/** An attribute by its `type` field; files from old exporters may omit it, then by the field set. */
function decodeAttribute(raw: RawAttribute): OnnxAttribute {
  const T = ONNX_ATTRIBUTE_TYPES;
  let type = raw.type;
  if (type === 0 || type === undefined) {
    if (raw.ints.length > 0) type = T.INTS;
    else if (raw.floats.length > 0) type = T.FLOATS;
    else if (raw.strings.length > 0) type = T.STRINGS;
    else if (raw.t) type = T.TENSOR;
    else if (raw.s.length > 0) type = T.STRING;
    else if (int64ToNumber(raw.i) !== 0) type = T.INT;
    else type = T.FLOAT;
  }
  switch (type) {
    case T.FLOAT:
      return { type: 'float', value: raw.f };
    case T.INT:
      return { type: 'int', value: int64ToNumber(raw.i) };
    case T.STRING:
      return { type: 'string', value: utf8.decode(raw.s) };
    case T.TENSOR:
      return raw.t ? { type: 'tensor', value: decodeTensor(raw.t) } : { type: 'other' };
    case T.FLOATS:
      return { type: 'floats', value: raw.floats };
    case T.INTS:
      return { type: 'ints', value: raw.ints.map(int64ToNumber) };
    case T.STRINGS:
      return { type: 'strings', value: raw.strings.map((s) => utf8.decode(s)) };
    default:
      return { type: 'other' };
  }
}

function decodeTensor(raw: RawTensor): OnnxTensor {
  const external = raw.dataLocation === 1;
  let values: readonly number[] | undefined;
  if (raw.int64Data.length > 0) values = raw.int64Data.map(int64ToNumber);
  else if (raw.int32Data.length > 0) values = raw.int32Data;
  else if (raw.floatData.length > 0) values = raw.floatData;
  else if (raw.doubleData.length > 0) values = raw.doubleData;
  return {
    name: raw.name,
    dims: raw.dims.map(int64ToNumber),
    dataType: raw.dataType,
    ...(raw.rawData.length > 0 ? { raw: raw.rawData } : {}),
    ...(values !== undefined ? { values } : {}),
    external,
  };
}

function decodeValueInfo(raw: RawValueInfo): OnnxValueInfo {
  const tensor = raw.type?.tensorType;
  const shape = tensor?.shape;
  const dims: OnnxDim[] | undefined = shape
    ? shape.dim.map((dim) => {
        if (dim.dimParam !== undefined && dim.dimParam !== null && dim.dimParam !== '') return { param: dim.dimParam };
        if (dim.dimValue !== undefined && dim.dimValue !== null) return int64ToNumber(dim.dimValue);
        return undefined;
      })
    : undefined;
  return { name: raw.name, elemType: tensor?.elemType ?? 0, ...(dims ? { dims } : {}) };
}
