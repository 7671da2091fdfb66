import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { paretoChartSpec, type ParetoChartPoint } from '../../src/charts/pareto-chart-spec.js';
import { specJson } from '../../src/charts/chart-files.js';
import { vegaLiteSchemaErrors } from './vega-lite-schema.js';

const M = 1_000_000n;
const point = (
  model: string,
  mmacs: number,
  top1: number,
  colour: string,
  facet: string,
  frontier: boolean,
): ParetoChartPoint => ({
  model,
  label: model,
  macs: BigInt(mmacs) * M,
  top1,
  colour,
  shape: facet,
  facet,
  series: `${facet} / ${colour}`,
  frontier,
  source: 'hand',
});
// Verdicts as the Pareto analysis gives them (c (40, 44) is dominated by b (30, 45)).
const POINTS = [
  point('a', 10, 40, 'pointwise', 'F', true),
  point('b', 30, 45, 'pointwise', 'F', true),
  point('c', 40, 44, 'pointwise', 'F', false),
  point('d', 20, 48, 'bft', 'F', true),
  point('e', 12, 50, 'pointwise', 'G', true),
];
const OPTIONS = {
  xUnit: 'mmacs',
  yTitle: 'top-1 accuracy (%)',
  logX: true,
  labels: true,
  colourField: 'fusion',
  shapeField: 'family',
  facetField: 'family',
  width: 300,
  height: 200,
} as const;

interface Panel {
  title: { text: string };
  data: { values: Record<string, unknown>[] };
  layer: { encoding: { x: { scale: { domain: number[] } }; y: { scale: { domain: number[] } } } }[];
}

describe('paretoChartSpec', () => {
  const spec = paretoChartSpec(POINTS, { ...OPTIONS, title: 'T' }) as unknown as { hconcat: Panel[] };

  it('is a valid Vega-Lite spec (faceted, labelled, log x) and so is the plain variant', () => {
    // The validator does reject a broken spec.
    expect(vegaLiteSchemaErrors({ mark: 'nonsense', data: { values: [] } })).not.toEqual([]);
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    expect(
      vegaLiteSchemaErrors(
        paretoChartSpec(POINTS, { ...OPTIONS, labels: false, logX: false, facetField: undefined } as never),
      ),
    ).toEqual([]);
  });

  it('has one panel per facet value, sorted, with the frontier flags and series it was given', () => {
    expect(spec.hconcat.map((panel) => panel.title.text)).toEqual(['F', 'G']);
    const rows = spec.hconcat[0]?.data.values ?? [];
    expect(rows.map((row) => [row['model'], row['frontier']])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', true],
    ]);
    expect(rows[0]).toMatchObject({
      mmacs: 10,
      top1: 40,
      fusion: 'pointwise',
      family: 'F',
      series: 'F / pointwise',
      marker: 'Pareto-optimal in its series',
      fill: 'pointwise',
      source: 'hand',
    });
    expect(rows[2]).toMatchObject({ marker: 'dominated in its series', fill: 'dominated in its series (hollow)' });
  });

  it('fixes the domains: labelled x ticks at both data ends (log, 7 % of the span beyond), y shared with ticks every 2 and 1.5 points margin', () => {
    const layer = spec.hconcat[0]?.layer[0] as unknown as {
      encoding: {
        x: { scale: { domain: number[] }; axis: { values: number[] } };
        y: { scale: { domain: number[] }; axis: { values: number[] } };
      };
    };
    // Panel F: costs 10 … 40, both already two-digit round numbers; pad = 4^0.07.
    const pad = 4 ** 0.07;
    const [x0 = 0, x1 = 0] = layer.encoding.x.scale.domain;
    expect(x0).toBeCloseTo(10 / pad, 5);
    expect(x1).toBeCloseTo(40 * pad, 5);
    expect(layer.encoding.x.axis.values[0]).toBe(10);
    expect(layer.encoding.x.axis.values.at(-1)).toBe(40);
    // Accuracies 40 … 50 over both panels: ticks 40, 42, …, 50; domain 38.5 … 51.5.
    expect(layer.encoding.y.axis.values).toEqual([40, 42, 44, 46, 48, 50]);
    expect(layer.encoding.y.scale.domain).toEqual([38.5, 51.5]);
    // Panel G: one point at 12: ticks 12 and 14 (12·1.1 rounded up to two digits).
    const g = spec.hconcat[1]?.layer[0] as unknown as { encoding: { x: { axis: { values: number[] } } } };
    expect(g.encoding.x.axis.values).toEqual([12, 14]);
  });

  it('places every label inside its panel', () => {
    for (const panel of spec.hconcat) {
      const [x0 = 0, x1 = 0] = panel.layer[0]?.encoding.x.scale.domain ?? [];
      for (const row of panel.data.values) {
        expect(row['label_x']).toBeGreaterThanOrEqual(x0);
        expect(row['label_x']).toBeLessThanOrEqual(x1);
        expect(row['label_y']).toBeGreaterThanOrEqual(38);
        expect(row['label_y']).toBeLessThanOrEqual(52);
      }
    }
  });

  it('matches the reviewed golden spec', () => {
    expect(specJson(paretoChartSpec(POINTS, { ...OPTIONS, title: 'T' }))).toBe(
      readFileSync('test/charts/golden/pareto-small.vl.json', 'utf8'),
    );
  });

  it('refuses a cost beyond 2^53 instead of plotting a rounded one', () => {
    expect(() => paretoChartSpec([{ ...POINTS[0]!, macs: 2n ** 60n }], OPTIONS)).toThrow(RangeError);
  });
});
