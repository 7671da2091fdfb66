import { layerTargets } from '../../src/graph/layered-graph.js';
import type { BottleneckCertificate } from '../../src/graph/bottleneck.js';
import type { FusionGraph } from '../../src/model/fusion-graph.js';

/**
 * Checks a bottleneck certificate against the graph alone (no code shared with the max-flow):
 * the paths are `size` node-disjoint input→output walks over the graph's edges, and the cut has
 * `size` distinct nodes whose removal leaves no output reachable from an input (a forward
 * search over the edges). By max-flow = min-cut this proves `size` is the bottleneck. Returns
 * the problems found (empty when the certificate holds).
 */
export function certificateProblems(graph: FusionGraph, certificate: BottleneckCertificate): string[] {
  const problems: string[] = [];
  const m = graph.layers.length;
  const widths = [graph.layers[0]?.inWidth ?? graph.n, ...graph.layers.map((l) => l.outWidth)];
  const used = widths.map((w) => new Uint8Array(w));
  let paths = 0;
  for (let x = 0; x < (widths[0] ?? 0); x++) {
    if ((certificate.next[0]?.[x] ?? -1) < 0) continue;
    let node = x;
    let complete = true;
    for (let c = 0; c < m; c++) {
      if (used[c]![node] === 1) problems.push(`node ${node} of column ${c} is on two paths`);
      used[c]![node] = 1;
      const to = certificate.next[c]?.[node] ?? -1;
      if (to < 0 || !layerTargets(graph.layers[c]!, node).includes(to)) {
        problems.push(`path from input ${x} breaks at column ${c}`);
        complete = false;
        break;
      }
      node = to;
    }
    if (!complete) continue;
    if (used[m]![node] === 1) problems.push(`output ${node} ends two paths`);
    used[m]![node] = 1;
    paths++;
  }
  if (paths !== certificate.size) problems.push(`${paths} paths, but size ${certificate.size}`);

  const removed = widths.map((w) => new Uint8Array(w));
  for (const { column, node } of certificate.cut) {
    if (removed[column]![node] === 1) problems.push(`cut lists node ${node} of column ${column} twice`);
    removed[column]![node] = 1;
  }
  if (certificate.cut.length !== certificate.size)
    problems.push(`cut of ${certificate.cut.length} nodes, but size ${certificate.size}`);
  let frontier = widths.map((w) => new Uint8Array(w))[0]!;
  for (let x = 0; x < frontier.length; x++) frontier[x] = removed[0]![x] === 1 ? 0 : 1;
  for (let c = 0; c < m; c++) {
    const reached = new Uint8Array(widths[c + 1] ?? 0);
    for (let x = 0; x < frontier.length; x++) {
      if (frontier[x] !== 1) continue;
      for (const y of layerTargets(graph.layers[c]!, x)) if (removed[c + 1]![y] !== 1) reached[y] = 1;
    }
    frontier = reached;
  }
  if (frontier.includes(1)) problems.push('an output is still reachable with the cut removed');
  return problems;
}
