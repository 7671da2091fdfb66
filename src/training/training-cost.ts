/**
 * The exact MACs of one training step (issue 24): per layer, the forward MACs and the backward
 * MACs reverse-mode autodiff executes — input gradients where some trainable parameter lies
 * between the network input and the layer (`gradient-flow.ts`), weight gradients where the
 * layer's weights train (`trainable-layers.ts`) — per kind as `backward-rules.ts` says.
 */
import { layerCost } from '../cost/layer-cost.js';
import { COST_RULES } from '../cost/registry.js';
import { PAPER_CONVENTION } from '../model/convention.js';
import type { LayerKind } from '../model/layer.js';
import type { Network, NetworkLayer } from '../model/network.js';
import type { LayerTrainingCost, TrainingCost, TrainingSelection } from '../model/training.js';
import { BACKWARD_RULES, type BackwardMacs, type BackwardRule, type GradientNeeds } from './backward-rules.js';
import { inputGradients } from './gradient-flow.js';
import { hasParameters, trainableLayers } from './trainable-layers.js';

/** The backward MACs of one layer (the one place where the kind ↔ record correlation is asserted). */
function backwardOf(node: NetworkLayer, forwardMacs: bigint, needs: GradientNeeds): BackwardMacs {
  const rule = BACKWARD_RULES[node.layer.kind] as BackwardRule<LayerKind>;
  return rule(node.layer, forwardMacs, needs, node.output, node.batch ?? 1);
}

/**
 * Training costs of `network` for one sample with the parameters `selection` leaves trainable
 * (all by default). Forward MACs are the default rules' (what the papers and PyTorch's
 * instrumented counts agree on); params are the PyTorch rule's. Throws a `UserError` for a glob
 * that matches nothing. O(layers · globs).
 * Example: ResNet-18 with `{ trainable: ['fc'] }` has backwardMacs 512000n (fc's weight gradient).
 */
export function trainingCost(network: Network, selection: TrainingSelection = {}): TrainingCost {
  const trains = trainableLayers(network, selection);
  const needs = inputGradients(network, trains);
  let forwardMacs = 0n;
  let inputGradientMacs = 0n;
  let weightGradientMacs = 0n;
  let trainableParams = 0n;
  let frozenParams = 0n;
  const layers = network.layers.map((node, i): LayerTrainingCost => {
    const forward = layerCost(node, PAPER_CONVENTION, COST_RULES);
    const weights = trains[i] ?? false;
    const inputs = needs[i] ?? [];
    const backward = backwardOf(node, forward.macs, { inputs, weights });
    forwardMacs += forward.macs;
    inputGradientMacs += backward.inputGradientMacs;
    weightGradientMacs += backward.weightGradientMacs;
    if (weights) trainableParams += forward.params;
    else frozenParams += forward.params;
    return {
      name: node.name,
      forwardMacs: forward.macs,
      inputGradientMacs: backward.inputGradientMacs,
      weightGradientMacs: backward.weightGradientMacs,
      backwardMacs: backward.inputGradientMacs + backward.weightGradientMacs,
      trains: weights,
      hasParameters: hasParameters(node),
      inputGradients: inputs,
      trainableParams: weights ? forward.params : 0n,
      rule: backward.rule,
    };
  });
  const backwardMacs = inputGradientMacs + weightGradientMacs;
  return {
    selection,
    layers,
    total: {
      forwardMacs,
      inputGradientMacs,
      weightGradientMacs,
      backwardMacs,
      trainingMacs: forwardMacs + backwardMacs,
      trainableParams,
      frozenParams,
    },
  };
}

/**
 * Per layer of `network`, its backward MACs as a multiple of its forward MACs under `selection`
 * (`BackwardMacs.forwardMultiple`: undefined where they are not one), for the training formula.
 * O(layers · globs).
 */
export function backwardMultiples(
  network: Network,
  selection: TrainingSelection = {},
): readonly (number | undefined)[] {
  const trains = trainableLayers(network, selection);
  const needs = inputGradients(network, trains);
  return network.layers.map((node, i) => {
    const forward = layerCost(node, PAPER_CONVENTION, COST_RULES);
    return backwardOf(node, forward.macs, { inputs: needs[i] ?? [], weights: trains[i] ?? false }).forwardMultiple;
  });
}
