import { describe, expect, it } from '@jest/globals';
import { runCliAsync as run } from './run-cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SMALL = 'test/cli/fixtures/small-results.csv';

describe('butterflops pareto', () => {
  it('prints the JSON keys the issue fixes, with hand-computed values', async () => {
    const { status, stdout } = await run(['pareto', SMALL, '--format', 'json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as {
      frontier: { model: string; cost: number; top1: number }[];
      series: {
        name: string;
        frontier: { cost: number }[];
        dominated: { cost: number; dominatedBy: { cost: number } }[];
      }[];
      isoCost: {
        model: string;
        cost: number;
        top1: number;
        baselineTop1: number | null;
        gain: number | null;
        extrapolated: boolean;
        baselineCostForTop1: number | null;
      }[];
    };
    // Overall: 10 M 40 %, 20 M 48 % (BFT), 40 M 50 %, 80 M 56 % (BFT); 30 M 45 % is dominated by 20 M 48 %.
    expect(json.frontier.map((p) => [p.model, p.cost, p.top1])).toEqual([
      ['Net-0.5', 10_000_000, 40],
      ['Net-1.0+BFT', 20_000_000, 48],
      ['Net-0.5', 40_000_000, 50],
      ['Net-1.0+BFT', 80_000_000, 56],
    ]);
    expect(json.series.map((s) => s.name)).toEqual(['Net / bft', 'Net / pointwise']);
    // Within the pointwise series nothing dominates: 10/40, 30/45, 40/50 all rise.
    expect(json.series[1]?.frontier.map((p) => p.cost)).toEqual([10_000_000, 30_000_000, 40_000_000]);
    expect(json.series[1]?.dominated).toEqual([]);
    // BFT at 20 M: between (10, 40) and (30, 45): 40 + 5·ln 2 / ln 3 = 43.1546…; gain 4.8454.
    // Reaching 48 % needs between (40, 50)? no: 48 lies between 45 (30 M) and 50 (40 M):
    // 30 · (4/3)^(3/5) = 35.6520… M.
    // BFT at 80 M: beyond 40 M, segment (30, 45)→(40, 50) extended: 50 + 5·ln 2 / ln(4/3) = 62.0471…, extrapolated;
    // 56 % is above the baseline's best: not covered.
    expect(json.isoCost).toEqual([
      expect.objectContaining({
        model: 'Net-1.0+BFT',
        cost: 20_000_000,
        top1: 48,
        baselineTop1: 43.1546,
        gain: 4.8454,
        extrapolated: false,
        baselineCostForTop1: 35_652_049,
      }),
      expect.objectContaining({
        model: 'Net-1.0+BFT',
        cost: 80_000_000,
        top1: 56,
        baselineTop1: 62.0471,
        gain: -6.0471,
        extrapolated: true,
        baselineCostForTop1: null,
      }),
    ]);
  });

  it('prints markdown tables and a long CSV', async () => {
    const [markdown, csv] = await Promise.all([
      run(['pareto', SMALL, '--format', 'markdown']),
      run(['pareto', SMALL, '--format', 'csv', '--by', 'fusion']),
    ]);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toContain('| Net-1.0+BFT @128 | 20 | 48.00 | Net / pointwise | 43.15 | +4.85 | 35.7 |  |');
    expect(csv.stdout.split('\n')[0]).toBe(
      'series,model,width,resolution,macs,top1,overall_frontier,series_frontier,dominated_by,baseline_top1,gain,extrapolated,baseline_macs_for_top1,row',
    );
    expect(csv.stdout).toContain(
      'pointwise,Net-1.0,1,128,30000000,45,no,yes,,,,,,test/cli/fixtures/small-results.csv:4',
    );
  });

  it('gives one line with file, line and column and exit 2 for a bad CSV; exit 2 for an unknown format', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'butterflops-pareto-'));
    const file = join(folder, 'bad.csv');
    writeFileSync(file, 'model,family,fusion,mmacs,top1\na,F,bft,12,101\n');
    const [{ status, stdout, stderr }, yaml] = await Promise.all([
      run(['pareto', file]),
      run(['pareto', SMALL, '--format', 'yaml']),
    ]);
    expect(yaml.status).toBe(2);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `butterflops: ${file}:2:12 top1: top1 outside 0–100; received "101"; expected a percentage between 0 and 100\n`,
    );
  });

  it('exits 2 naming the fusions and series that exist for an unknown --baseline or --candidate', async () => {
    const [baseline, candidate] = await Promise.all([
      run(['pareto', SMALL, '--baseline', 'nothing']),
      run(['pareto', SMALL, '--candidate', 'nothing', '--format', 'json']),
    ]);
    // The fixture has fusions pointwise and bft in family Net, so the series are Net / bft and Net / pointwise.
    expect(baseline).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'butterflops: --baseline: no result has fusion "nothing"; expected one of bft, pointwise (series: Net / bft, Net / pointwise)\n',
    });
    expect(candidate.status).toBe(2);
    expect(candidate.stdout).toBe('');
    expect(candidate.stderr).toContain('--candidate: no result has fusion "nothing"');
  });
});
