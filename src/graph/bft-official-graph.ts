import type { FusionGraph } from '../model/fusion-graph.js';
import { butterflyPlan } from '../butterfly/plan.js';
import { officialEdge } from '../butterfly/official.js';
import { checkStoredTargets, layerFromEdges } from './layered-graph.js';

/**
 * The official code's butterfly as a graph: one edge per weight (ℓ, d, mixture) of
 * `butterfly.py`, between the states its index formula passes through (`officialEdge`).
 * n = k^L; k·n·L edges, all stored (more than `MAX_STORED_TARGETS` is a `UserError`). O(k·n·L).
 */
export function bftOfficialGraph(n: number, base: number): FusionGraph {
  const L = butterflyPlan(n, base).radices.length;
  checkStoredTargets(BigInt(base) * BigInt(n) * BigInt(L), 'base');
  const layers = [];
  for (let layer = 0; layer < L; layer++) {
    const sources = new Uint32Array(base * n);
    const ends = new Uint32Array(base * n);
    let e = 0;
    for (let digit = 0; digit < base; digit++) {
      for (let mixture = 0; mixture < n; mixture++) {
        const [source, target] = officialEdge(n, base, layer, digit, mixture);
        sources[e] = source;
        ends[e] = target;
        e++;
      }
    }
    layers.push(layerFromEdges(n, n, sources, ends));
  }
  return { structure: 'bft-official', n, parameters: { base }, layers };
}
