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
 * A known gap, not exact yet: RAFT's feature encoder runs once on both frames stacked as a batch
 * of 2, which a per-sample layer record counts once (42,565,632 MACs short). Its GridSample-fed
 * update block is checked per module below; its params are exact.
 */
const MACS_GAPS = new Set(['raft_small']);

describe('issue 21 exports count as PyTorch counts them', () => {
  for (const [name, oracle] of Object.entries(expected.models)) {
    it(`${name}: MACs = forward hooks (when hooks see them all), params = sum(p.numel()) as the file holds them`, () => {
      const r = report(name);
      if (oracle.hook_macs_total !== null && !MACS_GAPS.has(name))
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
    expect(r.paramsNote).toBe('bn-folded');
  });

  it('RAFT (small): GridSample gives the update block its true shapes; every conv outside the feature encoder = hooks', () => {
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
    const checked = Object.entries(oracle).filter(([module]) => !module.startsWith('feature_encoder.'));
    expect(checked.length).toBeGreaterThan(20);
    for (const [module, { macs }] of checked) expect([module, ours.get(module)]).toEqual([module, BigInt(macs)]);
    expect(r.layers.filter((l) => l.name.endsWith('GridSample')).length).toBeGreaterThan(0);
  });
});
