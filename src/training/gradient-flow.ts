/**
 * Which gradients reverse-mode autodiff computes (issue 24), from the graph alone. A tensor
 * needs a gradient ("requires grad" in PyTorch) when some trainable parameter lies between the
 * network input and it: the network input does not; a layer's output does when the layer trains
 * or any of its inputs does. In the backward pass a layer then computes the gradient of each
 * activation input that needs one — residual branches and concatenations included, since every
 * read counts — and its weight gradient when it trains. The first layer's input gradient is
 * therefore never computed, and nothing below the first trainable layer is differentiated.
 */
import type { Network } from '../model/network.js';

/**
 * For each layer (in order), for each tensor it reads (in `reads` order): whether the gradient
 * with respect to that input is computed, given which layers train. O(layers + reads).
 * Example: a chain conv → relu → fc with only fc training gives [[false], [false], [false]].
 */
export function inputGradients(network: Network, trains: readonly boolean[]): boolean[][] {
  // Tensor 0 is the network input: no parameter lies before it.
  const requiresGrad = new Map<number, boolean>([[0, false]]);
  return network.layers.map((node, i) => {
    const needs = node.reads.map((tensor) => requiresGrad.get(tensor) ?? false);
    const output = (trains[i] ?? false) || needs.some(Boolean);
    // An importer may write an operator's output under its input's index (an uncounted op): keep any "true".
    requiresGrad.set(node.writes, (requiresGrad.get(node.writes) ?? false) || output);
    return needs;
  });
}
