import type { TopLevelSpec } from 'vega-lite';
import { chartNumber } from './chart-number.js';
import { CHART_CONFIG } from './chart-theme.js';

/**
 * The bound-verification plot: edges of a fusion network divided by n·log₂ n, against n, one
 * line per base. The paper's lower bound is the horizontal line at 1; BFT with base k sits at
 * k / log₂ k (2 for k = 2 and 4, ≈ 1.89 for k = 3). Pure.
 */

/** One measured network: channel count, base, edges (MACs per pixel). */
export interface BoundPoint {
  readonly n: number;
  /** Base label, e.g. `2`, `3`, `4`, `mixed`. */
  readonly base: string;
  readonly edges: bigint;
}

/** The Vega-Lite spec: x = n (log₂ scale), y = edges / (n log₂ n), colour = base, rule at 1. */
export function boundChartSpec(points: readonly BoundPoint[], options: { readonly title?: string } = {}): TopLevelSpec {
  const values = points
    .filter((point) => point.n >= 2)
    .map((point) => ({
      n: point.n,
      base: point.base,
      edges: chartNumber(point.edges),
      ratio: Number((chartNumber(point.edges) / (point.n * Math.log2(point.n))).toFixed(6)),
    }));
  // Log-2 axis from the smallest to the largest n: labelled ticks at both ends of the data (the
  // ends themselves) and at the powers of 4 between that keep clear of them.
  const ns = values.map((value) => value.n);
  const low = Math.min(...ns);
  const high = Math.max(...ns);
  const ticks = [low];
  for (let power = 1; power < high; power *= 4) if (power > low * 1.9 && power < high / 1.9) ticks.push(power);
  ticks.push(high);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.title !== undefined ? { title: options.title } : {}),
    config: CHART_CONFIG,
    width: 480,
    height: 280,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: {
            field: 'n',
            type: 'quantitative',
            title: 'channels n (log scale)',
            scale: { type: 'log', base: 2, domain: [low, high], nice: false },
            axis: { values: ticks, format: '~g' },
          },
          y: { field: 'ratio', type: 'quantitative', title: 'edges / (n · log2 n)', scale: { zero: true } },
          color: { field: 'base', type: 'nominal', title: 'base' },
        },
      },
      {
        data: { values: [{ bound: 1 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#333333' },
        encoding: { y: { field: 'bound', type: 'quantitative' } },
      },
    ],
  };
}
