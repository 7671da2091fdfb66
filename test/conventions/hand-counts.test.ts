/**
 * Each preset against an independent hand count on a small network that has every PyTorch form
 * the presets tell apart. The expected numbers below are derived by hand from the tools' rules
 * as their sources state them (cited per tool in src/conventions/*.ts), layer by layer; they are
 * not computed by the code under test.
 *
 * The network (input 3×8×8, explicit PyTorch-style padding):
 *  1. conv1 3→8, 3×3, pad 1, bias → 8×8×8 (512 elements)   MACs 64·8·3·9 = 13,824
 *  2. batch norm (512), relu module (512)
 *  3. max pool 2/2 module → 8×4×4 (input 512, output 128)
 *  4. add `a + b`:    identity + [1×1 conv 8→8 (MACs 16·8·8 = 1,024), relu6 module (128)]
 *  5. add `a += b`:   identity + [3×3 depthwise, pad 1 (MACs 16·8·9 = 1,152), hardswish (128)]
 *  6. add `torch.add`: identity + [relu functional (128)]
 *  7. multiply `gate * x`: x + [global avg pool module (input 128), 1×1 conv 8→4 + bias
 *     (MACs 32, bias 4), relu module (4), 1×1 conv 4→8 + bias (MACs 32, bias 8), hardsigmoid (8)]
 *  8. multiply `x * gate`:   x + [global avg pool functional (input 128), sigmoid (8)]
 *  9. multiply `x *= gate`:  x + [global avg pool `x.mean` (input 128), hardsigmoid (8)]
 * 10. multiply `torch.mul`:  x + [global max pool module (input 128)]
 * 11. avg pool 2/2 module → 8×2×2 (input 128, output 32)
 * 12. max pool 2/2 functional → 8×1×1 (input 32)
 * 13. linear 8→10 + bias (MACs 80, bias 10)
 * MACs: 13,824 + 1,024 + 1,152 + 32 + 32 + 80 = 16,144.
 * A second, independent check: the same network written in PyTorch (FormsNet in
 * scripts/measure-counter-totals.py) and run through each tool gives these totals
 * (test/conventions/counter-totals.json, "forms-net").
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { countModel, loadNetwork } from '../../src/index.js';
import { explainConventions } from '../../src/conventions/explain.js';
import { reportedTotal, type PresetName } from '../../src/conventions/preset.js';
import { CONVENTION_PRESETS, conventionPreset } from '../../src/conventions/presets.js';
import { UserError } from '../../src/errors.js';

const se = (form: string, gate: unknown[]) => ({ merge: 'multiply', pytorch: form, parallel: [[], gate] });
const residual = (form: string, branch: unknown[]) => ({ merge: 'add', pytorch: form, parallel: [[], branch] });

const ARCHITECTURE = {
  name: 'forms-net',
  parameters: {},
  input: { channels: 3, height: 8, width: 8 },
  layers: [
    { name: 'conv1', kind: 'conv2d', out: 8, kernel: 3, padding: 1, bias: true },
    { kind: 'batchnorm' },
    { kind: 'relu' },
    { name: 'maxpool', kind: 'pool', op: 'max', kernel: 2, stride: 2 },
    residual('a + b', [
      { kind: 'conv2d', out: 8, kernel: 1, padding: 0 },
      { kind: 'relu6', pytorch: 'module' },
    ]),
    residual('a += b', [{ kind: 'conv2d', out: 8, kernel: 3, padding: 1, groups: 8 }, { kind: 'hardswish' }]),
    residual('torch.add', [{ kind: 'relu', pytorch: 'functional' }]),
    se('gate * x', [
      { kind: 'global-pool', op: 'avg' },
      { kind: 'conv2d', out: 4, kernel: 1, padding: 0, bias: true },
      { kind: 'relu' },
      { kind: 'conv2d', out: 8, kernel: 1, padding: 0, bias: true },
      { kind: 'hardsigmoid' },
    ]),
    se('x * gate', [{ kind: 'global-pool', op: 'avg', pytorch: 'functional' }, { kind: 'sigmoid' }]),
    se('x *= gate', [{ kind: 'global-pool', op: 'avg', pytorch: 'x.mean' }, { kind: 'hardsigmoid' }]),
    se('torch.mul', [{ kind: 'global-pool', op: 'max' }]),
    { name: 'avgpool', kind: 'pool', op: 'avg', kernel: 2, stride: 2 },
    { name: 'maxpool_f', kind: 'pool', op: 'max', kernel: 2, stride: 2, pytorch: 'functional' },
    { name: 'fc', kind: 'linear', out: 10 },
  ],
};

const folder = mkdtempSync(join(tmpdir(), 'butterflops-conventions-'));
const FILE = join(folder, 'forms-net.json');
writeFileSync(FILE, JSON.stringify(ARCHITECTURE));

const MACS = 16_144n;

/** Each tool's non-MAC operations on the network above, summed by hand (see each line). */
const EXTRA: { readonly [N in PresetName]: bigint } = {
  paper: 0n,
  // batch norm 2·512; global avg pool module 128 + functional 128 (both aten::adaptive_avg_pool2d); x.mean 0
  fvcore: 2n * 512n + 128n + 128n,
  // bias 512+4+8 (convs) + 10 (fc); BN 2·512; relu module twice 2·512 and 2·4; relu6 once 128;
  // relu functional 128; max pool module twice 2·512; max pool functional 32; avg pool module
  // twice 2·128; global avg pool module twice 2·128, functional 128, x.mean 0; global max pool
  // module twice 2·128; torch.add 128; torch.mul 128; operators 0
  ptflops: 524n + 10n + 1024n + 1024n + 8n + 128n + 128n + 1024n + 32n + 256n + 256n + 128n + 256n + 128n + 128n,
  // bias 534; BN 1024; relu module 512 + 4; relu6 128; max pool module 512; avg pool module 128;
  // global avg pool module 128; global max pool module 128; every function and tensor op 0
  'ptflops-modules': 534n + 1024n + 516n + 128n + 512n + 128n + 128n + 128n,
  // conv and addmm bias only
  'ptflops-aten': 534n,
  // BN 4·512; avg pool module: output 32; adaptive avg pool module (4·4 + 1)·8; the rest 0
  thop: 4n * 512n + 32n + 17n * 8n,
  // add: a + b 128, a += b 0, torch.add 128; mul: gate * x 8 (the gate), x * gate 128, x *= gate 0, torch.mul 128
  'torch-profiler': 128n + 128n + 8n + 128n + 128n,
};

describe('presets on a network with every PyTorch form', () => {
  for (const [name, extra] of Object.entries(EXTRA) as [PresetName, bigint][]) {
    it(`${name}: MACs ${MACS}, other operations ${extra}`, () => {
      const preset = conventionPreset(name);
      const report = countModel({ model: FILE, convention: preset.convention, registry: preset.registry });
      expect(report.total.macs).toBe(MACS);
      expect(report.total.extraOps).toBe(extra);
      const expected = preset.reportedUnit === 'FLOP' ? 2n * MACS + extra : MACS + extra;
      expect(reportedTotal(report.convention, report.total)).toEqual({
        reported: expected,
        reportedUnit: preset.reportedUnit,
      });
      expect(report.convention.preset?.name).toBe(name);
    });
  }

  it('the hand counts equal what the tools print for the same network written in PyTorch', () => {
    // scripts/measure-counter-totals.py builds this network as FormsNet and runs each tool on it.
    const measured = (
      JSON.parse(readFileSync(new URL('./counter-totals.json', import.meta.url), 'utf8')) as {
        models: Record<string, Record<string, number>>;
      }
    ).models['forms-net'];
    for (const [name, extra] of Object.entries(EXTRA) as [PresetName, bigint][]) {
      if (name === 'paper') continue;
      const unit = CONVENTION_PRESETS[name].reportedUnit;
      expect([name, BigInt(measured?.[name] ?? -1)]).toEqual([name, (unit === 'FLOP' ? 2n * MACS : MACS) + extra]);
    }
  });

  it('explain: every column sums to its tool total; rows as counted by hand', () => {
    const presets = Object.values(CONVENTION_PRESETS);
    const explanation = explainConventions(loadNetwork({ model: FILE }), presets);
    const column = (name: PresetName) => explanation.columns.findIndex((c) => c.preset === name);
    const row = (category: string) => explanation.rows.find((r) => r.category === category);
    expect(explanation.columns.map((c) => c.reported)).toEqual(
      presets.map((p) => (p.reportedUnit === 'FLOP' ? 2n * MACS : MACS) + EXTRA[p.name]),
    );
    // relu: module 512 and 4 (twice in ptflops), functional 128 (once)
    expect(row('relu')?.layers).toBe(3);
    expect(row('relu')?.counts[column('ptflops')]).toBe(2n * 512n + 2n * 4n + 128n);
    expect(row('relu')?.counts[column('ptflops-modules')]).toBe(512n + 4n);
    expect(row('gate multiply')?.counts[column('torch-profiler')]).toBe(8n + 128n + 128n);
    expect(row('global average pool')?.counts[column('thop')]).toBe(136n);
    expect(row('conv MACs')?.counts[column('torch-profiler')]).toBe(2n * (MACS - 80n));
    expect(row('conv bias')?.counts[column('fvcore')]).toBe(0n);
    expect(row('linear bias')?.counts[column('ptflops-aten')]).toBe(10n);
  });

  it('an unknown preset name is a one-line UserError listing the valid ones', () => {
    expect(() => conventionPreset('fvcore2')).toThrow(UserError);
    expect(() => conventionPreset('fvcore2')).toThrow(
      /paper, fvcore, ptflops, ptflops-modules, ptflops-aten, thop, torch-profiler/,
    );
  });

  it('a PyTorch form that does not fit the merge is a located UserError', () => {
    const bad = join(folder, 'bad-form.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...ARCHITECTURE,
        name: 'bad-form',
        layers: [{ merge: 'concat', pytorch: 'a + b', parallel: [[], []] }],
      }),
    );
    expect(() => countModel({ model: bad })).toThrow(/pytorch form "a \+ b" does not fit merge "concat"/);
    const wrong = join(folder, 'wrong-form.json');
    writeFileSync(
      wrong,
      JSON.stringify({
        ...ARCHITECTURE,
        name: 'wrong-form',
        layers: [{ merge: 'add', pytorch: 'gate * x', parallel: [[], []] }],
      }),
    );
    expect(() => countModel({ model: wrong })).toThrow(/expected "?a \+ b \| a \+= b \| torch.add/);
  });

  it('default rules ignore the forms: the paper count equals the count without a preset', () => {
    expect(countModel({ model: FILE }).total).toEqual(
      countModel({ model: FILE, ...{ convention: CONVENTION_PRESETS.paper.convention } }).total,
    );
  });
});

describe('forms that do not fit', () => {
  it('x.mean on a global max pool is a located UserError', () => {
    const bad = join(folder, 'max-mean.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...ARCHITECTURE,
        name: 'max-mean',
        layers: [{ kind: 'global-pool', op: 'max', pytorch: 'x.mean' }],
      }),
    );
    expect(() => countModel({ model: bad })).toThrow(/layers\/0\/pytorch.*"x.mean" is an average/);
  });
});
