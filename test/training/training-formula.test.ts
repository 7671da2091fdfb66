/**
 * A training step's MACs as a formula (`formula --training`, issue 24's leftover): the backward
 * MACs in the free parameters, against hand-derived closed forms and against the layer-by-layer
 * training count of networks built at each point of a grid (another fold, another build).
 */
import { describe, expect, it } from '@jest/globals';
import { checkedFormula } from '../../src/checks/checked-formula.js';
import { countCost } from '../../src/count/count-request.js';
import { UserError } from '../../src/errors.js';
import { evaluateExact, fractionToBigInt } from '../../src/expr/math.js';
import { defaultModelSource, DEFAULT_BFT } from '../../src/index.js';
import { runInProcess } from '../cli/run-main.js';

const models = defaultModelSource();
/** The formula's value at `point`, which must be an integer. */
function at(expression: string, point: Record<string, number>): bigint {
  const value = fractionToBigInt(evaluateExact(expression, point));
  if (value === undefined) throw new Error(`${expression} is not an integer at ${JSON.stringify(point)}`);
  return value;
}

describe('formula of a training step', () => {
  it('ResNet-18 with only fc trainable: backward = 512 × 1000 = 512,000 MACs at every resolution', () => {
    const formula = checkedFormula(
      { model: models.resolve('resnet-18'), free: ['resolution'], training: { trainable: ['fc'] } },
      'backwardMacs',
    );
    expect(formula.total.expression).toBe('512000');
  });

  it('MobileNetV1 all trainable: backward = 2 × forward − the stem’s input gradient 27 · 32w · (r/2)², over a grid', () => {
    const request = { model: models.resolve('mobilenet-v1'), free: ['width', 'resolution'] };
    const forward = checkedFormula(request, 'macs').total.expression;
    const backward = checkedFormula({ ...request, training: {} }, 'backwardMacs').total.expression;
    const training = checkedFormula({ ...request, training: {} }, 'trainingMacs').total.expression;
    const wrong: string[] = [];
    // Widths where every depth(c·w) is c·w (no rounding, no floor of 8): the stem has 32w channels.
    for (const width of [0.5, 0.75, 1, 1.5])
      for (const resolution of [128, 160, 192, 224, 256]) {
        const point = { width, resolution };
        const stem = 27n * BigInt(32 * width) * BigInt(resolution / 2) ** 2n;
        const f = at(forward, point);
        if (at(backward, point) !== 2n * f - stem) wrong.push(`backward at ${width}@${resolution}`);
        if (at(training, point) !== 3n * f - stem) wrong.push(`training at ${width}@${resolution}`);
      }
    expect(wrong).toEqual([]);
  });

  it('with a frozen prefix, equals the training count of the network built at each point', () => {
    const training = { freeze: ['conv1', 'block1/*', 'block2/*'] };
    const formula = checkedFormula(
      { model: models.resolve('mobilenet-v1'), free: ['width', 'resolution'], training },
      'trainingMacs',
    ).total.expression;
    const wrong: string[] = [];
    for (const width of [0.25, 0.6, 1.3])
      for (const resolution of [97, 160, 223]) {
        const built = countCost({ model: models.resolve('mobilenet-v1'), parameters: { width, resolution }, training });
        const expected = built.training?.total.trainingMacs;
        const got = at(formula, { width, resolution });
        if (got !== expected) wrong.push(`${width}@${resolution}: formula ${got}, count ${expected}`);
      }
    expect(wrong).toEqual([]);
  });

  it('a BFT network: backward = 2 × forward − the stem’s input gradient, as for dense', () => {
    const request = { model: models.resolve('mobilenet-v1'), free: ['width'], fusion: DEFAULT_BFT };
    const forward = checkedFormula(request, 'macs').total.expression;
    const backward = checkedFormula({ ...request, training: {} }, 'backwardMacs').total.expression;
    for (const width of [0.5, 1, 2]) {
      const stem = 27n * BigInt(32 * width) * 112n ** 2n;
      expect(at(backward, { width })).toBe(2n * at(forward, { width }) - stem);
    }
  });

  it('refuses, naming the layer, a training butterfly whose input needs no gradient (2F − its first factor)', () => {
    const request = {
      model: models.resolve('mobilenet-v1'),
      free: ['width'],
      fusion: DEFAULT_BFT,
      training: { trainable: ['block1/pointwise'] },
    };
    expect(() => checkedFormula(request, 'backwardMacs')).toThrow(UserError);
    expect(() => checkedFormula(request, 'backwardMacs')).toThrow(/layer block1\/pointwise/);
  });
});

describe('butterflops formula --training', () => {
  it('prints the training step’s formula, what trains and the check', async () => {
    const run = await runInProcess([
      'formula',
      'resnet-18',
      '--symbolic',
      'resolution',
      '--training',
      '--trainable',
      'fc',
      '--quantity',
      'backwardMacs',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('backwardMacs = 512000\n');
    expect(run.stdout).toContain('training step: only layers matching fc train');
    expect(run.stdout).toContain('the formula gives 512,000, equal to the layer-by-layer count');
  });

  it('--training with a forward quantity (macs, params, extraOps) is one line and exit 2, not the forward formula', async () => {
    for (const quantity of ['macs', 'params', 'extraOps']) {
      const run = await runInProcess([
        'formula',
        'mobilenet-v1',
        '--symbolic',
        'width',
        '--training',
        '--quantity',
        quantity,
      ]);
      expect([run.status, run.stdout, run.stderr]).toEqual([
        2,
        '',
        `butterflops: --training is the formula of a training step: --quantity backwardMacs or trainingMacs, not ${quantity}\n`,
      ]);
    }
  });

  it('--freeze without --training or a training quantity is one line and exit 2', async () => {
    const run = await runInProcess(['formula', 'mobilenet-v1', '--symbolic', 'width', '--freeze', 'fc']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'butterflops: --freeze: chooses which parameters a training step updates: it needs --training\n',
    );
  });
});
