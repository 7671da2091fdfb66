import { describe, expect, it } from '@jest/globals';
import { boundChartSpec } from '../../src/charts/bound-chart-spec.js';
import { costBreakdownChartSpec } from '../../src/charts/cost-breakdown-chart-spec.js';
import { perLayerMacsChartSpec } from '../../src/charts/per-layer-macs-chart-spec.js';
import { vegaLiteSchemaErrors } from './vega-lite-schema.js';

describe('chart builders for the report', () => {
  it('cost breakdown: valid spec, one stacked bar per model and fusion, million MACs', () => {
    const spec = costBreakdownChartSpec(
      [
        { model: 'MobileNetV1-1.0', fusion: 'pointwise', role: 'pointwise', macs: 531_628_032n },
        { model: 'MobileNetV1-1.0', fusion: 'bft', role: 'butterfly', macs: 2_500_000n },
      ],
      { normalize: true },
    );
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const values = (spec as { data: { values: { bar: string; mmacs: number }[] } }).data.values;
    expect(values.map((v) => [v.bar, v.mmacs])).toEqual([
      ['MobileNetV1-1.0 · pointwise', 531.628032],
      ['MobileNetV1-1.0 · bft', 2.5],
    ]);
  });

  it('per-layer MACs: valid spec', () => {
    const spec = perLayerMacsChartSpec(
      [
        { index: 0, layer: 'conv1', fusion: 'pointwise', macs: 10_838_016n },
        { index: 0, layer: 'conv1', fusion: 'bft', macs: 10_838_016n },
      ],
      { title: 'x', logY: true },
    );
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
  });

  it('bound plot: valid spec; edges / (n log2 n) computed by hand', () => {
    // n = 16, base 2: 2 · 16 · 4 = 128 edges → 128 / 64 = 2. n = 27, base 3: 3·27·3 = 243 → 243 / (27 · 4.7548875) = 1.892789.
    const spec = boundChartSpec([
      { n: 16, base: '2', edges: 128n },
      { n: 27, base: '3', edges: 243n },
      { n: 1, base: '2', edges: 0n },
    ]);
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const values = (spec as { layer: { data: { values: { ratio?: number }[] } }[] }).layer[0]?.data.values;
    expect(values?.map((v) => v.ratio)).toEqual([2, 1.892789]);
  });
});
