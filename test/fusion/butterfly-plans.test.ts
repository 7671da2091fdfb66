/**
 * Butterfly plans (issue 18): factorisation rules against hand-worked factorisations, plans
 * through fusion and the cost model against a hand count of MobileNetV1's pointwise layers, plan
 * files and radix rules with their errors, and the choice of a plan under a MAC budget on a
 * hand-made timing table.
 */
import { describe, expect, it } from '@jest/globals';
import { countModel } from '../../src/index.js';
import { baseRadices, checkRadices, sqrtRadices } from '../../src/fusion/butterfly-plans.js';
import { parsePlanFile, parseRadixRule } from '../../src/fusion/plan-file.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { planCriteria } from '../../src/graph/plan-criteria.js';
import { balancedRadices, candidateRadices, choosePlan } from '../../src/search/plan-candidates.js';
import { UserError } from '../../src/errors.js';
import { butterfly8x8, square64 } from './plan-fixtures.js';

describe('factorisation rules', () => {
  it('sqrt: the two factors nearest √m; a prime stays one factor', () => {
    expect(sqrtRadices(2048)).toEqual([32, 64]);
    expect(sqrtRadices(256)).toEqual([16, 16]);
    expect(sqrtRadices(96)).toEqual([8, 12]);
    expect(sqrtRadices(13)).toEqual([13]);
  });
  it('base:K: factors K, then the primes of the rest', () => {
    expect(baseRadices(48, 4)).toEqual([4, 4, 3]);
    expect(baseRadices(1024, 4)).toEqual([4, 4, 4, 4, 4]);
    expect(baseRadices(2048, 4)).toEqual([4, 4, 4, 4, 4, 2]);
  });
  it('balanced radices: the L factors of m with the least sum (hand-checked for 64 and 2048)', () => {
    expect(balancedRadices(64, 2)).toEqual([8, 8]);
    expect(balancedRadices(64, 3)).toEqual([4, 4, 4]);
    expect(balancedRadices(64, 4)).toEqual([4, 4, 2, 2]);
    expect(balancedRadices(2048, 2)).toEqual([64, 32]);
    expect(balancedRadices(2048, 3)).toEqual([16, 16, 8]);
    expect(balancedRadices(7, 2)).toBeUndefined();
  });
  it('candidates run from base 2 to two factors, plus base 4', () => {
    expect(candidateRadices(64)).toEqual([
      [2, 2, 2, 2, 2, 2],
      [4, 2, 2, 2, 2],
      [4, 4, 2, 2],
      [4, 4, 4],
      [8, 8],
    ]);
    expect(candidateRadices(48)).toEqual([
      [3, 2, 2, 2, 2],
      [4, 3, 2, 2],
      [4, 4, 3],
      [8, 6],
    ]);
  });
  it('a radix of 1, or radices whose product is not the size, is a user error naming the layer', () => {
    expect(() => checkRadices([8, 1, 8], 64, 'layer b', { field: 'radices' })).toThrow(
      /layer b: every radix must be an integer >= 2/,
    );
    expect(() => checkRadices([16, 16], 64, 'layer b', { field: 'radices' })).toThrow(
      /multiply to 256, not the butterfly size 64/,
    );
    expect(() => checkRadices([8, 8], 64, 'layer b', { field: 'radices' })).not.toThrow();
  });
});

describe('plans through fusion and the cost model', () => {
  // MobileNetV1-1.0 @224: pointwise (n_in, n_out, output pixels), from the paper's Table 1.
  const POINTWISE: [number, number, number][] = [
    [32, 64, 112 * 112],
    [64, 128, 56 * 56],
    [128, 128, 56 * 56],
    [128, 256, 28 * 28],
    [256, 256, 28 * 28],
    [256, 512, 14 * 14],
    [512, 512, 196],
    [512, 512, 196],
    [512, 512, 196],
    [512, 512, 196],
    [512, 512, 196],
    [512, 1024, 7 * 7],
    [1024, 1024, 7 * 7],
  ];
  // sqrt radices by hand: 32 → 4·8, 64 → 8·8, 128 → 8·16, 256 → 16·16, 512 → 16·32, 1024 → 32·32
  const SQRT_SUM: Record<number, number> = { 32: 12, 64: 16, 128: 24, 256: 32, 512: 48, 1024: 64 };

  it('--radices sqrt: every butterfly costs squares · m · Σr per pixel (official policy: m = min, ⌈max/min⌉ squares)', () => {
    const report = countModel({
      model: 'mobilenet-v1',
      fusion: { ...DEFAULT_BFT, plan: { kind: 'rule', rule: { kind: 'sqrt' } } },
    });
    const butterflies = report.layers.filter((layer) => layer.kind === 'butterfly');
    expect(butterflies).toHaveLength(13);
    const byHand = POINTWISE.reduce((sum, [nIn, nOut, pixels]) => {
      const m = Math.min(nIn, nOut);
      return sum + BigInt(Math.ceil(Math.max(nIn, nOut) / m) * m * (SQRT_SUM[m] ?? 0) * pixels);
    }, 0n);
    expect(butterflies.reduce((sum, layer) => sum + layer.macs, 0n)).toBe(byHand);
  });

  it('a plan file assigns radices by layer name; layers it misses or invents are errors', () => {
    const plan = (layers: object[]) => parsePlanFile(JSON.stringify({ layers }), 'p.json');
    const all = [
      'block1',
      'block2',
      'block3',
      'block4',
      'block5',
      'block6',
      'block7',
      'block8',
      'block9',
      'block10',
      'block11',
      'block12',
      'block13',
    ];
    const sizes = [32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024];
    const entries = all.map((b, i) => ({ name: `${b}/pointwise`, radices: sqrtRadices(sizes[i] ?? 2) }));
    const fusion = (layers: object[]) => ({ ...DEFAULT_BFT, plan: plan(layers) });
    const planned = countModel({ model: 'mobilenet-v1', fusion: fusion(entries) });
    const sqrt = countModel({
      model: 'mobilenet-v1',
      fusion: { ...DEFAULT_BFT, plan: { kind: 'rule', rule: { kind: 'sqrt' } } },
    });
    expect(planned.total.macs).toBe(sqrt.total.macs);
    expect(() => countModel({ model: 'mobilenet-v1', fusion: fusion(entries.slice(1)) })).toThrow(
      /names no layer "block1\/pointwise"/,
    );
    expect(() =>
      countModel({ model: 'mobilenet-v1', fusion: fusion([...entries, { name: 'fc', radices: [2, 2] }]) }),
    ).toThrow(/names layer "fc", which the BFT does not replace/);
    expect(() => plan([{ name: 'x', radices: [4, 1] }])).toThrow(UserError);
    expect(() => plan([{ name: 'x', radices: [4, 4], form: 'fft' }])).toThrow(/unknown operator form/);
  });

  it('radix rules parse, and anything else is a one-line user error', () => {
    expect(parseRadixRule('sqrt')).toEqual({ kind: 'sqrt' });
    expect(parseRadixRule('base:4')).toEqual({ kind: 'base', base: 4 });
    expect(parseRadixRule('32x64')).toEqual({ kind: 'radices', radices: [32, 64] });
    expect(() => parseRadixRule('4,4')).toThrow(/unknown radix rule/);
    expect(() => parseRadixRule('8x1')).toThrow(UserError);
  });
});

describe('the criteria of planned butterflies, checked on their graphs', () => {
  it.each([[[8, 8]], [[16, 16]], [[4, 4, 4]], [[3, 4, 5]], [[32, 64]]])(
    '%j meets every-to-all, one path per pair, bottleneck and equal out-degree',
    (radices) => {
      expect(planCriteria(radices)).toEqual({
        everyToAll: true,
        onePathPerPair: true,
        bottleneck: true,
        equalOutDegree: true,
        met: true,
      });
    },
  );
});

describe('choosing a plan', () => {
  const shape = square64;
  const candidate = butterfly8x8;
  const shapes = [shape(['a', 'b']), shape(['c'])];
  // hand-made table: shape 0 (two layers): fast/expensive 100 MACs 1 ms, slow/cheap 10 MACs 5 ms; shape 1: 50 MACs 2 ms, 20 MACs 3 ms
  const table = [
    [candidate(100n, 1), candidate(10n, 5)],
    [candidate(50n, 2), candidate(20n, 3)],
  ];
  it('latency without a budget: the fastest per shape', () => {
    expect(choosePlan(shapes, table, 'latency').map((c) => c.chosen.ms)).toEqual([1, 2]);
  });
  it('latency under a budget: the least total time among the combinations that fit (by hand: 2·100 + 20 = 220 ≤ 230 beats 2·10 + 50)', () => {
    expect(choosePlan(shapes, table, 'latency', 230n).map((c) => c.chosen.macs)).toEqual([100n, 20n]);
    expect(choosePlan(shapes, table, 'latency', 100n).map((c) => c.chosen.macs)).toEqual([10n, 50n]);
    expect(() => choosePlan(shapes, table, 'latency', 30n)).toThrow(RangeError);
  });
  it('macs: the fewest MACs', () => {
    expect(choosePlan(shapes, table, 'macs').map((c) => c.chosen.macs)).toEqual([10n, 20n]);
  });
});
