import type { CountingConvention } from '../model/convention.js';
import type { CostReport, CostTotals, DataDependentLayers, LayerCost, NotCounted, RoleShare } from '../model/cost.js';
import { LAYER_ROLES } from '../model/layer.js';
import type { Network } from '../model/network.js';
import { FLOAT32_BYTES, flopsFromMacs } from '../model/units.js';
import { layerCost } from './layer-cost.js';
import { peakActivations } from './peak-activations.js';
import { COST_RULES, type CostRegistry } from './registry.js';

/** Sums layer costs: a pure fold, so a total is always the sum of its layers. */
export function sumCosts(layers: readonly LayerCost[]): CostTotals {
  let macs = 0n;
  let extraOps = 0n;
  let params = 0n;
  let activations = 0n;
  for (const layer of layers) {
    macs += layer.macs;
    extraOps += layer.extraOps;
    params += layer.params;
    activations += layer.activations;
  }
  return { macs, flops: flopsFromMacs(macs, extraOps), extraOps, params, activations };
}

/** The layers no rule counted, grouped by kind in order of first appearance. */
function notCountedLayers(layers: readonly LayerCost[]): NotCounted[] {
  const byKind = new Map<string, string[]>();
  for (const layer of layers) {
    if (!layer.notCounted) continue;
    const names = byKind.get(layer.kind) ?? [];
    names.push(layer.name);
    byKind.set(layer.kind, names);
  }
  return [...byKind].map(([kind, names]) => ({ kind, layers: names }));
}

/** The layers counted at a data-dependent bound, grouped by the node that sets it, in order of first appearance. */
function dataDependentLayers(layers: readonly LayerCost[]): DataDependentLayers[] {
  const groups = new Map<string, DataDependentLayers & { layers: string[] }>();
  for (const layer of layers) {
    const bound = layer.dataDependent;
    if (bound === undefined) continue;
    const group = groups.get(bound.node) ?? { ...bound, layers: [] };
    group.layers.push(layer.name);
    groups.set(bound.node, group);
  }
  return [...groups.values()];
}

/**
 * Costs of every layer of `network` under `convention`, the totals, the share of each role
 * (the paper's Figure 3 split) and the peak activation memory. O(layers). `registry` may
 * replace or leave out rules; layers of a kind without a rule are listed in `notCounted`, after
 * them the operators an importer could not map (`Network.notCounted`).
 */
export function analyze(
  network: Network,
  convention: CountingConvention,
  registry: Partial<CostRegistry> = COST_RULES,
): CostReport {
  const layers = network.layers.map((layer) => {
    const cost = layerCost(layer, convention, registry);
    return layer.dataDependent !== undefined ? { ...cost, dataDependent: layer.dataDependent } : cost;
  });
  const dependent = dataDependentLayers(layers);
  const roles: RoleShare[] = LAYER_ROLES.map((role) => {
    const members = layers.filter((layer) => layer.role === role);
    const totals = sumCosts(members);
    return { role, macs: totals.macs, params: totals.params, layers: members.length };
  }).filter((share) => share.layers > 0);
  const peak = peakActivations(network.input, network.layers);
  return {
    model: network.model,
    parameters: network.parameters,
    convention,
    layers,
    total: sumCosts(layers),
    roles,
    peakActivations: peak,
    peakActivationBytes: peak * FLOAT32_BYTES,
    notCounted: [
      ...notCountedLayers(layers),
      ...(network.notCounted ?? []).map((op): NotCounted => ({ kind: op.op, layers: op.nodes, operator: true })),
    ],
    ...(dependent.length > 0 ? { dataDependent: dependent } : {}),
    ...(network.sharedTensors !== undefined ? { sharedTensors: network.sharedTensors } : {}),
    ...(network.boundable !== undefined ? { boundable: network.boundable } : {}),
    ...(network.paramsNote !== undefined ? { paramsNote: network.paramsNote } : {}),
  };
}
