/**
 * Charts of measured latency: accuracy vs MACs beside accuracy vs measured latency (one point per
 * configuration, colour = fusion, shape = family), and the per-role share of profiled kernel time
 * (stacked, normalised bars: the time version of the paper's Figure 3). Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, fusionColour, OTHER_COLOURS } from './chart-theme.js';

/** One configuration: its accuracy, MACs (millions) and median latency (ms). */
export interface LatencyPoint {
  readonly label: string;
  readonly family: string;
  readonly fusion: string;
  readonly top1: number;
  readonly mmacs: number;
  readonly ms: number;
}

/** Two panels sharing the accuracy axis: x = million MACs (left), x = median ms (right). */
export function accuracyLatencyChartSpec(points: readonly LatencyPoint[], title: string): TopLevelSpec {
  const panel = (field: 'mmacs' | 'ms', axisTitle: string) => ({
    width: 300,
    height: 260,
    mark: { type: 'point' as const, filled: true, size: 70, tooltip: true },
    encoding: {
      x: { field, type: 'quantitative' as const, title: axisTitle, scale: { zero: false } },
      y: { field: 'top1', type: 'quantitative' as const, title: 'ImageNet top-1 (%)', scale: { zero: false } },
      color: {
        field: 'fusion',
        type: 'nominal' as const,
        title: 'fusion',
        scale: { domain: ['bft', 'pointwise'], range: [fusionColour('bft'), fusionColour('pointwise')] },
      },
      shape: { field: 'family', type: 'nominal' as const, title: 'family' },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: CHART_CONFIG,
    data: { values: points.map((p) => ({ ...p })) },
    hconcat: [panel('mmacs', 'million MACs'), panel('ms', 'median latency (ms, onnxruntime, 1 thread)')],
  };
}

/** One role's profiled time in one configuration, µs. */
export interface RoleTimeRow {
  readonly label: string;
  readonly role: string;
  readonly microseconds: number;
}

/** Stacked normalised bars: y = configuration, x = share of profiled kernel time, colour = role. */
export function roleTimeChartSpec(rows: readonly RoleTimeRow[], title: string): TopLevelSpec {
  const roles = [...new Set(rows.map((row) => row.role))].sort();
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: CHART_CONFIG,
    data: { values: rows.map((row) => ({ ...row })) },
    width: 520,
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320 } },
      x: {
        field: 'microseconds',
        type: 'quantitative',
        aggregate: 'sum',
        stack: 'normalize',
        title: 'share of profiled kernel time',
        axis: { format: '%' },
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
