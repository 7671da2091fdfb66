import type { FusionGraph, LayerOutDegree } from '../model/fusion-graph.js';
import { outDegree } from './layered-graph.js';

/**
 * Out-degree of every layer (criterion 4, operation symmetry): one number when all nodes of the
 * layer share it, else {min, max}. O(Σ inWidth).
 */
export function outDegrees(graph: FusionGraph): LayerOutDegree[] {
  return graph.layers.map((layer) => {
    let min = Infinity;
    let max = 0;
    for (let u = 0; u < layer.inWidth; u++) {
      const degree = outDegree(layer, u);
      if (degree < min) min = degree;
      if (degree > max) max = degree;
    }
    return min === max ? min : { min, max };
  });
}
