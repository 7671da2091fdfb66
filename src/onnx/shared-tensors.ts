/**
 * Params of trainable tensors that several layers read: one rule (docs/conventions.md,
 * "Parameters of imported models").
 *
 * A tensor read by several layers is one tied parameter and counts once, as PyTorch's
 * `parameters()` does (a detection head applied to several feature levels) — except a tensor the
 * exporter merged because values were equal: torch's exporter keeps one initializer for equal
 * tensors of different modules (fresh zero biases, unit LayerNorm scales), so a tensor whose
 * elements all have one value, read by layers of different modules, counts once per module (PyTorch
 * has one parameter per module). When the file holds no values (graph-only), "all one value"
 * cannot be tested, so what the exporter wrote decides: it writes each merged copy as an Identity
 * of the tensor it kept (`TrainableTensor.via`), so the readers of such copies count once per
 * module scope of their node names, and every reader of the tensor under its own name shares one
 * parameter with the others (a tied head, tied embeddings: once). Readers are found through
 * Identity / Cast / Reshape chains: a constant computed from a trainable tensor carries its name
 * (`TensorValue.trainable`).
 *
 * Modules come from PyTorch's node names: `/features/features.10/block/block.2/fc2/Conv` is
 * module `features.10.block.2.fc2`; a module called again gets `_1`, `_2`, … on a segment
 * (`/head/conv_1/Conv`), which is the same module. O(reads).
 */
import type { SharedTensor } from '../model/network.js';
import type { TrainableTensor } from './tensor-value.js';

/** A trainable tensor a layer reads, and whether the layer's kind counts it by formula. */
export interface ClaimedTensor {
  readonly tensor: TrainableTensor;
  /** The kind's params formula counts it (conv weight and bias, LayerNorm γ and β, …). */
  readonly byFormula: boolean;
}

/** The trainable tensors one emitted layer reads, with its name and module scope. */
export interface LayerClaim {
  readonly layer: string;
  /** The module scope of the node (see {@link moduleScope}). */
  readonly module: string;
  readonly sources: readonly ClaimedTensor[];
}

/** Per layer: tensor elements to add (`tensorParams`) and formula params to subtract (`sharedParams`). */
export interface LayerTensorParams {
  readonly tensorParams: number;
  readonly sharedParams: number;
}

/**
 * The module path of a PyTorch node name: its scope segments without the op name, a segment
 * that extends the one before it with `.` (a Sequential's child `features.10` under `features`)
 * replacing it; '' when the name has no scope. Example: `/features/features.10/block/block.2/fc2/Conv`
 * → `features.10.block.2.fc2`.
 */
export function moduleScope(nodeName: string): string {
  const segments = nodeName.split('/').filter((s) => s !== '');
  segments.pop();
  const path: string[] = [];
  for (const segment of segments) {
    const previous = path[path.length - 1];
    if (previous !== undefined && segment.startsWith(`${previous}.`)) path[path.length - 1] = segment;
    else path.push(segment);
  }
  return path.join('.');
}

/** Whether module path `a` is module `b` called again (segments equal, or `a`'s with a `_N` call suffix). */
function sameModule(a: string, b: string): boolean {
  if (a === b) return true;
  const as = a.split('.');
  const bs = b.split('.');
  return as.length === bs.length && as.every((s, i) => s === bs[i] || s.replace(/_\d+$/, '') === bs[i]);
}

/** The module a PyTorch parameter name belongs to (`head.conv.weight` → `head.conv`), if it is one. */
function ownerModule(tensor: string): string | undefined {
  if (tensor.startsWith('onnx::') || !tensor.includes('.')) return undefined;
  return tensor.slice(0, tensor.lastIndexOf('.'));
}

/**
 * Applies the rule: per layer, the tensor elements it adds and the formula params it gives back,
 * and the list of shared tensors with their readers and the rule applied. O(reads).
 */
export function sharedTensorParams(claims: readonly LayerClaim[]): {
  params: LayerTensorParams[];
  shared: SharedTensor[];
} {
  const readers = new Map<
    string,
    { tensor: TrainableTensor; reads: { index: number; byFormula: boolean; via: string | undefined }[] }
  >();
  claims.forEach((claim, index) => {
    for (const { tensor, byFormula } of claim.sources) {
      const entry = readers.get(tensor.name) ?? { tensor, reads: [] };
      entry.reads.push({ index, byFormula, via: tensor.via });
      readers.set(tensor.name, entry);
    }
  });
  const params = claims.map(() => ({ tensorParams: 0, sharedParams: 0 }));
  const shared: SharedTensor[] = [];
  for (const [name, { tensor, reads }] of readers) {
    // Groups of readers that count as one parameter.
    const owner = ownerModule(name);
    const perModule = tensor.uniform !== false;
    const groups: { module: string; first: boolean }[] = [];
    // Graph-only: every reader of the tensor under its own name is one parameter, named for its owner or first reader.
    let direct: string | undefined;
    const keys: string[] = [];
    for (const read of reads) {
      const module = claims[read.index]?.module ?? '';
      let key: string;
      if (!perModule) key = '';
      else if (tensor.uniform === undefined && read.via === undefined) key = direct ??= owner ?? module;
      else if (owner !== undefined && sameModule(module, owner)) key = owner;
      else key = keys.find((k) => sameModule(module, k) || sameModule(k, module)) ?? module;
      const first = !keys.includes(key);
      if (first) keys.push(key);
      groups.push({ module: key, first });
      const p = params[read.index];
      if (p === undefined) continue;
      if (first && !read.byFormula) p.tensorParams += tensor.elements;
      if (!first && read.byFormula) p.sharedParams += tensor.elements;
    }
    const layers = [...new Set(reads.map((r) => claims[r.index]?.layer ?? ''))];
    if (layers.length < 2) continue;
    const rule = keys.length === 1 ? 'tied' : tensor.uniform === true ? 'equal-values' : 'module-scopes';
    shared.push({
      name,
      elements: tensor.elements,
      readers: layers,
      rule,
      modules: perModule ? keys : [owner ?? keys[0] ?? ''],
      params: tensor.elements * keys.length,
    });
  }
  return { params, shared: shared.sort((a, b) => a.name.localeCompare(b.name)) };
}
