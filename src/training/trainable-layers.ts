/**
 * Which layers train (issue 24): every layer with parameters, minus the ones a `--freeze` glob
 * names, or only the ones a `--trainable` glob names. A glob is matched against the layer's
 * name and the names of the weight tensors it reads (imported models record their
 * initializers' names, which are PyTorch's parameter names such as `features.3.conv.0.weight`).
 * A glob that matches no layer with parameters is a `UserError` naming it: a typo must not
 * silently train (or freeze) everything.
 */
import { UserError } from '../errors.js';
import type { Network, NetworkLayer } from '../model/network.js';
import type { TrainingSelection } from '../model/training.js';
import { globPattern } from './glob.js';

/**
 * Whether a layer has parameters a training step could update: the weights of a conv,
 * transposed conv, Linear or butterfly; batch norm's γ and β; an element-wise layer's own
 * parameters (LayerNorm's γ/β, a class token, a positional embedding, PReLU slopes); and any
 * trainable tensor an imported layer reads (a bias added after a MatMul, a layer scale).
 */
export function hasParameters(node: NetworkLayer): boolean {
  const layer = node.layer;
  switch (layer.kind) {
    case 'conv2d':
    case 'linear':
    case 'conv-transpose':
    case 'butterfly':
    case 'batchnorm':
      return true;
    case 'elementwise':
      if (layer.params > 0) return true;
      break;
    default:
      break;
  }
  return (node.tensorParams ?? 0) > 0 || (node.parameterNames?.length ?? 0) > 0;
}

/** The names a glob is matched against: the layer's name and its weight tensors' names. */
export function layerNames(node: NetworkLayer): readonly string[] {
  return [node.name, ...(node.parameterNames ?? [])];
}

/** Layers with parameters that one glob matches (by layer name or weight-tensor name). */
function matching(layers: readonly NetworkLayer[], glob: string): Set<number> {
  const pattern = globPattern(glob);
  const found = new Set<number>();
  layers.forEach((node, i) => {
    if (hasParameters(node) && layerNames(node).some((name) => pattern.test(name))) found.add(i);
  });
  return found;
}

function unmatched(field: 'freeze' | 'trainable', glob: string, network: Network): UserError {
  const examples = network.layers
    .filter(hasParameters)
    .slice(0, 3)
    .map((node) => layerNames(node).at(-1) ?? node.name);
  return new UserError(`"${glob}" matches no layer with parameters`, {
    location: { field },
    expected: `a glob (* any characters, ? one) over layer or weight-tensor names, e.g. ${examples.map((e) => JSON.stringify(e)).join(', ')}`,
  });
}

/**
 * For each layer of `network` (in order), whether its parameters train under `selection`: it
 * has parameters, matches a `trainable` glob when any are given, and matches no `freeze` glob.
 * Throws a `UserError` for a glob that matches no layer with parameters. O(layers · globs).
 */
export function trainableLayers(network: Network, selection: TrainingSelection): boolean[] {
  const frozen = new Set<number>();
  for (const glob of selection.freeze ?? []) {
    const found = matching(network.layers, glob);
    if (found.size === 0) throw unmatched('freeze', glob, network);
    for (const i of found) frozen.add(i);
  }
  let chosen: Set<number> | undefined;
  if (selection.trainable !== undefined && selection.trainable.length > 0) {
    chosen = new Set<number>();
    for (const glob of selection.trainable) {
      const found = matching(network.layers, glob);
      if (found.size === 0) throw unmatched('trainable', glob, network);
      for (const i of found) chosen.add(i);
    }
  }
  return network.layers.map(
    (node, i) => hasParameters(node) && !frozen.has(i) && (chosen === undefined || chosen.has(i)),
  );
}
