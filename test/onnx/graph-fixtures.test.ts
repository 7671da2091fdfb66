/**
 * Issue 21's models, exported by scripts/make-graph-fixtures.py with torch 1.13 / torchvision 0.14
 * (weights=None, untouched: the untrained exports where the exporter merges equal tensors),
 * weight data stripped (test/fixtures/onnx-graph/). Oracles in expected.json, from PyTorch:
 * forward-hook MACs of every Conv2d / Linear call in one forward pass on the export's input, and
 * sum(p.numel()). The exports fold BatchNorm into the convs (γ and β, 2 per channel, become one
 * bias per channel), so a file holds `params − bn_channels` parameters.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/cost/analyze.js';
import { readOnnxModel } from '../../src/io/onnx-file.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { moduleScope } from '../../src/onnx/shared-tensors.js';

const FOLDER = join(process.cwd(), 'test', 'fixtures', 'onnx-graph');

interface Oracle {
  readonly params: number;
  readonly bn_channels: number;
  /** Null for ViT and Swin: their attention's products are no nn.Linear calls, which hooks miss. */
  readonly hook_macs_total: number | null;
  /** RAFT only (scripts/measure-raft-batch.py): torch.profiler FLOPs per aten op, conv hooks with the call's batch. */
  readonly profiler?: {
    readonly flops: Readonly<Record<string, number>>;
    readonly conv_hook_macs: number;
    readonly conv_calls_by_batch: Readonly<Record<string, number>>;
  };
  readonly modules: Readonly<
    Record<string, { readonly macs: number; readonly calls: number; readonly rows: number[] }>
  >;
}
const expected = JSON.parse(readFileSync(join(FOLDER, 'expected.json'), 'utf8')) as {
  readonly models: Readonly<Record<string, Oracle>>;
};

/**
 * Params the file cannot hold: torch's constant folding replaces Swin's relative-position bias
 * table (169 values per head) by its gathered [heads, 49, 49] expansion, 2,232 more per head over
 * its 138 heads (docs/conventions.md).
 */
const FOLDED_TABLES: Readonly<Record<string, number>> = { swin_t_untrained: 138 * (49 * 49 - 169) };

const report = (name: string) => analyze(readOnnxModel(join(FOLDER, `${name}.onnx`)).build({}), PAPER_CONVENTION);

/**
 * Models whose hooks miss a product the count includes: RAFT's correlation volume is a
 * `torch.matmul` (aten::bmm), checked against torch.profiler below instead.
 */
const HOOKS_MISS_PRODUCTS = new Set(['raft_small']);

describe('issue 21 exports count as PyTorch counts them', () => {
  for (const [name, oracle] of Object.entries(expected.models)) {
    it(`${name}: MACs = forward hooks (when hooks see them all), params = sum(p.numel()) as the file holds them`, () => {
      const r = report(name);
      if (oracle.hook_macs_total !== null && !HOOKS_MISS_PRODUCTS.has(name))
        expect([name, r.total.macs]).toEqual([name, BigInt(oracle.hook_macs_total)]);
      expect([name, r.total.params]).toEqual([
        name,
        BigInt(oracle.params - oracle.bn_channels + (FOLDED_TABLES[name] ?? 0)),
      ]);
      expect(r.notCounted).toEqual([]);
    }, 20_000);
  }

  it('the tied head counts its weights once (1,419 = sum(p.numel())), and lists them as tied', () => {
    const r = report('tied_head');
    expect(r.sharedTensors?.map((t) => [t.name, t.rule, t.readers.length])).toEqual([
      ['down.bias', 'tied', 2],
      ['down.weight', 'tied', 2],
      ['head.cls.bias', 'tied', 3],
      ['head.cls.weight', 'tied', 3],
      ['head.conv.bias', 'tied', 3],
      ['head.conv.weight', 'tied', 3],
    ]);
    expect(r.paramsNote).toBeUndefined(); // convs with their own biases, no BN: nothing was folded
  });

  it('Faster R-CNN: the box head runs at the proposals bound (150, what the run had), flagged', () => {
    const r = report('fasterrcnn_mobilenet_v3_large_320_fpn');
    const fc6 = r.layers.find((l) => l.name === 'roi_heads/box_head/fc6/Gemm');
    const oracle = expected.models['fasterrcnn_mobilenet_v3_large_320_fpn']?.modules['roi_heads.box_head.fc6'];
    expect(oracle?.rows).toEqual([150]);
    expect(fc6?.macs).toBe(BigInt(oracle?.macs ?? 0));
    expect(fc6?.dataDependent?.bound).toBe(150);
    expect(r.dataDependent?.some((d) => d.op === 'NonMaxSuppression')).toBe(true);
    // The RPN's NMS keeps at most 450 boxes; its post-NMS Slice keeps 150: the layers after the
    // Slice are listed under it at 150, not under the NMS at 450.
    const groups = new Map((r.dataDependent ?? []).map((d) => [d.node, d]));
    expect(groups.get('NonMaxSuppression_1132')?.layers).toEqual(['NonMaxSuppression_1132']);
    const cut = groups.get('/rpn/Slice_9');
    expect([cut?.op, cut?.bound]).toEqual(['Slice', 150]);
    expect(cut?.reason).toMatch(/^keeps 150 of the 450 from NonMaxSuppression_1132 \(NonMaxSuppression, at most 450: /);
    expect(cut?.layers).toContain('roi_heads/box_roi_pool/Concat');
    // the final detections: at most 100 of the 13,500 the second NMS keeps
    expect(groups.get('/roi_heads/Slice_11')?.bound).toBe(100);
    expect(r.paramsNote).toBe('bn-folded');
  });

  it('RAFT (small): GridSample gives the update block its true shapes; every conv = hooks, the batch-2 encoder included', () => {
    const r = report('raft_small');
    const oracle = expected.models['raft_small']?.modules ?? {};
    const ours = new Map<string, bigint>();
    for (const layer of r.layers) {
      if (layer.kind !== 'conv2d') continue;
      // module of the node, a call suffix (`_3`) being the same module called again
      const module = moduleScope(`/${layer.name}`)
        .split('.')
        .map((s) => s.replace(/_\d+$/, ''))
        .join('.');
      ours.set(module, (ours.get(module) ?? 0n) + layer.macs);
    }
    const checked = Object.entries(oracle);
    expect(checked.length).toBeGreaterThan(50);
    for (const [module, { macs }] of checked) expect([module, ours.get(module)]).toEqual([module, BigInt(macs)]);
    expect(r.layers.filter((l) => l.name.endsWith('GridSample')).length).toBeGreaterThan(0);
  });

  it('RAFT (small): MACs = torch.profiler (conv2d + the correlation bmm, FLOPs / 2), the encoder at batch 2', () => {
    const r = report('raft_small');
    const profiler = expected.models['raft_small']?.profiler;
    if (profiler === undefined)
      throw new Error('expected.json has no raft_small.profiler (scripts/measure-raft-batch.py)');
    const flops = (op: string) => BigInt(profiler.flops[op] ?? 0);
    // 2,852,618,240 = (5,688,459,264 + 16,777,216) / 2
    expect(r.total.macs).toBe((flops('aten::conv2d') + flops('aten::bmm')) / 2n);
    const convs = r.layers.filter((l) => l.kind === 'conv2d');
    const products = r.layers.filter((l) => l.kind === 'conv2d' || l.kind === 'linear');
    expect(products.reduce((sum, l) => sum + l.macs, 0n)).toBe(BigInt(profiler.conv_hook_macs));
    const calls: Record<string, number> = {};
    for (const l of convs) calls[String(l.batch ?? 1)] = (calls[String(l.batch ?? 1)] ?? 0) + 1;
    expect(calls).toEqual(profiler.conv_calls_by_batch);
    // One image's shapes, the batch said: the stem conv sees 3×128×128, writes 32×64×64 twice.
    const stem = r.layers.find((l) => l.name === 'feature_encoder/convnormrelu/convnormrelu.0/Conv');
    expect([stem?.batch, stem?.inputs, stem?.output, stem?.macs]).toEqual([
      2,
      [{ channels: 3, height: 128, width: 128 }],
      { channels: 32, height: 64, width: 64 },
      2n * 64n * 64n * 32n * 3n * 7n * 7n,
    ]);
    expect(stem?.substituted).toBe('2 * (64 * 64 * 32 * (3 / 1) * 7 * 7)');
    // The InstanceNorm and Relu after it inherit the batch; the context encoder (image1 only) has none.
    const norm = r.layers.find((l) => l.name === 'feature_encoder/convnormrelu/convnormrelu.1/InstanceNormalization');
    expect([norm?.batch, norm?.activations]).toEqual([2, 2n * 32n * 64n * 64n]);
    expect(r.layers.find((l) => l.name.startsWith('context_encoder/'))?.batch).toBeUndefined();
    // params once, whatever the batch: sum(p.numel())
    expect(r.total.params).toBe(990_162n);
  });
});
