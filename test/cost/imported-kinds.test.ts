import { describe, expect, it } from '@jest/globals';
import { layerCost } from '../../src/cost/layer-cost.js';
import { ALL_OPS_CONVENTION, PAPER_CONVENTION } from '../../src/model/convention.js';
import type { Layer } from '../../src/model/layer.js';
import type { NetworkLayer } from '../../src/model/network.js';
import type { Shape } from '../../src/model/shape.js';

const at = (layer: Layer, inputs: Shape[], output: Shape): NetworkLayer => ({
  name: 'l',
  role: 'other',
  layer,
  inputs,
  output,
  reads: [0],
  writes: 1,
  source: '',
});

describe('cost rules of the kinds imported models add', () => {
  it('matmul: batch·M·K·N MACs (4 heads of a 5×8 · 8×6 product: 960), no params', () => {
    const cost = layerCost(
      at({ kind: 'matmul', batch: 4, m: 5, k: 8, n: 6 }, [], { channels: 4, height: 5, width: 6 }),
      ALL_OPS_CONVENTION,
    );
    expect([cost.macs, cost.params, cost.extraOps]).toEqual([960n, 0n, 0n]);
  });

  it('elementwise: recorded params; ops per output element only under its group switch', () => {
    const layer: Layer = {
      kind: 'elementwise',
      op: 'LayerNormalization',
      group: 'normalization',
      opsPerElement: 7,
      params: 10,
    };
    const out = { channels: 2, height: 3, width: 5 };
    expect(layerCost(at(layer, [out], out), ALL_OPS_CONVENTION).extraOps).toBe(7n * 30n);
    expect(layerCost(at(layer, [out], out), { ...PAPER_CONVENTION, extraActivations: true }).extraOps).toBe(0n);
    expect(layerCost(at(layer, [out], out), PAPER_CONVENTION).params).toBe(10n);
  });

  it('conv-transpose: H_in·W_in·C_in·(C_out/g)·kH·kW MACs, weights (+ bias) params, bias adds per output element', () => {
    const cost = layerCost(
      at(
        { kind: 'conv-transpose', inChannels: 4, outChannels: 6, kernelH: 3, kernelW: 2, groups: 2, bias: true },
        [{ channels: 4, height: 5, width: 5 }],
        { channels: 6, height: 10, width: 10 },
      ),
      ALL_OPS_CONVENTION,
    );
    // 25 inputs · 4 channels · 3 outputs per group · 6 taps
    expect([cost.macs, cost.params, cost.extraOps]).toEqual([25n * 4n * 3n * 6n, 4n * 3n * 6n + 6n, 600n]);
  });
});
