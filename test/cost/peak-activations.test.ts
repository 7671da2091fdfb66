import { describe, expect, it } from '@jest/globals';
import { peakActivations } from '../../src/cost/peak-activations.js';
import type { NetworkLayer } from '../../src/model/network.js';
import type { Shape } from '../../src/model/shape.js';

const shape = (channels: number): Shape => ({ channels, height: 1, width: 1 });
function step(reads: number[], writes: number, channels: number): NetworkLayer {
  return {
    name: `t${writes}`,
    role: 'other',
    layer: { kind: 'add' },
    inputs: reads.map(() => shape(1)),
    output: shape(channels),
    reads,
    writes,
    source: '',
  };
}

describe('peakActivations', () => {
  it('a chain holds input and output of one step at a time', () => {
    // 10 → 20 → 5: peaks at 10 + 20 = 30, then 20 + 5 = 25.
    expect(peakActivations(shape(10), [step([0], 1, 20), step([1], 2, 5)])).toBe(30n);
  });

  it('a residual keeps the block input alive across the branch', () => {
    // input 8; t1 = f(t0) 8; t2 = g(t1) 8; t3 = t0 + t2 8. At step 2: t0, t1, t2 live = 24.
    expect(peakActivations(shape(8), [step([0], 1, 8), step([1], 2, 8), step([0, 2], 3, 8)])).toBe(24n);
  });
});
