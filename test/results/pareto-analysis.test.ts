import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { analyseResults } from '../../src/results/pareto-analysis.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';

const paper = parseResultsCsv(readFileSync('data/results/bft-paper.csv', 'utf8'), 'bft-paper.csv');

describe('analyseResults on the BFT paper tables', () => {
  const analysis = analyseResults(paper);

  it('groups by family × fusion, sorted by name', () => {
    expect(analysis.series.map((s) => s.name)).toEqual([
      'MobileNetV1 / bft',
      'MobileNetV1 / bpbp',
      'MobileNetV1 / circulant',
      'MobileNetV1 / fastfood',
      'MobileNetV1 / low-rank',
      'MobileNetV1 / pointwise',
      'MobileNetV1 / toeplitz',
      'MobileNetV3 / bft',
      'MobileNetV3 / pointwise',
      'NAS / nas',
      'ShuffleNetV2 / bft',
      'ShuffleNetV2 / pointwise',
    ]);
  });

  it('finds the hand-checked ShuffleNetV2 pointwise frontier (the 59.70 run is dominated by the 60.30 one)', () => {
    const series = analysis.series.find((s) => s.name === 'ShuffleNetV2 / pointwise');
    expect(series?.frontier.map((p) => p.top1)).toEqual([50.86, 55.21, 60.3]);
    expect(series?.dominated.map((d) => [d.point.top1, d.dominatedBy.top1])).toEqual([[59.7, 60.3]]);
  });

  it('finds the overall frontier (hand-checked from the table)', () => {
    // By cost: 12 M 51.70 (V3-1.0@128); 12.7, 12.9, 13 M are below 51.7; 13.7 M 51.90 (FBNet-2);
    // 14 M 55.26 (ShuffleNet+BFT@128); 15 M 55.21 is below; 21 M 57.83; 23–35 M are below 57.83;
    // 41 M 61.33; 42–52 M are below; 110 M 61.70; 112 M 63.03; 150 M 64.32 (63.30 is below).
    expect(analysis.overall.frontier.map((p) => [Number(p.macs / 100_000n) / 10, p.top1])).toEqual([
      [12, 51.7],
      [13.7, 51.9],
      [14, 55.26],
      [21, 57.83],
      [41, 61.33],
      [110, 61.7],
      [112, 63.03],
      [150, 64.32],
    ]);
  });

  it('compares every BFT point at iso-cost with its family baseline', () => {
    expect(analysis.isoCost).toHaveLength(12);
    const row = analysis.isoCost.find(
      (r) => r.point.record.model === 'MobileNetV1-1.0+BFT' && r.point.record.resolution === 128,
    );
    // Baseline at 23 M between (21, 45.5) and (34, 47.7): 45.91536… (see interpolate-frontier.test.ts).
    expect(row?.baseline).toBe('MobileNetV1 / pointwise');
    expect(row?.baselineTop1).toBeCloseTo(45.91536341, 6);
    expect(row?.gain).toBeCloseTo(52.26 - 45.91536341, 6);
    expect(row?.extrapolated).toBe(false);
    // 52.26 lies between (41, 50.6) and (49, 56.3): 43.18 M.
    expect(row?.baselineMacsForTop1).toBe(43_184_557n);
    // MobileNetV3: the pointwise frontier is one point (12 M, 51.7), so 15 M cannot be read.
    const v3 = analysis.isoCost.find((r) => r.point.record.family === 'MobileNetV3');
    expect(v3).toMatchObject({ baselineTop1: null, gain: null, extrapolated: true, baselineMacsForTop1: null });
    // ShuffleNetV2+BFT at 14 M equals the cheapest baseline point's cost: 55.26 − 50.86 = 4.40.
    const shuffle = analysis.isoCost.find((r) => r.point.record.family === 'ShuffleNetV2');
    expect(shuffle?.baselineTop1).toBe(50.86);
    expect(shuffle?.gain).toBeCloseTo(4.4, 10);
    // BFT at 14 M, 46.58 % vs the MobileNetV1 frontier: 14 M is its cheapest point, 41.5.
    expect(analysis.isoCost[0]).toMatchObject({ baselineTop1: 41.5, extrapolated: false });
  });

  it('rejects an unknown by field (the CLI names --by)', () => {
    expect(() => analyseResults(paper, { by: ['family', 'colour'] })).toThrow('by: unknown field "colour"');
  });

  it('accepts an extra column as a series key', () => {
    expect(analyseResults(paper, { by: ['table'] }).series.map((s) => s.name)).toEqual(['1a', '1b', '1c', '2a', '2b']);
  });
});

describe('costs from the cost model', () => {
  it('uses the counted cost of a row with an empty cost, and errors at the cell when there is none', async () => {
    const { fillCountedMacs } = await import('../../src/results/fill-counted-macs.js');
    const records = parseResultsCsv(
      'model,family,fusion,arch,width,resolution,mmacs,top1\na,F,pointwise,net,1,224,,60\nb,F,bft,net,2,224,10,62\n',
      'x.csv',
    );
    const filled = fillCountedMacs(records, (config) =>
      config.model === 'net' && config.fusion === 'pointwise' ? 7n : undefined,
    );
    expect(analyseResults(filled).overall.frontier.map((p) => p.macs)).toEqual([7n, 10_000_000n]);
    expect(() => analyseResults(records)).toThrow(
      'x.csv:2:25: empty cost and the cost model cannot count this configuration',
    );
  });
});
