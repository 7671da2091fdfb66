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
import { isKnownOnnxDataType, rawByteLength, typedValuesPerElement } from './onnx-data-types.js';
import { ONNX_ATTRIBUTE_TYPES, ONNX_MODEL_PROTO } from './onnx-schema.js';

/** Newest opset of the default domain (`ai.onnx`) whose operator semantics the importer knows. */
export const MAX_SUPPORTED_OPSET = 22;
/** Oldest opset accepted; older files are refused by name (the importer has no rules for the Reshape/Split/Pad forms before opset 5). */
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
  g?: RawGraph;
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
    graph: decodeGraph(rawGraph, file, false),
  };
}

/** `ai.onnx` and '' are the same domain. */
function normalDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

/** Throws the one-line error of a file that claims something impossible. */
type Refuse = (problem: string, expected: string) => never;

/** A graph; a subgraph (an If branch, a Loop body) may have no nodes. */
function decodeGraph(raw: RawGraph, file: string, subgraph: boolean): OnnxGraph {
  const refuse: Refuse = (problem, expected) => {
    throw new UserError(problem, { location: { file }, expected });
  };
  const initializers = new Map<string, OnnxTensor>();
  for (const tensor of raw.initializer) {
    const what = `initializer "${tensor.name}"`;
    if (tensor.name === '') refuse('an initializer has no name', 'every initializer named');
    if (initializers.has(tensor.name)) refuse(`${what} appears twice`, 'each initializer once');
    initializers.set(tensor.name, decodeTensor(tensor, what, refuse));
  }
  if (raw.node.length === 0 && !subgraph) {
    throw new UserError('not an ONNX model: the graph has no nodes', {
      location: { file },
      expected: 'a graph with at least one node',
    });
  }
  const nodes = raw.node.map((node, index) => decodeNode(node, index, refuse, file));
  const inputs = raw.input.map((info) => {
    const input = decodeValueInfo(info, `graph input "${info.name}"`, refuse);
    if (!initializers.has(input.name)) checkActivationInput(input, refuse);
    return input;
  });
  const outputs = raw.output.map((info) => decodeValueInfo(info, `graph output "${info.name}"`, refuse));
  checkValueNames(nodes, inputs, outputs, initializers, refuse);
  return {
    name: raw.name,
    nodes,
    initializers,
    inputs,
    outputs,
    valueInfo: new Map(raw.valueInfo.map((info) => [info.name, decodeValueInfo(info, `value "${info.name}"`, refuse)])),
  };
}

/**
 * A graph input computed per image: a known element type, a name, and every declared dim
 * positive (a 0 would count nothing: no size is guessed in its place).
 */
function checkActivationInput(input: OnnxValueInfo, refuse: Refuse): void {
  const what = `graph input "${input.name}"`;
  if (input.name === '') refuse('a graph input has no name', 'every graph input named');
  if (input.elemType === 0) refuse(`${what} has no element type`, 'a tensor type such as float');
  input.dims?.forEach((dim, axis) => {
    if (dim === 0) refuse(`dim ${axis} of ${what} is declared 0`, 'a positive size, or a named dim');
  });
}

/**
 * The names that tie the graph together: a value is produced once (by one node, or as a graph
 * input or initializer), and every graph output is produced. O(values).
 */
function checkValueNames(
  nodes: readonly OnnxNode[],
  inputs: readonly OnnxValueInfo[],
  outputs: readonly OnnxValueInfo[],
  initializers: ReadonlyMap<string, OnnxTensor>,
  refuse: Refuse,
): void {
  const producer = new Map<string, string>();
  for (const input of inputs) {
    if (producer.has(input.name) && !initializers.has(input.name))
      refuse(`graph input "${input.name}" is declared twice`, 'each graph input once');
    producer.set(input.name, 'a graph input');
  }
  for (const name of initializers.keys()) if (!producer.has(name)) producer.set(name, 'an initializer');
  for (const node of nodes) {
    for (const output of node.outputs) {
      if (output === '') continue;
      const earlier = producer.get(output);
      if (earlier !== undefined)
        refuse(
          `node "${node.name}" (${node.opType}): output "${output}" is already produced by ${earlier}`,
          'each value produced once',
        );
      producer.set(output, `node "${node.name}"`);
    }
  }
  for (const output of outputs) {
    if (!producer.has(output.name))
      refuse(`graph output "${output.name}" is not produced by any node`, 'every graph output computed by the graph');
  }
}

function decodeNode(raw: RawNode, index: number, refuse: Refuse, file: string): OnnxNode {
  const name = raw.name !== '' ? raw.name : `${raw.opType}_${index}`;
  if (raw.opType === '') refuse(`node ${index} ("${name}") has no op_type`, 'an operator name such as Conv');
  const attributes = new Map<string, OnnxAttribute>();
  for (const attribute of raw.attribute) {
    const what = `node "${name}" (${raw.opType}): attribute "${attribute.name}"`;
    if (attribute.name === '')
      refuse(`node "${name}" (${raw.opType}) has an attribute without a name`, 'named attributes');
    if (attributes.has(attribute.name)) refuse(`${what} appears twice`, 'each attribute once');
    attributes.set(attribute.name, decodeAttribute(attribute, what, refuse, file));
  }
  return {
    name,
    opType: raw.opType,
    domain: normalDomain(raw.domain),
    inputs: raw.input,
    outputs: raw.output,
    attributes,
    index,
  };
}

/** The value fields an attribute sets, by the attribute type each belongs to. */
function attributeFieldsSet(raw: RawAttribute): number[] {
  const T = ONNX_ATTRIBUTE_TYPES;
  const set: number[] = [];
  if (Object.hasOwn(raw, 'f')) set.push(T.FLOAT);
  if (Object.hasOwn(raw, 'i')) set.push(T.INT);
  if (Object.hasOwn(raw, 's')) set.push(T.STRING);
  if (Object.hasOwn(raw, 't') && raw.t) set.push(T.TENSOR);
  if (Object.hasOwn(raw, 'g') && raw.g) set.push(T.GRAPH);
  if (raw.floats.length > 0) set.push(T.FLOATS);
  if (raw.ints.length > 0) set.push(T.INTS);
  if (raw.strings.length > 0) set.push(T.STRINGS);
  return set;
}

const ATTRIBUTE_TYPE_NAMES = new Map<number, string>(
  Object.entries(ONNX_ATTRIBUTE_TYPES).map(([name, code]) => [code, name.toLowerCase()]),
);

/**
 * An attribute by its `type` field (files from old exporters may omit it: then by the one field
 * set). Its value must be in the field of its type and in no other, as onnx's checker requires;
 * list types may be empty.
 */
function decodeAttribute(raw: RawAttribute, what: string, refuse: Refuse, file: string): OnnxAttribute {
  const T = ONNX_ATTRIBUTE_TYPES;
  const set = attributeFieldsSet(raw);
  const names = set.map((code) => ATTRIBUTE_TYPE_NAMES.get(code) ?? String(code));
  if (set.length > 1) refuse(`${what} sets values of several types (${names.join(', ')})`, 'one value');
  let type = raw.type;
  if (type === 0 || type === undefined) type = set[0] ?? T.FLOAT;
  else if (raw.refAttrName === '' && set.length === 1 && set[0] !== type) {
    const declared = ATTRIBUTE_TYPE_NAMES.get(type) ?? `type ${type}`;
    refuse(`${what} is declared ${declared} but holds a ${names[0] ?? '?'}`, `a ${declared} value`);
  }
  switch (type) {
    case T.FLOAT:
      return { type: 'float', value: raw.f };
    case T.INT:
      return { type: 'int', value: int64ToNumber(raw.i) };
    case T.STRING:
      return { type: 'string', value: utf8.decode(raw.s) };
    case T.TENSOR:
      return raw.t ? { type: 'tensor', value: decodeTensor(raw.t, `${what}'s tensor`, refuse) } : { type: 'other' };
    case T.FLOATS:
      return { type: 'floats', value: raw.floats };
    case T.INTS:
      return { type: 'ints', value: raw.ints.map(int64ToNumber) };
    case T.STRINGS:
      return { type: 'strings', value: raw.strings.map((s) => utf8.decode(s)) };
    case T.GRAPH:
      return raw.g ? { type: 'graph', value: decodeGraph(raw.g, file, true) } : { type: 'other' };
    default:
      if (type < 0 || type > MAX_ATTRIBUTE_TYPE) refuse(`${what} has unknown type ${type}`, 'an ONNX attribute type');
      return { type: 'other' };
  }
}

/** Newest `AttributeProto.AttributeType` code (14 = TYPE_PROTOS). */
const MAX_ATTRIBUTE_TYPE = 14;

/**
 * A dim as a number: a non-negative integer no larger than 2^53 − 1 (beyond that, a file's int64
 * cannot be counted exactly with numbers, and no real tensor is that large).
 */
function checkedDim(value: Int64Like | null | undefined, what: string, refuse: Refuse): number {
  const dim = value === null || value === undefined ? 0 : typeof value === 'number' ? value : value.toNumber();
  if (dim < 0) refuse(`${what} is ${dim}`, 'a size of 0 or more');
  // A Long prints its exact decimal digits; its toNumber() may have rounded.
  if (dim > Number.MAX_SAFE_INTEGER)
    refuse(`${what} is ${String(value)}, too large`, `at most ${Number.MAX_SAFE_INTEGER}`);
  return dim;
}

/**
 * An initializer or tensor attribute, checked: a known element type, dims within safe integers,
 * and data that holds exactly the declared elements (in `raw_data` or one typed field). A tensor
 * with no data at all is a graph-only export's weight (its shape is all that is counted); data
 * in an external file is not opened.
 */
function decodeTensor(raw: RawTensor, what: string, refuse: Refuse): OnnxTensor {
  if (!isKnownOnnxDataType(raw.dataType))
    refuse(
      `${what} has ${raw.dataType === 0 ? 'an undefined' : `unknown`} data type ${raw.dataType}`,
      'an ONNX element type such as 1 (float)',
    );
  const dims = raw.dims.map((dim, axis) => checkedDim(dim, `dim ${axis} of ${what}`, refuse));
  const elements = dims.reduce((product, dim) => product * dim, 1);
  if (elements > Number.MAX_SAFE_INTEGER)
    refuse(`${what} has ${elements} elements, too many`, `at most ${Number.MAX_SAFE_INTEGER}`);
  const external = raw.dataLocation === 1;
  let values: readonly number[] | undefined;
  const typed = [raw.int64Data, raw.int32Data, raw.floatData, raw.doubleData].filter((field) => field.length > 0);
  if (typed.length + (raw.rawData.length > 0 ? 1 : 0) > 1)
    refuse(`${what} holds data in more than one field`, 'one data field');
  if (raw.int64Data.length > 0) values = raw.int64Data.map(int64ToNumber);
  else if (raw.int32Data.length > 0) values = raw.int32Data;
  else if (raw.floatData.length > 0) values = raw.floatData;
  else if (raw.doubleData.length > 0) values = raw.doubleData;
  if (!external) {
    if (raw.rawData.length > 0) {
      const bytes = rawByteLength(raw.dataType, elements);
      if (bytes === undefined) refuse(`${what} holds strings in raw_data`, 'strings in string_data');
      else if (raw.rawData.length !== bytes)
        refuse(
          `${what} holds ${raw.rawData.length} bytes of data for ${elements} elements`,
          `${bytes} bytes (dims × element size)`,
        );
    } else if (values !== undefined) {
      const expected = Math.ceil(elements * typedValuesPerElement(raw.dataType));
      if (values.length !== expected)
        refuse(`${what} holds ${values.length} values for ${elements} elements`, `${expected} values`);
    }
  }
  return {
    name: raw.name,
    dims,
    dataType: raw.dataType,
    ...(raw.rawData.length > 0 ? { raw: raw.rawData } : {}),
    ...(values !== undefined ? { values } : {}),
    external,
  };
}

function decodeValueInfo(raw: RawValueInfo, what: string, refuse: Refuse): OnnxValueInfo {
  const tensor = raw.type?.tensorType;
  const elemType = tensor?.elemType ?? 0;
  if (elemType !== 0 && !isKnownOnnxDataType(elemType))
    refuse(`${what} has unknown element type ${elemType}`, 'an ONNX element type such as 1 (float)');
  const shape = tensor?.shape;
  const dims: OnnxDim[] | undefined = shape
    ? shape.dim.map((dim, axis) => {
        if (dim.dimParam !== undefined && dim.dimParam !== null && dim.dimParam !== '') return { param: dim.dimParam };
        if (dim.dimValue !== undefined && dim.dimValue !== null)
          return checkedDim(dim.dimValue, `dim ${axis} of ${what}`, refuse);
        return undefined;
      })
    : undefined;
  return { name: raw.name, elemType, ...(dims ? { dims } : {}) };
}
