/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * `export --fusion bft` of a 3-D (video) network, issue 21 item 1: a small clip network with
 * weights (Conv3d stem, strided 1×1×1 convs, a residual Add, global pooling) is rewritten with
 * butterflies in place of its 1×1×1 convs. Oracles: onnxruntime runs the rewrite; the rewrite
 * re-imported counts exactly the what-if's MACs, which equal a hand count.
 */
import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { exportModel } from '../../src/export/export-model.js';
import { onnxGraphBuilder } from '../../src/export/onnx-graph-builder.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../src/index.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { planShapes } from '../../src/search/plan-candidates.js';
import { runOnnx } from '../runtime/run-onnx.js';
import { describeFile, uniform } from './onnx-bytes.js';

const OPTIONS = { seed: 5, butterflyOps: 'conv', foldBatchNorm: false } as const;
const BFT = { ...DEFAULT_BFT, base: 2 };

/** 3 × 4 × 8 × 8 clip → stem 3×3×3 (8 ch) → ReLU → 1×1×1 stride 2 (16 ch) → ReLU → 1×1×1 (16 ch) + skip → pool. */
function clipNetwork(): Uint8Array {
  const graph = onnxGraphBuilder('clip');
  const [stem = ''] = graph.node('Conv', 'stem', ['input', graph.floats('w0', [8, 3, 3, 3, 3], uniform(648, 1))], {
    kernel_shape: [3, 3, 3],
    pads: [1, 1, 1, 1, 1, 1],
  });
  const [a = ''] = graph.node('Relu', 'relu0', [stem]);
  const [down = ''] = graph.node(
    'Conv',
    'down',
    [a, graph.floats('w1', [16, 8, 1, 1, 1], uniform(128, 2)), graph.floats('b1', [16], uniform(16, 3))],
    { kernel_shape: [1, 1, 1], strides: [2, 2, 2] },
  );
  const [b = ''] = graph.node('Relu', 'relu1', [down]);
  const [mix = ''] = graph.node('Conv', 'mix', [b, graph.floats('w2', [16, 16, 1, 1, 1], uniform(256, 4))], {
    kernel_shape: [1, 1, 1],
  });
  const [sum = ''] = graph.node('Add', 'skip', [mix, b]);
  const [pooled = ''] = graph.node('GlobalAveragePool', 'pool', [sum]);
  return graph.encode({ name: 'input', dims: [1, 3, 4, 8, 8] }, { name: pooled, dims: [1, 16, 1, 1, 1] });
}

describe('export --fusion bft of a 3-D network', () => {
  const source = clipNetwork();
  const input = uniform(3 * 4 * 8 * 8, 9);
  const dims = [1, 3, 4, 8, 8];

  it('the what-if replaces both 1×1×1 convs: hand count 173,056 MACs', () => {
    const network = describeFile(source, 'clip').build();
    expect(network.layers.filter((l) => l.role === 'channel-fusion').map((l) => l.name)).toEqual(['down', 'mix']);
    // stem: 4×8×8 = 256 positions · 8 · 3 · 27 = 165,888; down: 2×4×4 = 32 positions
    // (strides 2, 2, 2); dense down 32·8·16 = 4096, mix 32·16·16 = 8192
    expect(analyze(network, PAPER_CONVENTION).total.macs).toBe(165_888n + 4096n + 8192n);
    // BFT base 2: 8 → 16 is two squares of size 8 (3 layers · 2 · 8 = 48 each): 96 per position;
    // 16 → 16 is 4 layers · 2 · 16 = 128 per position
    const fused = analyze(applyFusion(network, BFT), PAPER_CONVENTION);
    expect(fused.total.macs).toBe(165_888n + 32n * 96n + 32n * 128n);
    // plans are timed per shape with the clip's 2×4 rows as the height
    expect(planShapes(applyFusion(network, BFT)).map((s) => [s.inChannels, s.outChannels, s.height, s.width])).toEqual([
      [8, 16, 8, 4],
      [16, 16, 8, 4],
    ]);
  });

  it('runs in onnxruntime and re-imports to the what-if count', async () => {
    const model = describeFile(source, 'clip');
    const what = analyze(applyFusion(model.build(), BFT), PAPER_CONVENTION).total;
    const result = exportModel({ model, parameters: {}, fusion: BFT }, OPTIONS);
    expect(result.exported.weightsDrawn).toEqual(['down', 'mix']);
    expect(result.exported.output.dims).toEqual([1, 16, 1, 1, 1]);
    const { data } = await runOnnx(result.exported.bytes, input, dims);
    expect(data).toHaveLength(16);
    expect(data.every(Number.isFinite)).toBe(true);
    const reimported = analyze(describeFile(result.exported.bytes, 'rewritten').build(), PAPER_CONVENTION).total;
    expect([reimported.macs, reimported.params]).toEqual([result.realised.macs, result.realised.params]);
    expect(reimported.macs).toBe(what.macs);
  });

  it('pointwise: the file comes back as it was and runs', async () => {
    const model = describeFile(source, 'clip');
    const again = exportModel({ model, parameters: {}, fusion: { kind: 'pointwise' } }, OPTIONS);
    expect(Buffer.from(again.exported.bytes).equals(Buffer.from(source))).toBe(true);
    expect((await runOnnx(again.exported.bytes, input, dims)).data).toHaveLength(16);
  });
});
