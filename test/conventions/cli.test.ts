/**
 * The command line: `count --convention`, `compare --convention` and `explain`, run in process.
 * Expected totals come from test/conventions/counter-totals.json (the tools' own output, see
 * scripts/measure-counter-totals.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { runInProcess } from '../cli/run-main.js';

const MEASURED = (
  JSON.parse(readFileSync(new URL('./counter-totals.json', import.meta.url), 'utf8')) as {
    models: Record<string, Record<string, number>>;
  }
).models;

describe('count --convention', () => {
  it('JSON: total.reported is the tool total, in its unit; the preset and tool version are echoed', async () => {
    const run = await runInProcess(['count', 'resnet-18', '--convention', 'fvcore', '--format', 'json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as {
      convention: { preset: { name: string; version: string; reportedUnit: string } };
      total: { reported: number; reportedUnit: string };
    };
    expect(json.total.reported).toBe(MEASURED['resnet18']?.['fvcore']);
    expect(json.total.reportedUnit).toBe('MAC');
    expect(json.convention.preset).toEqual(
      expect.objectContaining({
        name: 'fvcore',
        version: expect.stringContaining('0.1.6') as unknown,
        reportedUnit: 'MAC',
      }),
    );
  });

  it('the profiler preset reports FLOPs', async () => {
    const run = await runInProcess(['count', 'mobilenet-v2', '--convention', 'torch-profiler', '--format', 'json']);
    const json = JSON.parse(run.stdout) as { total: { reported: number; reportedUnit: string; flops: number } };
    expect([json.total.reported, json.total.reportedUnit]).toEqual([
      MEASURED['mobilenet_v2']?.['torch-profiler'],
      'FLOP',
    ]);
    expect(json.total.flops).toBe(json.total.reported);
  });

  it('without --convention, total.reported is the MAC count and nothing else changes', async () => {
    const run = await runInProcess(['count', 'mobilenet-v2', '--format', 'json']);
    const json = JSON.parse(run.stdout) as {
      convention: Record<string, unknown>;
      total: { macs: number; reported: number; reportedUnit: string };
    };
    expect([json.total.reported, json.total.reportedUnit]).toEqual([json.total.macs, 'MAC']);
    expect(json.convention['preset']).toBeUndefined();
  });

  it('the human table names the preset, the tool version and the reported total', async () => {
    const run = await runInProcess(['count', 'resnet-50', '--variant', 'v1.5', '--convention', 'ptflops']);
    expect(run.stdout).toContain('preset ptflops (ptflops 0.7.5');
    expect(run.stdout).toContain('reported by ptflops 0.7.5 (v0.7.5, 3c5c3e3): 4,132,436,968 MAC (4.13G)');
  });

  it('an unknown preset exits 2 with one line listing the valid ones', async () => {
    const run = await runInProcess(['count', 'resnet-18', '--convention', 'flopco']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('paper, fvcore, ptflops, ptflops-modules, ptflops-aten, thop, torch-profiler');
  });

  it('--count with a preset exits 2', async () => {
    const run = await runInProcess(['count', 'resnet-18', '--convention', 'thop', '--count', 'bn']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--count cannot be combined with --convention');
  });

  it('compare --convention: both sides counted under the preset', async () => {
    const run = await runInProcess(['compare', 'mobilenet-v2', '--convention', 'thop', '--format', 'json']);
    const json = JSON.parse(run.stdout) as {
      a: { total: { reported: number } };
      b: { convention: { preset: { name: string } } };
    };
    expect(json.a.total.reported).toBe(MEASURED['mobilenet_v2']?.['thop']);
    expect(json.b.convention.preset.name).toBe('thop');
  });
});

describe('explain', () => {
  it("CSV: a column per tool (unit in the header), a row per category, totals = the tools' totals", async () => {
    const run = await runInProcess(['explain', 'resnet-50', '--variant', 'v1.5', '--format', 'csv']);
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    expect(lines[0]).toEqual([
      'operation',
      'layers',
      'paper_macs',
      'fvcore_macs',
      'ptflops_macs',
      'ptflops-modules_macs',
      'ptflops-aten_macs',
      'thop_macs',
      'torch-profiler_flops',
    ]);
    const total = lines.find((line) => line[0] === 'total (reported)');
    const measured = MEASURED['resnet50'] ?? {};
    expect(total?.slice(3).map(Number)).toEqual(
      ['fvcore', 'ptflops', 'ptflops-modules', 'ptflops-aten', 'thop', 'torch-profiler'].map((t) => measured[t]),
    );
    expect(lines.map((line) => line[0])).toEqual([
      'operation',
      'conv MACs',
      'linear MACs',
      'linear bias',
      'batch norm',
      'relu',
      'max pool',
      'global average pool',
      'residual add',
      'total (reported)',
    ]);
  });

  it("JSON with --conventions: the chosen columns, in order, with each tool's rules", async () => {
    const run = await runInProcess([
      'explain',
      'shufflenet-v2',
      '--variant',
      'torchvision',
      '--conventions',
      'thop,fvcore',
      '--format',
      'json',
    ]);
    const json = JSON.parse(run.stdout) as {
      columns: { preset: string; reported: number }[];
      rows: { category: string; counts: Record<string, number>; rules: Record<string, string> }[];
    };
    expect(json.columns.map((c) => [c.preset, c.reported])).toEqual([
      ['thop', MEASURED['shufflenet_v2_x1_0']?.['thop']],
      ['fvcore', MEASURED['shufflenet_v2_x1_0']?.['fvcore']],
    ]);
    const pool = json.rows.find((row) => row.category === 'global average pool');
    expect(pool?.counts).toEqual({ thop: 0, fvcore: 0 });
    expect(pool?.rules['fvcore']).toContain('x.mean');
  });

  it('markdown lists the tools and where they differ', async () => {
    const run = await runInProcess([
      'explain',
      'mobilenet-v3-small',
      '--variant',
      'torchvision',
      '--format',
      'markdown',
    ]);
    expect(run.stdout).toContain('| operation');
    expect(run.stdout).toContain('- thop: thop.profile');
    expect(run.stdout).toContain('- gate multiply: ');
  });

  it('an unknown preset in --conventions exits 2', async () => {
    const run = await runInProcess(['explain', 'resnet-18', '--conventions', 'fvcore,bogus']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('bogus');
  });
});
