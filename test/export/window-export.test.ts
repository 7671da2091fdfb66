/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * Windows that are not one square size: per-axis pads and strides of a graph-only clip network
 * (an R(2+1)D-like 1×3×3 then 3×1×1 conv, a 1×3×3 max pool), and a 2×3 pool of stride 2×1 on an
 * image (issue 21). Layer records keep the whole window (`window`, `kernelW`), so a file without
 * weights is rebuilt from its records. Oracles: hand counts (MACs, the pool's comparisons);
 * onnxruntime runs the rebuilds (a wrong pad or stride would not give the declared output); the
 * rebuild re-imported counts what the record network counts.
 */
import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { exportModel } from '../../src/export/export-model.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../src/index.js';
import { ALL_OPS_CONVENTION, PAPER_CONVENTION } from '../../src/model/convention.js';
import { encodeModel, node, weight } from '../onnx/onnx-test-graph.js';
import { runOnnx } from '../runtime/run-onnx.js';
import { userErrorMessage } from '../user-error-message.js';
import { describeFile, uniform } from './onnx-bytes.js';

const OPTIONS = { seed: 7, butterflyOps: 'conv', foldBatchNorm: false } as const;
const ints = (values: number[]) => ({ ints: values });

/** 3×4×8×8 → 1×3×3 stride 1×2×2 pad 0,1,1 (8) → ReLU → 3×1×1 pad 1,0,0 (8) → ReLU → MaxPool 1×3×3 s 1×2×2 p 0,1,1 → 1×1×1 (16) → pool. */
const clip = encodeModel({
  inputs: [['input', [1, 3, 4, 8, 8]]],
  initializers: [weight('w0', [8, 3, 1, 3, 3]), weight('w1', [8, 8, 3, 1, 1]), weight('w2', [16, 8, 1, 1, 1])],
  nodes: [
    node('Conv', ['input', 'w0'], ['a'], { strides: ints([1, 2, 2]), pads: ints([0, 1, 1, 0, 1, 1]) }, 'spatial'),
    node('Relu', ['a'], ['b'], {}, 'relu0'),
    node('Conv', ['b', 'w1'], ['c'], { pads: ints([1, 0, 0, 1, 0, 0]) }, 'temporal'),
    node('Relu', ['c'], ['d'], {}, 'relu1'),
    node(
      'MaxPool',
      ['d'],
      ['e'],
      { kernel_shape: ints([1, 3, 3]), strides: ints([1, 2, 2]), pads: ints([0, 1, 1, 0, 1, 1]) },
      'pool',
    ),
    node('Conv', ['e', 'w2'], ['f'], {}, 'mix'),
    node('GlobalAveragePool', ['f'], ['y'], {}, 'gap'),
  ],
  outputs: ['y'],
});

/** 2×6×7 → MaxPool 2×3 stride 2×1 pads (0, 1, 0, 1) → 2×3×7 → 1×1 conv (4). */
const image = encodeModel({
  inputs: [['input', [1, 2, 6, 7]]],
  initializers: [weight('w', [4, 2, 1, 1])],
  nodes: [
    node(
      'MaxPool',
      ['input'],
      ['p'],
      { kernel_shape: ints([2, 3]), strides: ints([2, 1]), pads: ints([0, 1, 0, 1]) },
      'pool',
    ),
    node('Conv', ['p', 'w'], ['y'], {}, 'mix'),
  ],
  outputs: ['y'],
});

describe('per-axis windows in layer records', () => {
  it('a clip: hand count; the records keep the per-axis pads and strides', () => {
    const network = describeFile(clip, 'clip').build();
    const spatial = network.layers.find((l) => l.name === 'spatial')?.layer;
    expect(spatial?.kind === 'conv2d' ? spatial.window : undefined).toEqual({
      strides: [1, 2, 2],
      dilations: [1, 1, 1],
      pads: [0, 1, 1, 0, 1, 1],
    });
    // spatial: 4×4×4 = 64 positions · 8 · 3 · 9 = 13,824; temporal: 64 · 8 · 8 · 3 = 12,288;
    // the pool gives 4×2×2 = 16 positions; mix: 16 · 16 · 8 = 2,048
    expect(network.layers.find((l) => l.name === 'pool')?.output).toEqual({
      channels: 8,
      outer: [4],
      height: 2,
      width: 2,
    });
    expect(analyze(network, PAPER_CONVENTION).total.macs).toBe(13_824n + 12_288n + 2_048n);
  });

  it('a clip without weights: export --fusion bft rebuilds it from its records, onnxruntime runs it, it re-counts', async () => {
    const model = describeFile(clip, 'clip');
    const result = exportModel({ model, parameters: {}, fusion: { ...DEFAULT_BFT, base: 2 } }, OPTIONS);
    expect(result.rewritten).toBe(false);
    // BFT base 2, 8 → 16: two squares of size 8, 3 layers · 2 · 8 = 48 edges each: 16 positions · 96
    expect(result.realised.macs).toBe(13_824n + 12_288n + 16n * 96n);
    expect(result.exported.input.dims).toEqual([1, 3, 4, 8, 8]);
    const { data, dims } = await runOnnx(result.exported.bytes, uniform(3 * 4 * 8 * 8, 1), [1, 3, 4, 8, 8]);
    expect(dims).toEqual([1, 16, 1, 1, 1]);
    expect(data.every(Number.isFinite)).toBe(true);
    const rebuilt = analyze(describeFile(result.exported.bytes, 'rebuilt').build(), PAPER_CONVENTION).total;
    expect([rebuilt.macs, rebuilt.params]).toEqual([result.realised.macs, result.realised.params]);
  });

  it('a 2×3 pool of stride 2×1: its record, (2·3 − 1) comparisons per output, and its rebuild runs', async () => {
    const network = describeFile(image, 'image').build();
    const pool = network.layers.find((l) => l.name === 'pool');
    expect(pool?.layer).toMatchObject({ kind: 'pool', kernel: 2, kernelW: 3, stride: 2 });
    // H: (6 − 2) / 2 + 1 = 3; W: (7 + 2 − 3) / 1 + 1 = 7
    expect(pool?.output).toEqual({ channels: 2, height: 3, width: 7 });
    const report = analyze(network, ALL_OPS_CONVENTION);
    expect(report.layers.find((l) => l.name === 'pool')?.extraOps).toBe(5n * 2n * 3n * 7n);
    const result = exportModel({ model: describeFile(image, 'image'), parameters: {} }, OPTIONS);
    const { dims } = await runOnnx(result.exported.bytes, uniform(2 * 6 * 7, 2), [1, 2, 6, 7]);
    expect(dims).toEqual([1, 4, 3, 7]);
    const rebuilt = analyze(describeFile(result.exported.bytes, 'rebuilt').build(), ALL_OPS_CONVENTION);
    expect(rebuilt.layers.find((l) => l.kind === 'pool')?.extraOps).toBe(5n * 2n * 3n * 7n);
  });

  it('a ceil-mode pool keeps ceil_mode in its record, and its rebuild gives the declared output', async () => {
    // 2×8×8 → MaxPool 3×3 stride 2 ceil_mode → ⌈(8 − 3) / 2⌉ + 1 = 4 (floor would give 3) → 1×1 conv (4)
    const ceil = encodeModel({
      inputs: [['input', [1, 2, 8, 8]]],
      initializers: [weight('w', [4, 2, 1, 1])],
      nodes: [
        node(
          'MaxPool',
          ['input'],
          ['p'],
          { kernel_shape: ints([3, 3]), strides: ints([2, 2]), ceil_mode: { int: 1 } },
          'pool',
        ),
        node('Conv', ['p', 'w'], ['y'], {}, 'mix'),
      ],
      outputs: ['y'],
    });
    const network = describeFile(ceil, 'ceil').build();
    expect(network.layers.find((l) => l.name === 'pool')?.output).toEqual({ channels: 2, height: 4, width: 4 });
    const result = exportModel({ model: describeFile(ceil, 'ceil'), parameters: {} }, OPTIONS);
    expect(result.rewritten).toBe(false);
    const { dims } = await runOnnx(result.exported.bytes, uniform(2 * 8 * 8, 3), [1, 2, 8, 8]);
    expect(dims).toEqual([1, 4, 4, 4]);
    // mix: 4 · 4 positions · 4 · 2 = 128 MACs, as the file's own count
    const rebuilt = analyze(describeFile(result.exported.bytes, 'rebuilt').build(), PAPER_CONVENTION).total;
    expect(rebuilt.macs).toBe(128n);
  });

  it('a dilated AveragePool (opset 19) counts, and its rebuild is refused naming the layer', () => {
    const dilated = encodeModel({
      opset: 19,
      inputs: [['input', [1, 3, 8, 8]]],
      initializers: [weight('w', [4, 3, 1, 1])],
      nodes: [
        node('AveragePool', ['input'], ['p'], { kernel_shape: ints([3, 3]), dilations: ints([2, 2]) }, 'pool'),
        node('Conv', ['p', 'w'], ['y'], {}, 'mix'),
      ],
      outputs: ['y'],
    });
    const model = describeFile(dilated, 'dilated');
    // 8 − 2 · (3 − 1) = 4: a 3×4×4 pool output, mix 16 · 4 · 3 = 192 MACs
    expect(analyze(model.build(), PAPER_CONVENTION).total.macs).toBe(192n);
    expect(userErrorMessage(() => exportModel({ model, parameters: {} }, OPTIONS))).toContain(
      'cannot export layer pool: an AveragePool with dilations has no export yet',
    );
  });

  it('a padded 1-D conv: the rebuild pads the length only, not the record’s width of 1', async () => {
    // 3×16 → Conv k3 pad 1 → 4×16: 16 positions · 4 · 3 · 3 = 576 MACs
    const signal = encodeModel({
      inputs: [['input', [1, 3, 16]]],
      initializers: [weight('w', [4, 3, 3])],
      nodes: [node('Conv', ['input', 'w'], ['y'], { pads: ints([1, 1]) }, 'c1')],
      outputs: ['y'],
    });
    const model = describeFile(signal, 'signal');
    expect(analyze(model.build(), PAPER_CONVENTION).total.macs).toBe(576n);
    const result = exportModel({ model, parameters: {} }, OPTIONS);
    expect(result.exported.output.dims).toEqual([1, 4, 16, 1]);
    const { dims } = await runOnnx(result.exported.bytes, uniform(3 * 16, 4), [1, 3, 16, 1]);
    expect(dims).toEqual([1, 4, 16, 1]);
    expect(analyze(describeFile(result.exported.bytes, 'rebuilt').build(), PAPER_CONVENTION).total.macs).toBe(576n);
  });

  it('auto_pad VALID ignores a pads attribute: the record has no padding, its rebuild gives the counted size', async () => {
    // 3×9×9 → Conv 3×3 VALID (pads 1 given, ignored) → 4×7×7: 49 · 4 · 3 · 9 = 5,292 MACs
    const valid = encodeModel({
      inputs: [['input', [1, 3, 9, 9]]],
      initializers: [weight('w', [4, 3, 3, 3])],
      nodes: [node('Conv', ['input', 'w'], ['y'], { pads: ints([1, 1, 1, 1]), auto_pad: { str: 'VALID' } }, 'c')],
      outputs: ['y'],
    });
    const model = describeFile(valid, 'valid');
    const record = model.build().layers[0];
    expect([record?.output, record?.layer.kind === 'conv2d' ? record.layer.padding : undefined]).toEqual([
      { channels: 4, height: 7, width: 7 },
      { mode: 'explicit', size: 0 },
    ]);
    const result = exportModel({ model, parameters: {} }, OPTIONS);
    const { dims } = await runOnnx(result.exported.bytes, uniform(3 * 9 * 9, 5), [1, 3, 9, 9]);
    expect(dims).toEqual([1, 4, 7, 7]);
    expect(analyze(describeFile(result.exported.bytes, 'rebuilt').build(), PAPER_CONVENTION).total.macs).toBe(5_292n);
  });

  it('a butterfly in place of a padded 1×1 conv, or one with a width stride of its own, is refused on export by name', () => {
    const graph = (attrs: Record<string, { ints: number[] }>) =>
      encodeModel({
        inputs: [['input', [1, 8, 6, 6]]],
        initializers: [weight('w0', [8, 8, 3, 3]), weight('w', [16, 8, 1, 1])],
        nodes: [
          node('Conv', ['input', 'w0'], ['a'], { pads: ints([1, 1, 1, 1]) }, 'stem'),
          node('Conv', ['a', 'w'], ['y'], attrs, 'mix'),
        ],
        outputs: ['y'],
      });
    const bft = { ...DEFAULT_BFT, base: 2 };
    for (const [attrs, shown] of [
      [{ pads: ints([1, 1, 1, 1]) }, 'strides [1, 1], pads [1, 1, 1, 1]'],
      [{ strides: ints([1, 2]) }, 'strides [1, 2], pads [0, 0, 0, 0]'],
    ] as const) {
      const model = describeFile(graph(attrs), 'padded');
      // counted all the same: the butterfly at the conv's output positions
      expect(analyze(applyFusion(model.build(), bft), PAPER_CONVENTION).layers[1]?.kind).toBe('butterfly');
      expect(userErrorMessage(() => exportModel({ model, parameters: {}, fusion: bft }, OPTIONS))).toContain(
        `cannot export butterfly mix: the 1×1 conv it replaces is padded or has a width stride of its own (${shown})`,
      );
    }
  });
});
