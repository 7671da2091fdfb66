/**
 * The ConvNeXt zoo file (data/architectures/convnext.json) against independent oracles:
 * PyTorch's own counts of torchvision's convnext_tiny at 224 (test/fixtures/onnx-transformers/
 * expected.json: torch.profiler FLOPs / 2, sum(p.numel())), the per-role split of the ONNX
 * import of the same export, and a hand count from the paper's layer list. Per block at C
 * channels on an H × H map: H²·(49·C + 8·C²) MACs (7×7 depthwise, C → 4C → C), params
 * 8·C² + 58·C (depthwise 49C + C bias, LayerNorm 2C, Linear layers 4C² + 4C and 4C² + C, γ C).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/cost/analyze.js';
import { symbolicTotal } from '../../src/cost/symbolic-total.js';
import { evaluateExact, fractionToBigInt } from '../../src/expr/math.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { countModel, loadNetwork } from '../../src/index.js';
import { readOnnxModel } from '../../src/io/onnx-file.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'onnx-transformers');
const oracle = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  models: Record<string, { macs: number; params: number }>;
};

/** Hand count: stem 4×4/4 + LayerNorm, stages of blocks, LayerNorm + 2×2/2 downsampling, pool, LayerNorm, head. */
function convnext(
  width: number,
  depths: readonly number[],
  resolution: number,
  classes = 1000,
): { macs: bigint; params: bigint } {
  let side = BigInt(Math.floor(resolution / 4));
  let C = BigInt(width);
  let macs = side * side * C * 3n * 16n;
  let params = 3n * 16n * C + C + 2n * C;
  depths.forEach((depth, stage) => {
    if (stage > 0) {
      params += 2n * C + 4n * C * 2n * C + 2n * C;
      side /= 2n;
      macs += side * side * 2n * C * C * 4n;
      C *= 2n;
    }
    macs += BigInt(depth) * side * side * (49n * C + 8n * C * C);
    params += BigInt(depth) * (8n * C * C + 58n * C);
  });
  return { macs: macs + C * BigInt(classes), params: params + 2n * C + C * BigInt(classes) + BigInt(classes) };
}

function roleMacs(report: ReturnType<typeof analyze>): Map<string, bigint> {
  return new Map(report.roles.filter((role) => role.macs !== 0n).map((role) => [role.role, role.macs]));
}

describe('convnext vs PyTorch (torchvision 0.14 convnext_tiny, weights=None)', () => {
  it("ConvNeXt-T at 224 (the defaults): MACs and params exactly PyTorch's, and the hand count", () => {
    const total = countModel({ model: 'convnext' }).total;
    const expected = oracle.models['convnext_tiny'];
    expect([total.macs, total.params]).toEqual([BigInt(expected?.macs ?? -1), BigInt(expected?.params ?? -1)]);
    expect(total).toMatchObject(convnext(96, [3, 3, 9, 3], 224));
  });

  it("the MACs of every role equal the ONNX import's of the same export; params in total too", () => {
    const imported = analyze(readOnnxModel(join(FIXTURES, 'convnext_tiny.onnx')).build({}), PAPER_CONVENTION);
    const zoo = analyze(loadNetwork({ model: 'convnext' }), PAPER_CONVENTION);
    expect(roleMacs(zoo)).toEqual(roleMacs(imported));
    expect(zoo.total.params).toBe(imported.total.params);
    const fusion = (report: typeof zoo) => report.layers.filter((layer) => layer.role === 'channel-fusion').length;
    expect(fusion(zoo)).toBe(fusion(imported));
  });
});

describe('convnext against the hand count', () => {
  const cases: [string, number, number[], number][] = [
    ['ConvNeXt-S', 96, [3, 3, 27, 3], 224],
    ['ConvNeXt-B', 128, [3, 3, 27, 3], 224],
    ['ConvNeXt-L', 192, [3, 3, 27, 3], 224],
    ['ConvNeXt-T at 256', 96, [3, 3, 9, 3], 256],
    ['a small one at 96', 32, [1, 2, 1, 0], 96],
  ];
  it.each(cases)('%s', (_name, width, depths, resolution) => {
    const [depth1, depth2, depth3, depth4] = depths;
    const total = countModel({
      model: 'convnext',
      parameters: {
        width,
        depth1: depth1 ?? 0,
        depth2: depth2 ?? 0,
        depth3: depth3 ?? 0,
        depth4: depth4 ?? 0,
        resolution,
      },
    }).total;
    expect({ macs: total.macs, params: total.params }).toEqual(convnext(width, depths, resolution));
  });

  it('the formula in width and resolution equals the hand count (resolutions that are multiples of 32)', () => {
    const network = loadNetwork({ model: 'convnext', free: ['width', 'resolution'] });
    const macs = symbolicTotal(network, PAPER_CONVENTION).expression;
    const params = symbolicTotal(network, PAPER_CONVENTION, 'params').expression;
    for (const width of [32, 96, 128]) {
      for (const resolution of [160, 224, 288]) {
        const hand = convnext(width, [3, 3, 9, 3], resolution);
        expect(fractionToBigInt(evaluateExact(macs, { width, resolution }))).toBe(hand.macs);
        expect(fractionToBigInt(evaluateExact(params, { width, resolution }))).toBe(hand.params);
      }
    }
  });
});

describe('convnext under --fusion bft', () => {
  it('replaces exactly the two pointwise Linear layers of each of the 18 blocks; depthwise, downsampling, stem and head stay', () => {
    const network = loadNetwork({ model: 'convnext', fusion: DEFAULT_BFT });
    const replaced = network.layers
      .filter((layer) => layer.layer.kind === 'butterfly')
      .map((layer) => layer.name.split('/').at(-1));
    expect(replaced).toEqual(Array.from({ length: 18 }, () => ['pwconv1', 'pwconv2']).flat());
    const dense = analyze(loadNetwork({ model: 'convnext' }), PAPER_CONVENTION);
    const bft = analyze(network, PAPER_CONVENTION);
    for (const role of ['stem', 'depthwise', 'spatial', 'classifier'] as const) {
      expect(roleMacs(bft).get(role)).toBe(roleMacs(dense).get(role));
    }
    // stage 1 (C = 96, 56 × 56): C → 4C is 4 squares of 96, each 4 · 96 · ⌈log₄ 96⌉ = 4 · 96 · 4 edges
    const first = bft.layers.find((layer) => layer.name === 'stage1/1/cnblock/residual/2/pwconv1');
    expect(first?.macs).toBe(56n * 56n * 4n * (4n * 96n * 4n));
  });
});
