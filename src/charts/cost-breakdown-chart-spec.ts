import type { TopLevelSpec } from 'vega-lite';
import { chartNumber } from './chart-number.js';
import { CHART_CONFIG, OTHER_COLOURS } from './chart-theme.js';

/**
 * Cost breakdown by layer role, pointwise vs BFT: one stacked horizontal bar per model and
 * fusion, split by role (pointwise / BFT channel fusion, depthwise, first conv, classifier, …),
 * in million MACs. Pure.
 */

/** MACs of one role in one model under one fusion. */
export interface CostBreakdownRow {
  /** Model name, e.g. `MobileNetV1-1.0 @224`. */
  readonly model: string;
  /** `pointwise` or `bft`. */
  readonly fusion: string;
  /** Layer role, e.g. `depthwise`, `pointwise`, `butterfly`, `stem`, `classifier`. */
  readonly role: string;
  readonly macs: bigint;
}

/** Options of {@link costBreakdownChartSpec}. */
export interface CostBreakdownOptions {
  readonly title?: string;
  /** Bar length in pixels. */
  readonly width?: number;
  /** Show each role as a share of the bar's total (%) instead of million MACs. */
  readonly normalize?: boolean;
}

/** The Vega-Lite spec: y = model · fusion, x = million MACs stacked by role, colour = role. */
export function costBreakdownChartSpec(
  rows: readonly CostBreakdownRow[],
  options: CostBreakdownOptions = {},
): TopLevelSpec {
  const roles = [...new Set(rows.map((row) => row.role))].sort();
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.title !== undefined ? { title: options.title } : {}),
    config: CHART_CONFIG,
    data: {
      values: rows.map((row) => ({
        model: row.model,
        fusion: row.fusion,
        bar: `${row.model} · ${row.fusion}`,
        role: row.role,
        mmacs: chartNumber(row.macs, 1_000_000n),
      })),
    },
    width: options.width ?? 520,
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'bar', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320 } },
      x: {
        field: 'mmacs',
        type: 'quantitative',
        aggregate: 'sum',
        stack: options.normalize === true ? 'normalize' : 'zero',
        title: options.normalize === true ? 'share of MACs' : 'million MACs',
        ...(options.normalize === true ? { axis: { format: '%' } } : {}),
      },
      color: {
        field: 'role',
        type: 'nominal',
        title: 'layer role',
        scale: { domain: roles, range: roles.map((_, i) => OTHER_COLOURS[i % OTHER_COLOURS.length] ?? '#888888') },
      },
      order: { field: 'role', type: 'ordinal' },
    },
  };
}
