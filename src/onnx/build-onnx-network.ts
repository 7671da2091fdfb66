/**
 * Decoded ONNX graph → {@link Network}: the importer's walk.
 *
 * Steps: (1) order the nodes (checks dangling inputs and cycles); (2) give every graph input its
 * dims (the image: an activation, tensor 0; weights passed as graph inputs: constants of known
 * shape) and every initializer its shape; (3) run each node's operator rule in order, which
 * infers its outputs and emits layers (If branches and Loop bodies are walked by their rules);
 * an operator without a rule takes the output shapes the file declares and is recorded as not
 * counted, or is refused by name; (4) count the params of tensors several layers read
 * (`shared-tensors.ts`); (5) infer the roles of the emitted layers from the graph
 * (`infer-roles.ts`).
 *
 * A value whose size depends on the data (`TensorValue.dataDependent`, set by the rules of
 * NonMaxSuppression, NonZero, Loop) passes that record to every value computed from it, and
 * every layer emitted from such values carries it: the layer is counted at the bound.
 */
import { UserError } from '../errors.js';
import type { BoundableNode, DataDependentBound, NetworkLayer, Network, NotCountedOp } from '../model/network.js';
import { executionOrder } from './graph-order.js';
import { inferRoles, type EmittedLayer } from './infer-roles.js';
import type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, OnnxTensor } from './onnx-graph.js';
import type { Emission, OpContext, OpRule } from './op-rule.js';
import { ONNX_OP_RULES } from './ops/index.js';
import { resolveGraphInputs } from './resolve-inputs.js';
import { moduleScope, sharedTensorParams, type ClaimedTensor, type LayerClaim } from './shared-tensors.js';
import {
  constantData,
  elementCount,
  isActivation,
  isTrainableTensor,
  sampleShape,
  type TensorValue,
  type TrainableTensor,
  uniformValues,
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
  /**
   * Bounds for data-dependent sizes the graph does not bound itself, by node name
   * (`--bound name=N`): a Loop's trip count, NonZero's count, …
   */
  readonly bounds?: Readonly<Record<string, number>>;
}

/** Builds the network of a decoded model (see the file comment). O(nodes + edges). */
export function buildOnnxNetwork(model: OnnxModel, options: OnnxBuildOptions): Network {
  const { file } = options;
  const graph = model.graph;
  // (2)
  const root: Scope = { local: new Map() };
  for (const [name, tensor] of graph.initializers) root.local.set(name, initializerValue(name, tensor));
  const inputs = resolveGraphInputs(graph, {
    file,
    ...(options.inputs ? { overrides: options.inputs } : {}),
    ...(options.resolution !== undefined ? { resolution: options.resolution } : {}),
    ...(options.defaultResolution !== undefined ? { defaultResolution: options.defaultResolution } : {}),
  });
  const walk: Walk = {
    model,
    options,
    rules: options.rules ?? ONNX_OP_RULES,
    emitted: [],
    claims: [],
    usedNames: new Set(),
    notCounted: new Map(),
    usedBounds: new Set(),
    boundable: new Map(),
    nextTensor: 0,
    samples: 1,
    batches: new Map(),
  };
  for (const input of inputs) {
    root.local.set(
      input.name,
      input.activation
        ? { dims: input.dims, elemType: input.elemType, tensor: walk.nextTensor++ }
        : { dims: input.dims, elemType: input.elemType, ...trainable(input.name, input.dims, input.elemType) },
    );
  }
  const image = inputs.find((input) => input.activation);
  if (image === undefined)
    throw new UserError('the graph has no input computed per image', {
      location: { file },
      expected: 'a graph input without an initializer',
    });
  walk.samples = image.unbatched ? 1 : (image.dims[0] ?? 1);
  // (3)
  walkGraph(walk, graph, root, '');
  for (const name of Object.keys(options.bounds ?? {})) {
    if (!walk.usedBounds.has(name))
      throw new UserError(`a bound is given for "${name}", which is not a node whose output size depends on the data`, {
        location: { file, field: 'bound' },
        expected: 'the name of a NonMaxSuppression, NonZero or Loop node without a bound of its own',
      });
  }
  // (4)
  const { params, shared } = sharedTensorParams(walk.claims);
  const withParams: EmittedLayer[] = walk.emitted.map((e, i) => {
    const p = params[i];
    if (p === undefined) return e;
    const { tensorParams: _t, sharedParams: _s, ...rest } = e.layer;
    return {
      ...e,
      layer: {
        ...rest,
        ...(p.tensorParams > 0 ? { tensorParams: p.tensorParams } : {}),
        ...(p.sharedParams > 0 ? { sharedParams: p.sharedParams } : {}),
      },
    };
  });
  // (5)
  const layers = inferRoles(withParams);
  const uncounted: NotCountedOp[] = [...walk.notCounted]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, nodes]) => ({ op, count: nodes.length, nodes }));
  const folded = bnFolded(graph, walk);
  return {
    model: options.model,
    parameters: options.parameters ?? {},
    free: [],
    input: sampleShape(image.dims, walk.samples),
    layers,
    notCounted: uncounted,
    ...(shared.length > 0 ? { sharedTensors: shared } : {}),
    ...(walk.boundable.size > 0 ? { boundable: [...walk.boundable.values()] } : {}),
    ...(folded ? { paramsNote: 'bn-folded' as const } : {}),
  };
}

/** The state of one build, shared by the walks of the main graph and its subgraphs. */
interface Walk {
  readonly model: OnnxModel;
  readonly options: OnnxBuildOptions;
  readonly rules: Readonly<Record<string, OpRule>>;
  readonly emitted: EmittedLayer[];
  /** Per emitted layer, the trainable tensors it reads (same index). */
  readonly claims: LayerClaim[];
  readonly usedNames: Set<string>;
  readonly notCounted: Map<string, string[]>;
  /** Node names whose `--bound` was used. */
  readonly usedBounds: Set<string>;
  /** The nodes a bound can be given for, by name (`Network.boundable`). */
  readonly boundable: Map<string, BoundableNode>;
  nextTensor: number;
  samples: number;
  /** Images per sample of the tensors layers wrote on a stacked batch axis (absent: 1), see {@link batchMultiplicity}. */
  readonly batches: Map<number, number>;
}

/**
 * Images per sample a layer runs on (`NetworkLayer.batch`): for an operator whose first axis is
 * the batch (`Emission.batchAxis`), its output's first dim over the samples; for any other layer
 * without shapes of its own, the count of the tensors it reads when they all have it and keep
 * their first dim (an InstanceNorm, a Relu, an Add after RAFT's batch-2 encoder convs); else 1.
 * A batch axis that does not hold a whole number of images per sample is refused.
 */
function batchMultiplicity(
  walk: Walk,
  emission: Emission,
  reads: readonly TensorValue[],
  fail: (problem: string, expected: string) => never,
): number {
  const first = emission.dims[0];
  if (emission.dims.length < 2 || first === undefined) return 1;
  if (emission.batchAxis === true) {
    if (first % walk.samples !== 0)
      fail(
        `its batch axis holds ${first} images for an input of ${walk.samples} samples`,
        'a whole number of images per sample',
      );
    return first / walk.samples;
  }
  if (emission.dims.length < 3 || emission.inputShapes !== undefined || emission.outputShape !== undefined) return 1;
  // Each read: the images per sample it holds (m > 1 on a stacked batch axis), 1 when it is
  // broadcast over them (a first dim of 1 or of the samples, or fewer axes), 0 when neither.
  const counts = reads.map((r) => {
    const m = walk.batches.get(r.tensor ?? 0) ?? 1;
    if (r.dims.length >= 3 && r.dims[0] === m * walk.samples) return m;
    return r.dims.length < emission.dims.length || r.dims[0] === 1 || r.dims[0] === walk.samples ? 1 : 0;
  });
  const m = Math.max(...counts);
  return m > 1 && counts.every((c) => c === m || c === 1) && first === m * walk.samples ? m : 1;
}

/**
 * The images per run a tensor a layer reads holds on its first axis: the layer's own `images`
 * when its first dim is that many, else the images recorded for the tensor when its first dim
 * still holds them (a view of part of a stacked tensor does not), else the samples (a feature
 * map RoiAlign crops boxes from, an operand broadcast over a stacked batch).
 */
function readImages(walk: Walk, read: TensorValue, images: number): number {
  if (read.dims[0] === images) return images;
  const recorded = walk.samples * (walk.batches.get(read.tensor ?? 0) ?? 1);
  return read.dims.length >= 3 && read.dims[0] === recorded ? recorded : walk.samples;
}

/** Throws the UserError of a node's problem: file, node name and op type. */
function failNode(node: OnnxNode, file: string, problem: string, expected: string): never {
  throw new UserError(`node "${node.name}" (${node.opType}): ${problem}`, { location: { file }, expected });
}

/** Values by name; a subgraph's scope sees its enclosing graphs' values. */
interface Scope {
  readonly local: Map<string, TensorValue>;
  readonly parent?: Scope;
}

function lookup(scope: Scope | undefined, name: string): TensorValue | undefined {
  for (let s = scope; s !== undefined; s = s.parent) {
    const value = s.local.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function trainable(name: string, dims: readonly number[], elemType: number): Pick<TensorValue, 'trainable'> {
  return isTrainableTensor(dims, elemType) ? { trainable: [{ name, elements: elementCount(dims) }] } : {};
}

function initializerValue(name: string, tensor: OnnxTensor): TensorValue {
  const uniform = isTrainableTensor(tensor.dims, tensor.dataType) ? uniformValues(tensor) : undefined;
  return {
    dims: tensor.dims,
    elemType: tensor.dataType,
    initializer: tensor,
    ...(isTrainableTensor(tensor.dims, tensor.dataType)
      ? { trainable: [{ name, elements: elementCount(tensor.dims), ...(uniform !== undefined ? { uniform } : {}) }] }
      : {}),
  };
}

/**
 * Runs every node of `graph` in execution order: each node's rule infers its outputs and emits
 * layers; an operator without a rule takes the output shapes the file declares (value_info, graph
 * outputs) and is listed as not counted, or is refused by name when the file declares none.
 */
function walkGraph(walk: Walk, graph: OnnxGraph, scope: Scope, prefix: string): void {
  const { file } = walk.options;
  const order = executionOrder(graph, file, (name) => lookup(scope.parent, name) !== undefined);
  const defaultOpset = walk.model.opsets.get('') ?? 1;
  for (const node of order) {
    const nodeInputs = node.inputs.map((name) => (name === '' ? undefined : lookup(scope, name)));
    nodeInputs.forEach((value, i) => {
      const name = node.inputs[i] ?? '';
      if (value === undefined && name !== '') {
        throw new UserError(
          `node "${node.name}" (${node.opType}): the shape of input "${name}" could not be inferred`,
          { location: { file }, expected: 'inputs produced by counted operators' },
        );
      }
    });
    const rule = node.domain === '' && Object.hasOwn(walk.rules, node.opType) ? walk.rules[node.opType] : undefined;
    const dependent = tightestBound(nodeInputs);
    let outputs: readonly (TensorValue | undefined)[];
    if (rule === undefined) {
      const op = node.domain === '' ? node.opType : `${node.domain}.${node.opType}`;
      outputs = uncountedOutputs(node, nodeInputs, graph, file);
      walk.notCounted.set(op, [...(walk.notCounted.get(op) ?? []), `${prefix}${node.name}`]);
    } else {
      const context = makeContext(
        node,
        nodeInputs,
        walk.model.opsets.get(node.domain) ?? defaultOpset,
        walk.samples,
        file,
        (emission) => {
          const reads = emission.reads.filter(isActivation);
          if (reads.length === 0) return { dims: emission.dims, elemType: emission.elemType ?? 0 };
          const writes = walk.nextTensor++;
          const sources = claimedTensors(nodeInputs, emission.layer);
          const parameterNames = trainableSources(nodeInputs).map((t) => t.name);
          const bound =
            emission.dataDependent ??
            (dependent !== undefined ? narrowedBound(dependent, nodeInputs, emission.dims, node) : undefined);
          const batch = batchMultiplicity(walk, emission, reads, (problem, expected) =>
            failNode(node, file, problem, expected),
          );
          if (batch > 1) walk.batches.set(writes, batch);
          const images = walk.samples * batch;
          const readImageCounts = reads.map((r) => readImages(walk, r, images));
          const inputBatch = readImageCounts.map((count) => count / walk.samples);
          const layer: NetworkLayer = {
            name: uniqueName(walk.usedNames, prefix + layerName(node)),
            role: emission.role ?? 'other',
            layer: emission.layer,
            inputs: emission.inputShapes ?? reads.map((r, i) => sampleShape(r.dims, readImageCounts[i] ?? images)),
            output: emission.outputShape ?? sampleShape(emission.dims, images),
            reads: reads.map((r) => r.tensor ?? 0),
            writes,
            source: `/graph/node/${node.index}`,
            ...(walk.options.keepWeights === true && emission.weights !== undefined
              ? { weights: emission.weights }
              : {}),
            ...(parameterNames.length > 0 ? { parameterNames } : {}),
            ...(bound !== undefined ? { dataDependent: bound } : {}),
            ...(batch > 1 ? { batch } : {}),
            ...(emission.inputShapes === undefined && inputBatch.some((b) => b !== batch) ? { inputBatch } : {}),
          };
          walk.emitted.push({ layer, fixedRole: emission.role !== undefined });
          walk.claims.push({ layer: layer.name, module: moduleScope(node.name), sources });
          return {
            dims: emission.dims,
            elemType: emission.elemType ?? reads[0]?.elemType ?? 0,
            tensor: writes,
            ...(emission.dataDependent !== undefined ? { dataDependent: emission.dataDependent } : {}),
          };
        },
        {
          runGraph: (subgraph, values, subPrefix = '') => {
            const inner: Scope = { local: new Map(), parent: scope };
            for (const [name, tensor] of subgraph.initializers) inner.local.set(name, initializerValue(name, tensor));
            subgraph.inputs.forEach((input, i) => {
              const value = values[i];
              if (value !== undefined) inner.local.set(input.name, value);
            });
            walkGraph(walk, subgraph, inner, prefix + subPrefix);
            return subgraph.outputs.map((output) => lookup(inner, output.name));
          },
          constantFeatureMap: (value) => ({ ...value, tensor: walk.nextTensor++ }),
          givenBound: (graphBound) => {
            if (!walk.boundable.has(node.name))
              walk.boundable.set(node.name, {
                node: node.name,
                op: node.opType,
                ...(graphBound !== undefined ? { graphBound } : {}),
              });
            const given = walk.options.bounds?.[node.name];
            if (given !== undefined) walk.usedBounds.add(node.name);
            return given;
          },
        },
      );
      outputs = rule.infer(context);
    }
    const sources = trainableSources(nodeInputs);
    node.outputs.forEach((name, i) => {
      const value = outputs[i];
      if (name === '' || value === undefined) return;
      // A constant computed from trainable tensors (an Expand of the class token, a Gather of a
      // bias table) carries them to the layer that reads it; anything computed from a value of
      // data-dependent size carries that record.
      let out = !isActivation(value) && sources.length > 0 ? { ...value, trainable: sources } : value;
      // An Identity of an initializer: the exporter's copy of a merged tensor (see `TrainableTensor.via`).
      if (node.opType === 'Identity' && node.domain === '' && nodeInputs[0]?.initializer !== undefined)
        out = { ...out, trainable: sources.map((t) => (t.via === undefined ? { ...t, via: name } : t)) };
      if (out.dataDependent === undefined && dependent !== undefined)
        out = {
          ...out,
          dataDependent: isActivation(out) ? narrowedBound(dependent, nodeInputs, out.dims, node) : dependent,
        };
      scope.local.set(name, out);
    });
  }
}

/** Operators that keep a part of their input along an axis: the ones that can cut a data-dependent size. */
const CUTTING_OPS = new Set(['Slice', 'TopK', 'Gather', 'GatherElements']);

/**
 * The record of a data-dependent size after a node that cuts it: when the node (a Slice, TopK or
 * Gather) writes an activation of dims `dims` that no longer hold the bound b on any axis, and it
 * is its input carrying `bound` cut along
 * one axis whose length is a multiple of b (the bounded count, or per-box rows of it) to a shorter
 * length n, then this node sets the bound: at most n (a Slice keeping the first 150 of the 450
 * boxes NonMaxSuppression kept, a TopK of 100 over 150 boxes × 90 classes). Otherwise the record
 * is `bound` itself. The reason names where the cut length came from.
 */
function narrowedBound(
  bound: DataDependentBound,
  inputs: readonly (TensorValue | undefined)[],
  dims: readonly number[],
  node: OnnxNode,
): DataDependentBound {
  if (!CUTTING_OPS.has(node.opType) || node.domain !== '' || dims.includes(bound.bound)) return bound;
  for (const input of inputs) {
    if (input?.dataDependent !== bound || input.dims.length !== dims.length) continue;
    const cut = dims.flatMap((d, i) => (d !== input.dims[i] ? [i] : []));
    const axis = cut[0];
    if (cut.length !== 1 || axis === undefined) continue;
    const from = input.dims[axis] ?? 0;
    const to = dims[axis] ?? 0;
    if (to >= from || from % bound.bound !== 0) continue;
    return {
      node: node.name,
      op: node.opType,
      bound: to,
      reason: `keeps ${to} of the ${from} from ${bound.node} (${bound.op}, at most ${bound.bound}: ${bound.reason})`,
    };
  }
  return bound;
}

/**
 * The data-dependent size a node's output inherits from its inputs: the smallest bound, and of
 * equal bounds the last input's (a Gather of proposals by the indices NonMaxSuppression kept
 * names the NMS).
 */
function tightestBound(inputs: readonly (TensorValue | undefined)[]): DataDependentBound | undefined {
  let best: DataDependentBound | undefined;
  for (const value of inputs) {
    const bound = value?.dataDependent;
    if (bound !== undefined && (best === undefined || bound.bound <= best.bound)) best = bound;
  }
  return best;
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
 * The trainable tensors a layer reads, and whether its kind's params formula counts them. A
 * layer whose kind counts weights of its own (conv, linear, batch norm, an element-wise layer
 * with params such as LayerNorm's γ and β) counts its constant inputs — except batch norm's
 * running statistics (inputs 3 and 4), which are no parameters; any other layer (the Add of a
 * bias after a MatMul, the Mul of a layer scale, the Add of a positional embedding, the Concat
 * of a class token) counts none by formula: the trainable tensors it reads are added to it
 * unless counted elsewhere (`shared-tensors.ts`).
 */
function claimedTensors(inputs: readonly (TensorValue | undefined)[], layer: Layer): ClaimedTensor[] {
  const ownWeights =
    layer.kind === 'conv2d' ||
    layer.kind === 'linear' ||
    layer.kind === 'batchnorm' ||
    layer.kind === 'conv-transpose' ||
    layer.kind === 'butterfly' ||
    (layer.kind === 'elementwise' && layer.params > 0);
  const statistics = layer.kind === 'batchnorm' ? trainableSources(inputs.slice(3)) : [];
  const counted = new Set(
    trainableSources(layer.kind === 'batchnorm' ? inputs.slice(0, 3) : inputs).map((t) => t.name),
  );
  return trainableSources(inputs)
    .filter((t) => counted.has(t.name) || !statistics.some((s) => s.name === t.name))
    .map((tensor) => ({ tensor, byFormula: ownWeights && counted.has(tensor.name) }));
}

/**
 * Whether the file looks like torch's default export with BatchNorm folded into the convs: no
 * BatchNormalization node, and a Conv with a bias whose weights the exporter computed (torch
 * names a folded constant `onnx::Conv_<n>`; a conv's own bias keeps its parameter name, such as
 * `head.conv.bias`, so a network without BN whose convs have biases is not taken for folded).
 */
function bnFolded(graph: OnnxGraph, walk: Walk): boolean {
  if (graph.nodes.some((n) => n.opType === 'BatchNormalization')) return false;
  return walk.emitted.some(
    ({ layer }) =>
      layer.layer.kind === 'conv2d' &&
      layer.layer.bias &&
      (layer.parameterNames ?? []).some((n) => n.startsWith('onnx::')),
  );
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
 * Outputs of an operator without a rule: the shapes the file declares for them (value_info, or
 * the graph's outputs). Never a guess: an output without a declared shape is refused, naming the
 * node and its op type. The operator is listed as not counted (0 MACs, with those shapes).
 */
function uncountedOutputs(
  node: OnnxNode,
  inputs: readonly (TensorValue | undefined)[],
  graph: OnnxGraph,
  file: string,
): (TensorValue | undefined)[] {
  const activation = inputs.find((v): v is TensorValue => v !== undefined && isActivation(v));
  return node.outputs.map((name) => {
    if (name === '') return undefined;
    const info = graph.valueInfo.get(name) ?? graph.outputs.find((output) => output.name === name);
    if (info?.dims !== undefined && info.dims.every((d): d is number => typeof d === 'number')) {
      return activation
        ? { dims: info.dims, elemType: info.elemType, tensor: activation.tensor ?? 0 }
        : { dims: info.dims, elemType: info.elemType };
    }
    const op = node.domain === '' ? node.opType : `${node.domain}.${node.opType}`;
    throw new UserError(
      `node "${node.name}" (${op}): no rule for this operator, and the file declares no shape for its output "${name}"; its size is not guessed`,
      {
        location: { file },
        expected: `an operator with a rule (README, "ONNX models"), or the output's shape in value_info (then ${op} is listed as not counted)`,
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
  walk: Pick<OpContext, 'runGraph' | 'givenBound'> & { constantFeatureMap(value: TensorValue): TensorValue },
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
      if (!isActivation(value)) {
        // A constant read as a layer's data (RAFT's initial flow of zeros through a conv): PyTorch
        // computes the layer all the same, so the constant becomes a feature map of its own.
        if (value.trainable !== undefined)
          fail(`input ${index} (${what}) is a trainable tensor`, `${what} computed from the image`);
        const promoted = walk.constantFeatureMap(value);
        if (rank !== undefined && promoted.dims.length !== rank)
          fail(`input ${index} (${what}) has rank ${promoted.dims.length}`, `rank ${rank}`);
        return promoted;
      }
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
    subgraph(name) {
      const a = attribute(name);
      if (a === undefined) return fail(`attribute ${name} is missing`, `a graph ${name}`);
      if (a.type !== 'graph') return fail(`attribute ${name} is a ${a.type}`, 'a graph');
      return a.value;
    },
    runGraph: walk.runGraph,
    givenBound: walk.givenBound,
    fail,
    emit,
  };
  return context;
}
