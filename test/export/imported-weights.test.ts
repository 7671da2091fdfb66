/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * An imported model keeps its own weights where layers are unchanged (issue 12). Oracle:
 * onnxruntime runs the source file and the re-export on the same input and must give the same
 * output, whatever seed the re-export is given — with BN kept, with BN folded at re-export, and
 * for products whose weight is stored transposed (MatMul, Gemm without transB). Under BFT only
 * the replaced pointwise convs get new (seeded) weights.
 */
import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../src/random/seeded-random.js';
import { exportNetwork } from '../../src/export/export-network.js';
import { onnxGraphBuilder } from '../../src/export/onnx-graph-builder.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT, loadNetwork } from '../../src/index.js';
import type { Network } from '../../src/model/network.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { runOnnx } from '../runtime/run-onnx.js';

function importBytes(bytes: Uint8Array, name: string): Network {
  return onnxModelDescription(bytes, { kind: 'onnx', reference: `${name}.onnx` }).build();
}

function uniformInput(length: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => 2 * random.next() - 1);
}

/** Largest |a − b| relative to the largest |a|. */
function relativeDifference(a: Float32Array, b: Float32Array): number {
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(a[i] ?? 0));
    worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  }
  return worst / scale;
}

/** Names of the layers that carry parameters (conv2d, linear, batchnorm, butterfly). */
function parameterLayers(network: Network): string[] {
  return network.layers
    .filter((entry) => ['conv2d', 'linear', 'batchnorm', 'butterfly'].includes(entry.layer.kind))
    .map((entry) => entry.name);
}

describe('re-exporting an imported ONNX model', () => {
  const source = exportNetwork(
    loadNetwork({ model: 'mobilenet-v1', parameters: { width: 0.25, resolution: 32, classes: 10 } }),
    {
      seed: 5,
      butterflyOps: 'conv',
      foldBatchNorm: false,
    },
  );
  const input = uniformInput(3 * 32 * 32, 11);
  const dims = [1, 3, 32, 32];

  it('writes every layer with the weights it was imported with: the same outputs for any seed', async () => {
    const imported = importBytes(source.bytes, 'mobilenet-v1-source');
    expect(imported.layers.filter((entry) => entry.weights !== undefined).map((entry) => entry.name)).toEqual(
      parameterLayers(imported),
    );
    const expected = await runOnnx(source.bytes, input, dims);
    for (const seed of [1, 99]) {
      const again = exportNetwork(imported, { seed, butterflyOps: 'conv', foldBatchNorm: false });
      expect(again.weightsDrawn).toEqual([]);
      expect(again.weightsKept).toEqual(parameterLayers(imported));
      const actual = await runOnnx(again.bytes, input, dims);
      expect(actual.dims).toEqual(expected.dims);
      expect(relativeDifference(expected.data, actual.data)).toBe(0);
    }
  });

  it('folds the imported BN parameters (with their ε) into the convs when asked', async () => {
    const imported = importBytes(source.bytes, 'mobilenet-v1-source');
    const folded = exportNetwork(imported, { seed: 3, butterflyOps: 'conv', foldBatchNorm: true });
    expect(folded.weightsDrawn).toEqual([]);
    const expected = await runOnnx(source.bytes, input, dims);
    const actual = await runOnnx(folded.bytes, input, dims);
    expect(relativeDifference(expected.data, actual.data)).toBeLessThan(1e-4);
    expect(relativeDifference(expected.data, actual.data)).toBeGreaterThan(0); // float32 rounding of the fold: really folded
  });

  it('under BFT draws new weights for the butterflies only and keeps every other layer', () => {
    const imported = importBytes(source.bytes, 'mobilenet-v1-source');
    const fused = applyFusion(imported, DEFAULT_BFT);
    const butterflies = fused.layers.filter((entry) => entry.layer.kind === 'butterfly').map((entry) => entry.name);
    expect(butterflies.length).toBeGreaterThan(0);
    const exported = exportNetwork(fused, { seed: 2, butterflyOps: 'conv', foldBatchNorm: false });
    expect(exported.weightsDrawn).toEqual(butterflies);
    expect(exported.weightsKept).toEqual(parameterLayers(fused).filter((name) => !butterflies.includes(name)));
  });

  it('reads a MatMul weight and an untransposed Gemm weight transposed, and refuses α ≠ 1', async () => {
    const random = seededRandom(4);
    const values = (length: number) => Float32Array.from({ length }, () => 2 * random.next() - 1);
    const build = (alpha: number): Uint8Array => {
      const graph = onnxGraphBuilder('products');
      const [h = ''] = graph.node('MatMul', 'first', ['input', graph.floats('b1', [8, 6], values(48))]);
      const [r = ''] = graph.node('Relu', 'relu', [h]);
      const [y = ''] = graph.node(
        'Gemm',
        'second',
        [r, graph.floats('b2', [6, 3], values(18)), graph.floats('c2', [3], values(3))],
        { alpha: { float: alpha } },
      );
      return graph.encode({ name: 'input', dims: [1, 8] }, { name: y, dims: [1, 3] });
    };
    const file = build(1);
    const imported = importBytes(file, 'products');
    expect(
      imported.layers.map((entry) => [entry.layer.kind, entry.weights?.kind === 'linear' && entry.weights.transposed]),
    ).toEqual([
      ['linear', true],
      ['activation', false],
      ['linear', true],
    ]);
    const vector = uniformInput(8, 6);
    const expected = await runOnnx(file, vector, [1, 8]);
    const again = exportNetwork(imported, { seed: 8, butterflyOps: 'conv', foldBatchNorm: false });
    expect(again.weightsKept).toEqual(['first', 'second']);
    expect(again.input.dims).toEqual([1, 8, 1, 1]); // exports take images: the vector as 8 channels of 1×1
    expect(relativeDifference(expected.data, (await runOnnx(again.bytes, vector, again.input.dims)).data)).toBeLessThan(
      1e-6,
    );

    const scaled = importBytes(build(0.5), 'scaled');
    expect(scaled.layers[2]?.weights).toBeUndefined(); // α·A·B: the stored B alone is not the layer's weight
    expect(exportNetwork(scaled).weightsDrawn).toEqual(['second']);
  });
});
