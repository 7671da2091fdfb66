/**
 * Roles of imported layers, from the graph (the zoo's roles, derived without an architecture
 * file):
 * - stem: the first convolution in execution order;
 * - depthwise: a grouped conv with groups = C_in (> 1);
 * - channel-fusion: a 1×1 conv (1×1×1 on a clip; any groups not depthwise) on a feature map
 *   larger than 1×1;
 * - squeeze-excite: a 1×1 conv on a 1×1 map from which a multiplicative gate (`multiply`) is
 *   reached through layers that keep the map 1×1;
 * - classifier: a `linear` layer, or a 1×1 conv on a 1×1 map that feeds no gate;
 * - spatial: any other conv;
 * - attention: a product of two activations (`matmul`: q·kᵀ, attn·v);
 * - attention-projection: a 1×1 conv (a token-wise Linear) from which such a product is reached,
 *   or which is reached from one, through layers without MACs only (views, splits, bias adds,
 *   scaling, softmax): attention's q/k/v and output projections. Other token-wise Linear layers
 *   (a transformer's MLP, ConvNeXt's pointwise layers) stay channel-fusion;
 * - normalization: an element-wise layer of the normalisation group (LayerNormalization, …),
 *   and every layer of a LayerNorm decomposed by an older exporter: (x − mean(x)) / √(mean((x −
 *   mean(x))²) + ε), then its γ `Mul` and β `Add` (see {@link decomposedNorms});
 * - other: everything else (unless the operator fixed a role).
 * O(layers + reads), and O(layers · reads) more for a graph with products of activations.
 */
import { isPointwiseKernel, type LayerRole } from '../model/layer.js';
import { spatialSize } from '../model/shape.js';
import type { NetworkLayer } from '../model/network.js';

/** A layer as the walk emitted it, before roles. */
export interface EmittedLayer {
  readonly layer: NetworkLayer;
  /** The operator fixed the role (kept as is). */
  readonly fixedRole: boolean;
}

/** The layers with their roles. */
export function inferRoles(emitted: readonly EmittedLayer[]): NetworkLayer[] {
  const consumers = new Map<number, number[]>();
  emitted.forEach(({ layer }, index) => {
    for (const tensor of new Set(layer.reads)) consumers.set(tensor, [...(consumers.get(tensor) ?? []), index]);
  });
  const pooled = (index: number) => {
    const output = emitted[index]?.layer.output;
    return output !== undefined && spatialSize(output) === 1;
  };
  /** Whether a `multiply` is reached from layer `start` through 1×1 maps. */
  const reachesGate = (start: number): boolean => {
    const seen = new Set<number>([start]);
    const queue = [start];
    while (queue.length > 0) {
      const index = queue.shift() as number;
      const writes = emitted[index]?.layer.writes;
      for (const next of writes === undefined ? [] : (consumers.get(writes) ?? [])) {
        if (seen.has(next)) continue;
        seen.add(next);
        if (emitted[next]?.layer.layer.kind === 'multiply') return true;
        if (pooled(next)) queue.push(next);
      }
    }
    return false;
  };
  const projections = attentionProjections(emitted, consumers);
  const norms = decomposedNorms(emitted, consumers);
  let stemSeen = false;
  return emitted.map(({ layer, fixedRole }, index): NetworkLayer => {
    if (fixedRole) return layer;
    const record = layer.layer;
    let role: LayerRole = 'other';
    if (record.kind === 'linear') role = 'classifier';
    if (record.kind === 'matmul' && layer.reads.length === 2) role = 'attention';
    if ((record.kind === 'elementwise' && record.group === 'normalization') || norms.has(index)) role = 'normalization';
    if (record.kind === 'conv2d') {
      const input = layer.inputs[0];
      const inputPixels = input === undefined ? 1 : spatialSize(input);
      if (!stemSeen) role = 'stem';
      else if (record.groups > 1 && record.groups === record.inChannels) role = 'depthwise';
      else if (isPointwiseKernel(record)) {
        role =
          inputPixels > 1
            ? projections.has(index)
              ? 'attention-projection'
              : 'channel-fusion'
            : reachesGate(index)
              ? 'squeeze-excite'
              : 'classifier';
      } else role = 'spatial';
      stemSeen = true;
    }
    return role === layer.role ? layer : { ...layer, role };
  });
}

/**
 * The layers of each decomposed LayerNorm (opset < 17 exports): a `Div` of d = x − ReduceMean(x)
 * by Sqrt(ReduceMean(d² (a Pow or d·d)) + ε) (the ε `Add` optional), with the single-input `Mul`
 * and `Add` right after it when they hold trainable values (γ, β). The Sub and the Div of two
 * activations are imported as `add` and `multiply` records; the chain around them identifies
 * them. O(layers).
 */
function decomposedNorms(
  emitted: readonly EmittedLayer[],
  consumers: ReadonlyMap<number, readonly number[]>,
): Set<number> {
  const writer = new Map<number, number>();
  emitted.forEach(({ layer }, index) => writer.set(layer.writes, index));
  // Sub and Div of two activations are `add` and `multiply` records (no op name): known by position.
  const op = (index: number | undefined): string | undefined => {
    const record = index === undefined ? undefined : emitted[index]?.layer.layer;
    if (record?.kind === 'add') return 'Sub';
    if (record?.kind === 'multiply') return 'Div';
    return record?.kind === 'elementwise' ? record.op : undefined;
  };
  const reads = (index: number | undefined) => (index === undefined ? [] : (emitted[index]?.layer.reads ?? []));
  const from = (tensor: number | undefined) => (tensor === undefined ? undefined : writer.get(tensor));
  const found = new Set<number>();
  emitted.forEach((_entry, div) => {
    if (op(div) !== 'Div' || reads(div).length !== 2) return;
    const [centredTensor, rootTensor] = reads(div);
    const sub = from(centredTensor);
    const [x, meanTensor] = reads(sub);
    const mean = from(meanTensor);
    if (op(sub) !== 'Sub' || op(mean) !== 'ReduceMean' || reads(mean)[0] !== x) return;
    const sqrt = from(rootTensor);
    if (op(sqrt) !== 'Sqrt') return;
    let below = from(reads(sqrt)[0]);
    const epsilon = op(below) === 'Add' && reads(below).length === 1 ? below : undefined;
    if (epsilon !== undefined) below = from(reads(epsilon)[0]);
    const variance = below;
    const square = from(reads(variance)[0]);
    const squares =
      (op(square) === 'Pow' && reads(square)[0] === centredTensor) ||
      (emitted[square ?? -1]?.layer.layer.kind === 'multiply' &&
        reads(square).length > 0 &&
        reads(square).every((t) => t === centredTensor));
    if (op(variance) !== 'ReduceMean' || !squares) return;
    for (const index of [mean, sub, square, variance, epsilon, sqrt, div]) if (index !== undefined) found.add(index);
    // γ and β: a single-input Mul, then Add, holding trainable values
    let last = div;
    for (const affine of ['Mul', 'Add']) {
      const next = consumers.get(emitted[last]?.layer.writes ?? -1) ?? [];
      const [only] = next;
      if (
        next.length !== 1 ||
        only === undefined ||
        op(only) !== affine ||
        reads(only).length !== 1 ||
        (emitted[only]?.layer.tensorParams ?? 0) === 0
      )
        break;
      found.add(only);
      last = only;
    }
  });
  return found;
}

/** Kinds that do multiply-accumulates: a search for attention stops at them. */
const MAC_KINDS: ReadonlySet<string> = new Set(['conv2d', 'linear', 'matmul', 'butterfly', 'conv-transpose']);

/**
 * Indices of the 1×1 convs that feed a product of two activations, or are fed by one, through
 * MAC-free layers only (see the file comment). Empty when the graph has no such product.
 */
function attentionProjections(
  emitted: readonly EmittedLayer[],
  consumers: ReadonlyMap<number, readonly number[]>,
): Set<number> {
  const found = new Set<number>();
  const isProduct = (index: number) => {
    const entry = emitted[index]?.layer;
    return entry?.layer.kind === 'matmul' && entry.reads.length === 2;
  };
  if (!emitted.some((_e, index) => isProduct(index))) return found;
  const writer = new Map<number, number>();
  emitted.forEach(({ layer }, index) => writer.set(layer.writes, index));
  const next = (index: number, forward: boolean): readonly number[] => {
    const layer = emitted[index]?.layer;
    if (layer === undefined) return [];
    if (forward) return consumers.get(layer.writes) ?? [];
    return layer.reads.flatMap((tensor) => {
      const w = writer.get(tensor);
      return w === undefined ? [] : [w];
    });
  };
  const reachesProduct = (start: number, forward: boolean): boolean => {
    const seen = new Set<number>([start]);
    const queue = [...next(start, forward)];
    while (queue.length > 0) {
      const index = queue.pop() as number;
      if (seen.has(index)) continue;
      seen.add(index);
      if (isProduct(index)) return true;
      if (MAC_KINDS.has(emitted[index]?.layer.layer.kind ?? '')) continue;
      queue.push(...next(index, forward));
    }
    return false;
  };
  emitted.forEach(({ layer }, index) => {
    const record = layer.layer;
    if (record.kind !== 'conv2d' || !isPointwiseKernel(record) || record.groups !== 1) return;
    if (reachesProduct(index, true) || reachesProduct(index, false)) found.add(index);
  });
  return found;
}
