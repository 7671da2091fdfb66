import type { FusionGraph, FusionLayer, FusionStructure } from '../model/fusion-graph.js';
import { layerStrides, type ButterflyPlan } from '../butterfly/plan.js';
import { regularLayer } from './layered-graph.js';

/**
 * The edge layers of a butterfly plan: in layer ℓ (radix r, stride s) node u = (b, j, t)
 * connects to the r nodes (b, i, t), i = 0 … r−1. n·Σr edges. O(n·Σr).
 */
export function butterflyLayers(plan: ButterflyPlan): FusionLayer[] {
  const strides = layerStrides(plan);
  return plan.radices.map((r, layer) => {
    const s = strides[layer] ?? 1;
    return regularLayer(plan.n, plan.n, r, (u, targets, at) => {
      const first = u - (Math.floor(u / s) % r) * s;
      for (let i = 0; i < r; i++) targets[at + i] = first + i * s;
    });
  });
}

/** The fusion graph of a butterfly plan (`bft` for a single base, `bft-mixed` otherwise). */
export function butterflyGraph(plan: ButterflyPlan, structure: FusionStructure, base?: number): FusionGraph {
  const parameters = base === undefined ? { radices: plan.radices } : { base, radices: plan.radices };
  return { structure, n: plan.n, parameters, layers: butterflyLayers(plan) };
}
