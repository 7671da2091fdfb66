import { describe, expect, it } from '@jest/globals';
import type { FusionGraph } from '../../src/model/fusion-graph.js';
import { generateStructure } from '../../src/graph/generate.js';
import { reachability } from '../../src/graph/reachability.js';
import { terminalProgress } from '../../src/cli/progress.js';
import { randomLayered } from './random-layered.js';

/** Unreachable pairs by one search per input, column by column (independent oracle). */
function bruteUnreachable(graph: FusionGraph): bigint {
  const inputs = graph.layers[0]?.inWidth ?? 0;
  const outputs = graph.layers[graph.layers.length - 1]?.outWidth ?? 0;
  let unreachable = 0;
  for (let s = 0; s < inputs; s++) {
    let column = [s];
    for (const layer of graph.layers) {
      const seen = new Uint8Array(layer.outWidth);
      const next: number[] = [];
      const { rowOf, rowStarts, targets } = layer;
      for (const u of column) {
        const row = rowOf[u] ?? 0;
        for (let e = rowStarts[row] ?? 0; e < (rowStarts[row + 1] ?? 0); e++) {
          const v = targets[e] ?? 0;
          if (seen[v] === 0) {
            seen[v] = 1;
            next.push(v);
          }
        }
      }
      column = next;
    }
    unreachable += outputs - column.length;
  }
  return BigInt(unreachable);
}

describe('word-parallel reachability', () => {
  it('counts unreachable pairs like a per-input search, across several blocks and both block orders', () => {
    const graphs = [
      generateStructure('random', 5000, { degree: 2, layers: 6, seed: 3 }), // 3 blocks of 2048, the last partial
      generateStructure('random', 300, { degree: 3, layers: 3, seed: 5 }),
      generateStructure('shuffle', 4096, { groups: 128 }), // wide groups: not every-to-all
      generateStructure('bft', 4096, { base: 4 }),
      generateStructure('low-rank', 100, { rank: 3 }),
      randomLayered([40, 7, 33, 40], 0.08, 3),
      randomLayered([9, 60, 2, 9], 0.5, 4),
    ];
    for (const graph of graphs) {
      const expected = bruteUnreachable(graph);
      const found = reachability(graph, { workCap: Infinity });
      expect(found).toEqual({ everyToAll: expected === 0n, unreachablePairs: expected });
    }
  });

  it('stops counting past the work cap once a pair is unreachable, but never decides every-to-all by sampling', () => {
    const sparse = generateStructure('random', 5000, { degree: 2, layers: 6, seed: 3 });
    expect(reachability(sparse, { workCap: 0 })).toEqual({ everyToAll: false, unreachablePairs: null });
    const bft = generateStructure('bft', 8192);
    expect(reachability(bft, { workCap: 0 })).toEqual({ everyToAll: true, unreachablePairs: 0n });
  });
});

describe('terminal progress', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return {
      written,
      isTTY,
      write: (text: string) => {
        written.push(text);
        return true;
      },
    };
  };

  it('writes nothing when the stream is not a terminal, however long the work', () => {
    let time = 0;
    const pipe = stream(false);
    const progress = terminalProgress(pipe, 'x', 2000, () => time);
    for (time = 0; time < 60_000; time += 100) progress.report('phase', time, 60_000);
    progress.finish();
    expect(pipe.written).toEqual([]);
  });

  it('on a terminal, stays silent for the first 2 s, then rewrites one line and erases it at the end', () => {
    let time = 0;
    const tty = stream(true);
    const progress = terminalProgress(tty, 'butterflops criteria', 2000, () => time);
    time = 1999;
    progress.report('reachability', 1, 32);
    expect(tty.written).toEqual([]);
    time = 2500;
    progress.report('reachability', 8, 32);
    time = 2600;
    progress.report('reachability', 9, 32); // within 250 ms: skipped
    progress.finish();
    expect(tty.written).toEqual(['\r\x1b[Kbutterflops criteria: reachability 8/32 (25 %)', '\r\x1b[K']);
  });
});
