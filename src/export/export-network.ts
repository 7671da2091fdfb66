/**
 * A built network → a runnable ONNX model (bytes) with seeded random weights. Pure.
 *
 * Every layer kind of the architecture files has standard operators: conv2d → Conv, linear →
 * Flatten + Gemm, batchnorm → BatchNormalization (or folded into the conv before it), activations
 * → Relu / Clip / HardSwish / HardSigmoid / Sigmoid, pools, Add, Mul, Concat, Split, the channel
 * shuffle as Reshape–Transpose–Reshape, and each butterfly as in `butterfly-nodes.ts`. A layer
 * that kept its trained values from an imported file (`NetworkLayer.weights`, same kind and
 * shape) is written with them; every other layer's weights are drawn from the seed. Node names
 * start with the layer's name (`block3/pointwise/bft0/Conv`), so a profiler's per-node times
 * map back to layers. The batch is 1.
 */
import type { ButterflyPlan } from '../butterfly/plan.js';
import { float32Draws, seededRandom, type SeededRandom } from '../random/seeded-random.js';
import { randomButterflyWeights } from '../butterfly/weights.js';
import { assertNever, UserError, valueAt } from '../errors.js';
import type { ActivationFn, ButterflyLayer, Conv2dLayer, LinearLayer, Padding, SpatialWindow } from '../model/layer.js';
import { floatValues, type LayerWeights } from '../model/layer-weights.js';
import type { Network, NetworkLayer } from '../model/network.js';
import { formatShape, shapeElements, shapeRows, shapeTuple, type Shape } from '../model/shape.js';
import { emitButterfly, type ButterflyOps } from './butterfly-nodes.js';
import { onnxGraphBuilder, type AttributeValue, type OnnxGraphBuilder } from './onnx-graph-builder.js';
import { butterflySquares, realisedNetwork, realisedPlan } from './realise-butterfly.js';

/** Options of an export. */
export interface ExportOptions {
  /** Seed of the random weights (the same seed gives the same bytes). */
  readonly seed: number;
  /** Operators of each butterfly layer. */
  readonly butterflyOps: ButterflyOps;
  /** Fold a BatchNormalization into the conv right before it (when it is that conv's only reader). */
  readonly foldBatchNorm: boolean;
}

/** The operators chosen for butterflies by default (measured: see README, "Speed"). */
export const DEFAULT_BUTTERFLY_OPS: ButterflyOps = 'conv';

/** Defaults: seed 1, grouped Conv butterflies, BN kept. */
export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  seed: 1,
  butterflyOps: DEFAULT_BUTTERFLY_OPS,
  foldBatchNorm: false,
};

/** An exported model. */
export interface ExportedModel {
  /** The ONNX ModelProto bytes. */
  readonly bytes: Uint8Array;
  /** The network the graph realises (butterflies relabelled by `realisedNetwork`): count this one. */
  readonly network: Network;
  readonly input: { readonly name: string; readonly dims: readonly number[] };
  readonly output: { readonly name: string; readonly dims: readonly number[] };
  /** Layers with parameters written with the trained values they were imported with (names). */
  readonly weightsKept: readonly string[];
  /** Layers with parameters whose weights were drawn from the seed (names). */
  readonly weightsDrawn: readonly string[];
}

/** A tensor of the graph: its name and rank (4 for a map N×C×H×W, or N×C×T×H×W on a clip; 2 after a Gemm). */
interface Value {
  readonly name: string;
  readonly rank: 2 | 4;
}

/** The parts of a split tensor and which have been read. */
interface SplitParts {
  readonly sizes: readonly number[];
  readonly names: readonly string[];
  readonly used: boolean[];
}

/**
 * Exports `network` (any fusion) as ONNX. Throws a UserError for layer kinds with no export
 * (imported `matmul`/`elementwise` layers) and for butterflies whose log mode has no
 * construction (see `realise-butterfly.ts`). O(parameters).
 */
export function exportNetwork(network: Network, options: ExportOptions = DEFAULT_EXPORT_OPTIONS): ExportedModel {
  const realised = realisedNetwork(network);
  const graph = onnxGraphBuilder(network.model);
  const values = new Map<number, Value>([[0, { name: 'input', rank: 4 }]]);
  const splits = new Map<number, SplitParts>();
  const readers = new Map<number, number>();
  for (const entry of realised.layers) for (const t of entry.reads) readers.set(t, (readers.get(t) ?? 0) + 1);
  const folded = new Set<number>();
  const weightsKept: string[] = [];
  const weightsDrawn: string[] = [];
  const note = (name: string, kept: boolean): void => {
    (kept ? weightsKept : weightsDrawn).push(name);
  };

  const read = (entry: NetworkLayer, k: number): Value => {
    const tensor = valueAt(entry.reads, k);
    const parts = splits.get(tensor);
    if (parts !== undefined) {
      // A split tensor is read part by part; a reader takes the first unread part of its size
      // (readers of equal-sized parts may swap parts: the same structure, other random weights).
      const channels = valueAt(entry.inputs, k).channels;
      let index = parts.sizes.findIndex((size, i) => size === channels && !parts.used[i]);
      if (index < 0) index = parts.sizes.indexOf(channels);
      parts.used[index] = true;
      return { name: valueAt(parts.names, index), rank: 4 };
    }
    const value = values.get(tensor);
    if (value === undefined)
      throw new UserError(
        `cannot export layer ${entry.name}: it reads a tensor no exported layer writes (a second graph input or a constant), and a graph rebuilt from layer records has one input`,
        { expected: 'a model with one image input, or the ONNX file with its weights (it is rewritten node by node)' },
      );
    return value;
  };
  const as4d = (value: Value, shape: Shape, at: string): string => {
    if (value.rank === 4) return value.name;
    const dims = graph.int64s(`${at}/to4d/shape`, [1, ...shapeTuple(shape)]);
    return valueAt(graph.node('Reshape', `${at}/to4d/Reshape`, [value.name, dims]), 0);
  };

  realised.layers.forEach((entry, index) => {
    if (entry.batch !== undefined && entry.batch !== 1)
      throw new UserError(
        `cannot export layer ${entry.name}: it runs on ${entry.batch} images stacked along the batch axis, and a graph rebuilt from layer records has batch 1`,
        { expected: 'the ONNX file with its weights (it is rewritten node by node, its batch axis kept)' },
      );
    const random = seededRandom(layerSeed(options.seed, index));
    const at = entry.name;
    const layer = entry.layer;
    const input = entry.inputs[0] ?? entry.output;
    const out = (name: string, rank: 2 | 4 = 4): void => {
      values.set(entry.writes, { name, rank });
    };
    switch (layer.kind) {
      case 'conv2d': {
        const next = realised.layers[index + 1];
        const fold =
          options.foldBatchNorm &&
          next?.layer.kind === 'batchnorm' &&
          next.reads.length === 1 &&
          next.reads[0] === entry.writes &&
          readers.get(entry.writes) === 1;
        let bn: BatchNormValues | undefined;
        if (fold && next !== undefined && next.layer.kind === 'batchnorm') {
          bn = batchNormValues(next.layer.channels, seededRandom(layerSeed(options.seed, index + 1)), next.weights);
          note(next.name, bn.kept);
          folded.add(index + 1);
        }
        const values = productValues(layer, random, entry.weights);
        note(at, values.kept);
        out(emitConv(graph, at, as4d(read(entry, 0), input, at), layer, values, bn));
        return;
      }
      case 'linear': {
        const x = read(entry, 0);
        const flat = x.rank === 2 ? x.name : valueAt(graph.node('Flatten', `${at}/Flatten`, [x.name], { axis: 1 }), 0);
        const values = productValues(layer, random, entry.weights);
        note(at, values.kept);
        const inputs = [flat, graph.floats(`${at}/weight`, [layer.outFeatures, layer.inFeatures], values.weights)];
        if (values.bias !== undefined) inputs.push(graph.floats(`${at}/bias`, [layer.outFeatures], values.bias));
        out(valueAt(graph.node('Gemm', `${at}/Gemm`, inputs, { transB: 1 }), 0), 2);
        return;
      }
      case 'batchnorm': {
        if (folded.has(index)) {
          out(read(entry, 0).name);
          return;
        }
        const p = batchNormValues(layer.channels, random, entry.weights);
        note(at, p.kept);
        const c = [layer.channels];
        const inputs = [
          as4d(read(entry, 0), input, at),
          graph.floats(`${at}/scale`, c, p.scale),
          graph.floats(`${at}/bias`, c, p.bias),
          graph.floats(`${at}/mean`, c, p.mean),
          graph.floats(`${at}/var`, c, p.variance),
        ];
        out(
          valueAt(
            graph.node('BatchNormalization', `${at}/BatchNormalization`, inputs, { epsilon: { float: p.epsilon } }),
            0,
          ),
        );
        return;
      }
      case 'activation': {
        const x = read(entry, 0);
        out(emitActivation(graph, at, x.name, layer.fn), x.rank);
        return;
      }
      case 'pool': {
        const op = layer.op === 'max' ? 'MaxPool' : 'AveragePool';
        // The export opset's AveragePool has no dilations (they came in opset 19).
        if (layer.op === 'avg' && (layer.window?.dilations ?? []).some((d) => d !== 1))
          throw new UserError(`cannot export layer ${entry.name}: an AveragePool with dilations has no export yet`, {
            expected: 'an undilated AveragePool',
          });
        out(
          valueAt(
            graph.node(
              op,
              `${at}/${op}`,
              [as4d(read(entry, 0), input, at)],
              windowAttributes([...(layer.kernelOuter ?? []), layer.kernel, layer.kernelW ?? layer.kernel], layer),
            ),
            0,
          ),
        );
        return;
      }
      case 'global-pool': {
        const op = layer.op === 'max' ? 'GlobalMaxPool' : 'GlobalAveragePool';
        out(valueAt(graph.node(op, `${at}/${op}`, [as4d(read(entry, 0), input, at)]), 0));
        return;
      }
      case 'add':
      case 'multiply': {
        const op = layer.kind === 'add' ? 'Add' : 'Mul';
        const inputs = entry.reads.map((_, k) => as4d(read(entry, k), entry.inputs[k] ?? input, at));
        let sum = valueAt(inputs, 0);
        for (const next of inputs.slice(1)) sum = valueAt(graph.node(op, `${at}/${op}`, [sum, next]), 0);
        out(sum);
        return;
      }
      case 'concat': {
        const inputs = entry.reads.map((_, k) => as4d(read(entry, k), entry.inputs[k] ?? input, at));
        out(valueAt(graph.node('Concat', `${at}/Concat`, inputs, { axis: 1 }), 0));
        return;
      }
      case 'split': {
        const sizes = graph.int64s(`${at}/sizes`, layer.sizes);
        const names = graph.node(
          'Split',
          `${at}/Split`,
          [as4d(read(entry, 0), input, at), sizes],
          { axis: 1 },
          layer.sizes.length,
        );
        splits.set(entry.writes, { sizes: layer.sizes, names, used: layer.sizes.map(() => false) });
        return;
      }
      case 'shuffle': {
        if ((input.outer ?? []).length > 0)
          throw new UserError(
            `cannot export layer ${entry.name}: a channel shuffle of a map with more than two spatial dims (${formatShape(input)}) has no export yet`,
            { expected: 'a channel shuffle of an N × C × H × W map' },
          );
        out(emitShuffle(graph, at, as4d(read(entry, 0), input, at), input, layer.groups));
        return;
      }
      case 'butterfly': {
        note(at, false);
        out(
          emitButterflyLayer(
            graph,
            at,
            as4d(read(entry, 0), input, at),
            layer,
            entry.output,
            options.butterflyOps,
            random,
          ),
        );
        return;
      }
      case 'matmul':
      case 'conv-transpose':
      case 'elementwise':
        throw new UserError(
          `cannot export layer ${entry.name}: kind ${layer.kind}${layer.kind === 'elementwise' ? ` (${layer.op})` : ''} has no export yet`,
          {
            expected:
              'a network of conv, linear, batchnorm, activation, pool, add, multiply, concat, split, shuffle and butterfly layers',
          },
        );
      default:
        return assertNever(layer);
    }
  });

  const last = realised.layers[realised.layers.length - 1];
  if (last === undefined) throw new UserError(`model ${network.model} has no layers to export`);
  const result = values.get(last.writes);
  if (result === undefined)
    throw new UserError(`model ${network.model} ends in a split; nothing to export as its output`);
  const shape = last.output;
  const outputDims = result.rank === 2 ? [1, Number(shapeElements(shape))] : [1, ...shapeTuple(shape)];
  const [output = ''] = graph.node('Identity', 'output', [result.name]);
  const inputDims = [1, ...shapeTuple(network.input)];
  const bytes = graph.encode({ name: 'input', dims: inputDims }, { name: output, dims: outputDims });
  return {
    bytes,
    network: realised,
    input: { name: 'input', dims: inputDims },
    output: { name: output, dims: outputDims },
    weightsKept,
    weightsDrawn,
  };
}

/** ε of exported BatchNormalization nodes (PyTorch's default). */
export const BN_EPSILON = 1e-5;

/** Inference parameters of a BatchNormalization node, and whether they are the imported ones. */
interface BatchNormValues {
  readonly scale: Float32Array;
  readonly bias: Float32Array;
  readonly mean: Float32Array;
  readonly variance: Float32Array;
  readonly epsilon: number;
  readonly kept: boolean;
}

/**
 * The imported BN parameters when `stored` fits `channels`; else drawn from `random`: γ ∈ [0.5,
 * 1.5), β and the mean ∈ [−0.1, 0.1), variance ∈ [0.5, 1.5), ε = {@link BN_EPSILON}.
 */
function batchNormValues(channels: number, random: SeededRandom, stored?: LayerWeights): BatchNormValues {
  if (
    stored?.kind === 'batchnorm' &&
    [stored.scale, stored.bias, stored.mean, stored.variance].every((t) => t.bytes.length === 4 * channels)
  ) {
    return {
      scale: floatValues(stored.scale),
      bias: floatValues(stored.bias),
      mean: floatValues(stored.mean),
      variance: floatValues(stored.variance),
      epsilon: stored.epsilon,
      kept: true,
    };
  }
  return {
    scale: float32Draws(channels, () => 0.5 + random.next()),
    bias: uniform(channels, 0.1, random),
    mean: uniform(channels, 0.1, random),
    variance: float32Draws(channels, () => 0.5 + random.next()),
    epsilon: BN_EPSILON,
    kept: false,
  };
}

/** Weights (out × in/groups × kH × kW, or out × in) and bias of a conv or linear layer, and whether they are the imported ones. */
interface ProductValues {
  readonly weights: Float32Array;
  readonly bias?: Float32Array;
  readonly kept: boolean;
}

/**
 * The imported values when `stored` is of the layer's kind and exactly its shape (a layer the
 * fusion changed is not); else He-uniform weights (±√(6/fan-in) for convs, ±√(3/fan-in) for
 * linear layers) and a bias uniform in [−0.1, 0.1), drawn from `random`.
 */
function productValues(layer: Conv2dLayer | LinearLayer, random: SeededRandom, stored?: LayerWeights): ProductValues {
  const [outputs, perOutput] =
    layer.kind === 'conv2d'
      ? [
          layer.outChannels,
          (layer.inChannels / layer.groups) *
            [...(layer.kernelOuter ?? []), layer.kernelH, layer.kernelW].reduce((product, k) => product * k, 1),
        ]
      : [layer.outFeatures, layer.inFeatures];
  if (
    stored?.kind === layer.kind &&
    stored.weight.bytes.length === 4 * outputs * perOutput &&
    (stored.transposed ? stored.weight.dims.length === 2 && stored.weight.dims[1] === outputs : true) &&
    (layer.bias ? stored.bias?.bytes.length === 4 * outputs : stored.bias === undefined)
  ) {
    return {
      weights: floatValues(stored.weight, stored.transposed),
      ...(stored.bias !== undefined ? { bias: floatValues(stored.bias) } : {}),
      kept: true,
    };
  }
  const weights = uniform(outputs * perOutput, Math.sqrt((layer.kind === 'conv2d' ? 6 : 3) / perOutput), random);
  return { weights, ...(layer.bias ? { bias: uniform(outputs, 0.1, random) } : {}), kept: false };
}

/** A per-layer seed: the export seed mixed with the layer's index (so layers draw independent streams). */
export function layerSeed(seed: number, index: number): number {
  return (Math.imul(seed >>> 0, 0x01000193) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

/** `length` values uniform in [−a, a). */
function uniform(length: number, a: number, random: SeededRandom): Float32Array {
  return float32Draws(length, () => a * (2 * random.next() - 1));
}

/**
 * Strides, pads and dilations of a Conv or pool node over the axes of `kernel` (outer axes, H, W):
 * the record's per-axis `window` when it has one (a 1-D conv's single axis gains the width's
 * stride 1, no pad; a pool's `ceil_mode`), else its height stride on H and W (and its
 * `strideOuter` before) and its padding on every axis and side.
 */
function windowAttributes(
  kernel: readonly number[],
  layer: {
    readonly stride: number;
    readonly strideOuter?: readonly number[];
    readonly padding: Padding;
    readonly window?: SpatialWindow;
  },
): Record<string, AttributeValue> {
  const axes = kernel.length;
  const window = layer.window;
  const widen = (values: readonly number[], fill: number): number[] =>
    values.length === axes ? [...values] : [...values, ...new Array<number>(axes - values.length).fill(fill)];
  const strides =
    window !== undefined
      ? widen(window.strides, 1)
      : [...(layer.strideOuter ?? new Array<number>(axes - 2).fill(1)), layer.stride, layer.stride];
  const pads = (): number[] => {
    if (window?.pads === undefined)
      return new Array<number>(2 * axes).fill(layer.padding.mode === 'explicit' ? layer.padding.size : 0);
    const half = window.pads.length / 2;
    return [...widen(window.pads.slice(0, half), 0), ...widen(window.pads.slice(half), 0)];
  };
  const padAttribute: Record<string, AttributeValue> =
    layer.padding.mode === 'same' ? { auto_pad: window?.autoPad ?? 'SAME_UPPER' } : { pads: pads() };
  const dilations = window === undefined ? [] : widen(window.dilations, 1);
  return {
    kernel_shape: [...kernel],
    strides,
    ...padAttribute,
    ...(dilations.some((d) => d !== 1) ? { dilations } : {}),
    ...(window?.ceilMode === true ? { ceil_mode: 1 } : {}),
  };
}

/** A Conv node with the given values; a following BN, when given, is folded into weights and bias. */
function emitConv(
  graph: OnnxGraphBuilder,
  at: string,
  x: string,
  layer: Conv2dLayer,
  values: ProductValues,
  bn?: BatchNormValues,
): string {
  const kernel = [...(layer.kernelOuter ?? []), layer.kernelH, layer.kernelW];
  const perOutput = (layer.inChannels / layer.groups) * kernel.reduce((product, k) => product * k, 1);
  const weights = values.weights;
  let bias = values.bias;
  if (bn !== undefined) {
    bias ??= new Float32Array(layer.outChannels);
    for (let c = 0; c < layer.outChannels; c++) {
      const factor = valueAt(bn.scale, c) / Math.sqrt(valueAt(bn.variance, c) + bn.epsilon);
      for (let e = c * perOutput; e < (c + 1) * perOutput; e++) weights[e] = valueAt(weights, e) * factor;
      bias[c] = (valueAt(bias, c) - valueAt(bn.mean, c)) * factor + valueAt(bn.bias, c);
    }
  }
  const inputs = [
    x,
    graph.floats(`${at}/weight`, [layer.outChannels, layer.inChannels / layer.groups, ...kernel], weights),
  ];
  if (bias !== undefined) inputs.push(graph.floats(`${at}/bias`, [layer.outChannels], bias));
  return valueAt(
    graph.node('Conv', `${at}/Conv`, inputs, { group: layer.groups, ...windowAttributes(kernel, layer) }),
    0,
  );
}

function emitActivation(graph: OnnxGraphBuilder, at: string, x: string, fn: ActivationFn): string {
  switch (fn) {
    case 'relu':
      return valueAt(graph.node('Relu', `${at}/Relu`, [x]), 0);
    case 'relu6': {
      const low = graph.floats(`${at}/min`, [], new Float32Array([0]));
      const high = graph.floats(`${at}/max`, [], new Float32Array([6]));
      return valueAt(graph.node('Clip', `${at}/Clip`, [x, low, high]), 0);
    }
    case 'hardswish':
      return valueAt(graph.node('HardSwish', `${at}/HardSwish`, [x]), 0);
    case 'hardsigmoid':
      return valueAt(
        graph.node('HardSigmoid', `${at}/HardSigmoid`, [x], { alpha: { float: 1 / 6 }, beta: { float: 0.5 } }),
        0,
      );
    case 'sigmoid':
      return valueAt(graph.node('Sigmoid', `${at}/Sigmoid`, [x]), 0);
    default:
      return assertNever(fn);
  }
}

/** The channel shuffle of g groups: Reshape 1×g×(C/g)×H×W → Transpose(0, 2, 1, 3, 4) → Reshape. */
function emitShuffle(graph: OnnxGraphBuilder, at: string, x: string, shape: Shape, groups: number): string {
  const { channels: c, height: h, width: w } = shape;
  const [a = ''] = graph.node('Reshape', `${at}/Reshape`, [
    x,
    graph.int64s(`${at}/grouped`, [1, groups, c / groups, h, w]),
  ]);
  const [b = ''] = graph.node('Transpose', `${at}/Transpose`, [a], { perm: [0, 2, 1, 3, 4] });
  return valueAt(graph.node('Reshape', `${at}/Reshape`, [b, graph.int64s(`${at}/flat`, [1, c, h, w])]), 0);
}

/**
 * A butterfly n_in → n_out as its squares (bft-paper.md §2, `SQUARE_PLAN` in `cost/butterfly.ts`):
 * - official, n_out > n_in: ⌈n_out/n_in⌉ butterflies of size n_in on the input, concatenated,
 *   sliced to n_out channels;
 * - official, n_in > n_out: the input (zero-padded to a multiple of n_out) split into
 *   ⌈n_in/n_out⌉ parts, a butterfly of size n_out on each, the results added;
 * - square-max: the input zero-padded to max(n_in, n_out), one butterfly, sliced to n_out.
 * A padded butterfly (`realisedPlan` of size P = k^L > m) zero-pads each square's input to P
 * channels and keeps its first m outputs (the first n_out when there is one square).
 * In place of a strided conv the input is first subsampled (a 1×1 AveragePool with the stride).
 * On a clip (`output.outer`, a butterfly in place of a 1×1×1 conv) the input is subsampled with
 * the conv's strides, reshaped to 1 × C × (T·H) × W, mixed as above, and reshaped back.
 * A layer an imported graph runs on `images` stacked along N keeps that batch axis (conv form only).
 * Weights: uniform in [−√(3/r), √(3/r)) per layer of radix r (unit variance through every layer).
 */
export function emitButterflyLayer(
  graph: OnnxGraphBuilder,
  at: string,
  input: string,
  layer: ButterflyLayer,
  output: Shape,
  ops: ButterflyOps,
  random: SeededRandom,
  images = 1,
): string {
  // The butterfly subsamples with the height's stride on both axes and pads nothing: a conv it
  // replaced whose window says otherwise has no export here.
  const strides = layer.window?.strides ?? [];
  const widthStride = strides.length >= 2 && strides[strides.length - 1] !== strides[strides.length - 2];
  if (widthStride || (layer.window?.pads ?? []).some((p) => p !== 0))
    throw new UserError(
      `cannot export butterfly ${at}: the 1×1 conv it replaces is padded or has a width stride of its own (strides [${strides.join(', ')}], pads [${(layer.window?.pads ?? []).join(', ')}])`,
      { expected: 'a 1×1 conv without padding whose height and width strides are equal' },
    );
  const outer = output.outer ?? [];
  if (outer.length > 0) return emitButterflyOnClip(graph, at, input, layer, output, ops, random, images);
  const { m, squares } = butterflySquares(layer);
  // A butterfly in place of a strided 1×1 conv mixes every stride-th pixel: subsample first.
  const stride = layer.stride ?? 1;
  const x =
    stride === 1
      ? input
      : valueAt(
          graph.node('AveragePool', `${at}/subsample/AveragePool`, [input], {
            kernel_shape: [1, 1],
            strides: [stride, stride],
          }),
          0,
        );
  const plan = realisedPlan(layer, m);
  const nodeOptions = {
    height: output.height,
    width: output.width,
    ops: layer.plan?.form ?? ops,
    residual: layer.residual,
    ...(images !== 1 ? { batch: images } : {}),
  };
  const pad = (from: string, channels: number, to: number): string => {
    if (channels === to) return from;
    const pads = graph.int64s(`${at}/pads`, [0, 0, 0, 0, 0, to - channels, 0, 0]);
    return valueAt(graph.node('Pad', `${at}/Pad`, [from, pads]), 0);
  };
  const sliceTo = (from: string, channels: number, to: number): string => {
    if (channels === to) return from;
    const args = [graph.int64s(`${at}/starts`, [0]), graph.int64s(`${at}/ends`, [to]), graph.int64s(`${at}/axes`, [1])];
    return valueAt(graph.node('Slice', `${at}/Slice`, [from, ...args]), 0);
  };
  // One square: `channels` in (zeros up to the plan's size n: m, or P = k^L ≥ m when padded), the first `keep` out.
  const square = (name: string, from: string, channels: number, keep: number): string =>
    sliceTo(
      emitButterfly(graph, name, pad(from, channels, plan.n), plan, butterflyWeights(plan, random), nodeOptions),
      plan.n,
      keep,
    );
  if (squares === 1) return square(at, x, layer.inChannels, layer.outChannels);
  if (layer.outChannels > layer.inChannels) {
    const outs = Array.from({ length: squares }, (_, i) => square(`${at}/square${i}`, x, m, m));
    return sliceTo(valueAt(graph.node('Concat', `${at}/Concat`, outs, { axis: 1 }), 0), squares * m, layer.outChannels);
  }
  const padded = pad(x, layer.inChannels, squares * m);
  const parts = graph.node(
    'Split',
    `${at}/Split`,
    [
      padded,
      graph.int64s(
        `${at}/sizes`,
        Array.from({ length: squares }, () => m),
      ),
    ],
    { axis: 1 },
    squares,
  );
  let sum = '';
  parts.forEach((part, i) => {
    const y = square(`${at}/square${i}`, part, m, m);
    sum = i === 0 ? y : valueAt(graph.node('Add', `${at}/Add`, [sum, y]), 0);
  });
  return sum;
}

/** {@link emitButterflyLayer} on a map with outer spatial dims: its positions as T·H rows of an image. */
function emitButterflyOnClip(
  graph: OnnxGraphBuilder,
  at: string,
  input: string,
  layer: ButterflyLayer,
  output: Shape,
  ops: ButterflyOps,
  random: SeededRandom,
  images: number,
): string {
  const outer = output.outer ?? [];
  const strides = [...(layer.strideOuter ?? outer.map(() => 1)), layer.stride ?? 1, layer.stride ?? 1];
  const x = strides.every((s) => s === 1)
    ? input
    : valueAt(
        graph.node('AveragePool', `${at}/subsample/AveragePool`, [input], {
          kernel_shape: strides.map(() => 1),
          strides,
        }),
        0,
      );
  const rows = shapeRows(output);
  const [flat = ''] = graph.node('Reshape', `${at}/rows/Reshape`, [
    x,
    graph.int64s(`${at}/rows/shape`, [images, layer.inChannels, rows, output.width]),
  ]);
  const { stride: _stride, strideOuter: _strideOuter, window: _window, ...unstrided } = layer;
  const mixed = emitButterflyLayer(
    graph,
    at,
    flat,
    unstrided,
    { channels: output.channels, height: rows, width: output.width },
    ops,
    random,
    images,
  );
  return valueAt(
    graph.node('Reshape', `${at}/clip/Reshape`, [
      mixed,
      graph.int64s(`${at}/clip/shape`, [images, output.channels, ...outer, output.height, output.width]),
    ]),
    0,
  );
}

/**
 * Random weights of a butterfly plan: `randomButterflyWeights` (uniform [−1, 1)) scaled by
 * √(3/r) in each layer of radix r, so each output of a layer has the variance of its inputs.
 * Float32 values, as the graph stores them. O(n·Σr).
 */
export function butterflyWeights(plan: ButterflyPlan, random: SeededRandom): Float32Array {
  const weights = randomButterflyWeights(plan, random);
  const out = new Float32Array(weights.length);
  let offset = 0;
  for (const r of plan.radices) {
    const scale = Math.sqrt(3 / r);
    for (let e = offset; e < offset + r * plan.n; e++) out[e] = valueAt(weights, e) * scale;
    offset += r * plan.n;
  }
  return out;
}
