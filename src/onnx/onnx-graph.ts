/**
 * The decoded ONNX model as plain records: what the importer reads from a ModelProto, with
 * 64-bit integers as numbers and weight bytes left where they are (views, never copies).
 */

/** A dimension of a declared shape: a number, a named (symbolic) dimension, or unknown. */
export type OnnxDim = number | { readonly param: string } | undefined;

/** An initializer or a tensor-valued attribute: its shape and where its data is. */
export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  /** `TensorProto.DataType` code (1 = float, 7 = int64, …). */
  readonly dataType: number;
  /** `raw_data` as a view into the file's bytes (absent when the data is elsewhere). */
  readonly raw?: Uint8Array;
  /** Typed-field data, when the exporter used `int64_data`, `int32_data`, `float_data` or `double_data`. */
  readonly values?: readonly number[];
  /** The data lives in an external file (only the shape is known here). */
  readonly external: boolean;
}

/** A node attribute, by its declared type. */
export type OnnxAttribute =
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'tensor'; readonly value: OnnxTensor }
  | { readonly type: 'floats'; readonly value: readonly number[] }
  | { readonly type: 'ints'; readonly value: readonly number[] }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  /** A subgraph: the branches of If, the body of Loop and Scan. */
  | { readonly type: 'graph'; readonly value: OnnxGraph }
  | { readonly type: 'other' };

/** One node of the graph. */
export interface OnnxNode {
  /** The node's name, or `<op_type>_<index>` when the exporter left it empty. */
  readonly name: string;
  readonly opType: string;
  /** Operator domain ('' = the default ONNX domain `ai.onnx`). */
  readonly domain: string;
  /** Input value names ('' = an omitted optional input). */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, OnnxAttribute>;
  /** Position in the file's node list. */
  readonly index: number;
}

/** A declared graph input, output or intermediate value with its element type and shape. */
export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: number;
  /** Undefined when no shape is declared (rank unknown). */
  readonly dims?: readonly OnnxDim[];
}

/** The main graph. */
export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: ReadonlyMap<string, OnnxTensor>;
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  /** Shapes the exporter declared for intermediate values (used only for operators without a rule). */
  readonly valueInfo: ReadonlyMap<string, OnnxValueInfo>;
}

/** A decoded model. */
export interface OnnxModel {
  readonly irVersion: number;
  /** Opset version per domain ('' = ai.onnx). */
  readonly opsets: ReadonlyMap<string, number>;
  readonly producer: string;
  readonly graph: OnnxGraph;
}
