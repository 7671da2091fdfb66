/**
 * The ViT zoo file (data/architectures/vit.json) against independent oracles: PyTorch's own
 * counts of torchvision's ViT-Ti/S/B/16 at 224 (test/fixtures/onnx-transformers/expected.json,
 * made by scripts/make-transformer-fixtures.py: torch.profiler conv2d + addmm + mm + bmm FLOPs / 2
 * and sum(p.numel())), the per-role split of the ONNX import of the same export, and a
 * hand-derived closed form of the encoder block (T tokens, width d, MLP ratio r):
 * 4·T·d² (qkv d → 3d and out d → d projections) + 2·T²·d (q·kᵀ and attn·v over all heads)
 * + 2·r·T·d² (the MLP d → r·d → d) MACs; params (4 + 2r)·d² + (9 + r)·d (two LayerNorms 4d,
 * qkv 3d² + 3d, out d² + d, MLP 2r·d² + r·d + d).
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
import { runCliAsync } from '../cli/run-cli.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'onnx-transformers');
const oracle = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  models: Record<string, { macs: number; params: number; file: string }>;
};

/** The published variants as parameter values (depth 12, patch 16, MLP ratio 4 unless said). */
const VARIANTS = {
  vit_ti_16: { width: 192, heads: 3 },
  vit_s_16: { width: 384, heads: 6 },
  vit_b_16: {},
} as const;

const at = (expression: string, point: Record<string, number>) => fractionToBigInt(evaluateExact(expression, point));

/** Closed form of one encoder block. */
function blockMacs(T: bigint, d: bigint, r: bigint): bigint {
  return 4n * T * d * d + 2n * T * T * d + 2n * r * T * d * d;
}

/** Closed form of the whole network: blocks, the patch embedding 3·p²·d·(T − 1), the head d·classes. */
function vitMacs(o: {
  patch: bigint;
  depth: bigint;
  width: bigint;
  mlp: bigint;
  resolution: bigint;
  classes?: bigint;
}): bigint {
  const side = o.resolution / o.patch;
  const T = side * side + 1n;
  return (
    o.depth * blockMacs(T, o.width, o.mlp) +
    3n * o.patch * o.patch * o.width * (T - 1n) +
    o.width * (o.classes ?? 1000n)
  );
}

/** Params closed form: blocks, patch conv (3p²d + d), class token d, positional embedding T·d, final LayerNorm 2d, head. */
function vitParams(o: {
  patch: bigint;
  depth: bigint;
  width: bigint;
  mlp: bigint;
  resolution: bigint;
  classes?: bigint;
}): bigint {
  const { width: d, mlp: r } = o;
  const side = o.resolution / o.patch;
  const T = side * side + 1n;
  const classes = o.classes ?? 1000n;
  return (
    o.depth * ((4n + 2n * r) * d * d + (9n + r) * d) +
    3n * o.patch * o.patch * d +
    d +
    d +
    T * d +
    2n * d +
    d * classes +
    classes
  );
}

function roleMacs(report: ReturnType<typeof analyze>): Map<string, bigint> {
  return new Map(report.roles.filter((role) => role.macs !== 0n).map((role) => [role.role, role.macs]));
}

describe('vit at 224 vs PyTorch (torchvision 0.14, weights=None)', () => {
  it.each(Object.entries(VARIANTS))("%s: MACs and params exactly PyTorch's", (name, parameters) => {
    const expected = oracle.models[name];
    const total = countModel({ model: 'vit', parameters }).total;
    expect([total.macs, total.params]).toEqual([BigInt(expected?.macs ?? -1), BigInt(expected?.params ?? -1)]);
  });

  it("vit_ti_16: the MACs of every role equal the ONNX import's of the same export", () => {
    const imported = analyze(readOnnxModel(join(FIXTURES, 'vit_ti_16.onnx')).build({}), PAPER_CONVENTION);
    const zoo = analyze(loadNetwork({ model: 'vit', parameters: VARIANTS.vit_ti_16 }), PAPER_CONVENTION);
    expect(roleMacs(zoo)).toEqual(roleMacs(imported));
    // params: the same total; the importer books a MatMul's bias and the learned tensors on the
    // Add / Concat records around it, the zoo on the Linear and the element-wise records
    expect(zoo.total.params).toBe(imported.total.params);
  });

  it("ViT-L/16 (depth 24, width 1024, 16 heads): the closed form, and torchvision's published 61.55 GFLOPS / 304.33 M", () => {
    const total = countModel({ model: 'vit', parameters: { width: 1024, heads: 16, depth: 24 } }).total;
    const closed = { patch: 16n, depth: 24n, width: 1024n, mlp: 4n, resolution: 224n };
    expect(total.macs).toBe(vitMacs(closed));
    expect(total.params).toBe(vitParams(closed));
    expect([total.macs, total.params]).toEqual([61_554_712_576n, 304_326_632n]);
    expect(Math.round(Number(total.macs) / 1e7) / 100).toBe(61.55);
    expect(Math.round(Number(total.params) / 1e4) / 100).toBe(304.33);
  });
});

describe('vit against the closed form of an encoder block', () => {
  // T = (resolution / 16)² + 1: 5, 17, 50 tokens; heads dividing d; r·d an integer
  const grid: [number, number, number, number][] = [];
  for (const resolution of [32, 64, 112]) {
    for (const [width, heads] of [
      [64, 2],
      [96, 3],
      [192, 4],
    ] as const) {
      for (const mlp of [1, 2, 4]) grid.push([resolution, width, heads, mlp]);
    }
  }
  it.each(grid)(
    'depth 1 at resolution %i, d = %i (%i heads), r = %i: block, patch embedding and head by role; params',
    (resolution, width, heads, mlp) => {
      const parameters = { depth: 1, resolution, width, heads, mlp };
      const report = analyze(loadNetwork({ model: 'vit', parameters }), PAPER_CONVENTION);
      const [T, d, r] = [BigInt((resolution / 16) ** 2 + 1), BigInt(width), BigInt(mlp)];
      expect(roleMacs(report)).toEqual(
        new Map([
          ['stem', 3n * 256n * d * (T - 1n)],
          ['channel-fusion', 2n * r * T * d * d],
          ['attention-projection', 4n * T * d * d],
          ['attention', 2n * T * T * d],
          ['classifier', d * 1000n],
        ]),
      );
      const closed = { patch: 16n, depth: 1n, width: d, mlp: r, resolution: BigInt(resolution) };
      expect(report.total.macs).toBe(vitMacs(closed));
      expect(report.total.params).toBe(vitParams(closed));
    },
  );

  it("each further block adds exactly the block's closed form (ViT-S/16 widths, depth 1 → 2 → 5)", () => {
    const macs = (depth: number) =>
      countModel({ model: 'vit', parameters: { ...VARIANTS.vit_s_16, depth } }).total.macs;
    const block = blockMacs(197n, 384n, 4n);
    expect(macs(2) - macs(1)).toBe(block);
    expect(macs(5) - macs(2)).toBe(3n * block);
  });

  it('a non-integer MLP ratio (r = 2.5, d = 64: 160 hidden) is exact too; r·d must be an integer', () => {
    const total = countModel({
      model: 'vit',
      parameters: { depth: 1, resolution: 64, width: 64, heads: 2, mlp: 2.5 },
    }).total;
    const T = 17n;
    expect(total.macs).toBe(
      4n * T * 64n * 64n + 2n * T * T * 64n + 2n * T * 64n * 160n + 3n * 256n * 64n * (T - 1n) + 64n * 1000n,
    );
    expect(() =>
      countModel({ model: 'vit', parameters: { depth: 1, resolution: 64, width: 64, heads: 2, mlp: 2.51 } }),
    ).toThrow(/out must be a positive integer/);
  });
});

describe('vit symbolically', () => {
  it('the formula in width, mlp and resolution equals the closed form on a grid (T = (resolution / 16)² + 1)', () => {
    const formula = symbolicTotal(
      loadNetwork({ model: 'vit', free: ['width', 'mlp', 'resolution'] }),
      PAPER_CONVENTION,
    ).expression;
    const params = symbolicTotal(
      loadNetwork({ model: 'vit', free: ['width', 'mlp', 'resolution'] }),
      PAPER_CONVENTION,
      'params',
    ).expression;
    for (const resolution of [160, 224, 384]) {
      for (const width of [192, 384, 1032]) {
        for (const mlp of [2, 4]) {
          const closed = {
            patch: 16n,
            depth: 12n,
            width: BigInt(width),
            mlp: BigInt(mlp),
            resolution: BigInt(resolution),
          };
          expect(at(formula, { width, mlp, resolution })).toBe(vitMacs(closed));
          expect(at(params, { width, mlp, resolution })).toBe(vitParams(closed));
        }
      }
    }
  });

  it('`formula vit --symbolic resolution` agrees with the closed form at 160, 224, 384 and says so at the build point', async () => {
    const run = await runCliAsync(['formula', 'vit', '--symbolic', 'resolution', '--format', 'json']);
    expect(run.stderr).toBe('');
    const { expression } = JSON.parse(run.stdout) as { expression: string };
    for (const resolution of [160, 224, 384]) {
      expect(at(expression, { resolution })).toBe(
        vitMacs({ patch: 16n, depth: 12n, width: 768n, mlp: 4n, resolution: BigInt(resolution) }),
      );
    }
  });
});

describe('vit under --fusion bft', () => {
  // One square butterfly of 768 channels, base 4, ceil mode: 4 · 768 · ⌈log₄ 768⌉ = 4 · 768 · 5 edges;
  // the MLP's 768 → 3072 and 3072 → 768 are 4 squares each (official shape policy).
  const square = 4n * 768n * 5n;
  const [T, blocks] = [197n, 12n];

  it("replaces exactly the MLP Linear layers (2 per block), attention stays dense; counts by role as the ONNX import's what-if", () => {
    const network = loadNetwork({ model: 'vit', fusion: DEFAULT_BFT });
    const replaced = network.layers
      .filter((layer) => layer.layer.kind === 'butterfly')
      .map((layer) => layer.name.split('/').at(-1));
    expect(replaced).toEqual(Array.from({ length: 12 }, () => ['mlp_0', 'mlp_3']).flat());
    const roles = roleMacs(analyze(network, PAPER_CONVENTION));
    expect(roles.get('channel-fusion')).toBe(blocks * 2n * T * 4n * square);
    expect(roles.get('attention-projection')).toBe(blocks * 4n * T * 768n * 768n);
    expect(roles.get('attention')).toBe(blocks * 2n * T * T * 768n);
  });

  it('with the attention projections too: qkv 3 squares, out 1 square', () => {
    const network = loadNetwork({ model: 'vit', fusion: { ...DEFAULT_BFT, includeAttentionProjections: true } });
    expect(roleMacs(analyze(network, PAPER_CONVENTION)).get('attention-projection')).toBe(blocks * T * 4n * square);
  });

  it('`compare vit` (A dense, B BFT): B replaces exactly the MLP layers and totals 6,699,565,056 MACs (dense total − MLPs + butterflies)', async () => {
    const run = await runCliAsync(['compare', 'vit', '--format', 'json']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    const json = JSON.parse(run.stdout) as {
      b: { options: { roles: string }; total: { macs: number } };
      layers: { name: string; kindA: string; kindB: string }[];
    };
    expect(json.b.options.roles).toBe('channel-fusion');
    const replaced = json.layers.filter((layer) => layer.kindA !== layer.kindB);
    expect(replaced.every((layer) => /\/mlp_[03]$/.test(layer.name) && layer.kindB === 'butterfly')).toBe(true);
    expect(replaced).toHaveLength(24);
    const dense = 17_563_828_224n;
    expect(BigInt(json.b.total.macs)).toBe(dense - blocks * 2n * 4n * T * 768n * 768n + blocks * 2n * T * 4n * square);
    expect(BigInt(json.b.total.macs)).toBe(6_699_565_056n);
  });
});
