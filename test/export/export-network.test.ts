/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * Whole exported networks: they run in onnxruntime with the output shape the network says;
 * re-imported through the ONNX importer they count exactly the analytic MACs and params of the
 * network they realise; folding BN changes no output. Small models and resolutions keep it fast.
 */
import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../src/random/seeded-random.js';
import { analyze } from '../../src/cost/analyze.js';
import { exportNetwork, type ExportOptions } from '../../src/export/export-network.js';
import { DEFAULT_BFT, loadNetwork } from '../../src/index.js';
import type { FusionStrategy } from '../../src/fusion/strategy.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import type { Network } from '../../src/model/network.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { runOnnx } from '../runtime/run-onnx.js';

const BFT2: FusionStrategy = { ...DEFAULT_BFT, base: 2 };
const CASES: [string, string, Record<string, number>, FusionStrategy][] = [
  ['tiny-net, pointwise', 'data/examples/tiny-net.yaml', {}, { kind: 'pointwise' }],
  ['tiny-net, BFT base 2', 'data/examples/tiny-net.yaml', {}, BFT2],
  ['tiny-net, BFT base 4 (32 channels: mixed radices)', 'data/examples/tiny-net.yaml', {}, DEFAULT_BFT],
  [
    'tiny-net, BFT base 2, square-max (input zero-padded)',
    'data/examples/tiny-net.yaml',
    {},
    { ...BFT2, shapePolicy: 'square-max' },
  ],
  ['mobilenet-v1 0.25 @32, BFT base 4', 'mobilenet-v1', { width: 0.25, resolution: 32, classes: 10 }, DEFAULT_BFT],
  ['shufflenet-v2 @32, BFT base 2', 'shufflenet-v2', { resolution: 32, classes: 10 }, BFT2],
  ['mobilenet-v3-small @32, BFT base 2', 'mobilenet-v3-small', { resolution: 32, classes: 10 }, BFT2],
  [
    'mobilenet-v2 0.5 @32, pointwise',
    'mobilenet-v2',
    { width: 0.5, resolution: 32, classes: 10 },
    { kind: 'pointwise' },
  ],
  // Its downsample 1×1 convs have stride 2: their butterflies subsample first (once a Reshape error).
  ['resnet-18 @32, BFT base 2 (strided 1×1 convs)', 'resnet-18', { resolution: 32, classes: 10 }, BFT2],
];

function randomInput(network: Network, seed: number): { input: Float32Array; dims: number[] } {
  const { channels, height, width } = network.input;
  const random = seededRandom(seed);
  return {
    input: Float32Array.from({ length: channels * height * width }, () => 2 * random.next() - 1),
    dims: [1, channels, height, width],
  };
}

describe('exportNetwork', () => {
  for (const [label, model, parameters, fusion] of CASES) {
    it(`${label}: runs, and the re-imported graph counts the analytic MACs and params exactly`, async () => {
      const network = loadNetwork({ model, parameters, fusion });
      const exported = exportNetwork(network);
      const { input, dims } = randomInput(network, 5);
      const { data, dims: outDims } = await runOnnx(exported.bytes, input, dims);
      expect(outDims).toEqual(exported.output.dims);
      const last = network.layers[network.layers.length - 1]?.output;
      expect(data.length).toBe((last?.channels ?? 0) * (last?.height ?? 0) * (last?.width ?? 0));
      expect(data.every(Number.isFinite)).toBe(true);

      const reimported = onnxModelDescription(exported.bytes, {
        kind: 'onnx',
        reference: `${network.model}.onnx`,
      }).build();
      const ours = analyze(exported.network, PAPER_CONVENTION).total;
      const theirs = analyze(reimported, PAPER_CONVENTION).total;
      expect({ macs: theirs.macs, params: theirs.params }).toEqual({ macs: ours.macs, params: ours.params });
    });
  }

  it('folding BN into the conv before it changes no output (and drops BN params)', async () => {
    const network = loadNetwork({ model: 'data/examples/tiny-net.yaml', fusion: BFT2 });
    const kept = exportNetwork(network);
    const options: ExportOptions = { seed: 1, butterflyOps: 'conv', foldBatchNorm: true };
    const folded = exportNetwork(network, options);
    const { input, dims } = randomInput(network, 9);
    const a = await runOnnx(kept.bytes, input, dims);
    const b = await runOnnx(folded.bytes, input, dims);
    const scale = Math.max(...a.data.map(Math.abs));
    a.data.forEach((value, i) => expect(Math.abs(value - (b.data[i] ?? NaN))).toBeLessThanOrEqual(1e-4 * scale));
    expect(folded.bytes.length).toBeLessThan(kept.bytes.length);
  });

  it('the same seed gives the same bytes; another seed other weights', () => {
    const network = loadNetwork({ model: 'data/examples/tiny-net.yaml', fusion: BFT2 });
    const one = exportNetwork(network).bytes;
    expect(Buffer.from(exportNetwork(network).bytes).equals(Buffer.from(one))).toBe(true);
    expect(
      Buffer.from(exportNetwork(network, { seed: 2, butterflyOps: 'conv', foldBatchNorm: false }).bytes).equals(
        Buffer.from(one),
      ),
    ).toBe(false);
  });
});
