import { layerFromEdges } from '../../src/graph/layered-graph.js';
import type { FusionGraph } from '../../src/model/fusion-graph.js';

/** A seeded random layered graph (test fixture): each possible edge present with probability `density`. */
export function randomLayered(widths: number[], density: number, seed: number): FusionGraph {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const layers = widths.slice(1).map((out, c) => {
    const sources: number[] = [];
    const ends: number[] = [];
    for (let u = 0; u < (widths[c] ?? 0); u++)
      for (let v = 0; v < out; v++)
        if (random() < density) {
          sources.push(u);
          ends.push(v);
        }
    return layerFromEdges(widths[c] ?? 0, out, Uint32Array.from(sources), Uint32Array.from(ends));
  });
  return { structure: 'random', n: widths[0] ?? 0, parameters: {}, layers };
}
