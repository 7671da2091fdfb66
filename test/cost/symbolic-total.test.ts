import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { symbolicTotal } from '../../src/cost/symbolic-total.js';
import { countModel, loadNetwork } from '../../src/index.js';
import { evaluateExact, fractionToBigInt } from '../../src/expr/math.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { PAPER_CONVENTION, ALL_OPS_CONVENTION } from '../../src/model/convention.js';

const at = (expression: string, point: Record<string, number>) => fractionToBigInt(evaluateExact(expression, point));

describe('symbolic totals equal the concrete counts', () => {
  it('MobileNetV1 MACs in width and resolution, on a grid built independently at each point', () => {
    const formula = symbolicTotal(
      loadNetwork({ model: 'mobilenet-v1', free: ['width', 'resolution'] }),
      PAPER_CONVENTION,
    ).expression;
    for (const width of [0.1, 0.25, 0.4, 0.5, 0.75, 1, 1.25, 1.4, 2, 3]) {
      for (const resolution of [1, 17, 64, 96, 128, 150, 160, 192, 224, 225, 320]) {
        const concrete = countModel({ model: 'mobilenet-v1', parameters: { width, resolution } }).total.macs;
        expect(at(formula, { width, resolution })).toBe(concrete);
      }
    }
  });

  it('params and extra ops too (width free; every extra-op switch on)', () => {
    const network = loadNetwork({
      model: 'mobilenet-v1',
      free: ['width'],
      parameters: { resolution: 160 },
      convention: ALL_OPS_CONVENTION,
    });
    for (const quantity of ['params', 'extraOps'] as const) {
      const formula = symbolicTotal(network, ALL_OPS_CONVENTION, quantity).expression;
      for (const width of [0.25, 0.5, 0.75, 1, 1.5]) {
        const concrete = countModel({
          model: 'mobilenet-v1',
          parameters: { width, resolution: 160 },
          convention: ALL_OPS_CONVENTION,
        }).total[quantity];
        expect(at(formula, { width })).toBe(concrete);
      }
    }
  });

  it('BFT MACs in the base k, for k = 2 … 9, and in width for the official n_in ≠ n_out rule', () => {
    const byBase = symbolicTotal(
      loadNetwork({ model: 'mobilenet-v1', fusion: { ...DEFAULT_BFT, symbolicBase: true } }),
      PAPER_CONVENTION,
    ).expression;
    for (let base = 2; base <= 9; base++) {
      const concrete = countModel({ model: 'mobilenet-v1', fusion: { ...DEFAULT_BFT, base } }).total.macs;
      expect(at(byBase, { base })).toBe(concrete);
    }
    for (const logMode of ['ceil', 'padded', 'mixed-radix'] as const) {
      const fusion = { ...DEFAULT_BFT, logMode };
      const byWidth = symbolicTotal(
        loadNetwork({ model: 'mobilenet-v1', free: ['width'], fusion }),
        PAPER_CONVENTION,
      ).expression;
      for (const width of [0.25, 0.5, 1, 2]) {
        expect(at(byWidth, { width })).toBe(
          countModel({ model: 'mobilenet-v1', parameters: { width }, fusion }).total.macs,
        );
      }
    }
  });

  it('the fold agrees with the network analysis at the build point', () => {
    const network = loadNetwork({ model: 'mobilenet-v1', free: ['resolution'], parameters: { width: 0.5 } });
    expect(at(symbolicTotal(network, PAPER_CONVENTION).expression, { resolution: 224 })).toBe(
      analyze(network, PAPER_CONVENTION).total.macs,
    );
  });
});

describe('symbolic totals across the zoo', () => {
  // Each model's formula, built once at its defaults, evaluated at other settings must equal a
  // network built independently at those settings (choice parameters stay at their defaults).
  const cases: [string, string, number[]][] = [
    ['mobilenet-v2', 'width', [0.35, 0.5, 0.75, 1, 1.4]],
    ['mobilenet-v3-large', 'width', [0.75, 1, 1.25]],
    ['mobilenet-v3-small', 'width', [0.35, 0.5, 0.75, 1]],
    ['shufflenet-v2', 'width', [0.5, 1, 1.5, 2]],
    ['resnet-50', 'resolution', [96, 160, 224, 320]],
    ['shufflenet-v2-1.25', 'resolution', [128, 160, 224]],
  ];
  it.each(cases)('%s in %s', (model, free, points) => {
    for (const fusion of [{ kind: 'pointwise' } as const, DEFAULT_BFT]) {
      const formula = symbolicTotal(loadNetwork({ model, free: [free], fusion }), PAPER_CONVENTION).expression;
      for (const value of points) {
        expect(at(formula, { [free]: value })).toBe(
          countModel({ model, parameters: { [free]: value }, fusion }).total.macs,
        );
      }
    }
  });
});
