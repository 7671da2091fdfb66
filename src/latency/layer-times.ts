/**
 * Profiled node times → per-layer times, next to each layer's MACs and bytes moved. Exported node
 * names start with their layer's name (`block3/pointwise/bft0/Conv`); the runtime renames what it
 * fuses after the fused node's output (`block3/relu/Clip:0_nchwc` holds the conv, its BN and its
 * activation), and adds nodes of its own (layout reorders). Pure.
 */
import type { CostReport } from '../model/cost.js';
import type { LayerKind, LayerRole } from '../model/layer.js';
import type { Network } from '../model/network.js';
import { layerBytes } from './bytes-moved.js';
import { roofline, type DeviceProfile, type Roofline } from './device-profile.js';
import type { NodeTime } from './profile-events.js';

/** One layer's measured time and costs. */
export interface LayerTime {
  readonly layer: string;
  readonly kind: LayerKind;
  readonly role: LayerRole;
  readonly macs: bigint;
  readonly params: bigint;
  /** Bytes its exported operators move, and the least a fused kernel must move (see `bytes-moved.ts`). */
  readonly bytesExported: bigint;
  readonly bytesMinimum: bigint;
  /** Sum of the median kernel times of its nodes, µs (0 when the runtime fused it into another layer). */
  readonly microseconds: number;
  /** Runtime nodes attributed to it. */
  readonly nodes: number;
  /** The roofline prediction on a device profile (bytes as exported), when one was given. */
  readonly roofline?: Roofline;
}

/** Per-layer times, and the nodes no layer owns (runtime reorders, the output Identity). */
export interface LayerTimes {
  readonly layers: readonly LayerTime[];
  readonly unattributed: readonly NodeTime[];
}

const CONV_OPS = new Set(['Conv', 'FusedConv', 'NchwcConv', 'QLinearConv']);

/**
 * Attributes every node to the layer whose name is the longest prefix of the node's name (the
 * name itself or followed by `/`). A Conv kernel named after a BN or activation layer (runtime
 * fusion) goes to the conv or butterfly layer that feeds it through BN and activation layers.
 * O(nodes · depth of the name + layers).
 */
export function layerTimes(network: Network, report: CostReport, nodes: readonly NodeTime[]): LayerTimes {
  const index = new Map(network.layers.map((entry, i) => [entry.name, i]));
  const writer = new Map(network.layers.map((entry, i) => [entry.writes, i]));
  const micro = network.layers.map(() => 0);
  const counts = network.layers.map(() => 0);
  const unattributed: NodeTime[] = [];
  for (const node of nodes) {
    let owner = ownerOf(node.node, index);
    if (owner === undefined) {
      unattributed.push(node);
      continue;
    }
    if (CONV_OPS.has(node.op)) {
      // Walk back through BN and activations to the conv the runtime fused them into.
      let entry = network.layers[owner];
      while (entry !== undefined && (entry.layer.kind === 'batchnorm' || entry.layer.kind === 'activation')) {
        const previous = writer.get(entry.reads[0] ?? -1);
        if (previous === undefined) break;
        owner = previous;
        entry = network.layers[owner];
      }
    }
    micro[owner] = (micro[owner] ?? 0) + node.microseconds;
    counts[owner] = (counts[owner] ?? 0) + 1;
  }
  const layers = network.layers.map((entry, i): LayerTime => {
    const cost = report.layers[i];
    const params = cost?.params ?? 0n;
    const bytes = layerBytes(entry, params);
    return {
      layer: entry.name,
      kind: entry.layer.kind,
      role: entry.role,
      macs: cost?.macs ?? 0n,
      params,
      bytesExported: bytes.exported,
      bytesMinimum: bytes.minimum,
      microseconds: micro[i] ?? 0,
      nodes: counts[i] ?? 0,
    };
  });
  return { layers, unattributed };
}

/**
 * The layer owning a runtime node: the node's name without the runtime's output suffix
 * (`relu/Clip:0_nchwc` → `relu/Clip`), then the layer named so or the longest `/`-prefix of it
 * naming a layer; failing that, the first layer sharing the longest path prefix with it (an
 * imported graph names layers after one of several nodes, e.g. a shuffle after its last Reshape).
 */
function ownerOf(node: string, index: ReadonlyMap<string, number>): number | undefined {
  // PyTorch names its nodes by module path with a leading slash; the importer's layer names drop it.
  const name = node.replace(/:\d+(_\w+)?$/, '').replace(/^\//, '');
  const exact = index.get(name);
  if (exact !== undefined) return exact;
  const parts = name.split('/');
  for (let k = parts.length - 1; k >= 1; k--) {
    const found = index.get(parts.slice(0, k).join('/'));
    if (found !== undefined) return found;
  }
  let best: number | undefined;
  let bestDepth = 0;
  for (const [layer, i] of index) {
    const other = layer.split('/');
    let depth = 0;
    while (depth < parts.length - 1 && depth < other.length - 1 && parts[depth] === other[depth]) depth++;
    if (depth > bestDepth || (depth === bestDepth && depth > 0 && best !== undefined && i < best)) {
      best = i;
      bestDepth = depth;
    }
  }
  return best;
}

/** The same times with every layer's roofline prediction on `profile` (bytes as exported). O(layers). */
export function withRoofline(times: LayerTimes, profile: DeviceProfile): LayerTimes {
  return {
    ...times,
    layers: times.layers.map((l) => ({ ...l, roofline: roofline(l.macs, l.bytesExported, profile) })),
  };
}
