/**
 * Decoded ONNX graph → {@link Network}: the importer's walk.
 *
 * Steps: (1) order the nodes (checks dangling inputs and cycles); (2) give every graph input its
 * dims (the image: an activation, tensor 0; weights passed as graph inputs: constants of known
 * shape) and every initializer its shape; (3) run each node's operator rule in order, which
 * infers its outputs and emits layers; an operator without a rule is recorded as not counted;
 * (4) infer the roles of the emitted layers from the graph (`infer-roles.ts`).
 */
import { UserError } from '../errors.js';
import type { NetworkLayer, Network, NotCountedOp } from '../model/network.js';
import { executionOrder } from './graph-order.js';
import { inferRoles, type EmittedLayer } from './infer-roles.js';
import type { OnnxAttribute, OnnxModel, OnnxNode } from './onnx-graph.js';
import type { Emission, OpContext, OpRule } from './op-rule.js';
import { ONNX_OP_RULES } from './ops/index.js';
import { resolveGraphInputs } from './resolve-inputs.js';
import {
  constantData,
  elementCount,
  isActivation,
  isTrainableTensor,
  sampleShape,
  type TensorValue,
  type TrainableTensor,
} from './tensor-value.js';
import type { Layer } from '../model/layer.js';

/** What a build needs besides the model. */
export interface OnnxBuildOptions {
  /** File name for messages. */
  readonly file: string;
  /** Model id of the network. */
  readonly model: string;
  /** Dims of graph inputs by name (full dims, batch first), overriding the declared ones. */
  readonly inputs?: Readonly<Record<string, readonly number[]>>;
  /** Height and width of the image input (overrides its declared H and W). */
  readonly resolution?: number;
  /** Height and width of the image input where they are named dims and no override gives them. */
  readonly defaultResolution?: number;
  /** Operator rules (default {@link ONNX_OP_RULES}). */
  readonly rules?: Readonly<Record<string, OpRule>>;
  /** Parameter values to record on the network. */
  readonly parameters?: Readonly<Record<string, number | string | boolean>>;
  /** Whether layers keep their stored weights (`NetworkLayer.weights`): only when the bytes hold them all. */
  readonly keepWeights?: boolean;
}

/** Builds the network of a decoded model (see the file comment). O(nodes + edges). */
export function buildOnnxNetwork(model: OnnxModel, options: OnnxBuildOptions): Network {
  const { file } = options;
  const rules = options.rules ?? ONNX_OP_RULES;
  const graph = model.graph;
  // (1)
  const order = executionOrder(graph, file);
  // (2)
  const values = new Map<string, TensorValue>();
  const trainable = (name: string, dims: readonly number[], elemType: number): Pick<TensorValue, 'trainable'> =>
    isTrainableTensor(dims, elemType) ? { trainable: [{ name, elements: elementCount(dims) }] } : {};
  for (const [name, tensor] of graph.initializers) {
    values.set(name, {
      dims: tensor.dims,
      elemType: tensor.dataType,
      initializer: tensor,
      ...trainable(name, tensor.dims, tensor.dataType),
    });
  }
  const inputs = resolveGraphInputs(graph, {
    file,
    ...(options.inputs ? { overrides: options.inputs } : {}),
    ...(options.resolution !== undefined ? { resolution: options.resolution } : {}),
    ...(options.defaultResolution !== undefined ? { defaultResolution: options.defaultResolution } : {}),
  });
  let nextTensor = 0;
  for (const input of inputs) {
    values.set(
      input.name,
      input.activation
        ? { dims: input.dims, elemType: input.elemType, tensor: nextTensor++ }
        : { dims: input.dims, elemType: input.elemType, ...trainable(input.name, input.dims, input.elemType) },
    );
  }
  const image = inputs.find((input) => input.activation);
  if (image === undefined)
    throw new UserError('the graph has no input computed per image', {
      location: { file },
      expected: 'a graph input without an initializer',
    });
  // (3)
  const emitted: EmittedLayer[] = [];
  const usedNames = new Set<string>();
  const notCounted = new Map<string, string[]>();
  // Trainable tensors already counted, by name: each once, whichever operators read it.
  const counted = new Set<string>();
  const defaultOpset = model.opsets.get('') ?? 1;
  const samples = image.dims[0] ?? 1;
  for (const node of order) {
    const nodeInputs = node.inputs.map((name) => (name === '' ? undefined : values.get(name)));
    nodeInputs.forEach((value, i) => {
      const name = node.inputs[i] ?? '';
      if (value === undefined && name !== '') {
        throw new UserError(
          `node "${node.name}" (${node.opType}): the shape of input "${name}" could not be inferred`,
          { location: { file }, expected: 'inputs produced by counted operators' },
        );
      }
    });
    const rule = node.domain === '' && Object.hasOwn(rules, node.opType) ? rules[node.opType] : undefined;
    let outputs: readonly (TensorValue | undefined)[];
    if (rule === undefined) {
      const op = node.domain === '' ? node.opType : `${node.domain}.${node.opType}`;
      notCounted.set(op, [...(notCounted.get(op) ?? []), node.name]);
      outputs = uncountedOutputs(node, nodeInputs, graph.valueInfo, file);
    } else {
      const context = makeContext(
        node,
        nodeInputs,
        model.opsets.get(node.domain) ?? defaultOpset,
        samples,
        file,
        (emission) => {
          const reads = emission.reads.filter(isActivation);
          if (reads.length === 0) return { dims: emission.dims, elemType: emission.elemType ?? 0 };
          const writes = nextTensor++;
          const tensorParams = claimTrainable(nodeInputs, emission.layer, counted);
          const parameterNames = trainableSources(nodeInputs).map((t) => t.name);
          const layer: NetworkLayer = {
            name: uniqueName(usedNames, layerName(node)),
            role: emission.role ?? 'other',
            layer: emission.layer,
            inputs: emission.inputShapes ?? reads.map((r) => sampleShape(r.dims, samples)),
            output: emission.outputShape ?? sampleShape(emission.dims, samples),
            reads: reads.map((r) => r.tensor ?? 0),
            writes,
            source: `/graph/node/${node.index}`,
            ...(options.keepWeights === true && emission.weights !== undefined ? { weights: emission.weights } : {}),
            ...(tensorParams > 0 ? { tensorParams } : {}),
            ...(parameterNames.length > 0 ? { parameterNames } : {}),
          };
          emitted.push({ layer, fixedRole: emission.role !== undefined });
          return { dims: emission.dims, elemType: emission.elemType ?? reads[0]?.elemType ?? 0, tensor: writes };
        },
      );
      outputs = rule.infer(context);
    }
    const sources = trainableSources(nodeInputs);
    node.outputs.forEach((name, i) => {
      const value = outputs[i];
      if (name === '' || value === undefined) return;
      // A constant computed from trainable tensors (an Expand of the class token, a Gather of a
      // bias table) carries them to the layer that reads it.
      values.set(name, !isActivation(value) && sources.length > 0 ? { ...value, trainable: sources } : value);
    });
  }
  // (4)
  const layers = inferRoles(emitted);
  const uncounted: NotCountedOp[] = [...notCounted]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, nodes]) => ({ op, count: nodes.length, nodes }));
  return {
    model: options.model,
    parameters: options.parameters ?? {},
    free: [],
    input: sampleShape(image.dims, samples),
    layers,
    notCounted: uncounted,
  };
}

/** The trainable tensors among a node's constant inputs (each once). */
function trainableSources(inputs: readonly (TensorValue | undefined)[]): TrainableTensor[] {
  const found = new Map<string, TrainableTensor>();
  for (const value of inputs) {
    if (value === undefined || isActivation(value)) continue;
    for (const t of value.trainable ?? []) found.set(t.name, t);
  }
  return [...found.values()];
}

/**
 * The params rule of imported models (docs/conventions.md): every trainable tensor is counted
 * once. A layer whose kind counts weights of its own (conv, linear, batch norm, an element-wise
 * layer with params such as LayerNorm's γ and β) has counted its constant inputs — or chosen not
 * to, like batch norm's running statistics; any other layer (the Add of a bias after a MatMul,
 * the Mul of a layer scale, the Add of a positional embedding, the Concat of a class token)
 * carries the trainable tensors it reads that nothing has counted yet. Marks them counted and
 * returns their elements.
 */
function claimTrainable(inputs: readonly (TensorValue | undefined)[], layer: Layer, counted: Set<string>): number {
  const ownWeights =
    layer.kind === 'conv2d' ||
    layer.kind === 'linear' ||
    layer.kind === 'batchnorm' ||
    layer.kind === 'conv-transpose' ||
    layer.kind === 'butterfly' ||
    (layer.kind === 'elementwise' && layer.params > 0);
  let elements = 0;
  for (const t of trainableSources(inputs)) {
    if (counted.has(t.name)) continue;
    counted.add(t.name);
    if (!ownWeights) elements += t.elements;
  }
  return elements;
}

/** A layer's name: the node's name without the leading slash of PyTorch's module paths. */
function layerName(node: OnnxNode): string {
  return node.name.replace(/^\/+/, '');
}

function uniqueName(used: Set<string>, base: string): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}

/**
 * Outputs of an operator without a rule: the shapes the exporter declared (value_info), or,
 * for a single-output operator on one activation, the activation's own dims (a shape-preserving
 * guess that keeps the walk going; the operator is listed as not counted either way).
 */
function uncountedOutputs(
  node: OnnxNode,
  inputs: readonly (TensorValue | undefined)[],
  declared: OnnxModel['graph']['valueInfo'],
  file: string,
): (TensorValue | undefined)[] {
  const activation = inputs.find((v): v is TensorValue => v !== undefined && isActivation(v));
  return node.outputs.map((name) => {
    const info = declared.get(name);
    if (info?.dims !== undefined && info.dims.every((d): d is number => typeof d === 'number')) {
      return activation
        ? { dims: info.dims, elemType: info.elemType, tensor: activation.tensor ?? 0 }
        : { dims: info.dims, elemType: info.elemType };
    }
    if (activation !== undefined && node.outputs.length === 1)
      return { dims: activation.dims, elemType: activation.elemType, tensor: activation.tensor ?? 0 };
    throw new UserError(
      `node "${node.name}" (${node.opType}): operator not supported and the shape of its output "${name}" cannot be inferred`,
      {
        location: { file },
        expected: 'a supported operator, or a declared output shape (value_info)',
      },
    );
  });
}

function makeContext(
  node: OnnxNode,
  inputs: readonly (TensorValue | undefined)[],
  opset: number,
  samples: number,
  file: string,
  emit: (emission: Emission) => TensorValue,
): OpContext {
  const fail = (problem: string, expected?: string): never => {
    throw new UserError(`node "${node.name}" (${node.opType}): ${problem}`, {
      location: { file },
      ...(expected !== undefined ? { expected } : {}),
    });
  };
  const attribute = (name: string): OnnxAttribute | undefined => node.attributes.get(name);
  const context: OpContext = {
    node,
    opset,
    samples,
    inputs,
    input(index, what) {
      return inputs[index] ?? fail(`input ${index} (${what}) is missing`, `${what} as input ${index}`);
    },
    activation(index, what, rank) {
      const value = context.input(index, what);
      if (!isActivation(value)) fail(`input ${index} (${what}) is a constant`, `${what} computed from the image`);
      if (rank !== undefined && value.dims.length !== rank)
        fail(`input ${index} (${what}) has rank ${value.dims.length}`, `rank ${rank}`);
      return value;
    },
    constant(index, what) {
      const value = context.input(index, what);
      const data = isActivation(value) ? undefined : constantData(value);
      return (
        data ??
        fail(
          `input ${index} (${what}) is not a constant known at import time`,
          `${what} as an initializer, a Constant or folded shape arithmetic`,
        )
      );
    },
    int(name, fallback) {
      const a = attribute(name);
      if (a === undefined) return fallback ?? fail(`attribute ${name} is missing`, `an integer ${name}`);
      if (a.type !== 'int') return fail(`attribute ${name} is a ${a.type}`, 'an integer');
      return a.value;
    },
    ints(name, fallback) {
      const a = attribute(name);
      if (a === undefined) return fallback ?? fail(`attribute ${name} is missing`, `a list of integers ${name}`);
      if (a.type === 'ints') return a.value;
      if (a.type === 'floats' && a.value.every(Number.isInteger)) return a.value;
      if (a.type === 'int') return [a.value];
      return fail(`attribute ${name} is a ${a.type}`, 'a list of integers');
    },
    float(name, fallback) {
      const a = attribute(name);
      if (a === undefined) return fallback ?? fail(`attribute ${name} is missing`, `a number ${name}`);
      if (a.type !== 'float' && a.type !== 'int') return fail(`attribute ${name} is a ${a.type}`, 'a number');
      return a.value;
    },
    string(name, fallback) {
      const a = attribute(name);
      if (a === undefined) return fallback ?? fail(`attribute ${name} is missing`, `a string ${name}`);
      if (a.type !== 'string') return fail(`attribute ${name} is a ${a.type}`, 'a string');
      return a.value;
    },
    has: (name) => node.attributes.has(name),
    fail,
    emit,
  };
  return context;
}
