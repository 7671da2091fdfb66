import { describe, expect, it } from '@jest/globals';
import { loadNetwork } from '../../src/index.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import type { Network } from '../../src/model/network.js';

const kinds = (network: Network, role: string) =>
  network.layers.filter((l) => l.role === role).map((l) => l.layer.kind);
const oneByOne = (network: Network, role: string) =>
  network.layers.filter((l) => l.role === role && l.layer.kind === 'conv2d' && l.layer.kernelH === 1);

describe('applyFusion', () => {
  it('replaces every dense 1×1 channel-fusion conv and nothing else; the input network is unchanged', () => {
    const dense = loadNetwork({ model: 'mobilenet-v3-small' });
    const before = JSON.stringify(dense.layers.map((l) => l.layer));
    const fused = applyFusion(dense, DEFAULT_BFT);
    expect(JSON.stringify(dense.layers.map((l) => l.layer))).toBe(before);
    // MobileNetV3-Small (Howard et al. 2019, Table 2): 11 bneck blocks with an expansion 1×1 in all
    // but the first (whose expansion size equals its input, 16) and a projection 1×1 in each, plus
    // the last-stage 1×1 conv to 576 channels: 10 + 11 + 1 = 22 dense 1×1 channel-fusion convs.
    expect(oneByOne(dense, 'channel-fusion')).toHaveLength(22);
    expect(oneByOne(fused, 'channel-fusion')).toHaveLength(0);
    expect(kinds(fused, 'channel-fusion').filter((k) => k === 'butterfly')).toHaveLength(22);
    // squeeze-excite 1×1s stay dense unless asked (the paper does not say)
    const se = oneByOne(dense, 'squeeze-excite').length;
    expect(se).toBeGreaterThan(0);
    expect(oneByOne(fused, 'squeeze-excite')).toHaveLength(se);
    expect(oneByOne(applyFusion(dense, { ...DEFAULT_BFT, includeSqueezeExcite: true }), 'squeeze-excite')).toHaveLength(
      0,
    );
    // depthwise, stem and classifier untouched
    for (const role of ['depthwise', 'stem', 'classifier']) expect(kinds(fused, role)).toEqual(kinds(dense, role));
  });

  it('honours the architecture keep-dense rule (ShuffleNetV2: the 1×1s reading the 24-channel stem) unless --fuse-all', () => {
    const dense = loadNetwork({ model: 'shufflenet-v2', parameters: { width: 1 } });
    const kept = dense.layers.filter((l) => l.keepDense);
    expect(kept.length).toBe(2);
    for (const layer of kept) expect(layer.inputs[0]?.channels).toBe(24);
    const fused = applyFusion(dense, DEFAULT_BFT);
    expect(
      oneByOne(fused, 'channel-fusion')
        .map((l) => l.name)
        .sort(),
    ).toEqual(kept.map((l) => l.name).sort());
    expect(oneByOne(applyFusion(dense, { ...DEFAULT_BFT, ignoreKeepDense: true }), 'channel-fusion')).toHaveLength(0);
  });

  it('adds the first-to-last residual only where n_in = n_out', () => {
    const fused = applyFusion(loadNetwork({ model: 'mobilenet-v1' }), DEFAULT_BFT);
    const butterflies = fused.layers.flatMap((l) => (l.layer.kind === 'butterfly' ? [l.layer] : []));
    // MobileNetV1's 13 pointwise convs (Howard et al. 2017, Table 1) as n_in → n_out; the square
    // ones (128→128, 256→256, 5 × 512→512, 1024→1024) are the 8 that get the residual.
    expect(butterflies.map((b) => `${b.inChannels}→${b.outChannels}`)).toEqual([
      '32→64',
      '64→128',
      '128→128',
      '128→256',
      '256→256',
      '256→512',
      '512→512',
      '512→512',
      '512→512',
      '512→512',
      '512→512',
      '512→1024',
      '1024→1024',
    ]);
    expect(butterflies.map((b) => b.residual)).toEqual([
      false,
      false,
      true,
      false,
      true,
      false,
      true,
      true,
      true,
      true,
      true,
      false,
      true,
    ]);
    const none = applyFusion(loadNetwork({ model: 'mobilenet-v1' }), { ...DEFAULT_BFT, residual: false });
    expect(none.layers.filter((l) => l.layer.kind === 'butterfly')).toHaveLength(13);
    expect(none.layers.some((l) => l.layer.kind === 'butterfly' && l.layer.residual)).toBe(false);
  });
});
