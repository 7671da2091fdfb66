import { describe, expect, it } from '@jest/globals';
import { loadNetwork } from '../../src/index.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import type { Network } from '../../src/model/network.js';

const kinds = (network: Network, role: string) => network.layers.filter((l) => l.role === role).map((l) => l.layer.kind);
const oneByOne = (network: Network, role: string) => network.layers.filter((l) => l.role === role && l.layer.kind === 'conv2d' && l.layer.kernelH === 1);

describe('applyFusion', () => {
  it('replaces every dense 1×1 channel-fusion conv and nothing else; the input network is unchanged', () => {
    const dense = loadNetwork({ model: 'mobilenet-v3-small' });
    const before = JSON.stringify(dense.layers.map((l) => l.layer));
    const fused = applyFusion(dense, DEFAULT_BFT);
    expect(JSON.stringify(dense.layers.map((l) => l.layer))).toBe(before);
    expect(oneByOne(fused, 'channel-fusion')).toHaveLength(0);
    expect(kinds(fused, 'channel-fusion').filter((k) => k === 'butterfly')).toHaveLength(oneByOne(dense, 'channel-fusion').length);
    // squeeze-excite 1×1s stay dense unless asked (the paper does not say)
    const se = oneByOne(dense, 'squeeze-excite').length;
    expect(se).toBeGreaterThan(0);
    expect(oneByOne(fused, 'squeeze-excite')).toHaveLength(se);
    expect(oneByOne(applyFusion(dense, { ...DEFAULT_BFT, includeSqueezeExcite: true }), 'squeeze-excite')).toHaveLength(0);
    // depthwise, stem and classifier untouched
    for (const role of ['depthwise', 'stem', 'classifier']) expect(kinds(fused, role)).toEqual(kinds(dense, role));
  });

  it('honours the architecture keep-dense rule (ShuffleNetV2: the 1×1s reading the 24-channel stem) unless --fuse-all', () => {
    const dense = loadNetwork({ model: 'shufflenet-v2', parameters: { width: 1 } });
    const kept = dense.layers.filter((l) => l.keepDense);
    expect(kept.length).toBe(2);
    for (const layer of kept) expect(layer.inputs[0]?.channels).toBe(24);
    const fused = applyFusion(dense, DEFAULT_BFT);
    expect(oneByOne(fused, 'channel-fusion').map((l) => l.name).sort()).toEqual(kept.map((l) => l.name).sort());
    expect(oneByOne(applyFusion(dense, { ...DEFAULT_BFT, ignoreKeepDense: true }), 'channel-fusion')).toHaveLength(0);
  });

  it('adds the first-to-last residual only where n_in = n_out', () => {
    const fused = applyFusion(loadNetwork({ model: 'mobilenet-v1' }), DEFAULT_BFT);
    for (const layer of fused.layers) {
      if (layer.layer.kind !== 'butterfly') continue;
      expect(layer.layer.residual).toBe(layer.layer.inChannels === layer.layer.outChannels);
    }
    const none = applyFusion(loadNetwork({ model: 'mobilenet-v1' }), { ...DEFAULT_BFT, residual: false });
    expect(none.layers.some((l) => l.layer.kind === 'butterfly' && l.layer.residual)).toBe(false);
  });
});
