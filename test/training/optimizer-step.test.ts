/**
 * Optimizer-step FLOPs against what torch 1.13's optimizers execute: the script counted the
 * element-wise operators of a second step of SGD, SGD with momentum and Adam on ResNet-18 with
 * only fc trainable (test/fixtures/training-macs.json → optimizerSteps).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { loadNetwork } from '../../src/index.js';
import { OPTIMIZERS, optimizerStepFlops } from '../../src/training/optimizer-step.js';
import { trainingCost } from '../../src/training/training-cost.js';

const ORACLE = JSON.parse(readFileSync('test/fixtures/training-macs.json', 'utf8')) as {
  optimizerSteps: Record<string, { params: number; flops: number }>;
};

describe('optimizerStepFlops', () => {
  it('equals the FLOPs torch executes for one step over ResNet-18’s fc (513,000 parameters)', () => {
    const params = trainingCost(loadNetwork({ model: 'resnet-18' }), { trainable: ['fc'] }).total.trainableParams;
    expect(params).toBe(513_000n);
    expect(Object.keys(ORACLE.optimizerSteps).sort()).toEqual([...OPTIMIZERS].sort());
    for (const optimizer of OPTIMIZERS) {
      expect(BigInt(ORACLE.optimizerSteps[optimizer]?.params ?? -1)).toBe(params);
      expect(optimizerStepFlops(params, optimizer)).toBe(BigInt(ORACLE.optimizerSteps[optimizer]?.flops ?? -1));
    }
  });

  it('weight decay adds g + λ·p: 2 FLOPs per parameter', () => {
    expect(optimizerStepFlops(10n, 'adam', true) - optimizerStepFlops(10n, 'adam')).toBe(20n);
  });
});
