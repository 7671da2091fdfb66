/**
 * `explain --training`'s shortcuts against the exact count (issue 24). Oracles: the issue's hand
 * check (MobileNetV1: 2 × forward overstates the backward by the stem's input gradient,
 * 112·112·32·3·3·3 = 10,838,016), the first butterfly factor counted by hand, and 6·N·D with
 * ViT-Ti's published parameter count.
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BFT, loadNetwork } from '../../src/index.js';
import { explainTraining } from '../../src/training/approximations.js';
import { trainingCost } from '../../src/training/training-cost.js';
import type { TrainingSelection } from '../../src/model/training.js';

function explain(
  model: string,
  selection: TrainingSelection = {},
  extra: Parameters<typeof loadNetwork>[0] = { model },
) {
  const network = loadNetwork({ ...extra, model });
  const training = trainingCost(network, selection);
  return explainTraining(network, training, training.total.trainableParams + training.total.frozenParams);
}

describe('explainTraining', () => {
  it('MobileNetV1: the shortcuts overstate by exactly the stem’s input gradient', () => {
    const e = explain('mobilenet-v1');
    expect(e.shortfall).toEqual({
      networkInputGradients: 10_838_016n,
      frozenPrefixInputGradients: 0n,
      frozenWeightGradients: 0n,
      butterflyFirstFactors: 0n,
    });
    expect(e.approximations.map((a) => a.differenceMacs)).toEqual([10_838_016n, 10_838_016n]);
    expect(e.tokens).toBeUndefined();
  });

  it('the shortfall’s parts add up to 2 × forward − backward, frozen parts included', () => {
    for (const selection of [{ trainable: ['layer4/*', 'fc'] }, { freeze: ['layer2/*'] }, { trainable: ['fc'] }]) {
      const e = explain('resnet-18', selection);
      const s = e.shortfall;
      const t = e.training.total;
      expect(
        s.networkInputGradients + s.frozenPrefixInputGradients + s.frozenWeightGradients + s.butterflyFirstFactors,
      ).toBe(2n * t.forwardMacs - t.backwardMacs);
    }
    // Only fc trains: everything but fc's weight gradient is missing; the stem's input gradient is conv1's forward.
    const fcOnly = explain('resnet-18', { trainable: ['fc'] }).shortfall;
    expect(fcOnly.networkInputGradients).toBe(118_013_952n); // 112·112·64·3·7·7
    expect(fcOnly.frozenWeightGradients).toBe(1_814_073_344n - 512_000n);
  });

  it('butterflies only: the first butterfly’s first factor has no input gradient (block1: 32 → 64, base 2)', () => {
    const e = explain(
      'mobilenet-v1',
      { trainable: ['*/pointwise'] },
      { model: 'mobilenet-v1', fusion: { ...DEFAULT_BFT, base: 2 } },
    );
    // Two squares of size 32 (official policy), first factor radix 2: 2·32·2 edges on 112×112 pixels.
    expect(e.shortfall.butterflyFirstFactors).toBe(2n * 32n * 2n * 112n * 112n);
  });

  it('ViT-Ti/16: 6·N·D with N = 5,717,416 (DeiT-Ti: 5.7 M) and D = 197 tokens is 3·N·D MACs', () => {
    const e = explain('vit', {}, { model: 'vit', parameters: { width: 192, heads: 3 } });
    expect(e.params).toBe(5_717_416n);
    expect(e.tokens).toBe(197);
    const ndn = e.approximations.find((a) => a.name === '6·N·D');
    expect(ndn?.trainingMacs).toBe(3n * 5_717_416n * 197n);
    expect(ndn?.differenceMacs).toBe(3n * 5_717_416n * 197n - e.training.total.trainingMacs);
  });

  it('Swin-T (ONNX import): D is the first stage’s 56·56 tokens, and the explanation names the last stage’s 7·7', () => {
    const e = explain('test/fixtures/onnx-transformers/swin_t.onnx');
    expect(e.tokens).toBe(56 * 56);
    expect(e.fewestTokens).toBe(7 * 7);
  });
});
