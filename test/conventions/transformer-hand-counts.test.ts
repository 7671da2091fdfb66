/**
 * The presets on transformer layer records, against two independent oracles: a hand count
 * from each tool's source formula (cited in src/conventions/*.ts), and what the tools print for
 * the same networks written in PyTorch (scripts/measure-counter-totals.py ... transformers →
 * transformer-counter-totals.json: fvcore, ptflops and thop run from their sources, torch 1.13's
 * profiler). The networks are built as records in transformer-networks.ts.
 *
 * token-net (T = 5 tokens, d = 16, 2 heads of 8): default MACs
 *   patch 4·16·48 = 3,072; linears 5 · 5,120 + head 160 = 25,760 (A: in 3,840 + out 1,280;
 *   B, C, D, E: 5,120 each); six products 2·5·8·5 = 400 each: 2,400. Total 31,232.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { countModel } from '../../src/index.js';
import { explainConventions } from '../../src/conventions/explain.js';
import { reportedTotal, type PresetName } from '../../src/conventions/preset.js';
import { CONVENTION_PRESETS } from '../../src/conventions/presets.js';
import { formatExplanation } from '../../src/format/explain-format.js';
import { tokenNet, torchvisionConvnext, torchvisionSwin, torchvisionVit } from './transformer-networks.js';

const MEASURED = (
  JSON.parse(readFileSync(new URL('./transformer-counter-totals.json', import.meta.url), 'utf8')) as {
    models: Record<string, Record<string, number | null>>;
  }
).models;

/** Each tool on token-net, by hand: MACs as the tool counts them, and its other operations. */
const TOKEN_NET: { readonly [N in PresetName]: { readonly macs: bigint; readonly extra: bigint } } = {
  paper: { macs: 31_232n, extra: 0n },
  // every product counted (aten::bmm, matmul, einsum); LayerNorm 5 per element, 5 norms of 80
  fvcore: { macs: 31_232n, extra: 5n * 5n * 80n },
  // MACs: MHA products twice (hook + patched torch.bmm) +800, @ (2×400) and einsum (400) 0, torch.matmul once;
  // extra: conv bias 64; nn.Linear biases 160+80+240+80+240+80+160+80+10 = 1,130; MHA q scaling 80,
  // in bias 240, out bias 80; nn.LayerNorm 4×80 (1 per element); nn.GELU 2×160, F.gelu 160;
  // softmax MHA 2×50, F.softmax 50, nn.Softmax → F.softmax 50
  ptflops: { macs: 31_232n + 800n - 1_200n, extra: 64n + 1_130n + 400n + 320n + 480n + 200n },
  // MACs: only the MHA hook's products; extra: biases, MHA, nn.LayerNorm 320, nn.GELU 160, MHA softmax 50
  'ptflops-modules': { macs: 31_232n - 1_600n, extra: 64n + 1_130n + 400n + 320n + 160n + 50n },
  // every product and Linear; every bias: 64 + 1,130 + MHA 240 + 80
  'ptflops-aten': { macs: 31_232n, extra: 64n + 1_130n + 320n },
  // MHA invisible (3,840 + 1,280 + 800), the four other products 1,600; nn.LayerNorm 4 per element
  // on 4 modules (F.layer_norm 0); nn.Softmax (3·5 − 1) per row of 5, 2·5 rows
  thop: { macs: 31_232n - 5_920n - 1_600n, extra: 4n * 4n * 80n + 14n * 10n },
  // 2 FLOPs per MAC; aten::add: the positional add and 5 residuals, 80 each; aten::mul q * scale 80
  'torch-profiler': { macs: 31_232n, extra: 6n * 80n + 80n },
};

describe('presets on token-net (every PyTorch form of attention, LayerNorm, GELU, softmax)', () => {
  const network = tokenNet();
  for (const [name, { macs, extra }] of Object.entries(TOKEN_NET) as [PresetName, { macs: bigint; extra: bigint }][]) {
    it(`${name}: MACs ${macs}, other operations ${extra}; equals the tool's printed total`, () => {
      const preset = CONVENTION_PRESETS[name];
      const report = analyze(network, preset.convention, preset.registry);
      expect(report.total.macs).toBe(macs);
      expect(report.total.extraOps).toBe(extra);
      const reported = reportedTotal(report.convention, report.total).reported;
      expect(reported).toBe(preset.reportedUnit === 'FLOP' ? 2n * macs + extra : macs + extra);
      if (name !== 'paper') expect(reported).toBe(BigInt(MEASURED['token-net']?.[name] ?? -1));
    });
  }

  it('explain: attention, LayerNorm, GELU and softmax rows, each column summing to the tool', () => {
    const presets = Object.values(CONVENTION_PRESETS);
    const explanation = explainConventions(network, presets);
    const column = (name: PresetName) => explanation.columns.findIndex((c) => c.preset === name);
    const row = (category: string) => explanation.rows.find((r) => r.category === category);
    expect(row('attention MACs')?.layers).toBe(6);
    expect(row('attention MACs')?.counts[column('thop')]).toBe(0n);
    expect(row('attention MACs')?.counts[column('ptflops')]).toBe(2n * 800n + 400n);
    expect(row('attention MACs')?.counts[column('torch-profiler')]).toBe(2n * 2_400n);
    // A's two MHA projections and C's and D's qkv + proj
    expect(row('attention projection MACs')?.layers).toBe(6);
    expect(row('attention projection MACs')?.counts[column('thop')]).toBe(2n * 5_120n);
    expect(row('attention bias/scaling')?.counts[column('ptflops')]).toBe(400n + 2n * 320n);
    expect(row('layer norm')?.counts[column('fvcore')]).toBe(2_000n);
    expect(row('layer norm')?.counts[column('thop')]).toBe(1_280n);
    expect(row('gelu')?.counts[column('ptflops')]).toBe(480n);
    expect(row('softmax')?.counts[column('thop')]).toBe(140n);
    expect(row('linear MACs')?.counts[column('fvcore')]).toBe(4n * 2_560n + 160n);
    const text = formatExplanation(explanation, 'table');
    expect(text).toMatch(/attention MACs: .*thop — not modules/);
    expect(text).toMatch(/softmax: .*thop — nn.Softmax count_softmax/);
  });
});

describe('torchvision ViT-B/16 at 224 as the tools count it', () => {
  const network = torchvisionVit({ patch: 16, depth: 12, width: 768, heads: 12, mlp: 3072, resolution: 224 });
  const measured = MEASURED['vit_b_16'] ?? {};
  // Hand count: T = 197, d = 768, r = 4: per block 4·T·d² + 2·T²·d + 2·r·T·d² = 1,453,954,560 MACs;
  // 12 blocks + patch conv 196·768·768 + head 768·1000.
  const MACS =
    12n * (4n * 197n * 768n ** 2n + 2n * 197n ** 2n * 768n + 8n * 197n * 768n ** 2n) + 196n * 768n * 768n + 768_000n;
  const ELEMENTS = 197n * 768n;

  it("the default MACs equal the closed form and torch.profiler's MAC count (conv2d + addmm + mm + bmm FLOPs / 2)", () => {
    expect(MACS).toBe(17_563_828_224n);
    expect(analyze(network, CONVENTION_PRESETS.paper.convention, CONVENTION_PRESETS.paper.registry).total.macs).toBe(
      MACS,
    );
  });

  const expected: Partial<Record<PresetName, bigint>> = {
    // + 25 LayerNorms, 5 per element
    fvcore: MACS + 25n * 5n * ELEMENTS,
    // + conv bias 196·768, per block in bias 3·T·d, out bias T·d, MLP biases T·3072 + T·d; head bias 1000
    'ptflops-aten': MACS + 196n * 768n + 12n * (3n * ELEMENTS + ELEMENTS + 197n * 3072n + ELEMENTS) + 1_000n,
    // nn.MultiheadAttention invisible (12 · (4·T·d² + 2·T²·d)); LayerNorm 4 per element
    thop: MACS - 12n * (4n * 197n * 768n ** 2n + 2n * 197n ** 2n * 768n) + 25n * 4n * ELEMENTS,
    // 2 per MAC + aten::add on the positional add and 24 residuals
    'torch-profiler': 2n * MACS + 25n * ELEMENTS,
  };
  for (const [name, total] of Object.entries(expected) as [PresetName, bigint][]) {
    it(`${name}: ${total}, by hand and as the tool prints it`, () => {
      const preset = CONVENTION_PRESETS[name];
      const report = analyze(network, preset.convention, preset.registry);
      expect(reportedTotal(report.convention, report.total).reported).toBe(total);
      expect(BigInt(measured[name] ?? -1)).toBe(total);
    });
  }

  it('ptflops 0.7.5 prints no total for it (nn.MultiheadAttention called with keywords): nothing to compare', () => {
    expect(measured['ptflops']).toBeNull();
    expect(measured['ptflops-modules']).toBeNull();
  });
});

describe('torchvision ConvNeXt-T at 224 as the tools count it', () => {
  const network = torchvisionConvnext({ dims: [96, 192, 384, 768], depths: [3, 3, 9, 3] });
  const measured = MEASURED['convnext_tiny'] ?? {};
  // torch.profiler's conv2d + addmm + mm FLOPs / 2 (transformer-counter-totals.json), torchvision's 4.46 G
  const MACS = 4_455_531_264n;
  // Elements C·H·W of one block's map per stage (56², 28², 14², 7²) and the block counts
  const STAGE = [96n * 3136n, 192n * 784n, 384n * 196n, 768n * 49n];
  const blocks = 3n * STAGE[0]! + 3n * STAGE[1]! + 9n * STAGE[2]! + 3n * STAGE[3]!; // 2,145,024: every nn.LayerNorm, dwconv output, fc2 output
  const layerNorm2d = 2n * STAGE[0]! + STAGE[1]! + STAGE[2]! + 768n; // stem, 3 downsamples (their inputs), head
  const convBias = STAGE[0]! + blocks + STAGE[1]! + STAGE[2]! + STAGE[3]!; // stem, depthwise, downsample outputs
  const POOL = 768n * 49n;
  const LAYER_SCALE = 3n * 96n + 3n * 192n + 9n * 384n + 3n * 768n; // aten::mul on the C×1×1 parameter

  it("the default MACs equal torch.profiler's", () => {
    expect(analyze(network, CONVENTION_PRESETS.paper.convention, CONVENTION_PRESETS.paper.registry).total.macs).toBe(
      MACS,
    );
  });

  const expected: { readonly [N in Exclude<PresetName, 'paper'>]: bigint } = {
    // LayerNorm (module and LayerNorm2d alike) 5 per element; adaptive avg pool 1 per input element
    fvcore: MACS + 5n * (blocks + layerNorm2d) + POOL,
    // + conv biases, nn.Linear biases (4C + C per token, head 1000), nn.LayerNorm 1, nn.GELU 2 (hook + F.gelu),
    // nn.AdaptiveAvgPool2d 2 (hook + F.adaptive_avg_pool2d) per element; LayerNorm2d, * and += 0
    ptflops: MACS + convBias + 5n * blocks + 1_000n + blocks + 2n * 4n * blocks + 2n * POOL,
    'ptflops-modules': MACS + convBias + 5n * blocks + 1_000n + blocks + 4n * blocks + POOL,
    // conv biases and the head's addmm bias; the MLP Linears run as mm + add_: no bias
    'ptflops-aten': MACS + convBias + 1_000n,
    // nn.LayerNorm 4 per element (LayerNorm2d is another type: 0); (H·W + 1)·C for the pool
    thop: MACS + 4n * blocks + 50n * 768n,
    // 2 per MAC + aten::mul on the layer scale; result += input is add_: 0
    'torch-profiler': 2n * MACS + LAYER_SCALE,
  };
  for (const [name, total] of Object.entries(expected) as [PresetName, bigint][]) {
    it(`${name}: ${total}, by hand and as the tool prints it`, () => {
      const preset = CONVENTION_PRESETS[name];
      const report = analyze(network, preset.convention, preset.registry);
      expect(reportedTotal(report.convention, report.total).reported).toBe(total);
      expect(BigInt(measured[name] ?? -1)).toBe(total);
    });
  }
});

describe('torchvision Swin-T at 224 as the tools count it', () => {
  const network = torchvisionSwin({ dim: 96, depths: [2, 2, 6, 2], heads: [3, 6, 12, 24] });
  const measured = MEASURED['swin_t'] ?? {};
  // torch.profiler's conv2d + addmm + mm + bmm FLOPs / 2, torchvision's 4.49 G
  const MACS = 4_490_566_656n;
  // one block's T·C per stage (3136·96, 784·192, 196·384, 49·768), summed over the 12 blocks
  const TC = [301_056n, 150_528n, 75_264n, 37_632n];
  const blocksTC = 2n * TC[0]! + 2n * TC[1]! + 6n * TC[2]! + 2n * TC[3]!; // 1,430,016
  // qkv (3·T·C²) + proj (T·C²) through F.linear: 4·T·C² = 115,605,504 in every block
  const PROJECTIONS = 12n * 115_605_504n;
  // attention scores per block: (T/49)·heads·49² = T·heads·49; products 2·scores·head dim
  const scores = [3136n * 3n * 49n, 784n * 6n * 49n, 196n * 12n * 49n, 49n * 24n * 49n];
  const allScores = 2n * scores[0]! + 2n * scores[1]! + 6n * scores[2]! + 2n * scores[3]!; // 2,189,712
  const PRODUCTS = 2n * 32n * allScores; // head dim 32 everywhere
  const masked = scores[0]! + scores[1]! + 3n * scores[2]!; // the shifted blocks of stages 1-3
  const LN = TC[0]! + 2n * blocksTC + (TC[0]! + TC[1]! + TC[2]!) + TC[3]!; // stem, 2 per block, 3 merges, final: 3,725,568
  const POOL = 768n * 49n;

  it("the default MACs equal torch.profiler's, and the products and projections the hand count", () => {
    expect(PRODUCTS).toBe(140_141_568n); // fvcore's aten::matmul total
    expect(analyze(network, CONVENTION_PRESETS.paper.convention, CONVENTION_PRESETS.paper.registry).total.macs).toBe(
      MACS,
    );
  });

  const visible = MACS - PROJECTIONS - PRODUCTS; // what module hooks see
  const expected: { readonly [N in Exclude<PresetName, 'paper'>]: bigint } = {
    fvcore: MACS + 5n * LN + POOL,
    // + Tensor.matmul (patched), F.gelu, F.softmax, F.adaptive_avg_pool2d on top of the modules' counts
    ptflops:
      visible +
      TC[0]! +
      5n * blocksTC +
      1_000n +
      LN +
      4n * blocksTC +
      POOL +
      PRODUCTS +
      4n * blocksTC +
      allScores +
      POOL,
    // stem conv bias, nn.Linear MLP biases (4C + C per token), head; nn.LayerNorm 1, nn.GELU 1, pool 1 per element
    'ptflops-modules': visible + TC[0]! + 5n * blocksTC + 1_000n + LN + 4n * blocksTC + POOL,
    // every product; biases of the stem, of F.linear on 3-D inputs (3·T·C + T·C) and the head; MLPs run as mm
    'ptflops-aten': MACS + TC[0]! + 4n * blocksTC + 1_000n,
    thop: visible + 4n * LN + 50n * 768n,
    // 2 per MAC; aten::add: residuals (2 per block), relative position bias and masks on the scores; aten::mul: q
    'torch-profiler': 2n * MACS + 2n * blocksTC + allScores + masked + blocksTC,
  };
  for (const [name, total] of Object.entries(expected) as [PresetName, bigint][]) {
    it(`${name}: ${total}, by hand and as the tool prints it`, () => {
      const preset = CONVENTION_PRESETS[name];
      const report = analyze(network, preset.convention, preset.registry);
      expect(reportedTotal(report.convention, report.total).reported).toBe(total);
      expect(BigInt(measured[name] ?? -1)).toBe(total);
    });
  }
});

describe('the ONNX exports of torchvision transformers (test/fixtures/onnx-transformers), imported', () => {
  const fixture = (name: string) =>
    fileURLToPath(new URL(`../fixtures/onnx-transformers/${name}.onnx`, import.meta.url));
  const reported = (name: string, preset: PresetName) => {
    const { convention, registry } = CONVENTION_PRESETS[preset];
    const report = countModel({ model: fixture(name), convention, registry });
    return reportedTotal(report.convention, report.total).reported;
  };
  // fvcore's count does not depend on the PyTorch forms a graph cannot show (every product and
  // every LayerNorm traces to an aten op it counts): the import reproduces it exactly.
  for (const name of ['vit_b_16', 'swin_t', 'convnext_tiny']) {
    it(`${name}: the fvcore preset equals what fvcore prints for the PyTorch model`, () => {
      expect(reported(name, 'fvcore')).toBe(BigInt(MEASURED[name]?.['fvcore'] ?? -1));
    });
  }
  it('convnext_tiny: the ptflops-aten preset equals what ptflops prints (its biases are on conv records)', () => {
    expect(reported('convnext_tiny', 'ptflops-aten')).toBe(BigInt(MEASURED['convnext_tiny']?.['ptflops-aten'] ?? -1));
  });
});
