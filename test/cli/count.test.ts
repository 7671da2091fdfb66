import { describe, expect, it } from '@jest/globals';
import { runInProcess as runCli } from './run-main.js';
import { grouped, mobilenetV1ByHand, percentByHand } from './mobilenet-v1-hand-count.js';

// In-process runs of the CLI (one module load for the whole file); the process-level contract
// (exit code 2, one stderr line, no stack trace) is also checked by spawning in test/arch/cli-errors.test.ts.

describe('butterflops count', () => {
  it('prints the JSON contract with exact integers (MobileNetV1-0.25@128 = 13,570,048 MACs, TF-slim "14")', async () => {
    const run = await runCli(['count', 'mobilenet-v1', '--width', '0.25', '--resolution', '128', '--format', 'json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown> & {
      layers: {
        name: string;
        kind: string;
        input: number[];
        output: number[];
        macs: number;
        params: number;
        activations: number;
        formula: string;
      }[];
      total: { macs: number; flops: number; params: number; activations: number };
    };
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['model', 'options', 'convention', 'layers', 'total']));
    expect(json['model']).toBe('mobilenet-v1');
    const byHand = mobilenetV1ByHand(0.25, 128);
    expect(json.total.macs).toBe(Number(byHand.total));
    expect(json.total.flops).toBe(2 * Number(byHand.total));
    const first = json.layers[0];
    expect(first).toMatchObject({
      name: 'conv1',
      kind: 'conv2d',
      input: [3, 128, 128],
      output: [8, 64, 64],
      macs: 64 * 64 * 8 * 27,
      params: 216,
      activations: 8 * 64 * 64,
    });
    expect(first?.formula).toBe('H_out * W_out * C_out * (C_in / groups) * K_h * K_w');
    expect(json.layers.reduce((sum, layer) => sum + layer.macs, 0)).toBe(json.total.macs);
  });

  it('--fusion bft --base 4 --format markdown shows butterflies, the convention and role shares', async () => {
    const run = await runCli([
      'count',
      'mobilenet-v1',
      '--width',
      '1.0',
      '--resolution',
      '160',
      '--fusion',
      'bft',
      '--base',
      '4',
      '--format',
      'markdown',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| block13/pointwise | butterfly | channel-fusion |');
    expect(run.stdout).toContain('paper convention');
    expect(run.stdout).toMatch(/\| channel-fusion \| +13 \|/);
  });

  it('csv carries exact integers; latex is a tabular', async () => {
    const csv = await runCli(['count', 'mobilenet-v1', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe(
      'layer,kind,role,input,output,macs,extra_ops,flops,params,activations,formula,substituted',
    );
    // `formula` is symbolic in every format; `substituted` carries this layer's numbers (1024 · 1000).
    expect(csv.stdout).toContain(
      'fc,linear,classifier,1024×1×1,1000×1×1,1024000,0,2048000,1025000,1000,N_in * N_out,1024 * 1000',
    );
    const latex = await runCli(['count', 'mobilenet-v1', '--format', 'latex']);
    expect(latex.stdout).toContain('\\begin{tabular}');
    // The total by hand; Howard et al. 2017 (Table 8) publish 569 million mult-adds for 1.0 MobileNet-224.
    const total = mobilenetV1ByHand(1, 224).total;
    expect(Math.round(Number(total) / 1e6)).toBe(569);
    expect(latex.stdout).toContain(grouped(total).replaceAll(',', '{,}'));
  });

  it('extra-op switches reproduce an "every operation" count: flops = 2·macs + extra ops', async () => {
    const json = JSON.parse((await runCli(['count', 'mobilenet-v1', '--count', 'all', '--format', 'json'])).stdout) as {
      total: { macs: number; flops: number; extraOps: number };
    };
    expect(json.total.extraOps).toBeGreaterThan(0);
    expect(json.total.flops).toBe(2 * json.total.macs + json.total.extraOps);
  });

  it.each([
    [['count', 'nope'], /unknown model "nope"; expected one of .*mobilenet-v1/],
    [['count', 'mobilenet-v1', '--width', '0'], /--width/],
    [['count', 'mobilenet-v1', '--width', 'abc'], /--width/],
    [['count', 'mobilenet-v1', '--resolution', '1.5'], /--resolution/],
    [['count', 'mobilenet-v1', '--fusion', 'bft', '--base', '1'], /--base/],
    [['count', 'mobilenet-v1', '--fusion', 'fft'], /--fusion/],
    [['count', 'mobilenet-v1', '--set', 'depth=3'], /has no parameter "depth"/],
    [['count', 'mobilenet-v1', '--format', 'xml'], /--format/],
  ])('bad input %j → exit 2 and one line', async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help works on every command', async () => {
    for (const command of ['count', 'compare', 'formula']) {
      const run = await runCli([command, '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Usage: butterflops ${command}`);
    }
  });
});

describe('butterflops compare', () => {
  it("shows the paper's 95 % → 60 % fusion-share shift (1.0@224 vs 2.0+BFT@224), every role counted by hand", async () => {
    const run = await runCli([
      'compare',
      'mobilenet-v1',
      '--width',
      '1.0',
      '--resolution',
      '224',
      '--bft-width',
      '2.0',
    ]);
    expect(run.status).toBe(0);
    const a = mobilenetV1ByHand(1, 224);
    const b = mobilenetV1ByHand(2, 224, 4);
    // The BFT paper (Figure 3): channel fusion is about 95 % of MobileNetV1's MACs and about 60 % of MobileNetV1-2.0+BFT's.
    expect(Math.round(Number(percentByHand(a.channelFusion, a.total)))).toBe(95);
    expect(Math.round(Number(percentByHand(b.channelFusion, b.total)))).toBe(60);
    const roles = [
      ['stem', a.stem, b.stem],
      ['depthwise', a.depthwise, b.depthwise],
      ['channel-fusion', a.channelFusion, b.channelFusion],
      ['classifier', a.classifier, b.classifier],
    ] as const;
    for (const [role, macsA, macsB] of roles) {
      const row = `${role} +${grouped(macsA)} +${percentByHand(macsA, a.total)} % +${grouped(macsB)} +${percentByHand(macsB, b.total)} %`;
      expect(run.stdout).toMatch(new RegExp(row.replaceAll('.', '\\.')));
    }
    expect(run.stdout).toMatch(/block13\/pointwise +conv2d \/ butterfly/);
    // issue 22: an arrow between A and B read like input → output
    expect(run.stdout).toMatch(/^layer +kind \(A \/ B\) +output \(A \/ B\) +macs A/m);
    expect(run.stdout).not.toContain('→');
  });
});

describe('butterflops formula', () => {
  it('prints the total in the free parameters and checks it at the build point', async () => {
    const run = await runCli(['formula', 'mobilenet-v1', '--symbolic', 'width,resolution', '--format', 'json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { free: string[]; expression: string; check: { value: number } };
    expect(json.free).toEqual(['width', 'resolution']);
    expect(json.expression).toContain('ceil(resolution / 2)');
    expect(json.check.value).toBe(568_740_352);
  });

  it('--symbolic base needs --fusion bft, and then writes ceil_log terms', async () => {
    expect((await runCli(['formula', 'mobilenet-v1', '--symbolic', 'base'])).status).toBe(2);
    const run = await runCli(['formula', 'mobilenet-v1', '--symbolic', 'base', '--fusion', 'bft', '--format', 'latex']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/602112\\cdot ?base\\cdot\\left\\lceil\\log_\{ ?base\}\{128\}/);
  });

  it('rejects a parameter the model does not have', async () => {
    const run = await runCli(['formula', 'mobilenet-v1', '--symbolic', 'depth']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot keep "depth" symbolic/);
  });
});

describe('butterflops compare --format json|csv|latex (issue 9, items 4-6)', () => {
  const args = ['compare', 'mobilenet-v1', '--width', '1.0', '--resolution', '224', '--bft-width', '2.0'];
  const a = mobilenetV1ByHand(1, 224);
  const b = mobilenetV1ByHand(2, 224, 4);

  it('json carries the role table and the B/A ratios the table shows, from the hand count', async () => {
    const run = await runCli([...args, '--format', 'json']);
    const json = JSON.parse(run.stdout) as {
      ratios: { macs: number };
      roles: {
        role: string;
        macsA: number;
        macsB: number;
        sharePercentA: number;
        sharePercentB: number;
        macsRatio: number;
      }[];
      a: { total: { macs: number } };
      b: { total: { macs: number } };
    };
    expect(BigInt(json.a.total.macs)).toBe(a.total);
    expect(BigInt(json.b.total.macs)).toBe(b.total);
    expect(json.ratios.macs).toBeCloseTo(Number(b.total) / Number(a.total), 6);
    const fusion = json.roles.find((r) => r.role === 'channel-fusion');
    expect(BigInt(fusion?.macsA ?? 0)).toBe(a.channelFusion);
    expect(BigInt(fusion?.macsB ?? 0)).toBe(b.channelFusion);
    expect(fusion?.sharePercentA).toBeCloseTo((100 * Number(a.channelFusion)) / Number(a.total), 4);
    expect(fusion?.sharePercentB).toBeCloseTo((100 * Number(b.channelFusion)) / Number(b.total), 4);
    expect(fusion?.macsRatio).toBeCloseTo(Number(b.channelFusion) / Number(a.channelFusion), 6);
  });

  it('csv cells are raw values: integers without separators and the ratio as a plain number', async () => {
    const run = await runCli([...args, '--format', 'csv']);
    const [header = '', ...rows] = run.stdout.trim().split('\n');
    expect(header).toBe('layer,kind_a,kind_b,output_a,output_b,macs_a,macs_b,macs_b_over_a,params_a,params_b');
    for (const row of rows) {
      const cells = row.split(',');
      for (const cell of cells.slice(5)) expect(cell).toMatch(/^(\d+(\.\d+)?)?$/);
    }
    expect(run.stdout).not.toMatch(/%|\d×\s|\d×,|\d×$/m);
  });

  it('latex is a tabular with the hand-counted role MACs', async () => {
    const run = await runCli([...args, '--format', 'latex']);
    expect(run.stdout).toContain('\\begin{tabular}');
    expect(run.stdout).toContain(
      `channel-fusion & ${grouped(a.channelFusion).replaceAll(',', '{,}')} & ${percentByHand(a.channelFusion, a.total)}\\% & ${grouped(b.channelFusion).replaceAll(',', '{,}')}`,
    );
    expect(run.stdout).toContain(`total & ${grouped(a.total).replaceAll(',', '{,}')}`);
  });
});
