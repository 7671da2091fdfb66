import type { FusionGraph, FusionLayer, FusionStructure } from '../model/fusion-graph.js';
import { layerStrides, type ButterflyPlan } from '../butterfly/plan.js';
import { groupedLayer } from './layered-graph.js';

/**
 * The edge layers of a butterfly plan: in layer ℓ (radix r, stride s) node u = (b, j, t)
 * connects to the r nodes (b, i, t), i = 0 … r−1. The r nodes (b, ·, t) share that target set,
 * so each layer stores one row of r targets per (b, t): n targets per layer, for n·Σr edges.
 * O(n·m).
 */
export function butterflyLayers(plan: ButterflyPlan): FusionLayer[] {
  const strides = layerStrides(plan);
  return plan.radices.map((r, layer) => {
    const s = strides[layer] ?? 1;
    // u = b·r·s + j·s + t has row b·s + t, whose first target is b·r·s + t.
    return groupedLayer(
      plan.n,
      plan.n,
      plan.n / r,
      r,
      (u) => Math.floor(u / (r * s)) * s + (u % s),
      (row, targets, at) => {
        const first = Math.floor(row / s) * r * s + (row % s);
        for (let i = 0; i < r; i++) targets[at + i] = first + i * s;
      },
    );
  });
}

/** The fusion graph of a butterfly plan (`bft` for a single base, `bft-mixed` otherwise). */
export function butterflyGraph(plan: ButterflyPlan, structure: FusionStructure, base?: number): FusionGraph {
  const parameters = base === undefined ? { radices: plan.radices } : { base, radices: plan.radices };
  return { structure, n: plan.n, parameters, layers: butterflyLayers(plan) };
}
