import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paretoChartSpec, type ParetoChartPoint } from '../../src/charts/pareto-chart-spec.js';
import { boxDistance, labelGeometry, panelsOf, quantitativeAxes, type Panel } from './chart-geometry.js';

/** Every Vega-Lite spec the report draws (the committed files equal a fresh run: committed-reports test). */
function reportSpecs(): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.vl.json'))
        found.push([path, JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>]);
    }
  };
  walk('reports');
  return found.sort(([a], [b]) => a.localeCompare(b));
}

/** Failures of the label guarantee in one panel, as readable strings. */
function labelProblems(panel: Panel): string[] {
  const items = labelGeometry(panel);
  const problems: string[] = [];
  const subtitle = [panel.title?.subtitle ?? []].flat().join(' ');
  items.forEach((item, i) => {
    if (item.box === null) {
      if (!subtitle.includes(item.label)) problems.push(`${item.label}: neither labelled nor listed`);
      return;
    }
    const { box } = item;
    if (box.left < 0 || box.top < 0 || box.right > panel.width || box.bottom > panel.height)
      problems.push(`${item.label}: outside the panel`);
    const own = boxDistance(item.marker, box);
    items.forEach((other, j) => {
      if (j === i) return;
      if (boxDistance(other.marker, box) <= own) problems.push(`${item.label}: nearer the marker of ${other.label}`);
      const b = other.box;
      if (
        b !== null &&
        j > i &&
        Math.min(box.right, b.right) > Math.max(box.left, b.left) &&
        Math.min(box.bottom, b.bottom) > Math.max(box.top, b.top)
      ) {
        problems.push(`${item.label}: overlaps ${other.label}`);
      }
    });
  });
  return problems;
}

describe('charts the report draws', () => {
  const specs = reportSpecs();

  it('finds the labelled Pareto charts and the bound chart', () => {
    const names = specs.map(([path]) => path);
    expect(names).toEqual(
      expect.arrayContaining([
        join('reports', 'pareto', 'figure-1.vl.json'),
        join('reports', 'bound', 'bound.vl.json'),
      ]),
    );
  });

  it('put every label nearer its own marker than any other, inside the panel, without overlaps', () => {
    let labels = 0;
    for (const [path, spec] of specs) {
      for (const panel of panelsOf(spec)) {
        labels += labelGeometry(panel).length;
        expect([path, labelProblems(panel)]).toEqual([path, []]);
      }
    }
    expect(labels).toBeGreaterThan(30);
  });

  it('label both ends of every log axis and of the Pareto y axes, and leave no wide empty band at the right', () => {
    for (const [path, spec] of specs) {
      for (const panel of panelsOf(spec)) {
        for (const { channel, encoding, values } of quantitativeAxes(panel)) {
          const explicit = encoding.axis?.values;
          if (encoding.scale?.type !== 'log' && explicit === undefined) continue;
          expect([path, channel, explicit !== undefined]).toEqual([path, channel, true]);
          const ticks = explicit ?? [];
          const [d0 = 0, d1 = 0] = encoding.scale?.domain ?? [Math.min(...values), Math.max(...values)];
          const min = Math.min(...values);
          const max = Math.max(...values);
          // A tick at or beyond each end of the data, inside the drawn domain.
          expect([
            path,
            channel,
            ticks.some((t) => t <= min && t >= d0),
            ticks.some((t) => t >= max && t <= d1),
          ]).toEqual([path, channel, true, true]);
          if (channel === 'x') {
            const share =
              encoding.scale?.type === 'log' ? Math.log(d1 / max) / Math.log(d1 / d0) : (d1 - max) / (d1 - d0);
            expect([path, share <= 0.1]).toEqual([path, true]);
          }
        }
      }
    }
  });
});

describe('paretoChartSpec label placement', () => {
  const M = 1_000_000n;
  const p = (label: string, mmacs: number, top1: number, colour: string): ParetoChartPoint => ({
    model: label,
    label,
    macs: (BigInt(Math.round(mmacs * 1e6)) * M) / 1_000_000n,
    top1,
    colour,
    // Every point on its own series' frontier: this test is about label placement only.
    series: label,
    frontier: true,
    source: 'hand',
  });
  it("keeps the labels of the issue's two neighbours (51 M 57.56 %, 52 M 58.35 %) each nearest its own marker", () => {
    const points = [
      p('0.5 @128', 49, 56.3, 'pointwise'),
      p('1.0+BFT @192', 51.4, 57.56, 'bft'),
      p('2.0+BFT @128', 52.3, 58.35, 'bft'),
      p('1.0+BFT @160', 35.7, 54.3, 'bft'),
      p('0.5 @192', 110, 61.7, 'pointwise'),
      p('2.0+BFT @192', 114, 63.1, 'bft'),
      p('1.0+BFT @128', 22.8, 52.3, 'bft'),
      p('0.25 @224', 41, 50.6, 'pointwise'),
      p('0.25 @128', 14, 41.5, 'pointwise'),
    ];
    const spec = paretoChartSpec(points, {
      xUnit: 'mmacs',
      yTitle: 'top-1 accuracy (%)',
      logX: true,
      labels: true,
      colourField: 'fusion',
      width: 420,
      height: 320,
    });
    const [panel] = panelsOf(spec as unknown as Record<string, unknown>);
    expect(labelProblems(panel as Panel)).toEqual([]);
  });
});
