/**
 * Operators on 5-D (N × C × T × H × W) input, issue 21 item 1: every count here is derived by
 * hand in the comment next to it (output elements × C_in/groups × ∏kernel for convolutions; the
 * window and element counts of the pools, BN, Resize, Pad and the element-wise family).
 */
import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../../src/cost/analyze.js';
import { applyFusion } from '../../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../../src/fusion/strategy.js';
import { ALL_OPS_CONVENTION, PAPER_CONVENTION } from '../../../src/model/convention.js';
import { countGraph, importGraph, int64s, node, weight, type Attr } from '../onnx-test-graph.js';

/** One Conv on an input of `input` dims with weight `w` (and a bias when asked). */
function conv(input: number[], w: number[], attrs: Record<string, Attr> = {}, bias = false) {
  return {
    inputs: [['x', input]] as const,
    initializers: [weight('w', w), ...(bias ? [weight('b', [w[0] ?? 0])] : [])],
    nodes: [node('Conv', ['x', 'w', ...(bias ? ['b'] : [])], ['y'], attrs)],
  };
}

/** One single-input node on an input of `input` dims. */
function single(op: string, input: number[], attrs: Record<string, Attr> = {}) {
  return { inputs: [['x', input]] as const, nodes: [node(op, ['x'], ['y'], attrs)] };
}

describe('Conv on a clip (Conv3d)', () => {
  it('counts T′·H′·W′·M·(C/g)·kT·kH·kW MACs with the time axis kept in the output shape', () => {
    // 3→8, 3×3×3, strides (1, 2, 2), pads 1 on 8×16×16: T′ = 8 + 2 − 3 + 1 = 8,
    // H′ = W′ = ⌊(16 + 2 − 3) / 2⌋ + 1 = 8; MACs 8·8·8·8·3·27 = 331,776; params 8·3·27 + 8
    const spec = conv(
      [1, 3, 8, 16, 16],
      [8, 3, 3, 3, 3],
      { strides: { ints: [1, 2, 2] }, pads: { ints: [1, 1, 1, 1, 1, 1] } },
      true,
    );
    const report = countGraph(spec);
    expect(report.layers[0]?.output).toEqual({ channels: 8, outer: [8], height: 8, width: 8 });
    expect(report.layers[0]?.formula).toBe('T_out * H_out * W_out * C_out * (C_in / groups) * K_t * K_h * K_w');
    expect(report.total.macs).toBe(331_776n);
    expect(report.total.params).toBe(648n + 8n);
    // bias adds: one per output element, 8·8·8·8
    expect(countGraph(spec, ALL_OPS_CONVENTION).total.extraOps).toBe(4096n);
    const layer = importGraph(spec).layers[0]?.layer;
    expect(layer).toMatchObject({ kernelOuter: [3], kernelH: 3, kernelW: 3, strideOuter: [1], stride: 2 });
  });

  it('a depthwise 3×3×3 conv counts one input channel per output; asymmetric pads per axis', () => {
    // 4 channels, group 4, pads [T 1, H 1, W 0 | T 1, H 1, W 0] on 4×6×6: 4×6×4 outputs;
    // 4·6·4·4·1·27 = 10,368 MACs
    const report = countGraph(
      conv([1, 4, 4, 6, 6], [4, 1, 3, 3, 3], { group: { int: 4 }, pads: { ints: [1, 1, 0, 1, 1, 0] } }),
    );
    expect(report.layers[0]?.output).toEqual({ channels: 4, outer: [4], height: 6, width: 4 });
    expect(report.total.macs).toBe(10_368n);
  });

  it("an (2+1)-D network's t×1×1 temporal conv is spatial, not a 1×1 channel fusion", () => {
    // 4→5, kernel 3×1×1, T pad 1 on 8×6×6: 5·8·6·6·4·3 = 17,280 MACs
    const spec = {
      inputs: [['x', [1, 4, 8, 6, 6]]] as const,
      initializers: [weight('w0', [4, 4, 1, 3, 3]), weight('w', [5, 4, 3, 1, 1])],
      nodes: [
        node('Conv', ['x', 'w0'], ['a'], { pads: { ints: [0, 1, 1, 0, 1, 1] } }),
        node('Conv', ['a', 'w'], ['y'], { pads: { ints: [1, 0, 0, 1, 0, 0] } }),
      ],
    };
    const report = countGraph(spec);
    expect(report.layers[1]?.macs).toBe(17_280n);
    expect(report.layers[1]?.role).toBe('spatial');
    expect(applyFusion(importGraph(spec), DEFAULT_BFT).layers.map((l) => l.layer.kind)).toEqual(['conv2d', 'conv2d']);
  });

  it('a strided 1×1×1 conv is a channel fusion that the BFT what-if replaces, at T·H·W positions', () => {
    // 8→8, 1×1×1, strides (1, 2, 2) on 4×6×6: 4×3×3 = 36 positions. Dense: 36·8·8 = 2304 MACs.
    // BFT base 2 on n = 8: log2 8 = 3 layers of 2·8 edges = 48 MACs per position → 36·48 = 1728.
    const spec = {
      inputs: [['x', [1, 8, 4, 6, 6]]] as const,
      initializers: [weight('w0', [8, 8, 3, 3, 3]), weight('w', [8, 8, 1, 1, 1])],
      nodes: [
        node('Conv', ['x', 'w0'], ['a'], { pads: { ints: [1, 1, 1, 1, 1, 1] } }),
        node('Conv', ['a', 'w'], ['y'], { strides: { ints: [1, 2, 2] } }),
      ],
    };
    const network = importGraph(spec);
    expect(network.layers[1]?.role).toBe('channel-fusion');
    expect(analyze(network, PAPER_CONVENTION).layers[1]?.macs).toBe(2304n);
    const fused = applyFusion(network, { ...DEFAULT_BFT, base: 2 });
    expect(fused.layers[1]?.layer).toMatchObject({ kind: 'butterfly', stride: 2 });
    expect(fused.layers[1]?.layer).not.toHaveProperty('strideOuter');
    expect(fused.layers[1]?.output).toEqual({ channels: 8, outer: [4], height: 3, width: 3 });
    expect(analyze(fused, PAPER_CONVENTION).layers[1]?.macs).toBe(1728n);
    // strides (2, 2, 2) keep the time stride on the butterfly
    const both = importGraph({
      ...spec,
      nodes: [
        spec.nodes[0] ?? node('Identity', [], []),
        node('Conv', ['a', 'w'], ['y'], { strides: { ints: [2, 2, 2] } }),
      ],
    });
    const fusedBoth = applyFusion(both, { ...DEFAULT_BFT, base: 2 });
    expect(fusedBoth.layers[1]?.layer).toMatchObject({ kind: 'butterfly', stride: 2, strideOuter: [2] });
    // 2×3×3 = 18 positions · 48
    expect(analyze(fusedBoth, PAPER_CONVENTION).layers[1]?.macs).toBe(18n * 48n);
  });

  it('any number of spatial axes: a 4-D window names its outer axes T1, T2', () => {
    // 1×1×1×1 conv 2→3 on 2×2×3×3: 36 positions · 3 · 2 = 216 MACs
    const report = countGraph(conv([1, 2, 2, 2, 3, 3], [3, 2, 1, 1, 1, 1]));
    expect(report.layers[0]?.output).toEqual({ channels: 3, outer: [2, 2], height: 3, width: 3 });
    expect(report.layers[0]?.formula).toBe(
      'T1_out * T2_out * H_out * W_out * C_out * (C_in / groups) * K_t1 * K_t2 * K_h * K_w',
    );
    expect(report.total.macs).toBe(216n);
  });

  it('refuses a weight or window that does not fit the clip, naming the node', () => {
    expect(() => importGraph(conv([1, 3, 8, 8, 8], [8, 3, 3, 3]))).toThrow(
      /node "\/conv0\/Conv" \(Conv\): weight w has shape \[8, 3, 3, 3\] for an input of 3 channels with group 1.*kT, kH, kW/,
    );
    expect(() => importGraph(conv([1, 3, 8, 8, 8], [8, 3, 3, 3, 3], { strides: { ints: [2, 2] } }))).toThrow(
      /attribute strides is \[2,2\].*3 positive integers/,
    );
    expect(() => importGraph(conv([1, 3, 2, 8, 8], [8, 3, 3, 3, 3]))).toThrow(/the output would be 0×6×6/);
  });
});

describe('ConvTranspose on a clip', () => {
  it('counts T_in·H_in·W_in·C_in·(C_out/g)·kT·kH·kW MACs; sizes s·(n − 1) + k per axis', () => {
    // 4→2, kernel 2×2×2, stride 2 on 2×3×3: output 4×6×6; MACs 2·3·3·4·2·8 = 1152; params 4·2·8
    const report = countGraph({
      inputs: [['x', [1, 4, 2, 3, 3]]],
      initializers: [weight('w', [4, 2, 2, 2, 2])],
      nodes: [node('ConvTranspose', ['x', 'w'], ['y'], { strides: { ints: [2, 2, 2] } })],
    });
    expect(report.layers[0]?.output).toEqual({ channels: 2, outer: [4], height: 6, width: 6 });
    expect(report.total.macs).toBe(1152n);
    expect(report.total.params).toBe(64n);
  });
});

describe('pools on a clip', () => {
  it('MaxPool3d / AvgPool3d: window kT·K·K, output per axis', () => {
    // kernel (2, 3, 3), strides 2, pads H, W 1 on 2×8×8×8: T′ = (8 − 2)/2 + 1 = 4,
    // H′ = W′ = ⌊(8 + 2 − 3)/2⌋ + 1 = 4; 2·4·4·4 = 128 outputs
    const attrs = {
      kernel_shape: { ints: [2, 3, 3] },
      strides: { ints: [2, 2, 2] },
      pads: { ints: [0, 1, 1, 0, 1, 1] },
    };
    const max = countGraph(single('MaxPool', [1, 2, 8, 8, 8], attrs), ALL_OPS_CONVENTION);
    expect(max.layers[0]?.output).toEqual({ channels: 2, outer: [4], height: 4, width: 4 });
    // max: 2·3·3 − 1 = 17 comparisons per output; average: 18 ops
    expect(max.total.extraOps).toBe(17n * 128n);
    expect(countGraph(single('AveragePool', [1, 2, 8, 8, 8], attrs), ALL_OPS_CONVENTION).total.extraOps).toBe(
      18n * 128n,
    );
    expect(max.total.macs).toBe(0n);
    expect(() => importGraph(single('MaxPool', [1, 2, 8, 8, 8], { kernel_shape: { ints: [3, 3] } }))).toThrow(
      /\(MaxPool\): kernel_shape is \[3,3\].*3 positive integers/,
    );
  });

  it('GlobalAveragePool and ReduceMean over T, H, W pool every position: C·T·H·W ops', () => {
    // 3 channels of 4×5×6 = 120 positions: 3·120 = 360 ops, output 3×1×1×1
    const global = countGraph(single('GlobalAveragePool', [1, 3, 4, 5, 6]), ALL_OPS_CONVENTION);
    expect(global.layers[0]?.kind).toBe('global-pool');
    expect(global.layers[0]?.output).toEqual({ channels: 3, outer: [1], height: 1, width: 1 });
    expect(global.total.extraOps).toBe(360n);
    const mean = countGraph(
      single('ReduceMean', [1, 3, 4, 5, 6], { axes: { ints: [2, 3, 4] }, keepdims: { int: 0 } }),
      ALL_OPS_CONVENTION,
    );
    expect(mean.layers[0]?.kind).toBe('global-pool');
    expect(mean.total.extraOps).toBe(360n);
  });
});

describe('BatchNormalization, Resize, Pad and element-wise ops on a clip', () => {
  it('BatchNorm3d: 2 params per channel, 2 ops per element', () => {
    // 3 channels × 4×5×6: γ, β = 6 params; 2·360 = 720 ops
    const report = countGraph(
      {
        inputs: [['x', [1, 3, 4, 5, 6]]],
        initializers: ['s', 'b', 'm', 'v'].map((name) => weight(name, [3])),
        nodes: [node('BatchNormalization', ['x', 's', 'b', 'm', 'v'], ['y'])],
      },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers[0]?.output).toEqual({ channels: 3, outer: [4], height: 5, width: 6 });
    expect(report.total.params).toBe(6n);
    expect(report.total.extraOps).toBe(720n);
  });

  it('trilinear Resize: 2·2³ − 1 = 15 ops per output element', () => {
    // 2×2×3×4 scaled (1, 1, 2, 2, 2) → 2×4×6×8 = 384 elements · 15
    const report = countGraph(
      {
        inputs: [['x', [1, 2, 2, 3, 4]]],
        initializers: [{ name: 'scales', dims: [5], values: [1, 1, 2, 2, 2] }],
        nodes: [node('Resize', ['x', '', 'scales'], ['y'], { mode: { str: 'linear' } })],
      },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers[0]?.output).toEqual({ channels: 2, outer: [4], height: 6, width: 8 });
    expect(report.total.extraOps).toBe(5760n);
  });

  it('Pad grows T, H and W; Relu and Add count one op per element of the padded clip', () => {
    // 2×2×3×4 padded by 1 before and after T, H, W → 2×4×5×6 = 240 elements
    const report = countGraph(
      {
        inputs: [['x', [1, 2, 2, 3, 4]]],
        initializers: [int64s('p', [0, 0, 1, 1, 1, 0, 0, 1, 1, 1])],
        nodes: [node('Pad', ['x', 'p'], ['a']), node('Relu', ['a'], ['b']), node('Add', ['a', 'b'], ['y'])],
      },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers.map((l) => [l.kind, l.output])).toEqual([
      ['activation', { channels: 2, outer: [4], height: 5, width: 6 }],
      ['add', { channels: 2, outer: [4], height: 5, width: 6 }],
    ]);
    expect(report.layers.map((l) => l.extraOps)).toEqual([240n, 240n]);
    expect(report.layers.map((l) => l.activations)).toEqual([240n, 240n]);
  });
});
