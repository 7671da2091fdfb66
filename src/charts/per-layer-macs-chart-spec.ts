import type { TopLevelSpec } from 'vega-lite';
import { chartNumber } from './chart-number.js';
import { categoryColours, CHART_CONFIG } from './chart-theme.js';

/**
 * Per-layer MACs of one network under pointwise and BFT fusion: grouped bars per layer in
 * execution order, so the layers where BFT saves (the 1×1 convs) stand out. Pure.
 */

/** MACs of one layer under one fusion. */
export interface LayerMacsRow {
  /** Position in execution order (sorts the x axis). */
  readonly index: number;
  /** Layer name, e.g. `block3/pointwise`. */
  readonly layer: string;
  /** `pointwise` or `bft`. */
  readonly fusion: string;
  readonly macs: bigint;
}

/** The Vega-Lite spec: x = layer (execution order), y = million MACs, bars side by side per fusion. */
export function perLayerMacsChartSpec(
  rows: readonly LayerMacsRow[],
  options: { readonly title?: string; readonly logY?: boolean } = {},
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.title !== undefined ? { title: options.title } : {}),
    config: CHART_CONFIG,
    data: {
      values: rows.map((row) => ({
        index: row.index,
        layer: row.layer,
        fusion: row.fusion,
        mmacs: chartNumber(row.macs, 1_000_000n),
      })),
    },
    width: { step: 9 },
    height: 260,
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: {
        field: 'layer',
        type: 'nominal',
        title: 'layer (execution order)',
        sort: { field: 'index', op: 'min' },
        axis: { labelAngle: -60, labelFontSize: 8 },
      },
      xOffset: { field: 'fusion', type: 'nominal' },
      y: {
        field: 'mmacs',
        type: 'quantitative',
        title: 'million MACs',
        scale: { type: options.logY === true ? 'symlog' : 'linear' },
      },
      color: {
        field: 'fusion',
        type: 'nominal',
        title: 'channel fusion',
        scale: categoryColours(rows.map((row) => row.fusion)),
      },
    },
  };
}
