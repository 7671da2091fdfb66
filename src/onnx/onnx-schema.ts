/**
 * The part of the ONNX protobuf schema (onnx/onnx.proto, IR version 3–11) that butterflops
 * reads, declared with protobufjs reflection. Field numbers are the schema's. Fields not declared
 * here (docs, float_data, sparse tensors, training info, functions' bodies…) are skipped by the
 * decoder without being copied; `raw_data` decodes as a view into the file's bytes.
 *
 * The same types encode models, which the tests use to build small graphs.
 */
import type protobuf from 'protobufjs/light.js';
import { loadPackage } from '../expr/lazy-package.js';

/** protobufjs (~40 modules) is loaded the first time a model is decoded or encoded. */
function buildRoot(): protobuf.Root {
  const lib = loadPackage<typeof protobuf>('protobufjs/light.js');
  const { Type, Field, Root, OneOf } = lib;

  const message = (name: string, fields: readonly FieldSpec[]): protobuf.Type => {
    const type = new Type(name);
    for (const [fieldName, id, fieldType, rule] of fields) type.add(new Field(fieldName, id, fieldType, rule));
    return type;
  };

  const dimension = message('Dimension', [
    ['dimValue', 1, 'int64'],
    ['dimParam', 2, 'string'],
  ]);
  dimension.add(new OneOf('value', ['dimValue', 'dimParam']));

  const root = new Root();
  root.add(
    new lib.Namespace('onnx')
      .add(
        message('StringStringEntryProto', [
          ['key', 1, 'string'],
          ['value', 2, 'string'],
        ]),
      )
      .add(
        message('OperatorSetIdProto', [
          ['domain', 1, 'string'],
          ['version', 2, 'int64'],
        ]),
      )
      .add(
        message('TensorProto', [
          ['dims', 1, 'int64', 'repeated'],
          ['dataType', 2, 'int32'],
          ['floatData', 4, 'float', 'repeated'],
          ['int32Data', 5, 'int32', 'repeated'],
          ['int64Data', 7, 'int64', 'repeated'],
          ['name', 8, 'string'],
          ['rawData', 9, 'bytes'],
          ['doubleData', 10, 'double', 'repeated'],
          ['externalData', 13, 'StringStringEntryProto', 'repeated'],
          ['dataLocation', 14, 'int32'],
        ]),
      )
      .add(message('TensorShapeProto', [['dim', 1, 'TensorShapeProto.Dimension', 'repeated']]).add(dimension))
      .add(
        message('TypeProto', [['tensorType', 1, 'TypeProto.Tensor']]).add(
          message('Tensor', [
            ['elemType', 1, 'int32'],
            ['shape', 2, 'TensorShapeProto'],
          ]),
        ),
      )
      .add(
        message('ValueInfoProto', [
          ['name', 1, 'string'],
          ['type', 2, 'TypeProto'],
        ]),
      )
      .add(
        message('AttributeProto', [
          ['name', 1, 'string'],
          ['f', 2, 'float'],
          ['i', 3, 'int64'],
          ['s', 4, 'bytes'],
          ['t', 5, 'TensorProto'],
          ['g', 6, 'GraphProto'],
          ['floats', 7, 'float', 'repeated'],
          ['ints', 8, 'int64', 'repeated'],
          ['strings', 9, 'bytes', 'repeated'],
          ['type', 20, 'int32'],
          ['refAttrName', 21, 'string'],
        ]),
      )
      .add(
        message('NodeProto', [
          ['input', 1, 'string', 'repeated'],
          ['output', 2, 'string', 'repeated'],
          ['name', 3, 'string'],
          ['opType', 4, 'string'],
          ['attribute', 5, 'AttributeProto', 'repeated'],
          ['domain', 7, 'string'],
        ]),
      )
      .add(
        message('GraphProto', [
          ['node', 1, 'NodeProto', 'repeated'],
          ['name', 2, 'string'],
          ['initializer', 5, 'TensorProto', 'repeated'],
          ['input', 11, 'ValueInfoProto', 'repeated'],
          ['output', 12, 'ValueInfoProto', 'repeated'],
          ['valueInfo', 13, 'ValueInfoProto', 'repeated'],
        ]),
      )
      .add(
        message('ModelProto', [
          ['irVersion', 1, 'int64'],
          ['producerName', 2, 'string'],
          ['producerVersion', 3, 'string'],
          ['graph', 7, 'GraphProto'],
          ['opsetImport', 8, 'OperatorSetIdProto', 'repeated'],
        ]),
      ),
  );
  root.resolveAll();
  return root;
}

type FieldSpec = readonly [name: string, id: number, type: string, rule?: 'repeated'];

let modelProto: protobuf.Type | undefined;

/**
 * The ModelProto type (decode a file with `ONNX_MODEL_PROTO.decode(bytes)`, encode with
 * `.encode`). A stand-in that builds the schema on first use; methods are bound to the type.
 */
export const ONNX_MODEL_PROTO: protobuf.Type = new Proxy({} as protobuf.Type, {
  get(_target, property) {
    modelProto ??= buildRoot().lookupType('onnx.ModelProto');
    const value = Reflect.get(modelProto, property) as unknown;
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(modelProto) : value;
  },
});

/** ONNX `TensorProto.DataType` codes used by the importer. */
export const ONNX_DATA_TYPES = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  BFLOAT16: 16,
} as const;

/** ONNX `AttributeProto.AttributeType` codes. */
export const ONNX_ATTRIBUTE_TYPES = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
} as const;
