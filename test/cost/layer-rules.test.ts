import { describe, expect, it } from '@jest/globals';
import { layerCost } from '../../src/cost/layer-cost.js';
import { butterflyEdges } from '../../src/cost/butterfly.js';
import { ALL_OPS_CONVENTION, PAPER_CONVENTION } from '../../src/model/convention.js';
import type { Layer } from '../../src/model/layer.js';
import type { NetworkLayer } from '../../src/model/network.js';
import type { Shape } from '../../src/model/shape.js';

function node(layer: Layer, inputs: Shape[], output: Shape): NetworkLayer {
  return { name: 'x', role: 'other', layer, inputs, output, reads: [0], writes: 1, source: '' };
}

describe('conv2d', () => {
  // Oracle: the definition of a grouped convolution written out by hand — every output element
  // (C_out × H_out × W_out of them) sums (C_in / groups) × K × K products.
  it('matches H_out·W_out·C_out·(C_in/g)·K² and C_out·(C_in/g)·K² on a grid', () => {
    for (const cIn of [3, 8, 24, 96]) {
      for (const groupsDivisor of [1, 2, 3, 0]) {
        const groups = groupsDivisor === 0 ? cIn : cIn % groupsDivisor === 0 ? groupsDivisor : 1;
        for (const cOut of [groups * 2, groups * 5]) {
          for (const k of [1, 3, 5, 7]) {
            for (const [h, w] of [
              [1, 1],
              [7, 7],
              [56, 28],
              [112, 112],
            ] as const) {
              for (const bias of [false, true]) {
                const layer: Layer = {
                  kind: 'conv2d',
                  inChannels: cIn,
                  outChannels: cOut,
                  kernelH: k,
                  kernelW: k,
                  stride: 1,
                  padding: { mode: 'same' },
                  groups,
                  bias,
                };
                const cost = layerCost(
                  node(layer, [{ channels: cIn, height: h, width: w }], { channels: cOut, height: h, width: w }),
                  ALL_OPS_CONVENTION,
                );
                let macs = 0n;
                for (let o = 0; o < cOut; o++) macs += BigInt((cIn / groups) * k * k);
                macs *= BigInt(h * w);
                expect(cost.macs).toBe(macs);
                expect(cost.params).toBe(BigInt(cOut * (cIn / groups) * k * k + (bias ? cOut : 0)));
                expect(cost.extraOps).toBe(bias ? BigInt(cOut * h * w) : 0n);
                expect(cost.activations).toBe(BigInt(cOut * h * w));
              }
            }
          }
        }
      }
    }
  });

  it('counts the MobileNetV1 first conv as published layer arithmetic (224 → 112, 32 filters)', () => {
    const layer: Layer = {
      kind: 'conv2d',
      inChannels: 3,
      outChannels: 32,
      kernelH: 3,
      kernelW: 3,
      stride: 2,
      padding: { mode: 'same' },
      groups: 1,
      bias: false,
    };
    const cost = layerCost(
      node(layer, [{ channels: 3, height: 224, width: 224 }], { channels: 32, height: 112, width: 112 }),
      PAPER_CONVENTION,
    );
    expect(cost.macs).toBe(10_838_016n); // 112·112·32·27
    expect(cost.substituted).toBe('112 * 112 * 32 * (3 / 1) * 3 * 3');
  });
});

describe('linear, batchnorm, pooling, element-wise', () => {
  it('linear: in·out MACs, in·out + out params', () => {
    const layer: Layer = { kind: 'linear', inFeatures: 1024, outFeatures: 1000, bias: true };
    const cost = layerCost(
      node(layer, [{ channels: 1024, height: 1, width: 1 }], { channels: 1000, height: 1, width: 1 }),
      PAPER_CONVENTION,
    );
    expect(cost.macs).toBe(1_024_000n);
    expect(cost.params).toBe(1_025_000n);
    expect(cost.extraOps).toBe(0n);
  });

  it('batchnorm: 2C params (PyTorch γ, β), 0 under TF-slim weights, 3C in a TF-slim checkpoint (β, moving mean, variance), 2 ops per element', () => {
    const layer: Layer = { kind: 'batchnorm', channels: 64 };
    const shape = { channels: 64, height: 10, width: 10 };
    expect(layerCost(node(layer, [shape], shape), PAPER_CONVENTION).params).toBe(128n);
    expect(layerCost(node(layer, [shape], shape), { ...PAPER_CONVENTION, paramsRule: 'tf-slim' }).params).toBe(0n);
    expect(
      layerCost(node(layer, [shape], shape), { ...PAPER_CONVENTION, paramsRule: 'tf-slim-checkpoint' }).params,
    ).toBe(192n);
    expect(layerCost(node(layer, [shape], shape), ALL_OPS_CONVENTION).extraOps).toBe(12_800n);
    expect(layerCost(node(layer, [shape], shape), ALL_OPS_CONVENTION).macs).toBe(0n);
  });

  it('pooling and merges cost only extra ops, per documented per-element costs', () => {
    const input = { channels: 24, height: 112, width: 112 };
    const output = { channels: 24, height: 56, width: 56 };
    const max: Layer = { kind: 'pool', op: 'max', kernel: 3, stride: 2, padding: { mode: 'same' } };
    expect(layerCost(node(max, [input], output), ALL_OPS_CONVENTION).extraOps).toBe(BigInt(8 * 24 * 56 * 56));
    expect(layerCost(node(max, [input], output), PAPER_CONVENTION).extraOps).toBe(0n);
    const global: Layer = { kind: 'global-pool', op: 'avg' };
    expect(layerCost(node(global, [output], { channels: 24, height: 1, width: 1 }), ALL_OPS_CONVENTION).extraOps).toBe(
      BigInt(24 * 56 * 56),
    );
    const add: Layer = { kind: 'add' };
    expect(layerCost(node(add, [output, output], output), ALL_OPS_CONVENTION).extraOps).toBe(BigInt(24 * 56 * 56));
    const shuffle: Layer = { kind: 'shuffle', groups: 2 };
    const shuffleCost = layerCost(node(shuffle, [output], output), ALL_OPS_CONVENTION);
    expect([shuffleCost.macs, shuffleCost.params, shuffleCost.extraOps]).toEqual([0n, 0n, 0n]);
  });
});

describe('butterfly', () => {
  // Oracle: bft-paper.md §2 — for n = k^L, MACs per pixel = params = k·n·log_k n (2n·log2 n at k = 2).
  it('equals k·n·L for n = k^L', () => {
    for (const k of [2, 3, 4, 8]) {
      for (let level = 1, n = k; n <= 4096; level++, n *= k) {
        const edges = butterflyEdges({
          inChannels: n,
          outChannels: n,
          base: k,
          logMode: 'ceil',
          shapePolicy: 'official',
        });
        expect(edges).toBe(BigInt(k * n * level));
        for (const mode of ['real', 'padded'] as const) {
          expect(
            butterflyEdges({ inChannels: n, outChannels: n, base: k, logMode: mode, shapePolicy: 'official' }),
          ).toBe(BigInt(k * n * level));
        }
      }
    }
  });

  it('handles sizes that are not powers of k and n_in ≠ n_out as the official code (hand values)', () => {
    const edges = (
      inChannels: number,
      outChannels: number,
      base: number,
      logMode: 'ceil' | 'real' | 'padded' | 'mixed-radix' = 'ceil',
      shapePolicy: 'official' | 'square-max' = 'official',
    ) => butterflyEdges({ inChannels, outChannels, base, logMode, shapePolicy });
    // 116 channels, k = 4: L = 4 (4^3 = 64 < 116 ≤ 256) → 4·116·4
    expect(edges(116, 116, 4)).toBe(1856n);
    // padded to 256: 4·256·4
    expect(edges(116, 116, 4, 'padded')).toBe(4096n);
    // mixed radix 116 = 2·2·29 → 116·(2+2+29)
    expect(edges(116, 116, 4, 'mixed-radix')).toBe(3828n);
    // real log: 4·116·log_4(116) = 464·3.4290… = 1591.07…
    expect(edges(116, 116, 4, 'real')).toBe(1591n);
    // widening 512 → 1024: two squares of 512, L = 5 → 2·4·512·5
    expect(edges(512, 1024, 4)).toBe(20_480n);
    // narrowing 1024 → 512: same two squares
    expect(edges(1024, 512, 4)).toBe(20_480n);
    // 24 → 116: ceil(116/24) = 5 squares of 24, L = 3 (16 < 24 ≤ 64) → 5·4·24·3
    expect(edges(24, 116, 4)).toBe(1440n);
    // square-max: one square of 116, L = 4
    expect(edges(24, 116, 4, 'ceil', 'square-max')).toBe(1856n);
  });

  it('charges the residual only as extra element-wise ops', () => {
    const layer: Layer = {
      kind: 'butterfly',
      inChannels: 64,
      outChannels: 64,
      base: 4,
      logMode: 'ceil',
      shapePolicy: 'official',
      residual: true,
    };
    const shape = { channels: 64, height: 7, width: 7 };
    const paper = layerCost(node(layer, [shape], shape), PAPER_CONVENTION);
    const all = layerCost(node(layer, [shape], shape), ALL_OPS_CONVENTION);
    expect(paper.macs).toBe(BigInt(49 * 768));
    expect(paper.params).toBe(768n);
    expect(paper.extraOps).toBe(0n);
    expect(all.extraOps).toBe(BigInt(64 * 49));
  });
});
