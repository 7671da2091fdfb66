/**
 * Roles of imported layers, from the graph (the zoo's roles, derived without an architecture
 * file):
 * - stem: the first convolution in execution order;
 * - depthwise: a grouped conv with groups = C_in (> 1);
 * - channel-fusion: a 1×1 conv (any groups not depthwise) on a feature map larger than 1×1;
 * - squeeze-excite: a 1×1 conv on a 1×1 map from which a multiplicative gate (`multiply`) is
 *   reached through layers that keep the map 1×1;
 * - classifier: a `linear` layer, or a 1×1 conv on a 1×1 map that feeds no gate;
 * - spatial: any other conv;
 * - other: everything else (unless the operator fixed a role).
 * O(layers + reads).
 */
import type { LayerRole } from '../model/layer.js';
import type { NetworkLayer } from '../model/network.js';

/** A layer as the walk emitted it, before roles. */
export interface EmittedLayer {
  readonly layer: NetworkLayer;
  /** The operator fixed the role (kept as is). */
  readonly fixedRole: boolean;
}

/** The layers with their roles. */
export function inferRoles(emitted: readonly EmittedLayer[]): NetworkLayer[] {
  const consumers = new Map<number, number[]>();
  emitted.forEach(({ layer }, index) => {
    for (const tensor of new Set(layer.reads)) consumers.set(tensor, [...(consumers.get(tensor) ?? []), index]);
  });
  const pooled = (index: number) => {
    const output = emitted[index]?.layer.output;
    return output !== undefined && output.height * output.width === 1;
  };
  /** Whether a `multiply` is reached from layer `start` through 1×1 maps. */
  const reachesGate = (start: number): boolean => {
    const seen = new Set<number>([start]);
    const queue = [start];
    while (queue.length > 0) {
      const index = queue.shift() as number;
      const writes = emitted[index]?.layer.writes;
      for (const next of writes === undefined ? [] : consumers.get(writes) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        if (emitted[next]?.layer.layer.kind === 'multiply') return true;
        if (pooled(next)) queue.push(next);
      }
    }
    return false;
  };
  let stemSeen = false;
  return emitted.map(({ layer, fixedRole }, index): NetworkLayer => {
    if (fixedRole) return layer;
    const record = layer.layer;
    let role: LayerRole = 'other';
    if (record.kind === 'linear') role = 'classifier';
    if (record.kind === 'conv2d') {
      const input = layer.inputs[0];
      const inputPixels = input === undefined ? 1 : input.height * input.width;
      if (!stemSeen) role = 'stem';
      else if (record.groups > 1 && record.groups === record.inChannels) role = 'depthwise';
      else if (record.kernelH === 1 && record.kernelW === 1) role = inputPixels > 1 ? 'channel-fusion' : reachesGate(index) ? 'squeeze-excite' : 'classifier';
      else role = 'spatial';
      stemSeen = true;
    }
    return role === layer.role ? layer : { ...layer, role };
  });
}
